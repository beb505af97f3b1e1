"""Hygiene rules: what every definition should say (description, owner, type, PII)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..classification import tokenize
from ..findings import Problem, Severity
from ..model import Event, Origin, Plan, Property, value_at
from .api import Option, RuleContext, rule
from .references import referring

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
    """A definition without a description: one finding per thing a person documents.

    Per event (its own description, and properties only it carries); per property
    name undocumented on several events (`user_id` on 170 events of a vendor
    export is one description to write), when that takes fewer findings than per
    event (Iglu schemas share names such as `name` that mean different things);
    per shared definition, metric and job."""
    plan, kinds = ctx.plan, set(ctx.options["kinds"])
    if "event" in kinds or "property" in kinds:
        bare_props = _bare_props(ctx) if "property" in kinds else {}
        repeated = _repeated(bare_props)
        # whichever says it in fewer findings (per name first on a tie), made alone
        per_event = [
            event for event in plan.events.values() if _said_nothing(event, kinds, bare_props)
        ]
        per_name = [
            event for event in per_event if _said_nothing(event, kinds, bare_props, repeated)
        ]
        if len(repeated) + len(per_name) <= len(per_event):
            yield from _by_event(per_name, kinds, bare_props, repeated)
        else:
            yield from _by_event(per_event, kinds, bare_props, {})
    if "property" in kinds:
        for name, prop in plan.properties.items():
            props = _undocumented(plan, prop.properties)
            if not _said(prop.description) or props:
                yield _shared_problem(name, prop, props)
    for kind, items in (("metric", plan.metrics), ("job", plan.jobs)):
        if kind in kinds:
            for item in items.values():
                if not _said(item.description):
                    yield ctx.problem(item.origin, f"{kind} '{item.name}' has no description")


def _bare_props(ctx: RuleContext) -> dict[str, list[Property]]:
    """Each event's undocumented properties; what each event holds is kept (`reuse`)."""
    shared = ctx.plan.properties
    return {
        event.name: [prop for prop, refs in candidates if not _defined(refs, shared)]
        for event, candidates in ctx.kept("TL206", _candidates_of).each(ctx.plan.events.values())
    }


def _said_nothing(
    event: Event,
    kinds: set[str],
    bare_props: dict[str, list[Property]],
    repeated: dict[str, list[tuple[str, Property]]] | None = None,
) -> bool:
    """Whether an event gets a finding of its own (its `repeated` properties aside)."""
    if not _said(event.description) and "event" in kinds:
        return True
    props = bare_props.get(event.name, ())
    return any(prop.name not in repeated for prop in props) if repeated else bool(props)


def _by_event(
    events: list[Event],
    kinds: set[str],
    bare_props: dict[str, list[Property]],
    repeated: dict[str, list[tuple[str, Property]]],
) -> list[Problem]:
    """Findings per event, with the `repeated` property names taken out as their own."""
    found = [_repeated_problem(name, places) for name, places in repeated.items()]
    for event in events:
        bare = not _said(event.description) and "event" in kinds
        props = [prop for prop in bare_props.get(event.name, ()) if prop.name not in repeated]
        found.append(_event_problem(event.name, event.origin, bare, props))
    return found


def _repeated(bare_props: dict[str, list[Property]]) -> dict[str, list[tuple[str, Property]]]:
    """Property names undocumented on two events or more, with every such place."""
    places: dict[str, list[tuple[str, Property]]] = {}
    for event, props in bare_props.items():
        for prop in props:
            places.setdefault(prop.name, []).append((event, prop))
    return {name: found for name, found in places.items() if len({e for e, _ in found}) > 1}


def _repeated_problem(name: str, places: list[tuple[str, Property]]) -> Problem:
    events = list(dict.fromkeys(event for event, _ in places))
    shown = ", ".join(f"'{event}'" for event in events[:2])
    more = f" +{len(events) - 2} more" if len(events) > 2 else ""
    return Problem(
        f"property '{name}' has no description on {len(events)} events ({shown}{more}); say "
        "once what it holds, with units where there are any, and use those words on every "
        "event",
        places[0][1].origin,
        related=tuple((prop.origin, f"event '{event}'") for event, prop in places[1:]),
    )


def _undocumented(plan: Plan, props: dict[str, Property]) -> list[Property]:
    """Properties (nested ones too) saying nothing; a `$ref` speaks for itself once,
    where it is defined."""
    found: list[tuple[Property, tuple[str, ...]]] = []
    _candidates(props, (), found)
    return [prop for prop, refs in found if not _defined(refs, plan.properties)]


def _candidates_of(event: Event) -> list[tuple[Property, tuple[str, ...]]]:
    found: list[tuple[Property, tuple[str, ...]]] = []
    _candidates(event.properties, (), found)
    return found


def _candidates(
    props: dict[str, Property],
    refs: tuple[str, ...],
    found: list[tuple[Property, tuple[str, ...]]],
) -> None:
    """Properties saying nothing, each with the `$ref`s on its way (its own included):
    one of those defined in the plan speaks for it. Nothing here depends on the rest
    of the plan, so an unchanged event's are kept."""
    for prop in props.values():
        if _named_only(prop):
            continue
        here = (*refs, prop.ref) if prop.ref else refs
        if prop.name != "items" and not _said(prop.description):
            found.append((prop, here))
        _candidates(prop.properties, here, found)
        if prop.items is not None:
            _candidates(prop.items.properties, here, found)


def _defined(refs: tuple[str, ...], shared: dict[str, Property]) -> bool:
    return bool(refs) and any(ref in shared for ref in refs)


def _listing(props: list[Property]) -> str:
    more = f" +{len(props) - 3} more" if len(props) > 3 else ""
    return ", ".join(prop.name for prop in props[:3]) + more


def _event_problem(name: str, origin: Origin, bare: bool, props: list[Property]) -> Problem:
    related = tuple((prop.origin, f"'{prop.name}'") for prop in props)
    count = plural(len(props), "property")
    if bare and props:
        message = (
            f"event '{name}' has no description, and {len(props)} of its properties "
            f"{'has' if len(props) == 1 else 'have'} none ({_listing(props)}); say what "
            "happened and when it fires, and what each property holds"
        )
    elif bare:
        message = (
            f"event '{name}' has no description; say what happened and when it fires, so "
            "others can use it without reading the code"
        )
    else:
        message = (
            f"event '{name}' has {count} without a description ({_listing(props)}); say what "
            "each holds, with units where there are any"
        )
        return Problem(message, props[0].origin, related=related[1:])
    return Problem(message, origin, related=related)


def _shared_problem(name: str, prop: Property, props: list[Property]) -> Problem:
    related = tuple((member.origin, f"'{member.name}'") for member in props)
    if not _said(prop.description):
        message = (
            f"shared property '{name}' has no description; say what it holds, with units "
            "where there are any"
        )
        return Problem(message, prop.origin, related=related)
    message = (
        f"shared property '{name}' has {plural(len(props), 'member')} without a description "
        f"({_listing(props)}); say what each holds"
    )
    return Problem(message, props[0].origin, related=related[1:])


def plural(count: int, word: str) -> str:
    if count == 1:
        return f"1 {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"


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
    referenced = {prop.ref for _, prop in referring(ctx) if prop.ref}
    for name, prop in plan.properties.items():
        if name not in referenced:
            yield ctx.problem(
                prop.origin,
                f"shared property '{name}' is not used by any event; use it or remove it",
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
    """A property whose name suggests personal data, with no `pii` declaration.

    One finding per name: deciding what `email` holds is one decision, however
    many events carry it."""
    flagged = ctx.chosen_properties("TL210", _personal)
    for name, found in _by_name(flagged).items():
        yield _once(
            found,
            f"property '{name}'{_where(found)} looks like personal data; declare `pii: true` "
            "(and hash or drop it before it leaves the client) or `pii: false`",
        )


@rule(
    "TL211", "untyped-property", severity=Severity.WARNING, group="hygiene",
    enabled=False,  # opt-in: JSON Schema exports write a chosen "any" as no type; see its page
)  # fmt: skip
def untyped_property(ctx: RuleContext) -> Iterator[Problem]:
    """A property with no type: one finding per name, every untyped place carried along."""
    shared = ctx.plan.properties
    untyped = []
    for event, prop in ctx.plan.all_properties():
        if prop.types or prop.name == "items":
            continue
        if prop.ref and prop.ref in shared and shared[prop.ref].types:
            continue
        if prop.schema.get("enum") or "const" in prop.schema:
            continue  # the values pin the type down
        if not _TYPED_ELSEWHERE.isdisjoint(prop.schema):
            continue  # a local `$ref` or alternatives give the type
        untyped.append((event, prop))
    for name, found in _by_name(untyped).items():
        yield _once(
            found,
            f"property '{name}'{_where(found)} has no type; every destination guesses "
            "differently: declare one (string, integer, number, boolean, object, array)",
        )


Found = list[tuple[Event | None, Property]]
_TYPED_ELSEWHERE = frozenset({"$ref", "anyOf", "oneOf", "allOf"})


def _personal(prop: Property) -> bool:
    return prop.pii is None and prop.name != "items" and _looks_personal(prop.name)


def _by_name(found: Found) -> dict[str, Found]:
    grouped: dict[str, Found] = {}
    for event, prop in found:
        grouped.setdefault(prop.name, []).append((event, prop))
    return grouped


def _where(found: Found) -> str:
    """Whose property it is: one event, a shared definition, or how many places."""
    if len(found) > 1:
        return f" ({len(found)} places)"
    event = found[0][0]
    return f" of {event.title}" if event else ""


def _once(found: Found, message: str) -> Problem:
    related = tuple((prop.origin, f"event '{e.name}'" if e else "") for e, prop in found[1:])
    return Problem(message, found[0][1].origin, related=related)


def _named_only(prop: Property) -> bool:
    """A property the plan only lists by name (`parameters: [page_title, ...]`, names in a
    sheet's cell): nothing beside the name could hold a description there, and such
    plans describe their parameters elsewhere or take them from the vendor's spec."""
    pointer = prop.origin.pointer
    if not pointer:
        return False
    holder = value_at(prop.origin.document.data, pointer[:-1])
    if isinstance(holder, list):  # the node itself, found from its holder
        return isinstance(value_at(holder, pointer[-1:]), str)
    return isinstance(holder, str)


def _said(text: str | None) -> bool:
    return bool(text and text.strip())


# Last words that make a name about personal data, not the data: `latitude_accuracy`,
# `ip_isp`, `email_count`; first words that say it is a setting: `anonymizeIp`.
_ABOUT_WORDS = {
    "accuracy", "precision", "type", "format", "count", "length", "enabled", "hash", "hashed",
    "domain", "isp", "organization", "org", "netspeed", "verified", "opt", "status", "provider",
}  # fmt: skip
_SETTING_WORDS = {"anonymize", "anonymise", "anon", "hash", "hashed", "mask", "masked", "is", "has"}


@lru_cache(maxsize=16384)
def _looks_personal(name: str) -> bool:
    """Cached: a plan repeats the same few hundred property names many times."""
    words = tokenize(name)
    if not words or words[-1] in _ABOUT_WORDS or words[0] in _SETTING_WORDS:
        return False
    if not _PII_WORDS.isdisjoint(words):
        return True
    runs = {words[i : i + size] for size in (2, 3) for i in range(len(words) - size + 1)}
    return not runs.isdisjoint(_PII_PHRASES)


RULES = (missing_description, missing_owner, unused_definition, pii_property, untyped_property)
