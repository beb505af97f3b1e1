"""Drift between the code and the plan (TL3xx): what the code sends against what the
plan declares. They run only when code paths are configured (`code = ["src"]` or
`check --code PATH`): the engine puts the scanned calls in `PlanFacts.code`.

Findings about a call sit in the source file at the call, so they show as pull-request
annotations and in SARIF, and suppressions use the file's own comment syntax.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from ..findings import Problem, Severity
from ..model import Event, Origin, Plan, Property
from ..sources import Span
from .api import RuleContext, rule

_NUMBER_TYPES = {"integer": ("integer", "number"), "number": ("number",)}


def _code(ctx: RuleContext) -> Any:
    return getattr(ctx.facts, "code", None)


def _calls(ctx: RuleContext) -> Iterator[tuple[Any, Origin, Span]]:
    """Each call with a static event name, with where it sits."""
    code = _code(ctx)
    if code is None:
        return
    for call in code.calls:
        document = code.document(call)
        if document is None:
            continue
        span = Span(call.line, call.column, call.end_line or call.line,
                    call.end_column or call.column + 1)  # fmt: skip
        yield call, Origin(document), span


def _planned(plan: Plan, name: str) -> Event | None:
    event = plan.events.get(name)
    if event is not None:
        return event
    for candidate in plan.events.values():  # an Iglu event is sent by its own name
        if candidate.sent_name == name:
            return candidate
    return None


def _near(plan: Plan, name: str) -> str | None:
    names = list(plan.events)
    folded = {n.casefold(): n for n in names}
    if name.casefold() in folded:
        return folded[name.casefold()]
    found = difflib.get_close_matches(name, names, n=1, cutoff=0.8)
    return found[0] if found else None


@rule("TL301", "unplanned-event", severity=Severity.ERROR, group="drift")
def unplanned_event(ctx: RuleContext) -> Iterator[Problem]:
    """An event the code sends that the plan does not declare."""
    for call, origin, span in _calls(ctx):
        if call.event is None or _planned(ctx.plan, call.event) is not None:
            continue
        message = f"event '{call.event}' is sent here but is not in the plan"
        inactive = ctx.plan.non_events.get(call.event)
        if inactive is not None and inactive.call == "track" and not inactive.entity:
            message = f"event '{call.event}' is sent here but the plan marks it {inactive.status}"
        else:
            near = _near(ctx.plan, call.event)
            if near is not None:
                message += f"; did you mean '{near}'?"
        yield Problem(message, origin, span=span)


@rule("TL302", "unsent-event", severity=Severity.INFO, group="drift", enabled=False)
def unsent_event(ctx: RuleContext) -> Iterator[Problem]:
    """A planned event that no scanned code sends."""
    code = _code(ctx)
    if code is None:
        return
    sent = {call.event for call in code.calls if call.event is not None}
    dynamic = sum(call.event is None for call in code.calls)
    hint = f", unless one of the {dynamic} calls with a dynamic event name does" if dynamic else ""
    where = ", ".join(code.paths) or "the code"
    for name, event in ctx.plan.events.items():
        if not event.is_event or name in sent or event.sent_name in sent:
            continue
        yield ctx.problem(event.origin, f"event '{name}' is planned but no call in {where} "
                          f"sends it{hint}")  # fmt: skip


@rule("TL303", "undeclared-property", severity=Severity.WARNING, group="drift")
def undeclared_property(ctx: RuleContext) -> Iterator[Problem]:
    """A property sent with an event whose plan entry does not declare it."""
    for call, origin, span in _calls(ctx):
        event = _planned(ctx.plan, call.event) if call.event else None
        if event is None or not event.properties:
            continue  # (an event that declares no properties says nothing about them)
        for name in call.properties:
            if name in event.properties:
                continue
            message = (
                f"property '{name}' is sent with event '{event.name}', which does not declare it"
            )
            near = difflib.get_close_matches(name, list(event.properties), n=1, cutoff=0.8)
            if near:
                message += f"; did you mean '{near[0]}'?"
            yield Problem(message, origin, span=span)


@rule("TL304", "missing-required-property", severity=Severity.ERROR, group="drift")
def missing_required_property(ctx: RuleContext) -> Iterator[Problem]:
    """A call that leaves out a property the plan requires."""
    for call, origin, span in _calls(ctx):
        event = _planned(ctx.plan, call.event) if call.event else None
        if event is None or not call.complete:
            continue  # properties spread in or built elsewhere: not all names are known
        missing = [
            n for n, p in event.properties.items() if p.required and n not in call.properties
        ]
        if missing:
            listed = ", ".join(f"'{n}'" for n in missing)
            noun = "property" if len(missing) == 1 else "properties"
            yield Problem(f"event '{event.name}' is sent without required {noun} {listed}",
                          origin, span=span)  # fmt: skip


@rule("TL305", "property-value-mismatch", severity=Severity.ERROR, group="drift")
def property_value_mismatch(ctx: RuleContext) -> Iterator[Problem]:
    """A literal property value whose type or value the plan does not allow."""
    for call, origin, span in _calls(ctx):
        event = _planned(ctx.plan, call.event) if call.event else None
        if event is None:
            continue
        for name, sent_type in call.properties.items():
            prop = event.properties.get(name)
            if prop is None or sent_type is None:
                continue
            problem = _type_problem(prop, sent_type)
            if problem is None and name in call.values:
                problem = _enum_problem(prop, call.values[name])
            if problem is not None:
                yield Problem(f"property '{name}' of event '{event.name}': {problem}", origin,
                              span=span)  # fmt: skip


def _type_problem(prop: Property, sent: str) -> str | None:
    if not prop.types or sent in prop.types:
        return None
    if any(t in prop.types for t in _NUMBER_TYPES.get(sent, ())):
        return None
    return f"the code sends {_article(sent)} {sent}, the plan says {' or '.join(prop.types)}"


def _enum_problem(prop: Property, value: Any) -> str | None:
    allowed = prop.schema.get("enum") if isinstance(prop.schema, dict) else None
    if "const" in prop.schema:
        allowed = [prop.schema["const"]]
    if not isinstance(allowed, list) or value in allowed:
        return None
    shown = ", ".join(repr(v) for v in allowed[:8]) + (", …" if len(allowed) > 8 else "")
    return f"the code sends {value!r}, the plan allows only {shown}"


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


@rule("TL306", "dynamic-event-name", severity=Severity.WARNING, group="drift")
def dynamic_event_name(ctx: RuleContext) -> Iterator[Problem]:
    """A call whose event name cannot be known from the code (a template, a variable)."""
    code = _code(ctx)
    if code is None:
        return
    for call in code.calls:
        document = code.document(call)
        if call.event is not None or document is None:
            continue
        forwards = call.dynamic.startswith("the parameter ")
        if forwards and call.function in code.wrappers:
            continue  # the body of a declared track function passes its name on
        hint = ""
        if forwards and call.function:
            hint = (
                f"; if {call.function}() wraps the SDK, declare it "
                f"(--track-function or track-functions) and its calls are checked instead"
            )
        span = Span(call.line, call.column, call.end_line or call.line,
                    call.end_column or call.column + 1)  # fmt: skip
        yield Problem(
            f"the event name sent here is {call.dynamic}, so it cannot be checked against "
            f"the plan; send a name the plan declares (a literal or a constant){hint}",
            Origin(document),
            span=span,
        )


RULES = [
    unplanned_event,
    unsent_event,
    undeclared_property,
    missing_required_property,
    property_value_mismatch,
    dynamic_event_name,
]
