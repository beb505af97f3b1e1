"""From settings and CLI flags to a policy: which rules run, how loud, with what options.

Selectors are rule codes, code prefixes (`TL1`), rule names or `ALL`. As in
Ruff, the most specific selector wins: `select = ["TL1"]` with
`ignore = ["TL104"]` runs every TL1xx rule but TL104. Rules that are off by
default run only when named exactly (or with `ALL`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .config import ConfigError, Settings, close_match
from .findings import Severity
from .globs import GlobSet
from .plugins import Registry


@dataclass(frozen=True, slots=True)
class Overrides:
    """Command-line choices; they win over the configuration file."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    plan_format: str | None = None  # `--plan-format`: the reader for every file of the run
    respect_gitignore: bool | None = None  # `--[no-]respect-gitignore`; None: the config's


@dataclass(slots=True)
class Policy:
    enabled: frozenset[str]
    severities: dict[str, Severity]
    options: dict[str, Mapping[str, Any]]
    fail_on: Severity
    root: Path
    per_file_ignores: list[tuple[GlobSet, frozenset[str]]] = field(default_factory=list)

    def ignored_in(self, file: Path) -> frozenset[str]:
        """Codes that per-file-ignores switch off for this file."""
        codes: set[str] = set()
        for globs, ignored in self.per_file_ignores:
            if globs.matches(file, self.root):
                codes |= ignored
        return frozenset(codes)


def build_policy(settings: Settings, registry: Registry, overrides: Overrides) -> Policy:
    _register_custom_rules(settings, registry)
    rules = registry.rules
    resolver = _Selectors(registry, settings)
    for key, selectors in (
        ("--select", overrides.select or ()),
        ("--extend-select", overrides.extend_select),
        ("--ignore", overrides.ignore),
        ("select", settings.select or ()),
        ("extend-select", settings.extend_select),
        ("ignore", settings.ignore),
    ):
        for selector in selectors:
            resolver.check(selector, key)
    select = overrides.select if overrides.select is not None else settings.select
    extends = (*settings.extend_select, *overrides.extend_select)
    ignores = (*settings.ignore, *overrides.ignore)
    enabled = set()
    # Rules declared in another configuration file are not this one's to run.
    foreign = registry.custom_codes - {spec.code for spec in settings.custom_rules}
    for code, rule in rules.items():
        if code in foreign:
            continue
        chosen = _best(_specificity(s, rule) for s in (select or ()))
        if select is None and rule.enabled_by_default:
            chosen = max(chosen, 0)
        chosen = max(chosen, _best(_specificity(s, rule) for s in extends))
        dropped = _best(_specificity(s, rule) for s in ignores)
        if chosen >= 0 and chosen > dropped:
            enabled.add(code)

    severities = {code: rule.severity for code, rule in rules.items()}
    for key, level in settings.severity.items():
        severities[resolver.exact(key, f"severity.{key}").code] = Severity(level)

    options = {code: rule.default_options() for code, rule in rules.items()}
    for key, table in settings.options.items():
        rule = resolver.exact(key, f"options.{key}")
        merged = dict(options[rule.code])
        for name, value in table.items():
            option = rule.options.get(name)
            if option is None:
                known = ", ".join(rule.options) or "none"
                raise settings.error(f"options.{key}.{name}", f"unknown option (known: {known})")
            wrong = option.problem(value)
            if wrong:
                raise settings.error(f"options.{key}.{name}", wrong)
            merged[name] = value
        options[rule.code] = MappingProxyType(merged)

    per_file = []
    for glob, codes in settings.per_file_ignores.items():
        matched = {
            rule.code
            for code in codes
            for rule in resolver.matching(code, f'per-file-ignores."{glob}"')
        }
        per_file.append((GlobSet((glob,)), frozenset(matched)))

    fail_on = overrides.fail_on or settings.fail_on or "error"
    return Policy(
        frozenset(enabled), severities, options, Severity(fail_on), settings.root, per_file
    )


def _register_custom_rules(settings: Settings, registry: Registry) -> None:
    """Rules written as data in this configuration join the registry like plugin rules."""
    from .declarative import compile_rule

    for spec in settings.custom_rules:
        existing = registry.rules.get(spec.code)
        if existing is not None and existing.name != spec.name:
            raise settings.error(
                "custom-rules", f"rule code {spec.code} is already taken by '{existing.name}'"
            )
        if existing is None:
            registry.rules[spec.code] = compile_rule(spec)
            registry.custom_codes.add(spec.code)


def _specificity(selector: str, rule: Any) -> int:
    """-1 when the selector does not match the rule; otherwise how specific it is."""
    if selector == "ALL":
        return 0
    if selector in (rule.code, rule.name):
        return 100
    if selector == rule.group:  # a group or a destination pack, e.g. "ga4"
        return 50
    if rule.code.startswith(selector) and rule.enabled_by_default:
        return len(selector)
    return -1


def _best(values: Iterable[int]) -> int:
    return max(values, default=-1)


class _Selectors:
    """Matches selectors to rules and reports selectors that match nothing."""

    def __init__(self, registry: Registry, settings: Settings) -> None:
        self.registry = registry
        self.settings = settings

    def matching(self, selector: str, key: str) -> list[Any]:
        self.check(selector, key)
        return [
            rule
            for rule in self.registry.rules.values()
            if selector in ("ALL", rule.name, rule.group) or rule.code.startswith(selector)
        ]

    def exact(self, selector: str, key: str) -> Any:
        rule = self.registry.rules.get(selector) or self.registry.rule_by_name(selector)
        if rule is None:
            raise self._unknown(selector, key)
        return rule

    def check(self, selector: str, key: str) -> None:
        rules = self.registry.rules.values()
        if selector == "ALL" or any(
            r.code.startswith(selector) or selector in (r.name, r.group) for r in rules
        ):
            return
        raise self._unknown(selector, key)

    def _unknown(self, selector: str, key: str) -> ConfigError:
        rules = self.registry.rules.values()
        names = [*self.registry.rules, *(r.name for r in rules), *{r.group for r in rules}]
        hint = close_match(selector, names)
        message = f"unknown rule '{selector}'" + (f"; did you mean '{hint}'?" if hint else "")
        if self.settings.source is None or key.startswith("-"):
            return ConfigError(f"{key}: {message}")
        return self.settings.error(key, message)
