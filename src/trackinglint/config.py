"""Configuration: `[tool.trackinglint]` in pyproject.toml, or trackinglint.toml.

The file that applies to a plan file is the nearest one found walking up from
its folder. Every key is checked here; an unknown key or a bad value raises
ConfigError naming the file, the line and the key, which the CLI turns into
exit code 2.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

CONFIG_NAMES = ("trackinglint.toml", ".trackinglint.toml", "pyproject.toml")
# plus spreadsheets, and Iglu schemas, which have no extension (<vendor>/<name>/jsonschema/1-0-0)
DEFAULT_INCLUDE = ("*.yaml", "*.yml", "*.json", "*.csv", "*.tsv", "**/jsonschema/*-*-*")
DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules",
    "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist",
)  # fmt: skip
FAIL_ON = ("error", "warning", "info")

_LIST_KEYS = ("select", "extend-select", "ignore", "extend-ignore", "include", "exclude")
_TABLE_KEYS = ("per-file-ignores", "severity", "options")
_STRING_KEYS = ("fail-on",)
_PLAN_KEYS = ("plans", "respect-gitignore")  # which files form which plan
_CODE_KEYS = ("code", "track-functions")  # source code checked against the plan
_OWN_KEYS = (*_LIST_KEYS, *_TABLE_KEYS, *_STRING_KEYS, *_PLAN_KEYS, *_CODE_KEYS)


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class ConfigTable:
    """Keys whose values another layer understands (the readers' formats, the
    classifier's lexicons, rules written as data, diff severities), with that
    layer's check: it raises ConfigError (via `settings.error`) or returns the
    Settings fields the keys set. The registry hands these to `use_config_tables`,
    so configuration never imports the layers above it."""

    keys: tuple[str, ...]
    check: Callable[[Settings, dict[str, Any]], dict[str, Any]]


_TABLES: list[ConfigTable] = []


def known_keys() -> tuple[str, ...]:
    """Every key a configuration may hold: this module's, then the registered tables'."""
    return (*_OWN_KEYS, *(key for table in _TABLES for key in table.keys))


def use_config_tables(tables: Iterable[ConfigTable]) -> None:
    """Set the checks of the tables other layers own (`plugins.build_registry` does)."""
    tables = list(tables)
    if tables != _TABLES:
        _TABLES[:] = tables
        _load_settings.cache_clear()


@dataclass(frozen=True, slots=True)
class Settings:
    """One configuration file's contents, validated for shape (not rule codes)."""

    source: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    fail_on: str | None = None
    lexicon: dict[str, tuple[str, ...]] = field(default_factory=dict)  # classifier words
    plan_format: dict[str, str] = field(default_factory=dict)  # glob -> reader name
    csv_columns: dict[str, str] = field(default_factory=dict)  # CSV field -> header
    plan_mapping: Any = None  # readers.mapping.PlanMapping: where a home-grown plan keeps what
    iglu_entities: tuple[str, ...] = ()  # globs of `vendor/name`: Iglu schemas that are entities
    iglu_events: tuple[str, ...] = ()  # globs of `vendor/name`: Iglu schemas that are events
    custom_rules: tuple[Any, ...] = ()  # RuleSpecs from custom-rules and rule-files
    diff_severity: dict[str, str] = field(default_factory=dict)  # `trackinglint diff` code -> level
    plans: dict[str, tuple[str, ...]] = field(default_factory=dict)  # plan name -> globs
    respect_gitignore: bool = True  # folder walks pass over what .gitignore ignores
    code: tuple[str, ...] = ()  # source folders scanned for analytics calls (TL3xx)
    track_functions: tuple[str, ...] = ()  # wrappers: "trackEvent(EVENT_NAME, PROPERTIES)"

    def error(self, key: str, message: str) -> ConfigError:
        return config_error(self.source, key, message)


def close_match(word: str, choices: Iterable[str]) -> str | None:
    """The likeliest intended spelling, for "did you mean" hints."""
    import difflib

    found = difflib.get_close_matches(word, list(choices), n=1)
    return found[0] if found else None


def config_error(source: Path | None, key: str, message: str) -> ConfigError:
    if source is None:
        return ConfigError(f"{key}: {message}")
    where = str(source)
    line = _line_of(source, key)
    if line:
        where += f":{line}"
    table = "[tool.trackinglint] " if source.name == "pyproject.toml" else ""
    return ConfigError(f"{where}: {table}'{key}': {message}")


def _line_of(source: Path, key: str) -> int | None:
    leaf = key.rsplit('."', 1)[-1].strip('"') if key.endswith('"') else key.rsplit(".", 1)[-1]
    pattern = re.compile(rf"""^\s*["']?{re.escape(leaf)}["']?\s*=|^\s*\[.*{re.escape(leaf)}""")
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    found = next((number for number, text in enumerate(lines, 1) if pattern.search(text)), None)
    top = key.split(".", 1)[0]
    if found is None and top != leaf:  # an entry of an inline table: its key's line
        return _line_of(source, top)
    return found


@lru_cache(maxsize=256)
def find_config(folder: Path) -> Path | None:
    """The nearest config file at or above `folder` that has trackinglint settings."""
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                return path
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return False
    return "tool.trackinglint" in text


def load_settings(path: Path) -> Settings:
    """Read and shape-check one config file (cached until the file changes)."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    return _load_settings(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load_settings(path: Path, mtime_ns: int, size: int) -> Settings:
    return parse_settings(_own_table(read_toml(path), path), source=path, root=path.parent)


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's document; one that cannot be read or parsed is a ConfigError
    naming the file (config files and `diff --accept-file` alike)."""
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _own_table(document: dict[str, Any], path: Path) -> Any:
    """trackinglint's table: the whole file, or a pyproject.toml's [tool.trackinglint]."""
    if path.name != "pyproject.toml":
        return document
    tool = document.get("tool", {})
    return tool.get("trackinglint", {}) if isinstance(tool, dict) else {}


def parse_settings(table: Any, *, source: Path | None, root: Path) -> Settings:
    if not isinstance(table, dict):
        raise config_error(source, "tool.trackinglint", "expected a table")
    values: dict[str, Any] = {}
    for key, value in table.items():
        known = known_keys()
        if key not in known:
            hint = close_match(key, known)
            suggestion = f"did you mean '{hint}'?" if hint else f"known keys: {', '.join(known)}"
            raise config_error(source, key, f"unknown key; {suggestion}")
        values[key] = value
    settings = Settings(source=source, root=root)

    def strings(key: str) -> tuple[str, ...]:
        value = values[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise settings.error(key, "expected a list of strings")
        return tuple(value)

    changes: dict[str, Any] = {}
    if "select" in values:
        changes["select"] = strings("select")
    for key, attr in (("extend-select", "extend_select"), ("include", "include")):
        if key in values:
            changes[attr] = strings(key)
    ignore = (*strings("ignore"),) if "ignore" in values else ()
    extend_ignore = strings("extend-ignore") if "extend-ignore" in values else ()
    changes["ignore"] = ignore + extend_ignore
    if "exclude" in values:
        changes["exclude"] = DEFAULT_EXCLUDE + strings("exclude")
    if "fail-on" in values:
        if values["fail-on"] not in FAIL_ON:
            raise settings.error("fail-on", f"expected one of {', '.join(FAIL_ON)}")
        changes["fail_on"] = values["fail-on"]
    if "per-file-ignores" in values:
        changes["per_file_ignores"] = _per_file_ignores(settings, values["per-file-ignores"])
    if "severity" in values:
        changes["severity"] = _severity(settings, values["severity"])
    if "options" in values:
        changes["options"] = _options(settings, values["options"])
    for table in _TABLES:  # the tables other layers own, checked by their own code
        if any(key in values for key in table.keys):
            changes.update(table.check(settings, values))
    if "plans" in values:
        changes["plans"] = _plans(settings, values["plans"])
    if "respect-gitignore" in values:
        if not isinstance(values["respect-gitignore"], bool):
            raise settings.error("respect-gitignore", "expected true or false")
        changes["respect_gitignore"] = values["respect-gitignore"]
    if "code" in values:
        changes["code"] = tuple(str(root / p) for p in strings("code"))
    if "track-functions" in values:
        changes["track_functions"] = strings("track-functions")
    _check_globs(settings, values)
    return _replace(settings, changes)


def _check_globs(settings: Settings, values: dict[str, Any]) -> None:
    """A glob that cannot match what it says is an error naming it, never silence."""
    from .globs import glob_problem

    for key in ("include", "exclude"):
        for pattern in values.get(key, ()):
            problem = glob_problem(pattern) if isinstance(pattern, str) else None
            if problem:
                raise settings.error(key, problem)
    for key in ("per-file-ignores", "plan-format"):
        table = values.get(key)
        for pattern in table if isinstance(table, dict) else ():
            problem = glob_problem(pattern)
            if problem:
                raise settings.error(f'{key}."{pattern}"', problem)


def _per_file_ignores(settings: Settings, value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise settings.error("per-file-ignores", "expected a table of glob = [codes]")
    result = {}
    for glob, codes in value.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise settings.error(f'per-file-ignores."{glob}"', "expected a list of rule codes")
        result[glob] = tuple(codes)
    return result


def _plans(settings: Settings, value: Any) -> dict[str, tuple[str, ...]]:
    """Plans named outright: `plans = {web = ["web/**"], app = ["app/**"]}`."""
    if not isinstance(value, dict):
        raise settings.error("plans", 'expected a table of name = [globs], e.g. {web = ["web/**"]}')
    result = {}
    for name, globs in value.items():
        if not isinstance(globs, list) or not globs or not all(isinstance(g, str) for g in globs):
            raise settings.error(f'plans."{name}"', "expected a non-empty list of globs")
        result[name] = tuple(globs)
    return result


def _severity(settings: Settings, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise settings.error("severity", "expected a table of CODE = severity")
    for code, level in value.items():
        if level not in FAIL_ON:
            raise settings.error(f"severity.{code}", f"expected one of {', '.join(FAIL_ON)}")
    return dict(value)


def _options(settings: Settings, value: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise settings.error("options", "expected tables like [tool.trackinglint.options.TL109]")
    return {code: dict(table) for code, table in value.items()}


def _replace(settings: Settings, changes: dict[str, Any]) -> Settings:
    from dataclasses import replace

    return replace(settings, **changes)


def forget_config_locations() -> None:
    """Config files may appear or vanish between runs (editors, tests)."""
    find_config.cache_clear()


def settings_for(path: Path, explicit: Path | None = None) -> Settings:
    """The settings that govern one file: an explicit `--config`, or the nearest file
    (none with `--isolated`), with the command line's `--config KEY=VALUE` on top."""
    layer = _COMMAND_LINE
    if explicit is not None:
        source: Path | None = explicit.resolve()
    else:
        source = None if layer.isolated else find_config(path.resolve().parent)
    if not layer.values:
        return load_settings(source) if source else Settings(root=Path.cwd())
    return _with_command_line(source, layer.values)


@dataclass(frozen=True, slots=True)
class CommandLineConfig:
    """`--isolated` and `--config KEY=VALUE`: the command line's own settings layer.

    One process runs one command line, so the CLI sets it once per run (and
    resets it: tests run many command lines in one process); the language
    server never sets it.
    """

    isolated: bool = False
    values: tuple[tuple[str, Any], ...] = ()  # (key, value) as parsed from TOML


_COMMAND_LINE = CommandLineConfig()


def use_command_line(layer: CommandLineConfig) -> None:
    global _COMMAND_LINE
    _COMMAND_LINE = layer


def command_line() -> CommandLineConfig:
    return _COMMAND_LINE


def parse_override(text: str) -> tuple[str, Any]:
    """`KEY=VALUE` with a TOML value, as Ruff reads it; a bare word is a string
    (`fail-on=warning`). Dotted keys reach into tables (`options.TL109.max-metrics=5`)."""
    import tomllib

    key, _, value = text.partition("=")
    key, value = key.strip(), value.strip()
    if not key or not value:
        raise ConfigError(f"--config {text!r}: expected a file or KEY=VALUE")
    try:
        table = tomllib.loads(f"{key} = {value}")
    except tomllib.TOMLDecodeError:
        if not re.fullmatch(r"[\w.+-]+", value):
            raise ConfigError(
                f"--config {text!r}: the value is not TOML (quote strings, "
                'write lists as ["a", "b"])'
            ) from None
        table = tomllib.loads(f"{key} = {_toml_string(value)}")
    top = next(iter(table))
    return top, table[top]


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def check_overrides(values: tuple[tuple[str, Any], ...]) -> None:
    """Check `--config KEY=VALUE` pairs alone first, so a mistake names the flag."""
    try:
        parse_settings(dict(_merge({}, values)), source=None, root=Path.cwd())
    except ConfigError as exc:
        raise ConfigError(f"--config {exc}") from None


def raw_table(path: Path) -> dict[str, Any]:
    """A config file's trackinglint table, unchecked (for merging and provenance)."""
    table = _own_table(read_toml(path), path)
    return table if isinstance(table, dict) else {}


def _merge(table: dict[str, Any], values: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    merged = dict(table)
    for key, value in values:
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], tuple(value.items()))
        else:
            merged[key] = value
    return merged


_LAYERED: dict[tuple[Any, ...], Settings] = {}


def _with_command_line(source: Path | None, values: tuple[tuple[str, Any], ...]) -> Settings:
    import json

    if source is None:
        key: tuple[Any, ...] = (None, json.dumps(values, default=str))
    else:
        base = load_settings(source)  # the file's own errors first, located in the file
        key = (id(base), json.dumps(values, default=str))
    if key not in _LAYERED:
        if source is None:
            _LAYERED[key] = parse_settings(_merge({}, values), source=None, root=Path.cwd())
        else:
            table = _merge(raw_table(source), values)
            _LAYERED[key] = parse_settings(table, source=source, root=source.parent)
    return _LAYERED[key]
