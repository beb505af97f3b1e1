"""The progress bar: on a terminal's stderr only, never in CI or beside a
machine-readable report. Driven through a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from conftest import REPO


def big_plan(events: int) -> str:
    lines = ["trackinglint: 1", "events:"]
    for number in range(events):
        lines += [
            f"  Report {number} Exported:",
            "    description: A report was exported.",
            "    properties:",
            f"      report_{number}_id: {{type: string, description: the report}}",
        ]
    return "\n".join(lines) + "\n"


def run_on_a_terminal(tmp_path, *args, **env):
    """Run the CLI with stderr on a pseudo-terminal; returns (code, stdout, terminal text)."""
    (tmp_path / "trackinglint.toml").write_text('select = ["TL2"]\n', encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(big_plan(1500), encoding="utf-8")
    controller, terminal = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    environ.update(PYTHONPATH=str(REPO / "src"), TRACKINGLINT_PROGRESS_DELAY="0", TERM="xterm")
    environ.update(env)
    process = subprocess.Popen(
        [sys.executable, "-m", "trackinglint", "check", "plan.yaml", "--exit-zero", *args],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=terminal,
        env=environ,
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the process is done with it
            break
        if not chunk:
            break
        shown += chunk
    out, _ = process.communicate(timeout=120)
    os.close(controller)
    return process.returncode, out.decode(), shown.decode("utf-8", errors="replace")


def test_a_terminal_sees_the_bar_and_it_erases_itself(tmp_path):
    code, out, shown = run_on_a_terminal(tmp_path, "--output-format", "concise")
    assert code == 0
    assert "\r[" in shown and "· " in shown
    assert "checking " in shown or "reading plan.yaml" in shown
    assert shown.endswith("\r\x1b[K")  # nothing left on the line for the prompt
    assert "\x1b" not in out and "\r" not in out  # the report itself is clean


def test_no_bar_in_ci(tmp_path):
    code, _, shown = run_on_a_terminal(tmp_path, "--output-format", "concise", CI="true")
    assert (code, shown) == (0, "")


def test_no_bar_beside_a_machine_readable_report(tmp_path):
    code, out, shown = run_on_a_terminal(tmp_path, "--output-format", "json")
    assert (code, shown) == (0, "")
    assert out.startswith("[")


def test_no_bar_when_stderr_is_not_a_terminal(tmp_path):
    (tmp_path / "trackinglint.toml").write_text('select = ["TL2"]\n', encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(big_plan(50), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "trackinglint", "check", "plan.yaml", "--exit-zero"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src"), "TRACKINGLINT_PROGRESS_DELAY": "0"},
        timeout=120,
    )
    assert run.stderr == ""
