"""Baselines: record today's findings, report only new ones, and shrink as the plan improves."""

from __future__ import annotations

import json

OLD_PLAN = """\
trackinglint: 1
events:
  Signed In: {}
metrics:
  Daily logins:
    event: Signed In
    aggregation: unique_users
    target: {value: 10000}
    gaming_test: None recorded.
"""
RULES = ("--select", "TL0,TL104")


def _codes(run) -> list[tuple[str, int, int]]:
    return [(f["code"], f["line"], f["column"]) for f in run.json()]


def test_write_records_findings_keyed_by_file_rule_and_path(cli, write, tmp_path):
    write("plans/plan.yaml", OLD_PLAN)
    run = cli("check", "plans", *RULES, "--write-baseline", "baseline.json")
    assert run.code == 0
    assert run.out == ""
    assert run.err == "trackinglint: recorded 1 finding in 1 entry in baseline.json\n"
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert data == {
        "trackinglint-baseline": 1,
        "entries": [
            {
                "file": "plans/plan.yaml",
                "code": "TL104",
                "path": 'metrics."Daily logins".target',
                "count": 1,
                "message": "target set on surface metric 'Daily logins' (counts motion: unique "
                "users of 'Signed In'); move the target to an outcome metric, keep this one as a "
                "diagnostic",
            }
        ],
    }


def test_recorded_findings_stay_hidden_when_the_plan_is_edited_above_them(cli, write):
    write("plan.yaml", OLD_PLAN)
    assert cli("check", "plan.yaml", *RULES, "--write-baseline", "b.json").code == 0
    hidden = cli("check", "plan.yaml", *RULES, "--baseline", "b.json")
    assert (hidden.code, hidden.out) == (
        0,
        "Checked 1 plan (1 file, 1 event): all checks passed.\n",
    )
    # Edit above the old finding: comments, a new event, and a new problem of the same rule.
    write(
        "plan.yaml",
        "# owned by growth\n# reviewed weekly\n"
        + OLD_PLAN.replace("  Signed In: {}\n", "  Signed In: {}\n  Page Viewed: {}\n")
        + "  Page views:\n    event: Page Viewed\n    aggregation: count\n"
        "    target: {value: 5}\n    gaming_test: None.\n",
    )
    run = cli("check", "plan.yaml", *RULES, "--baseline", "b.json", "--output-format", "json")
    assert run.code == 1
    assert _codes(run) == [("TL104", 16, 5)]  # only the new target; the old one moved to line 11
    assert run.json()[0]["path"] == 'metrics."Page views".target'
    everything = cli("check", "plan.yaml", *RULES, "--output-format", "json")
    assert _codes(everything) == [("TL104", 11, 5), ("TL104", 16, 5)]


def test_counts_per_key_hide_two_identical_findings_and_show_a_third(cli, write, tmp_path):
    # Unused suppressions all share one key (file, TL003, the document root).
    write(
        "plan.yaml",
        "trackinglint: 1\n# trackinglint: ignore[TL104]\n# trackinglint: ignore[TL105]\n",
    )
    cli("check", "plan.yaml", "--select", "TL0", "--write-baseline", "b.json")
    [entry] = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["entries"]
    assert (entry["code"], entry["path"], entry["count"]) == ("TL003", "", 2)
    write(
        "plan.yaml",
        "trackinglint: 1\n# trackinglint: ignore[TL104]\n# trackinglint: ignore[TL105]\n"
        "# trackinglint: ignore[TL106]\n",
    )
    run = cli(
        "check",
        "plan.yaml",
        "--select",
        "TL0",
        "--baseline",
        "b.json",
        "--output-format",
        "concise",
    )
    assert run.code == 0  # TL003 is a warning
    assert run.out == (
        "plan.yaml:4:1: TL003 suppression of TL106 matches no finding here; remove it\n"
    )


def test_a_fixed_finding_makes_its_entry_stale(cli, write):
    write("plan.yaml", OLD_PLAN)
    cli("check", "plan.yaml", *RULES, "--write-baseline", "b.json")
    write("plan.yaml", OLD_PLAN.replace("    target: {value: 10000}\n", ""))
    run = cli("check", "plan.yaml", *RULES, "--baseline", "b.json")
    assert run.code == 0  # a warning by default
    assert run.out.splitlines()[:6] == [
        'warning[TL009] baseline-stale: baseline entry TL104 at metrics."Daily logins".target '
        "in plan.yaml matches no finding any more; remove it, or rewrite the baseline with "
        "--write-baseline",
        "  --> b.json:7:15",
        "  |",
        '7 |       "path": "metrics.\\"Daily logins\\".target",',
        "  |               " + "^" * 33,
        "  = at entries[0].path",
    ]
    assert run.out.endswith(
        "Checked 1 plan (2 files, 1 event): 1 finding in 1 of 2 files (1 warning).\n"
    )
    strict = cli("check", "plan.yaml", *RULES, "--baseline", "b.json", "--fail-on", "warning")
    assert strict.code == 1
    quiet = cli(
        "check", "plan.yaml", "--select", "TL0,TL104", "--ignore", "TL009", "--baseline", "b.json"
    )
    assert (quiet.code, quiet.out) == (0, "Checked 1 plan (1 file, 1 event): all checks passed.\n")


def test_an_entry_with_fewer_findings_left_asks_for_a_lower_count(cli, write):
    write(
        "plan.yaml",
        "trackinglint: 1\n# trackinglint: ignore[TL104]\n# trackinglint: ignore[TL105]\n",
    )
    cli("check", "plan.yaml", "--select", "TL0", "--write-baseline", "b.json")
    write("plan.yaml", "trackinglint: 1\n# trackinglint: ignore[TL104]\n")
    run = cli(
        "check",
        "plan.yaml",
        "--select",
        "TL0",
        "--baseline",
        "b.json",
        "--output-format",
        "concise",
    )
    assert run.out == (
        "b.json:7:15: TL009 baseline entry TL003 at the top of the file in plan.yaml records 2 "
        "findings but 1 remain; lower its count to 1, or rewrite the baseline with "
        "--write-baseline\n"
    )


def test_entries_of_files_or_rules_not_in_this_run_are_not_stale(cli, write):
    write("a.yaml", OLD_PLAN)
    write("b.yaml", OLD_PLAN.replace("Daily logins", "Weekly logins"))
    cli("check", "a.yaml", "b.yaml", *RULES, "--write-baseline", "b.json")
    only_a = cli("check", "a.yaml", *RULES, "--baseline", "b.json")
    assert (only_a.code, only_a.out) == (
        0,
        "Checked 1 plan (1 file, 1 event): all checks passed.\n",
    )
    other_rules = cli("check", "a.yaml", "b.yaml", "--select", "TL0", "--baseline", "b.json")
    assert (other_rules.code, other_rules.out) == (
        0,
        "Checked 1 plan (2 files, 1 event): all checks passed.\n",
    )


def test_file_keys_are_relative_to_the_baseline_so_any_folder_works(
    cli, write, monkeypatch, tmp_path
):
    write("repo/plans/plan.yaml", OLD_PLAN)
    monkeypatch.chdir(tmp_path / "repo")
    assert cli("check", "plans", *RULES, "--write-baseline", "ci/baseline.json").code == 0
    monkeypatch.chdir(tmp_path / "repo" / "plans")
    run = cli("check", ".", *RULES, "--baseline", "../ci/baseline.json")
    assert (run.code, run.out) == (0, "Checked 1 plan (1 file, 1 event): all checks passed.\n")


def test_crashes_are_never_recorded_so_never_hidden():
    from trackinglint.baseline import recordable
    from trackinglint.findings import Finding, Severity

    crash = Finding("TL000", "internal-error", Severity.ERROR, "m", "plan.yaml", 1, 1, 1, 2, "")
    plugin = Finding("TL000", "internal-error", Severity.ERROR, "m", "<plugin x>", 1, 1, 1, 2, "")
    normal = Finding(
        "TL104", "target-on-surface-metric", Severity.ERROR, "m", "p.yaml", 1, 1, 1, 2, ""
    )
    assert [recordable(f) for f in (crash, plugin, normal)] == [False, False, True]


def test_every_output_format_sees_the_filtered_result(cli, write, tmp_path):
    write("plan.yaml", OLD_PLAN)
    cli("check", "plan.yaml", *RULES, "--write-baseline", "b.json")
    run = cli(
        "check",
        "plan.yaml",
        *RULES,
        "--baseline",
        "b.json",
        "--output-format",
        "sarif",
        "--output",
        "gitlab=cq.json",
    )
    assert run.json()["runs"][0]["results"] == []
    assert json.loads((tmp_path / "cq.json").read_text(encoding="utf-8")) == []


def test_bad_baselines_stop_the_run_with_a_clear_message(cli, write):
    write("plan.yaml", OLD_PLAN)
    cases = {
        "missing.json": "baseline missing.json: no such file (write one with --write-baseline)",
        "other.json": "baseline other.json: not a trackinglint baseline (expected "
        '{"trackinglint-baseline": 1, "entries": [...]}, as --write-baseline writes)',
        "broken.json": "baseline broken.json:1:",
        "shape.json": "baseline shape.json:2: entries[0]: 'count' must be a positive integer",
    }
    write("other.json", '{"version": 1}\n')
    write("broken.json", "{nope\n")
    write(
        "shape.json",
        '{"trackinglint-baseline": 1, "entries": [\n'
        '  {"file": "plan.yaml", "code": "TL104", "path": "", "count": 0},\n'
        '  {"file": "plan.yaml", "code": "TL104", "path": "", "count": 0}\n]}\n',
    )
    for name, message in cases.items():
        run = cli("check", "plan.yaml", *RULES, "--baseline", name)
        assert run.code == 2, name
        assert run.err.startswith(f"trackinglint: error: {message}"), run.err
        assert run.out == ""
    both = cli("check", "plan.yaml", "--baseline", "a.json", "--write-baseline", "b.json")
    assert both.code == 2
    assert "argument --write-baseline: not allowed with argument --baseline" in both.err
