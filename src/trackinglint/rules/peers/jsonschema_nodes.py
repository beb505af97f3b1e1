"""Every schema inside a JSON Schema, with the pointer where it is written.

A JSON Schema nests schemas under a fixed set of keywords; linters that judge
"each schema level" (igluctl, Spectral) walk exactly these, and so do we.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeGuard

from ...sources import Pointer

# keywords whose value is a map of name -> schema
SCHEMA_MAPS = ("properties", "patternProperties", "definitions", "dependencies")
# keywords whose value is one schema (or, for `items`, a list of them)
SCHEMA_VALUES = ("additionalProperties", "additionalItems", "items", "not")
# keywords whose value is a list of schemas
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "items")


def subschemas(node: dict, pointer: Pointer) -> Iterator[tuple[Pointer, dict]]:
    """`node` itself, then every schema nested in it, depth first."""
    yield pointer, node
    for keyword in SCHEMA_MAPS:
        members = node.get(keyword)
        if isinstance(members, dict):
            for name, child in members.items():
                if isinstance(child, dict):
                    yield from subschemas(child, (*pointer, keyword, name))
    for keyword in SCHEMA_VALUES:
        child = node.get(keyword)
        if isinstance(child, dict):
            yield from subschemas(child, (*pointer, keyword))
    for keyword in SCHEMA_LISTS:
        children = node.get(keyword)
        if isinstance(children, list):
            for index, child in enumerate(children):
                if isinstance(child, dict):
                    yield from subschemas(child, (*pointer, keyword, index))


def types_of(node: dict) -> frozenset[str]:
    """The types a schema names (`type: x` or `type: [x, y]`); empty when it names none."""
    declared = node.get("type")
    if isinstance(declared, str):
        return frozenset({declared})
    if isinstance(declared, list):
        return frozenset(t for t in declared if isinstance(t, str))
    return frozenset()


def is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
