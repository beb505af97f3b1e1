#!/usr/bin/env python3
"""Measure the HTML report on a generated plan: the time to write it, the time to open it.

    python benchmarks/html_report.py [--events 5000] [--runs 5] [--no-browser] [--json]

The plan comes from `benchmarks/gen_plan.py` (deterministic). The budgets from
issue 18:
  * writing the page adds under 0.3 s to a run: the plan is linted once in this
    process, then `report_html` is timed on that result (the classification
    the rules computed is reused, as in a real `check --output html=...`);
  * the page of a 5,000-event plan opens in under 2 s: headless Chromium loads
    it from disk and the page's script records, as `data-ready` on <html>, the
    milliseconds from navigation to the end of its set-up (the whole document
    parsed, tables wired). A one-plan example page is measured alongside, as the
    floor on this machine.
The machine is shared and noisy: the script reports medians and never asserts.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GEN = REPO / "benchmarks" / "gen_plan.py"
WRITE_BUDGET_S = 0.3
OPEN_BUDGET_MS = 2000
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timing")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    from trackinglint.engine import Engine
    from trackinglint.reporters.html import report_html

    with tempfile.TemporaryDirectory(prefix="tl-html-bench-") as folder:
        work = Path(folder)
        plan = work / f"plan-{args.events}.yaml"
        generated = subprocess.run(
            [sys.executable, str(GEN), str(args.events)], capture_output=True, check=True
        )
        plan.write_bytes(generated.stdout)
        # The folder is the plan's own project: nothing around the temporary folder counts.
        (work / "trackinglint.toml").write_text("", encoding="utf-8")
        start = time.perf_counter()
        result = Engine().lint([plan])
        lint_s = time.perf_counter() - start
        writes, size, out = [], 0, io.StringIO()
        for _ in range(args.runs):
            out = io.StringIO()
            start = time.perf_counter()
            report_html(result, out, color=False)
            writes.append(time.perf_counter() - start)
            size = len(out.getvalue().encode("utf-8"))
        page = work / "report.html"
        page.write_text(out.getvalue(), encoding="utf-8")
        results: dict[str, float] = {
            "events": args.events,
            "findings": len(result.findings),
            "lint_s": round(lint_s, 3),
            "write_median_s": round(statistics.median(writes), 3),
            "write_min_s": round(min(writes), 3),
            "page_mb": round(size / 1e6, 2),
        }
        chromium = None if args.no_browser else shutil.which("chromium")
        if chromium is not None:
            small = work / "small.html"
            small_result = Engine().lint([REPO / "examples" / "crm-before"])
            with small.open("w", encoding="utf-8") as stream:
                report_html(small_result, stream, color=False)
            results["open_median_ms"] = _open_ms(chromium, page, work, args.runs)
            results["open_small_median_ms"] = _open_ms(chromium, small, work, args.runs)
    _print(results, as_json=args.json)
    return 0


def _open_ms(chromium: str, page: Path, work: Path, runs: int) -> float:
    """Median of the page's own `data-ready` (ms from navigation to a working page)."""
    times = []
    for _ in range(runs):
        done = subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'profile'}", "--dump-dom",
             page.as_uri()],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        found = re.search(r'data-ready="(\d+)"', done.stdout)
        if found is None:
            raise SystemExit(f"error: the page's script did not finish:\n{done.stderr[-1000:]}")
        times.append(float(found.group(1)))
    return statistics.median(times)


def _print(results: dict[str, float], *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(results, indent=2))
        return
    print(f"plan: {results['events']:.0f} events, {results['findings']:.0f} findings")
    print(f"lint (once, in process):        {results['lint_s']:.3f} s")
    print(
        f"write the page (median, min):   {results['write_median_s']:.3f} s, "
        f"{results['write_min_s']:.3f} s  -> {results['page_mb']} MB  "
        f"(budget {WRITE_BUDGET_S} s: {_verdict(results['write_median_s'], WRITE_BUDGET_S)})"
    )
    if "open_median_ms" in results:
        opened = results["open_median_ms"]
        print(
            f"open in Chromium (median):      {opened:.0f} ms  "
            f"(budget {OPEN_BUDGET_MS} ms: {_verdict(opened, OPEN_BUDGET_MS)}); "
            f"crm-before page: {results['open_small_median_ms']:.0f} ms"
        )
    else:
        print("open in Chromium: skipped (no chromium, or --no-browser)")


def _verdict(measured: float, budget: float) -> str:
    return "within" if measured < budget else "OVER"


if __name__ == "__main__":
    sys.exit(main())
