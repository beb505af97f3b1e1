"""The OpenTrackPlan reader on the one-file export `opentp generate json|yaml` writes
(`opentp`, `info`, `events: [...]`): every entry is an event, never a silent pass.
Our own events, in the shape opentp-cli's `generate` documentation shows."""

from __future__ import annotations

from trackinglint import Engine
from trackinglint.plugins import build_registry

REGISTRY = build_registry(load_entry_points=False)

EXPORT = """\
opentp: 2025-12
info:
  title: Shop
  version: 1.0.0
events:
  - key: checkout::order_paid
    taxonomy:
      area: checkout
      event: order_paid
      action: The payment for an order went through
    lifecycle:
      status: active
    payload:
      schema:
        order_id:
          type: string
          required: true
          description: The order
  - key: search::results_viewed
    taxonomy:
      area: search
      event: results_viewed
      action: Search results were shown
    payload:
      schema:
        query:
          type: string
          description: What was searched for
dictionaries: {}
"""


def test_the_generated_export_reads_each_event_with_its_payload(tmp_path):
    path = tmp_path / "opentp.events.yaml"
    path.write_text(EXPORT, encoding="utf-8")
    result = Engine(REGISTRY).lint([path])
    (plan,) = result.plans
    assert list(plan.events) == ["checkout::order_paid", "search::results_viewed"]
    paid = plan.events["checkout::order_paid"]
    assert paid.description == "The payment for an order went through"
    span = paid.origin.span()
    assert (span.line, span.column) == (6, 5)  # its `key`
    order_id = paid.properties["order_id"]
    assert (order_id.types, order_id.required, order_id.origin.span().line) == (
        ("string",),
        True,
        15,
    )
    assert [f.code for f in result.findings] == ["TL100"]
