"""One finding, many places: every output carries them, and quiet means quiet.

A property spelled `userId` on five events and `user_id` on one is one thing to
fix: one TL202 finding, with the five other places as related places. Text
reports show the first few and "+N more"; JSON lists every place; SARIF puts
them in `relatedLocations`. Infos (TL100, TL206 here) are advice: not failures
in JUnit, `info` in GitLab, `note` in SARIF, and hidden by `--quiet`.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from jsonschema import Draft4Validator

from conftest import REPO

PLAN = """\
trackinglint: 1
events:
  Account Created: {description: a, properties: {user_id: {type: string, description: u}}}
  Report Shared: {description: b, properties: {userId: {type: string, description: u}}}
  Invoice Paid: {description: c, properties: {userId: {type: string, description: u}}}
  Deal Won: {description: d, properties: {userId: {type: string, description: u}}}
  Seat Added: {description: e, properties: {userId: {type: string, description: u}}}
  Plan Upgraded: {description: f, properties: {userId: {type: string}}}
"""
SELECT = ("--select", "TL202,TL206,TL100")
TL202 = (
    "property spelled 2 ways: 'userId' (5 places), 'user_id' (1 place); pick one spelling "
    "(most used: 'userId') so the columns line up downstream"
)
ALSO = "4:48 'userId', 5:47 'userId', 6:43 'userId', +2 more"
SUMMARY = "Checked 1 plan (1 file, 6 events): 3 findings in 1 of 1 file (1 warning, 2 infos)."


def _check(cli, write, *args: str):
    write("plan.yaml", PLAN)
    return cli("check", "plan.yaml", *SELECT, *args)


def test_full_report_shows_the_first_places_and_how_many_more(cli, write):
    run = _check(cli, write)
    assert run.code == 0  # warnings and infos do not fail the default --fail-on error
    assert f"  = also at {ALSO}\n" in run.out
    assert run.out.count("also at") == 1  # findings without other places say nothing more
    assert run.out.endswith(SUMMARY + "\n")


def test_concise_report_appends_the_places(cli, write):
    lines = _check(cli, write, "--output-format", "concise").out.splitlines()
    assert lines[1] == f"plan.yaml:3:50: TL202 {TL202} (also: {ALSO})"


def test_github_annotation_carries_the_places_on_a_second_line(cli, write):
    out = _check(cli, write, "--output-format", "github").out
    assert (
        "::warning file=plan.yaml,line=3,col=50,endLine=3,endColumn=57,"
        f"title=TL202 property-name-variants::{TL202}%0AAlso: {ALSO}\n"
    ) in out


def test_json_lists_every_place(cli, write):
    findings = _check(cli, write, "--output-format", "json").json()
    variants = next(f for f in findings if f["code"] == "TL202")
    assert [(p["line"], p["column"], p["note"]) for p in variants["related"]] == [
        (4, 48, "'userId'"), (5, 47, "'userId'"), (6, 43, "'userId'"), (7, 45, "'userId'"),
        (8, 48, "'userId'"),
    ]  # fmt: skip
    assert variants["related"][0] == {
        "file": "plan.yaml",
        "line": 4,
        "column": 48,
        "end_line": 4,
        "end_column": 54,
        "path": 'events."Report Shared".properties.userId',
        "note": "'userId'",
    }


def test_sarif_puts_the_places_in_related_locations_and_infos_are_notes(cli, write):
    log = _check(cli, write, "--output-format", "sarif").json()
    schema = json.loads((REPO / "tests/data/schemas/sarif-schema-2.1.0.json").read_text())
    assert not list(Draft4Validator(schema).iter_errors(log))
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("TL100", "note"), ("TL202", "warning"), ("TL206", "note"),
    ]  # fmt: skip
    related = results[1]["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2, 3, 4, 5]
    assert related[4] == {
        "id": 5,
        "physicalLocation": {
            "artifactLocation": {"uri": "plan.yaml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 8, "startColumn": 48, "endLine": 8, "endColumn": 54},
        },
        "message": {"text": "'userId'"},
        "logicalLocations": [{"fullyQualifiedName": 'events."Plan Upgraded".properties.userId'}],
    }
    assert "relatedLocations" not in results[0]


def test_junit_counts_only_warnings_and_errors_as_failures(cli, write):
    out = _check(cli, write, "--output-format", "junit").out
    root = ET.fromstring(out.split("\n", 1)[1])
    assert (root.attrib["tests"], root.attrib["failures"]) == ("3", "1")
    cases = root.findall("testsuite/testcase")
    assert [case.find("failure") is not None for case in cases] == [False, True, False]
    info = cases[2].find("system-out")
    assert info is not None
    assert info.text.startswith("plan.yaml:8:48: TL206 event 'Plan Upgraded' has 1 property")
    assert "\nalso at plan.yaml:4:48 'userId'" in cases[1].find("failure").text


def test_gitlab_severities(cli, write):
    issues = _check(cli, write, "--output-format", "gitlab").json()
    assert [(i["check_name"].split()[0], i["severity"]) for i in issues] == [
        ("TL100", "info"), ("TL202", "minor"), ("TL206", "info"),
    ]  # fmt: skip


def test_quiet_prints_only_what_fails_then_the_summary(cli, write):
    quiet = _check(cli, write, "--quiet")
    assert (quiet.code, quiet.out) == (
        0,
        "Checked 1 plan (1 file, 6 events): all checks passed; 3 findings below --fail-on "
        "not shown.\n",
    )
    warned = _check(cli, write, "-q", "--fail-on", "warning", "--output-format", "concise")
    assert warned.code == 1
    assert warned.out == f"plan.yaml:3:50: TL202 {TL202} (also: {ALSO})\n"


def test_quiet_leaves_output_files_whole(cli, write, tmp_path):
    _check(cli, write, "-q", "--output", "json=all.json")
    assert len(json.loads((tmp_path / "all.json").read_text())) == 3


def test_summary_counts_files_with_findings_among_all(cli, write):
    write("clean.yaml", "trackinglint: 1\nevents:\n  Signed In: {description: x}\n")
    write("plan.yaml", PLAN)
    run = cli("check", "plan.yaml", "clean.yaml", "--select", "TL202")
    assert run.out.splitlines()[-1] == (
        "Checked 1 plan (2 files, 7 events): 1 finding in 1 of 2 files (1 warning)."
    )
