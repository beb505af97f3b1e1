"""The command line: `trackinglint check | diff | rules | rule CODE | schema | classify |
report | server`.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration
or internal error. Bad input never produces a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .cli_config import add_config_options, resolve_config, show_settings
from .cli_habits import (
    accept_changes,
    add_accept_options,
    add_check_habits,
    lint_for_check,
    read_stdin,
    report_accepted,
    require_paths,
    unknown_rule_message,
)
from .config import FAIL_ON, ConfigError
from .engine import Engine, LintResult
from .findings import Severity
from .outputs import (
    OutputError,
    default_format,
    main_output,
    output_spec,
    unknown_formats,
    write_main_output,
    write_outputs,
)
from .plugins import Registry, build_registry
from .policy import Overrides
from .readers.selection import unknown_format
from .reporters import Reporter

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def run() -> None:
    """Entry point of the `trackinglint` console script and `python -m trackinglint`.

    A one-shot process: the cyclic garbage collector stays off (the plan's
    objects live until the end anyway), and the process ends without tearing
    down its objects one by one, which on a large plan takes longer than
    printing the report.
    """
    gc.disable()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (used in-process by tests)."""
    try:
        return _main(argv)
    except ConfigError as exc:
        print(f"trackinglint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except SystemExit as exc:  # argparse: --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_ERROR)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_FINDINGS
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the promise: never a traceback for the user
        if os.environ.get("TRACKINGLINT_DEBUG"):
            raise
        print(
            f"trackinglint: internal error: {type(exc).__name__}: {exc}\n"
            "Please report this, with the command and the file; set TRACKINGLINT_DEBUG=1 "
            "to see the traceback.",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.config = resolve_config(args, parser)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    if args.command == "server":
        if not 0 <= args.debounce <= 10:
            parser.error("--debounce: expected a number of seconds from 0 to 10")
        from .server import serve  # pygls is imported only here

        return serve(debounce=args.debounce)
    _safe_output()
    if args.command == "scan":  # (needs no registry: rules, readers and plugins stay unloaded)
        from .cli_scan import run as scan

        return scan(args, parser)
    registry = build_registry()
    if args.command == "check":
        return _check(args, registry, parser)
    if args.command == "rules":
        return _rules(args, registry)
    if args.command == "schema":
        return _schema(args.output)
    if args.command == "classify":
        return _classify(args, registry, parser)
    if args.command == "convert":
        from .convert import run as convert

        return convert(args, registry, parser)
    if args.command == "diff":
        return _diff(args, registry, parser)
    if args.command == "report":
        return _html_report(args, registry, parser)
    return _rule(args, registry)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trackinglint",
        description="Lint analytics tracking plans for schema, naming and metrics "
        "that reward motion instead of progress.",
    )
    parser.add_argument("--version", action="version", version=f"trackinglint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="lint plan files (the default job)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    from .cli_scan import add_check_options

    add_check_options(check)
    check.add_argument(
        "--output-format",
        metavar="FORMAT",
        default=None,
        help="full (default; github inside GitHub Actions), concise, json, sarif, github, "
        "junit, gitlab, html, or a plugin's format",
    )
    check.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="comma-separated rule codes, prefixes or names to run",
    )
    check.add_argument(
        "--extend-select",
        type=_codes,
        default=(),
        metavar="CODES",
        help="rules to run in addition to the configured ones",
    )
    check.add_argument("--ignore", type=_codes, default=(), metavar="CODES", help="rules to skip")
    check.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=None,
        help="lowest severity that fails the run (default: error)",
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when findings fail the run"
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="print how often each rule fired instead of each finding",
    )
    check.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="report only findings at or above --fail-on, then the summary",
    )
    add_config_options(check)
    add_check_habits(check)
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply `exclude` to files named on the command line too",
    )
    check.add_argument(
        "--skip-unrecognized",
        action="store_true",
        help="pass over named files that are not plans (for pre-commit)",
    )
    check.add_argument(
        "--plan-format",
        metavar="FORMAT",
        help="read every file as this format instead of detecting it, in folders too "
        "(native, segment, rudderstack, iglu, avo, csv, …)",
    )
    check.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="pass over files .gitignore ignores in folder walks (default: on, or the "
        "config's respect-gitignore)",
    )
    check.add_argument(
        "--whole-plan",
        action="store_true",
        help="read the rest of each named file's plan for context, within its repository, "
        "and report only the named files' findings (the pre-commit hook does)",
    )
    check.add_argument(
        "--show-files",
        action="store_true",
        help="list the plans found and their files (and what was passed over), then exit",
    )
    _add_output_option(check)
    baseline = check.add_mutually_exclusive_group()
    baseline.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="hide the findings recorded in this baseline file; report only new ones",
    )
    baseline.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="record the current findings in this baseline file (and exit 0)",
    )

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--output-format", choices=("table", "json"), default="table")

    rule = commands.add_parser("rule", help="show a rule's page")
    rule.add_argument("code", help="rule code or name, e.g. TL104 or target-on-surface-metric")

    schema = commands.add_parser("schema", help="print the native format's JSON Schema (draft-07)")
    schema.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="write the schema to FILE (e.g. beside your plans, for editors) instead of stdout",
    )

    classify = commands.add_parser(
        "classify", help="show how each event and metric is classified, and why"
    )
    classify.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    classify.add_argument("--output-format", choices=("table", "json"), default="table")
    add_config_options(classify)

    from .convert import add_parser as add_convert_parser

    add_convert_parser(commands)
    from .cli_scan import add_parser as add_scan_parser

    add_scan_parser(commands)

    report = commands.add_parser(
        "report", help="write an HTML page: motion against progress, jobs, metrics, findings"
    )
    report.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    report.add_argument(
        "--output",
        "-o",
        type=Path,
        default=Path("report.html"),
        metavar="FILE",
        help="where to write the page (default: report.html)",
    )
    report.add_argument("--config", type=Path, metavar="FILE", help="use this configuration file")

    diff = commands.add_parser(
        "diff", help="report the breaking changes between two versions of a plan"
    )
    diff.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="OLD and NEW (files or folders); with --base, what to compare (default: .)",
    )
    diff.add_argument(
        "--base", metavar="REV", help="compare the working tree with this git revision"
    )
    diff.add_argument("--output-format", metavar="FORMAT", default=None, help="as for check")
    _add_output_option(diff)
    diff.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=None,
        help="lowest severity of a change that fails the run (default: error)",
    )
    diff.add_argument("--exit-zero", action="store_true", help="exit 0 even with failing changes")
    add_config_options(diff)
    diff.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    add_accept_options(diff)
    from .cli_scan import add_diff_options

    add_diff_options(diff)

    server = commands.add_parser(
        "server", help="run the language server for editors (LSP over stdin and stdout)"
    )
    server.add_argument(
        "--stdio",
        action="store_true",
        help="accepted for editors that pass it; stdio is the default",
    )
    server.add_argument(
        "--debounce",
        type=float,
        default=0.15,
        metavar="SECONDS",
        help="quiet time after a keystroke before linting (default: 0.15)",
    )
    return parser


def _codes(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _require_inputs(
    args: argparse.Namespace,
    parser: argparse.ArgumentParser,
    stdin: Mapping[Path, str] | None = None,
) -> None:
    """Every named path exists (or is read from stdin), and so does `--config FILE`."""
    require_paths(args.paths, parser, stdin)
    if args.config is not None and not args.config.is_file():
        parser.error(f"no such configuration file: {args.config}")


def _check(args: argparse.Namespace, registry: Registry, parser: argparse.ArgumentParser) -> int:
    reporter = _reporter(args, registry, parser)
    stdin = read_stdin(args, parser)
    _require_inputs(args, parser, stdin)
    from .baseline import apply_baseline, load_baseline

    baseline = load_baseline(args.baseline) if args.baseline is not None else None
    unknown = unknown_format(args.plan_format, registry.readers)
    if unknown:
        parser.error(unknown)
    overrides = Overrides(
        args.select,
        args.extend_select,
        args.ignore,
        args.fail_on,
        plan_format=args.plan_format,
        respect_gitignore=args.respect_gitignore,
    )
    from .cli_scan import code_files, code_hook

    code_files(args)
    engine = Engine(registry, config_file=args.config, overrides=overrides)
    engine.code_facts = code_hook(args)
    if args.show_files:
        return _show_files(engine, args)
    if args.show_settings:
        target = Path(args.paths[0]) if args.paths else Path.cwd()
        return show_settings(target, args.config, args, sys.stdout)
    result, ended = lint_for_check(engine, args, stdin, args.output_format or "full")
    if ended is not None:
        return ended
    if stdin and args.fix and not args.diff:  # stdout holds the fixed plan: report on stderr
        with contextlib.redirect_stdout(sys.stderr):
            return _report(result, reporter, args, registry)
    if args.write_baseline is not None:
        return _write_baseline(result, args.write_baseline)
    if baseline is not None:
        result = apply_baseline(result, baseline, engine)
    if args.statistics:
        from .reporters.statistics import report_statistics

        reporter = report_statistics
    return _report(result, reporter, args, registry, shown=_quiet(result) if args.quiet else None)


def _show_files(engine: Engine, args: argparse.Namespace) -> int:
    """`check --show-files`: each plan and its files; what was passed over, and why."""
    groups, result = engine.plans(args.paths, force_exclude=args.force_exclude)
    for group in groups:
        files = [m.document.display_path for m in group.members if m.report]
        formats = sorted({str(getattr(m.reader, "name", "?")) for m in group.members})
        print(f"plan {group.label} ({', '.join(formats)}; {len(files)} file(s))")
        for file in files:
            print(f"  {file}")
    for given, passed in result.passed.items():
        for file, why in passed:
            print(f"passed over {file}: {why}  (under {given})")
    return _refuse_unread(result) or EXIT_CLEAN


def _refuse_unread(result: LintResult) -> int:
    """Never a silent pass: a named path that gave no plan is an error, with reasons."""
    if not (result.unread or result.refused):
        return EXIT_CLEAN
    for given, why in result.refused:
        print(f"trackinglint: error: cannot read '{given}': {why}", file=sys.stderr)
    for given, reasons in result.unread.items():
        print(f"trackinglint: error: no tracking plan found in '{given}'", end="", file=sys.stderr)
        if not reasons:
            print(": no candidate plan files (YAML, JSON, CSV) there", file=sys.stderr)
            continue
        print("; passed over:", file=sys.stderr)
        for file, why in reasons[:_REASONS_SHOWN]:
            print(f"  {file}: {why}", file=sys.stderr)
        if len(reasons) > _REASONS_SHOWN:
            more = len(reasons) - _REASONS_SHOWN
            print(f"  … and {more} more (see --show-files)", file=sys.stderr)
    print(
        "trackinglint: name the format with --plan-format, the columns with csv-columns, or "
        "where your own shape keeps its events with plan-mapping, "
        "if a file is a plan trackinglint did not recognise",
        file=sys.stderr,
    )
    return EXIT_ERROR


_REASONS_SHOWN = 20


def _quiet(result: LintResult) -> LintResult:
    """The result as `--quiet` reports it: findings below --fail-on are counted, not shown."""
    kept = [f for f in result.findings if f.severity.rank >= result.fail_on.rank]
    return dataclasses.replace(result, findings=kept, hidden=len(result.findings) - len(kept))


def _report(
    result: LintResult,
    reporter: Reporter,
    args: argparse.Namespace,
    registry: Registry,
    shown: LintResult | None = None,
) -> int:
    """The main report on stdout (of `shown`, when given), the `--output` files, and the
    exit code (both of the whole result)."""
    stream = sys.stdout
    report_file = main_output(args.output)
    try:
        if report_file is None:
            reporter(shown or result, stream, color=_use_color(args.color, stream))
            stream.flush()
    except BrokenPipeError:  # `trackinglint check | head`: the reader has seen enough
        _silence_stdout()
    try:
        if report_file is not None:
            write_main_output(shown or result, reporter, report_file)
        write_outputs(result, args.output, registry.reporters)
    except OutputError as exc:
        print(f"trackinglint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return _refuse_unread(result) or exit_code(result, exit_zero=args.exit_zero)


def _add_output_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--output",
        type=output_spec,
        action="append",
        default=[],
        metavar="[FORMAT=]FILE",
        help="FILE: write the report there instead of stdout; FORMAT=FILE: also write a "
        "report in FORMAT, e.g. sarif=results.sarif (repeatable)",
    )


def _reporter(
    args: argparse.Namespace, registry: Registry, parser: argparse.ArgumentParser
) -> Reporter:
    """The main report's reporter; unknown formats (here or in --output) are usage errors."""
    choices = ", ".join(registry.reporters)
    format_name = args.output_format or default_format(os.environ)
    reporter = registry.reporters.get(format_name)
    if reporter is None:
        parser.error(f"unknown output format '{format_name}' (choose from {choices})")
    for name in unknown_formats(args.output, registry.reporters):
        parser.error(f"--output: unknown format '{name}' (choose from {choices})")
    bare = [output.file for output in args.output if not output.format]
    if len(bare) > 1:
        parser.error("--output: name one FILE for the main report (more as FORMAT=FILE)")
    if bare and bare[0].as_posix() in registry.reporters and not bare[0].suffix:
        parser.error(
            f"--output {bare[0]}: to write a {bare[0]} report give {bare[0]}=FILE "
            "(a bare FILE takes the main report)"
        )
    return reporter


def _write_baseline(result: LintResult, path: Path) -> int:
    from .baseline import write_baseline

    entries, findings = write_baseline(result, path)
    noun = "entry" if entries == 1 else "entries"
    print(
        f"trackinglint: recorded {findings} finding{'' if findings == 1 else 's'} "
        f"in {entries} {noun} in {path}",
        file=sys.stderr,
    )
    if result.has_internal_errors:
        print(
            "trackinglint: error: internal errors (TL000) are never recorded; "
            "run without --write-baseline to see them",
            file=sys.stderr,
        )
        return EXIT_ERROR
    return EXIT_CLEAN


def _diff(args: argparse.Namespace, registry: Registry, parser: argparse.ArgumentParser) -> int:
    from .cli_scan import code_hook
    from .diff.run import diff_git, diff_paths

    reporter = _reporter(args, registry, parser)
    if args.base is None and len(args.paths) != 2:
        parser.error("diff compares two plans: give OLD and NEW, or --base REV [PATH ...]")
    _require_inputs(args, parser)
    if args.base is None:
        old, new = (Path(given) for given in args.paths)
        result = diff_paths(
            old, new, registry, config_file=args.config, fail_on=args.fail_on, code=code_hook(args)
        )
    else:
        result = diff_git(args.base, args.paths, registry, config_file=args.config,
                          fail_on=args.fail_on, code=code_hook(args))  # fmt: skip
    accepted = accept_changes(result, args)
    code = _report(result, reporter, args, registry)
    report_accepted(accepted, args.output_format or default_format(os.environ))
    return code


def _html_report(
    args: argparse.Namespace, registry: Registry, parser: argparse.ArgumentParser
) -> int:
    """`report`: lint as `check` does, write the HTML page; 0 once written, 2 on errors."""
    from .outputs import Output

    _require_inputs(args, parser)
    result = Engine(registry, config_file=args.config).lint(args.paths)
    try:
        write_outputs(result, [Output("html", args.output)], registry.reporters)
    except OutputError as exc:
        print(f"trackinglint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    findings = len(result.findings)
    print(
        f"trackinglint: wrote {args.output} ({len(result.plans)} plan"
        f"{'' if len(result.plans) == 1 else 's'}, {findings} finding"
        f"{'' if findings == 1 else 's'})",
        file=sys.stderr,
    )
    return EXIT_ERROR if result.has_internal_errors else EXIT_CLEAN


def _classify(args: argparse.Namespace, registry: Registry, parser: argparse.ArgumentParser) -> int:
    from .classification.report import run

    _require_inputs(args, parser)
    return run(
        args.paths,
        registry,
        config_file=args.config,
        output_format=args.output_format,
        out=sys.stdout,
        err=sys.stderr,
    )


def exit_code(result: LintResult, *, exit_zero: bool = False) -> int:
    if result.has_internal_errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    threshold = result.fail_on.rank
    failing = any(f.severity.rank >= threshold for f in result.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _with_configured_rules(registry: Registry) -> Registry:
    """Add the rules the configuration for the current folder declares as data."""
    from .config import settings_for
    from .policy import build_policy

    build_policy(settings_for(Path.cwd() / "_"), registry, Overrides())
    return registry


def _rules(args: argparse.Namespace, registry: Registry) -> int:
    rules = sorted(_with_configured_rules(registry).rules.values(), key=lambda r: r.code)
    if args.output_format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "group": r.group,
                "enabled_by_default": r.enabled_by_default,
                "summary": r.summary,
                "options": {k: o.default for k, o in r.options.items()},
            }
            for r in rules
        ]
        print(json.dumps(data, indent=2))
        return EXIT_CLEAN
    name_width = max((len(r.name) for r in rules), default=4)
    print(f"{'CODE':<7} {'NAME':<{name_width}} {'SEVERITY':<8} {'GROUP':<8} DEFAULT")
    for r in rules:
        default = "on" if r.enabled_by_default else "off"
        print(f"{r.code:<7} {r.name:<{name_width}} {r.severity.value:<8} {r.group:<8} {default}")
    return EXIT_CLEAN


def _rule(args: argparse.Namespace, registry: Registry) -> int:
    from .rule_pages import page_text

    wanted = args.code.strip()
    registry = _with_configured_rules(registry)
    rule = registry.rules.get(wanted.upper()) or registry.rule_by_name(wanted)
    if rule is None:
        from .diff.codes import diff_rule

        rule = diff_rule(wanted)
    if rule is None:
        print(f"trackinglint: error: {unknown_rule_message(wanted, registry)}", file=sys.stderr)
        return EXIT_ERROR
    sys.stdout.write(page_text(rule))
    return EXIT_CLEAN


def _schema(output: Path | None) -> int:
    from .schema import native_schema

    text = json.dumps(native_schema(), indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
        return EXIT_CLEAN
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"trackinglint: error: cannot write {output}: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_CLEAN


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail too."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _safe_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


__all__ = ["EXIT_CLEAN", "EXIT_ERROR", "EXIT_FINDINGS", "Severity", "exit_code", "main"]
