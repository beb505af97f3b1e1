"""`check` options people bring from Ruff: `--fix`, `--diff`, `--show-settings`,
and a plan read from stdin (`-` with `--stdin-filename`).

Each option's work lives here so cli.py only wires them in.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

STDIN = "-"
DEFAULT_STDIN_NAME = "stdin.yaml"


def add_check_habits(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "--fix",
        action="store_true",
        help="apply the safe fixes (they never rename an event or property or change a type)",
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="print the safe fixes as a unified diff instead of applying them "
        "(exit 1 when there is something to fix)",
    )
    check.add_argument(
        "--show-settings",
        action="store_true",
        help="print the settings that govern the first PATH, and where each came from; then exit",
    )
    check.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="with PATH '-': the name the plan read from stdin is reported under "
        "(and configured as); default: stdin.yaml",
    )


def require_paths(
    paths: list[str],
    parser: argparse.ArgumentParser,
    stdin: Mapping[Path, str] | None = None,
) -> None:
    """Every named path exists (or is read from stdin): a typo is a usage error, exit 2."""
    for given in paths:
        if not Path(given).exists() and Path(given) not in (stdin or {}):
            parser.error(f"no such file or folder: {given}")


def read_stdin(args: argparse.Namespace, parser: argparse.ArgumentParser) -> dict[Path, str]:
    """Replace a `-` PATH with the stdin filename; returns the text read, by path."""
    if STDIN not in args.paths:
        if args.stdin_filename is not None:
            parser.error("--stdin-filename needs '-' among the PATHs")
        return {}
    if args.paths.count(STDIN) > 1:
        parser.error("'-' (stdin) can be given once")
    name = Path(args.stdin_filename or DEFAULT_STDIN_NAME)
    args.paths = [str(name) if given == STDIN else given for given in args.paths]
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    return {name: text}


def run_fixes(
    lint: Callable[[Mapping[Path, str] | None], Any],
    stdin: Mapping[Path, str],
    *,
    write: bool,
) -> tuple[Any, int | None]:
    """`--fix` or `--diff`: returns the result to report, and an exit code when the
    run ends here (`--diff`)."""
    from .fixes.run import UnsafeFix, fix

    def lint_with(contents: Mapping[Path, str] | None) -> Any:
        merged = {**stdin, **(contents or {})}
        return lint(merged or None)

    try:
        run = fix(lint_with, originals=stdin)
    except UnsafeFix as exc:
        print(
            f"trackinglint: error: {exc}; nothing was written (please report this)", file=sys.stderr
        )
        return None, 2
    for note in run.notes:
        print(f"trackinglint: {note}", file=sys.stderr)
    noun = "finding" if run.fixed == 1 else "findings"
    if not write:
        sys.stdout.write(run.unified_diff())
        sys.stdout.flush()
        print(f"trackinglint: would fix {run.fixed} {noun}", file=sys.stderr)
        return run.result, 1 if run.texts else 0
    if stdin:  # `--fix -`: the fixed plan goes to stdout, as Ruff does
        name = next(iter(stdin))
        text = run.texts.get(name.resolve(), (None, stdin[name]))[1]
        sys.stdout.write(text)
        return run.result, None
    shown = len(run.notes)
    written = run.write()
    for note in run.notes[shown:]:  # files that could not be written
        print(f"trackinglint: {note}", file=sys.stderr)
    result = run.result
    if len(written) < len(run.texts):  # report what is on disk now
        result = lint_with(None)
        run.fixed = run.count_fixed(result)
        noun = "finding" if run.fixed == 1 else "findings"
    if run.fixed:
        files = "file" if len(written) == 1 else "files"
        print(f"trackinglint: fixed {run.fixed} {noun} in {len(written)} {files}", file=sys.stderr)
    return result, None


def lint_for_check(
    engine: Any, args: argparse.Namespace, stdin: Mapping[Path, str], output_format: str
) -> tuple[Any, int | None]:
    """The check's lint run: plain, or with `--fix`/`--diff`, under a progress bar
    when a person is watching. Returns the result and an exit code if the run ends."""
    from .progress import progress_for

    def lint(contents: Mapping[Path, str] | None) -> Any:
        return engine.lint(
            args.paths,
            contents=contents,
            force_exclude=args.force_exclude,
            skip_unrecognized=args.skip_unrecognized,
            whole_plan=getattr(args, "whole_plan", False),
        )

    with progress_for(engine, output_format, sys.stderr):
        if args.fix or args.diff:
            return run_fixes(lint, stdin, write=not args.diff)
        return lint(stdin or None), None


def unknown_rule_message(wanted: str, registry: Any) -> str:
    """`trackinglint rule TL2O6`: say so, with the likeliest code or name meant."""
    import difflib

    from .diff.codes import DIFF_RULES

    rules = [*registry.rules.values(), *DIFF_RULES.values()]
    by_key = {key: rule for rule in rules for key in (rule.code, rule.name)}
    found = difflib.get_close_matches(wanted.upper(), [r.code for r in rules], n=1, cutoff=0.8)
    found = found or difflib.get_close_matches(wanted.lower(), [r.name for r in rules], n=1)
    hint = ""
    if found:
        rule = by_key[found[0]]
        hint = f"; did you mean {rule.code} ({rule.name})?"
    return f"unknown rule '{wanted}'{hint} (see `trackinglint rules`)"


def add_accept_options(diff: argparse.ArgumentParser) -> None:
    diff.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="CODE:PATH",
        help="accept an intended change, e.g. TD001:'events.\"Legacy Signup\"' (repeatable); "
        "it is reported as accepted and does not fail the run",
    )
    diff.add_argument(
        "--accept-file",
        type=Path,
        metavar="FILE",
        help="the reviewed list of accepted changes (default: .trackinglint-accept.toml "
        "in the current folder or above)",
    )


def accept_changes(result: Any, args: argparse.Namespace) -> Any:
    """Take the accepted changes (file and `--accept`) out of the diff's findings."""
    from .diff.accept import accept, find_accept_file, load_accept_file, parse_flag

    entries = [parse_flag(text) for text in args.accept]
    found = find_accept_file(args.accept_file, Path.cwd())
    if found is not None:
        entries = load_accept_file(found) + entries
    return accept(result, entries)


def report_accepted(accepted: Any, output_format: str) -> None:
    """Accepted changes after a human report (on stdout), beside a machine one (stderr)."""
    from .diff.accept import accepted_lines, unused_lines

    lines = accepted_lines(accepted)
    stream = sys.stdout if output_format in ("full", "concise") else sys.stderr
    if lines:
        noun = "change" if len(lines) == 1 else "changes"
        stream.write(f"Accepted {len(lines)} {noun}:\n" + "".join(f"  {x}\n" for x in lines))
        stream.flush()
    for line in unused_lines(accepted):
        print(line, file=sys.stderr)
