"""Consistency rules: one name, one spelling, one type, across every file of a plan.

Each group (the spellings of one event or property, the types of one field)
is one finding, at the first place that differs from the most used form; every
other place rides along as a related place, shown in full by JSON and SARIF.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..findings import Problem, Severity
from ..model import Event, Origin, Plan, Property
from .api import RuleContext, rule
from .names import normalized

Places = list[tuple[Origin, str]]  # each place with the spelling or type found there


@rule("TL201", "duplicate-event", severity=Severity.ERROR, group="consistency")
def duplicate_event(ctx: RuleContext) -> Iterator[Problem]:
    """Two events whose names differ only in case or separators, or one defined twice."""
    groups: dict[str, Places] = defaultdict(list)
    for event in ctx.plan.events.values():
        groups[normalized(event.name)].append((event.origin, event.name))
    for again in ctx.plan.redefinitions:
        if again.section == "events":
            groups[normalized(again.name)].append((again.again, again.name))
    for found in groups.values():
        if len(found) < 2:
            continue
        names = [name for _, name in found]
        spelled = sorted(set(names), key=names.index)
        what = (
            f"event '{spelled[0]}' is defined {len(found)} times"
            if len(spelled) == 1
            else "events " + ", ".join(f"'{name}'" for name in spelled) + " differ only in "
            "case or separators"
        )
        yield Problem(
            f"{what}; analyses split one behaviour in two: keep one name and send it everywhere",
            found[1][0],
            related=tuple((origin, f"'{name}'") for origin, name in found[:1] + found[2:]),
        )


@rule("TL202", "property-name-variants", severity=Severity.WARNING, group="consistency")
def property_name_variants(ctx: RuleContext) -> Iterator[Problem]:
    """The same property spelled in several ways across the plan.

    Spellings are compared among properties under the same parents: top-level
    ones with each other, `cart.productId` with `cart.product_id`; a key of a
    nested settings object (Iglu's `fields.mktMedium`) is not a column beside
    a top-level `mkt_medium`."""
    spellings: dict[tuple[str, ...], dict[str, list[Origin]]] = {}
    for _, keyed in ctx.kept("TL202", _placed_in).each(ctx.plan.events.values()):
        _spell(spellings, keyed)
    _spell(spellings, _keyed(ctx.plan.properties.values()))
    for variants in spellings.values():
        if len(variants) < 2:
            continue
        ranked = sorted(variants.items(), key=lambda item: -len(item[1]))
        listing = ", ".join(f"'{name}' ({_count(origins)})" for name, origins in ranked)
        # the places most likely to change first: the less used spellings
        first = ranked[1][1][0]
        yield Problem(
            f"property spelled {len(variants)} ways: {listing}; pick one spelling (most used: "
            f"'{ranked[0][0]}') so the columns line up downstream",
            first,
            related=_others(ranked, first, "'{}'") if ctx.related else (),
        )


@rule("TL203", "property-type-conflict", severity=Severity.ERROR, group="consistency")
def property_type_conflict(ctx: RuleContext) -> Iterator[Problem]:
    """One property with different types where it plays the same role.

    Top-level properties (of events and of shared definitions) are compared
    with each other, and the members of one shared object with each other; a
    property nested in an event's own object is not compared with one nested
    elsewhere: different parents, different fields. A property without a type
    is not compared.
    """
    typed: dict[tuple[str, ...], dict[str, list[Origin]]] = {}
    for _, roles in ctx.kept("TL203", _typed_in).each(ctx.plan.events.values()):
        for role, prop, key in roles:
            if key is None:  # no type of its own: its shared definition's, if any
                key = _type_key(_shared_types(ctx.plan, prop))
            if key:
                by_type = typed.get(role)
                if by_type is None:
                    typed[role] = {key: [prop.origin]}
                elif (places := by_type.get(key)) is None:
                    by_type[key] = [prop.origin]
                else:
                    places.append(prop.origin)
    for role, prop in _shared_roles(ctx.plan):
        key = _type_key(prop.types or _shared_types(ctx.plan, prop))
        if key:
            typed.setdefault(role, {}).setdefault(key, []).append(prop.origin)
    for role, by_type in typed.items():
        if len(by_type) < 2:
            continue
        ranked = sorted(by_type.items(), key=lambda item: -len(item[1]))
        listing = ", ".join(f"{kind} ({_count(origins)})" for kind, origins in ranked)
        first = ranked[1][1][0]
        yield Problem(
            f"property '{'.'.join(role)}' has {len(by_type)} types: {listing}; give it one "
            "type everywhere, or rename the ones that mean something else",
            first,
            related=_others(ranked, first, "{}") if ctx.related else (),
        )


def _typed_in(event: Event) -> list[tuple[tuple[str, ...], Property, str | None]]:
    """An event's properties with their roles and types (None: no type of its own).
    Kept while the event is (`reuse`)."""
    return [
        ((prop.name,), prop, _type_key(prop.types) if prop.types else None)
        for prop in event.properties.values()
    ]


def _others(
    ranked: list[tuple[str, list[Origin]]], first: Origin, note: str
) -> tuple[tuple[Origin, str], ...]:
    """Every place but `first`, the least used form's first, each noted with its form."""
    others: list[tuple[Origin, str]] = []
    for form, origins in reversed(ranked):
        noted = note.format(form)
        others.extend((origin, noted) for origin in origins if origin is not first)
    return tuple(others)


def _shared_roles(plan: Plan) -> Iterator[tuple[tuple[str, ...], Property]]:
    """Every comparable property of the shared definitions with its role: its name at
    the top of a definition, the path from the definition for an object's members (an
    event's own properties are compared at its top only)."""
    for prop in plan.properties.values():
        yield from _members((prop.name,), prop)


def _members(
    role: tuple[str, ...], prop: Property, *, item: bool = False
) -> Iterator[tuple[tuple[str, ...], Property]]:
    if not (item and prop.properties):  # items that are objects: compared by their members
        yield role, prop
    for child in prop.properties.values():
        yield from _members((*role, child.name), child)
    if prop.items is not None:
        yield from _members((*role, "[]"), prop.items, item=True)


Keyed = list[tuple[tuple[str, ...], str, Property]]


def _spell(spellings: dict[tuple[str, ...], dict[str, list[Origin]]], keyed: Keyed) -> None:
    for key, name, prop in keyed:
        variants = spellings.get(key)
        if variants is None:
            spellings[key] = {name: [prop.origin]}
        elif (places := variants.get(name)) is None:
            variants[name] = [prop.origin]
        else:
            places.append(prop.origin)


def _placed_in(event: Event) -> Keyed:
    """An event's properties, each with the key its spelling variants share: the
    normalized names of its parents and its own. Kept while the event is (`reuse`)."""
    return _keyed(event.properties.values())


def _keyed(
    props: Iterable[Property], parents: tuple[str, ...] = (), found: Keyed | None = None
) -> Keyed:
    """Properties and their members, each with its key."""
    found = [] if found is None else found
    for prop in props:
        key = (*parents, normalized(prop.name))
        found.append((key, prop.name, prop))
        _keyed_members(prop, key, found)
    return found


def _keyed_members(prop: Property, key: tuple[str, ...], found: Keyed) -> None:
    if prop.properties:
        _keyed(prop.properties.values(), key, found)
    items = prop.items
    if items is not None:  # an array's items stand for the array: only their members count
        _keyed_members(items, (*key, normalized(items.name)), found)


def _shared_types(plan: Plan, prop: Property) -> tuple[str, ...]:
    shared = plan.properties.get(prop.ref) if prop.ref else None
    return shared.types if shared is not None else ()


@lru_cache(maxsize=256)
def _type_key(kinds: tuple[str, ...]) -> str:
    """`null` in a type list makes the property optional; it is not another type."""
    return " or ".join(sorted(set(kinds) - {"null"}))


def _count(origins: list[Origin]) -> str:
    return f"{len(origins)} place{'s' if len(origins) != 1 else ''}"


RULES = (duplicate_event, property_name_variants, property_type_conflict)
