"""Hygiene rules: what every definition should say (description, owner, type, PII)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..classification import tokenize
from ..findings import Problem, Severity
from ..model import Plan, Property
from .api import Option, RuleContext, rule

KINDS = ("event", "property", "metric", "job")
_PII_WORDS = {
    "email", "phone", "telephone", "msisdn", "ssn", "ip", "dob", "birthdate", "birthday",
    "passport", "iban", "address", "fullname", "firstname", "lastname", "surname", "postcode",
    "zipcode", "geolocation", "latitude", "longitude",
}  # fmt: skip
_PII_PHRASES = (
    ("first", "name"), ("last", "name"), ("full", "name"), ("family", "name"),
    ("given", "name"), ("date", "of", "birth"), ("birth", "date"), ("credit", "card"),
    ("card", "number"), ("social", "security"), ("tax", "id"), ("national", "id"),
    ("account", "number"), ("license", "number"), ("postal", "code"), ("mobile", "number"),
    ("zip", "code"),
)  # fmt: skip


def _kinds_ok(value: list) -> str | None:
    unknown = [kind for kind in value if kind not in KINDS]
    return f"unknown kinds {unknown}; use any of {list(KINDS)}" if unknown else None


@rule(
    "TL206",
    "missing-description",
    severity=Severity.INFO,
    group="hygiene",
    options={"kinds": Option(list(KINDS), "Which definitions need a description.", _kinds_ok)},
)
def missing_description(ctx: RuleContext) -> Iterator[Problem]:
    """An event, property, metric or job without a description."""
    plan, kinds = ctx.plan, set(ctx.options["kinds"])
    if "event" in kinds:
        for event in plan.events.values():
            if not _said(event.description):
                yield ctx.problem(
                    event.origin,
                    f"event '{event.name}' has no description; say what happened and when it "
                    "fires, so others can use it without reading the code",
                )
    if "property" in kinds:
        for event, prop in plan.all_properties():
            if prop.name != "items" and not _said(_description(plan, prop)):
                owner = f" of event '{event.name}'" if event else ""
                yield ctx.problem(
                    prop.origin,
                    f"property '{prop.name}'{owner} has no description; say what it holds, "
                    "with units where there are any",
                )
    for kind, items in (("metric", plan.metrics), ("job", plan.jobs)):
        if kind in kinds:
            for item in items.values():
                if not _said(item.description):
                    yield ctx.problem(item.origin, f"{kind} '{item.name}' has no description")


@rule("TL207", "missing-owner", severity=Severity.INFO, group="hygiene", enabled=False)
def missing_owner(ctx: RuleContext) -> Iterator[Problem]:
    """An event without an owner."""
    for event in ctx.plan.events.values():
        if not _said(event.owner):
            yield ctx.problem(
                event.origin,
                f"event '{event.name}' has no owner; name the team that answers for it",
            )


@rule("TL209", "unused-definition", severity=Severity.WARNING, group="hygiene")
def unused_definition(ctx: RuleContext) -> Iterator[Problem]:
    """A shared property or a metric that nothing uses."""
    plan = ctx.plan
    referenced = {prop.ref for _, prop in plan.all_properties() if prop.ref}
    for name, prop in plan.properties.items():
        if name not in referenced:
            yield ctx.problem(
                prop.origin,
                f"shared property '{name}' is not used by any event (`$ref: {name}`); use it "
                "or remove it",
            )
    if not plan.dashboards:
        return  # without dashboards, nothing says where a metric is shown
    shown = {ref.name for dashboard in plan.dashboards.values() for ref in dashboard.metrics}
    for metric in plan.metrics.values():
        if metric.name not in shown and not metric.north_star:
            yield ctx.problem(
                metric.origin,
                f"metric '{metric.name}' is on no dashboard; show it where decisions are made, "
                "or remove it",
            )


@rule("TL210", "pii-property", severity=Severity.WARNING, group="hygiene")
def pii_property(ctx: RuleContext) -> Iterator[Problem]:
    """A property whose name suggests personal data, with no `pii` declaration."""
    for event, prop in ctx.plan.all_properties():
        if prop.pii is not None or prop.name == "items":
            continue
        if _looks_personal(prop.name):
            owner = f" of event '{event.name}'" if event else ""
            yield ctx.problem(
                prop.origin,
                f"property '{prop.name}'{owner} looks like personal data; declare `pii: true` "
                "(and hash or drop it before it leaves the client) or `pii: false`",
            )


@rule("TL211", "untyped-property", severity=Severity.WARNING, group="hygiene")
def untyped_property(ctx: RuleContext) -> Iterator[Problem]:
    """A property with no type."""
    shared = ctx.plan.properties
    for event, prop in ctx.plan.all_properties():
        if prop.types or prop.name == "items":
            continue
        if prop.ref and prop.ref in shared and shared[prop.ref].types:
            continue
        if prop.schema.get("enum") or "const" in prop.schema:
            continue  # the values pin the type down; TL212 asks for an explicit one
        owner = f" of event '{event.name}'" if event else ""
        yield ctx.problem(
            prop.origin,
            f"property '{prop.name}'{owner} has no type; every destination guesses "
            "differently: declare one (string, integer, number, boolean, object, array)",
        )


def _said(text: str | None) -> bool:
    return bool(text and text.strip())


def _description(plan: Plan, prop: Property) -> str | None:
    if prop.description or not prop.ref or prop.ref not in plan.properties:
        return prop.description
    return plan.properties[prop.ref].description


@lru_cache(maxsize=16384)
def _looks_personal(name: str) -> bool:
    """Cached: a plan repeats the same few hundred property names many times."""
    words = tokenize(name)
    if not _PII_WORDS.isdisjoint(words):
        return True
    runs = {words[i : i + size] for size in (2, 3) for i in range(len(words) - size + 1)}
    return not runs.isdisjoint(_PII_PHRASES)


RULES = (missing_description, missing_owner, unused_definition, pii_property, untyped_property)
