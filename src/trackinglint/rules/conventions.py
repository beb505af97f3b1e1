"""Naming conventions for events and properties: configurable, or the plan's own majority."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..findings import Problem, Severity
from ..model import Origin
from .api import Option, RuleContext, rule
from .names import STYLE_ALIASES, STYLE_PATTERNS, majority_style, restyle, styles_of

CONSISTENT = "consistent"
TITLE_OBJECT_ACTION = "title-object-action"
_PARTICLES = {"in", "out", "up", "down", "off", "on", "over", "back", "through"}
_IRREGULAR_PAST = {
    "begun", "bought", "built", "chosen", "done", "drawn", "driven", "found", "given", "gone",
    "held", "kept", "known", "left", "lost", "made", "met", "paid", "put", "read", "run", "said",
    "seen", "sent", "set", "shown", "sold", "spent", "taken", "told", "undone", "won", "written",
}  # fmt: skip

_CONVENTION_DOC = (
    "consistent (the plan's majority style), title-object-action, Title Case, snake_case, "
    "camelCase, PascalCase, kebab-case, dot.case, SCREAMING_SNAKE_CASE"
)


def _known_convention(value: str) -> str | None:
    known = {CONSISTENT, TITLE_OBJECT_ACTION, *STYLE_PATTERNS, *STYLE_ALIASES}
    return None if value in known or value.lower() in known else f"use one of: {_CONVENTION_DOC}"


def _valid_regex(value: str) -> str | None:
    try:
        re.compile(value)
    except re.error as exc:
        return f"not a valid regular expression: {exc}"
    return None


def _options(default: str) -> dict[str, Option]:
    return {
        "convention": Option(default, f"One of: {_CONVENTION_DOC}.", _known_convention),
        "pattern": Option(
            "", "A regular expression every name must match (overrides convention).", _valid_regex
        ),
    }


@rule(
    "TL204",
    "event-naming-convention",
    severity=Severity.WARNING,
    group="naming",
    options=_options(CONSISTENT),
)
def event_naming_convention(ctx: RuleContext) -> Iterator[Problem]:
    """Event names that break the plan's naming convention."""
    named = [(event.name, event.origin) for event in ctx.plan.events.values()]
    yield from _check(ctx, "event", named)


@rule(
    "TL205",
    "property-naming-convention",
    severity=Severity.WARNING,
    group="naming",
    options=_options(CONSISTENT),
)
def property_naming_convention(ctx: RuleContext) -> Iterator[Problem]:
    """Property names that break the plan's naming convention."""
    named = [(prop.name, prop.origin) for _, prop in ctx.plan.all_properties()]
    yield from _check(ctx, "property", [(n, o) for n, o in named if n != "items"])


def _check(ctx: RuleContext, what: str, named: list[tuple[str, Origin]]) -> Iterator[Problem]:
    pattern, convention = ctx.options["pattern"], ctx.options["convention"]
    if pattern:
        compiled = re.compile(pattern)  # checked when the configuration was read
        for name, origin in named:
            if not compiled.fullmatch(name):
                yield ctx.problem(
                    origin, f"{what} name '{name}' does not match the pattern '{pattern}'"
                )
        return
    if convention == TITLE_OBJECT_ACTION:
        yield from _title_object_action(ctx, what, named)
        return
    style, fitting, total = _wanted_style(convention, (name for name, _ in named))
    if style is None:
        return
    why = (
        f"the plan's {what} names are mostly {style} ({fitting} of {total})"
        if convention == CONSISTENT
        else f"the convention is {style}"
    )
    for name, origin in named:
        if style not in styles_of(name):
            yield ctx.problem(
                origin,
                f"{what} name '{name}' is not {style}, but {why}; rename it to match, e.g. "
                f"'{restyle(name, style)}'",
            )


def _wanted_style(convention: str, names: Iterable[str]) -> tuple[str | None, int, int]:
    if convention == CONSISTENT:
        return majority_style(names)
    return STYLE_ALIASES.get(convention.lower(), convention), 0, 0


def _title_object_action(
    ctx: RuleContext, what: str, named: list[tuple[str, Origin]]
) -> Iterator[Problem]:
    for name, origin in named:
        words = name.split(" ")
        verb = next((w for w in reversed(words) if w.lower() not in _PARTICLES), "")
        is_past = verb.lower().endswith("ed") or verb.lower() in _IRREGULAR_PAST
        if "Title Case" not in styles_of(name) or len(words) < 2 or not is_past:
            yield ctx.problem(
                origin,
                f"{what} name '{name}' is not Title Case \"Object Action\" in the past tense "
                "(e.g. 'Order Completed', 'Invite Sent')",
            )


RULES = (event_naming_convention, property_naming_convention)
