"""Raw calls to analytics calls: the first shape that fits gives the SDK, the event
name and the properties; names are resolved; a name that stays unknown is dynamic."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .model import Call, RawCall
from .resolve import Resolver, describe
from .shapes import Shape, Slot, segments
from .values import Value, type_of


def match_call(
    raw: RawCall, shapes: Sequence[Shape], language: str, path: str, display: str,
    resolver: Resolver,
) -> Call | None:  # fmt: skip
    """The analytics call `raw` makes, or None when no shape fits it (`shapes`: those
    whose method is the call's, from `shapes.by_method`)."""
    parts = segments(raw.callee)
    for shape in shapes:
        if language not in shape.languages or not shape.matches(raw.callee, parts):
            continue
        if shape.when is not None:
            slot, expected = shape.when
            found = _slot(raw.args, slot, path, resolver)
            if found is None or found != ["s", expected]:
                continue
        event_value = _first(raw.args, shape.event, path, resolver)
        if event_value is None:
            continue  # no event here (a dataLayer.push of settings, not an event)
        return _call(raw, shape, event_value, path, display, resolver)
    return None


def _call(
    raw: RawCall, shape: Shape, event_value: Value, path: str, display: str, resolver: Resolver
) -> Call:
    event: str | None = None
    dynamic = ""
    if event_value[0] == "s":
        event = _iglu_name(event_value[1]) if shape.iglu else event_value[1]
        if event is None:
            dynamic = f"not an Iglu schema URI: {event_value[1]!r}"
    else:
        dynamic = describe(event_value)
    properties: dict[str, str | None] = {}
    values: dict[str, Any] = {}
    complete = True
    if shape.properties:
        props = _first(raw.args, shape.properties, path, resolver)
        if props is not None:
            complete = _read_properties(props, shape, path, resolver, properties, values)
    for name, slot in shape.extra:
        found = _slot(raw.args, slot, path, resolver)
        if found is not None:
            properties[name] = type_of(found)
            if found[0] in _LITERALS:
                values[name] = _literal(found)
    line, column, end_line, end_column = raw.line, raw.column, raw.end_line, raw.end_column
    if shape.sent_by_outer and raw.outer is not None:
        line, column, end_line, end_column = raw.outer
    return Call(
        event, display, line, column, shape.sdk, raw.function, properties, values,
        complete, dynamic, end_line, end_column,
    )  # fmt: skip


def _read_properties(
    props: Value, shape: Shape, path: str, resolver: Resolver,
    properties: dict[str, str | None], values: dict[str, Any],
) -> bool:  # fmt: skip
    """Fill `properties` from an object value; False when not all keys are known."""
    if props[0] == "z":
        return True
    if props[0] != "o":
        return False
    complete = not props[2]
    for key, entry in props[1]:
        if key == "...":  # a spread: its keys when it is a known object
            spread = resolver.resolve(entry, path)
            if spread[0] == "o":
                inner = _read_properties(spread, shape, path, resolver, properties, values)
                complete = complete and inner
            else:
                complete = False
            continue
        if not isinstance(key, str):
            key_value = resolver.resolve(key, path)
            if key_value[0] != "s":
                complete = False
                continue
            key = key_value[1]
        if key in shape.exclude:
            continue
        resolved = resolver.resolve(entry, path)
        properties[key] = type_of(resolved)
        if resolved[0] in _LITERALS:
            values[key] = _literal(resolved)
    return complete


_LITERALS = frozenset("sifbz")


def _literal(value: Value) -> Any:
    """The literal a value holds (for enum checks)."""
    return None if value[0] == "z" else value[1]


def _first(args: list[Any], slots: tuple[Slot, ...], path: str, resolver: Resolver) -> Value | None:
    for slot in slots:
        found = _slot(args, slot, path, resolver)
        if found is not None:
            return found
    return None


def _slot(args: list[Any], slot: Slot, path: str, resolver: Resolver) -> Value | None:
    head, keys = slot[0], slot[1:]
    value: Value | None = None
    if isinstance(head, int):
        positional = [v for name, v in args if name is None]
        if head < len(positional):
            value = positional[head]
    else:
        for name, v in args:
            if name == head:
                value = v
                break
    if value is None:
        return None
    value = resolver.resolve(value, path)
    for key in keys:
        if isinstance(key, str) and key.startswith("@"):  # into a call of this function
            if value[0] != "c" or not value[1].endswith(key[1:]):
                return None
            continue
        if isinstance(key, str) and value[0] == "c":  # a keyword argument of that call
            found = next((v for name, v in value[2] if name == key), None)
            if found is None:
                return None
            value = resolver.resolve(found, path)
            continue
        if isinstance(key, int):
            if value[0] != "c":
                return None
            positional = [v for name, v in value[2] if name is None]
            if key >= len(positional):
                return None
            value = resolver.resolve(positional[key], path)
            continue
        if value[0] != "o":
            return None
        for entry_key, entry in value[1]:
            if entry_key == key:
                value = resolver.resolve(entry, path)
                break
        else:
            return None
    return value


def _iglu_name(uri: str) -> str | None:
    """`iglu:com.acme/checkout_started/jsonschema/1-0-0` names the event checkout_started."""
    if not uri.startswith("iglu:"):
        return None
    parts = uri[5:].split("/")
    return parts[1] if len(parts) == 4 and parts[1] else None
