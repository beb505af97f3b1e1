"""The rudderstack pack, project level: what rudder-cli's project rules reject in
every file (its required top-level keys, kind and version, metadata), and names
defined twice across the files of a project."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...findings import Problem, Severity
from ...model import Origin
from ..api import RuleContext, rule
from .messages import place, shown
from .rudder_files import SECTIONS, SUPPORTED, RudderFile, rudder_files, type_names

GROUP = "rudderstack"
_TOP_LEVEL = ("version", "kind", "metadata", "spec")


@rule("RS101", "rudderstack-file-structure", severity=Severity.ERROR, group=GROUP, enabled=False)
def file_structure(ctx: RuleContext) -> Iterator[Problem]:
    """A rudder-cli file without version, kind, metadata or spec, with a kind and
    version rudder-cli does not support together, or with malformed metadata."""
    for file in rudder_files(ctx.plan):
        for key in _TOP_LEVEL:
            if key not in file.data or file.data[key] is None:
                at = file.origin.field(key)  # the empty key when written, else the file
                yield ctx.problem(at, f"'{key}' is required at the top of the file")
        kind, version = file.kind, file.version
        if isinstance(kind, str) and isinstance(version, str):
            if kind not in SUPPORTED:
                yield ctx.problem(
                    file.origin.child("kind"),
                    f"kind {shown(kind)} is not one rudder-cli knows ({', '.join(SUPPORTED)})",
                    "value",
                )
            elif version not in SUPPORTED[kind]:
                yield ctx.problem(
                    file.origin.child("kind"),
                    f"kind '{kind}' is not supported with version '{version}'; use "
                    f"{' or '.join(SUPPORTED[kind])}",
                    "value",
                )
        yield from _metadata(ctx, file)


def _metadata(ctx: RuleContext, file: RudderFile) -> Iterator[Problem]:
    metadata = file.data.get("metadata")
    where = file.origin.child("metadata")
    if not isinstance(metadata, dict):
        if metadata is not None:
            yield ctx.problem(where, "'metadata' must be a mapping with a name", "value")
        return
    if not isinstance(metadata.get("name"), str) or not metadata["name"]:
        yield ctx.problem(where.field("name"), "'name' is required in metadata")
    imports = metadata.get("import")
    if imports is None:
        return
    workspaces = imports.get("workspaces") if isinstance(imports, dict) else None
    if not isinstance(workspaces, list):
        yield ctx.problem(where.child("import"), "'import' must hold a list of workspaces", "value")
        return
    for index, workspace in enumerate(workspaces):
        at = where.child("import", "workspaces", index)
        if not isinstance(workspace, dict):
            yield ctx.problem(at, "an import workspace must be a mapping", "value")
            continue
        if not isinstance(workspace.get("workspace_id"), str):
            yield ctx.problem(at.field("workspace_id"), "'workspace_id' is required")
        resources = workspace.get("resources")
        if not isinstance(resources, list):
            yield ctx.problem(at.field("resources"), "'resources' is required: a list of urns")
            continue
        for r_index, resource in enumerate(resources):
            if not isinstance(resource, dict) or not isinstance(resource.get("urn"), str):
                yield ctx.problem(
                    at.child("resources", r_index), "each imported resource needs a 'urn'"
                )


@rule("RS102", "rudderstack-duplicate-name", severity=Severity.ERROR, group=GROUP, enabled=False)
def duplicate_name(ctx: RuleContext) -> Iterator[Problem]:
    """Two entries of one kind with the same name across a project's files:
    categories and custom types by name, events by name and type, properties by
    name, type and item types, tracking plans by display name."""
    seen: dict[tuple[Any, ...], Origin] = {}
    for file in rudder_files(ctx.plan):
        for kind in SECTIONS:
            for origin, entry in file.entries(kind):
                key = _identity(kind, entry)
                if key is None:
                    continue
                yield from _again(ctx, seen, key, origin.field("name"), kind, entry["name"])
        if file.kind in ("tp", "tracking-plan"):
            display = file.spec.get("display_name")
            if isinstance(display, str):
                at = file.origin.child("spec", "display_name")
                yield from _again(ctx, seen, ("tp", display), at, file.kind, display)


def _identity(kind: str, entry: dict) -> tuple[Any, ...] | None:
    name = entry.get("name")
    if not isinstance(name, str) or not name:
        return None
    if kind == "events":
        return kind, name, entry.get("event_type", "track")
    if kind == "properties":
        types = tuple(sorted(type_names(entry.get("types", entry.get("type")))))
        items = tuple(sorted(type_names(entry.get("item_types", entry.get("item_type")))))
        config = entry.get("config") or entry.get("propConfig")
        if isinstance(config, dict):
            items = items or tuple(sorted(type_names(config.get("itemTypes"))))
        return kind, name, types, items
    return kind, name


def _again(
    ctx: RuleContext,
    seen: dict[tuple[Any, ...], Origin],
    key: tuple[Any, ...],
    origin: Origin,
    kind: str,
    name: str,
) -> Iterator[Problem]:
    first = seen.setdefault(key, origin)
    if first is origin:
        return
    what = {"properties": "name, type and item types", "events": "name and event_type"}
    yield ctx.problem(
        origin,
        f"duplicate {what.get(kind, 'name')} '{name}' within kind '{kind}' (first at "
        f"{place(first, origin)}); rudder-cli refuses the project",
        "value",
    )


RULES = (file_structure, duplicate_name)
