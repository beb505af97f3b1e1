"""The Iglu schemas of a plan: which documents they are and where their schema sits.

igluctl lints every file of a registry, every version, and the files that are
not self-describing too; so the iglu pack reads the plan's documents, not the
events the reader built from the newest versions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...model import Origin, Plan
from ...sources import Document, Pointer
from .jsonschema_nodes import subschemas

SELF_DESCRIBING_URI = (
    "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#"
)
# where a registry keeps a schema: <vendor>/<name>/<format>/<version>, no extension
REGISTRY_FILE = re.compile(r"[0-9]+-[0-9]+-[0-9]+(?:\.json)?\Z")


@dataclass(frozen=True, slots=True)
class IgluSchema:
    """One schema file: its document, and where the self-describing schema starts
    (the document itself, or `data` in a snowplow-cli data structure)."""

    document: Document
    base: Pointer
    body: dict

    @property
    def origin(self) -> Origin:
        return Origin(self.document, self.base)

    def at(self, pointer: Pointer) -> Origin:
        """The origin of a pointer relative to the schema."""
        return Origin(self.document, (*self.base, *pointer))

    def nodes(self) -> Iterator[tuple[Pointer, dict]]:
        """Every schema level, root first, with its pointer relative to the schema."""
        return subschemas(self.body, ())

    @property
    def self_describing(self) -> bool:
        return "self" in self.body


def iglu_schemas(plan: Plan, bare: bool = False) -> Iterator[IgluSchema]:
    """The documents of `plan` that are self-describing Iglu schemas; with `bare`,
    also the files kept at a registry path (`…/<vendor>/<name>/<format>/1-0-0`)
    without `self`, which igluctl refuses to read and so never lints."""
    for document in plan.documents:
        data: Any = document.data
        if not isinstance(data, dict):
            continue
        if "self" not in data and isinstance(data.get("data"), dict) and "meta" in data:
            yield IgluSchema(document, ("data",), data["data"])
        elif "self" in data or (bare and in_registry(document)):
            yield IgluSchema(document, (), data)


def in_registry(document: Document) -> bool:
    """A file laid out as a registry keeps it: …/<vendor>/<name>/<format>/<M-R-A>."""
    path = document.path
    return bool(REGISTRY_FILE.match(path.name)) and len(path.parts) >= 4
