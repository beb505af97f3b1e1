"""The pre-commit hook, driven by the real `pre-commit` tool.

`pre-commit try-repo` installs the hook from a git repository the way users'
`.pre-commit-config.yaml` would, so this checks .pre-commit-hooks.yaml, the
packaging and the CLI together. try-repo needs a committed HEAD, so the
working tree (with any uncommitted changes) is copied into a fresh repository
and committed there. PRE_COMMIT_HOME is a temporary folder; the hook's
virtualenv is built once for the module, from the local copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

CLEAN = "trackinglint: 1\nproduct: {name: Acme}\n"
BROKEN = "trackinglint: 1\nevents:\n  Deal Qualified:\n    descripton: typo\n"
NOT_A_PLAN = "on: [push]\njobs: {build: {runs-on: ubuntu-latest}}\n"
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", "*.egg-info", "build", "dist"
)


def _env(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.pop("GITHUB_ACTIONS", None)  # the hook's report stays the readable default
    env.update(
        PRE_COMMIT_HOME=str(home),
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="test",
        GIT_AUTHOR_EMAIL="test@example.com",
        GIT_COMMITTER_NAME="test",
        GIT_COMMITTER_EMAIL="test@example.com",
    )
    return env


def _git(folder: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """This checkout, uncommitted changes included, as a committed repository."""
    base = tmp_path_factory.mktemp("pre-commit")
    env = _env(base / "home")
    repo = base / "trackinglint"
    shutil.copytree(REPO, repo, ignore=COPY_IGNORE)
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "--no-verify", "-m", "snapshot of the working tree")
    return repo, env


@pytest.fixture
def project(tmp_path, hook_repo) -> Path:
    """A user's repository with a configuration that runs the core rules only."""
    _, env = hook_repo
    (tmp_path / "trackinglint.toml").write_text('select = ["TL0"]\n', encoding="utf-8")
    _git(tmp_path, env, "init", "-q")
    return tmp_path


def _try_repo(project: Path, hook_repo: tuple[Path, dict[str, str]]) -> subprocess.CompletedProcess:
    repo, env = hook_repo
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(repo), "trackinglint"]
    return subprocess.run(
        [*command, "--color=never"],
        cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def _write(project: Path, name: str, text: str) -> None:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_plan_with_findings_fails_the_hook_and_shows_them(project, hook_repo):
    _write(project, "plans/plan.yaml", BROKEN)
    _git(project, hook_repo[1], "add", "plans/plan.yaml")
    done = _try_repo(project, hook_repo)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "trackinglint" in done.stdout and "Failed" in done.stdout
    assert (
        "error[TL002] schema-violation: unknown key 'descripton' at events.\"Deal Qualified\"; "
        "did you mean 'description'?\n  --> plans/plan.yaml:4:5\n"
    ) in done.stdout
    assert ": 1 finding in 1 of 1 file (1 error)." in done.stdout


def test_a_clean_plan_passes_and_other_yaml_is_passed_over(project, hook_repo):
    _write(project, "plans/plan.yaml", CLEAN)
    _write(project, ".github/workflows/ci.yml", NOT_A_PLAN)
    _git(project, hook_repo[1], "add", "-A")
    done = _try_repo(project, hook_repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout and "Failed" not in done.stdout


def test_only_staged_plan_files_are_linted(project, hook_repo):
    env = hook_repo[1]
    _write(project, "plans/committed.yaml", CLEAN)
    _git(project, env, "add", "-A")
    _git(project, env, "commit", "-q", "--no-verify", "-m", "a clean plan")
    _write(project, "plans/committed.yaml", BROKEN)  # changed, but the change is not staged
    _write(project, "plans/untracked.yaml", BROKEN)  # never added
    _write(project, "plans/staged.yaml", CLEAN)
    _git(project, env, "add", "plans/staged.yaml")
    done = _try_repo(project, hook_repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "descripton" not in done.stdout
    # pre-commit hid the unstaged change while the hook ran, and put it back.
    assert (project / "plans" / "committed.yaml").read_text(encoding="utf-8") == BROKEN
    _git(project, env, "add", "plans/committed.yaml")
    failed = _try_repo(project, hook_repo)
    assert failed.returncode == 1
    assert "--> plans/committed.yaml:4:5" in failed.stdout
    assert "untracked.yaml" not in failed.stdout


def test_a_commit_touching_one_file_of_a_split_plan_reads_the_whole_plan(project, hook_repo):
    """The README's layout (plan.yaml + events/): names resolve across the plan's files,
    so staging one events file must not report its plan's metrics and jobs as broken."""
    env = hook_repo[1]
    (project / "trackinglint.toml").unlink()  # every default rule
    shutil.copytree(REPO / "examples" / "crm-after", project / "plan")
    _git(project, env, "add", "-A")
    _git(project, env, "commit", "-q", "--no-verify", "-m", "the plan")
    deals = project / "plan" / "events" / "deals.yaml"
    deals.write_text(deals.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    _git(project, env, "add", "plan/events/deals.yaml")
    done = _try_repo(project, hook_repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout
    # a finding in the staged file is still reported, at its place
    text = deals.read_text(encoding="utf-8").replace("description:", "descripton:", 1)
    deals.write_text(text, encoding="utf-8")
    _git(project, env, "add", "plan/events/deals.yaml")
    failed = _try_repo(project, hook_repo)
    assert failed.returncode == 1
    assert (
        "unknown key 'descripton'" in failed.stdout
        and "--> plan/events/deals.yaml:" in failed.stdout
    )
    assert "plan/plan.yaml" not in failed.stdout  # the unstaged files gave context only
