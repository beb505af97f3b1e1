"""Tracking plans exported as CSV by Amplitude Data and by Mixpanel Lexicon.

Amplitude Data (Events > export, or the Taxonomy API's tracking-plan export):
one row per object, `Object Type` saying what it is. An `Event` row starts an
event; the rows below it with an `Event Property Name` are its properties
(`Property Value Type`, `Property Required`, `Property Is Array`, `Enum
Values`). A `Property Group` row starts a group of properties: not an event;
an event takes the properties of the groups its `Property Group Names` cell
lists. An event whose status says deleted or blocked is kept apart from the
live events.

Mixpanel Lexicon (Data Management > Lexicon > export): `Entity Type`,
`Entity Name`, `Entity Description`, `Entity Tags`, `Entity Hidden`, `Entity
Dropped`, then `Property Name`, `Property Type`, `Property Description`.
Events whose data Mixpanel drops are not live; `profile` rows describe users
(kept apart, as traits); custom events are computed from others, not sent.

Both are complete exports: each file is a plan of its own. Findings point at
the cell (or, in a cell that lists names, the name) they are about.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..model import Event, Origin, Property
from ..sources import Document
from ..sources.csv_source import CsvLocator, guess_delimiter, header_line
from . import ReadResult
from .common import Collector
from .csv_plan import _cells, _key, _property, listed_names

AMPLITUDE_COLUMNS: dict[str, tuple[str, ...]] = {
    "object-type": ("objecttype",),
    "event": ("objectname",),
    "event-description": ("objectdescription",),
    "owner": ("objectowner",),
    "tags": ("tags",),
    "category": ("eventcategory", "category"),
    "status": (
        "eventstatus",
        "eventschemastatus",
        "objectstatus",
        "schemastatus",
        "planstatus",
        "status",
    ),
    "groups": ("propertygroupnames", "propertygroups"),
    "property": ("eventpropertyname", "propertyname"),
    "property-description": ("propertydescription",),
    "type": ("propertyvaluetype", "valuetype"),
    "required": ("propertyrequired", "required"),
    "is-array": ("propertyisarray", "isarray"),
    "enum": ("enumvalues", "propertyenumvalues"),
}
MIXPANEL_COLUMNS: dict[str, tuple[str, ...]] = {
    "entity-type": ("entitytype",),
    "event": ("entityname",),
    "event-description": ("entitydescription",),
    "tags": ("entitytags",),
    "dropped": ("entitydropped",),
    "status": ("entitystatus", "status"),
    "property": ("propertyname",),
    "property-description": ("propertydescription",),
    "type": ("propertytype",),
    "required": ("propertyrequired", "required"),
    "property-dropped": ("propertydropped",),
    "enum": ("propertyexamplevalues", "enumvalues"),
}
_TRUE = frozenset({"true", "yes", "y", "1", "x"})
_SPLIT = re.compile(r"\s*[,;|]\s*")


def _columns(headers: Sequence[str], known: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    by_key: dict[str, str] = {}
    for header in headers:
        by_key.setdefault(_key(header), header)
    found: dict[str, str] = {}
    for field, aliases in known.items():
        known_header = next((by_key[a] for a in aliases if a in by_key), None)
        if known_header is not None and known_header not in found.values():
            found[field] = known_header
    return found


class _VendorSheet:
    """What the two exports share: found by two header cells, a plan per file."""

    name = ""
    title = ""
    priority = 45  # before the generic CSV reader
    self_contained = True  # a complete export: a plan of its own
    # headers every export has, and one of which it has: audit logs also have
    # "Object Type,Object Name" or "Entity Type,Entity Name", but no property columns
    signature: tuple[str, ...] = ()
    one_of: tuple[str, ...] = ()
    known: Mapping[str, tuple[str, ...]] = {}

    def sniff(self, path: Path, text: str) -> bool:
        if path.suffix.lower() not in (".csv", ".tsv"):
            return False
        first = header_line(text.lstrip("\ufeff"))
        delimiter = "\t" if path.suffix.lower() == ".tsv" else guess_delimiter(first)
        return self._fits({_key(cell.strip('" ')) for cell in first.split(delimiter)})

    def accepts(self, document: Document) -> bool:
        locator = document.locator
        return isinstance(locator, CsvLocator) and self._fits({_key(c) for c in locator.columns})

    def _fits(self, keys: set[str]) -> bool:
        return set(self.signature) <= keys and not keys.isdisjoint(self.one_of)

    def read(self, document: Document) -> ReadResult:
        return self.read_all([document])

    def read_all(self, documents: Sequence[Document], settings: Any = None) -> ReadResult:
        out = Collector(documents)
        for document in documents:
            locator = document.locator
            assert isinstance(locator, CsvLocator)
            self._read(document, _columns(locator.columns, self.known), out)
        return out.result()

    def _read(self, document: Document, columns: dict[str, str], out: Collector) -> None:
        raise NotImplementedError


class AmplitudeReader(_VendorSheet):
    name = "amplitude"
    title = "Amplitude Data export"
    signature = ("objecttype", "objectname")
    one_of = ("eventpropertyname", "propertyvaluetype", "propertygroupnames", "eventcategory")
    known = AMPLITUDE_COLUMNS

    def _read(self, document: Document, columns: dict[str, str], out: Collector) -> None:
        events: dict[str, Event] = {}
        groups: dict[str, dict[str, Property]] = {}
        wanted: list[tuple[Event, str, Origin]] = []  # an event's group, where it is named
        # who owns the property rows below, and their properties, as the sheet goes down
        current: tuple[str, dict[str, Property]] | None = None
        for index, row in enumerate(document.data or []):
            cell = _cells(row, columns)
            kind, name = cell("object-type").lower(), cell("event")
            if name:
                at = Origin(document, (index, columns["event"]))
                if kind in ("event", ""):
                    event = events.get(name)
                    if event is None:
                        event = events[name] = _amplitude_event(name, at, cell)
                    for group in listed_names(cell("groups")):
                        named_at = Origin(document, (index, columns["groups"], group))
                        wanted.append((event, group, named_at))
                    current = (f"event '{name}'", event.properties)
                elif kind == "property group":
                    current = (f"property group '{name}'", groups.setdefault(name, {}))
                else:
                    out.malformed(
                        Origin(document, (index, columns["object-type"])),
                        f"object type '{cell('object-type')}' of '{name}' is neither Event nor "
                        "Property Group; its rows are not read",
                        "value",
                    )
                    current = None
                    continue
            prop = cell("property")
            if not prop:
                continue
            if current is None:
                out.malformed(
                    Origin(document, (index, columns["property"])),
                    f"property '{prop}' comes before any event or property group; put it "
                    "under the row of the event it belongs to",
                )
                continue
            label, members = current
            if prop in members:
                out.malformed(
                    Origin(document, (index, columns["property"])),
                    f"property '{prop}' of {label} is listed again; keep one row each",
                )
                continue
            members[prop] = _amplitude_property(prop, label, cell, document, index, columns, out)
        for event, group, origin in wanted:
            if group not in groups:
                out.unresolved(
                    origin,
                    f"event '{event.name}' takes property group '{group}', which the export "
                    "does not define",
                )
                continue
            for prop_name, prop in groups[group].items():
                event.properties.setdefault(prop_name, prop)
        for event in events.values():
            out.add(event, f"{event.status} {event.name}")


def _amplitude_event(name: str, origin: Origin, cell: Any) -> Event:
    tags = [tag for tag in _SPLIT.split(cell("tags")) if tag]
    if cell("category"):
        tags.insert(0, cell("category"))
    status = cell("status").lower()
    return Event(
        name,
        origin,
        description=cell("event-description") or None,
        owner=cell("owner") or None,
        tags=tuple(dict.fromkeys(tags)),
        status=status or "live",
    )


def _amplitude_property(
    name: str, label: str, cell: Any, document: Document, index: int, columns: dict, out: Any
) -> Property:
    prop = _property(name, "", cell, document, index, columns, out, owner=label)
    if cell("is-array").lower() in _TRUE and "array" not in prop.types:
        item = Property("items", prop.origin, types=prop.types)
        prop.items = item
        prop.types = ("array",)
        prop.schema = {**prop.schema, "type": "array"}
    return prop


class MixpanelReader(_VendorSheet):
    name = "mixpanel"
    title = "Mixpanel Lexicon export"
    signature = ("entitytype", "entityname")
    one_of = ("propertyname", "entitydisplayname", "entitydropped", "entityhidden")
    known = MIXPANEL_COLUMNS

    def _read(self, document: Document, columns: dict[str, str], out: Collector) -> None:
        entities: dict[tuple[str, str], Event] = {}
        current: Event | None = None
        for index, row in enumerate(document.data or []):
            cell = _cells(row, columns)
            kind = _kind(cell("entity-type"))
            name = cell("event")
            if name or cell("entity-type"):
                label_name = name or kind
                key = (kind, label_name)
                current = entities.get(key)
                if current is None:
                    at = Origin(document, (index, columns["event" if name else "entity-type"]))
                    current = entities[key] = _mixpanel_entity(kind, label_name, at, cell)
            prop = cell("property")
            if not prop or cell("property-dropped").lower() in _TRUE:
                continue
            if current is None:
                out.malformed(
                    Origin(document, (index, columns["property"])),
                    f"property '{prop}' comes before any entity; fill in `Entity Name`",
                )
                continue
            if prop in current.properties:
                continue  # Lexicon repeats a property once per value it has seen
            current.properties[prop] = _property(
                prop, current.name, cell, document, index, columns, out
            )
        for (kind, name), entity in entities.items():
            out.add(entity, f"{kind} {name}" if not entity.is_event else None)


def _kind(written: str) -> str:
    lowered = written.strip().lower().replace(" ", "_")
    if lowered in ("profile", "user", "people", "user_profile", "profile_property"):
        return "profile"
    if lowered in ("custom_event", "customevent"):
        return "custom_event"
    return "event"


def _mixpanel_entity(kind: str, name: str, origin: Origin, cell: Any) -> Event:
    tags = tuple(tag for tag in _SPLIT.split(cell("tags")) if tag)
    description = cell("event-description") or None
    if kind == "profile":
        return Event(name, origin, description=description, call="profile")
    status = "custom" if kind == "custom_event" else cell("status").lower() or "live"
    if cell("dropped").lower() in _TRUE:
        status = "dropped"
    return Event(name, origin, description=description, tags=tags, status=status)
