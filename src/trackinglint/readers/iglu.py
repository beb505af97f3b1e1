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
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..findings import Problem
from ..model import Event, Origin
from ..sources import Document
from . import ReadResult
from .common import Collector, describe, schema_members, text
from .reader_rules import IGLU_PATH_MISMATCH, SCHEMAVER_GAP

# at most 9 digits a part: a longer "version" is not a SchemaVer, and Python will
# not turn an integer of more than 4,300 digits back into text
SCHEMAVER = re.compile(r"([1-9][0-9]{0,8})-(0|[1-9][0-9]{0,8})-(0|[1-9][0-9]{0,8})\Z")
_REGISTRY_PATH = re.compile(r"[0-9]+-[0-9]+-[0-9]+")  # a version as a registry names its files
_SELF_FIELDS = ("vendor", "name", "format", "version")
Version = tuple[int, int, int]


class IgluReader:
    name = "iglu"
    title = "Snowplow Iglu"
    priority = 30

    def sniff(self, path: Path, text: str) -> bool:
        return '"self"' in text and '"vendor"' in text and '"version"' in text

    def accepts(self, document: Document) -> bool:
        data = document.data
        return (
            isinstance(data, dict)
            and isinstance(data.get("self"), dict)
            and ("vendor" in data["self"] or "name" in data["self"])
        )

    def read(self, document: Document) -> ReadResult:
        return self.read_all([document])

    def read_all(self, documents: Sequence[Document], settings: Any = None) -> ReadResult:
        out = Collector(documents)
        schemas: dict[tuple[str, str, str], list[_Schema]] = defaultdict(list)
        for document in documents:
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
            event_name = name if len(vendors[_folded(name)]) == 1 else f"{vendor}/{name}"
            out.add_event(_event(event_name, versions[-1], out))
        return out.result()


@dataclass(slots=True)
class _Schema:
    document: Document
    key: tuple[str, str, str]
    version: Version

    @property
    def origin(self) -> Origin:
        return Origin(self.document, ("self",))

    @property
    def label(self) -> str:
        vendor, name, form = self.key
        return f"{vendor}/{name}/{form}/{_show(self.version)}"


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
    block = document.data["self"]
    origin = Origin(document, ("self",))
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
    _check_path(document, values, out)
    if version is None or not {"vendor", "name", "format"} <= values.keys():
        return None
    return _Schema(document, (values["vendor"], values["name"], values["format"]), version)


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
                IGLU_PATH_MISMATCH.code,
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
                SCHEMAVER_GAP.code,
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
                SCHEMAVER_GAP.code,
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
    data = schema.document.data
    origin = Origin(schema.document)
    label = f"schema {schema.label}"
    if data.get("type") == "array" and isinstance(data.get("items"), dict):
        return schema_members(data["items"], origin.child("items"), out, label)
    return schema_members(data, origin, out, label)


def _event(name: str, schema: _Schema, out: Collector) -> Event:
    data = schema.document.data
    vendor = schema.key[0]
    return Event(
        name,
        Origin(schema.document, ("self", "name")),
        description=text(data.get("description")),
        tags=(vendor,),
        properties=_properties(schema, out),
    )
