"""Property changes that break senders or readers: removed, retyped, narrowed, required.

A property is compared as the plan means it: its own keywords over those of
the shared definition it names with `$ref`, so a change to a shared
definition is reported on every event that uses it, at the line that changed.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from ..findings import Problem
from ..model import Origin, Property
from .codes import (
    ENUM_VALUE_REMOVED,
    MADE_REQUIRED,
    PROPERTY_NARROWED,
    PROPERTY_REMOVED,
    TYPE_CHANGED,
)

# Bounds that accept fewer values when raised (gt) or lowered (lt).
NARROWING: dict[str, Callable[[float, float], bool]] = {
    "minimum": operator.gt,
    "exclusiveMinimum": operator.gt,
    "minLength": operator.gt,
    "minItems": operator.gt,
    "maximum": operator.lt,
    "exclusiveMaximum": operator.lt,
    "maxLength": operator.lt,
    "maxItems": operator.lt,
}
_MAX_DEPTH = 32  # shared definitions that refer to each other end here


@dataclass(slots=True)
class PropertyView:
    """One property with its `$ref` resolved; `sources` says where each keyword is written."""

    label: str  # "amount", "address.city", "tags[]"
    origin: Origin
    schema: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, Origin] = field(default_factory=dict)
    required: bool = False
    members: dict[str, PropertyView] = field(default_factory=dict)
    items: PropertyView | None = None

    @property
    def types(self) -> frozenset[str]:
        kind = self.schema.get("type")
        if isinstance(kind, str):
            return frozenset((kind,))
        if isinstance(kind, list):
            return frozenset(k for k in kind if isinstance(k, str))
        return frozenset()

    def at(self, keyword: str) -> Origin:
        """Where a keyword is written: here, in the shared definition, or the property itself."""
        source = self.sources.get(keyword)
        return source.child(keyword) if source is not None else self.origin


def view(
    prop: Property,
    shared: Mapping[str, Property],
    label: str | None = None,
    required: bool | None = None,
    depth: int = 0,
) -> PropertyView:
    label = label or prop.name
    base = shared.get(prop.ref) if prop.ref and depth < _MAX_DEPTH else None
    result = PropertyView(label, prop.origin)
    for owner in (base, prop):
        if owner is None:
            continue
        for key, value in owner.schema.items():
            if key != "$ref":
                result.schema[key] = value
                result.sources[key] = owner.origin
    result.required = result.schema.get("required") is True if required is None else required
    listed = result.schema.get("required")
    # only names count: a plan may hold anything in `required`, even lists (TL212 says so)
    names = {n for n in listed if isinstance(n, str)} if isinstance(listed, list) else set()
    members = prop.properties or (base.properties if base is not None else {})
    result.members = {
        name: view(
            member,
            shared,
            f"{label}.{name}",
            member.schema.get("required") is True or name in names,
            depth + 1,
        )
        for name, member in members.items()
    }
    items = prop.items or (base.items if base is not None else None)
    if items is not None:
        result.items = view(items, shared, f"{label}[]", False, depth + 1)
    return result


def compare_properties(
    old: Mapping[str, PropertyView],
    new: Mapping[str, PropertyView],
    event: str,
    container: Origin,
) -> Iterator[Problem]:
    """Changes between two sets of properties; `container` is where a removed one was."""
    for name, before in old.items():
        after = new.get(name)
        if after is None:
            yield _removed(before, new, event, container.child("properties", name))
        else:
            yield from compare_property(before, after, event)


def compare_property(old: PropertyView, new: PropertyView, event: str) -> Iterator[Problem]:
    subject = f"property '{new.label}' of event '{event}'"
    yield from _type(old, new, subject)
    yield from _enum(old, new, subject)
    yield from _bounds(old, new, subject)
    yield from _formats(old, new, subject)
    if new.required and not old.required:
        yield Problem(
            f"{subject} was made required; senders that leave it out now fail validation: "
            "keep it optional, or make every sender send it before requiring it",
            new.at("required"),
            code=MADE_REQUIRED.code,
        )
    yield from compare_properties(old.members, new.members, event, new.origin)
    if old.items is not None and new.items is not None:
        yield from compare_property(old.items, new.items, event)


def _removed(
    before: PropertyView, remaining: Mapping[str, PropertyView], event: str, where: Origin
) -> Problem:
    hint = ""
    key = normalised(before.label.rsplit(".", 1)[-1])
    renamed = [name for name in remaining if normalised(name) == key]
    if renamed:
        hint = f" (renamed to '{renamed[0]}'?)"
    return Problem(
        f"property '{before.label}' was removed from event '{event}'{hint}; reports and "
        "destinations that read it break: deprecate it first (`deprecated: true`) and remove "
        "it once nothing reads it",
        where,
        code=PROPERTY_REMOVED.code,
    )


def _accepts(types: frozenset[str], kind: str) -> bool:
    return not types or kind in types or (kind == "integer" and "number" in types)


def _type(old: PropertyView, new: PropertyView, subject: str) -> Iterator[Problem]:
    before, after = old.types, new.types
    if not after or before == after:
        return
    if not before:
        message = (
            f"{subject} is now typed {_kinds(after)} where any type was accepted; senders of "
            "other types now fail validation: check what senders send before typing it"
        )
    elif all(_accepts(after, kind) for kind in before):
        return  # widened: everything valid before is still valid
    elif all(_accepts(before, kind) for kind in after):
        lost = sorted(kind for kind in before if not _accepts(after, kind))
        message = (
            f"type of {subject} narrowed from {_kinds(before)} to {_kinds(after)}; events that "
            f"send {_kinds(frozenset(lost))} now fail validation: keep the old type, or change "
            "every sender first"
        )
    else:
        message = (
            f"type of {subject} changed from {_kinds(before)} to {_kinds(after)}; data already "
            "collected no longer matches and readers break: add a property with the new type "
            "and deprecate this one"
        )
    yield Problem(message, new.at("type"), code=TYPE_CHANGED.code)


def _enum(old: PropertyView, new: PropertyView, subject: str) -> Iterator[Problem]:
    before, after = old.schema.get("enum"), new.schema.get("enum")
    if not isinstance(after, list):
        return
    if not isinstance(before, list):
        yield Problem(
            f"{subject} is now limited to {_values(after)}; senders of any other value now "
            "fail validation: check what senders send before adding an enum",
            new.at("enum"),
            code=PROPERTY_NARROWED.code,
        )
        return
    removed = [value for value in before if value not in after]
    if removed:
        noun = "value" if len(removed) == 1 else "values"
        yield Problem(
            f"enum {noun} {_values(removed)} removed from {subject}; events already sent "
            f"with {'it' if len(removed) == 1 else 'them'} no longer validate and reports "
            "grouped by it lose a bucket: keep the value until no sender uses it",
            new.at("enum"),
            code=ENUM_VALUE_REMOVED.code,
        )


def _bounds(old: PropertyView, new: PropertyView, subject: str) -> Iterator[Problem]:
    for keyword, narrows in NARROWING.items():
        before, after = old.schema.get(keyword), new.schema.get(keyword)
        if not _number(after):
            continue
        if before is None:
            change = f"now has {keyword} {after}"
        elif _number(before) and narrows(after, before):
            change = f"{keyword} went from {before} to {after}"
        else:
            continue
        yield Problem(
            f"{subject} {change}; values valid before now fail validation: relax the bound, "
            "or check what senders send first",
            new.at(keyword),
            code=PROPERTY_NARROWED.code,
        )


def _formats(old: PropertyView, new: PropertyView, subject: str) -> Iterator[Problem]:
    for keyword in ("const", "pattern", "format", "multipleOf"):
        if keyword not in new.schema or new.schema.get(keyword) == old.schema.get(keyword):
            continue
        after = _values([new.schema[keyword]])
        change = (
            f"now has {keyword} {after}"
            if keyword not in old.schema
            else f"{keyword} changed from {_values([old.schema[keyword]])} to {after}"
        )
        yield Problem(
            f"{subject} {change}; values valid before may now fail validation: check what "
            "senders send first",
            new.at(keyword),
            code=PROPERTY_NARROWED.code,
        )
    if (
        new.schema.get("additionalProperties") is False
        and old.schema.get("additionalProperties") is not False
    ):
        yield Problem(
            f"{subject} no longer accepts members it does not list; senders of extra members "
            "now fail validation: list them, or allow additional properties",
            new.at("additionalProperties"),
            code=PROPERTY_NARROWED.code,
        )


def _number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _kinds(types: frozenset[str]) -> str:
    return " or ".join(sorted(types))


def _values(values: list[Any]) -> str:
    return ", ".join(f"'{v}'" if isinstance(v, str) else json.dumps(v) for v in values)


def normalised(name: str) -> str:
    """A name without case and separators: `Deal Qualified` = `deal_qualified` = `dealQualified`."""
    return re.sub(r"[\W_]+", "", name.casefold())
