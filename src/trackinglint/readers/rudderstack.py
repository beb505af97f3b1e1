"""RudderStack tracking plans as code: the YAML files `rudder-cli` applies.

Every file has `version` (rudder/0.1, rudder/v0.1 or rudder/v1), `kind`,
`metadata.name` and `spec`. A plan is spread over a folder of them:

    kind: events          spec.events[]      id, name, event_type, description, category
    kind: properties      spec.properties[]  id, name, type / types, config (propConfig)
    kind: categories      spec.categories[]  id, name
    kind: custom-types    spec.types[]       id, name, type, config, properties[]
    kind: tp              spec.rules[]       legacy tracking plan
    kind: tracking-plan   spec.rules[]       v1 tracking plan

Files refer to each other by URN: legacy `$ref: "#/events/<group>/<id>"`
(group = the defining file's `metadata.name`), v1 `"#event:<id>"`,
`"#property:<id>"`, `"#custom-type:<id>"`, `"#category:<id>"`. So the files of
a plan are read together (`read_all`): the plans module groups a project's
files by the references between them, and a reference that none of them
defines is reported (TL007). Nothing outside the files of the run is read.

Model: each catalog event is a plan event named as sent (`name`, or the `id`
when the name is missing or a Go template placeholder such as
`{{ .API_TRACKING_NAME }}`); the tracking plans' rules give it properties,
with their `required` flags, each pointing at the rule that lists it (its
type comes from the catalog property, shared under `properties`). Events whose
`event_type` is identify, page, screen or group are read the same way, traits
or properties included, but kept apart from the tracked events (`Plan.non_events`,
labelled `identify user_identified`): no rule judges them as events.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import takewhile
from pathlib import Path
from typing import Any

from ..config import close_match
from ..model import Event, Origin, Property
from ..sources import Document
from . import Membership, ReadResult
from .common import JSON_TYPES, Collector, describe, text

VERSIONS = ("rudder/0.1", "rudder/v0.1", "rudder/v1")
EVENT_TYPES = ("track", "screen", "page", "identify", "group")
FORMATS = frozenset(
    ("date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname",
     "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template",
     "json-pointer", "relative-json-pointer", "regex")
)  # fmt: skip
_SNIFF = re.compile(r"""^version:\s*["']?rudder/""", re.MULTILINE)
_KINDS = ("events", "properties", "categories", "custom-types", "tp", "tracking-plan")
_SNIFF_KIND = re.compile(rf"""^kind:\s*["']?(?:{"|".join(_KINDS)})["']?\s*$""", re.MULTILINE)
_TEMPLATE = re.compile(r"\{\{.*?\}\}")
_LEGACY_REF = re.compile(r"#/(events|properties|custom-types|categories)/([^/]+)/([^/]+)\Z")
_V1_REF = re.compile(r"#(event|property|custom-type|category):(.+)\Z")
_V1_KINDS = {
    "event": "events",
    "property": "properties",
    "custom-type": "custom-types",
    "category": "categories",
}
_SECTIONS = {  # kind -> key of its list under spec
    "events": "events",
    "properties": "properties",
    "categories": "categories",
    "custom-types": "types",
}
_CONFIG_KEYS = {  # v1 snake_case config keys to JSON Schema
    "min_length": "minLength",
    "max_length": "maxLength",
    "min_items": "minItems",
    "max_items": "maxItems",
    "unique_items": "uniqueItems",
    "multiple_of": "multipleOf",
    "exclusive_minimum": "exclusiveMinimum",
    "exclusive_maximum": "exclusiveMaximum",
}
_MAX_DEPTH = 8  # custom types within custom types: deep enough, and no loops


class RudderStackReader:
    name = "rudderstack"
    title = "RudderStack"
    priority = 40
    spans_folders = True  # a project keeps events/, properties/, tracking-plans/ side by side

    def sniff(self, path: Path, text: str) -> bool:
        return _SNIFF.search(text) is not None or _SNIFF_KIND.search(text) is not None

    def accepts(self, document: Document) -> bool:
        return _is_rudder(document.data)

    def membership(self, document: Document) -> Membership:
        """A project's files form one plan: those of one folder, and those tied by
        references (`#/events/<group>/<id>`, `#event:<id>`)."""
        data = document.data
        return Membership(links=True, provides=_defined(data), needs=_referenced(data))

    def read(self, document: Document) -> ReadResult:
        return self.read_all([document])

    def read_all(self, documents: Sequence[Document], settings: Any = None) -> ReadResult:
        out = Collector(documents)
        catalog = _Catalog(out)
        for document in documents:
            catalog.add(document, report=True)
        catalog.build()
        return out.result()


def _is_rudder(data: Any) -> bool:
    if isinstance(data, dict) and data.get("version") is None and data.get("kind") in _KINDS:
        return isinstance(data.get("spec"), dict)  # no version: read, so it is reported
    return (
        isinstance(data, dict)
        and isinstance(data.get("version"), str)
        and data["version"].startswith("rudder/")
        and "kind" in data
    )


@dataclass(slots=True)
class _Entry:
    """One item of a catalog list, e.g. an event of a `kind: events` file."""

    kind: str
    group: str
    id: str
    body: dict
    origin: Origin
    report: bool


@dataclass(slots=True)
class _Ref:
    """A reference found in a file: where it is written and what it names."""

    raw: str
    origin: Origin  # the node holding the reference string
    report: bool


@dataclass(slots=True)
class _Catalog:
    out: Collector
    # kind -> id -> the entries defining it; one per project, normally (see `_nearest`)
    entries: dict[str, dict[str, list[_Entry]]] = field(default_factory=dict)
    grouped: dict[tuple[str, str, str], list[_Entry]] = field(default_factory=dict)
    plans: list[tuple[Origin, dict, bool]] = field(default_factory=list)
    read: set[str] = field(default_factory=set)

    # -- loading ---------------------------------------------------------------

    def add(self, document: Document, *, report: bool) -> None:
        self.read.add(os.path.abspath(document.path))
        data = document.data
        root = Origin(document)
        version = data.get("version")
        if report and version not in VERSIONS:
            self.malformed(
                root.child("version"),
                f"unknown rudder-cli version '{version}'; use one of {', '.join(VERSIONS)}",
                "value",
            )
        kind = data.get("kind")
        if report and not isinstance(kind, str):
            self.malformed(
                root.field("kind"),
                "the file has no `kind`; rudder-cli needs one (events, properties, categories, "
                "custom-types, tp or tracking-plan)",
            )
        if not isinstance(kind, str):
            kind = None
        spec = data.get("spec")
        if not isinstance(spec, dict):
            if report and kind in (*_SECTIONS, "tp", "tracking-plan"):
                self.malformed(root.field("spec"), f"a `{kind}` file needs a `spec` mapping")
            return
        metadata = data.get("metadata")
        group = metadata.get("name") if isinstance(metadata, dict) else None
        if kind in _SECTIONS:
            self._section(kind, spec, root.child("spec"), group, report, version)
        elif kind in ("tp", "tracking-plan"):
            self.plans.append((root.child("spec"), spec, report))

    def _section(
        self, kind: str, spec: dict, origin: Origin, group: Any, report: bool, version: Any
    ) -> None:
        key = _SECTIONS[kind]
        items = spec.get(key)
        if not isinstance(items, list):
            if report and items is not None:
                self.malformed(origin.child(key), f"`spec.{key}` must be a list", "value")
            return
        singular = _singular(kind)
        base = origin.child(key)
        for index, body in enumerate(items):
            where = base.child(index)
            if not isinstance(body, dict):
                if report:
                    self.malformed(
                        where, f"{_a(singular)} entry is {describe(body)}; write a mapping"
                    )
                continue
            body = _legacy_names(body, version)
            if report:
                _validate(kind, body, where, version, self)
            ident = body.get("id")
            if not isinstance(ident, (str, int)) or isinstance(ident, bool):
                continue
            entry = _Entry(kind, str(group), str(ident), body, where, report)
            same = self.entries.setdefault(kind, {}).setdefault(entry.id, [])
            first = next((e for e in same if _same_project(e, entry)), None)
            if first is not None:
                if report:
                    line = first.origin.span().line
                    at = f"{first.origin.document.display_path}:{line}"
                    self.malformed(
                        where.field("id"),
                        f"{singular} id '{entry.id}' is already defined (at {at}); rudder-cli "
                        "needs each id once per kind, so rename or remove one",
                        "value",
                    )
                continue
            same.append(entry)
            self.grouped.setdefault((kind, entry.group, entry.id), []).append(entry)

    def malformed(self, origin: Origin, message: str, focus: str = "key") -> None:
        self.out.malformed(origin, message, focus)  # type: ignore[arg-type]

    # -- references ------------------------------------------------------------

    def refs(self) -> Iterator[tuple[str, _Ref]]:
        """Every reference written in the files read so far, with the kind it must name."""
        for kind, entries in self.entries.items():
            for same in entries.values():
                for entry in same:
                    yield from _entry_refs(kind, entry)
        for origin, spec, report in self.plans:
            yield from _plan_refs(origin, spec, report)

    def resolve(self, kind: str, ref: _Ref) -> _Entry | None:
        legacy = _LEGACY_REF.match(ref.raw)
        if legacy:
            return _nearest(self.grouped.get((legacy[1], legacy[2], legacy[3])), ref)
        modern = _V1_REF.match(ref.raw)
        if modern:
            return _nearest(self.entries.get(_V1_KINDS[modern[1]], {}).get(modern[2]), ref)
        return None

    def lookup(self, kind: str, ref: _Ref) -> _Entry | None:
        """The entry a reference names, when it names one of the expected kind."""
        found = self.resolve(kind, ref)
        return found if found is not None and found.kind == kind else None

    def report_unresolved(self) -> None:
        """Each reference of the given files that names nothing, reported once."""
        for kind, ref in self.refs():
            if ref.report and self.lookup(kind, ref) is None:
                self.out.unresolved(ref.origin, self._unresolved_message(kind, ref))

    def _unresolved_message(self, kind: str, ref: _Ref) -> str:
        singular = _singular(kind)
        legacy = _LEGACY_REF.match(ref.raw)
        modern = _V1_REF.match(ref.raw)
        if not legacy and not modern:
            return (
                f"'{ref.raw}' is not a reference rudder-cli understands; write "
                f"'#/{kind}/<group>/<id>' or '#{_singular_urn(kind)}:<id>'"
            )
        found = self.resolve(kind, ref)
        if found is not None:
            return f"'{ref.raw}' names {_a(_singular(found.kind))}, where {_a(singular)} belongs"
        ident = legacy[3] if legacy else modern[2]  # type: ignore[index]
        known = self.entries.get(kind, {})
        if legacy and ident in known:
            entry = known[ident][0]
            return (
                f"'{ref.raw}' names no {singular}: '{ident}' is defined in group "
                f"'{entry.group}'; did you mean '#/{kind}/{entry.group}/{ident}'?"
            )
        hint = close_match(ident, known)
        advice = f"did you mean '{hint}'?" if hint else f"define the {singular} or fix the id"
        return f"'{ref.raw}' names no {singular} in the plan's files; {advice}"

    # -- the model -------------------------------------------------------------

    def build(self) -> None:
        shared: dict[int, Property] = {}  # by id() of the entry
        for entry in self._all("properties"):
            shared[id(entry)] = prop = self._catalog_property(entry)
            if entry.report:
                self.out.add_shared(prop)
        events: dict[int, Event] = {}
        for entry in self._all("events"):
            events[id(entry)] = event = self._event(entry)
            if entry.report:
                self.out.add(event, _label(event))
        for origin, spec, report in self.plans:
            self._tracking_plan(origin, spec, report, events, shared)
        self.report_unresolved()

    def _all(self, kind: str) -> Iterator[_Entry]:
        for same in self.entries.get(kind, {}).values():
            yield from same

    def _event(self, entry: _Entry) -> Event:
        body = entry.body
        name = text(body.get("name"))
        if name is None or _TEMPLATE.search(name):
            name = entry.id
        tags: tuple[str, ...] = ()
        category = body.get("category")
        if isinstance(category, str):
            found = self.lookup("categories", _Ref(category, entry.origin, False))
            if found is not None:
                tags = (text(found.body.get("name")) or found.id,)
        call = body.get("event_type", "track")
        return Event(
            name,
            entry.origin,
            description=text(body.get("description")),
            tags=tags,
            call=call if call in EVENT_TYPES else "track",
        )

    def _catalog_property(self, entry: _Entry, depth: int = 0) -> Property:
        body = entry.body
        name = text(body.get("name")) or entry.id
        types, schema, members, items = self._typing(body, entry.origin, depth)
        return Property(
            name,
            entry.origin,
            types=types,
            description=text(body.get("description")),
            schema=schema,
            properties=members,
            items=items,
        )

    def _typing(
        self, body: dict, origin: Origin, depth: int = 0
    ) -> tuple[tuple[str, ...], dict, dict[str, Property], Property | None]:
        """Types, JSON Schema keywords, object members and array items of a property
        or custom type, custom types resolved."""
        schema: dict[str, Any] = {}
        config = body.get("config", body.get("propConfig"))
        if isinstance(config, dict):
            for key, value in config.items():
                if key not in ("itemTypes", "item_types"):
                    schema[_CONFIG_KEYS.get(str(key), str(key))] = value
        members: dict[str, Property] = {}
        types: list[str] = []
        written = body.get("types", body.get("type"))
        for name, where in _type_names(written, origin.field("types", "type")):
            if name.startswith("#"):
                custom = self.lookup("custom-types", _Ref(name, where, False))
                if custom is not None and depth < _MAX_DEPTH:
                    kinds, extra, inner, _ = self._typing(custom.body, custom.origin, depth + 1)
                    types.extend(kinds)
                    schema = {**extra, **schema}
                    members.update(inner or self._custom_members(custom, depth + 1))
                continue
            types.append(name)
        items = None
        item_types = body.get("item_types", body.get("item_type"))
        if item_types is None and isinstance(config, dict):
            item_types = config.get("itemTypes", config.get("item_types"))
        if item_types is not None:
            where = origin.field("item_types", "item_type")
            if where is origin and isinstance(config, dict):
                where = origin.field("config", "propConfig").field("itemTypes", "item_types")
            item_kinds: list[str] = []
            for name, at in _type_names(item_types, where):
                if name.startswith("#"):
                    custom = self.lookup("custom-types", _Ref(name, at, False))
                    if custom is not None and depth < _MAX_DEPTH:
                        item_kinds.extend(self._typing(custom.body, custom.origin, depth + 1)[0])
                else:
                    item_kinds.append(name)
            items = Property("items", where, types=tuple(item_kinds))
        if types:
            schema["type"] = types[0] if len(types) == 1 else list(types)
        return tuple(types), schema, members, items

    def _custom_members(self, custom: _Entry, depth: int) -> dict[str, Property]:
        listed = custom.body.get("properties")
        if not isinstance(listed, list):
            return {}
        where = custom.origin.child("properties")
        return self._listed_properties(listed, where, False, {}, depth)

    def _listed_properties(
        self,
        listed: list,
        origin: Origin,
        report: bool,
        shared: dict[int, Property],
        depth: int = 0,
    ) -> dict[str, Property]:
        """Property references of a rule or custom type: `$ref` / `property`, `required`,
        and nested `properties` for object members."""
        result: dict[str, Property] = {}
        for index, item in enumerate(listed):
            where = origin.child(index)
            if not isinstance(item, dict):
                continue
            key = "$ref" if "$ref" in item else "property"
            raw = item.get(key)
            if not isinstance(raw, str):
                if report:
                    self.malformed(where, "a property entry names no property; add `$ref` "
                                          "(legacy) or `property` (v1)")  # fmt: skip
                continue
            entry = self.lookup("properties", _Ref(raw, where.child(key), report))
            if entry is None or depth >= _MAX_DEPTH:
                continue
            catalog = shared.get(id(entry)) or self._catalog_property(entry, depth + 1)
            nested = item.get("properties")
            members = (
                self._listed_properties(
                    nested, where.child("properties"), report, shared, depth + 1
                )
                if isinstance(nested, list)
                else dict(catalog.properties)
            )
            prop = Property(
                catalog.name,
                where,
                types=catalog.types,
                required=item.get("required") is True,
                description=catalog.description,
                ref=catalog.name if entry.report else None,
                schema=catalog.schema,
                properties=members,
                items=catalog.items,
            )
            result.setdefault(prop.name, prop)
        return result

    def _tracking_plan(
        self,
        origin: Origin,
        spec: dict,
        report: bool,
        events: dict[int, Event],
        shared: dict[int, Property],
    ) -> None:
        rules = spec.get("rules")
        if not isinstance(rules, list):
            return
        for index, rule in enumerate(rules):
            where = origin.child("rules", index)
            if not isinstance(rule, dict):
                if report:
                    self.malformed(where, f"a rule is {describe(rule)}; write a mapping")
                continue
            if rule.get("type", "event_rule") != "event_rule":
                continue
            target = rule.get("event")
            raw, at = target, where.child("event")
            if isinstance(target, dict):
                raw, at = target.get("$ref"), at.child("$ref")
            if not isinstance(raw, str):
                if report:
                    self.malformed(
                        where.field("event"),
                        'an event rule has no `event`; add `event: "#event:<id>"` '
                        '(legacy: `event: {$ref: "#/events/<group>/<id>"}`)',
                    )
                continue
            entry = self.lookup("events", _Ref(raw, at, report))
            if entry is None:
                continue
            event = events[id(entry)]
            if report and not entry.report and not _known(self.out.plan, event):
                self.out.add(event, _label(event))  # defined beside the given files, used by them
            for prop in self._rule_properties(rule, where, report, shared).values():
                event.properties.setdefault(prop.name, prop)

    def _rule_properties(
        self, rule: dict, origin: Origin, report: bool, shared: dict[int, Property]
    ) -> dict[str, Property]:
        result = {}
        listed = rule.get("properties")
        if isinstance(listed, list):
            result.update(
                self._listed_properties(listed, origin.child("properties"), report, shared)
            )
        variants = rule.get("variants")
        for v_index, variant in enumerate(variants if isinstance(variants, list) else ()):
            if not isinstance(variant, dict):
                continue
            base = origin.child("variants", v_index)
            groups = [(case.get("properties"), base.child("cases", c_index, "properties"))
                      for c_index, case in enumerate(_items(variant.get("cases")))
                      if isinstance(case, dict)]  # fmt: skip
            groups.append((variant.get("default"), base.child("default")))
            for listed_props, where in groups:
                if isinstance(listed_props, list):
                    for name, prop in self._listed_properties(
                        listed_props, where, report, shared
                    ).items():
                        prop.required = False  # required only in the cases that list it
                        result.setdefault(name, prop)
        return result


def _label(event: Event) -> str:
    """How a non-track event is keyed among the plan's non-events: `identify user_identified`."""
    return f"{event.call} {event.name}"


def _known(plan: Any, event: Event) -> bool:
    return event.name in plan.events or any(item is event for item in plan.non_events.values())


def _folder(entry: _Entry) -> str:
    return os.path.dirname(os.path.abspath(entry.origin.document.path))


def _same_project(one: _Entry, other: _Entry) -> bool:
    """Definitions in one folder, or one inside the other, belong to one project; two
    projects side by side (a repository's `create/` and `update/`) may reuse ids."""
    a, b = _folder(one), _folder(other)
    return a == b or a.startswith(b + os.sep) or b.startswith(a + os.sep)


def _nearest(candidates: list[_Entry] | None, ref: _Ref) -> _Entry | None:
    """Of several definitions of an id, the one closest to the file that refers to it."""
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    here = os.path.abspath(ref.origin.document.path).split(os.sep)[:-1]

    def distance(entry: _Entry) -> int:
        there = _folder(entry).split(os.sep)
        pairs = zip(here, there, strict=False)
        common = sum(1 for _ in takewhile(lambda pair: pair[0] == pair[1], pairs))
        return len(here) + len(there) - 2 * common

    return min(candidates, key=distance)


def _items(value: Any) -> list:
    return value if isinstance(value, list) else []


def _singular(kind: str) -> str:
    return {"events": "event", "properties": "property", "custom-types": "custom type",
            "categories": "category"}.get(kind, kind)  # fmt: skip


def _shown(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else describe(value)


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _singular_urn(kind: str) -> str:
    return {"events": "event", "properties": "property", "custom-types": "custom-type",
            "categories": "category"}[kind]  # fmt: skip


def _type_names(value: Any, origin: Origin) -> Iterator[tuple[str, Origin]]:
    """Type names as written: a name, a comma-separated list, or a YAML list."""
    if isinstance(value, str):
        for part in value.split(","):
            if part.strip():
                yield part.strip(), origin
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                yield item.strip(), origin.child(index)


def _entry_refs(kind: str, entry: _Entry) -> Iterator[tuple[str, _Ref]]:
    body, origin = entry.body, entry.origin
    if kind == "events" and isinstance(body.get("category"), str):
        yield "categories", _Ref(body["category"], origin.child("category"), entry.report)
    if kind in ("properties", "custom-types"):
        for key in ("type", "types", "item_type", "item_types"):
            for name, where in _type_names(body.get(key), origin.child(key)):
                if name.startswith("#"):
                    yield "custom-types", _Ref(name, where, entry.report)
        for key in ("config", "propConfig"):
            config = body.get(key)
            if isinstance(config, dict):
                for inner in ("itemTypes", "item_types"):
                    where = origin.child(key, inner)
                    for name, at in _type_names(config.get(inner), where):
                        if name.startswith("#"):
                            yield "custom-types", _Ref(name, at, entry.report)
    if kind == "custom-types" and isinstance(body.get("properties"), list):
        yield from _listed_refs(body["properties"], origin.child("properties"), entry.report)


def _listed_refs(listed: list, origin: Origin, report: bool) -> Iterator[tuple[str, _Ref]]:
    for index, item in enumerate(listed):
        if not isinstance(item, dict):
            continue
        key = "$ref" if "$ref" in item else "property"
        if isinstance(item.get(key), str):
            yield "properties", _Ref(item[key], origin.child(index, key), report)
        if isinstance(item.get("properties"), list):
            yield from _listed_refs(item["properties"], origin.child(index, "properties"), report)


def _plan_refs(origin: Origin, spec: dict, report: bool) -> Iterator[tuple[str, _Ref]]:
    rules = spec.get("rules")
    for index, rule in enumerate(rules if isinstance(rules, list) else ()):
        if not isinstance(rule, dict):
            continue
        where = origin.child("rules", index)
        target = rule.get("event")
        if isinstance(target, dict) and isinstance(target.get("$ref"), str):
            yield "events", _Ref(target["$ref"], where.child("event", "$ref"), report)
        elif isinstance(target, str):
            yield "events", _Ref(target, where.child("event"), report)
        if isinstance(rule.get("properties"), list):
            yield from _listed_refs(rule["properties"], where.child("properties"), report)
        variants = rule.get("variants")
        for v_index, variant in enumerate(variants if isinstance(variants, list) else ()):
            if not isinstance(variant, dict):
                continue
            base = where.child("variants", v_index)
            for c_index, case in enumerate(_items(variant.get("cases"))):
                if isinstance(case, dict) and isinstance(case.get("properties"), list):
                    at = base.child("cases", c_index, "properties")
                    yield from _listed_refs(case["properties"], at, report)
            if isinstance(variant.get("default"), list):
                yield from _listed_refs(variant["default"], base.child("default"), report)


def _legacy_names(body: dict, version: Any) -> dict:
    """Early rudder-cli files (`rudder/0.1`, `rudder/v0.1`) could name their entries with
    `display_name`, as RudderStack's own rudder-tracking-plan-action example does;
    `rudder/v1` uses `name` only."""
    legacy = version in ("rudder/0.1", "rudder/v0.1")
    if legacy and "name" not in body and text(body.get("display_name")):
        return {**body, "name": body["display_name"]}
    return body


def _validate(kind: str, body: dict, origin: Origin, version: Any, catalog: _Catalog) -> None:
    """The fields rudder-cli requires of each catalog entry, and the values it allows."""
    required = {
        "events": ("id",) + (("event_type",) if version == "rudder/v1" else ()),
        "properties": ("id", "name"),
        "categories": ("id", "name"),
        "custom-types": ("id", "name", "type"),
    }[kind]
    singular = _singular(kind)
    who = f"{singular} '{body['id']}'" if isinstance(body.get("id"), str) else _a(singular)
    for key in required:
        if key not in body or body[key] in (None, ""):
            catalog.malformed(origin, f"{who} has no `{key}`; rudder-cli requires it")
    if kind == "events":
        event_type = body.get("event_type", "track")
        if event_type not in EVENT_TYPES:
            catalog.malformed(
                origin.child("event_type"),
                f"{who} has event_type {_shown(event_type)}; use one of {', '.join(EVENT_TYPES)}",
                "value",
            )
        elif event_type == "track" and text(body.get("name")) is None:
            catalog.malformed(origin, f"track {who} has no `name`; a track event is sent by name")
    if kind in ("properties", "custom-types"):
        for name, where in _type_names(body.get("types", body.get("type")),
                                       origin.field("types", "type")):  # fmt: skip
            if not name.startswith("#") and name not in JSON_TYPES:
                catalog.malformed(
                    where, f"{who} has type '{name}'; use a JSON type or a custom type", "value"
                )
        for key in ("config", "propConfig"):
            config = body.get(key)
            if isinstance(config, dict) and "format" in config:
                value = config["format"]
                if not isinstance(value, str) or value not in FORMATS:
                    catalog.malformed(
                        origin.child(key, "format"),
                        f"{who} has format {_shown(value)}, which JSON Schema does not "
                        "define; use e.g. email, date-time, uri or uuid",
                        "value",
                    )


def _defined(data: Any) -> frozenset[str]:
    """The references a file answers to, in both the legacy and the v1 form."""
    if not isinstance(data, dict) or not isinstance(data.get("spec"), dict):
        return frozenset()
    kind, spec = data.get("kind"), data["spec"]
    metadata = data.get("metadata")
    group = metadata.get("name") if isinstance(metadata, dict) else None
    singular = {v: k for k, v in _V1_KINDS.items()}.get(kind) if isinstance(kind, str) else None
    items = spec.get(_SECTIONS.get(kind, ""), []) if isinstance(kind, str) else []
    names: set[str] = set()
    for item in items if isinstance(items, list) else ():
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str):
            continue
        if singular is not None:
            names.add(f"#{singular}:{ident}")
        if isinstance(group, str):
            names.add(f"#/{kind}/{group}/{ident}")
    return frozenset(names)


def _referenced(data: Any) -> frozenset[str]:
    """Every reference string written anywhere in a file."""
    found: set[str] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif (
            isinstance(node, str)
            and node.startswith("#")
            and (_LEGACY_REF.match(node) or _V1_REF.match(node))
        ):
            found.add(node)
    return frozenset(found)
