"""An OpenTrackPlan project as opentp's checks see it: the config, its event files
and dictionaries, and what an event's path and taxonomy say its key must be.

Shared by the opentp pack's rules (opentp_config.py, opentp_events.py,
opentp_payload.py); reads the parsed documents of the plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ...model import Origin, Plan

SPEC_VERSIONS = ("2026-01",)
_PLACEHOLDER = re.compile(r"\{([^{}|]+?)\s*(?:\|\s*([^{}]+?))?\s*\}")


@dataclass(slots=True)
class EventFile:
    origin: Origin  # the `event` block
    body: dict
    path_values: dict[str, str] = field(default_factory=dict)  # from the path template

    @property
    def taxonomy(self) -> dict:
        value = self.body.get("taxonomy")
        return value if isinstance(value, dict) else {}


@dataclass(slots=True)
class Project:
    config: Origin | None = None
    data: dict = field(default_factory=dict)
    events: list[EventFile] = field(default_factory=list)
    dictionaries: dict[str, tuple[Origin, dict]] = field(default_factory=dict)  # by name

    def section(self, *keys: str) -> dict:
        node: Any = self.data
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
        return node if isinstance(node, dict) else {}

    def dictionary(self, name: Any) -> list | None:
        found = self.dictionaries.get(name) if isinstance(name, str) else None
        values = found[1].get("values") if found else None
        return values if isinstance(values, list) else None


def project(plan: Plan) -> Project | None:
    """The OpenTrackPlan project of a plan, or None for a plan of another format."""
    result = Project()
    documents = [d for d in plan.documents if isinstance(d.data, dict) and "opentp" in d.data]
    if not documents:
        return None
    for document in documents:
        if isinstance(document.data.get("spec"), dict) or "info" in document.data:
            result.config, result.data = Origin(document), document.data
    root = result.config.document.path.parent if result.config else None
    paths = result.section("spec", "paths")
    for document in documents:
        data = document.data
        if isinstance(data.get("event"), dict):
            event = EventFile(Origin(document, ("event",)), data["event"])
            if root is not None:
                event.path_values = _path_values(document.path, root, paths)
            result.events.append(event)
        elif isinstance(data.get("dict"), dict) and root is not None:
            name = _relative(document.path, root / _folder(paths, "dictionaries"))
            if name is not None:
                result.dictionaries[name.removesuffix(".yaml").removesuffix(".yml")] = (
                    Origin(document, ("dict",)),
                    data["dict"],
                )
    return result


def _folder(paths: dict, kind: str) -> str:
    entry = paths.get(kind)
    root = entry.get("root") if isinstance(entry, dict) else None
    return root.strip("/") if isinstance(root, str) else kind


def _relative(path: Any, folder: Any) -> str | None:
    try:
        return PurePosixPath(path.relative_to(folder)).as_posix()
    except ValueError:
        return None


def _path_values(path: Any, root: Any, paths: dict) -> dict[str, str]:
    """The taxonomy values an event's path gives: `{area}/{priority}/{event}.yaml`."""
    entry = paths.get("events")
    template = entry.get("template") if isinstance(entry, dict) else None
    relative = _relative(path, root / _folder(paths, "events"))
    if not isinstance(template, str) or relative is None:
        return {}
    names: list[str] = []

    def group(match: re.Match[str]) -> str:
        names.append(match[1].strip())
        return "([^/]+?)"

    pattern = _PLACEHOLDER.sub(group, re.escape(template).replace(r"\{", "{").replace(r"\}", "}"))
    found = re.fullmatch(pattern, relative)
    return dict(zip(names, found.groups(), strict=True)) if found else {}


def render(template: str, values: dict[str, Any], transforms: dict) -> str | None:
    """A key template filled in, each `{name | transform}` applied; None when a
    value is missing."""
    missing = False

    def fill(match: re.Match[str]) -> str:
        nonlocal missing
        name, pipe = match[1].strip(), match[2]
        if name not in values or values[name] is None:
            missing = True
            return ""
        text = _text(values[name])
        for step in pipe.split("|") if pipe else ():
            text = _transform(text, step.strip(), transforms)
        return text

    result = _PLACEHOLDER.sub(fill, template)
    return None if missing else result


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _transform(text: str, name: str, transforms: dict) -> str:
    steps = transforms.get(name)
    if not isinstance(steps, list):
        return _step(text, name)
    for step in steps:
        text = _step(text, step)
    return text


def _step(text: str, step: Any) -> str:
    if step == "lower":
        return text.lower()
    if step == "upper":
        return text.upper()
    if step == "trim":
        return text.strip()
    if isinstance(step, dict) and isinstance(step.get("replace"), dict):
        spec = step["replace"]
        return text.replace(str(spec.get("from", "")), str(spec.get("to", "")))
    if isinstance(step, dict) and isinstance(step.get("truncate"), int):
        return text[: step["truncate"]]
    return text


def fragments(template: str, value: str) -> dict[str, str] | None:
    """The fragments a composite value holds (`{verb}::{object}` over
    `click::login button`), or None when it does not fit the template."""
    names: list[str] = []
    parts = _PLACEHOLDER.split(template)
    pattern = ""
    for index, part in enumerate(parts):
        if index % 3 == 0:
            pattern += re.escape(part)
        elif index % 3 == 1:
            names.append(part.strip())
            pattern += "(.+?)"
    found = re.fullmatch(pattern, value)
    return dict(zip(names, found.groups(), strict=True)) if found else None


def taxonomy_values(project: Project, event: EventFile) -> dict[str, Any]:
    """Every taxonomy value of an event, from its path, its file and the fragments of
    its composite fields, as the key template reads them."""
    values: dict[str, Any] = {**event.path_values, **event.taxonomy}
    fields = project.section("spec", "events", "taxonomy")
    for name, definition in fields.items():
        template = definition.get("template") if isinstance(definition, dict) else None
        value = values.get(name)
        if isinstance(template, str) and isinstance(value, str):
            values.update(fragments(template, value) or {})
    return values


def walk_fields(fields: dict) -> Iterator[tuple[str, dict]]:
    """The taxonomy's fields and, after each composite one, its fragments."""
    for name, definition in fields.items():
        if isinstance(definition, dict):
            yield str(name), definition
            inner = definition.get("fragments")
            if isinstance(inner, dict):
                yield from walk_fields(inner)
