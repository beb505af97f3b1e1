"""`trackinglint convert PATHS --to native`: any plan, written in the native format."""

from __future__ import annotations

import yaml

from trackinglint import Engine
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides

from conftest import REPO

EXAMPLE = REPO / "examples" / "segment-with-metrics"
RUDDER = REPO / "tests" / "fixtures" / "rudderstack" / "create"
SEGMENT_CORPUS = REPO / "tests" / "data" / "segment-typewriter"
REGISTRY = build_registry(load_entry_points=False)


def lint_text(tmp_path, text: str):
    path = tmp_path / "converted.yaml"
    path.write_text(text, encoding="utf-8")
    return Engine(REGISTRY, overrides=Overrides(select=("TL0",))).lint([path])


def test_a_segment_plan_and_its_metrics_file_convert_to_one_native_plan(cli, tmp_path):
    run = cli("convert", str(EXAMPLE), "--to", "native")
    assert (run.code, run.err) == (0, "")
    header = run.out.split("\ntrackinglint: 1", 1)[0]
    assert header.startswith("# Converted by `trackinglint convert` from")  # paths may wrap
    assert "segment-with-metrics/metrics.yaml" in header
    data = yaml.safe_load(run.out)
    assert data["trackinglint"] == 1
    assert data["product"] == {"name": "Acme Invoicing", "job": "Get paid for the work, on time"}
    assert list(data["events"]) == [
        "Signed In", "Invoice Created", "Invoice Sent", "Invoice Paid", "Reminder Sent",
    ]  # fmt: skip
    assert data["events"]["Invoice Paid"]["properties"]["amount"] == {
        "type": "number", "required": True, "description": "Amount received.", "minimum": 0,
    }  # fmt: skip
    assert data["events"]["Signed In"]["properties"]["method"]["enum"] == ["password", "sso"]
    assert data["metrics"]["Invoices paid per account per week"]["target"] == {
        "value": 12,
        "by": "2027-06-30",
    }
    converted = lint_text(tmp_path, run.out)
    assert converted.findings == []
    (plan,) = converted.plans
    (original,) = Engine(REGISTRY).lint([EXAMPLE]).plans
    assert {n: {p: (q.types, q.required) for p, q in e.properties.items()}
            for n, e in plan.events.items()} == {
        n: {p: (q.types, q.required) for p, q in e.properties.items()}
        for n, e in original.events.items()
    }  # fmt: skip


def test_rudderstack_shared_properties_convert_to_refs_that_resolve(cli, tmp_path):
    run = cli("convert", str(RUDDER))
    assert run.code == 0
    data = yaml.safe_load(run.out)
    assert data["events"]["Signup"]["properties"]["Email Address"] == {
        "$ref": "Email Address", "required": True, "description": "User's email address",
    }  # fmt: skip
    assert data["properties"]["Email Address"] == {
        "type": "string", "description": "User's email address", "format": "email",
        "minLength": 5, "maxLength": 255,
    }  # fmt: skip
    assert lint_text(tmp_path, run.out).findings == []


def test_every_segment_shape_converts_to_a_valid_native_plan(cli, tmp_path):
    run = cli("convert", str(SEGMENT_CORPUS))
    assert run.code == 0
    converted = lint_text(tmp_path, run.out)
    assert converted.findings == []
    assert len(converted.plans[0].events) == 50


def test_output_file_is_never_overwritten_without_force(cli, tmp_path):
    target = tmp_path / "plan.yaml"
    run = cli("convert", str(EXAMPLE), "--output", str(target))
    assert (run.code, run.out, run.err) == (0, "", f"trackinglint: wrote 5 events to {target}\n")
    assert target.read_text(encoding="utf-8").startswith("# Converted by")
    target.write_text("mine\n", encoding="utf-8")
    run = cli("convert", str(EXAMPLE), "--output", str(target))
    assert run.code == 2
    assert f"{target} exists; pass --force to overwrite it" in run.err
    assert target.read_text(encoding="utf-8") == "mine\n"
    run = cli("convert", str(EXAMPLE), "--output", str(target), "--force")
    assert run.code == 0
    assert "Invoice Paid" in target.read_text(encoding="utf-8")


def test_nothing_to_convert_is_an_error_that_says_why(cli, write):
    write("ci.yaml", "name: ci\n")
    run = cli("convert", "ci.yaml")
    assert (run.code, run.out) == (2, "")
    assert run.err.splitlines() == [
        "trackinglint: warning: ci.yaml:1:1: TL004 not a tracking plan trackinglint can read "
        "(top-level keys: name); native plans start with 'trackinglint: 1', and Segment, "
        "RudderStack, Snowplow Iglu, Avo and CSV plans are recognised by their content (or name "
        "the format with --plan-format)",
        "trackinglint: error: no plan found to convert",
    ]
