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


TERRAFORM = REPO / "tests" / "data" / "terraform-provider-segment" / "example" / "tracking_plans"


def test_unwrapped_legacy_rules_with_a_stray_keyword_in_the_call_read_the_event_properties():
    """Terraform's Segment provider keeps the legacy `rules` object unwrapped, and its
    example writes `"required": ["properties"]` among `context`, `properties` and `traits`:
    the event's properties are still the ones under `properties.properties`."""
    path = TERRAFORM / "event_libs" / "form_events.json"
    result = Engine(REGISTRY).lint([path])
    (plan,) = result.plans
    (event,) = plan.events.values()
    assert event.name == "Form Submitted"
    assert list(event.properties) == ["form_id", "name", "form_orientation"]
    form_id = event.properties["form_id"]
    assert (form_id.types, form_id.required, where(form_id)) == (("string",), True, (26, 17))
    assert event.properties["form_orientation"].types == ("integer",)
    assert sorted(plan.non_events) == ["group", "identify"]
    assert [f.code for f in result.findings] == ["TL100"]  # every property is described


def test_public_api_rules_kept_as_yaml_with_flat_properties(tmp_path):
    """The shape GitHub workflows keep for Segment's Public API (one YAML file per plan or
    per event): `rules: [{key, type: TRACK, description, properties}]`. Our own content."""
    path = tmp_path / "rules.yml"
    path.write_text(
        "name: Web\n"
        "type: LIVE\n"
        "rules:\n"
        "  - key: Order Completed\n"
        "    type: TRACK\n"
        "    description: An order was paid for\n"
        "    version: 1\n"
        "    properties:\n"
        "      order_id:\n"
        "        description: The order\n"
        "        type: string\n"
        "        required: true\n"
        "      total:\n"
        "        description: Amount in cents\n"
        "        type:\n"
        "          - integer\n"
        "  - key: Cart Viewed\n"
        "    type: TRACK\n"
        "    description:\n"
        "    version: 1\n"
        "    properties: {}\n"
        "  - key: Home\n"
        "    type: PAGE\n"
        "    version: 1\n",
        encoding="utf-8",
    )
    result = Engine(REGISTRY).lint([path])
    (plan,) = result.plans
    assert list(plan.events) == ["Order Completed", "Cart Viewed"]
    order = plan.events["Order Completed"]
    assert (order.description, where(order)) == ("An order was paid for", (4, 5))
    assert (order.properties["order_id"].required, order.properties["total"].types) == (
        True,
        ("integer",),
    )
    assert where(order.properties["order_id"]) == (9, 7)
    assert list(plan.non_events) == ["page Home"]
    assert [(f.code, f.line, f.column) for f in result.findings] == [
        ("TL100", 1, 1),
        ("TL206", 17, 5),  # 'Cart Viewed' has an empty description; no TL212 on `type: TRACK`
    ]
