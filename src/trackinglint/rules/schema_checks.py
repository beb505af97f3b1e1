"""Property definitions that contradict themselves, or nest too deep to query."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any, TypeGuard

from ..findings import Problem, Severity
from ..model import Event, Origin, Property
from ..patterns import check_pattern
from .api import Option, RuleContext, rule
from .peers.jsonschema_nodes import types_of

_BOUNDS = (("minimum", "maximum"), ("minLength", "maxLength"), ("minItems", "maxItems"))
_KEYWORD_TYPES = {
    **dict.fromkeys(("minLength", "maxLength", "pattern", "format"), frozenset({"string"})),
    **dict.fromkeys(
        ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
        frozenset({"number", "integer"}),
    ),
    **dict.fromkeys(("items", "minItems", "maxItems", "uniqueItems"), frozenset({"array"})),
    **dict.fromkeys(("properties", "additionalProperties"), frozenset({"object"})),
}
_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
    "null": (type(None),),
}
_LOOKAROUND = re.compile(r"\(\?<?[=!]")
_CHECKED = frozenset({*_KEYWORD_TYPES, "enum", "exclusiveMinimum", "exclusiveMaximum"})


@rule("TL212", "schema-contradiction", severity=Severity.ERROR, group="schema")
def schema_contradiction(ctx: RuleContext) -> Iterator[Problem]:
    """A property definition that no value can satisfy, or that destinations reject."""
    for _, prop in ctx.plan.all_properties():
        for keyword, message in _contradictions(prop):
            yield ctx.problem(prop.origin.field(keyword), f"property '{prop.name}': {message}")
        for origin, schema in _open_members(prop):
            found = Property(prop.name, origin, types=tuple(types_of(schema)), schema=schema)
            for keyword, message in _contradictions(found):
                where = origin.pointer[len(prop.origin.pointer) :]
                yield ctx.problem(
                    origin.field(keyword), f"property '{prop.name}' ({_path(where)}): {message}"
                )
    for event in (*ctx.plan.events.values(), *ctx.plan.non_events.values()):
        root = _event_root(event)
        if root is not None:
            origin, schema = root
            found = Property(event.name, origin, types=tuple(types_of(schema)), schema=schema)
            for keyword, message in _contradictions(found):
                yield ctx.problem(origin.field(keyword), f"{event.title}: {message}")


def _open_members(prop: Property) -> Iterator[tuple[Origin, dict]]:
    """The schemas under a property's additionalProperties and patternProperties,
    which readers do not turn into properties of their own."""
    schema = prop.schema
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        yield prop.origin.child("additionalProperties"), extra
    patterns = schema.get("patternProperties")
    for key, member in patterns.items() if isinstance(patterns, Mapping) else ():
        if isinstance(member, dict):
            yield prop.origin.child("patternProperties", key), member


def _path(pointer: tuple) -> str:
    return "/".join(str(p) for p in pointer)


def _event_root(event: Event) -> tuple[Origin, dict] | None:
    """The object schema an event's properties sit in (an Iglu schema's root, a
    Segment event's `properties`), found from where its first property is written."""
    first = next(iter(event.properties.values()), None)
    if first is None or len(first.origin.pointer) < 2 or first.origin.pointer[-2] != "properties":
        return None
    origin = Origin(first.origin.document, first.origin.pointer[:-2])
    node = origin.node()
    if not isinstance(node, dict) or not isinstance(node.get("properties"), dict):
        return None
    kind = node.get("type")
    if isinstance(kind, str) and kind not in _JSON_TYPES:  # a vendor's record (`type: TRACK`)
        return None
    return origin, node


_JSON_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array", "null"})


def _contradictions(prop: Property) -> Iterator[tuple[str, str]]:
    schema, types = prop.schema, set(prop.types)
    if _CHECKED.isdisjoint(schema.keys()) and not isinstance(schema.get("required"), list):
        return  # the usual property: type, description, required: true
    for low, high in _BOUNDS:
        lo, hi = schema.get(low), schema.get(high)
        if _number(lo) and _number(hi) and lo > hi:
            yield low, f"{low} {lo} is greater than {high} {hi}; no value can satisfy both"
    lo, hi = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    if _number(lo) and _number(hi) and lo >= hi:
        yield (
            "exclusiveMinimum",
            f"exclusiveMinimum {lo} leaves no room below exclusiveMaximum {hi}",
        )
    if types:
        for keyword in _KEYWORD_TYPES.keys() & schema.keys():
            fits = _KEYWORD_TYPES[keyword]
            if not types & fits:
                yield (
                    keyword,
                    (
                        f"`{keyword}` applies to {' or '.join(sorted(fits))} values, "
                        f"but the type is {' or '.join(sorted(types))}"
                    ),
                )
    required = schema.get("required")
    if isinstance(required, list):
        properties = schema.get("properties")
        members = properties if isinstance(properties, Mapping) else {}
        for name in required:
            if not isinstance(name, str):
                yield "required", f"`required` lists {_shown(name)}, which is not a property name"
            elif name not in members:
                yield "required", f"`required` names '{name}', which is not one of its properties"
    if "enum" in schema:
        yield from _enum(schema["enum"], types)
    pattern = schema.get("pattern")
    if isinstance(pattern, str):
        yield from _pattern(pattern)


def _enum(values: Any, types: set[str]) -> Iterator[tuple[str, str]]:
    if not types:
        return  # the values pin the type down: nothing contradicts anything
    allowed = tuple(t for kind in types for t in _PYTHON_TYPES.get(kind, ()))
    for value in values if isinstance(values, list) else ():
        is_bool = isinstance(value, bool)
        if not isinstance(value, allowed) or (is_bool and "boolean" not in types):
            yield "enum", f"enum value {_shown(value)} is not of type {' or '.join(sorted(types))}"


def _pattern(pattern: str) -> Iterator[tuple[str, str]]:
    refused = check_pattern(pattern)  # compiled behind the guards of `patterns`
    if refused is not None:
        yield "pattern", f"pattern {_shown(pattern)} {refused}"
        return
    if _LOOKAROUND.search(pattern):
        yield (
            "pattern",
            (
                f"pattern {_shown(pattern)} uses a lookahead or lookbehind, which several "
                "destinations (BigQuery, Snowplow's validators) reject; rewrite it without one"
            ),
        )


def _shown(value: Any) -> str:
    """A value as written in a message, cut short: a pattern may be huge. Values
    other than strings print as JSON writes them (`null`, `true`, `{"a": 1}`)."""
    text = repr(value) if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= 80 else text[:77] + "…"


def _number(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@rule(
    "TL213",
    "nesting-too-deep",
    severity=Severity.WARNING,
    group="schema",
    options={"max-depth": Option(3, "Deepest allowed nesting of object properties.")},
    enabled=False,  # opt-in: real plans nest on purpose (see its page)
)
def nesting_too_deep(ctx: RuleContext) -> Iterator[Problem]:
    """Object properties nested deeper than a limit."""
    limit = ctx.options["max-depth"]
    roots = [*ctx.plan.properties.values()]
    roots += [prop for event in ctx.plan.events.values() for prop in event.properties.values()]
    for prop in roots:
        yield from _too_deep(ctx, prop, 1, limit)


def _too_deep(ctx: RuleContext, prop: Property, depth: int, limit: int) -> Iterator[Problem]:
    if depth > limit:
        yield ctx.problem(
            prop.origin,
            f"property '{prop.name}' is nested {depth} levels deep (limit {limit}); warehouses "
            "flatten nested objects into unwieldy columns: flatten it or split the event",
        )
        return
    children = [*prop.properties.values(), *(prop.items.properties.values() if prop.items else ())]
    for child in children:
        yield from _too_deep(ctx, child, depth + 1, limit)


__all__ = ["Origin"]
RULES = (schema_contradiction, nesting_too_deep)
