"""Several outputs in one run: the main report on stdout, more with --output FORMAT=FILE."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from ruamel.yaml import YAML

from conftest import REPO

BROKEN = "trackinglint: 1\nevents:\n  A Happened:\n    descripton: typo\n"


def test_main_report_and_extra_files_from_one_run(cli, write, tmp_path):
    write("plan.yaml", BROKEN)
    run = cli(
        "check", "plan.yaml", "--select", "TL0", "--output-format", "concise",
        "--output", "sarif=reports/out.sarif", "--output", "junit=junit.xml",
        "--output", "json=findings.json",
    )  # fmt: skip
    assert run.code == 1
    assert run.out == (
        "plan.yaml:4:5: TL002 unknown key 'descripton' at events.\"A Happened\"; "
        "did you mean 'description'?\n"
    )
    sarif = json.loads((tmp_path / "reports" / "out.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["TL002"]
    junit = ET.parse(tmp_path / "junit.xml").getroot()
    assert junit.attrib["failures"] == "1"
    findings = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("TL002", 4, 5)]


def test_extra_outputs_have_no_colour(cli, write, tmp_path):
    write("plan.yaml", BROKEN)
    cli("check", "plan.yaml", "--select", "TL0", "--color", "always", "--output", "full=r.txt")
    text = (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert text.startswith("error[TL002] schema-violation: ") and "\x1b[" not in text


def test_unknown_output_format_is_a_usage_error(cli, write):
    write("plan.yaml", BROKEN)
    run = cli("check", "plan.yaml", "--output", "xml=r.xml")
    assert run.code == 2
    assert "--output: unknown format 'xml' (choose from " in run.err
    assert run.out == ""


def test_malformed_output_spec_is_a_usage_error(cli, write):
    write("plan.yaml", BROKEN)
    run = cli("check", "plan.yaml", "--output", "sarif")
    assert run.code == 2
    assert run.err.endswith(
        "trackinglint: error: --output sarif: to write a sarif report give sarif=FILE "
        "(a bare FILE takes the main report)\n"
    )
    run = cli("check", "plan.yaml", "--output", "=x.sarif")
    assert run.code == 2
    assert "expected FILE or FORMAT=FILE, e.g. sarif=results.sarif (got '=x.sarif')" in run.err


def test_an_unwritable_output_file_exits_2_after_the_main_report(cli, write, tmp_path):
    write("plan.yaml", BROKEN)
    (tmp_path / "taken").mkdir()
    run = cli("check", "plan.yaml", "--select", "TL0", "--output", "sarif=taken")
    assert run.code == 2
    assert run.err.startswith("trackinglint: error: cannot write taken: ")
    assert run.out.startswith("error[TL002]")


def _yaml_blocks(section: str) -> list[dict]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    body = readme.split(f"### {section}\n", 1)[1].split("\n### ", 1)[0]
    return [YAML(typ="safe").load(b) for b in re.findall(r"```yaml\n(.*?)```", body, re.S)]


def test_readme_github_workflow_uploads_the_sarif_that_check_writes():
    [workflow] = _yaml_blocks("GitHub Actions")
    steps = workflow["jobs"]["trackinglint"]["steps"]
    check = next(s["run"] for s in steps if str(s.get("run", "")).startswith("trackinglint check"))
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload"))
    assert f"--output sarif={upload['with']['sarif_file']}" in check
    assert workflow["permissions"]["security-events"] == "write"
    diff = next(s for s in steps if "trackinglint diff --base" in str(s.get("run", "")))
    assert "pull_request" in diff["if"]


def test_readme_gitlab_jobs_report_the_files_they_write():
    [pipeline] = _yaml_blocks("GitLab CI")
    check, diff = pipeline["trackinglint"], pipeline["trackinglint-diff"]
    script = " ".join(check["script"])
    reports = check["artifacts"]["reports"]
    assert f"--output gitlab={reports['codequality']}" in script
    assert f"--output junit={reports['junit']}" in script
    diff_script = " ".join(diff["script"])
    assert "trackinglint diff --base" in diff_script
    assert f"--output junit={diff['artifacts']['reports']['junit']}" in diff_script
