"""The avo pack: the checks of Avo's tracking-plan audit that trackinglint's
default rules do not already make (TL201-TL206 cover Avo's naming, casing,
description and type-conflict audits)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from ...findings import Problem, Severity
from ...model import Event, Origin, Property
from ...readers.avo import AvoReader
from ..api import Option, RuleContext, rule
from .messages import place

GROUP = "avo"
_WORDS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


@rule("AVO001", "avo-event-without-category", severity=Severity.WARNING, group=GROUP,
      enabled=False)  # fmt: skip
def event_without_category(ctx: RuleContext) -> Iterator[Problem]:
    """An event of an Avo plan in no category."""
    reader = AvoReader()
    avo: dict[int, bool] = {}  # document id -> an Avo export? (asked once per file)
    for event in ctx.plan.events.values():
        document = event.origin.document
        if id(document) not in avo:
            avo[id(document)] = reader.accepts(document)
        entry = _entry(event.origin) if avo[id(document)] else None
        if isinstance(entry, dict) and not entry.get("categories"):
            yield ctx.problem(
                event.origin,
                f"event '{event.name}' is in no category; put it in one, so it is found "
                "with the events of its feature",
            )


def _required_fields(value: Any) -> str | None:
    if not all(isinstance(item, str) for item in value):
        return "expected a list of field names"
    return None


@rule(
    "AVO002",
    "avo-missing-custom-field",
    severity=Severity.WARNING,
    group=GROUP,
    options={
        "event-fields": Option([], "Fields every event must have.", _required_fields),
        "property-fields": Option([], "Fields every property must have.", _required_fields),
    },
    enabled=False,
)
def missing_custom_field(ctx: RuleContext) -> Iterator[Problem]:
    """An event or property without a field the plan requires (Avo's required custom
    fields), e.g. `event-fields = ["owner", "jira"]`."""
    wanted_events, wanted_props = ctx.options["event-fields"], ctx.options["property-fields"]
    for event in ctx.plan.events.values():
        entry = _entry(event.origin)
        for field in wanted_events:
            if isinstance(entry, dict) and entry.get(field) in (None, "", []):
                yield ctx.problem(event.origin, f"event '{event.name}' has no {field}")
    for _, prop in ctx.plan.all_properties():
        node = prop.origin.node()
        for field in wanted_props:
            if isinstance(node, dict) and node.get(field) in (None, "", []):
                yield ctx.problem(prop.origin, f"property '{prop.name}' has no {field}")


def _entry(origin: Origin) -> Any:
    """The mapping an event is written as: the node itself, or its parent when the
    origin points at its name."""
    node = origin.node()
    if isinstance(node, dict):
        return node
    return Origin(origin.document, origin.pointer[:-1]).node() if origin.pointer else None


@rule("AVO003", "avo-pii-undeclared", severity=Severity.WARNING, group=GROUP, enabled=False)
def pii_undeclared(ctx: RuleContext) -> Iterator[Problem]:
    """A property whose PII status is not declared (`pii: true` or `pii: false`),
    whatever its name says."""
    declared = {name for name, p in ctx.plan.properties.items() if p.pii is not None}
    seen: set[str] = set()
    for _, prop in ctx.plan.all_properties():
        if prop.pii is not None or prop.name in declared or prop.ref in declared:
            continue
        if prop.name in seen:
            continue
        seen.add(prop.name)
        yield ctx.problem(
            prop.origin,
            f"property '{prop.name}' does not say whether it holds personal data; declare "
            "pii: true or pii: false",
        )


@rule("AVO004", "avo-description-conflict", severity=Severity.WARNING, group=GROUP,
      enabled=False)  # fmt: skip
def description_conflict(ctx: RuleContext) -> Iterator[Problem]:
    """One property name described differently in different places."""
    first: dict[str, tuple[str, Property]] = {}
    reported: set[str] = set()
    for _, prop in ctx.plan.all_properties():
        text = " ".join((prop.description or "").split()).rstrip(".").lower()
        if not text:
            continue
        if prop.name not in first:
            first[prop.name] = (text, prop)
            continue
        seen_text, seen = first[prop.name]
        if text != seen_text and prop.name not in reported:
            reported.add(prop.name)
            yield ctx.problem(
                prop.origin.field("description"),
                f"property '{prop.name}' is described differently here than at "
                f"{place(seen.origin, prop.origin)}; one name, one meaning",
            )


@rule("AVO005", "avo-reordered-event-name", severity=Severity.WARNING, group=GROUP,
      enabled=False)  # fmt: skip
def reordered_event_name(ctx: RuleContext) -> Iterator[Problem]:
    """Two events whose names hold the same words in another order
    (`UPDATE_EMAIL` and `EMAIL_UPDATE`)."""
    groups: dict[tuple[str, ...], list[Event]] = defaultdict(list)
    for event in ctx.plan.events.values():
        words = [w.lower() for w in _WORDS.findall(event.sent_name)]
        if len(words) > 1:
            groups[tuple(sorted(words))].append(event)
    for events in groups.values():
        orders: dict[tuple[str, ...], Event] = {}
        for event in events:
            order = tuple(w.lower() for w in _WORDS.findall(event.sent_name))
            orders.setdefault(order, event)
        if len(orders) < 2:
            continue
        kept = list(orders.values())
        for event in kept[1:]:
            yield ctx.problem(
                event.origin,
                f"event '{event.name}' holds the words of '{kept[0].name}' in another order; "
                "keep one order (object then action, or action then object) for every event",
            )


RULES = (
    event_without_category,
    missing_custom_field,
    pii_undeclared,
    description_conflict,
    reordered_event_name,
)
