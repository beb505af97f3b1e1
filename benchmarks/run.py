#!/usr/bin/env python3
"""Measure `trackinglint check` end to end, the way a user runs it.

    python benchmarks/run.py [--sizes 500,5000,20000] [--runs N] [--json] [--gen PATH]

Each plan is generated deterministically by `benchmarks/gen_plan.py` (or the
generator given with `--gen`) as YAML and as JSON in a temporary folder. Every
timed run is a fresh `trackinglint check FILE` subprocess, so interpreter
start-up and imports are included: that is the number users feel. After one
warm-up run per plan, `--runs` runs report the minimum and median wall time and
the child's peak resident memory.

The table ends with the project's performance budgets, judged on the median.
`--json` prints the same results as JSON for CI comparisons. Timing on a busy
machine is noisy, so this script reports and never asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

DEFAULT_GEN = Path(__file__).resolve().parent / "gen_plan.py"
DEFAULT_SIZES = (500, 5000, 20000)
FORMATS = ("yaml", "json")
ERROR_EXIT = 2


@dataclass
class Result:
    """One plan's measurements; flat so it serialises straight to JSON."""

    events: int
    format: str
    size_mb: float
    min_s: float
    median_s: float
    peak_mb: float
    exit: int
    times_s: list[float]


@dataclass
class Budget:
    """A promise from the project brief, checked against the measured medians."""

    name: str
    limit: float
    unit: str
    measured: float | None
    verdict: str


def parse_sizes(text: str) -> list[int]:
    """Accept `500,5000` so CI can run a quick subset of the default sizes."""
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as err:
        msg = f"expected comma-separated integers, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from err
    if not sizes or any(size <= 0 for size in sizes):
        raise argparse.ArgumentTypeError(f"expected positive event counts, got {text!r}")
    return sizes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line; defaults match the sizes the budgets are written for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(DEFAULT_SIZES),
        help="comma-separated event counts (default: 500,5000,20000)",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs after one warm-up")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    parser.add_argument("--gen", type=Path, default=DEFAULT_GEN, help="path to gen_plan.py")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def linter_command() -> list[str]:
    """The console script users run; `-m` only if this environment lacks one."""
    script = Path(sys.executable).parent / "trackinglint"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "trackinglint"]


def compile_bytecode(command: list[str]) -> None:
    """Write the package's .pyc files first, as `pip install` does.

    An editable checkout run with PYTHONDONTWRITEBYTECODE set would otherwise
    compile every module from source on every run (~50 ms), a cost no
    installed copy pays.
    """
    python = command[0] if command[0].endswith("python") else sys.executable
    locate = "import pathlib, trackinglint; print(pathlib.Path(trackinglint.__file__).parent)"
    folder = subprocess.run(
        [python, "-c", locate], capture_output=True, text=True, check=False
    ).stdout.strip()
    if folder:
        subprocess.run([python, "-m", "compileall", "-q", folder], check=False)


def linter_version(command: list[str]) -> str:
    """Ask the binary under test, so the header names what was actually measured."""
    proc = subprocess.run([*command, "--version"], capture_output=True, text=True, check=False)
    return proc.stdout.strip() or f"trackinglint (version unknown: exit {proc.returncode})"


def generate(gen: Path, events: int, fmt: str, folder: Path) -> Path:
    """Write one plan with the generator, which is deterministic per arguments."""
    target = folder / f"plan-{events}.{fmt}"
    args = [sys.executable, str(gen), str(events)] + (["--json"] if fmt == "json" else [])
    with target.open("wb") as out:
        subprocess.run(args, stdout=out, check=True)
    return target


def run_once(command: list[str], plan: Path, stderr_path: Path) -> tuple[float, float, int]:
    """Time one subprocess and read its own peak RSS via wait4 (exact, per child)."""
    with stderr_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [*command, "check", str(plan)],
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=plan.parent,
        )
        _, status, rusage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # stop Popen from reaping again
    peak_mb = rusage.ru_maxrss / 1024  # KiB on Linux
    return elapsed, peak_mb, proc.returncode


def measure(command: list[str], plan: Path, fmt: str, events: int, runs: int) -> Result:
    """One warm-up (page cache, .pyc files), then `runs` timed runs of the same plan."""
    stderr_path = plan.with_suffix(plan.suffix + ".stderr")
    run_once(command, plan, stderr_path)
    times, peaks, codes = [], [], []
    for _ in range(runs):
        elapsed, peak, code = run_once(command, plan, stderr_path)
        times.append(elapsed)
        peaks.append(peak)
        codes.append(code)
    exit_code = ERROR_EXIT if ERROR_EXIT in codes else codes[-1]
    if exit_code == ERROR_EXIT:
        tail = stderr_path.read_text(errors="replace").strip().splitlines()[-3:]
        print(f"warning: {plan.name} exited 2 (error): {' | '.join(tail)}", file=sys.stderr)
    return Result(
        events=events,
        format=fmt,
        size_mb=round(plan.stat().st_size / 1_000_000, 2),
        min_s=round(min(times), 4),
        median_s=round(statistics.median(times), 4),
        peak_mb=round(max(peaks), 1),
        exit=exit_code,
        times_s=[round(t, 4) for t in times],
    )


def median_for(results: list[Result], events: int, formats: tuple[str, ...]) -> float | None:
    """The slowest median among matching rows, or None when that size was not run."""
    medians = [r.median_s for r in results if r.events == events and r.format in formats]
    return max(medians) if medians else None


def judge(name: str, limit: float, unit: str, measured: float | None, strict: bool) -> Budget:
    """PASS/FAIL a budget; SKIP rather than guess when its size was not measured."""
    if measured is None:
        verdict = "SKIP"
    elif measured < limit or (not strict and measured == limit):
        verdict = "PASS"
    else:
        verdict = "FAIL"
    return Budget(name, limit, unit, measured, verdict)


def check_budgets(results: list[Result]) -> list[Budget]:
    """The brief's budgets: 5k YAML <= 1.0 s, 500 events <= 0.3 s, peak < 400 MB."""
    peak = max((r.peak_mb for r in results), default=None)
    return [
        judge("5,000-event YAML median", 1.0, "s", median_for(results, 5000, ("yaml",)), False),
        judge("500-event median", 0.3, "s", median_for(results, 500, FORMATS), False),
        judge("peak memory (all runs)", 400.0, "MB", peak, True),
    ]


def render_table(header: str, results: list[Result], budgets: list[Budget]) -> str:
    """A plain, fixed-width table that reads well in a terminal and in CI logs."""
    lines = [header, "events  format  size     min s   median s  peak MB  exit"]
    for r in results:
        flag = "  <- error" if r.exit == ERROR_EXIT else ""
        lines.append(
            f"{r.events:>6}  {r.format:<6} {r.size_mb:>5.1f} MB  {r.min_s:>5.2f}   "
            f"{r.median_s:>6.2f}    {r.peak_mb:>5.0f}  {r.exit:>4}{flag}"
        )
    lines += ["", "budgets (median of runs):"]
    for b in budgets:
        op = "<" if b.unit == "MB" else "<="
        got = "not measured" if b.measured is None else f"{b.measured:.2f} {b.unit}"
        limit = f"{op} {b.limit:g} {b.unit}"
        lines.append(f"  {b.verdict:<4}  {b.name:<25} {limit:<10} ({got})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Generate, measure, report. Exit 0 even on FAIL: it reports, CI decides."""
    args = parse_args(argv)
    gen = args.gen.resolve()
    if not gen.is_file():
        sys.exit(f"error: plan generator not found at {gen}; pass --gen PATH/TO/gen_plan.py")
    command = linter_command()
    compile_bytecode(command)
    header = (
        f"{linter_version(command)} · Python {platform.python_version()} · "
        f"{os.cpu_count()} CPUs · {args.runs} runs after 1 warm-up"
    )
    results = []
    with tempfile.TemporaryDirectory(prefix="trackinglint-bench-") as tmp:
        for events in args.sizes:
            for fmt in FORMATS:
                plan = generate(gen, events, fmt, Path(tmp))
                results.append(measure(command, plan, fmt, events, args.runs))
    budgets = check_budgets(results)
    if args.json:
        report = {
            "header": header,
            "command": command,
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "runs": args.runs,
            "warmup": 1,
            "results": [asdict(r) for r in results],
            "budgets": [asdict(b) for b in budgets],
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(render_table(header, results, budgets))
    return 0


if __name__ == "__main__":
    sys.exit(main())
