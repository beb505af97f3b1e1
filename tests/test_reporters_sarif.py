"""SARIF output: valid against the official 2.1.0 schema, rules described from
their pages, stable rule ids and fingerprints that survive edits elsewhere."""

from __future__ import annotations

import json
from functools import cache

import pytest
from jsonschema import Draft4Validator

from trackinglint.findings import Finding, Severity
from trackinglint.plugins import build_registry
from trackinglint.reporters.sarif import rule_descriptor
from trackinglint.rule_pages import page_text

from conftest import REPO

SCHEMA = REPO / "tests" / "data" / "schemas" / "sarif-schema-2.1.0.json"
PLAN = """\
trackinglint: 1
events:
  Signed In: {}
  Deal Qualified:
    properties:
      deal_id: {type: string, requried: true}
metrics:
  Daily logins:
    event: Signed In
    aggregation: unique_users
    target: {value: 10000}
    gaming_test: None recorded.
"""
SELECT = ("--select", "TL002,TL104")


@cache
def _validator() -> Draft4Validator:
    return Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def _assert_valid(log: dict) -> None:
    errors = sorted(_validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def _sarif(cli, *args: str) -> dict:
    run = cli("check", *args, "--output-format", "sarif")
    assert run.err == ""
    return run.json()


def test_schema_file_is_the_official_one():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    # The validator is not trivially permissive: a log without runs is rejected.
    assert list(_validator().iter_errors({"version": "2.1.0"}))


def test_findings_validate_and_carry_exact_locations(cli, write):
    write("plan.yaml", PLAN)
    log = _sarif(cli, "plan.yaml", *SELECT)
    _assert_valid(log)
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["tool"]["driver"]["name"] == "trackinglint"
    assert run["invocations"] == [{"executionSuccessful": True}]
    first, second = run["results"]
    rules = run["tool"]["driver"]["rules"]
    assert rules[first["ruleIndex"]]["id"] == "TL002"
    assert {key: first[key] for key in ("ruleId", "level", "message")} == {
        "ruleId": "TL002",
        "level": "error",
        "message": {
            "text": "unknown key 'requried' at events.\"Deal Qualified\".properties.deal_id; "
            "did you mean 'required'?"
        },
    }
    assert first["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "plan.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 6, "startColumn": 31, "endLine": 6, "endColumn": 39},
            },
            "logicalLocations": [
                {"fullyQualifiedName": 'events."Deal Qualified".properties.deal_id.requried'}
            ],
        }
    ]
    assert second["ruleId"] == "TL104"
    assert second["locations"][0]["physicalLocation"]["region"]["startLine"] == 11
    assert set(second["partialFingerprints"]) == {"trackinglint/v1"}


def test_every_rule_is_listed_with_descriptions_from_its_page(cli, write):
    write("plan.yaml", "trackinglint: 1\n")
    log = _sarif(cli, "plan.yaml", "--select", "TL0")
    _assert_valid(log)
    registry = build_registry()
    listed = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in listed] == list(registry.rules)
    tl104 = next(rule for rule in listed if rule["id"] == "TL104")
    assert tl104["name"] == "target-on-surface-metric"
    assert tl104["shortDescription"] == {"text": registry.rules["TL104"].summary}
    assert tl104["fullDescription"]["text"] == (
        "Reports a target set on a surface metric: one that counts motion (see TL103). "
        "The finding sits on the target key and names the evidence."
    )
    assert tl104["help"]["markdown"] == page_text(registry.rules["TL104"])
    assert tl104["help"]["text"].startswith(tl104["fullDescription"]["text"] + "\n\nGoodhart")
    assert tl104["helpUri"] == (
        "https://github.com/trackinglint/trackinglint/blob/main/rules/"
        "TL104-target-on-surface-metric.md"
    )
    assert tl104["defaultConfiguration"] == {"level": "error", "enabled": True}


def test_a_clean_run_is_valid_and_empty(cli, write):
    write("plan.yaml", "trackinglint: 1\n")
    log = _sarif(cli, "plan.yaml", "--select", "TL0")
    _assert_valid(log)
    assert log["runs"][0]["results"] == []


def test_fingerprints_survive_edits_above_and_ids_stay(cli, write):
    write("plan.yaml", PLAN)
    before = _sarif(cli, "plan.yaml", *SELECT)["runs"][0]["results"]
    moved = PLAN.replace("events:\n", "events:\n  Added Above: {}\n  Also Added: {}\n", 1)
    write("plan.yaml", "# a new comment\n\n" + moved)
    after = _sarif(cli, "plan.yaml", *SELECT)["runs"][0]["results"]
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after]
    assert lines == [10, 15]  # both moved down by four lines
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]
    assert [r["ruleId"] for r in after] == ["TL002", "TL104"]


def test_fingerprints_tell_repeats_apart(cli, write):
    write(
        "plan.yaml",
        "trackinglint: 1\n# trackinglint: ignore[TL104]\n# trackinglint: ignore[TL105]\n",
    )
    results = _sarif(cli, "plan.yaml", "--select", "TL0")["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["TL003", "TL003"]
    prints = [r["partialFingerprints"]["trackinglint/v1"] for r in results]
    assert len(set(prints)) == 2


def test_file_names_are_uri_encoded(cli, write):
    write("my plans/plan #1.yaml", PLAN)
    log = _sarif(cli, "my plans/plan #1.yaml", *SELECT)
    _assert_valid(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "my%20plans/plan%20%231.yaml"


def test_a_plugin_failure_is_a_tool_notification_not_a_result():
    from trackinglint.engine import LintResult
    from trackinglint.reporters.sarif import sarif_log

    registry = build_registry(load_entry_points=False)
    failure = Finding(
        "TL000", "internal-error", Severity.ERROR, "plugin 'acme' failed to load; it was skipped",
        "<plugin acme>", 1, 1, 1, 2, "",
    )  # fmt: skip
    log = sarif_log(LintResult(findings=[failure], rules=registry.rules))
    _assert_valid(log)
    [run] = log["runs"]
    assert run["results"] == []
    assert run["invocations"] == [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {
                    "level": "error",
                    "message": {"text": "plugin 'acme' failed to load; it was skipped"},
                    "descriptor": {"id": "TL000", "index": list(registry.rules).index("TL000")},
                }
            ],
        }
    ]


@pytest.mark.parametrize("code", ["TL000", "TL009", "TD004"])
def test_descriptors_of_rules_without_plan_examples(code):
    from trackinglint.diff import DIFF_RULES

    rule = build_registry(load_entry_points=False).rules.get(code) or DIFF_RULES[code]
    descriptor = rule_descriptor(rule)
    assert descriptor["fullDescription"]["text"]
    assert descriptor["helpUri"].endswith(f"{code}-{rule.name}.md")
