"""The command line's configuration habits: `--config FILE` or `--config KEY=VALUE`
(repeatable, as in Ruff), `--isolated`, and `check --show-settings`.

A `--config` value naming an existing file keeps its old meaning (use that
file instead of searching); anything with `=` is a setting laid over
whichever file applies. `--show-settings` prints the settings that govern a
path, and where each value came from: the default, a file, or the command line.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import fields
from pathlib import Path
from typing import Any, TextIO

from .config import (
    CommandLineConfig,
    ConfigError,
    Settings,
    check_overrides,
    command_line,
    find_config,
    known_keys,
    parse_override,
    raw_table,
    settings_for,
    use_command_line,
)

# settings that the check command's own flags override, and the flag that does it
_FLAGS = {
    "select": "select",
    "extend-select": "extend_select",
    "ignore": "ignore",
    "fail-on": "fail_on",
    "plan-format": "plan_format",
}
_ADDED = frozenset({"extend-select", "ignore"})  # these flags add to the configuration


def add_config_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--config",
        action="append",
        default=[],
        metavar="FILE|KEY=VALUE",
        help="a configuration file to use instead of searching, or a setting laid over the "
        "configuration, e.g. --config 'fail-on=\"warning\"' (repeatable)",
    )
    command.add_argument("--isolated", action="store_true", help="ignore every configuration file")


def resolve_config(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Path | None:
    """Split `--config` values into the file and the settings; set the command-line layer.

    Returns the configuration file named, if any (what `args.config` meant before).
    """
    use_command_line(CommandLineConfig())
    given = getattr(args, "config", None)
    if given is None or isinstance(given, Path):
        return given
    files: list[Path] = []
    values: list[tuple[str, Any]] = []
    for text in given:
        if Path(text).is_file():
            files.append(Path(text))
        elif "=" in text:
            values.append(parse_override(text))
        else:
            parser.error(f"no such configuration file: {text} (or give KEY=VALUE)")
    if len(files) > 1:
        parser.error("--config: name one configuration file (more can be given as KEY=VALUE)")
    isolated = bool(getattr(args, "isolated", False))
    if isolated and files:
        parser.error("--isolated ignores configuration files: drop it or the --config FILE")
    check_overrides(tuple(values))
    use_command_line(CommandLineConfig(isolated, tuple(values)))
    return files[0] if files else None


def show_settings(
    path: Path, config_file: Path | None, args: argparse.Namespace, out: TextIO
) -> int:
    """Print the settings governing `path`, one `key = value  # source` line each."""
    settings = settings_for(path / "_" if path.is_dir() else path, config_file)
    layer = command_line()
    if config_file is not None:
        source = config_file.resolve()
    elif layer.isolated:
        source = None
    else:
        source = find_config((path if path.is_dir() else path.parent).resolve())
    from_file = raw_table(source) if source is not None else {}
    from_line = dict(layer.values)
    out.write(f"Settings for {path.as_posix()}\n")
    where = "none (--isolated)" if layer.isolated else (str(source) if source else "none found")
    out.write(f"configuration file: {where}\n")
    for key in known_keys():
        attribute = key.replace("-", "_")
        if attribute not in {f.name for f in fields(settings)}:
            continue  # folded into another setting (extend-ignore into ignore)
        value = _value(settings, attribute)
        if key in from_line:
            origin = "command line (--config)"
        elif key in from_file:
            origin = source.name if source is not None else "file"
        else:
            origin = "default"
        flag = _FLAGS.get(key)
        flagged = getattr(args, flag, None) if flag else None
        if flagged not in (None, (), []):
            if key in _ADDED:  # the flag adds to the configured list
                value, origin = [*value, *flagged], f"{origin} + command line (--{key})"
            else:
                value, origin = flagged, f"command line (--{key})"
        out.write(f"{key} = {_show(value)}  # {origin}\n")
    return 0


def _value(settings: Settings, attribute: str) -> Any:
    value = getattr(settings, attribute)
    if attribute == "custom_rules":
        return [getattr(spec, "code", str(spec)) for spec in value]
    return value


def _show(value: Any) -> str:
    if value is None:
        return "(unset)"
    if isinstance(value, tuple):
        value = list(value)
    try:
        return json.dumps(value, default=str)
    except (TypeError, ValueError):
        return repr(value)


__all__ = ["ConfigError", "add_config_options", "resolve_config", "show_settings"]
