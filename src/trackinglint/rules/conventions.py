"""Naming conventions for events and properties: configured, or the plan's clear majority.

Each distinct name is reported once, at its first place, with every other
place it is written carried along: renaming it is one fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import patterns
from ..findings import Problem, Severity
from ..model import Origin
from ..patterns import check_pattern
from .api import Option, RuleContext, rule
from .names import (
    OBJECT_ACTION,
    STYLE_ALIASES,
    STYLE_PATTERNS,
    convention_of,
    is_object_action,
    restyle,
    styles_of,
)

CONSISTENT = "consistent"
OBJECT_ACTION_NAMES = ("title-object-action", "object-action", "object action")

_CONVENTION_DOC = (
    "consistent (the plan's clear majority style), title-object-action, Title Case, "
    "snake_case, camelCase, PascalCase, kebab-case, dot.case, lower case words, SCREAMING_CASE"
)


def _known_convention(value: str) -> str | None:
    known = {CONSISTENT, *OBJECT_ACTION_NAMES, *STYLE_PATTERNS, *STYLE_ALIASES}
    return None if value in known or value.lower() in known else f"use one of: {_CONVENTION_DOC}"


def _valid_regex(value: str) -> str | None:
    refused = check_pattern(value)  # compiled behind the guards of `patterns`
    return None if refused is None else f"not a usable regular expression: {refused}"


def _share(value: float) -> str | None:
    return None if 0 <= value < 1 else "give a share from 0 up to (not including) 1, e.g. 0.5"


def _options() -> dict[str, Option]:
    return {
        "convention": Option(CONSISTENT, f"One of: {_CONVENTION_DOC}.", _known_convention),
        "pattern": Option(
            "", "A regular expression every name must match (overrides convention).", _valid_regex
        ),
        "majority": Option(
            0.5,
            "With `consistent`: a style is the plan's convention when more than this share "
            "of the names whose style is clear use it.",
            _share,
        ),
    }


@rule(
    "TL204", "event-naming-convention", severity=Severity.WARNING, group="naming",
    options=_options(),
)  # fmt: skip
def event_naming_convention(ctx: RuleContext) -> Iterator[Problem]:
    """Event names that break the plan's naming convention."""
    named = [(event.sent_name, event.origin) for event in ctx.plan.events.values()]
    yield from _check(ctx, "event", named)


@rule(
    "TL205", "property-naming-convention", severity=Severity.WARNING, group="naming",
    options=_options(), enabled=False,  # opt-in: its page says why
)  # fmt: skip
def property_naming_convention(ctx: RuleContext) -> Iterator[Problem]:
    """Property names that break the plan's naming convention."""
    named = [(prop.name, prop.origin) for _, prop in ctx.plan.all_properties()]
    yield from _check(ctx, "property", [(n, o) for n, o in named if n != "items"])


def _check(ctx: RuleContext, what: str, named: list[tuple[str, Origin]]) -> Iterator[Problem]:
    places: dict[str, list[Origin]] = {}
    for name, origin in named:
        places.setdefault(name, []).append(origin)
    pattern, convention = ctx.options["pattern"], ctx.options["convention"]
    if pattern:
        for name, origins in places.items():
            try:  # checked when the configuration was read; run with a time limit
                matched = patterns.fullmatch(pattern, name)
            except patterns.PatternTimeout as exc:
                yield _once(ctx, origins, f"{what} name '{name}'{{written}}: {exc}")
                continue
            if not matched:
                why = f"{what} name '{name}'{{written}} does not match the pattern '{pattern}'"
                yield _once(ctx, origins, why)
        return
    if convention.lower() in OBJECT_ACTION_NAMES:
        for name, origins in places.items():
            if not is_object_action(name):
                yield _once(ctx, origins, _not_object_action(what, name))
        return
    if convention == CONSISTENT:
        found = convention_of(places, ctx.options["majority"])
        if found.style is None:
            return  # no clear majority: `--statistics` says so, nothing to report
        style = found.style
        label = f'Title Case ("{OBJECT_ACTION}")' if found.object_action else style
        why = (
            f"the plan's {what} names are mostly {label} ({found.fitting} of the "
            f"{found.decided} whose style is clear)"
        )
    else:
        style = STYLE_ALIASES.get(convention.lower(), convention)
        why = f"the convention is {style}"
    for name, origins in places.items():
        if style not in styles_of(name):
            yield _once(ctx, origins, _not_styled(what, name, style, why))


def _not_styled(what: str, name: str, style: str, why: str) -> str:
    if not name.strip():
        return f"{what} name is empty{{written}}; give it a {style} name ({why})"
    message = f"{what} name '{name}' is not {style}{{written}}, but {why}"
    suggestion = restyle(name, style)
    if suggestion and suggestion != name and style in styles_of(suggestion):
        return f"{message}; rename it to match, e.g. '{suggestion}'"
    return f"{message}; rename it to match"


def _not_object_action(what: str, name: str) -> str:
    return (
        f"{what} name '{name}'{{written}} is not Title Case \"Object Action\" in the past tense "
        "(e.g. 'Order Completed', 'Invite Sent')"
    )


def _once(ctx: RuleContext, origins: list[Origin], message: str) -> Problem:
    """One finding per name, at its first place; the other places ride along."""
    written = f" (written in {len(origins)} places)" if len(origins) > 1 else ""
    head, _, tail = message.rpartition("{written}")  # after the name, whatever it holds
    message = head + written + tail
    return Problem(message, origins[0], related=tuple((o, "") for o in origins[1:]))


RULES = (event_naming_convention, property_naming_convention)
