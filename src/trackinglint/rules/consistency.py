"""Consistency rules: one name, one spelling, one type, across every file of a plan."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache

from ..findings import Problem, Severity
from ..model import Origin, Plan, Property
from .api import RuleContext, rule
from .names import normalized, places


@rule("TL201", "duplicate-event", severity=Severity.ERROR, group="consistency")
def duplicate_event(ctx: RuleContext) -> Iterator[Problem]:
    """Two events whose names differ only in case or separators, or one defined twice."""
    groups: dict[str, list[Origin]] = defaultdict(list)
    names: dict[str, list[str]] = defaultdict(list)
    for event in ctx.plan.events.values():
        key = normalized(event.name)
        groups[key].append(event.origin)
        names[key].append(event.name)
    for again in ctx.plan.redefinitions:
        if again.section == "events":
            key = normalized(again.name)
            groups[key].append(again.again)
            names[key].append(again.name)
    for key, origins in groups.items():
        if len(origins) < 2:
            continue
        spelled = sorted(set(names[key]), key=names[key].index)
        what = (
            f"event '{spelled[0]}' is defined {len(origins)} times"
            if len(spelled) == 1
            else "events " + ", ".join(f"'{name}'" for name in spelled) + " differ only in "
            "case or separators"
        )
        yield ctx.problem(
            origins[1],
            f"{what} ({places(origins)}); analyses split one behaviour in two: keep one name "
            "and send it everywhere",
        )


def _property_places(plan: Plan) -> Iterator[tuple[str, Property]]:
    for _, prop in plan.all_properties():
        if prop.name != "items":
            yield prop.name, prop


@rule("TL202", "property-name-variants", severity=Severity.WARNING, group="consistency")
def property_name_variants(ctx: RuleContext) -> Iterator[Problem]:
    """The same property spelled in several ways across the plan."""
    spellings: dict[str, dict[str, list[Origin]]] = defaultdict(lambda: defaultdict(list))
    for name, prop in _property_places(ctx.plan):
        spellings[normalized(name)][name].append(prop.origin)
    for variants in spellings.values():
        if len(variants) < 2:
            continue
        ranked = sorted(variants.items(), key=lambda item: -len(item[1]))
        listing = " | ".join(
            f"'{name}' ({_count(origins)}: {places(origins)})" for name, origins in ranked
        )
        yield ctx.problem(
            ranked[1][1][0],
            f"property spelled {len(variants)} ways: {listing}; pick one spelling (most used: "
            f"'{ranked[0][0]}') so the columns line up downstream",
        )


@rule("TL203", "property-type-conflict", severity=Severity.ERROR, group="consistency")
def property_type_conflict(ctx: RuleContext) -> Iterator[Problem]:
    """One property name with different types on different events."""
    shared = ctx.plan.properties
    typed: dict[str, dict[str, list[Origin]]] = defaultdict(lambda: defaultdict(list))
    for name, prop in _property_places(ctx.plan):
        kinds = prop.types or (shared[prop.ref].types if prop.ref in shared else ())
        key = _type_key(kinds)
        if key:
            typed[name][key].append(prop.origin)
    for name, by_type in typed.items():
        if len(by_type) < 2:
            continue
        ranked = sorted(by_type.items(), key=lambda item: -len(item[1]))
        listing = " | ".join(
            f"{kind} ({_count(origins)}: {places(origins)})" for kind, origins in ranked
        )
        yield ctx.problem(
            ranked[1][1][0],
            f"property '{name}' has {len(by_type)} types: {listing}; give it one type "
            "everywhere, or rename the ones that mean something else",
        )


@lru_cache(maxsize=256)
def _type_key(kinds: tuple[str, ...]) -> str:
    """`null` in a type list makes the property optional; it is not another type."""
    return " or ".join(sorted(set(kinds) - {"null"}))


def _count(origins: list[Origin]) -> str:
    return f"{len(origins)} place{'s' if len(origins) != 1 else ''}"


RULES = (duplicate_event, property_name_variants, property_type_conflict)
