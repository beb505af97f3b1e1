"""A team's own YAML or JSON plan, read through a mapping in the configuration.

Many teams keep a plan in a shape of their own. Rather than converting it,
they say where things are:

    [tool.trackinglint.plan-mapping]
    events = "tracking.events"    # dotted path to the events: a list, or a mapping keyed by name
    name = "event_name"           # the key holding an event's name (in a list)
    description = "summary"
    properties = "params"         # a list, a mapping keyed by name, or a list of names
    files = ["tracking/*.yaml"]   # optional: only these files

`events = "."` reads each file as one event (a plan kept as one file per
event, `name`, `description` and `properties` at the top); it needs `files`,
so that no other YAML with a `name` key is taken for an event.

Every key but `events` has a default (see `DEFAULTS`). A property is read
with its `type`, `required` (a flag, or the event's `required` list of
names), `description`, and nested `properties` / `items`. An event whose
`status` says deleted or blocked is kept apart from the live events. Every
finding points at the key or value it is about, in the file as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Problem
from ..globs import GlobSet
from ..model import Event, Origin, Property
from ..sources import Document, Pointer
from . import ReadResult
from .common import Collector, describe, normal_type, strings, text
from .reader_rules import UNKNOWN_FORMAT

DEFAULTS: dict[str, str] = {
    "name": "name",
    "description": "description",
    "properties": "properties",
    "property-name": "name",
    "property-description": "description",
    "type": "type",
    "required": "required",
    "status": "status",
    "owner": "owner",
    "tags": "tags",
}
KEYS = ("events", *DEFAULTS, "files")
_PATH = re.compile(r"[^.\s]+(?:\.[^.\s]+)*\Z")
_YES = frozenset({"yes", "y", "true", "required", "always", "mandatory"})
_NO = frozenset({"no", "n", "false", "optional", "sometimes"})
_MAX_DEPTH = 8


@dataclass(frozen=True, slots=True)
class PlanMapping:
    """Where a home-grown plan keeps its events and their fields."""

    events: tuple[str, ...]  # the dotted path, split
    keys: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULTS))
    files: tuple[str, ...] = ()

    def key(self, name: str) -> str:
        return self.keys.get(name, DEFAULTS[name])


def parse_mapping(settings: Any, table: Any) -> PlanMapping:
    """Check `plan-mapping` when the configuration loads; raises a located ConfigError."""
    from ..config import close_match

    if not isinstance(table, dict):
        raise settings.error(
            "plan-mapping", 'expected a table, e.g. {events = "tracking.events", name = "id"}'
        )
    for key, value in table.items():
        where = f"plan-mapping.{key}"
        if key not in KEYS:
            hint = close_match(key, KEYS)
            known = f"did you mean '{hint}'?" if hint else f"known keys: {', '.join(KEYS)}"
            raise settings.error(where, f"unknown key; {known}")
        if key == "files":
            if not isinstance(value, list) or not all(isinstance(g, str) and g for g in value):
                raise settings.error(where, 'expected a list of globs, e.g. ["tracking/*.yaml"]')
        elif not isinstance(value, str) or not value.strip():
            raise settings.error(where, "expected a key name (text)")
    if "events" not in table:
        raise settings.error(
            "plan-mapping", 'needs `events`, the dotted path to the events, e.g. "events"'
        )
    if table["events"].strip() == ".":
        if not table.get("files"):
            raise settings.error(
                "plan-mapping.events",
                '"." reads each file as one event, so it needs `files`, the globs of those '
                'files, e.g. files = ["events/**/*.yaml"]',
            )
    elif not _PATH.match(table["events"].strip()):
        raise settings.error(
            "plan-mapping.events",
            f"'{table['events']}' is not a dotted path of keys, e.g. \"tracking.events\"",
        )
    keys = {**DEFAULTS, **{k: v.strip() for k, v in table.items() if k in DEFAULTS}}
    dotted = table["events"].strip()
    path = () if dotted == "." else tuple(dotted.split("."))
    return PlanMapping(path, keys, tuple(table.get("files", ())))


class MappedPlanReader:
    """Reads files in the shape `plan-mapping` describes; tried after every other format."""

    name = "mapping"
    title = "plan-mapping"
    priority = 90
    self_contained = False  # a plan split over files of one folder is one plan

    def sniff(self, path: Path, text: str) -> bool:
        return False  # only with a mapping configured (sniff_with_settings)

    def sniff_with_settings(self, path: Path, text: str, settings: Any) -> bool:
        mapping = _mapping(settings)
        if mapping is None or path.suffix.lower() not in (".yaml", ".yml", ".json"):
            return False
        if mapping.files:
            return GlobSet(mapping.files).matches(path, settings.root)
        return bool(mapping.events) and mapping.events[0] in text

    def accepts(self, document: Document) -> bool:
        from ..config import settings_for

        try:
            settings = settings_for(document.path)
        except Exception:  # a broken configuration is reported where it is loaded
            return False
        return self.accepts_with_settings(document, settings)

    def accepts_with_settings(self, document: Document, settings: Any) -> bool:
        mapping = _mapping(settings)
        if mapping is None or not isinstance(document.data, dict):
            return False
        if mapping.files and not GlobSet(mapping.files).matches(document.path, settings.root):
            return False
        # the first key is enough: a file that has it but not the rest of the path is
        # reported, at the point where the path breaks off
        return bool(mapping.files) or mapping.events[0] in document.data

    def read(self, document: Document) -> ReadResult:
        from ..config import settings_for

        return self.read_all([document], settings_for(document.path))

    def read_all(self, documents: Sequence[Document], settings: Any = None) -> ReadResult:
        out = Collector(documents)
        mapping = _mapping(settings)
        for document in documents:
            if mapping is None:
                _refuse(document, "no `plan-mapping` is configured for this file", out)
                continue
            _read_file(document, mapping, out)
        return out.result()


def _mapping(settings: Any) -> PlanMapping | None:
    mapping = getattr(settings, "plan_mapping", None)
    return mapping if isinstance(mapping, PlanMapping) else None


def _events_node(data: Any, path: tuple[str, ...]) -> tuple[Any, Pointer]:
    node, pointer = data, ()  # type: tuple[Any, Pointer]
    for segment in path:
        if not isinstance(node, dict) or segment not in node:
            return None, pointer
        node, pointer = node[segment], (*pointer, segment)
    return node, pointer


def _refuse(document: Document, why: str, out: Collector) -> None:
    out.problems.append(
        Problem(
            f"not a tracking plan trackinglint can read: {why}",
            Origin(document),
            code=UNKNOWN_FORMAT,
        )
    )


def _read_file(document: Document, mapping: PlanMapping, out: Collector) -> None:
    dotted = ".".join(mapping.events)
    node, pointer = _events_node(document.data, mapping.events)
    if node is None:
        found = ".".join(map(str, pointer)) or "the top level"
        _refuse(document, f"`plan-mapping` puts the events at '{dotted}', but {found} has no "
                          f"'{mapping.events[len(pointer)]}' here", out)  # fmt: skip
        return
    base = Origin(document, pointer)
    entries: list[tuple[str | None, Any, Origin]]
    if not mapping.events:  # `events = "."`: the file is one event
        entries = [(None, node, base)]
    elif isinstance(node, list):
        entries = [(None, item, base.child(i)) for i, item in enumerate(node)]
    elif isinstance(node, dict):
        entries = [(str(name), item, base.child(name)) for name, item in node.items()]
    else:
        out.malformed(
            base, f"'{dotted}' holds {describe(node)}; `plan-mapping` expects a list or a "
                  "mapping of events", "value")  # fmt: skip
        return
    for keyed, body, origin in entries:
        event = _event(keyed, body, origin, mapping, out)
        if event is not None:
            out.add(event, f"{event.status} {event.name}")


def _event(
    keyed: str | None, body: Any, origin: Origin, mapping: PlanMapping, out: Collector
) -> Event | None:
    name_key = mapping.key("name")
    if body is None and keyed is not None:
        return Event(keyed, origin)
    if not isinstance(body, dict):
        if keyed is None and isinstance(body, str) and body.strip():
            return Event(body, origin)  # a list of bare names
        out.malformed(origin, f"an event is {describe(body)}; write a mapping", "value")
        return None
    name = keyed if keyed is not None else text(body.get(name_key))
    if name is None:
        out.malformed(
            origin.field(name_key),
            f"an event has no `{name_key}`; `plan-mapping` names it as the key of the name",
            "value" if name_key in body else "key",
        )
        return None
    where = origin if keyed is not None else origin.child(name_key)
    label = f"event '{name}'"
    status = body.get(mapping.key("status"))
    required_names = _required_names(body.get(mapping.key("required")))
    return Event(
        name,
        where,
        description=text(body.get(mapping.key("description"))),
        owner=text(body.get(mapping.key("owner"))),
        tags=strings(body.get(mapping.key("tags"))),
        properties=_properties(body, origin, mapping, out, label, required_names),
        status=status.strip().lower() if isinstance(status, str) and status.strip() else "live",
    )


def _required_names(value: Any) -> frozenset[str]:
    """An event-level `required: [a, b]` (JSON Schema style) names its required properties."""
    return frozenset(strings(value)) if isinstance(value, list) else frozenset()


def _properties(
    body: dict,
    origin: Origin,
    mapping: PlanMapping,
    out: Collector,
    owner: str,
    required_names: frozenset[str] = frozenset(),
    depth: int = 0,
) -> dict[str, Property]:
    key = mapping.key("properties")
    listed = body.get(key)
    if listed is None or depth > _MAX_DEPTH:
        return {}
    where = origin.child(key)
    result: dict[str, Property] = {}
    for name, prop_body, at, entry in _property_entries(listed, where, mapping, out, owner):
        if name in result:
            out.malformed(at, f"property '{name}' of {owner} is listed twice; keep one", "value")
            continue
        result[name] = _property(
            name, prop_body, at, entry, mapping, out, owner, required_names, depth
        )
    return result


def _property_entries(
    listed: Any, where: Origin, mapping: PlanMapping, out: Collector, owner: str
) -> Iterator[tuple[str, Any, Origin, Origin]]:
    """(name, body, where the name is written, the entry holding its fields)."""
    name_key = mapping.key("property-name")
    if isinstance(listed, dict):
        for name, body in listed.items():
            yield str(name), body, where.child(name), where.child(name)
    elif isinstance(listed, list):
        for index, item in enumerate(listed):
            at = where.child(index)
            if isinstance(item, str) and item.strip():
                yield item.strip(), None, at, at
            elif isinstance(item, dict) and text(item.get(name_key)):
                yield item[name_key].strip(), item, at.child(name_key), at
            else:
                out.malformed(
                    at.field(name_key),
                    f"a property of {owner} has no `{name_key}`; write the property's name "
                    f"under `{name_key}`",
                )
    else:
        out.malformed(
            where, f"the properties of {owner} are {describe(listed)}; write a list or a "
                   "mapping", "value")  # fmt: skip


def _property(
    name: str,
    body: Any,
    origin: Origin,
    entry: Origin,
    mapping: PlanMapping,
    out: Collector,
    owner: str,
    required_names: frozenset[str],
    depth: int,
) -> Property:
    label = f"property '{name}' of {owner}"
    if not isinstance(body, dict):
        if body is not None:
            out.malformed(origin, f"{label} is {describe(body)}; write a mapping", "value")
        return Property(name, origin, required=name in required_names)
    types = _types(body.get(mapping.key("type")), entry, mapping, out, label)
    required = _flag(body.get(mapping.key("required")), entry, mapping, out, label)
    schema = {k: v for k, v in body.items() if k in _SCHEMA_KEYWORDS}
    if types:
        schema["type"] = types[0] if len(types) == 1 else list(types)
    items = body.get("items")
    return Property(
        name,
        origin,
        types=types,
        required=required or name in required_names,
        description=text(body.get(mapping.key("property-description"))),
        schema=schema,
        properties=_properties(
            body, entry, mapping, out, label, _required_names(body.get("required")), depth + 1
        ),
        items=_items(items, entry, mapping, out, owner, depth),
    )


def _items(
    items: Any, entry: Origin, mapping: PlanMapping, out: Collector, owner: str, depth: int
) -> Property | None:
    if not isinstance(items, dict) or depth >= _MAX_DEPTH:
        return None
    where = entry.child("items")
    return _property("items", items, where, where, mapping, out, owner, frozenset(), depth + 1)


_SCHEMA_KEYWORDS = frozenset(
    {"enum", "format", "pattern", "minimum", "maximum", "minLength", "maxLength", "const"}
)


def _types(
    value: Any, entry: Origin, mapping: PlanMapping, out: Collector, label: str
) -> tuple[str, ...]:
    if value is None:
        return ()
    where = entry.child(mapping.key("type"))
    named = [value] if isinstance(value, str) else value if isinstance(value, list) else None
    if named is None:
        out.malformed(where, f"{label} has type {describe(value)}; write a type name", "value")
        return ()
    types = []
    for index, item in enumerate(named):
        at = where if isinstance(value, str) else where.child(index)
        if isinstance(item, str) and item.strip().lower() == "any":
            continue  # a chosen "any" is untyped, as in CSV sheets, not a wrong type
        known = normal_type(item) if isinstance(item, str) else None
        if known is None:
            out.malformed(
                at,
                f"{label} has type {_shown(item)}, which is not a JSON type; use string, "
                "number, integer, boolean, object, array or null",
                "value",
            )
            continue
        types.append(known)
    return tuple(types)


def _flag(value: Any, entry: Origin, mapping: PlanMapping, out: Collector, label: str) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _YES | _NO:
        return value.strip().lower() in _YES
    out.malformed(
        entry.child(mapping.key("required")),
        f"{label} has `{mapping.key('required')}` {_shown(value)}; write true or false",
        "value",
    )
    return False


def _shown(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else describe(value)
