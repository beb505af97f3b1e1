"""Rules written as data: in trackinglint.toml and in YAML or JSON rule files.

Every test runs the real CLI on a small plan and asserts the exact findings, so a
custom rule is held to what a built-in rule promises: places, messages, severity,
suppressions, selection and output.
"""

from __future__ import annotations

import json
import re
import textwrap
import time

import pytest

from conftest import REPO

PLAN = """\
trackinglint: 1
jobs:
  qualify-deal:
    description: A rep qualifies a deal.
    completion: Deal Qualified
events:
  Deal Qualified:
    description: A rep qualified a deal.
    owner: sales
    kind: job_completion
    job: qualify-deal
    properties:
      deal_id: {type: string, required: true, description: The deal.}
      Amount: {type: number}
  dashboard_viewed:
    description: A dashboard was opened.
    properties:
      dashboard_id: {type: string}
metrics:
  Deals qualified:
    event: Deal Qualified
    aggregation: count
    north_star: true
    decision: Where to coach reps.
  Daily logins:
    event: dashboard_viewed
    aggregation: unique_users
dashboards:
  Sales:
    metrics: [Deals qualified, Daily logins]
"""


def _toml_rule(**fields: object) -> str:
    """One `[[custom-rules]]` table; values are written as TOML (JSON-compatible) literals."""
    lines = ["[[custom-rules]]"]
    for key, value in fields.items():
        if isinstance(value, dict):
            inner = ", ".join(f'"{k}" = {json.dumps(v)}' for k, v in value.items())
            lines.append(f'"{key}" = {{{inner}}}')
        else:
            lines.append(f'"{key}" = {json.dumps(value)}')
    return "\n".join(lines) + "\n"


def _rule(code: str = "ACME001", name: str = "acme-rule", **fields: object) -> str:
    return _toml_rule(code=code, name=name, **fields)


def _concise(cli, *args: str) -> tuple[int, list[str]]:
    """The finding lines; a clean run's one summary line reads as none."""
    run = cli("check", "plan.yaml", "--output-format", "concise", *args)
    lines = run.out.splitlines()
    if len(lines) == 1 and re.fullmatch(r"Checked .*: all checks passed\.", lines[0]):
        lines = []
    return run.code, lines


def _acme(cli, *args: str) -> tuple[int, list[str]]:
    return _concise(cli, "--select", "ACME", *args)


# --- each check kind, on each selector ------------------------------------------------------

CHECKS = [
    # selector, check, extra keys, expected concise lines
    ("events", {"pattern": "[a-z_]+"}, {},
     ["plan.yaml:7:3: ACME001 event 'Deal Qualified' does not match the pattern '[a-z_]+'"]),
    ("properties", {"not-pattern": "[A-Z]"}, {},
     ["plan.yaml:14:7: ACME001 property 'Amount' matches the forbidden pattern '[A-Z]'"]),
    ("jobs", {"max-length": 10}, {},
     ["plan.yaml:3:3: ACME001 job 'qualify-deal' is 12 characters long (at most 10)"]),
    ("metrics", {"min-length": 13}, {},
     ["plan.yaml:25:3: ACME001 metric 'Daily logins' is 12 characters long (at least 13)"]),
    ("metrics", {"one-of": ["count", "sum"]}, {"field": "aggregation"},
     ["plan.yaml:27:18: ACME001 aggregation of metric 'Daily logins' is not one of: count, sum"]),
    ("events", {"required-field": "owner"}, {},
     ["plan.yaml:15:3: ACME001 event 'dashboard_viewed' has no owner"]),
    ("properties", {"forbidden-names": ["Amount", "amount"]}, {},
     ["plan.yaml:14:7: ACME001 property 'Amount' is a reserved name"]),
    ("properties", {"forbidden-prefixes": ["tmp_", "dash"]}, {},
     ["plan.yaml:18:7: ACME001 property 'dashboard_id' starts with the reserved prefix 'dash'"]),
    ("events", {"max-count-per-event": 1}, {},
     ["plan.yaml:7:3: ACME001 event 'Deal Qualified' has 2 properties (at most 1)"]),
    ("dashboards", {"pattern": "[a-z ]+"}, {},
     ["plan.yaml:29:3: ACME001 dashboard 'Sales' does not match the pattern '[a-z ]+'"]),
    ("events", {"pattern": "[A-Z].*"}, {"field": "description"}, []),
]  # fmt: skip


@pytest.mark.parametrize(("select", "check", "extra", "expected"), CHECKS)
def test_each_check_kind_in_config(cli, write, select, check, extra, expected):
    write("plan.yaml", PLAN)
    write("trackinglint.toml", _rule(select=select, check=check, **extra))
    assert _acme(cli) == (0, expected)


@pytest.mark.parametrize(("select", "check", "extra", "expected"), CHECKS)
def test_each_check_kind_in_a_yaml_rule_file(cli, write, select, check, extra, expected):
    write("plan.yaml", PLAN)
    write("trackinglint.toml", 'rule-files = ["rules/acme.yaml"]\n')
    table = {"code": "ACME001", "name": "acme-rule", "select": select, "check": check, **extra}
    write("rules/acme.yaml", "rules:\n  - " + json.dumps(table) + "\n")
    assert _acme(cli) == (0, expected)


def test_a_json_rule_file_with_a_pack_header_sets_the_group(cli, write):
    write("plan.yaml", PLAN)
    write("trackinglint.toml", 'rule-files = ["acme.json"]\n')
    write("acme.json", json.dumps({
        "pack": "acme", "description": "House rules.", "source": "our style guide",
        "rules": [{"code": "ACME001", "name": "acme-snake-events", "select": "events",
                   "check": {"pattern": "[a-z_]+"}, "severity": "error"}],
    }))  # fmt: skip
    run = cli("check", "plan.yaml", "--select", "acme", "--output-format", "json")
    assert run.code == 1
    assert run.json() == [{
        "code": "ACME001", "name": "acme-snake-events", "severity": "error",
        "message": "event 'Deal Qualified' does not match the pattern '[a-z_]+'",
        "file": "plan.yaml", "line": 7, "column": 3, "end_line": 7, "end_column": 17,
        "path": 'events."Deal Qualified"', "group": "acme", "related": [],
    }]  # fmt: skip


# --- where filters ---------------------------------------------------------------------------

WHERES = [
    ({"type": "string"},
     ["plan.yaml:13:7: ACME001 property 'deal_id' matches the forbidden pattern '_id$'",
      "plan.yaml:18:7: ACME001 property 'dashboard_id' matches the forbidden pattern '_id$'"]),
    ({"event": ["dashboard_viewed", "Nothing"]},
     ["plan.yaml:18:7: ACME001 property 'dashboard_id' matches the forbidden pattern '_id$'"]),
    ({"name-matches": "^dash"},
     ["plan.yaml:18:7: ACME001 property 'dashboard_id' matches the forbidden pattern '_id$'"]),
    ({"required": True},
     ["plan.yaml:13:7: ACME001 property 'deal_id' matches the forbidden pattern '_id$'"]),
    ({"type": "string", "event": "Deal Qualified"},
     ["plan.yaml:13:7: ACME001 property 'deal_id' matches the forbidden pattern '_id$'"]),
    ({"type": "boolean"}, []),
]  # fmt: skip


@pytest.mark.parametrize(("where", "expected"), WHERES)
def test_where_filters(cli, write, where, expected):
    write("plan.yaml", PLAN)
    write(
        "trackinglint.toml", _rule(select="properties", where=where, check={"not-pattern": "_id$"})
    )
    assert _acme(cli) == (0, expected)


def test_depth_filter_tells_top_level_from_nested_properties(cli, write):
    write(
        "plan.yaml",
        """\
        trackinglint: 1
        events:
          cart_viewed:
            properties:
              items:
                type: array
                items:
                  type: object
                  properties:
                    sku: {type: string}
              shipping:
                type: object
                properties:
                  address: {type: object, properties: {zip: {type: string}}}
        """,
    )
    write("trackinglint.toml", _rule(select="properties", where={"depth": 0},
                                     check={"pattern": "x"}, message="{name} at depth 0")
          + _rule("ACME002", "acme-nested", select="properties", where={"depth": [1, 2]},
                  check={"pattern": "x"}, message="{name} nested"))  # fmt: skip
    assert _acme(cli) == (0, [
        "plan.yaml:5:7: ACME001 items at depth 0",
        "plan.yaml:10:13: ACME002 sku nested",
        "plan.yaml:11:7: ACME001 shipping at depth 0",
        "plan.yaml:14:11: ACME002 address nested",
        "plan.yaml:14:48: ACME002 zip nested",
    ])  # fmt: skip


# --- message templates and severity ----------------------------------------------------------


def test_message_templates(cli, write):
    write("plan.yaml", PLAN)
    write("trackinglint.toml", _rule(
        select="properties", where={"name-matches": "^deal"}, check={"max-length": 5},
        message="'{name}' of '{event}' is {value}, limit {limit}; {problem}; {unknown}",
    ) + _rule("ACME002", "acme-count", check={"max-count-per-event": 1}, select="events",
              message="{name} carries {properties} (limit {limit}), owned by {owner}"))  # fmt: skip
    assert _acme(cli) == (0, [
        "plan.yaml:7:3: ACME002 Deal Qualified carries 2 (limit 1), owned by sales",
        "plan.yaml:13:7: ACME001 'deal_id' of 'Deal Qualified' is deal_id, limit 5; property "
        "'deal_id' is 7 characters long (at most 5); {unknown}",
    ])  # fmt: skip


@pytest.mark.parametrize(("severity", "fail_on", "exit_code"), [
    ("error", "error", 1), ("warning", "error", 0), ("warning", "warning", 1),
    ("info", "warning", 0), ("info", "info", 1),
])  # fmt: skip
def test_severity_sets_the_level_and_the_exit_code(cli, write, severity, fail_on, exit_code):
    write("plan.yaml", PLAN)
    write(
        "trackinglint.toml", _rule(select="dashboards", check={"pattern": "x"}, severity=severity)
    )
    run = cli("check", "plan.yaml", "--select", "ACME001", "--fail-on", fail_on,
              "--output-format", "json")  # fmt: skip
    assert run.code == exit_code
    assert [(f["code"], f["severity"]) for f in run.json()] == [("ACME001", severity)]


def test_default_severity_is_warning_and_config_can_raise_it(cli, write):
    write("plan.yaml", PLAN)
    rule = _rule(select="dashboards", check={"pattern": "x"})
    write("trackinglint.toml", rule)
    run = cli("check", "plan.yaml", "--select", "ACME", "--output-format", "json")
    assert (run.code, [f["severity"] for f in run.json()]) == (0, ["warning"])
    write("trackinglint.toml", 'severity = {"acme-rule" = "error"}\n' + rule)
    assert _acme(cli) == (1, ["plan.yaml:29:3: ACME001 dashboard 'Sales' does not match the "
                              "pattern 'x'"])  # fmt: skip


# --- findings behave like built-in ones ------------------------------------------------------

SNAKE = _rule(name="acme-snake-events", select="events", check={"pattern": "[a-z_]+"})
SNAKE_LINE = "plan.yaml:7:3: ACME001 event 'Deal Qualified' does not match the pattern '[a-z_]+'"


@pytest.mark.parametrize("selector", ["ACME001", "acme-snake-events"])
def test_inline_suppression_by_code_or_name(cli, write, selector):
    write("plan.yaml", PLAN.replace(
        "  Deal Qualified:\n", f"  Deal Qualified:  # trackinglint: ignore[{selector}]\n"
    ))  # fmt: skip
    write("trackinglint.toml", SNAKE)
    assert _concise(cli, "--select", "ACME,TL003") == (0, [])


def test_a_suppression_that_suppresses_nothing_is_reported(cli, write):
    write("plan.yaml", PLAN.replace(
        "  dashboard_viewed:\n", "  dashboard_viewed:  # trackinglint: ignore[ACME001]\n"
    ))  # fmt: skip
    write("trackinglint.toml", SNAKE)
    assert _concise(cli, "--select", "ACME,TL003") == (0, [
        SNAKE_LINE,
        "plan.yaml:15:22: TL003 suppression of ACME001 matches no finding here; remove it",
    ])  # fmt: skip


@pytest.mark.parametrize("selector", ["ACME001", "acme-snake-events", "ACME"])
def test_per_file_ignores_by_code_name_or_prefix(cli, write, selector):
    write("plan.yaml", PLAN)
    write("trackinglint.toml", f'per-file-ignores = {{"plan.yaml" = ["{selector}"]}}\n' + SNAKE)
    assert _acme(cli) == (0, [])


@pytest.mark.parametrize("selector", ["ACME001", "acme-snake-events"])
def test_select_and_ignore_by_code_or_name(cli, write, selector):
    write("plan.yaml", PLAN)
    write("trackinglint.toml", SNAKE + _rule("ACME002", "acme-owner", select="events",
                                             check={"required-field": "owner"}))  # fmt: skip
    assert _concise(cli, "--select", selector) == (0, [SNAKE_LINE])
    assert _concise(cli, "--select", "ACME", "--ignore", selector) == (0, [
        "plan.yaml:15:3: ACME002 event 'dashboard_viewed' has no owner",
    ])  # fmt: skip


def test_custom_rules_run_by_default_alongside_the_built_in_ones(cli, write):
    write("plan.yaml", PLAN)
    write("trackinglint.toml", SNAKE)
    run = cli("check", "plan.yaml", "--output-format", "json")
    codes = {finding["code"] for finding in run.json()}
    assert "ACME001" in codes and any(code.startswith("TL") for code in codes)


def test_custom_rules_are_listed_and_have_a_page(cli, write):
    write("trackinglint.toml", 'rule-files = ["acme.yaml"]\n')
    write("acme.yaml", "source: our style guide\nrules:\n  - {code: ACME001, name: "
          "acme-snake-events, select: events, check: {pattern: '[a-z_]+'}}\n")  # fmt: skip
    listed = [line.split() for line in cli("rules").out.splitlines()]
    assert ["ACME001", "acme-snake-events", "warning", "custom", "on"] in listed
    page = cli("rule", "ACME001").out
    assert page.startswith("# ACME001 acme-snake-events\n\n**Severity:** warning · ")
    assert "\n## Source\nour style guide\n" in page


def test_json_output_has_the_fields_of_a_built_in_finding(cli, write):
    write("plan.yaml", PLAN)
    write("trackinglint.toml", SNAKE)
    findings = cli("check", "plan.yaml", "--output-format", "json").json()
    custom = next(f for f in findings if f["code"] == "ACME001")
    builtin = next(f for f in findings if f["code"].startswith("TL"))
    assert list(custom) == list(builtin)
    assert custom == {
        "code": "ACME001", "name": "acme-snake-events", "severity": "warning",
        "message": "event 'Deal Qualified' does not match the pattern '[a-z_]+'",
        "file": "plan.yaml", "line": 7, "column": 3, "end_line": 7, "end_column": 17,
        "path": 'events."Deal Qualified"', "group": "custom", "related": [],
    }  # fmt: skip


# --- bad rule definitions are configuration errors -------------------------------------------


def _error(cli, write, config: str, files: dict[str, str] | None = None) -> tuple[int, str]:
    write("plan.yaml", PLAN)
    write("trackinglint.toml", config)
    for name, text in (files or {}).items():
        write(name, text)
    run = cli("check", "plan.yaml")
    assert run.out == ""
    return run.code, run.err


def test_unknown_check_name(cli, write, tmp_path):
    config = _rule(select="events", check={"patern": "x"})
    assert _error(cli, write, config) == (2, (
        f"trackinglint: error: {tmp_path / 'trackinglint.toml'}:1: 'custom-rules': "
        "custom-rules[0].check: Additional properties are not allowed ('patern' was unexpected)\n"
    ))  # fmt: skip


def test_two_checks_in_one_rule(cli, write, tmp_path):
    config = SNAKE + _rule("ACME002", "acme-two", select="events",
                           check={"pattern": "x", "max-length": 3})  # fmt: skip
    assert _error(cli, write, config) == (2, (
        f"trackinglint: error: {tmp_path / 'trackinglint.toml'}:1: 'custom-rules': "
        "custom-rules[1].check: {'pattern': 'x', 'max-length': 3} has too many properties\n"
    ))  # fmt: skip


@pytest.mark.parametrize(("fields", "key"), [
    ({"check": {"pattern": "[a-z_+"}},
     "custom-rules[0].check.pattern: the pattern does not compile: "
     "unterminated character set at position 0"),
    ({"check": {"not-pattern": "(x"}},
     "custom-rules[0].check.not-pattern: the pattern does not compile: "
     "missing ), unterminated subpattern at position 0"),
    ({"check": {"pattern": "x"}, "where": {"name-matches": "[a-"}},
     "custom-rules[0].where.name-matches: the pattern does not compile: "
     "unterminated character set at position 0"),
])  # fmt: skip
def test_a_regex_that_does_not_compile(cli, write, tmp_path, fields, key):
    assert _error(cli, write, _rule(select="events", **fields)) == (2, (
        f"trackinglint: error: {tmp_path / 'trackinglint.toml'}:1: 'custom-rules': "
        f"{key}\n"
    ))  # fmt: skip


@pytest.mark.parametrize(("code", "owner"), [("TL101", "no-north-star"), ("GA4001",
                                             "ga4-event-name-length")])  # fmt: skip
def test_a_code_taken_by_a_built_in_or_pack_rule(cli, write, tmp_path, code, owner):
    config = _rule(code, "acme-clash", select="events", check={"pattern": "x"})
    assert _error(cli, write, config) == (2, (
        f"trackinglint: error: {tmp_path / 'trackinglint.toml'}:1: 'custom-rules': "
        f"rule code {code} is already taken by '{owner}'\n"
    ))  # fmt: skip


def test_a_missing_rule_file(cli, write, tmp_path):
    config = 'fail-on = "warning"\nrule-files = ["rules/acme.yaml"]\n'
    assert _error(cli, write, config) == (2, (
        f"trackinglint: error: {tmp_path / 'trackinglint.toml'}:2: 'rule-files': "
        "no such rule file: rules/acme.yaml\n"
    ))  # fmt: skip


@pytest.mark.parametrize(("text", "message"), [
    ("rules:\n  - code: ACME001\n    name: acme-x\n    select: event\n    check: {pattern: a}\n",
     "rules[0].select: 'event' is not one of ['events', 'properties', 'metrics', 'jobs', "
     "'dashboards']"),
    ("rules:\n  - code: acme1\n    name: acme-x\n    select: events\n    check: {pattern: a}\n",
     "rules[0].code: 'acme1' does not match '^[A-Z]{1,8}[0-9]{1,4}$'"),
    ("rules:\n  - code: ACME001\n    select: events\n    check: {pattern: a}\n",
     "rules[0]: 'name' is a required property"),
    ("rules:\n  - {code: ACME001, name: acme-x, select: events, check: {pattern: a}, "
     "colour: red}\n", "rules[0]: Additional properties are not allowed ('colour' was "
     "unexpected)"),
])  # fmt: skip
def test_a_bad_rule_in_a_rule_file_names_the_file_and_the_key(cli, write, tmp_path, text, message):
    config = 'rule-files = ["rules/acme.yaml"]\n'
    assert _error(cli, write, config, {"rules/acme.yaml": text}) == (2, (
        f"trackinglint: error: {tmp_path / 'rules' / 'acme.yaml'}: {message}\n"
    ))  # fmt: skip


@pytest.mark.parametrize(("text", "message"), [
    ("- just a list\n", ": expected a mapping with a `rules` list"),
    ("packs: acme\nrules: []\n", ": unknown key 'packs'"),
    ("rules:\n  - code: A1\n  - code: A2\nrules: []\n", ":4:1: duplicate key 'rules'"),
])  # fmt: skip
def test_a_malformed_rule_file(cli, write, tmp_path, text, message):
    code, err = _error(cli, write, 'rule-files = ["acme.yaml"]\n', {"acme.yaml": text})
    assert code == 2
    assert err.startswith(f"trackinglint: error: {tmp_path / 'acme.yaml'}{message}")


# --- where a rule file applies ---------------------------------------------------------------


def test_a_rule_file_in_a_parent_folder_config_applies_to_plans_below(cli, write, tmp_path,
                                                                       monkeypatch):  # fmt: skip
    write("trackinglint.toml", 'select = ["ACME"]\nrule-files = ["rules/acme.yaml"]\n')
    write("rules/acme.yaml", textwrap.dedent("""\
        rules:
          - code: ACME001
            name: acme-snake-events
            select: events
            check: {pattern: "[a-z_]+"}
        """))  # fmt: skip
    write("teams/sales/plan.yaml", PLAN)
    run = cli("check", "teams", "--output-format", "concise")
    assert run.out.splitlines() == [SNAKE_LINE.replace("plan.yaml", "teams/sales/plan.yaml")]
    monkeypatch.chdir(tmp_path / "teams" / "sales")  # the rule file resolves from its config
    assert _concise(cli) == (0, [SNAKE_LINE])


def test_custom_rules_stay_with_the_config_that_declares_them(cli, write):
    write("a/trackinglint.toml", 'extend-select = ["TL0"]\n' + SNAKE)
    write("b/trackinglint.toml", 'extend-select = ["TL0"]\n')
    write("a/plan.yaml", PLAN)
    write("b/plan.yaml", PLAN)
    run = cli("check", "a", "b", "--output-format", "json")
    assert [f["file"] for f in run.json() if f["code"] == "ACME001"] == ["a/plan.yaml"]


def test_a_custom_rule_documents_itself():
    from trackinglint.declarative import compile_rule, parse_rule_specs

    [spec] = parse_rule_specs([{
        "code": "ACME001", "name": "acme-short-descriptions", "select": "properties",
        "where": {"depth": 0}, "field": "description", "check": {"max-length": 80},
        "summary": "Property descriptions fit on one line.",
    }], "custom-rules")  # fmt: skip
    assert compile_rule(spec).page == (
        "# ACME001 acme-short-descriptions\n\n"
        "**Severity:** warning · **Group:** custom · **Default:** on\n\n"
        "## What it does\nProperty descriptions fit on one line.\n\n"
        "Checks the `description` of every property matching {'depth': 0}: `max-length: 80`.\n"
    )


def test_the_readme_examples_run_as_shown(cli, write):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Rules as data\n", 1)[1].split("\n## ", 1)[0]
    toml = section.split("```toml\n", 1)[1].split("```", 1)[0]
    yaml = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    write("trackinglint.toml", toml)
    write("rules/house.yaml", yaml)
    write("plan.yaml", PLAN.replace("Amount: {type: number}", "account_id: {type: integer}"))
    assert _acme(cli) == (1, [
        "plan.yaml:7:3: ACME001 event 'Deal Qualified' is not snake_case",
        "plan.yaml:14:26: ACME002 'account_id' on 'Deal Qualified' is typed integer; "
        "identifiers are strings",
    ])  # fmt: skip


# --- patterns from rule files cannot hang a run (trackinglint.patterns) ----------------------


def test_a_catastrophic_pattern_is_stopped_and_reported_once_per_name(cli, write):
    name = "a" * 40 + "!"
    write("plan.yaml", f"trackinglint: 1\nevents:\n  {name}: {{}}\n  {name}b: {{}}\n")
    write("trackinglint.toml", _rule(select="events", check={"pattern": "(a|a)*"}))
    began = time.perf_counter()
    code, lines = _acme(cli)
    assert time.perf_counter() - began < 5
    message = (
        "pattern '(a|a)*' ran longer than 0.1 s on one value, so it backtracks "
        "catastrophically and is not run again: simplify it (see README, Limits)"
    )
    assert (code, lines) == (0, [
        f"plan.yaml:3:3: ACME001 event '{name}' {message}",
        f"plan.yaml:4:3: ACME001 event '{name}b' {message}",
    ])  # fmt: skip


def test_a_pattern_that_would_crash_the_compiler_is_a_configuration_error(cli, write, tmp_path):
    config = _rule(select="events", check={"pattern": "(" * 60 + "a" + ")" * 60})
    code, err = _error(cli, write, config)
    assert code == 2
    assert "nests groups 60 deep; patterns are limited to 50 (see README, Limits)" in err
