"""Avo tracking plans, as exported by Avo's Export API or its JSON Schema webhook.

    {"name": ..., "events": [{"id", "name", "description", "tags", "categories",
      "sources", "rules": {"properties": {"properties": <object schema>,
                                          "nameMapping": ...}}}],
     "metrics": {"<id>": {"name", "type", "items": [{"eventId", ...}]}}}

The event's properties are the object schema under `rules.properties.properties`.
Avo metrics name their events by id; they become plan metrics, so the outcome
rules read them too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Event, Metric, Origin
from ..sources import Document
from . import ReadResult
from .common import Collector, describe, schema_members, strings, text

_EVENT_MARKERS = ("sources", "triggers", "categories", "tags")
# Avo metric type -> (aggregation, how its items map to the metric's events)
_METRIC_TYPES = {
    "eventsegmentation": ("count", "event"),
    "proportion": ("ratio", "numerator-first"),
    "funnel": ("ratio", "funnel"),
    "retention": (None, "event"),
}


class AvoReader:
    name = "avo"
    title = "Avo"
    priority = 10  # before Segment: both have `events` with `rules`; Avo's carry ids
    self_contained = True  # a complete export: a plan of its own (see trackinglint.plans)

    def sniff(self, path: Path, text: str) -> bool:
        return '"events"' in text and (
            '"nameMapping"' in text or '"implementWithCodegen"' in text or '"triggers"' in text
        )

    def accepts(self, document: Document) -> bool:
        data = document.data
        if not isinstance(data, dict) or not isinstance(data.get("events"), list):
            return False
        return any(_is_avo_event(event) for event in data["events"])

    def read(self, document: Document) -> ReadResult:
        out = Collector([document])
        root = Origin(document)
        data = document.data
        categories = _category_names(data.get("categories"))
        ids: dict[str, str] = {}
        for index, entry in enumerate(data["events"]):
            event = _event(entry, root.child("events", index), out, categories)
            if event is not None:
                out.add_event(event)
                if isinstance(entry.get("id"), str):
                    ids[entry["id"]] = event.name
        metrics = data.get("metrics")
        if isinstance(metrics, dict):
            for key, body in metrics.items():
                _metric(body, root.child("metrics", key), out, ids)
        elif isinstance(metrics, list):
            for index, body in enumerate(metrics):
                _metric(body, root.child("metrics", index), out, ids)
        return out.result()


def _is_avo_event(event: Any) -> bool:
    if not isinstance(event, dict) or "id" not in event or "name" not in event:
        return False
    rules = event.get("rules")
    if isinstance(rules, dict) and "nameMapping" in str(rules.get("required", "")):
        return True
    return any(key in event for key in _EVENT_MARKERS)


def _category_names(value: Any) -> dict[str, str]:
    """Category ids to names, when the export lists its categories."""
    entries = (
        value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    )
    names = {}
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            names[entry["id"]] = text(entry.get("name")) or entry["id"]
    return names


def _event(entry: Any, origin: Origin, out: Collector, categories: dict[str, str]) -> Event | None:
    if not isinstance(entry, dict):
        out.malformed(origin, f"an event entry is {describe(entry)}; write a mapping with `name`")
        return None
    name = text(entry.get("name"))
    if name is None:
        out.malformed(origin, "an event has no `name`; every Avo event needs one")
        return None
    label = f"event '{name}'"
    properties = {}
    rules = entry.get("rules")
    if isinstance(rules, dict):
        members = rules.get("properties")
        inner = members.get("properties") if isinstance(members, dict) else None
        if isinstance(inner, dict):
            where = origin.child("rules", "properties", "properties")
            properties = schema_members(inner, where, out, label)
    elif rules is not None:
        out.malformed(origin.child("rules"), f"the rules of {label} are {describe(rules)}")
    tags = strings(entry.get("tags")) + tuple(
        categories.get(c, c) for c in strings(entry.get("categories")) if c in categories
    )
    return Event(
        name,
        origin.child("name"),
        description=text(entry.get("description")),
        tags=tags,
        properties=properties,
    )


def _metric(body: Any, origin: Origin, out: Collector, ids: dict[str, str]) -> None:
    if not isinstance(body, dict) or text(body.get("name")) is None:
        out.malformed(origin, "a metric has no `name`; every Avo metric needs one")
        return
    name = body["name"]
    items = body.get("items")
    events: list[str | None] = []
    if isinstance(items, list):
        for index, item in enumerate(items):
            event_id = item.get("eventId") if isinstance(item, dict) else None
            if not isinstance(event_id, str):
                events.append(None)
                continue
            if event_id not in ids:
                where = origin.child("items", index, "eventId")
                out.unresolved(
                    where, f"metric '{name}' counts event id '{event_id}', which no event has"
                )
            events.append(ids.get(event_id))
    kind = body.get("type")
    aggregation, mapping = _METRIC_TYPES.get(
        kind.lower() if isinstance(kind, str) else "", (None, "event")
    )
    metric = Metric(
        name,
        origin.child("name"),
        description=text(body.get("description")),
        aggregation=aggregation,
    )
    present = [event for event in events if event]
    if mapping == "event" or len(present) < 2:
        metric.event = present[0] if present else None
        if aggregation == "ratio":
            metric.aggregation = "count"
    elif mapping == "funnel":
        metric.numerator, metric.denominator = present[-1], present[0]
    else:
        metric.numerator, metric.denominator = present[0], present[1]
    out.plan.define("metrics", name, metric)
