"""The Avo reader: an Export API / JSON Schema webhook payload, events and metrics."""

from __future__ import annotations

import json
from pathlib import Path

from trackinglint import Engine, LintResult
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides

REGISTRY = build_registry(load_entry_points=False)


def lint(*paths: Path) -> LintResult:
    return Engine(REGISTRY, overrides=Overrides(select=("TL0",))).lint(list(paths))


def _event(event_id: str, name: str, properties: dict, required=(), **extra) -> dict:
    return {
        "id": event_id,
        "name": name,
        "description": f"{name}.",
        "tags": extra.pop("tags", []),
        "categories": extra.pop("categories", []),
        "sources": [{"id": "web", "name": "Web", "implementWithCodegen": True}],
        "rules": {
            "$schema": "http://json-schema.org/draft-06/schema#",
            "type": "object",
            "required": ["properties", "nameMapping"],
            "properties": {
                "properties": {
                    "type": "object",
                    "properties": properties,
                    "additionalProperties": False,
                    "required": list(required),
                },
                "nameMapping": [],
            },
        },
    }


EXPORT = {
    "name": "Acme's Tracking Plan:main",
    "categories": [{"id": "cat1", "name": "Checkout"}],
    "events": [
        _event(
            "ev1",
            "Order Completed",
            {
                "order_id": {"id": "p1", "description": "The order.", "type": "string"},
                "total": {"id": "p2", "description": "", "type": "number"},
                "coupon": {"id": "p3", "description": "", "type": ["string", "null"]},
            },
            required=["order_id", "total"],
            tags=["Tier 1"],
            categories=["cat1"],
        ),
        _event("ev2", "Checkout Started", {}),
    ],
    "metrics": {
        "m1": {
            "id": "m1",
            "name": "Checkout conversion",
            "type": "Funnel",
            "items": [{"eventId": "ev2"}, {"eventId": "ev1"}],
        },
        "m2": {
            "id": "m2",
            "name": "Orders",
            "type": "EventSegmentation",
            "items": [{"eventId": "ev1"}],
        },
        "m3": {
            "id": "m3",
            "name": "Lost",
            "type": "EventSegmentation",
            "items": [{"eventId": "ev9"}],
        },
    },
}


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "avo.json"
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path


def test_events_properties_tags_and_origins(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = lint(write(tmp_path, EXPORT))
    (plan,) = result.plans
    assert list(plan.events) == ["Order Completed", "Checkout Started"]
    order = plan.events["Order Completed"]
    assert order.origin.path == "events[0].name"
    assert (order.origin.span().line, order.origin.span().column) == (12, 7)
    assert order.tags == ("Tier 1", "Checkout")
    assert {n: (p.types, p.required) for n, p in order.properties.items()} == {
        "order_id": (("string",), True),
        "total": (("number",), True),
        "coupon": (("string", "null"), False),
    }
    assert order.properties["order_id"].origin.path == (
        "events[0].rules.properties.properties.properties.order_id"
    )
    assert order.properties["order_id"].description == "The order."


def test_metrics_become_plan_metrics_and_a_lost_event_id_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = lint(write(tmp_path, EXPORT))
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == [
        ("TL007", 129, 22, "metric 'Lost' counts event id 'ev9', which no event has"),
    ]
    (plan,) = result.plans
    funnel = plan.metrics["Checkout conversion"]
    assert (funnel.aggregation, funnel.numerator, funnel.denominator) == (
        "ratio",
        "Order Completed",
        "Checkout Started",
    )
    orders = plan.metrics["Orders"]
    assert (orders.aggregation, orders.event) == ("count", "Order Completed")
    assert plan.metrics["Lost"].event is None


def test_a_segment_local_plan_is_not_mistaken_for_avo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    segment = {"events": [{"name": "Order Completed", "rules": {}}]}
    avo = write(tmp_path, EXPORT)
    other = tmp_path / "segment.json"
    other.write_text(json.dumps(segment), encoding="utf-8")
    readers = {r.name: r for r in REGISTRY.readers}
    avo_doc, segment_doc = (lint(p).documents[p.name] for p in (avo, other))
    assert readers["avo"].accepts(avo_doc) and not readers["avo"].accepts(segment_doc)
    assert readers["segment"].accepts(segment_doc)
