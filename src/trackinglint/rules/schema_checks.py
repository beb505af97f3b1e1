"""Property definitions that contradict themselves, or nest too deep to query."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Set
from typing import Any, TypeGuard

from ..findings import Problem, Severity
from ..model import INACTIVE, Event, Origin, Property
from ..patterns import check_pattern
from .api import Option, RuleContext, rule
from .peers.jsonschema_nodes import types_of
from .reuse import tree

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
# without a type, only bounds and patterns can contradict (an enum pins the type down)
_CHECKED_UNTYPED = frozenset(
    {"minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern"}
    | {"exclusiveMinimum", "exclusiveMaximum"}
)
_QUIET = _CHECKED | {"patternProperties"}  # none of these: nothing to contradict


@rule("TL212", "schema-contradiction", severity=Severity.ERROR, group="schema")
def schema_contradiction(ctx: RuleContext) -> Iterator[Problem]:
    """A property definition that no value can satisfy, or that destinations reject."""
    plan = ctx.plan
    of_event = ctx.kept("TL212", _event_contradictions)
    events = of_event.each(plan.events.values())
    others = of_event.each(plan.non_events.values())
    yield from _placed(ctx, _tree_contradictions(plan.properties.values()))
    for _, (found, _) in events:
        yield from _placed(ctx, found)
    for event, (found, _) in others:  # deleted events' properties are not checked
        if event.status not in INACTIVE:
            yield from _placed(ctx, found)
    for event, (_, root) in (*events, *others):
        if root:
            first = next(iter(event.properties.values()))
            where = Origin(first.origin.document, first.origin.pointer[:-2])
            for step, message in root:
                yield ctx.problem(
                    where.child(*step) if step else where, f"{event.title}: {message}"
                )


# What a property (or an event's root schema) contradicts: where (the property, and
# the steps from its origin) and what, kept per event without any origin (`reuse`)
Found = list[tuple[Property, tuple[str, ...], str]]


def _placed(ctx: RuleContext, found: Found) -> Iterator[Problem]:
    for prop, steps, message in found:
        origin = prop.origin
        yield ctx.problem(
            Origin(origin.document, origin.pointer + steps) if steps else origin, message
        )


def _event_contradictions(event: Event) -> tuple[Found, list[tuple[tuple[str, ...], str]]]:
    """What an event's properties contradict (nested ones too), and what its root schema
    contradicts (steps from the root, message)."""
    found = _tree_contradictions(event.properties.values())
    root: list[tuple[tuple[str, ...], str]] = []
    schema = _event_root(event)
    if schema is not None:
        for keyword, message in _contradictions(schema, types_of(schema)):
            root.append(((keyword,) if keyword in schema else (), message))  # schema: the node
    return found, root


def _tree_contradictions(props: Iterable[Property]) -> Found:
    """What properties and their members contradict, in `Plan.all_properties` order."""
    found: Found = []
    for member in tree(props):
        schema = member.schema
        if _QUIET.isdisjoint(schema) and not isinstance(schema.get("required"), list):
            continue  # the usual property: type, description, required: true
        for keyword, message in _contradictions(schema, set(member.types)):
            steps = _field(member.origin, (), keyword)
            found.append((member, steps, f"property '{member.name}': {message}"))
        for steps, extra in _open_members(schema):
            for keyword, message in _contradictions(extra, types_of(extra)):
                at = _field(member.origin, steps, keyword)
                found.append((member, at, f"property '{member.name}' ({_path(steps)}): {message}"))
    return found


def _field(origin: Origin, steps: tuple[str, ...], keyword: str) -> tuple[str, ...]:
    """The steps to `keyword` under `steps` from `origin` where it is written there,
    else to the node itself (`Origin.field`)."""
    node = Origin(origin.document, origin.pointer + steps).node()
    return (*steps, keyword) if isinstance(node, dict) and keyword in node else steps


def _open_members(schema: Mapping[str, Any]) -> Iterator[tuple[tuple[str, ...], dict]]:
    """The schemas under a property's additionalProperties and patternProperties,
    which readers do not turn into properties of their own (steps to each)."""
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        yield ("additionalProperties",), extra
    patterns = schema.get("patternProperties")
    for key, member in patterns.items() if isinstance(patterns, Mapping) else ():
        if isinstance(member, dict):
            yield ("patternProperties", key), member


def _path(pointer: tuple) -> str:
    return "/".join(str(p) for p in pointer)


def _event_root(event: Event) -> dict | None:
    """The object schema an event's properties sit in (an Iglu schema's root, a
    Segment event's `properties`), found from where its first property is written."""
    first = next(iter(event.properties.values()), None)
    if first is None or len(first.origin.pointer) < 2 or first.origin.pointer[-2] != "properties":
        return None
    node = Origin(first.origin.document, first.origin.pointer[:-2]).node()
    if not isinstance(node, dict) or not isinstance(node.get("properties"), dict):
        return None
    kind = node.get("type")
    if isinstance(kind, str) and kind not in _JSON_TYPES:  # a vendor's record (`type: TRACK`)
        return None
    return node


_JSON_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array", "null"})


def _contradictions(schema: Mapping[str, Any], types: Set[str]) -> Iterator[tuple[str, str]]:
    checked = _CHECKED if types else _CHECKED_UNTYPED
    if checked.isdisjoint(schema.keys()) and not isinstance(schema.get("required"), list):
        return  # the usual property (type, description, required: true), an event's root
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


def _enum(values: Any, types: Set[str]) -> Iterator[tuple[str, str]]:
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
