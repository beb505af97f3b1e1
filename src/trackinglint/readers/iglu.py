"""Snowplow Iglu schemas: self-describing JSON Schemas, one file per version.

A registry keeps them at `schemas/<vendor>/<name>/<format>/<M-R-A>` (no file
extension); a single schema file may sit anywhere. Each schema becomes one
event, named after `self.name` (as Snowplow's `event_name`), built from its
newest version; when two vendors in one plan use the same name, both events
are called `vendor/name` (names are compared ignoring case and separators).

Checked here, because only a reader sees files and versions together:
- the `self` block must agree with the file's path (TL005), since Iglu
  resolves a schema by path;
- versions must start at 1-0-0 and follow SchemaVer without gaps (TL006),
  compared as numbers (2-0-10 follows 2-0-9).

Entities are not events. Snowplow attaches entity (context) schemas to events;
they describe a page, a user, a product, not something that happened, so
they are kept apart (`Plan.non_events`, `entity=True`) and count in no event
rule and not in `classify`. What decides, first match wins:
1. `iglu-entities` / `iglu-events` in the configuration: globs of `vendor/name`;
2. Snowplow's own metadata: a data structure as `snowplow-cli` keeps it
   (`meta.schemaType: entity | event`, the schema under `data`) is read too;
3. the name: `*_context`, `*_entity`, `contexts`, or a vendor whose last
   part says so (`com.acme.entity`, `com.acme.contexts`);
4. the description's first word for what it is: "Schema for a web page
   context", "Entity that ...", "... attached to page_ping events";
5. otherwise an event.
Naming rules judge the schema's `name`, never the `vendor/name` label given to
two vendors' schemas of one name.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..findings import Problem
from ..model import Event, Origin
from ..sources import Document, Pointer
from . import Membership, ReadResult
from .common import Collector, describe, schema_members, text
from .reader_rules import IGLU_PATH_MISMATCH, SCHEMAVER_GAP

# at most 9 digits a part: a longer "version" is not a SchemaVer, and Python will
# not turn an integer of more than 4,300 digits back into text
SCHEMAVER = re.compile(r"([1-9][0-9]{0,8})-(0|[1-9][0-9]{0,8})-(0|[1-9][0-9]{0,8})\Z")
_REGISTRY_PATH = re.compile(r"[0-9]+-[0-9]+-[0-9]+")  # a version as a registry names its files
_SELF_FIELDS = ("vendor", "name", "format", "version")
_ENTITY_NAME = re.compile(r"(?:^|[_.-])(?:context|contexts|entity|entities|ctx)\Z", re.IGNORECASE)
_WHAT_IT_IS = re.compile(r"\b(events?|entity|entities|contexts?)\b", re.IGNORECASE)
_ATTACHED = re.compile(r"\battached to\b", re.IGNORECASE)
# what a schema *is* comes before the first clause ("..., including reasoning and context")
_CLAUSE_END = re.compile(r"[,;:(]|\b(?:that|which|with|including|when|where|who)\b", re.IGNORECASE)
_FIRST_SENTENCE = re.compile(r".*?(?:[.!?](?=\s|\Z)|\Z)", re.DOTALL)
_SCHEMA_TYPES = ("event", "entity")
Version = tuple[int, int, int]


class IgluReader:
    name = "iglu"
    title = "Snowplow Iglu"
    priority = 30

    def sniff(self, path: Path, text: str) -> bool:
        if '"self"' in text and '"vendor"' in text and '"version"' in text:
            return True
        if _in_registry(path) and text.lstrip().startswith("{"):
            return True  # a registry file without `self`: read, so the iglu pack reports it
        return "schemaType" in text and "self:" in text and "vendor:" in text  # snowplow-cli YAML

    def accepts(self, document: Document) -> bool:
        schema = _schema_body(document.data)
        jsonschema = document.path.parent.name == "jsonschema"  # (not Avro, Thrift, …)
        if (
            isinstance(schema, dict)
            and "self" not in schema
            and jsonschema
            and _in_registry(document.path)
        ):
            return True  # kept in a registry, but not self-describing (the iglu pack's IGLU017)
        return (
            isinstance(schema, dict)
            and isinstance(schema.get("self"), dict)
            and ("vendor" in schema["self"] or "name" in schema["self"])
        )

    def membership(self, document: Document) -> Membership:
        """The schemas of one registry (`<root>/<vendor>/<name>/<format>/<M-R-A>`)
        form one plan; a schema kept elsewhere joins the others of its folder."""
        path = document.path.absolute()
        if _base(document) and len(path.parents) > 1:  # data-structures/<vendor>/<name>.yaml
            return Membership(family=str(path.parents[1]))
        registry = (
            path.parents[3]
            if _REGISTRY_PATH.fullmatch(path.name) and len(path.parents) > 3
            else path.parent
        )
        return Membership(family=str(registry))

    def read(self, document: Document) -> ReadResult:
        return self.read_all([document])

    def read_all(self, documents: Sequence[Document], settings: Any = None) -> ReadResult:
        out = Collector(documents)
        kinds = _Kinds(settings)
        schemas: dict[tuple[str, str, str], list[_Schema]] = defaultdict(list)
        for document in documents:
            if not isinstance(_schema_body(document.data).get("self"), dict):
                continue  # not self-describing: nothing to read (the iglu pack says so)
            schema = _read_self(document, out)
            if schema is not None:
                schemas[schema.key].append(schema)
        vendors: dict[str, set[str]] = defaultdict(set)  # names as analyses compare them
        for vendor, name, form in schemas:
            if form == "jsonschema":
                vendors[_folded(name)].add(vendor)
        for key, versions in schemas.items():
            versions.sort(key=lambda s: s.version)
            _check_versions(key, versions, out)
            vendor, name, form = key
            if form != "jsonschema":  # Avro, Thrift, Protobuf IDL: no event properties to read
                continue
            for older in versions[:-1]:  # still read, for their problems
                _properties(older, out)
            shared = len(vendors[_folded(name)]) > 1
            event_name = f"{vendor}/{name}" if shared else name
            event = _event(event_name, versions[-1], out)
            event.namespace = vendor if shared else None
            event.entity = kinds.entity(versions[-1])
            out.add(event, f"{vendor}/{name}")
        return out.result()


@dataclass(slots=True)
class _Schema:
    document: Document
    key: tuple[str, str, str]
    version: Version
    base: Pointer = ()  # ("data",) in a snowplow-cli data structure

    @property
    def origin(self) -> Origin:
        return Origin(self.document, (*self.base, "self"))

    @property
    def body(self) -> dict:
        body = _schema_body(self.document.data)
        return body if isinstance(body, dict) else {}

    @property
    def schema_type(self) -> str | None:
        """`meta.schemaType` of a snowplow-cli data structure: entity or event."""
        meta = self.document.data.get("meta") if self.base else None
        value = meta.get("schemaType") if isinstance(meta, dict) else None
        return value.lower() if isinstance(value, str) else None

    @property
    def label(self) -> str:
        vendor, name, form = self.key
        return f"{vendor}/{name}/{form}/{_show(self.version)}"


def _schema_body(data: Any) -> Any:
    """The self-describing schema: the document, or its `data` in a snowplow-cli
    data structure (`apiVersion`, `meta`, `data`)."""
    if isinstance(data, dict) and "self" not in data and isinstance(data.get("data"), dict):
        return data["data"]
    return data


def _in_registry(path: Path) -> bool:
    """Laid out as a registry keeps a schema: …/<vendor>/<name>/<format>/<M-R-A>."""
    return bool(_REGISTRY_PATH.fullmatch(path.name)) and len(path.parts) > 4


def _base(document: Document) -> Pointer:
    return ("data",) if _schema_body(document.data) is not document.data else ()


class _Kinds:
    """Tells entity schemas from event schemas (see the module's docstring)."""

    def __init__(self, settings: Any) -> None:
        self.entities = tuple(getattr(settings, "iglu_entities", ()) or ())
        self.events = tuple(getattr(settings, "iglu_events", ()) or ())

    def entity(self, schema: _Schema) -> bool:
        vendor, name, _ = schema.key
        for globs, verdict in ((self.events, False), (self.entities, True)):
            if any(_label_matches(glob, vendor, name) for glob in globs):
                return verdict
        if schema.schema_type in _SCHEMA_TYPES:
            return schema.schema_type == "entity"
        if _ENTITY_NAME.search(vendor.rsplit(".", 1)[-1]):  # `com.acme.entity/shopper`
            return True
        return looks_like_entity(name, schema.body.get("description"))


def _label_matches(glob: str, vendor: str, name: str) -> bool:
    """`com.acme/*_info` matches vendor and name; `*_info` the name alone."""
    if "/" in glob:
        return fnmatchcase(f"{vendor}/{name}", glob)
    return fnmatchcase(name, glob)


def looks_like_entity(name: str, description: Any) -> bool:
    """Strong evidence only: a name such as `geo_context`, or a description that
    says what the schema is ("Schema for a web page context", "Entity that ...",
    "metrics attached to page_ping events")."""
    if _ENTITY_NAME.search(name):
        return True
    if not isinstance(description, str):
        return False
    sentence = _FIRST_SENTENCE.match(description.strip())
    said = _CLAUSE_END.split(sentence[0] if sentence else description, maxsplit=1)[0]
    first = _WHAT_IT_IS.search(said)
    attached = _ATTACHED.search(said)
    if attached is not None and (first is None or attached.start() < first.start()):
        return True
    return first is not None and not first[1].lower().startswith("event")


def _folded(name: str) -> str:
    """`web_page`, `WebPage` and `webpage` are one name to a reader of the data."""
    return re.sub(r"[^0-9a-z]", "", name.lower())


def _show(version: Version) -> str:
    return "-".join(map(str, version))


def _parse_version(value: Any) -> Version | None:
    match = SCHEMAVER.match(value) if isinstance(value, str) else None
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def _read_self(document: Document, out: Collector) -> _Schema | None:
    """Check the `self` block and its agreement with the path; None when unusable."""
    base = _base(document)
    block = _schema_body(document.data)["self"]
    origin = Origin(document, (*base, "self"))
    values = {}
    for field in _SELF_FIELDS:
        value = block.get(field)
        if text(value) is None:
            out.malformed(
                origin.field(field),
                f"`self.{field}` is {describe(value)}"
                if value is not None
                else f"`self` has no {field}",
                "value" if field in block else "key",
            )
            continue
        values[field] = value
    version = _parse_version(values.get("version"))
    if "version" in values and version is None:
        out.malformed(
            origin.child("version"),
            f"version '{values['version']}' is not SchemaVer; write MODEL-REVISION-ADDITION "
            "starting at 1-0-0, e.g. 1-0-2",
            "value",
        )
    if not base:
        _check_path(document, values, out)
    else:
        _check_schema_type(document, out)
    if version is None or not {"vendor", "name", "format"} <= values.keys():
        return None
    return _Schema(document, (values["vendor"], values["name"], values["format"]), version, base)


def _check_schema_type(document: Document, out: Collector) -> None:
    meta = document.data.get("meta")
    if not isinstance(meta, dict) or "schemaType" not in meta:
        return
    value = meta["schemaType"]
    if not isinstance(value, str) or value.lower() not in _SCHEMA_TYPES:
        out.malformed(
            Origin(document, ("meta", "schemaType")),
            f"`meta.schemaType` is {describe(value)}; Snowplow knows event and entity",
            "value",
        )


def _path_parts(path: Path) -> dict[str, str] | None:
    """vendor, name, format and version as the path says, for files laid out as Iglu."""
    stem = path.name.removesuffix(".json")
    if not SCHEMAVER.match(stem) or len(path.parts) < 4:
        return None
    form = path.parent
    return {
        "version": stem,
        "format": form.name,
        "name": form.parent.name,
        "vendor": form.parent.parent.name,
    }


def _check_path(document: Document, values: dict[str, str], out: Collector) -> None:
    expected = _path_parts(document.path)
    if expected is None:
        return
    where = "/".join(expected[field] for field in _SELF_FIELDS)
    for field in _SELF_FIELDS:
        declared = values.get(field)
        if declared is None or declared == expected[field]:
            continue
        out.problems.append(
            Problem(
                f"`self.{field}` is '{declared}' but the path says '{expected[field]}' "
                f"(…/{where}); Iglu finds a schema by its path, so move the file or fix "
                "`self`",
                Origin(document, ("self", field)),
                "value",
                IGLU_PATH_MISMATCH,
            )
        )


def _successors(version: Version) -> tuple[Version, Version, Version]:
    model, revision, addition = version
    return (model, revision, addition + 1), (model, revision + 1, 0), (model + 1, 0, 0)


def _check_versions(key: tuple[str, str, str], schemas: list[_Schema], out: Collector) -> None:
    """Start at 1-0-0, then each version one SchemaVer step after the one before."""
    on_disk = _versions_beside(schemas)
    present = sorted({s.version for s in schemas} | on_disk)
    mine = {s.version: s for s in schemas}
    vendor, name, _ = key
    # a lone schema file outside a registry may have its older versions elsewhere
    known = len(present) > 1 or any(_path_parts(s.document.path) for s in schemas)
    if known and present[0] != (1, 0, 0) and present[0] in mine:
        first = mine[present[0]]
        out.problems.append(
            Problem(
                f"schema {vendor}/{name} starts at {_show(present[0])}; there is no 1-0-0, so "
                "data written with the first version cannot be validated: add 1-0-0 or "
                "renumber",
                first.origin.child("version"),
                "value",
                SCHEMAVER_GAP,
            )
        )
    for before, after in pairwise(present):
        if after in _successors(before) or after not in mine:
            continue
        expected = " or ".join(_show(v) for v in _successors(before))
        out.problems.append(
            Problem(
                f"schema {vendor}/{name} goes from {_show(before)} to {_show(after)}; the next "
                f"version after {_show(before)} is {expected}, so a version is missing",
                mine[after].origin.child("version"),
                "value",
                SCHEMAVER_GAP,
            )
        )


def _versions_beside(schemas: list[_Schema]) -> set[Version]:
    """Versions of the same schema that sit beside the files read but were not given.

    Only folders laid out as this schema's path count; a file that was read
    counts with the version its `self` declares, so it is skipped here.
    """
    found: set[Version] = set()
    read = {os.path.abspath(s.document.path) for s in schemas}
    folders = set()
    for schema in schemas:
        parts = _path_parts(schema.document.path)
        if parts and (parts["vendor"], parts["name"], parts["format"]) == schema.key:
            folders.add(schema.document.path.parent)
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for entry in names:
            version = _parse_version(entry.removesuffix(".json"))
            if version is not None and os.path.abspath(folder / entry) not in read:
                found.add(version)
    return found


def _properties(schema: _Schema, out: Collector) -> dict:
    data = schema.body
    origin = Origin(schema.document, schema.base)
    label = f"schema {schema.label}"
    if data.get("type") == "array" and isinstance(data.get("items"), dict):
        return schema_members(data["items"], origin.child("items"), out, label)
    return schema_members(data, origin, out, label)


def _event(name: str, schema: _Schema, out: Collector) -> Event:
    data = schema.body
    vendor = schema.key[0]
    return Event(
        name,
        schema.origin.child("name"),
        description=text(data.get("description")),
        tags=(vendor,),
        properties=_properties(schema, out),
    )
