"""The rudderstack pack, tracking plans: what rudder-cli rejects in a `tp` or
`tracking-plan` file (its id and display name, and its event rules)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...findings import Problem, Severity
from ...model import Origin
from ..api import RuleContext, rule
from .messages import shown
from .rudder_catalog import DISPLAY_NAME
from .rudder_files import PLAN_KINDS, RudderFile, rudder_files
from .rudder_project import GROUP

PLAN_ID = re.compile(r"[a-zA-Z0-9_-]+\Z")
IDENTITY_SECTIONS = ("properties", "traits", "context.traits")
MAX_NESTING = 3
DISCRIMINATOR_TYPES = ("string", "integer", "boolean")


@rule("RS108", "rudderstack-tracking-plan", severity=Severity.ERROR, group=GROUP, enabled=False)
def tracking_plan(ctx: RuleContext) -> Iterator[Problem]:
    """A tracking plan without a well-formed `id` or `display_name`, with a
    description outside 3–2000 characters, or a rule that is not a well-formed
    `event_rule` with a unique id."""
    for file in rudder_files(ctx.plan):
        if file.kind not in PLAN_KINDS:
            continue
        spec, at = file.spec, file.origin.child("spec")
        ident = spec.get("id")
        if not isinstance(ident, str) or not ident:
            yield ctx.problem(at.field("id"), "'id' is required in a tracking plan")
        elif not PLAN_ID.match(ident):
            yield ctx.problem(
                at.child("id"), f"'id' {shown(ident)} may hold only [a-zA-Z0-9_-]", "value"
            )
        name = spec.get("display_name")
        if not isinstance(name, str) or not name:
            yield ctx.problem(at.field("display_name"), "'display_name' is required")
        elif not DISPLAY_NAME.match(name):
            yield ctx.problem(
                at.child("display_name"),
                f"display_name {shown(name)} must start with a letter or underscore, followed "
                "by 2-64 letters, digits, spaces, commas, periods or hyphens",
                "value",
            )
        description = spec.get("description")
        if isinstance(description, str) and not 3 <= len(description) <= 2000:
            yield ctx.problem(
                at.child("description"), "a description holds 3 to 2000 characters", "value"
            )
        yield from _rules(ctx, file)


def _rules(ctx: RuleContext, file: RudderFile) -> Iterator[Problem]:
    rules = file.spec.get("rules")
    ids: dict[str, int] = {}
    for index, item in enumerate(rules if isinstance(rules, list) else ()):
        at = file.origin.child("spec", "rules", index)
        if not isinstance(item, dict):
            continue
        if item.get("type") != "event_rule":
            yield ctx.problem(
                at.field("type"),
                f"rule type is {shown(item.get('type'))}; rudder-cli knows only 'event_rule'",
            )
        ident = item.get("id")
        if not isinstance(ident, str) or not ident:
            yield ctx.problem(at.field("id"), "'id' is required in each rule")
        elif ident in ids:
            yield ctx.problem(
                at.child("id"),
                f"rule id '{ident}' is already used by rule {ids[ident] + 1} of this plan",
                "value",
            )
        else:
            ids[ident] = index
        if "event" not in item and "include" not in item:
            yield ctx.problem(at, "'event' is required in an event rule")
        section = item.get("identity_section")
        if section is not None and section not in IDENTITY_SECTIONS:
            yield ctx.problem(
                at.child("identity_section"),
                f"identity_section {shown(section)} must be one of {', '.join(IDENTITY_SECTIONS)}",
                "value",
            )


@rule(
    "RS109", "rudderstack-tracking-plan-rules", severity=Severity.ERROR, group=GROUP, enabled=False
)
def tracking_plan_rules(ctx: RuleContext) -> Iterator[Problem]:
    """Event rules rudder-cli refuses: one event in two rules, one property twice in
    a rule, nesting deeper than 3 levels or under a property that is not an object,
    `additional_properties` without nested properties, and variants whose
    discriminator is not a string, integer or boolean property of the rule."""
    catalog = _catalog(ctx)
    for file in rudder_files(ctx.plan):
        if file.kind not in PLAN_KINDS:
            continue
        rules = file.spec.get("rules")
        events: dict[str, int] = {}
        for index, item in enumerate(rules if isinstance(rules, list) else ()):
            if not isinstance(item, dict):
                continue
            at = file.origin.child("spec", "rules", index)
            event = _ref(item.get("event"))
            if event is not None:
                if event in events:
                    yield ctx.problem(
                        at.child("event"),
                        f"event {event} is already in rule {events[event] + 1}; one rule an event",
                        "value",
                    )
                events.setdefault(event, index)
            props = item.get("properties")
            if isinstance(props, list):
                yield from _properties(ctx, at.child("properties"), props, 1, catalog)
            yield from _variants(ctx, at, item, catalog)


def _ref(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("$ref")
    return value if isinstance(value, str) else None


def _catalog(ctx: RuleContext) -> dict[str, dict]:
    """Every property of the project by the references that name it."""
    found: dict[str, dict] = {}
    for file in rudder_files(ctx.plan):
        metadata = file.data.get("metadata")
        group = metadata.get("name") if isinstance(metadata, dict) else None
        for _, prop in file.entries("properties"):
            ident = prop.get("id")
            if isinstance(ident, str):
                found[f"#property:{ident}"] = prop
                found[f"#/properties/{group}/{ident}"] = prop
    return found


def _properties(
    ctx: RuleContext, at: Origin, props: list, depth: int, catalog: dict[str, dict]
) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, entry in enumerate(props):
        if not isinstance(entry, dict):
            continue
        where = at.child(index)
        ref = entry.get("property", entry.get("$ref"))
        if isinstance(ref, str):
            if ref in seen:
                yield ctx.problem(where, f"property {ref} is listed twice in this rule", "key")
            seen.add(ref)
        nested = entry.get("properties")
        if "additional_properties" in entry and not isinstance(nested, list):
            yield ctx.problem(
                where.child("additional_properties"),
                "additional_properties applies only to a property with nested properties",
            )
        if not isinstance(nested, list):
            continue
        if depth > MAX_NESTING:  # the nested list would be level depth; 3 are allowed
            yield ctx.problem(
                where.child("properties"),
                f"properties nest at most {MAX_NESTING} levels deep in a tracking plan",
            )
            continue
        definition = catalog.get(ref) if isinstance(ref, str) else None
        types = _types(definition)
        if definition is not None and types and "object" not in types:
            yield ctx.problem(
                where.child("properties"),
                f"only object properties take nested properties; {ref} is {' or '.join(types)}",
            )
        yield from _properties(ctx, where.child("properties"), nested, depth + 1, catalog)


def _types(definition: dict | None) -> list[str]:
    if definition is None:
        return []
    value = definition.get("types", definition.get("type"))
    if isinstance(value, str):
        return [t.strip() for t in value.split(",")]
    return [t for t in value if isinstance(t, str)] if isinstance(value, list) else []


def _variants(
    ctx: RuleContext, at: Origin, item: dict, catalog: dict[str, dict]
) -> Iterator[Problem]:
    variants = item.get("variants")
    if not isinstance(variants, list):
        return
    own = {
        entry.get("property", entry.get("$ref"))
        for entry in item.get("properties") or ()
        if isinstance(entry, dict)
    }
    for index, variant in enumerate(variants):
        if not isinstance(variant, dict):
            continue
        where = at.child("variants", index)
        discriminator = variant.get("discriminator")
        if not isinstance(discriminator, str):
            yield ctx.problem(where.field("discriminator"), "a variant needs a 'discriminator'")
            continue
        if discriminator not in own:
            yield ctx.problem(
                where.child("discriminator"),
                f"discriminator {discriminator} is not one of this rule's own properties",
                "value",
            )
        types = _types(catalog.get(discriminator))
        if types and not set(types) & set(DISCRIMINATOR_TYPES):
            yield ctx.problem(
                where.child("discriminator"),
                f"a discriminator must be a string, integer or boolean property; "
                f"{discriminator} is {' or '.join(types)}",
                "value",
            )


RULES = (tracking_plan, tracking_plan_rules)
