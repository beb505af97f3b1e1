"""The Segment reader: three JSON shapes, exact names, types, required flags, origins."""

from __future__ import annotations

import json
from pathlib import Path

from trackinglint import Engine, LintResult
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides

from conftest import REPO

FIXTURES = REPO / "tests" / "fixtures" / "segment"
REGISTRY = build_registry(load_entry_points=False)


def lint(*paths: Path) -> LintResult:
    return Engine(REGISTRY, overrides=Overrides(select=("TL0",))).lint(list(paths))


def where(item) -> tuple[int, int]:
    span = item.origin.span()
    return span.line, span.column


def test_legacy_export_reads_nested_properties_with_types_and_required_flags():
    result = lint(FIXTURES / "plan-legacy.json")
    assert result.findings == []
    (plan,) = result.plans
    assert list(plan.events) == [
        "Command Run", "Error Fired", "Sign In Failed", "Sign In Submitted",
        "Sign In Succeeded", "User Signed Out", "yayyyy it worked",
    ]  # fmt: skip
    run = plan.events["Command Run"]
    assert run.description == "Fired when a CLI command is started."
    assert where(run) == (9, 9)  # the event's "name"
    assert run.origin.path == "rules.events[0].name"
    command = run.properties["command"]
    assert (command.types, command.required) == (("string",), True)
    assert where(command) == (32, 17)
    assert command.origin.path == "rules.events[0].rules.properties.properties.properties.command"
    assert (run.properties["client"].types, run.properties["client"].required) == (
        ("object",),
        False,
    )
    assert list(run.properties["client"].properties) == ["language", "sdk"]
    assert run.properties["token_method"].schema["enum"] == ["file", "script"]
    assert {name: p.required for name, p in run.properties.items() if p.required} == {
        "command": True,
        "duration": True,
    }


def test_public_api_export_reads_flat_properties_of_track_rules():
    result = lint(FIXTURES / "plan-public-api.json")
    assert result.findings == []
    (plan,) = result.plans
    assert list(plan.events) == [
        "Command Build", "Command Error", "Command Help", "Command Init", "KitchenSink",
        "VersionCommand",
    ]  # fmt: skip
    build = plan.events["Command Build"]
    assert build.description == "Fired when the user generates code with Typewriter"
    assert where(build) == (108, 7)  # the rule's "key"
    assert (build.properties["duration"].types, build.properties["duration"].required) == (
        ("number",),
        True,
    )
    assert where(build.properties["duration"]) == (71, 11)
    assert build.properties["mode"].schema["enum"] == ["dev", "prod"]


def test_local_plan_reads_each_event():
    result = lint(FIXTURES / "tracking-plan-local.json")
    (plan,) = result.plans
    assert list(plan.events) == ["Feed Viewed", "Photo Viewed", "Profile Viewed"]
    photo = plan.events["Photo Viewed"].properties["photo_id"]
    assert (photo.types, photo.required, where(photo)) == (("string",), True, (34, 15))


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path


def _track(key: str, properties: dict, required=(), version: int = 1, nested: bool = True) -> dict:
    members = {"type": "object", "properties": properties, "required": list(required)}
    schema = (
        {"properties": {"context": {}, "traits": {}, "properties": members}} if nested else members
    )
    return {"key": key, "type": "TRACK", "version": version, "jsonSchema": schema}


def test_public_api_nested_properties_nullable_types_and_newest_version(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = _write(
        tmp_path,
        {
            "rules": [
                _track("Order Completed", {"order_id": {"type": "string"}}, version=1),
                _track(
                    "Order Completed",
                    {"order_id": {"type": "string"}, "coupon": {"type": ["string", "null"]}},
                    required=["order_id"],
                    version=2,
                ),
                {"key": "user", "type": "IDENTIFY", "jsonSchema": {}},
                _track("Cart Viewed", {"cart_id": {"type": "string"}}, nested=False),
            ]
        },
    )
    result = lint(path)
    assert result.findings == []
    (plan,) = result.plans
    assert list(plan.events) == ["Order Completed", "Cart Viewed"]  # identify rules are not events
    order = plan.events["Order Completed"]
    assert order.origin.path == "rules[1].key"  # version 2 is the plan
    assert {n: (p.types, p.required) for n, p in order.properties.items()} == {
        "order_id": (("string",), True),
        "coupon": (("string", "null"), False),
    }
    assert order.properties["coupon"].origin.path == (
        "rules[1].jsonSchema.properties.properties.properties.coupon"
    )
    assert plan.events["Cart Viewed"].properties["cart_id"].origin.path == (
        "rules[3].jsonSchema.properties.cart_id"
    )
    assert plan.redefinitions == []


def test_an_event_twice_in_one_file_is_recorded_as_a_redefinition(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    entry = {"name": "Signed Up", "rules": {"properties": {"properties": {"properties": {}}}}}
    result = lint(_write(tmp_path, {"events": [entry, entry]}))
    (plan,) = result.plans
    (again,) = plan.redefinitions
    assert (again.section, again.name, again.first.path, again.again.path) == (
        "events",
        "Signed Up",
        "events[0].name",
        "events[1].name",
    )


def test_malformed_entries_are_reported_where_they_are_and_the_rest_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    good = {
        "name": "Order Completed",
        "rules": {
            "properties": {
                "properties": {
                    "properties": {"order_id": {"type": "strng"}, "total": {"type": "number"}}
                }
            }
        },
    }
    path = _write(tmp_path, {"events": [{"description": "no name", "rules": {}}, good, 7]})
    result = lint(path)
    found = [(f.code, f.line, f.column, f.message) for f in result.findings]
    assert found == [
        ("TL008", 3, 5, "an event has no `name`; every Segment event needs one"),
        (
            "TL008",
            14,
            25,
            "property 'order_id' of event 'Order Completed' has type 'strng', which is not a "
            "JSON type; use one of string, integer, number, boolean, object, array, null",
        ),
        ("TL008", 24, 5, "an event entry is the number 7; write a mapping with `name`"),
    ]
    (plan,) = result.plans
    order = plan.events["Order Completed"]
    assert {n: p.types for n, p in order.properties.items()} == {
        "order_id": ("strng",),  # kept as written, so other rules see what the plan says
        "total": ("number",),
    }


def test_the_cli_reads_a_segment_plan(cli, tmp_path):
    path = _write(tmp_path, {"events": [{"name": "Order Completed", "rules": {}}]})
    run = cli("check", str(path), "--select", "TL0")
    assert (run.code, run.out) == (0, "Checked 1 plan (1 file, 1 event): all checks passed.\n")
