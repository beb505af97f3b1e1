"""From a RuleSpec to a Rule: pick the elements, filter them, check one field."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .. import patterns
from ..findings import Problem, Severity
from ..model import Event, Origin, Plan, Property
from ..rules.api import Rule, RuleContext
from ..sources import Focus
from .spec import RuleSpec


@dataclass(frozen=True, slots=True)
class Element:
    """One thing a selector picks: its fields as plain values, and where it is."""

    kind: str
    fields: dict[str, Any]
    origin: Origin


def _elements(plan: Plan, select: str) -> Iterator[Element]:
    if select == "events":
        for e in plan.events.values():
            yield Element("event", {
                "name": e.name, "description": e.description, "owner": e.owner, "kind": e.kind,
                "job": e.job, "tags": list(e.tags), "properties": len(e.properties),
            }, e.origin)  # fmt: skip
    elif select == "properties":
        shared = plan.properties
        for event, p, depth in (*_properties(plan), *_unused_shared(plan)):
            kinds = p.types or (shared[p.ref].types if p.ref in shared else ())
            yield Element("property", {
                "name": p.name, "type": " or ".join(kinds) or None, "description": p.description,
                "required": p.required, "pii": p.pii, "event": event.name if event else None,
                "depth": depth,
            }, p.origin)  # fmt: skip
    elif select == "metrics":
        for m in plan.metrics.values():
            yield Element("metric", {
                "name": m.name, "description": m.description, "event": m.event,
                "aggregation": m.aggregation, "direction": m.direction, "role": m.role,
                "decision": m.decision, "north_star": m.north_star,
            }, m.origin)  # fmt: skip
    elif select == "jobs":
        for j in plan.jobs.values():
            fields: dict[str, Any] = {
                "name": j.name,
                "description": j.description,
                "completion": j.completion,
                "start": j.start,
            }
            yield Element("job", fields, j.origin)
    else:
        for d in plan.dashboards.values():
            fields = {"name": d.name, "description": d.description, "metrics": len(d.metrics)}
            yield Element("dashboard", fields, d.origin)


def _properties(plan: Plan) -> Iterator[tuple[Event | None, Property, int]]:
    """Every event's named property and its depth: 0 for an event's own property, 1 for a
    member of one (or of its array items), and so on. Destinations treat top-level and
    nested names differently (Segment flattens `a.b` into `a_b`). The items schema of an
    array is not a property of its own, whatever it is called. Shared definitions are
    checked where events use them, under the name each event gives them."""

    def walk(event: Event | None, prop: Property, depth: int, named: bool = True) -> Iterator:
        if named:
            yield event, prop, depth
        for member in prop.properties.values():
            yield from walk(event, member, depth + 1)
        if prop.items is not None:
            yield from walk(event, prop.items, depth, named=False)

    for event in plan.events.values():
        for prop in event.properties.values():
            yield from walk(event, prop, 0)


def _unused_shared(plan: Plan) -> Iterator[tuple[Event | None, Property, int]]:
    """Shared definitions no event uses (a RudderStack `kind: properties` file read
    alone): checked where they are defined, since no event names them."""
    used = {p.ref for _, p in plan.all_properties() if p.ref}
    reached = {id(p) for _, p, _ in _properties(plan)}
    for key, prop in plan.properties.items():
        if key not in used and id(prop) not in reached:
            yield None, prop, 0


def _matches(element: Element, where: dict[str, Any]) -> bool:
    for key, wanted in where.items():
        if key == "name-matches":
            if not _search_or_false(wanted, str(element.fields["name"])):
                return False
            continue
        value = element.fields.get(key)
        if isinstance(wanted, list) and value not in wanted:
            return False
        if not isinstance(wanted, list) and value != wanted:
            return False
    return True


Verdict = Callable[[Any, Any], str | None]  # (value, limit) -> what is wrong, or None


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str) else 0


def _pattern(value: Any, rx: str) -> str | None:
    """Patterns come from rule files: run with a time limit (see trackinglint.patterns)."""
    try:
        matched = isinstance(value, str) and patterns.fullmatch(rx, value)
    except (patterns.PatternTimeout, patterns.PatternError) as exc:
        return str(exc)
    return None if matched else f"does not match the pattern {rx!r}"


def _not_pattern(value: Any, rx: str) -> str | None:
    try:
        matched = isinstance(value, str) and patterns.search(rx, value)
    except (patterns.PatternTimeout, patterns.PatternError) as exc:
        return str(exc)
    return f"matches the forbidden pattern {rx!r}" if matched else None


def _search_or_false(rx: str, value: str) -> bool:
    """A selector whose pattern cannot run selects nothing (its check would say why)."""
    try:
        return patterns.search(rx, value)
    except (patterns.PatternTimeout, patterns.PatternError):
        return False


_CHECKS: dict[str, Verdict] = {
    "pattern": _pattern,
    "not-pattern": _not_pattern,
    "max-length": lambda v, n: f"is {_length(v)} characters long (at most {n})"
    if _length(v) > n else None,
    "min-length": lambda v, n: f"is {_length(v)} characters long (at least {n})"
    if v is not None and _length(v) < n else None,  # an absent field is required-field's job
    "one-of": lambda v, allowed: None if v in allowed else
    f"is not one of: {', '.join(map(str, allowed))}",
    "forbidden-names": lambda v, names: "is a reserved name" if v in names else None,
    "forbidden-prefixes": lambda v, prefixes: next(
        (f"starts with the reserved prefix '{p}'" for p in prefixes
         if isinstance(v, str) and v.startswith(p)), None),
    "max-count-per-event": lambda v, n: f"has {v} properties (at most {n})"
    if isinstance(v, int) and v > n else None,
}  # fmt: skip


def compile_rule(spec: RuleSpec) -> Rule:
    """Turn a validated spec into a Rule the engine runs like any other."""

    def check(ctx: RuleContext) -> Iterator[Problem]:
        for element in _elements(ctx.plan, spec.select):
            if spec.where and not _matches(element, spec.where):
                continue
            yield from _apply(ctx, spec, element)

    summary = spec.summary or _default_summary(spec)
    return Rule(
        spec.code,
        spec.name,
        summary,
        Severity(spec.severity),
        spec.group,
        check,
        {},
        spec.enabled,
        _page(spec, summary),
    )


_SINGULAR = {"events": "event", "properties": "property", "metrics": "metric", "jobs": "job",
             "dashboards": "dashboard"}  # fmt: skip


def _page(spec: RuleSpec, summary: str) -> str:
    """A rule written as data documents itself: what it checks, and on whose word."""
    default = "on" if spec.enabled else f"off (select `{spec.group}` or `{spec.code}`)"
    lines = [
        f"# {spec.code} {spec.name}",
        "",
        f"**Severity:** {spec.severity} · **Group:** {spec.group} · **Default:** {default}",
        "",
        "## What it does",
        summary,
        "",
        f"Checks the `{spec.field}` of every {_SINGULAR[spec.select]}"
        + (f" matching {spec.where}" if spec.where else "")
        + f": `{spec.check}: {spec.limit!r}`.",
    ]
    if spec.source:
        lines += ["", "## Source", spec.source]
    return "\n".join(lines) + "\n"


def _apply(ctx: RuleContext, spec: RuleSpec, element: Element) -> Iterator[Problem]:
    if spec.check == "required-field":
        value = element.fields.get(spec.limit)
        if value in (None, "", [], ()):
            message = _message(spec, element, f"has no {spec.limit}", value)
            yield ctx.problem(element.origin, message)
        return
    field = "properties" if spec.check == "max-count-per-event" else spec.field
    value = element.fields.get(field)
    wrong = _CHECKS[spec.check](value, spec.limit)
    if wrong:
        where = element.origin if field in ("name", "properties") else element.origin.field(field)
        focus: Focus = "key" if where is element.origin else "value"
        yield ctx.problem(where, _message(spec, element, wrong, value), focus)


def _message(spec: RuleSpec, element: Element, wrong: str, value: Any) -> str:
    what = f"{element.kind} '{element.fields['name']}'"
    subject = what if spec.field == "name" else f"{spec.field} of {what}"
    default = f"{subject} {wrong}"
    if spec.message is None:
        return default
    values = {**element.fields, "value": value, "limit": spec.limit, "problem": default}
    return spec.message.format_map(_Lenient(values))


class _Lenient(dict):
    """Unknown placeholders stay visible instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _default_summary(spec: RuleSpec) -> str:
    return f"Checks {spec.field} of {spec.select}: {spec.check} {spec.limit!r}."
