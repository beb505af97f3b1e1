"""Identify, page, screen and group rules of Segment and RudderStack plans: read with their
traits or properties, kept apart from the events, never reported as an event without a
name."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from trackinglint import Engine, LintResult
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides

from conftest import REPO

SEGMENT = REPO / "tests" / "fixtures" / "segment" / "plan-public-api.json"
RUDDER_DOCS = (
    REPO / "tests" / "data" / "rudder-iac" / "cli" / "internal" / "providers" / "datacatalog"
    / "docs" / "events-spec-syntax-valid.docs.yaml"
)  # fmt: skip
REGISTRY = build_registry(load_entry_points=False)


def lint(*paths: Path, select: tuple[str, ...] | None = ("TL0",)) -> LintResult:
    return Engine(REGISTRY, overrides=Overrides(select=select)).lint(list(paths))


def found(result: LintResult) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.line, f.column, f.message) for f in result.findings]


def _segment_with_calls(tmp_path: Path) -> Path:
    """Segment's real Public API export (typewriter's telemetry plan, 6 TRACK rules) with an
    IDENTIFY, a GROUP and a PAGE rule added in the same shape."""
    plan = json.loads(SEGMENT.read_text(encoding="utf-8"))
    traits = {"type": "object", "properties": {
        "email": {"type": "string", "description": "Where we write to"},
        "plan": {"type": "strng"},
    }, "required": ["email"]}  # fmt: skip
    plan["rules"] += [
        {"type": "IDENTIFY", "version": 1,
         "jsonSchema": {"type": "object", "properties": {"traits": traits}}},
        {"type": "GROUP", "version": 1, "jsonSchema": {"type": "object", "properties": {
            "traits": {"type": "object", "properties": {"employees": {"type": "integer"}}}}}},
        {"type": "PAGE", "key": "Pricing", "version": 1, "jsonSchema": {
            "type": "object", "properties": {"properties": {"type": "object", "properties": {
                "path": {"type": "string"}}}}}},
    ]  # fmt: skip
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan, indent=2) + "\n", encoding="utf-8")
    return path


def test_segment_identify_group_and_page_rules_are_read_but_are_not_events(tmp_path):
    result = lint(_segment_with_calls(tmp_path))
    (plan,) = result.plans
    assert len(plan.events) == 6  # the TRACK rules, as before
    calls = {label: (c.call, c.name, c.is_event, sorted(c.properties))
             for label, c in plan.non_events.items()}  # fmt: skip
    assert calls == {
        "identify": ("identify", "identify", False, ["email", "plan"]),
        "group": ("group", "group", False, ["employees"]),
        "page Pricing": ("page", "Pricing", False, ["path"]),
    }
    email = plan.non_events["identify"].properties["email"]
    assert (email.required, email.description) == (True, "Where we write to")
    # a bad trait is located in the file as written, and named by its call
    line, text = next((i, t) for i, t in enumerate(path_lines(tmp_path), 1) if '"strng"' in t)
    assert found(result) == [
        ("TL008", line, text.index('"strng"') + 1,
         "property 'plan' of the identify rule has type 'strng', which is not a JSON type; "
         "use one of string, integer, number, boolean, object, array, null"),
    ]  # fmt: skip


def path_lines(tmp_path: Path) -> list[str]:
    return (tmp_path / "plan.json").read_text(encoding="utf-8").splitlines()


def test_no_event_rule_reports_a_call_as_an_event_without_a_name(tmp_path):
    result = lint(_segment_with_calls(tmp_path), select=None)
    for finding in result.findings:
        assert "event 'identify'" not in finding.message, finding
        assert "event 'group'" not in finding.message, finding
    # trait checks still apply, and say whose trait it is
    pii = [f.message for f in result.findings if f.code == "TL210"]
    assert pii == [
        "property 'email' of the identify call looks like personal data; declare `pii: true` "
        "(and hash or drop it before it leaves the client) or `pii: false`"
    ]


def test_a_rudderstack_identify_event_from_rudder_cli_docs_is_not_an_event(tmp_path):
    """rudder-cli's own valid example (events-spec-syntax-valid.docs.yaml): a track event
    and an identify event that has no name."""
    docs = yaml.safe_load(RUDDER_DOCS.read_text(encoding="utf-8"))
    example = docs["match_behavior"][1]["valid"][0]
    assert example["example_id"] == "ev-spec-v1-valid"
    path = tmp_path / "spec.yaml"
    path.write_text(example["files"]["spec.yaml"], encoding="utf-8")
    result = lint(path)
    assert found(result) == []
    (plan,) = result.plans
    assert list(plan.events) == ["Page Viewed"]
    (identify,) = plan.non_events.values()
    assert (identify.call, identify.name, identify.title) == (
        "identify", "user_identified", "the identify call 'user_identified'",
    )  # fmt: skip
    span = identify.origin.span()
    assert (span.line, span.column) == (10, 7)  # `- id: user_identified`


def test_segment_legacy_identify_and_group_schemas(tmp_path):
    """typewriter's real legacy export with `rules.identify` filled in, as the Config API
    exports it beside `rules.events` (the file's own `identify_traits` list is empty)."""
    legacy = REPO / "tests" / "fixtures" / "segment" / "plan-legacy.json"
    plan_data = json.loads(legacy.read_text(encoding="utf-8"))
    plan_data["rules"]["identify"] = {"type": "object", "properties": {"traits": {
        "type": "object", "properties": {"name": {"type": "string"}}}}}  # fmt: skip
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_data, indent=2) + "\n", encoding="utf-8")
    result = lint(path)
    assert found(result) == []
    (plan,) = result.plans
    original = lint(legacy).plans[0]
    assert list(plan.events) == list(original.events)
    (identify,) = plan.non_events.values()
    assert (identify.call, list(identify.properties), identify.origin.path) == (
        "identify", ["name"], "rules.identify",
    )  # fmt: skip
