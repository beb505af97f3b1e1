"""The spectral pack: JSON Schema hygiene that Spectral's schema rules check and
that matters for a tracking plan (duplicate enum values, arrays without items,
examples and defaults their own schema refuses, categories used but not declared)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ...findings import Problem, Severity
from ...model import Origin
from ..api import RuleContext, rule
from .jsonschema_nodes import types_of
from .messages import shown

GROUP = "spectral"


def _schema_nodes(ctx: RuleContext) -> Iterator[tuple[Origin, dict]]:
    """Every property's schema as written, once per place."""
    seen: set[tuple[str, tuple]] = set()
    for _, prop in ctx.plan.all_properties():
        key = (str(prop.origin.document.path), prop.origin.pointer)
        if key in seen:
            continue
        seen.add(key)
        node = prop.origin.node()
        if isinstance(node, dict):
            yield prop.origin, node


@rule("SPC001", "spectral-duplicate-enum", severity=Severity.WARNING, group=GROUP, enabled=False)
def duplicate_enum(ctx: RuleContext) -> Iterator[Problem]:
    """An enum listing one value twice (Spectral's duplicated-entry-in-enum)."""
    for origin, node in _schema_nodes(ctx):
        values = node.get("enum")
        if not isinstance(values, list):
            continue
        seen: list[str] = []
        for index, value in enumerate(values):
            key = json.dumps(value, sort_keys=True, default=str)
            if key in seen:
                yield ctx.problem(
                    origin.child("enum", index), f"enum lists {shown(value)} twice", "value"
                )
            seen.append(key)


@rule("SPC002", "spectral-array-without-items", severity=Severity.WARNING, group=GROUP,
      enabled=False)  # fmt: skip
def array_without_items(ctx: RuleContext) -> Iterator[Problem]:
    """`type: array` without `items`, so its elements are anything (Spectral's
    array-items)."""
    for origin, node in _schema_nodes(ctx):
        if "array" in types_of(node) and "items" not in node:
            yield ctx.problem(
                origin.field("type"), "an array without `items`: say what its elements are"
            )


@rule("SPC003", "spectral-invalid-example", severity=Severity.WARNING, group=GROUP,
      enabled=False)  # fmt: skip
def invalid_example(ctx: RuleContext) -> Iterator[Problem]:
    """An `example`, `examples` entry or `default` that its own schema refuses
    (Spectral's valid-schema-example and valid-default)."""
    for origin, node in _schema_nodes(ctx):
        samples: list[tuple[str, tuple[str | int, ...], Any]] = [
            (k, (k,), node[k]) for k in ("example", "default") if k in node
        ]
        if isinstance(node.get("examples"), list):
            samples += [("examples", ("examples", i), v) for i, v in enumerate(node["examples"])]
        if not samples or _refers(node):
            continue
        schema = {k: v for k, v in node.items() if k not in ("example", "examples", "default")}
        from jsonschema.validators import Draft7Validator  # only when an example is there

        try:
            validator = Draft7Validator(schema)
            for keyword, where, value in samples:
                error = next(iter(validator.iter_errors(value)), None)
                if error is not None:
                    yield ctx.problem(
                        origin.child(*where),
                        f"the {keyword} {shown(value)} does not fit its own schema: {_said(error)}",
                        "value",
                    )
        except Exception:  # a schema jsonschema cannot use: TL212 and others say why
            continue


def _refers(node: Any) -> bool:
    if isinstance(node, dict):
        return "$ref" in node or any(_refers(v) for v in node.values())
    if isinstance(node, list):
        return any(_refers(v) for v in node)
    return False


def _said(error: Any) -> str:
    if error.validator == "type":
        return f"it is not of type {shown(error.validator_value)}"
    if error.validator == "enum":
        return f"it is not one of {shown(error.validator_value)}"
    return f"it fails `{error.validator}: {shown(error.validator_value)}`"


@rule("SPC004", "spectral-undeclared-category", severity=Severity.WARNING, group=GROUP,
      enabled=False)  # fmt: skip
def undeclared_category(ctx: RuleContext) -> Iterator[Problem]:
    """An event naming a category (or tag) that the plan's list of categories does
    not declare (Spectral's operation-tag-defined)."""
    for document in ctx.plan.documents:
        data = document.data
        if not isinstance(data, dict) or not isinstance(data.get("events"), list):
            continue
        declared = _declared(data.get("categories"))
        if declared is None:
            continue
        for index, event in enumerate(data["events"]):
            used = event.get("categories") if isinstance(event, dict) else None
            for c_index, category in enumerate(used if isinstance(used, list) else ()):
                if isinstance(category, str) and category not in declared:
                    yield ctx.problem(
                        Origin(document, ("events", index, "categories", c_index)),
                        f"category {shown(category)} is not among the plan's categories",
                        "value",
                    )


def _declared(value: Any) -> set[str] | None:
    if not isinstance(value, list):
        return None
    names: set[str] = set()
    for item in value:
        if isinstance(item, str):
            names.add(item)
        elif isinstance(item, dict):
            names |= {str(item[k]) for k in ("id", "name") if k in item}
    return names


RULES = (duplicate_enum, array_without_items, invalid_example, undeclared_category)
