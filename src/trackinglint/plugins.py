"""Plugin discovery and the registry of rules, readers and reporters.

Built-ins register through the same hooks as third-party plugins. External
plugins come only from installed packages (entry-point group `trackinglint`):
distributions found in the current folder are never loaded, so a pull request
cannot run code by adding files. A plugin that fails is recorded and skipped.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from . import hookspecs
from .config import ConfigTable, use_config_tables

ENTRY_POINT_GROUP = "trackinglint"
BUILTIN_PLUGINS = (
    "trackinglint.rules.builtin",
    "trackinglint.readers.native",
    "trackinglint.readers.builtin",  # Segment, RudderStack, Iglu, Avo, CSV
    "trackinglint.reporters.builtin",
    "trackinglint.declarative.plugin",
)


@dataclass(frozen=True, slots=True)
class PluginFailure:
    plugin: str
    message: str


@dataclass(slots=True)
class Registry:
    """Everything the plugins provide, keyed for lookup."""

    rules: dict[str, Any] = field(default_factory=dict)  # code -> Rule
    readers: list[Any] = field(default_factory=list)
    reporters: dict[str, Any] = field(default_factory=dict)
    failures: list[PluginFailure] = field(default_factory=list)
    plugin_names: list[str] = field(default_factory=list)
    manager: pluggy.PluginManager | None = None  # for hooks called while linting
    custom_codes: set[str] = field(default_factory=set)  # rules from configuration files

    def rule_by_name(self, name: str) -> Any | None:
        return next((r for r in self.rules.values() if r.name == name), None)


def installed_entry_points() -> list[Any]:
    """Entry points of group `trackinglint` from installed locations only."""
    paths = [path for path in _installed_paths() if _declares_plugins(path)]
    if not paths:
        return []
    from importlib import metadata  # ~25 ms of imports, paid only when a plugin exists

    found: dict[str, metadata.EntryPoint] = {}
    for distribution in metadata.distributions(path=paths):
        for entry_point in distribution.entry_points:
            if entry_point.group == ENTRY_POINT_GROUP:
                found.setdefault(entry_point.name, entry_point)
    return list(found.values())


def _declares_plugins(path: str) -> bool:
    """Whether any distribution in this folder declares a `trackinglint` entry point.

    A plain scan of the metadata files: far cheaper than importlib.metadata,
    which is loaded only when this finds something.
    """
    try:
        entries = os.scandir(path or os.curdir)
    except OSError:
        return False
    with entries:
        for entry in entries:
            if not entry.name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(entry.path, "entry_points.txt"), encoding="utf-8") as f:
                    if f"[{ENTRY_POINT_GROUP}]" in f.read():
                        return True
            except OSError:
                continue
    return False


def _installed_paths() -> list[str]:
    """sys.path without the current folder or anything inside it (but venvs)."""
    cwd = Path.cwd().resolve()
    kept = []
    for entry in sys.path:
        resolved = Path(entry or os.curdir).resolve()
        inside = resolved == cwd or cwd in resolved.parents
        if inside and not {"site-packages", "dist-packages"} & set(resolved.parts):
            continue
        kept.append(entry)
    return kept


def build_registry(
    extra_plugins: Iterable[Any] = (), *, load_entry_points: bool = True
) -> Registry:
    """Create the plugin manager, register everything and collect what it provides."""
    manager = pluggy.PluginManager(ENTRY_POINT_GROUP)
    manager.add_hookspecs(hookspecs)
    registry = Registry()
    for module_name in BUILTIN_PLUGINS:
        module = __import__(module_name, fromlist=["_"])
        manager.register(module, name=module_name)
    if load_entry_points:
        for entry_point in installed_entry_points():
            try:
                manager.register(entry_point.load(), name=entry_point.name)
            except Exception as exc:  # a broken plugin must not stop the linter
                registry.failures.append(
                    PluginFailure(entry_point.name, f"failed to load: {_describe(exc)}")
                )
    for plugin in extra_plugins:
        manager.register(plugin)
    registry.plugin_names = [name for name, _ in manager.list_name_plugin()]
    registry.manager = manager
    _collect(manager, registry)
    return registry


def _collect(manager: pluggy.PluginManager, registry: Registry) -> None:
    for impl in manager.hook.get_rules.get_hookimpls():
        for rule in _call(impl, registry) or ():
            if rule.code in registry.rules:
                registry.failures.append(
                    PluginFailure(impl.plugin_name, f"rule code {rule.code} is already taken")
                )
                continue
            registry.rules[rule.code] = rule
    for impl in manager.hook.get_readers.get_hookimpls():
        registry.readers.extend(_call(impl, registry) or ())
    for impl in manager.hook.get_reporters.get_hookimpls():
        for name, reporter in (_call(impl, registry) or {}).items():
            registry.reporters.setdefault(name, reporter)
    tables: list[ConfigTable] = []
    for impl in manager.hook.get_config_tables.get_hookimpls():
        tables.extend(_call(impl, registry) or ())
    use_config_tables(tables)
    registry.rules = dict(sorted(registry.rules.items()))
    # Built-in readers come first in registration; the native reader must win ties.
    registry.readers.sort(key=lambda reader: getattr(reader, "priority", 100))


def _call(impl: Any, registry: Registry) -> Any:
    try:
        return impl.function()
    except Exception as exc:
        registry.failures.append(
            PluginFailure(
                impl.plugin_name, f"hook {impl.function.__name__} raised {_describe(exc)}"
            )
        )
        return None


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
