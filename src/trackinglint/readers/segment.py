"""Segment Protocols tracking plans, in the three JSON shapes found in the wild.

- legacy export (Config API): `{"rules": {"events": [{"name", "rules": schema}]}}`
- local plan (Typewriter):    `{"events": [{"name", "rules": schema}]}`
- Public API export:          `{"rules": [{"key", "type": "TRACK", "jsonSchema": schema}]}`,
  also kept as YAML with each rule's `properties` written flat beside `key`
  (`rules: [{key, type: TRACK, description, properties}]`), as the GitHub
  workflows that upload plans to the Public API keep them

The legacy `rules` object is also found unwrapped (`{"global", "events",
"identify", "group"}`), as Terraform's Segment provider reads it.

An event's schema holds its properties either nested, as Segment validates the
whole call (`properties.properties.properties`, beside `context` and
`traits`, sometimes with a stray keyword such as a misplaced `required`), or
flat (`properties` are the event's properties).

Only track events become plan events. Identify and group rules (their
`traits`), and page and screen rules (their `properties`), are read with the
same positions but kept apart (`Plan.non_events`, labelled `identify`,
`page Home`): they describe users, accounts and views, not events, so no rule
judges them as events and none is ever reported as an event without a name.
Public API rules of type COMMON (properties every call carries) are skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Event, Origin
from ..sources import Document
from . import Membership, ReadResult
from .common import Collector, describe, schema_members, text

_CALL_KEYS = frozenset({"context", "traits", "properties"})
_CALLS = {"IDENTIFY": "identify", "GROUP": "group", "PAGE": "page", "SCREEN": "screen"}
_TRAITS = frozenset({"identify", "group"})  # calls whose payload is `traits`
_RULE_TYPES = frozenset({"TRACK", "COMMON", *_CALLS})


class SegmentReader:
    name = "segment"
    title = "Segment"
    priority = 20

    def sniff(self, path: Path, text: str) -> bool:
        if '"rules"' in text and ('"events"' in text or '"jsonSchema"' in text):
            return True
        return "rules:" in text and "key:" in text  # Public API rules kept as YAML

    def accepts(self, document: Document) -> bool:
        return _shape(document.data) is not None

    def membership(self, document: Document) -> Membership:
        """An export is a plan of its own; rules kept one file per event (YAML, as
        Protocols-as-code repositories keep them) form one plan per folder."""
        if document.path.suffix.lower() in (".yaml", ".yml"):
            return Membership(family=str(document.path.absolute().parent))
        return Membership(alone=True)

    def read(self, document: Document) -> ReadResult:
        out = Collector([document])
        data = document.data
        root = Origin(document)
        shape = _shape(data)
        versions: dict[str, int] = {}
        if shape == "public-api":
            for index, rule in enumerate(data["rules"]):
                _public_rule(rule, root.child("rules", index), out, versions)
        else:
            base = root.child("rules", "events") if shape == "legacy" else root.child("events")
            listed = data["rules"]["events"] if shape == "legacy" else data["events"]
            for index, entry in enumerate(listed):
                _event_entry(entry, base.child(index), out, versions)
            calls, at = (data["rules"], root.child("rules")) if shape == "legacy" else (data, root)
            for call in ("identify", "group"):
                if isinstance(calls.get(call), dict):
                    _call(call, None, calls[call], at.child(call), out)
        return out.result()


def _shape(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    rules = data.get("rules")
    if isinstance(rules, dict) and isinstance(rules.get("events"), list):
        return "legacy"
    if isinstance(rules, list) and any(_public_api_rule(r) for r in rules):
        return "public-api"
    events = data.get("events")
    if isinstance(events, list) and any(
        isinstance(e, dict) and "rules" in e and "name" in e for e in events
    ):
        return "local"
    return None


def _public_api_rule(rule: Any) -> bool:
    """A Public API rule: a `jsonSchema`, or a `key` with one of Segment's call types
    (other tools' `rules` lists, RudderStack's among them, have neither)."""
    if not isinstance(rule, dict):
        return False
    if "jsonSchema" in rule:
        return True
    kind = rule.get("type", "TRACK")
    return "key" in rule and isinstance(kind, str) and kind.upper() in _RULE_TYPES


def _event_entry(entry: Any, origin: Origin, out: Collector, versions: dict[str, int]) -> None:
    """An item of `events`: name, description, rules (the JSON Schema), version."""
    if not isinstance(entry, dict):
        out.malformed(origin, f"an event entry is {describe(entry)}; write a mapping with `name`")
        return
    name = text(entry.get("name"))
    if name is None:
        out.malformed(origin, "an event has no `name`; every Segment event needs one")
        return
    schema = entry.get("rules")
    _add(name, entry.get("version"), origin.child("name"), out, versions,
         text(entry.get("description")), schema, origin.child("rules"))  # fmt: skip


def _public_rule(rule: Any, origin: Origin, out: Collector, versions: dict[str, int]) -> None:
    """An item of the Public API's `rules`: key, type, version, jsonSchema."""
    if not isinstance(rule, dict):
        out.malformed(origin, f"a rule is {describe(rule)}; write a mapping with `key`")
        return
    kind = rule.get("type", "TRACK")
    if isinstance(kind, str) and kind.upper() in _CALLS:
        name = text(rule.get("key"))
        where = origin.child("key") if name else origin.field("type")
        _call(_CALLS[kind.upper()], name, rule.get("jsonSchema"), where, out, origin)
        return
    if not isinstance(kind, str) or kind.upper() != "TRACK":
        return  # common rules describe no event
    name = text(rule.get("key"))
    if name is None:
        out.malformed(origin, "a TRACK rule has no `key`; the key is the event's name")
        return
    schema, schema_origin = rule.get("jsonSchema"), origin.child("jsonSchema")
    description = text(schema.get("description")) if isinstance(schema, dict) else None
    if schema is None and isinstance(rule.get("properties"), dict):  # flat, as kept in YAML
        schema, schema_origin = {"properties": rule["properties"]}, origin
        description = text(rule.get("description"))
    _add(name, rule.get("version"), origin.child("key"), out, versions, description, schema,
         schema_origin)  # fmt: skip


def _call(
    call: str,
    name: str | None,
    schema: Any,
    origin: Origin,
    out: Collector,
    rule_origin: Origin | None = None,
) -> None:
    """An identify, group, page or screen rule: kept with its traits or properties,
    apart from the events. `origin` is where findings about it point."""
    label = f"{call} {name}" if name else call
    members: dict = {}
    if isinstance(schema, dict):
        schema_origin = rule_origin.child("jsonSchema") if rule_origin else origin
        part = "traits" if call in _TRAITS else "properties"
        inner, inner_origin = _members_schema(schema, schema_origin, part)
        members = schema_members(inner, inner_origin, out, f"the {label} rule")
    description = text(schema.get("description")) if isinstance(schema, dict) else None
    item = Event(name or call, origin, description=description, properties=members, call=call)
    out.add_non_event(item, label)


def _add(
    name: str,
    version: Any,
    origin: Origin,
    out: Collector,
    versions: dict[str, int],
    description: str | None,
    schema: Any,
    schema_origin: Origin,
) -> None:
    number = version if isinstance(version, int) and not isinstance(version, bool) else 1
    label = f"event '{name}'"
    properties = {}
    if isinstance(schema, dict):
        members, members_origin = _members_schema(schema, schema_origin)
        properties = schema_members(members, members_origin, out, label)
    elif schema is not None:
        out.malformed(schema_origin, f"the rules of {label} are {describe(schema)}, not a schema")
    event = Event(name, origin, description=description, properties=properties)
    known = versions.get(name)
    if known is not None and known != number:  # versions of one event: the newest is the plan
        if number > known:
            versions[name] = number
            out.plan.events[name] = event
        return
    versions[name] = number
    out.add_event(event)


def _members_schema(schema: dict, origin: Origin, part: str = "properties") -> tuple[dict, Origin]:
    """The object schema whose `properties` are the call's properties (or traits)."""
    members = schema.get("properties")
    if isinstance(members, dict) and members and _is_call(members):
        inner = members.get(part)
        if isinstance(inner, dict):
            return inner, origin.child("properties", part)
        return {}, origin
    return schema, origin


def _is_call(members: dict) -> bool:
    """Whether a schema's members are the call's parts (`context`, `traits`, `properties`)
    rather than the event's own properties: only those, or the `properties` part as an
    object beside `context` or `traits` (a stray keyword among them does not hide it)."""
    if set(members) <= _CALL_KEYS:
        return True
    return isinstance(members.get("properties"), dict) and bool(
        {"context", "traits"} & set(members)
    )
