"""The language server under a storm of edits (issue 14), driven by a real client over stdio.

Random edits, many leaving a document invalid for a while, are sent across many
documents without waiting. Then: every document's last version is published,
its diagnostics equal `check` on the final texts, hover answers quickly, and the
server's memory settles (a second storm does not keep it growing).

The suite runs a small storm; STORM_EDITS=1000 STORM_DOCS=200 runs the issue's.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig

from test_server import (
    SERVER,
    Client,
    _kill_if_running,
    _start,
    expected_from_cli,
    make_client,
    open_doc,
    shape,
)

pytestmark = pytest.mark.asyncio

EDITS = int(os.environ.get("STORM_EDITS", "150"))
DOCS = int(os.environ.get("STORM_DOCS", "20"))
PLAN = (
    "trackinglint: 1\n"
    "events:\n"
    "  Invoice Paid:\n"
    "    description: A customer paid an invoice.\n"
    "    kind: job_completion\n"
    "    properties:\n"
    "      amount: {type: number, minimum: 0, description: Amount paid.}\n"
    "      currency: {type: string, enum: [EUR, USD], description: ISO code.}\n"
    "  Invoice Viewed:\n"
    "    description: Someone opened an invoice.\n"
)
SNIPPETS = ["x", " ", "\n", ":", "- ", "{", "}", "[", "]", "'", '"', "\t", "type: strin",
            "  Report Exported: {}\n", "&a", "*a", "#", "9" * 50, "requried: x", "é"]  # fmt: skip


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
async def client(lsp_client: Client, tmp_path: Path):
    await _start(lsp_client, tmp_path)
    yield
    try:
        await asyncio.wait_for(lsp_client.shutdown_session(), 60)
    finally:
        _kill_if_running(lsp_client)


def _position(text: str, offset: int) -> types.Position:
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return types.Position(line, len(text[start:offset].encode("utf-16-le")) // 2)


def _storm(client: Client, docs: dict[str, list], edits: int, rng: random.Random) -> None:
    """Random incremental edits; `docs` maps uri -> [text, version], kept in step."""
    uris = sorted(docs)
    for _ in range(edits):
        uri = rng.choice(uris)
        text, version = docs[uri]
        start = rng.randrange(len(text) + 1)
        end = min(len(text), start + rng.choice([0, 0, 1, 3, 12]))
        new = rng.choice(SNIPPETS) if rng.random() < 0.8 else ""
        if rng.random() < 0.1:  # now and then the user undoes everything: a valid plan again
            start, end, new = 0, len(text), PLAN
        change = types.TextDocumentContentChangePartial(
            range=types.Range(_position(text, start), _position(text, end)), text=new
        )
        docs[uri] = [text[:start] + new + text[end:], version + 1]
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version + 1), [change]
            )
        )


async def _settled(client: Client, docs: dict[str, list], timeout: float) -> dict[str, list]:
    """Wait until every document's last version is published; its diagnostics."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        latest = {}
        for params in client.published:
            latest[params.uri] = params
        if all(uri in latest and latest[uri].version == v for uri, (_, v) in docs.items()):
            return {uri: list(latest[uri].diagnostics) for uri in docs}
        if loop.time() > deadline:
            behind = [u for u, (_, v) in docs.items() if u not in latest or latest[u].version != v]
            raise AssertionError(f"{len(behind)} documents never published their last version")
        await asyncio.sleep(0.05)


def _rss_kb(client: Client) -> int:
    status = Path(f"/proc/{client._server.pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))


async def test_a_storm_of_edits_leaves_diagnostics_equal_to_check(client: Client, cli, tmp_path):
    rng = random.Random(14)
    docs: dict[str, list] = {}
    for index in range(DOCS):
        path = tmp_path / f"team{index:03}" / "plan.yaml"
        path.parent.mkdir()
        path.write_text(PLAN, encoding="utf-8")
        docs[open_doc(client, path)] = [PLAN, 1]
    await _settled(client, docs, timeout=120)
    before = _rss_kb(client)

    _storm(client, docs, EDITS, rng)
    published = await _settled(client, docs, timeout=300)
    after_first = _rss_kb(client)

    # final diagnostics equal `check` on the final texts
    for uri, (text, _) in docs.items():
        Path(uri.removeprefix("file://")).write_text(text, encoding="utf-8")
    run = cli("check", "--output-format", "json", *(f"team{i:03}" for i in range(DOCS)))
    expected = expected_from_cli(run.json(), tmp_path)
    for uri in docs:  # code, start and message (an end past the last character is clamped)
        got = sorted((c, where[:2], m) for c, where, m in shape(published[uri]))
        assert got == sorted((c, where[:2], m) for c, where, m in expected.get(uri, [])), uri

    # hover answers quickly once the storm is over
    times = []
    for uri in sorted(docs)[:20]:
        began = time.perf_counter()
        await client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(2, 4))
        )
        times.append(time.perf_counter() - began)
    assert statistics.median(times) < 0.1, times

    # memory settles: a second storm of the same size does not keep it growing
    _storm(client, docs, EDITS, rng)
    await _settled(client, docs, timeout=300)
    after_second = _rss_kb(client)
    print(f"\nRSS kB: opened {before}, after storm 1 {after_first}, after storm 2 {after_second}")
    print(f"hover s: median {statistics.median(times):.4f}, max {max(times):.4f}")
    assert after_second - after_first < max(0.25 * (after_first - before), 30_000)
