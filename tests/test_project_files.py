"""README's promises, CI and the pre-commit hook definition stay true."""

from __future__ import annotations

import re
import subprocess
import sys

from ruamel.yaml import YAML

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return re.findall(r"```sh\n(python3 -m venv .+?)\n```", README)


def test_readme_opens_with_the_two_setup_commands():
    install_and_run, run_tests = _commands()[:2]
    assert "trackinglint check examples/" in install_and_run
    assert "'.[test]'" in run_tests and "pytest" in run_tests
    assert README.index(install_and_run) < README.index("## What a run looks like")


def test_ci_runs_the_readme_commands_as_written():
    shown = subprocess.run(
        ["bash", str(REPO / ".ci" / "run"), "--print-readme-commands"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert shown.stdout.splitlines() == _commands()[:2]


def test_shipped_example_lints_clean():
    example = re.search(r"trackinglint check (examples/\S+)", _commands()[0]).group(1)
    done = subprocess.run(
        [sys.executable, "-m", "trackinglint", "check", example],
        capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout
    assert done.stdout == "Checked 1 plan (3 files, 8 events): all checks passed.\n"


def test_pre_commit_hook_definition():
    hook, code = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text())
    # the second hook checks staged source files' analytics calls against the plan
    assert code["id"] == "trackinglint-code"
    assert code["entry"].startswith("trackinglint check --code-files --select TL301,")
    assert "tree-sitter-python>=0.23" in code["additional_dependencies"]
    assert hook["id"] == "trackinglint"
    assert hook["language"] == "python"
    assert hook["types_or"] == ["yaml", "json"]
    assert hook["entry"].startswith("trackinglint check")
    assert "--skip-unrecognized" in hook["entry"]


def test_readme_shows_the_real_before_run():
    command = "trackinglint check examples/crm-before --select outcome --output-format concise"
    shown = README.split(f"$ {command}\n", 1)[1].split("$ echo $?", 1)[0]
    done = subprocess.run(
        [sys.executable, "-m", "trackinglint", *command.split()[1:]],
        capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout == shown
