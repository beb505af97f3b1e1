"""OpenTrackPlan (opentrackplan/opentp-cli): a project config and one file per event.

A project is a folder with `opentp.yaml` (`opentp: <spec version>`, `info`,
`spec`: paths, the event key's constraints, the taxonomy, the base payload);
under it, event files (`event: {key, taxonomy, payload}`) and dictionaries
(`dict: {type, values}`), each starting with `opentp:`. All files under one
`opentp.yaml` form one plan. Each event file becomes an event named by its
key, with the fields of its payload (merged over the base payload) as
properties. The opentp pack (rules/peers/opentp_*.py) makes opentp's checks.

`opentp generate json|yaml` writes the whole plan as one file
(`opentp.events.json`: `opentp`, `info`, `events: [{key, taxonomy, payload}]`);
each entry of its `events` is read as an event file's `event` is.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..model import Event, Origin, Property
from ..sources import Document
from . import Membership, ReadResult
from .common import Collector, text

CONFIG_NAME = "opentp.yaml"


class OpenTrackPlanReader:
    name = "opentp"
    title = "OpenTrackPlan"
    priority = 35

    def sniff(self, path: Path, text: str) -> bool:
        return text.lstrip().startswith("opentp:")

    def accepts(self, document: Document) -> bool:
        data = document.data
        return isinstance(data, dict) and "opentp" in data

    def membership(self, document: Document) -> Membership:
        """Every file under one `opentp.yaml` belongs to its project."""
        config = project_config(document.path)
        root = str(config.parent) if config is not None else str(document.path.parent)
        return Membership(family=root)

    def read(self, document: Document) -> ReadResult:
        return self.read_all([document])

    def read_all(self, documents: Sequence[Document], settings: Any = None) -> ReadResult:
        out = Collector(documents)
        base = _base_payload(documents)
        for document in documents:
            event = document.data.get("event")
            if isinstance(event, dict):
                out.add(_event(document, event, base))
            exported = document.data.get("events")  # `opentp generate` output
            if isinstance(exported, list):
                for index, entry in enumerate(exported):
                    if isinstance(entry, dict):
                        out.add(_event(document, entry, base, ("events", index)))
        return out.result()


def project_config(path: Path) -> Path | None:
    """The nearest `opentp.yaml` at or above a file."""
    for folder in (path.parent, *path.parent.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def _base_payload(documents: Sequence[Document]) -> dict:
    for document in documents:
        spec = document.data.get("spec")
        if isinstance(spec, dict):
            events = spec.get("events")
            payload = events.get("payload") if isinstance(events, dict) else None
            schema = payload.get("schema") if isinstance(payload, dict) else None
            if isinstance(schema, dict):
                return schema
    return {}


def _event(
    document: Document, body: dict, base: dict, at: tuple[str | int, ...] = ("event",)
) -> Event:
    origin = Origin(document, at)
    key = text(body.get("key")) or document.path.stem
    taxonomy = body.get("taxonomy")
    description = text(taxonomy.get("action")) if isinstance(taxonomy, dict) else None
    properties: dict[str, Property] = {}
    for where, schema in payload_schemas(body):
        for name, field in schema.items():
            if not isinstance(field, dict) or name in properties:
                continue
            found = base.get(name)
            declared: dict = found if isinstance(found, dict) else {}
            kind = field.get("type", declared.get("type"))
            required = field.get("required", declared.get("required", False))
            properties[str(name)] = Property(
                str(name),
                origin.child(*where, name),
                types=(kind,) if isinstance(kind, str) else (),
                required=required is True,
                description=text(field.get("description", declared.get("description"))),
                pii=True if "pii" in field else None,
            )
    return Event(
        key, origin.child("key") if "key" in body else origin, description, properties=properties
    )


def payload_schemas(body: dict) -> list[tuple[tuple[str | int, ...], dict]]:
    """Every `schema` of an event's payload with its path under `event`: the
    payload's own, each target selector's, and each version's."""
    payload = body.get("payload")
    found: list[tuple[tuple[str | int, ...], dict]] = []
    if not isinstance(payload, dict):
        return found
    if isinstance(payload.get("schema"), dict):
        found.append((("payload", "schema"), payload["schema"]))
    for selector, block in payload.items():
        if selector == "schema" or not isinstance(block, dict):
            continue
        if isinstance(block.get("schema"), dict):
            found.append((("payload", selector, "schema"), block["schema"]))
        for version, entry in block.items():
            if isinstance(entry, dict) and isinstance(entry.get("schema"), dict):
                found.append((("payload", selector, version, "schema"), entry["schema"]))
    return found
