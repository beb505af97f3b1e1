"""How a rule is declared: a few facts at the top, one function below.

@rule("TL109", "crowded-dashboard", severity=Severity.WARNING, group="outcome",
      options={"max-metrics": Option(7, "Most coequal metrics on one dashboard.")})
def crowded_dashboard(ctx: RuleContext) -> Iterator[Problem]:
    ...
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..findings import Problem, Severity
from ..fixes.model import Fix
from ..model import Event, Origin, Plan, Property
from ..sources import Focus
from .reuse import Kept, chosen_properties, kept

CODE_PATTERN = re.compile(r"[A-Z]{1,8}[0-9]{1,4}\Z")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")


@dataclass(frozen=True, slots=True)
class Option:
    """A rule option: its default (which also fixes its type) and what it does."""

    default: Any
    description: str
    check: Callable[[Any], str | None] | None = None  # returns what is wrong, if anything

    def problem(self, value: Any) -> str | None:
        """Why a configured value is not acceptable, or None when it is."""
        if not self.accepts(value):
            return f"expected {type(self.default).__name__}, got {value!r}"
        return self.check(value) if self.check is not None else None

    def accepts(self, value: Any) -> bool:
        expected = type(self.default)
        if expected is bool or isinstance(value, bool):
            return type(value) is expected
        if expected is float:
            return isinstance(value, (int, float))
        if expected in (list, tuple):
            return isinstance(value, (list, tuple))
        return isinstance(value, expected)


class PlanFacts:
    """What is computed once per plan and shared by every rule: the classification."""

    def __init__(
        self, plan: Plan, registry: Any = None, lexicon: Mapping[str, Any] | None = None
    ) -> None:
        self.plan = plan
        self.registry = registry
        self.lexicon = lexicon or {}
        self._classification: Any = None
        # the analytics calls in the configured code paths (code.drift.CodeFacts), for
        # the drift rules (TL3xx); None when no code paths apply
        self.code: Any = None
        # True in a long-lived process (the language server), whose next run meets
        # most of this plan's objects again: rules keep what they derive from them
        self.keep = False
        # False when findings carry no related places (the language server's): rules
        # need not list them
        self.related = True

    @property
    def classification(self) -> Any:
        if self._classification is None:
            from ..classification import classify

            self._classification = classify(self.plan, self.registry, self.lexicon)
        return self._classification


@dataclass(slots=True)
class RuleContext:
    """What a rule's check sees: the plan, its own resolved options, shared facts."""

    plan: Plan
    options: Mapping[str, Any]
    facts: PlanFacts | None = None

    def __post_init__(self) -> None:
        if self.facts is None:
            self.facts = PlanFacts(self.plan)

    @property
    def classification(self) -> Any:
        """Every event's and metric's verdict (see trackinglint.classification)."""
        return self.facts.classification  # type: ignore[union-attr]

    @property
    def related(self) -> bool:
        """Whether findings show related places: when not, a rule may leave them out."""
        return self.facts is None or self.facts.related

    def kept(self, name: str, compute: Callable[[Any], Any]) -> Kept[Any, Any]:
        """`compute` per plan object (an event), reused for an object met unchanged by
        the last run on this plan (see `reuse`); results hold no origins. `name`: the
        rule's code, or a name rules share for one `compute`."""
        return kept(name, self.plan, compute, self.facts is not None and self.facts.keep)

    def chosen_properties(
        self, name: str, choose: Callable[[Property], bool]
    ) -> list[tuple[Event | None, Property]]:
        """The plan's properties `choose` picks, with their events, in
        `Plan.all_properties` order; each event's pick is kept while it is (`reuse`)."""
        keep = self.facts is not None and self.facts.keep
        return chosen_properties(name, self.plan, choose, keep)

    def problem(
        self, origin: Origin, message: str, focus: Focus = "key", fix: Fix | None = None
    ) -> Problem:
        """A problem at `origin`; `fix` is its safe autofix, if there is one."""
        return Problem(message, origin, focus, fix=fix)


Check = Callable[[RuleContext], Iterable[Problem]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: stable code, readable name, default severity, group, options, check.

    `check` is None for the core rules that readers and the engine emit
    themselves (parse errors, schema violations, unused suppressions).
    """

    code: str
    name: str
    summary: str
    severity: Severity
    group: str
    check: Check | None = None
    options: Mapping[str, Option] = field(default_factory=dict)
    enabled_by_default: bool = True
    page: str | None = None  # the rule's page, for rules written as data

    def __post_init__(self) -> None:
        if not CODE_PATTERN.match(self.code):
            raise ValueError(f"rule code {self.code!r} must look like TL123")
        if not NAME_PATTERN.match(self.name):
            raise ValueError(f"rule name {self.name!r} must be kebab-case")

    def default_options(self) -> Mapping[str, Any]:
        return MappingProxyType({key: option.default for key, option in self.options.items()})


def rule(
    code: str,
    name: str,
    *,
    severity: Severity,
    group: str,
    options: Mapping[str, Option] | None = None,
    enabled: bool = True,
) -> Callable[[Check], Rule]:
    """Declare a rule; the function's docstring's first line is its summary."""

    def declare(check: Check) -> Rule:
        summary = (check.__doc__ or name).strip().splitlines()[0]
        return Rule(code, name, summary, severity, group, check, dict(options or {}), enabled)

    return declare
