"""`trackinglint scan [PATH…]`: the inventory of analytics calls in source code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .cli_habits import require_paths
from .config import Settings, config_error, settings_for


def add_parser(commands: Any) -> None:
    scan = commands.add_parser(
        "scan", help="list every analytics call in source code (event, properties, SDK, place)"
    )
    scan.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    scan.add_argument("--output-format", choices=("table", "json"), default="table")
    add_code_options(scan)
    scan.add_argument("--config", type=Path, metavar="FILE", help="use this configuration file")


def add_code_options(command: argparse.ArgumentParser) -> None:
    """Options shared by `scan`, `check --code` and `convert --from-code`."""
    command.add_argument(
        "--track-function",
        action="append",
        default=[],
        metavar="SIGNATURE",
        help="a wrapper that sends events, e.g. 'trackEvent(EVENT_NAME, PROPERTIES)' or "
        "'Analytics.log(userId, EVENT_NAME, PROPERTIES)'; a bare name means "
        "(EVENT_NAME, PROPERTIES); repeatable; adds to `track-functions` in the config",
    )
    command.add_argument(
        "--no-cache", action="store_true", help="parse every file again (.trackinglint_cache/)"
    )


def code_options(args: argparse.Namespace, settings: Settings) -> Any:
    """ScanOptions from the command line and the configuration; a bad signature is a
    located configuration error (or a usage error when given on the command line)."""
    from .code.scan import ScanOptions
    from .code.shapes import SignatureError, wrapper_shape

    given = [(s, True) for s in settings.track_functions]
    given += [(s, False) for s in args.track_function]
    for signature, configured in given:
        try:
            wrapper_shape(signature)
        except SignatureError as exc:
            if configured:
                raise config_error(settings.source, "track-functions", str(exc)) from None
            raise argparse.ArgumentTypeError(f"--track-function: {exc}") from None
    return ScanOptions(
        track_functions=(*settings.track_functions, *args.track_function),
        cache=not args.no_cache,
    )


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Print the inventory; 0 when the scan ran, 2 for usage errors or missing grammars."""
    from .code.languages import MissingGrammar
    from .code.report import as_json, as_table
    from .code.scan import scan

    paths = args.paths or ["."]
    require_paths(paths, parser)
    settings = settings_for(Path(paths[0]).absolute() / "_", args.config)
    try:
        options = code_options(args, settings)
        result = scan(paths, options)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    except MissingGrammar as exc:
        print(f"trackinglint: error: {exc}", file=sys.stderr)
        return 2
    for note in result.notes:
        print(f"trackinglint: note: {note.text()}", file=sys.stderr)
    print(as_json(result.calls) if args.output_format == "json" else as_table(result.calls))
    return 0


def add_check_options(check: argparse.ArgumentParser) -> None:
    """`check --code PATH`: also check the analytics calls in PATH against the plan."""
    check.add_argument(
        "--code",
        action="append",
        default=[],
        metavar="PATH",
        help="source files or folders whose analytics calls are checked against the plan "
        "(TL3xx); repeatable; replaces `code` in the config",
    )
    check.add_argument(
        "--code-files",
        action="store_true",
        help="the PATHs are source files: report drift (TL3xx) at their calls only, against "
        "the plans under the current folder; the configured `code` paths (or the current "
        "folder) are still scanned so names defined elsewhere resolve (the trackinglint-code "
        "pre-commit hook passes the staged files)",
    )
    add_code_options(check)


def add_diff_options(diff: argparse.ArgumentParser) -> None:
    """`diff --code PATH`: report calls in PATH whose event the change removed (TD012)."""
    diff.add_argument(
        "--code",
        action="append",
        default=[],
        metavar="PATH",
        help="source files or folders whose calls are checked for events the change removes "
        "or renames (TD012); repeatable; replaces `code` in the config",
    )
    add_code_options(diff)


def code_files(args: argparse.Namespace) -> None:
    """`check --code-files A B`: A and B are the code to report on; the plans are found
    from the current folder."""
    if args.code_files:
        args.only_code = {_display(path) for path in args.paths}
        args.paths = []
    else:
        args.only_code = None


def _display(path: str) -> str:
    absolute = Path(path).absolute().as_posix()
    here = Path.cwd().absolute().as_posix()
    return absolute[len(here) + 1 :] if absolute.startswith(here + "/") else absolute


def code_hook(args: argparse.Namespace) -> Any:
    """The engine's `code_facts`: the scan of `--code` (or the config's `code`), once per
    set of paths and options; None when neither names code."""
    scanned: dict[Any, Any] = {}

    def facts_for(settings: Settings) -> Any:
        only = getattr(args, "only_code", None)
        paths = tuple(args.code) or settings.code or ((".",) if only is not None else ())
        if not paths or only == set():
            return None
        from .code.drift import code_facts
        from .code.languages import MissingGrammar
        from .config import ConfigError

        try:
            options = code_options(args, settings)
        except argparse.ArgumentTypeError as exc:
            raise ConfigError(str(exc)) from None
        key = (paths, options)
        if key not in scanned:
            for path in paths:
                if not Path(path).exists():
                    raise config_error(settings.source if not args.code else None, "code",
                                       f"no such file or folder: {path}")  # fmt: skip
            try:
                scanned[key] = code_facts(paths, options, only)
            except MissingGrammar as exc:
                raise ConfigError(str(exc)) from None
            for note in scanned[key].notes:
                print(f"trackinglint: note: {note.text()}", file=sys.stderr)
        return scanned[key]

    return facts_for


def add_convert_options(convert: argparse.ArgumentParser) -> None:
    """`convert --from-code PATH…`: draft a native plan from the calls in the code."""
    convert.add_argument(
        "--from-code",
        action="store_true",
        help="the paths are source code: write a native plan of the events its calls send",
    )
    add_code_options(convert)


def convert_from_code(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .code.languages import MissingGrammar
    from .code.scan import scan
    from .code.to_plan import plan_yaml
    from .convert import write_plan_text

    if args.output is not None and args.output.is_dir():
        parser.error(f"--output {args.output} is a folder; name the file to write, e.g. plan.yaml")
    settings = settings_for(Path(args.paths[0]).absolute() / "_", args.config)
    try:
        result = scan(args.paths, code_options(args, settings))
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    except MissingGrammar as exc:
        print(f"trackinglint: error: {exc}", file=sys.stderr)
        return 2
    for note in result.notes:
        print(f"trackinglint: note: {note.text()}", file=sys.stderr)
    text = plan_yaml(result.calls, args.paths)
    events = len({c.event for c in result.calls if c.event is not None})
    return write_plan_text(text, args, parser, events)
