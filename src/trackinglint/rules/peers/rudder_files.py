"""The RudderStack files of a plan, as rudder-cli reads them: each file's version,
kind, metadata and spec, and the catalog entries its spec lists.

rudder-cli validates the files themselves (ids, display names, config blocks),
much of which the plan model does not carry; so the rudderstack pack's checks
read the parsed documents and point into them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...model import Origin, Plan

LEGACY_VERSIONS = ("rudder/0.1", "rudder/v0.1")
V1 = "rudder/v1"
SECTIONS = {  # catalog kind -> its list under spec
    "events": "events",
    "properties": "properties",
    "categories": "categories",
    "custom-types": "types",
}
PLAN_KINDS = ("tp", "tracking-plan")
SUPPORTED = {  # kind -> the versions rudder-cli reads it in
    **dict.fromkeys(SECTIONS, (*LEGACY_VERSIONS, V1)),
    "tp": LEGACY_VERSIONS,
    "tracking-plan": (V1,),
}
PRIMITIVES = ("string", "number", "integer", "boolean", "null", "array", "object")


@dataclass(frozen=True, slots=True)
class RudderFile:
    """One rudder-cli YAML file."""

    origin: Origin  # the document's root
    data: dict

    @property
    def version(self) -> Any:
        return self.data.get("version")

    @property
    def v1(self) -> bool:
        return self.version == V1

    @property
    def kind(self) -> Any:
        return self.data.get("kind")

    @property
    def spec(self) -> dict:
        spec = self.data.get("spec")
        return spec if isinstance(spec, dict) else {}

    def entries(self, kind: str) -> Iterator[tuple[Origin, dict]]:
        """The catalog entries of a `kind` file: each item of its spec's list."""
        if self.kind != kind:
            return
        items = self.spec.get(SECTIONS[kind])
        for index, item in enumerate(items if isinstance(items, list) else ()):
            if isinstance(item, dict):
                yield self.origin.child("spec", SECTIONS[kind], index), item


def rudder_files(plan: Plan) -> Iterator[RudderFile]:
    """The plan's documents that are rudder-cli files."""
    for document in plan.documents:
        data = document.data
        if not isinstance(data, dict):
            continue
        version, kind = data.get("version"), data.get("kind")
        rudder = isinstance(version, str) and version.startswith("rudder/")
        if rudder or (kind in SUPPORTED and "spec" in data):
            yield RudderFile(Origin(document), data)


def type_names(value: Any) -> list[str]:
    """`string,null` (legacy), a single v1 type, or a list: the names, trimmed."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",")]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []
