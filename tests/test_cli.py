"""The command line, end to end in-process: exact codes, positions, exit codes."""

from __future__ import annotations

import subprocess
import sys

from trackinglint import __version__

from conftest import REPO

CORE = ("--select", "TL0")  # the core rules only: these plans are deliberately minimal
BROKEN = """\
trackinglint: 1
events:
  Deal Qualified:
    properties:
      deal_id: {type: string, requried: true}
metrics:
  Deals per week:
    aggregation: total
"""


def test_clean_plan_exits_zero(cli, write):
    write("plan.yaml", "trackinglint: 1\nproduct: {name: Acme}\n")
    run = cli("check", "plan.yaml", *CORE)
    assert run.code == 0
    assert run.out == "Checked 1 plan (1 file, 0 events): all checks passed.\n"


def test_concise_output_is_one_line_per_finding(cli, write):
    write("plan.yaml", BROKEN)
    run = cli("check", "plan.yaml", "--output-format", "concise", *CORE)
    assert run.code == 1
    assert run.out.splitlines() == [
        "plan.yaml:5:31: TL002 unknown key 'requried' at "
        "events.\"Deal Qualified\".properties.deal_id; did you mean 'required'?",
        'plan.yaml:8:18: TL002 a string ("total") is not allowed at '
        'metrics."Deals per week".aggregation; expected one of: count, unique_users, sum, '
        "average, ratio, duration, cumulative, completion_rate, retention",
    ]


def test_full_output_shows_source_line_and_caret(cli, write):
    write("plan.yaml", BROKEN)
    run = cli("check", "plan.yaml", "--select", "TL002")
    lines = run.out.splitlines()
    assert lines[:6] == [
        "error[TL002] schema-violation: unknown key 'requried' at "
        "events.\"Deal Qualified\".properties.deal_id; did you mean 'required'?",
        "  --> plan.yaml:5:31",
        "  |",
        "5 |       deal_id: {type: string, requried: true}",
        "  |                               ^^^^^^^^",
        '  = at events."Deal Qualified".properties.deal_id.requried',
    ]
    assert lines[-1] == "Checked 1 plan (1 file, 1 event): 2 findings in 1 of 1 file (2 errors)."
    assert "\x1b[" not in run.out  # not a terminal: no colour


def test_json_output_holds_every_field(cli, write):
    write("plan.yaml", BROKEN)
    run = cli("check", "plan.yaml", "--output-format", "json", *CORE)
    first = run.json()[0]
    assert first == {
        "code": "TL002",
        "name": "schema-violation",
        "severity": "error",
        "message": "unknown key 'requried' at events.\"Deal Qualified\".properties.deal_id; "
        "did you mean 'required'?",
        "file": "plan.yaml",
        "line": 5,
        "column": 31,
        "end_line": 5,
        "end_column": 39,
        "path": 'events."Deal Qualified".properties.deal_id.requried',
        "group": "core",
        "related": [],
    }


def test_broken_yaml_is_tl001_at_exact_position(cli, write):
    write("plan.yaml", "trackinglint: 1\nevents: [a, b\nmetrics: {}\n")
    run = cli("check", "plan.yaml", "--output-format", "json")
    assert run.code == 1
    [finding] = run.json()
    assert (finding["code"], finding["line"], finding["column"]) == ("TL001", 3, 8)


def test_broken_json_is_tl001_at_exact_position(cli, write):
    write("plan.json", '{"trackinglint": 1,\n "events": {"A": {}}\n "metrics": {}}\n')
    run = cli("check", "plan.json", "--output-format", "concise")
    assert run.code == 1
    assert run.out == "plan.json:3:2: TL001 expected ',' delimiter\n"


def test_json_schema_errors_point_into_the_json(cli, write):
    write(
        "plan.json",
        '{\n  "trackinglint": 1,\n  "events": {\n    "Signed In": {"kind": "motion"}\n  }\n}\n',
    )
    run = cli("check", "plan.json", "--output-format", "concise", *CORE)
    assert run.out == (
        'plan.json:4:27: TL002 a string ("motion") is not allowed at events."Signed In".kind; '
        "expected one of: job_completion, feature_interaction\n"
    )


def test_named_file_that_is_not_a_plan_is_reported(cli, write):
    write("ci.yaml", "name: ci\non: [push]\n")
    run = cli("check", "ci.yaml", "--output-format", "concise")
    assert run.code == 2  # and never a silent pass
    assert run.err.startswith("trackinglint: error: no tracking plan found in 'ci.yaml'")
    assert run.out.startswith("ci.yaml:1:1: TL004 not a tracking plan trackinglint can read")
    assert "top-level keys: name, on" in run.out


def test_skip_unrecognized_passes_over_other_files(cli, write):
    write("ci.yaml", "name: ci\n")
    run = cli("check", "ci.yaml", "--skip-unrecognized")
    assert (run.code, run.out) == (0, "Checked 0 plans (0 files, 0 events): nothing was checked.\n")


def test_a_folder_with_no_plan_never_says_checks_passed(cli, write):
    write("rules.yml", "name: guardrails\nsteps: []\n")
    run = cli("check", ".")
    assert run.code == 2
    assert run.out == "Checked 0 plans (0 files, 0 events): nothing was checked.\n"
    assert "all checks passed" not in run.out + run.err


def test_folder_search_finds_plans_by_content(cli, write):
    write("plans/events.yaml", "trackinglint: 1\nevents: {A: {kind: oops}}\n")
    write("plans/other.yaml", "not: a plan\n")
    write("node_modules/x/plan.yaml", "trackinglint: 1\nevents: {B: {kind: oops}}\n")
    run = cli("check", "--output-format", "concise", *CORE)
    assert run.code == 1
    assert run.out.splitlines() == [
        'plans/events.yaml:2:20: TL002 a string ("oops") is not allowed at events.A.kind; '
        "expected one of: job_completion, feature_interaction"
    ]


def test_select_ignore_and_prefixes(cli, write):
    write("plan.yaml", BROKEN)
    assert cli("check", "plan.yaml", "--select", "TL0", "--ignore", "TL002").code == 0
    assert cli("check", "plan.yaml", "--select", "TL0", "--ignore", "schema-violation").code == 0
    assert cli("check", "plan.yaml", "--select", "TL001").code == 0
    assert cli("check", "plan.yaml", "--select", "TL1", "--ignore", "TL1").code == 0
    assert cli("check", "plan.yaml", "--select", "TL9").code == 2  # no such rules


def test_unknown_selector_is_a_usage_error(cli, write):
    write("plan.yaml", BROKEN)
    run = cli("check", "plan.yaml", "--select", "schema-violaton")
    assert run.code == 2
    assert run.err == (
        "trackinglint: error: --select: unknown rule 'schema-violaton'; "
        "did you mean 'schema-violation'?\n"
    )


def test_fail_on_and_exit_zero(cli, write):
    write("plan.yaml", "trackinglint: 1\nevents:\n  A: {}  # trackinglint: ignore[TL002]\n")
    assert cli("check", "plan.yaml").code == 0  # TL003 is a warning
    assert cli("check", "plan.yaml", "--fail-on", "warning").code == 1
    assert cli("check", "plan.yaml", "--fail-on", "warning", "--exit-zero").code == 0


def test_statistics(cli, write):
    write("plan.yaml", BROKEN)
    run = cli("check", "plan.yaml", "--statistics", *CORE)
    assert run.out.splitlines() == [
        "2  TL002  error    schema-violation",
        "event names: no convention found; only 1 of the 1 names have a clear style, and a "
        "convention needs at least 3",
        "property names: no convention found; only 1 of the 1 names have a clear style, and a "
        "convention needs at least 3",
    ]


def test_color_always_uses_ansi(cli, write):
    write("plan.yaml", BROKEN)
    assert "\x1b[1;31merror\x1b[0m" in cli("check", "plan.yaml", "--color", "always").out


def test_missing_path_is_usage_error(cli):
    run = cli("check", "nowhere.yaml")
    assert run.code == 2
    assert "no such file or folder: nowhere.yaml" in run.err


def test_unknown_output_format_is_usage_error(cli, write):
    write("plan.yaml", BROKEN)
    run = cli("check", "plan.yaml", "--output-format", "xml")
    assert run.code == 2
    assert "unknown output format 'xml'" in run.err


def test_rules_table_lists_every_rule(cli):
    run = cli("rules")
    lines = run.out.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "GROUP", "DEFAULT"]
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    assert rows["TL001"] == ["TL001", "parse-error", "error", "core", "on"]
    assert rows["GA4001"] == ["GA4001", "ga4-event-name-length", "error", "ga4", "off"]
    codes = [r["code"] for r in cli("rules", "--output-format", "json").json()]
    assert codes == sorted(codes)
    assert {"TL000", "TL001", "TL002", "TL003", "TL004"} <= set(codes)


def test_rule_page_by_code_and_name(cli):
    by_code = cli("rule", "TL002")
    assert by_code.code == 0
    assert by_code.out.startswith("# TL002 schema-violation\n")
    assert cli("rule", "schema-violation").out == by_code.out
    missing = cli("rule", "TL999")
    assert (missing.code, missing.err) == (
        2,
        "trackinglint: error: unknown rule 'TL999' (see `trackinglint rules`)\n",
    )


def test_schema_command_prints_draft07(cli):
    schema = cli("schema").json()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["properties"]["trackinglint"] == {
        "const": 1,
        "description": "Format version; marks the file as a native trackinglint plan.",
    }


def test_no_command_prints_help_and_exits_2(cli):
    run = cli()
    assert run.code == 2
    assert "usage: trackinglint" in run.err


def test_console_script_and_module_agree(tmp_path):
    """The installed entry points, as a user runs them."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("trackinglint: 1\nevents: {A: {kind: x}}\n")
    exe = [str(REPO / ".venv" / "bin" / "trackinglint")]
    if not (REPO / ".venv" / "bin" / "trackinglint").exists():
        exe = [sys.executable, "-m", "trackinglint"]
    for command in (exe, [sys.executable, "-m", "trackinglint"]):
        done = subprocess.run(
            [*command, "check", str(plan), "--output-format", "concise", *CORE],
            capture_output=True, text=True, cwd=tmp_path, check=False,
        )  # fmt: skip
        assert done.returncode == 1
        assert done.stdout.startswith("plan.yaml:2:20: TL002 ")
        assert done.stderr == ""
    version = subprocess.run(
        [sys.executable, "-m", "trackinglint", "--version"], capture_output=True, text=True
    )
    assert version.stdout == f"trackinglint {__version__}\n"
