"""Segment Protocols tracking plans, in the three JSON shapes found in the wild.

- legacy export (Config API): `{"rules": {"events": [{"name", "rules": schema}]}}`
- local plan (Typewriter):    `{"events": [{"name", "rules": schema}]}`
- Public API export:          `{"rules": [{"key", "type": "TRACK", "jsonSchema": schema}]}`

An event's schema holds its properties either nested, as Segment validates the
whole call (`properties.properties.properties`, beside `context` and
`traits`), or flat (`properties` are the event's properties). Only track
events become plan events; identify and group traits describe users.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Event, Origin
from ..sources import Document
from . import ReadResult
from .common import Collector, describe, schema_members, text

_CALL_KEYS = frozenset({"context", "traits", "properties"})


class SegmentReader:
    name = "segment"
    title = "Segment"
    priority = 20

    def sniff(self, path: Path, text: str) -> bool:
        return '"rules"' in text and ('"events"' in text or '"jsonSchema"' in text)

    def accepts(self, document: Document) -> bool:
        return _shape(document.data) is not None

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
        return out.result()


def _shape(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    rules = data.get("rules")
    if isinstance(rules, dict) and isinstance(rules.get("events"), list):
        return "legacy"
    if isinstance(rules, list) and any(
        isinstance(r, dict) and ("jsonSchema" in r or "key" in r) for r in rules
    ):
        return "public-api"
    events = data.get("events")
    if isinstance(events, list) and any(
        isinstance(e, dict) and "rules" in e and "name" in e for e in events
    ):
        return "local"
    return None


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
    if not isinstance(kind, str) or kind.upper() != "TRACK":
        return  # identify, group, page, screen and common rules describe no event
    name = text(rule.get("key"))
    if name is None:
        out.malformed(origin, "a TRACK rule has no `key`; the key is the event's name")
        return
    schema = rule.get("jsonSchema")
    description = text(schema.get("description")) if isinstance(schema, dict) else None
    _add(name, rule.get("version"), origin.child("key"), out, versions, description, schema,
         origin.child("jsonSchema"))  # fmt: skip


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


def _members_schema(schema: dict, origin: Origin) -> tuple[dict, Origin]:
    """The object schema whose `properties` are the event's properties."""
    members = schema.get("properties")
    if isinstance(members, dict) and members and set(members) <= _CALL_KEYS:
        inner = members.get("properties")
        if isinstance(inner, dict):
            return inner, origin.child("properties", "properties")
        return {}, origin
    return schema, origin
