#!/usr/bin/env python3
"""Measure `trackinglint server` the way an editor uses it: a real LSP client
over stdio typing into a 5,000-event plan.

    python benchmarks/server.py [--events 5000] [--edits 1000] [--pause 0.08]
                                [--layouts split,single] [--startup-runs 5] [--json]

Two layouts of the plan from `benchmarks/gen_plan.py`: split (a plan file and 50
event files of 100 events each, the edits going to one event file) and single
(one ~5 MB file). Each layout gets `--edits` keystrokes in bursts of steady
typing (`--pause` seconds apart, as incremental changes), each burst typing a
new event line by line, so most states in between do not parse. After each
burst the client waits for the diagnostics of the edited document whose
version is the last keystroke's: that wait is the freshness the user feels.
The server's resident memory (RSS, from /proc) is sampled over the run.

Start-up: time from starting the server to the first diagnostics of a small
plan (the shipped crm-after example, three files; its plan.yaml is opened),
against `trackinglint check` of the same plan (its folder: a file named alone
is checked without the rest of its plan), each a fresh process,
`--startup-runs` times.

Reports, never asserts: the machine is shared and noisy. Targets (issue 15):
fresh diagnostics within 0.5 s split and 1.5 s single; start-up within 0.2 s of
the CLI.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SERVER = [sys.executable, "-m", "trackinglint", "server"]
CHECK = [sys.executable, "-m", "trackinglint", "check"]
FILES = 50
TIMEOUT = 120.0  # seconds to wait for fresh diagnostics before calling a burst lost


@dataclass
class Layout:
    """One layout's measurements; flat so it serialises straight to JSON."""

    name: str
    files: int
    bytes_edited_file: int
    edits: int
    bursts: int
    fresh_p50: float
    fresh_p90: float
    fresh_max: float
    open_to_first: float  # opening the plan to its first diagnostics
    check: float  # `trackinglint check` of the same plan, same machine, same minute
    publishes: int  # diagnostics of the edited document received while typing
    lost: int  # bursts whose fresh diagnostics never came within TIMEOUT
    rss_start_mb: float
    rss_max_mb: float
    rss_end_mb: float
    latencies: list[float] = field(default_factory=list)


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_plan", HERE / "gen_plan.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_plan(folder: Path, events: int, layout: str) -> Path:
    """Write the plan; returns the file the edits go to."""
    gen = load_generator()
    plan = gen.build(events, 8, 1)
    folder.mkdir(parents=True)
    (folder / "trackinglint.toml").write_text("")  # the plan's folder is its own project
    if layout == "single":
        path = folder / "plan.yaml"
        path.write_text(gen.to_yaml(plan) + "\n")
        return path
    names = list(plan["events"])
    head = {k: v for k, v in plan.items() if k != "events"}
    (folder / "plan.yaml").write_text(gen.to_yaml(head) + "\n")
    (folder / "events").mkdir()
    size = -(-len(names) // FILES)
    for index in range(FILES):
        chunk = {n: plan["events"][n] for n in names[index * size : (index + 1) * size]}
        body = gen.to_yaml({"trackinglint": 1, "events": chunk})
        (folder / "events" / f"events-{index:02}.yaml").write_text(body + "\n")
    return folder / "events" / f"events-{FILES // 2:02}.yaml"


def burst_text(index: int) -> str:
    """What one burst types above the first event: a new event, valid when done."""
    return (
        f"  Typed Report Exported {index}:\n"
        f"    description: Typed while benchmarking, burst {index}.\n"
        "    kind: job_completion\n"
    )


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("trackinglint-benchmark", "1")
        self.versions: dict[str, int | None] = {}
        self.publishes: dict[str, int] = {}
        self.fresh = asyncio.Event()
        self.waiting: tuple[str, int] | None = None


def make_client() -> Client:
    client = Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(ls: Client, params: types.PublishDiagnosticsParams) -> None:
        ls.versions[params.uri] = params.version
        ls.publishes[params.uri] = ls.publishes.get(params.uri, 0) + 1
        if ls.waiting is not None and ls.waiting == (params.uri, params.version):
            ls.fresh.set()

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def logged(ls: Client, params: types.LogMessageParams) -> None:
        if params.type == types.MessageType.Error:
            print(params.message, file=sys.stderr)

    return client


async def started(root: Path) -> Client:
    client = make_client()
    await client.start_io(*SERVER, cwd=str(root))
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="plans")],
        )
    )
    client.initialized(types.InitializedParams())
    return client


async def wait_for(client: Client, uri: str, version: int, timeout: float) -> float | None:
    """Seconds until diagnostics of `uri` at `version` arrive; None if they never do."""
    start = time.perf_counter()
    if client.versions.get(uri) == version:
        return 0.0
    client.waiting = (uri, version)
    client.fresh.clear()
    try:
        await asyncio.wait_for(client.fresh.wait(), timeout)
    except TimeoutError:
        return None
    finally:
        client.waiting = None
    return time.perf_counter() - start


def open_document(client: Client, path: Path) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=path.as_uri(), language_id="yaml", version=1, text=path.read_text()
            )
        )
    )


async def type_into(layout: str, folder: Path, events: int, edits: int, pause: float) -> Layout:
    edited = write_plan(folder, events, layout)
    check = check_time(folder)
    client = await started(folder)
    pid = client._server.pid if client._server else 0  # the child's pid
    samples = [rss_mb(pid)]
    uri = edited.as_uri()
    text = edited.read_text()
    opened = time.perf_counter()
    open_document(client, edited)
    if layout == "split":
        open_document(client, folder / "plan.yaml")  # an editor shows both
    first = await wait_for(client, uri, 1, TIMEOUT)
    open_to_first = time.perf_counter() - opened if first is not None else float("nan")
    top = text.splitlines().index("events:") + 1  # each burst types a new first event
    version = 1
    latencies: list[float] = []
    lost = done = burst = 0
    client.publishes.clear()
    while done < edits:
        typed = burst_text(burst)[: edits - done]
        line, column = top, 0
        for char in typed:
            version += 1
            position = types.Position(line=line, character=column)
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(version=version, uri=uri),
                    content_changes=[
                        types.TextDocumentContentChangePartial(
                            range=types.Range(start=position, end=position), text=char
                        )
                    ],
                )
            )
            line, column = (line + 1, 0) if char == "\n" else (line, column + 1)
            await asyncio.sleep(pause)
        done += len(typed)
        burst += 1
        waited = await wait_for(client, uri, version, TIMEOUT)
        samples.append(rss_mb(pid))
        if waited is None:
            lost += 1
        else:
            latencies.append(waited)
        fresh = "lost" if waited is None else f"{waited:.2f} s"
        print(f"{layout}: burst {burst}, {done} keystrokes, fresh after {fresh}", file=sys.stderr)
        await asyncio.sleep(0.2)  # the user reads the result
    samples.append(rss_mb(pid))
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    ordered = sorted(latencies) or [float("nan")]
    return Layout(
        name=layout,
        files=1 if layout == "single" else FILES + 1,
        bytes_edited_file=len(text.encode()),
        edits=edits,
        bursts=burst,
        fresh_p50=statistics.median(ordered),
        fresh_p90=ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))],
        fresh_max=ordered[-1],
        open_to_first=open_to_first,
        check=check,
        publishes=client.publishes.get(uri, 0),
        lost=lost,
        rss_start_mb=samples[0],
        rss_max_mb=max(samples),
        rss_end_mb=samples[-1],
        latencies=[round(x, 3) for x in latencies],
    )


async def server_first_diagnostics(plan: Path) -> float:
    start = time.perf_counter()
    client = await started(plan.parent)
    open_document(client, plan)
    waited = await wait_for(client, plan.as_uri(), 1, TIMEOUT)
    took = time.perf_counter() - start
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return took if waited is not None else float("nan")


def check_time(plan: Path) -> float:
    """Wall time of `trackinglint check PLAN` (a file or a folder), a fresh process."""
    start = time.perf_counter()
    subprocess.run([*CHECK, plan.name], capture_output=True, check=False, cwd=plan.parent)
    return time.perf_counter() - start


async def startup(folder: Path, runs: int) -> dict[str, float]:
    example = folder / "crm-after"
    shutil.copytree(REPO / "examples" / "crm-after", example)
    (example / "trackinglint.toml").write_text("")
    plan = example / "plan.yaml"
    server, check = [], []
    for _ in range(runs + 1):  # the first of each is a warm-up (bytecode, file cache)
        server.append(await server_first_diagnostics(plan))
        check.append(check_time(example))  # the plan: the folder the server lints
    server_median = statistics.median(server[1:])
    check_median = statistics.median(check[1:])
    return {
        "server_first_diagnostics": round(server_median, 3),
        "check": round(check_median, 3),
        "difference": round(server_median - check_median, 3),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--edits", type=int, default=1000, help="keystrokes per layout")
    parser.add_argument("--pause", type=float, default=0.08, help="seconds between keystrokes")
    parser.add_argument("--layouts", default="split,single")
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    return parser.parse_args(argv)


async def main_async(args: argparse.Namespace) -> dict[str, object]:
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="tl-server-bench-") as tmp:
        root = Path(tmp)
        if args.startup_runs > 0:
            results["startup"] = await startup(root, args.startup_runs)
        layouts = [name for name in args.layouts.split(",") if name]
        for name in layouts:
            measured = await type_into(name, root / name, args.events, args.edits, args.pause)
            results[name] = asdict(measured)
    return results


def render(results: dict[str, object]) -> str:
    rows = []
    start = results.get("startup")
    if isinstance(start, dict):
        rows.append(
            f"start-up: server to first diagnostics {start['server_first_diagnostics']:.3f} s, "
            f"check {start['check']:.3f} s, difference {start['difference']:+.3f} s "
            "(target <= +0.2 s)"
        )
    targets = {"split": 0.5, "single": 1.5}
    for name, limit in targets.items():
        row = results.get(name)
        if not isinstance(row, dict):
            continue
        rows.append(
            f"{name}: {row['edits']} keystrokes in {row['bursts']} bursts over {row['files']} "
            f"file(s); fresh diagnostics after the last keystroke p50 {row['fresh_p50']:.3f} s, "
            f"p90 {row['fresh_p90']:.3f} s, max {row['fresh_max']:.3f} s (target <= {limit} s); "
            f"lost {row['lost']}; publishes while typing {row['publishes']}; "
            f"open to first diagnostics {row['open_to_first']:.2f} s; `check` of the "
            f"plan {row['check']:.2f} s; RSS start "
            f"{row['rss_start_mb']:.0f} MB, max {row['rss_max_mb']:.0f} MB, end "
            f"{row['rss_end_mb']:.0f} MB"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "0")
    results = asyncio.run(main_async(args))
    print(json.dumps(results, indent=2) if args.json else render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
