"""The native trackinglint format (PLAN-FORMAT.md): validate, then map to the model."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..findings import Problem
from ..fixes.model import rename_key_fix
from ..hookspecs import hookimpl
from ..model import (
    Dashboard,
    Event,
    Job,
    Metric,
    MetricRef,
    Origin,
    Plan,
    Product,
    Property,
    Target,
)
from ..schema import SchemaProblem, start_validation, validate_native_again
from ..sources import Document
from ..sources.sameness import same_data
from . import Membership, ReadResult

_MARKER = re.compile(r"""(?:^|[{,])\s*["']?trackinglint["']?\s*:""", re.MULTILINE)
T = TypeVar("T")


class NativeReader:
    name = "native"
    priority = 0

    def sniff(self, path: Path, text: str) -> bool:
        return _MARKER.search(text) is not None

    def accepts(self, document: Document) -> bool:
        return isinstance(document.data, dict) and "trackinglint" in document.data

    def membership(self, document: Document) -> Membership:
        """A file with `product:` roots a plan; one without events is a companion
        (metrics for a plan of another format beside it)."""
        data = document.data if isinstance(document.data, dict) else {}
        events = data.get("events")
        product = data.get("product")
        label = product.get("name") if isinstance(product, dict) else None
        return Membership(
            root="product" in data,
            companion=not events,
            provides=frozenset(map(str, events)) if isinstance(events, dict) else frozenset(),
            needs=_names_used(data),
            label=label if isinstance(label, str) and label.strip() else None,
        )

    def read(self, document: Document) -> ReadResult:
        check = start_validation(document.data, len(document.text))
        return _result(document, build_plan(document, document.data), _Checked(document, check))

    def read_again(self, document: Document, earlier: ReadResult) -> ReadResult:
        """`read`, for a new version of a file read before: the events whose
        mappings are unchanged (shared with the old parse when an edit was spliced
        into a large plan, `sources.yaml_splice`) are kept, moved to the new
        document, and only the others are built and checked against the schema."""
        memo = earlier.memo
        if not isinstance(memo, _Checked) or earlier.plan.documents != [memo.document]:
            return self.read(document)
        data = document.data
        again = validate_native_again(data, memo.document.data, memo.problems())
        check = start_validation(data, len(document.text)) if again is None else lambda: again
        plan = build_plan(document, data, _unchanged(memo.document.data, data, earlier.plan))
        return _result(document, plan, _Checked(document, check))


class _Checked:
    """The schema check of one version of a file, kept for the next version."""

    __slots__ = ("_check", "_found", "document")

    def __init__(self, document: Document, check: Callable[[], list[SchemaProblem]]) -> None:
        self.document = document
        self._check = check
        self._found: list[SchemaProblem] | None = None

    def problems(self) -> list[SchemaProblem]:
        if self._found is None:
            self._found = self._check()
        return self._found


def _result(document: Document, plan: Plan, checked: _Checked) -> ReadResult:
    root = Origin(document)

    def problems() -> list[Problem]:
        return [
            Problem(
                p.message,
                root.child(*p.pointer),
                p.focus,
                code="TL002",
                fix=rename_key_fix(document, p.pointer, p.rename) if p.rename else None,
            )
            for p in checked.problems()
        ]

    return ReadResult(plan, pending=[problems], memo=checked)


def _unchanged(old_data: Any, data: Any, old_plan: Plan) -> dict[str, Event]:
    """The events built from mappings the new data still holds (the very ones, when
    the edit was spliced in; equal ones after a full parse), by name."""
    old_events = old_data.get("events") if isinstance(old_data, dict) else None
    events = data.get("events") if isinstance(data, dict) else None
    if not (isinstance(old_events, dict) and isinstance(events, dict)):
        return {}
    return {
        name: event
        for name, event in old_plan.events.items()
        if isinstance(body := events.get(name), dict) and same_data(old_events.get(name), body)
    }


def _moved(event: Event, document: Document) -> Event:
    """An event kept from the old version of its file, pointing into the new one."""
    event.origin = Origin(document, event.origin.pointer)
    for prop in event.properties.values():
        _move_property(prop, document)
    return event


def _move_property(prop: Property, document: Document) -> None:
    prop.origin = Origin(document, prop.origin.pointer)
    for child in prop.properties.values():
        _move_property(child, document)
    if prop.items is not None:
        _move_property(prop.items, document)


def build_plan(
    document: Document, data: dict[str, Any], unchanged: dict[str, Event] | None = None
) -> Plan:
    """Map native data to the model, skipping whatever has the wrong shape;
    `unchanged` events (built from an earlier version) are kept, not rebuilt."""
    root = Origin(document)
    plan = Plan(documents=[document])
    product = data.get("product")
    if isinstance(product, dict):
        plan.product = Product(
            root.child("product"),
            name=_text(product.get("name")),
            job=_text(product.get("job")),
            description=_text(product.get("description")),
        )
    plan.jobs = _section(data, "jobs", root, _job)
    if unchanged:
        kept = {name: _moved(event, document) for name, event in unchanged.items()}

        def event(name: str, body: dict | None, origin: Origin) -> Event:
            return kept.get(name) or _event(name, body, origin)

        plan.events = _section(data, "events", root, event)
    else:
        plan.events = _section(data, "events", root, _event)
    plan.properties = _section(data, "properties", root, _property)
    plan.metrics = _section(data, "metrics", root, _metric)
    plan.dashboards = _section(data, "dashboards", root, _dashboard)
    return plan


def _section(
    data: dict[str, Any], key: str, root: Origin, build: Callable[[str, dict | None, Origin], T]
) -> dict[str, T]:
    entries = data.get(key)
    if not isinstance(entries, dict):
        return {}
    base = root.child(key)
    return {
        name: build(name, body, base.child(name))
        for name, body in entries.items()
        if isinstance(body, dict) or body is None
    }


def _job(name: str, body: dict | None, origin: Origin) -> Job:
    body = body or {}
    return Job(
        name,
        origin,
        _text(body.get("description")),
        _names(body.get("completion")),
        _names(body.get("start")),
    )


def _event(name: str, body: dict | None, origin: Origin) -> Event:
    body = body or {}
    return Event(
        name,
        origin,
        description=_text(body.get("description")),
        kind=_text(body.get("kind")),
        job=_text(body.get("job")),
        owner=_text(body.get("owner")),
        tags=_names(body.get("tags")),
        properties=_properties(body, origin),
    )


def _property(name: str, body: dict | None, origin: Origin) -> Property:
    body = body or {}
    items = body.get("items")
    required = body.get("required")
    return Property(
        name,
        origin,
        types=_names(body.get("type")),
        required=required is True,
        description=_text(body.get("description")),
        pii=body.get("pii") if isinstance(body.get("pii"), bool) else None,
        ref=_text(body.get("$ref")),
        schema=body,
        properties=_properties(body, origin),
        items=_property("items", items, origin.child("items")) if isinstance(items, dict) else None,
    )


def _properties(body: dict, origin: Origin) -> dict[str, Property]:
    """The `properties` mapping of an event or an object property."""
    return _section(body, "properties", origin, _property)


def _metric(name: str, body: dict | None, origin: Origin) -> Metric:
    body = body or {}
    target = body.get("target")
    return Metric(
        name,
        origin,
        description=_text(body.get("description")),
        event=_text(body.get("event")),
        numerator=_text(body.get("numerator")),
        denominator=_text(body.get("denominator")),
        aggregation=_text(body.get("aggregation")),
        per=_names(body.get("per")),
        direction=_text(body.get("direction")),
        decision=_text(body.get("decision")),
        target=(
            Target(origin.child("target"), target.get("value"), _text(target.get("by")))
            if isinstance(target, dict)
            else None
        ),
        gaming_test=_text(body.get("gaming_test")),
        role=_text(body.get("role")),
        north_star=body.get("north_star") is True or body.get("role") == "north_star",
        job=_text(body.get("job")),
        window=_text(body.get("window")),
    )


def _dashboard(name: str, body: dict | None, origin: Origin) -> Dashboard:
    body = body or {}
    listed = body.get("metrics")
    refs: tuple[MetricRef, ...] = ()
    if isinstance(listed, list):
        base = origin.child("metrics")
        refs = tuple(
            MetricRef(item, base.child(index))
            for index, item in enumerate(listed)
            if isinstance(item, str)
        )
    return Dashboard(name, origin, _text(body.get("description")), refs)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(item for item in value if isinstance(item, str))
    return ()


@hookimpl
def get_readers() -> list[NativeReader]:
    return [NativeReader()]


def _names_used(data: dict[str, Any]) -> frozenset[str]:
    """Event names the file's metrics and jobs refer to."""
    names: set[str] = set()
    for section, keys in (
        ("metrics", ("event", "numerator", "denominator")),
        ("jobs", ("completion", "start")),
    ):
        entries = data.get(section)
        for entry in entries.values() if isinstance(entries, dict) else ():
            for key in keys if isinstance(entry, dict) else ():
                value = entry.get(key)
                values = value if isinstance(value, list) else [value]
                names.update(v for v in values if isinstance(v, str))
    return frozenset(names)
