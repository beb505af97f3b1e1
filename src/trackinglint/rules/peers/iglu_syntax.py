"""The iglu pack, part 2: what makes igluctl refuse a file before linting it.

schema-ddl's self-syntax checker validates each schema against the JSON Schema
draft-04 meta-schema extended with `self`, and refuses keywords it does not
know; iglu-core parses `self` and SchemaVer; Iglu's resolver caps the depth of
the JSON it reads. A registry file without `self` cannot be resolved at all.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from ...findings import Problem, Severity
from ...sources import Pointer
from ..api import Option, RuleContext, rule
from .iglu_documents import SELF_DESCRIBING_URI, iglu_schemas
from .iglu_lint import GROUP
from .messages import shown

SCHEMAVER = re.compile(r"[1-9][0-9]*-(?:0|[1-9][0-9]*)-(?:0|[1-9][0-9]*)\Z")
SELF_PART = re.compile(r"[a-zA-Z0-9_.-]+\Z")  # iglu-core's vendor, name and format
ROOT_ONLY = frozenset({"self", "$supersedes", "$supersededBy"})


@cache
def _draft4() -> tuple[Any, frozenset[str]]:
    """The draft-04 meta-schema's validator and keywords, built when the pack runs:
    importing jsonschema costs every run ~60 ms otherwise."""
    from jsonschema.validators import Draft4Validator

    keywords = frozenset(Draft4Validator.META_SCHEMA["properties"]) | {"$ref"}
    return Draft4Validator(Draft4Validator.META_SCHEMA), keywords


@rule("IGLU011", "iglu-schema-uri", severity=Severity.ERROR, group=GROUP, enabled=False)
def schema_uri(ctx: RuleContext) -> Iterator[Problem]:
    """`$schema` missing, or not Iglu's self-describing meta-schema (igluctl's schemaUri)."""
    for schema in iglu_schemas(ctx.plan):
        if not schema.self_describing:
            continue
        value = schema.body.get("$schema")
        if value is None:
            yield ctx.problem(
                schema.origin.field("self"),
                f"the schema has no $schema; a self-describing schema starts with "
                f'"$schema": "{SELF_DESCRIBING_URI}"',
            )
        elif value != SELF_DESCRIBING_URI:
            yield ctx.problem(
                schema.at(("$schema",)),
                f"$schema is {shown(value)}, but `self` is only known to Iglu's meta-schema: "
                f"use {SELF_DESCRIBING_URI}",
                "value",
            )


@rule("IGLU012", "iglu-invalid-json-schema", severity=Severity.ERROR, group=GROUP, enabled=False)
def invalid_json_schema(ctx: RuleContext) -> Iterator[Problem]:
    """A keyword's value that the JSON Schema draft-04 meta-schema refuses, e.g.
    `maxLength: "10"` (igluctl's syntax check)."""
    for schema in iglu_schemas(ctx.plan):
        for error in _draft4()[0].iter_errors(schema.body):
            pointer: Pointer = tuple(error.absolute_path)
            yield ctx.problem(
                schema.at(pointer),
                f"{_keyword_of(pointer)} is not valid JSON Schema (draft-04): {_said(error)}",
                "value",
            )


def _said(error: Any) -> str:
    """What the meta-schema refuses, with values written as JSON (null, not None)."""
    if error.validator == "type":
        return f"{shown(error.instance)} is not of type {shown(error.validator_value)}"
    if error.validator == "enum":
        return f"{shown(error.instance)} is not one of {shown(error.validator_value)}"
    if error.validator in ("minimum", "minItems"):
        return f"{shown(error.instance)} is below its {error.validator} {error.validator_value}"
    if error.validator == "uniqueItems":
        return f"{shown(error.instance)} repeats an item"
    if error.validator == "anyOf":
        return f"{shown(error.instance)} is neither a schema nor what the keyword allows"
    return f"{shown(error.instance)} fails `{error.validator}`"


def _keyword_of(pointer: Pointer) -> str:
    return f"`{pointer[-1]}` at /{'/'.join(map(str, pointer[:-1]))}" if pointer else "the schema"


@rule("IGLU013", "iglu-unknown-keyword", severity=Severity.WARNING, group=GROUP, enabled=False)
def unknown_keyword(ctx: RuleContext) -> Iterator[Problem]:
    """A keyword JSON Schema does not define at that level: a typo, or a keyword in
    the wrong place (igluctl's syntax check, whose meta-schema allows no others)."""
    for schema in iglu_schemas(ctx.plan):
        for pointer, node in schema.nodes():
            keywords = _draft4()[1]
            allowed = keywords | ROOT_ONLY if not pointer else keywords
            for key in node:
                if key in allowed:
                    continue
                near = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.75)
                hint = f"; did you mean '{near[0]}'?" if near else ""
                if key in ROOT_ONLY:
                    hint = "; it belongs at the schema's root"
                where = f"/{'/'.join(map(str, pointer))}" if pointer else "the root"
                yield ctx.problem(
                    schema.at((*pointer, key)),
                    f"'{key}' is not a JSON Schema keyword at {where}, so it validates "
                    f"nothing{hint}",
                )


@rule("IGLU014", "iglu-invalid-self", severity=Severity.ERROR, group=GROUP, enabled=False)
def invalid_self(ctx: RuleContext) -> Iterator[Problem]:
    """`self` lacks a field, names a vendor, name or format with characters outside
    `[a-zA-Z0-9-_.]`, or a version that is not SchemaVer (iglu-core's SchemaKey)."""
    for schema in iglu_schemas(ctx.plan):
        block = schema.body.get("self")
        if block is None:
            continue
        if not isinstance(block, dict):
            yield ctx.problem(schema.at(("self",)), "`self` must be an object", "value")
            continue
        for field in ("vendor", "name", "format", "version"):
            message = _self_field_problem(field, block.get(field), field in block)
            if message is not None:
                where = ("self", field) if field in block else ("self",)
                yield ctx.problem(schema.at(where), message, "value" if field in block else "key")


def _self_field_problem(field: str, value: Any, present: bool) -> str | None:
    if not present:
        return f"`self` has no {field}; Iglu needs vendor, name, format and version"
    if not isinstance(value, str):
        return f"`self.{field}` is {shown(value)}, not a string"
    if field == "version":
        if SCHEMAVER.match(value):
            return None
        return (
            f"`self.version` {shown(value)} is not SchemaVer: MODEL-REVISION-ADDITION, "
            "numbers without leading zeros, starting at 1-0-0"
        )
    if SELF_PART.match(value):
        return None
    return f"`self.{field}` {shown(value)} may only hold letters, digits, '-', '_' and '.'"


@rule(
    "IGLU015", "iglu-supersedes-not-schemaver", severity=Severity.ERROR, group=GROUP, enabled=False
)
def supersedes_not_schemaver(ctx: RuleContext) -> Iterator[Problem]:
    """`$supersedes` or `$supersededBy` holding something other than SchemaVer versions."""
    for schema in iglu_schemas(ctx.plan):
        body = schema.body
        if "$supersededBy" in body:
            value = body["$supersededBy"]
            if not (isinstance(value, str) and SCHEMAVER.match(value)):
                yield ctx.problem(
                    schema.at(("$supersededBy",)),
                    f"$supersededBy is {shown(value)}; it names one SchemaVer version, "
                    'e.g. "1-0-2"',
                    "value",
                )
        if "$supersedes" in body:
            value = body["$supersedes"]
            if not isinstance(value, list):
                yield ctx.problem(
                    schema.at(("$supersedes",)),
                    f'$supersedes is {shown(value)}; it lists SchemaVer versions, e.g. ["1-0-1"]',
                    "value",
                )
                continue
            for index, item in enumerate(value):
                if not (isinstance(item, str) and SCHEMAVER.match(item)):
                    yield ctx.problem(
                        schema.at(("$supersedes", index)),
                        f"$supersedes lists {shown(item)}, which is not a SchemaVer version",
                        "value",
                    )


@rule(
    "IGLU016",
    "iglu-json-too-deep",
    severity=Severity.ERROR,
    group=GROUP,
    options={"max-depth": Option(40, "Deepest JSON nesting accepted (Iglu's resolver: 40).")},
    enabled=False,
)
def json_too_deep(ctx: RuleContext) -> Iterator[Problem]:
    """JSON nested deeper than Iglu's resolver accepts (its maxJsonDepth)."""
    limit = ctx.options["max-depth"]
    for schema in iglu_schemas(ctx.plan):
        deep = _first_below(schema.body, (), 1, limit)
        if deep is not None:
            yield ctx.problem(
                schema.at(deep),
                f"the JSON is nested more than {limit} levels deep here; Iglu refuses "
                "schemas deeper than its maxJsonDepth",
            )


def _first_below(node: Any, pointer: Pointer, depth: int, limit: int) -> Pointer | None:
    if not isinstance(node, (dict, list)):
        return None
    if depth > limit:
        return pointer
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, child in items:
        found = _first_below(child, (*pointer, key), depth + 1, limit)
        if found is not None:
            return found
    return None


@rule("IGLU017", "iglu-not-self-describing", severity=Severity.ERROR, group=GROUP, enabled=False)
def not_self_describing(ctx: RuleContext) -> Iterator[Problem]:
    """A JSON file in a registry without a `self` block, which Iglu cannot resolve."""
    for schema in iglu_schemas(ctx.plan, bare=True):
        if not schema.self_describing:
            yield ctx.problem(
                schema.origin,
                "this file sits in an Iglu registry but has no `self` block, so Iglu cannot "
                "resolve it: add self with vendor, name, format and version (and $schema)",
            )


RULES = (
    schema_uri,
    invalid_json_schema,
    unknown_keyword,
    invalid_self,
    supersedes_not_schemaver,
    json_too_deep,
    not_self_describing,
)
