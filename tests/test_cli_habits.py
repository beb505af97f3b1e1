"""Habits people bring from Ruff: --config KEY=VALUE, --isolated, --show-settings,
stdin, globs with .gitignore semantics, `rule` with a "did you mean", a clean
concise report that says so, and one meaning of --output."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO

BAD_KIND = "trackinglint: 1\nevents:\n  A: {kind: nope}\n"
KIND_LINE = (
    'plan.yaml:3:13: TL002 a string ("nope") is not allowed at events.A.kind; '
    "expected one of: job_completion, feature_interaction"
)
UNDESCRIBED = "trackinglint: 1\nevents:\n  A: {kind: feature_interaction}\n"
TL206_LINE = (
    "plan.yaml:3:3: TL206 event 'A' has no description; say what happened and when it "
    "fires, so others can use it without reading the code"
)


def concise(cli, *args):
    run = cli("check", "plan.yaml", "--output-format", "concise", *args)
    return run.code, run.out.splitlines()


# --config KEY=VALUE and --isolated -----------------------------------------------


def test_config_key_value_lays_settings_over_the_file(cli, write):
    write("trackinglint.toml", 'select = ["TL2"]\n')
    write("plan.yaml", UNDESCRIBED)
    assert concise(cli) == (0, [TL206_LINE])  # TL206 is info: below fail-on
    assert concise(cli, "--config", 'fail-on="info"') == (1, [TL206_LINE])
    assert concise(cli, "--config", "fail-on=info") == (1, [TL206_LINE])  # a bare word
    assert concise(cli, "--config", 'select=["TL0"]')[1] == [
        "Checked 1 plan (1 file, 1 event): all checks passed."
    ]


def test_config_key_value_reaches_into_tables(cli, write):
    write("trackinglint.toml", 'select = ["TL206"]\n')
    write("plan.yaml", UNDESCRIBED)
    assert concise(cli, "--config", 'severity.TL206="error"') == (1, [TL206_LINE])


def test_a_bad_override_names_the_flag_and_the_key(cli, write):
    write("plan.yaml", UNDESCRIBED)
    run = cli("check", "plan.yaml", "--config", "fail-on=loud")
    assert (run.code, run.err) == (
        2,
        "trackinglint: error: --config fail-on: expected one of error, warning, info\n",
    )
    run = cli("check", "plan.yaml", "--config", "colour=always")
    assert run.code == 2
    assert run.err == (
        "trackinglint: error: --config colour: unknown key; known keys: "
        + run.err.split("known keys: ", 1)[1]
    )
    run = cli("check", "plan.yaml", "--config", "missing.toml")
    assert run.code == 2
    assert run.err.endswith("error: no such configuration file: missing.toml (or give KEY=VALUE)\n")


def test_config_file_keeps_its_meaning(cli, write):
    write("strict.toml", 'select = ["TL0"]\n')
    write("plan.yaml", BAD_KIND)
    assert concise(cli, "--config", "strict.toml") == (1, [KIND_LINE])


def test_isolated_ignores_every_configuration_file(cli, write):
    write("trackinglint.toml", 'select = ["TL206"]\n')
    write("plan.yaml", "trackinglint: 1\nevents:\n  A: {description: a, kind: nope}\n")
    assert concise(cli) == (0, ["Checked 1 plan (1 file, 1 event): all checks passed."])
    code, lines = concise(cli, "--isolated")
    assert code == 1
    assert [line.split(" ")[:2] for line in lines if " TL002 " in line] == [
        ["plan.yaml:3:29:", "TL002"]
    ]  # the default rules ran
    run = cli("check", "plan.yaml", "--isolated", "--config", "trackinglint.toml")
    assert run.code == 2
    assert run.err.endswith(
        "error: --isolated ignores configuration files: drop it or the --config FILE\n"
    )


# --show-settings -----------------------------------------------------------------


def test_show_settings_says_where_each_value_came_from(cli, write, tmp_path):
    write("trackinglint.toml", 'select = ["TL1"]\nfail-on = "warning"\n')
    write("plan.yaml", UNDESCRIBED)
    run = cli(
        "check", "plan.yaml", "--show-settings", "--config", "fail-on=info", "--ignore", "TL104"
    )
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[:2] == [
        "Settings for plan.yaml",
        f"configuration file: {tmp_path / 'trackinglint.toml'}",
    ]
    assert 'select = ["TL1"]  # trackinglint.toml' in lines
    assert 'fail-on = "info"  # command line (--config)' in lines
    assert 'ignore = ["TL104"]  # default + command line (--ignore)' in lines
    assert "severity = {}  # default" in lines
    run = cli("check", "plan.yaml", "--show-settings", "--isolated")
    assert run.out.splitlines()[1] == "configuration file: none (--isolated)"
    assert "select = (unset)  # default" in run.out.splitlines()


# stdin ---------------------------------------------------------------------------


def run_stdin(tmp_path, text, *args):
    return subprocess.run(
        [sys.executable, "-m", "trackinglint", "check", *args],
        input=text,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        timeout=120,
    )


def test_a_plan_from_stdin_is_reported_and_configured_as_its_filename(tmp_path, write):
    write("plans/trackinglint.toml", 'select = ["TL0"]\n')
    run = run_stdin(
        tmp_path,
        BAD_KIND,
        "-",
        "--stdin-filename",
        "plans/plan.yaml",
        "--output-format",
        "concise",
    )
    assert (run.returncode, run.stdout, run.stderr) == (1, "plans/" + KIND_LINE + "\n", "")


def test_fix_on_stdin_prints_the_fixed_plan_and_reports_on_stderr(tmp_path, write):
    write("trackinglint.toml", 'select = ["TL0"]\n')
    text = "trackinglint: 1\nevents:\n  A:\n    descripton: a  # typed fast\n"
    run = run_stdin(tmp_path, text, "-", "--fix", "--output-format", "concise")
    assert run.returncode == 0
    assert run.stdout == text.replace("descripton", "description")
    assert run.stderr == "Checked 1 plan (1 file, 1 event): all checks passed.\n"
    assert not (tmp_path / "stdin.yaml").exists()


def test_stdin_filename_without_dash_is_a_usage_error(cli, write):
    write("plan.yaml", BAD_KIND)
    run = cli("check", "plan.yaml", "--stdin-filename", "x.yaml")
    assert run.code == 2
    assert run.err.endswith("error: --stdin-filename needs '-' among the PATHs\n")


# globs ---------------------------------------------------------------------------


def test_globs_have_gitignore_semantics(cli, write):
    write("trackinglint.toml", 'select = ["TL0"]\ninclude = ["[ab].yaml", "/top/*.yaml"]\n')
    for name in ("a.yaml", "c.yaml", "top/t.yaml", "sub/top/u.yaml", "sub/b.yaml"):
        write(name, BAD_KIND)
    run = cli("check", ".", "--output-format", "concise")
    assert sorted({line.split(":")[0] for line in run.out.splitlines()}) == [
        "a.yaml",
        "sub/b.yaml",
        "top/t.yaml",
    ]


def test_exclude_with_a_negated_bracket_and_a_take_back(cli, write):
    write(
        "trackinglint.toml",
        'select = ["TL0"]\nexclude = ["[!a]*.yaml", "!keep.yaml"]\n',
    )
    for name in ("a.yaml", "b.yaml", "keep.yaml"):
        write(name, BAD_KIND)
    run = cli("check", ".", "--output-format", "concise")
    assert sorted({line.split(":")[0] for line in run.out.splitlines()}) == [
        "a.yaml",
        "keep.yaml",
    ]


def test_a_glob_that_cannot_work_is_an_error_naming_it(cli, write, tmp_path):
    write("plan.yaml", BAD_KIND)
    write("trackinglint.toml", 'include = ["plans/{a,b}.yaml"]\n')
    run = cli("check", ".")
    assert (run.code, run.err) == (
        2,
        f"trackinglint: error: {tmp_path / 'trackinglint.toml'}:1: 'include': glob "
        "'plans/{a,b}.yaml': braces {a,b} are not glob syntax here; list each pattern\n",
    )
    write("trackinglint.toml", '[per-file-ignores]\n"[abc.yaml" = ["TL002"]\n')
    run = cli("check", ".")
    assert run.code == 2
    assert run.err.endswith("glob '[abc.yaml' has a '[' without its ']'\n")


# rule, concise, --output -----------------------------------------------------------


def test_rule_suggests_the_code_or_name_meant(cli):
    run = cli("rule", "TL2O6")
    assert (run.code, run.out, run.err) == (
        2,
        "",
        "trackinglint: error: unknown rule 'TL2O6'; did you mean TL206 "
        "(missing-description)? (see `trackinglint rules`)\n",
    )
    run = cli("rule", "friction-as-engagment")
    assert run.err == (
        "trackinglint: error: unknown rule 'friction-as-engagment'; did you mean TL113 "
        "(friction-as-engagement)? (see `trackinglint rules`)\n"
    )


def test_concise_says_so_when_clean(cli, write):
    write("trackinglint.toml", 'select = ["TL0"]\n')
    write("plan.yaml", UNDESCRIBED)
    assert concise(cli) == (0, ["Checked 1 plan (1 file, 1 event): all checks passed."])


def test_output_file_takes_the_main_report(cli, write, tmp_path):
    write("trackinglint.toml", 'select = ["TL0"]\n')
    write("plan.yaml", BAD_KIND)
    run = cli(
        "check",
        "plan.yaml",
        "--output-format",
        "concise",
        "--output",
        "out/report.txt",
        "--output",
        "json=out/report.json",
    )
    assert (run.code, run.out) == (1, "")
    assert (tmp_path / "out/report.txt").read_text(encoding="utf-8") == KIND_LINE + "\n"
    assert '"code": "TL002"' in (tmp_path / "out/report.json").read_text(encoding="utf-8")
    run = cli("check", "plan.yaml", "--output", "a.txt", "--output", "b.txt")
    assert run.code == 2
    assert run.err.endswith(
        "error: --output: name one FILE for the main report (more as FORMAT=FILE)\n"
    )
