"""What the vendor readers share: collecting a plan with its problems, and
reading JSON Schema property definitions (Segment, Avo and Iglu all use them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..findings import Problem
from ..model import Event, Origin, Plan, Property
from ..sources import Document, Focus
from . import ReadResult
from .reader_rules import MALFORMED_ENTRY, UNRESOLVED_REFERENCE

JSON_TYPES = ("string", "integer", "number", "boolean", "object", "array", "null")
_TYPE_ALIASES = {"int": "integer", "float": "number", "bool": "boolean", "list": "array"}


class Collector:
    """A plan being built from one or more documents, and what went wrong on the way."""

    def __init__(self, documents: Iterable[Document] = ()) -> None:
        self.plan = Plan(documents=list(documents))
        self.problems: list[Problem] = []

    def result(self) -> ReadResult:
        return ReadResult(self.plan, self.problems)

    def add_event(self, event: Event) -> None:
        """Add an event; a second one of the same name is kept as a redefinition."""
        self.plan.define("events", event.name, event)

    def add_non_event(self, item: Event, label: str | None = None) -> None:
        """Keep a schema that is not a live tracked event (an identify rule, an Iglu
        entity, a deleted event) out of the events the rules judge."""
        key = label or item.name
        taken = self.plan.non_events
        unique, count = key, 1
        while unique in taken:
            count += 1
            unique = f"{key} ({count})"
        taken[unique] = item

    def add(self, item: Event, label: str | None = None) -> None:
        """An event where it belongs: `events` when live and tracked, else `non_events`."""
        if item.is_event:
            self.add_event(item)
        else:
            self.add_non_event(item, label)

    def add_shared(self, prop: Property) -> None:
        self.plan.define("properties", prop.name, prop)

    def malformed(self, origin: Origin, message: str, focus: Focus = "key") -> None:
        self.problems.append(Problem(message, origin, focus, MALFORMED_ENTRY))

    def unresolved(self, origin: Origin, message: str, focus: Focus = "value") -> None:
        self.problems.append(Problem(message, origin, focus, UNRESOLVED_REFERENCE))


def text(value: Any) -> str | None:
    """A non-empty string, or None."""
    return value if isinstance(value, str) and value.strip() else None


def strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list):
        return tuple(item for item in value if isinstance(item, str) and item.strip())
    return ()


def describe(value: Any) -> str:
    """How a wrong value reads in a message: `a list`, `the number 3`, `null`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string '{value}'"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def normal_type(name: str) -> str | None:
    """A JSON type name as written, or its common alias; None when it is neither."""
    lowered = name.strip().lower()
    if lowered in JSON_TYPES:
        return lowered
    return _TYPE_ALIASES.get(lowered)


def schema_types(value: Any, origin: Origin, out: Collector, owner: str) -> tuple[str, ...]:
    """The `type` of a JSON Schema: a name or a list of names; bad names are reported
    (at the name itself) and kept as written, so later rules see what the plan says."""
    if value is None:
        return ()
    where = origin.child("type")
    if isinstance(value, str):
        named = [(value, where)]
    elif isinstance(value, list):
        named = [(item, where.child(i)) for i, item in enumerate(value)]
    else:
        out.malformed(
            where, f"{owner} has `type` {describe(value)}; write a JSON type or a list", "value"
        )
        return ()
    types = []
    for item, at in named:
        if not isinstance(item, str):
            out.malformed(at, f"{owner} has type {describe(item)}; types are names", "value")
            continue
        if item not in JSON_TYPES:
            out.malformed(
                at,
                f"{owner} has type '{item}', which is not a JSON type; use one of "
                + ", ".join(JSON_TYPES),
                "value",
            )
        types.append(item)
    return tuple(types)


def schema_members(schema: dict, origin: Origin, out: Collector, owner: str) -> dict[str, Property]:
    """The members of an object schema (`properties`, with `required`), as Properties."""
    members = schema.get("properties")
    if not isinstance(members, dict):
        return {}
    required = schema.get("required")
    wanted = (
        {name for name in required if isinstance(name, str)}
        if isinstance(required, list)
        else set()
    )
    base = origin.child("properties")
    return {
        name: schema_property(
            name, body, base.child(name), name in wanted, out, f"property '{name}' of {owner}"
        )
        for name, body in members.items()
    }


def schema_property(
    name: str, body: Any, origin: Origin, required: bool, out: Collector, label: str
) -> Property:
    """One property written as JSON Schema; nested objects and array items included.
    `label` names it in messages: "property 'amount' of event 'Order Completed'"."""
    if not isinstance(body, dict):
        if body is not True:  # `true` is the schema that allows anything
            out.malformed(origin, f"{label} is {describe(body)}, not a schema; write a mapping")
        return Property(name, origin, required=required)
    items = body.get("items")
    pii = body.get("pii")
    return Property(
        name,
        origin,
        types=schema_types(body.get("type"), origin, out, label),
        required=required or body.get("required") is True,  # draft-03 style flag
        description=text(body.get("description")),
        pii=pii if isinstance(pii, bool) else None,
        schema=body,
        properties=schema_members(body, origin, out, label),
        items=(
            schema_property(
                "items", items, origin.child("items"), False, out, f"the items of {label}"
            )
            if isinstance(items, dict)
            else None
        ),
    )
