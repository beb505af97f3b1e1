"""The iglu pack, part 1: what schema-ddl's linter (run by `igluctl lint`) reports.

Each rule is one of schema-ddl's linters (jsonschema/Linter.scala), with its
level as the severity: errors for schemas no value can satisfy, warnings for
what loads badly into a warehouse, info for documentation. igluctl fails a
schema on any of them; run with `--fail-on info` to fail the same way.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Problem, Severity
from ..api import RuleContext, rule
from .iglu_documents import iglu_schemas
from .jsonschema_nodes import is_number, types_of
from .messages import shown

GROUP = "iglu"
WAREHOUSE_MAX_LENGTH = 65535  # Redshift's VARCHAR maximum
KNOWN_FORMATS = frozenset({"uri", "ipv4", "ipv6", "email", "date-time", "date", "hostname", "uuid"})
JSON_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array", "null"})
_BOUNDS = (
    ("minimum", "maximum", "numeric"),
    ("minLength", "maxLength", "string length"),
    ("minItems", "maxItems", "array length"),
)
_TYPED_KEYWORDS = {
    "number or integer": (
        ("multipleOf", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"),
        {"number", "integer"},
    ),
    "string": (("minLength", "maxLength", "pattern", "format"), {"string"}),
    "array": (("items", "additionalItems", "minItems", "maxItems", "uniqueItems"), {"array"}),
    "object": (
        ("properties", "additionalProperties", "patternProperties", "required"),
        {"object"},
    ),
}


def _where(pointer: tuple) -> str:
    return "/" + "/".join(str(p) for p in pointer) if pointer else "the root"


@rule("IGLU001", "iglu-root-not-object", severity=Severity.WARNING, group=GROUP, enabled=False)
def root_not_object(ctx: RuleContext) -> Iterator[Problem]:
    """The schema's root is not `type: object` with `properties` (igluctl's rootObject)."""
    for schema in iglu_schemas(ctx.plan):
        body = schema.body
        if body.get("type") == "object" and isinstance(body.get("properties"), dict):
            continue
        yield ctx.problem(
            schema.origin.field("type", "properties", "self"),
            'the schema\'s root should have "type": "object" and "properties": Snowplow '
            "loads each property as a column, so a root of another shape has none",
        )


@rule("IGLU002", "iglu-impossible-bounds", severity=Severity.ERROR, group=GROUP, enabled=False)
def impossible_bounds(ctx: RuleContext) -> Iterator[Problem]:
    """A minimum above its maximum: minimum, minLength or minItems (igluctl's
    numericMinimumMaximum, stringMinMaxLength, arrayMinMaxItems)."""
    for schema in iglu_schemas(ctx.plan):
        for pointer, node in schema.nodes():
            for low, high, what in _BOUNDS:
                lo, hi = node.get(low), node.get(high)
                if is_number(lo) and is_number(hi) and lo > hi:
                    yield ctx.problem(
                        schema.at(pointer).field(low),
                        f"{what} bounds at {_where(pointer)} are impossible: {low} {shown(lo)} "
                        f"is greater than {high} {shown(hi)}, so no value is valid",
                    )


@rule("IGLU003", "iglu-max-length-too-big", severity=Severity.WARNING, group=GROUP, enabled=False)
def max_length_too_big(ctx: RuleContext) -> Iterator[Problem]:
    """A string's maxLength above 65535, the warehouse's VARCHAR maximum
    (igluctl's stringMaxLengthRange)."""
    for schema in iglu_schemas(ctx.plan):
        for pointer, node in schema.nodes():
            limit = node.get("maxLength")
            if "string" in types_of(node) and is_number(limit) and limit > WAREHOUSE_MAX_LENGTH:
                yield ctx.problem(
                    schema.at(pointer).field("maxLength"),
                    f"maxLength {shown(limit)} at {_where(pointer)} is greater than "
                    f"{WAREHOUSE_MAX_LENGTH}, the longest VARCHAR Redshift loads",
                )


@rule("IGLU004", "iglu-keyword-for-other-type", severity=Severity.ERROR, group=GROUP, enabled=False)
def keyword_for_other_type(ctx: RuleContext) -> Iterator[Problem]:
    """A keyword for one type on a schema whose `type` excludes it, e.g. maxLength
    on an integer (igluctl's stringProperties, numericProperties, arrayProperties,
    objectProperties)."""
    for schema in iglu_schemas(ctx.plan):
        for pointer, node in schema.nodes():
            types = types_of(node)
            if not types or not types <= JSON_TYPES:
                continue  # no type, or a wrong one (IGLU012 reports it)
            for kind, (keywords, fits) in _TYPED_KEYWORDS.items():
                used = [k for k in keywords if k in node]
                if used and not types & fits:
                    yield ctx.problem(
                        schema.at(pointer).field(used[0]),
                        f"{', '.join(used)} at {_where(pointer)} appl"
                        f"{'ies' if len(used) == 1 else 'y'} to {kind} values, but the type "
                        f"is {shown(node['type'])}: add the type or remove the keyword",
                    )


@rule("IGLU005", "iglu-unknown-required", severity=Severity.ERROR, group=GROUP, enabled=False)
def unknown_required(ctx: RuleContext) -> Iterator[Problem]:
    """`required` names a property that `properties` lacks while additionalProperties
    is false, so no value is valid (igluctl's requiredPropertiesExist)."""
    for schema in iglu_schemas(ctx.plan):
        for pointer, node in schema.nodes():
            required, members = node.get("required"), node.get("properties")
            if node.get("additionalProperties") is not False or "patternProperties" in node:
                continue
            if not isinstance(required, list) or not isinstance(members, dict):
                continue
            for index, name in enumerate(required):
                if isinstance(name, str) and name not in members:
                    yield ctx.problem(
                        schema.at((*pointer, "required", index)),
                        f"'{name}' is required at {_where(pointer)} but is not in its "
                        "properties, and additionalProperties is false: no value is valid",
                        "value",
                    )


@rule("IGLU006", "iglu-unknown-format", severity=Severity.WARNING, group=GROUP, enabled=False)
def unknown_format(ctx: RuleContext) -> Iterator[Problem]:
    """A `format` Snowplow's validator does not know, so it checks nothing
    (igluctl's unknownFormats)."""
    known = ", ".join(sorted(KNOWN_FORMATS))
    for schema in iglu_schemas(ctx.plan):
        for pointer, node in schema.nodes():
            value = node.get("format")
            if isinstance(value, str) and value not in KNOWN_FORMATS:
                yield ctx.problem(
                    schema.at((*pointer, "format")),
                    f"unknown format {shown(value)} at {_where(pointer)}; known formats are "
                    f"{known}",
                    "value",
                )


@rule("IGLU007", "iglu-unbounded-number", severity=Severity.WARNING, group=GROUP, enabled=False)
def unbounded_number(ctx: RuleContext) -> Iterator[Problem]:
    """A number or integer without both minimum and maximum, so the loader cannot
    pick a column size (igluctl's numericMinMax)."""
    for schema in iglu_schemas(ctx.plan):
        for pointer, node in schema.nodes():
            if types_of(node) & {"number", "integer"} and not (
                "minimum" in node and "maximum" in node
            ):
                yield ctx.problem(
                    schema.at(pointer),
                    f"the number at {_where(pointer)} should have both minimum and maximum, "
                    "so the warehouse column can be sized",
                )


@rule("IGLU008", "iglu-unbounded-string", severity=Severity.WARNING, group=GROUP, enabled=False)
def unbounded_string(ctx: RuleContext) -> Iterator[Problem]:
    """A string without maxLength, enum or a known format: no clue to its column's
    length (igluctl's stringLength)."""
    for schema in iglu_schemas(ctx.plan):
        for pointer, node in schema.nodes():
            if "string" not in types_of(node) or "enum" in node or "maxLength" in node:
                continue
            if node.get("format") in KNOWN_FORMATS:
                continue
            yield ctx.problem(
                schema.at(pointer),
                f"the string at {_where(pointer)} has no maxLength, enum or known format, so "
                "its column's length is a guess",
            )


@rule("IGLU009", "iglu-optional-not-nullable", severity=Severity.INFO, group=GROUP, enabled=False)
def optional_not_nullable(ctx: RuleContext) -> Iterator[Problem]:
    """An optional property whose type does not allow null (igluctl's optionalNull)."""
    for schema in iglu_schemas(ctx.plan):
        for pointer, node in schema.nodes():
            required, members = node.get("required"), node.get("properties")
            if not isinstance(required, list) or not isinstance(members, dict):
                continue
            for name, member in members.items():
                if name in required or not isinstance(member, dict):
                    continue
                enum = member.get("enum")
                if "null" in types_of(member) or (isinstance(enum, list) and None in enum):
                    continue
                yield ctx.problem(
                    schema.at((*pointer, "properties", name)),
                    f"optional property '{name}' does not allow null; add \"null\" to its "
                    "type, as trackers send null for a value they do not have",
                )


@rule("IGLU010", "iglu-missing-description", severity=Severity.INFO, group=GROUP, enabled=False)
def missing_description(ctx: RuleContext) -> Iterator[Problem]:
    """A schema level without `description` (igluctl's description)."""
    for schema in iglu_schemas(ctx.plan):
        for pointer, node in schema.nodes():
            if "description" not in node:
                yield ctx.problem(
                    schema.at(pointer),
                    f"the schema at {_where(pointer)} has no description; say what it holds",
                )


RULES = (
    root_not_object,
    impossible_bounds,
    max_length_too_big,
    keyword_for_other_type,
    unknown_required,
    unknown_format,
    unbounded_number,
    unbounded_string,
    optional_not_nullable,
    missing_description,
)
