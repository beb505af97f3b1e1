"""Plugins: registered in-process, discovered from installed entry points,
never from the folder being linted, and contained when they break."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from trackinglint import Engine
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides

from plugins import crashing_plugin, sample_plugin

HERE = Path(__file__).parent / "plugins"
SELECT = ("TL0", "XT")  # the core rules and the sample plugins' rules
PLAN = "trackinglint: 1\nevents:\n  Signed In:\n    description: Short.\n"


def lint(path: Path, *plugins):
    registry = build_registry(plugins, load_entry_points=False)
    return Engine(registry, overrides=Overrides(select=SELECT)).lint([path])


def test_registered_plugin_rule_fires(write):
    result = lint(write("plan.yaml", PLAN), sample_plugin)
    [finding] = result.findings
    assert (finding.code, finding.name, finding.severity.value) == (
        "XT001", "short-event-description", "warning",
    )  # fmt: skip
    assert (finding.line, finding.column, finding.path) == (3, 3, 'events."Signed In"')
    assert finding.message == "description of 'Signed In' is too short"


def test_crashing_rule_becomes_tl000_and_others_still_run(write):
    path = write("plan.yaml", PLAN + "  Broken: {kind: nope}\n")
    result = lint(path, sample_plugin, crashing_plugin)
    codes = sorted(f.code for f in result.findings)
    assert codes == ["TL000", "TL000", "TL002", "XT001", "XT001"]  # Broken has no description
    crash, garbage = sorted((f for f in result.findings if f.code == "TL000"), key=str)
    assert crash.message.startswith(
        "rule XT900 (always-crashes) crashed: ZeroDivisionError: boom (at crashing_plugin.py:"
    )
    assert garbage.message.startswith(
        "rule XT901 (yields-garbage) crashed: TypeError: yielded str, not a Problem;"
    )
    assert result.has_internal_errors


def _install(site: Path, module: str, name: str = "sample") -> None:
    """Lay out an installed distribution: the module plus a dist-info with an entry point."""
    shutil.copy(HERE / f"{module}.py", site / f"{module}.py")
    dist = site / f"{module}-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[trackinglint]\n{name} = {module}\n")


def _run(cwd: Path, pythonpath: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": pythonpath}
    selection = ("--select", ",".join(SELECT)) if args[0] == "check" else ()
    return subprocess.run(
        [sys.executable, "-m", "trackinglint", *args, *selection],
        capture_output=True, text=True, cwd=cwd, env=env, check=False,
    )  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "plan.yaml").write_text(PLAN)
    return folder


def test_entry_point_plugin_from_installed_location_is_loaded(tmp_path, project):
    site = tmp_path / "site"
    site.mkdir()
    _install(site, "sample_plugin")
    done = _run(project, str(site), "check", "plan.yaml", "--output-format", "concise")
    assert done.stdout == "plan.yaml:3:3: XT001 description of 'Signed In' is too short\n"
    assert done.returncode == 0  # a warning does not fail the run
    assert "XT001" in _run(project, str(site), "rules").stdout


def test_plugin_in_linted_folder_is_never_loaded(project):
    _install(project, "sample_plugin")
    done = _run(project, str(project), "check", "plan.yaml", "--output-format", "concise")
    assert done.stdout == ""
    assert done.stderr == "trackinglint: error: --select: unknown rule 'XT'\n"  # not loaded
    assert done.returncode == 2
    assert "XT001" not in _run(project, ".", "rules").stdout


def test_broken_plugin_is_reported_and_others_run(tmp_path, project):
    site = tmp_path / "site"
    site.mkdir()
    _install(site, "broken_plugin", "broken")
    _install(site, "sample_plugin")
    done = _run(project, str(site), "check", "plan.yaml", "--output-format", "concise")
    assert done.returncode == 2
    assert done.stdout.splitlines() == [
        "<plugin broken>:1:1: TL000 plugin 'broken' failed to load: ImportError: this plugin "
        "needs a library that is not installed; it was skipped",
        "plan.yaml:3:3: XT001 description of 'Signed In' is too short",
    ]
    assert "Traceback" not in done.stderr
