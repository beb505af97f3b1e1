"""The language server on source files: drift diagnostics (TL3xx) and hover on event
names in calls, driven by a real LSP client over stdio (pytest-lsp), against the
findings `trackinglint check --code-files` reports for the same file."""

from __future__ import annotations

import asyncio
import shutil
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
    hover,
    make_client,
    open_doc,
    published,
    replace_all,
    shape,
)

DATA = Path(__file__).parent / "data" / "code-drift"
CART = 'export const add = () => analytics.track("Order Completed", { order_id: "o1" });\n'

pytestmark = pytest.mark.asyncio


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path, dirs_exist_ok=True)
    (tmp_path / "trackinglint.toml").write_text('code = ["src"]\n', encoding="utf-8")
    (tmp_path / "src" / "web" / "cart.ts").write_text(CART, encoding="utf-8")
    return tmp_path


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
async def client(lsp_client: Client, repo: Path):
    lsp_client.initialize_result = await _start(lsp_client, repo)
    yield
    try:
        await lsp_client.shutdown_session()
    finally:
        _kill_if_running(lsp_client)


async def test_a_source_file_gets_the_drift_findings_check_reports(client: Client, cli, repo):
    paths = [repo / "src" / "web" / "checkout.ts", repo / "src" / "server" / "accounts.py"]
    uris = [open_doc(client, path, language=path.suffix[1:]) for path in paths]
    run = cli("check", "--code-files", "src/web/checkout.ts", "src/server/accounts.py",
              "--output-format", "json")  # fmt: skip
    assert run.code == 1
    expected = expected_from_cli(run.json(), repo)
    checkout = shape(await published(client, uris[0], 1))
    assert checkout == expected[uris[0]]
    assert [(code, where[:2]) for code, where, _ in checkout] == [
        ("TL301", (4, 2)),
        ("TL303", (5, 2)),
        ("TL304", (5, 2)),
        ("TL305", (5, 2)),
        ("TL305", (5, 2)),
        ("TL306", (7, 2)),
    ]
    assert checkout[0][2] == (
        "event 'Order Compleeted' is sent here but is not in the plan; "
        "did you mean 'Order Completed'?"
    )
    accounts = shape(await published(client, uris[1], 1))
    assert accounts == expected[uris[1]]
    assert [code for code, _, _ in accounts] == ["TL301", "TL305"]


async def test_unsaved_edits_wait_for_the_save(client: Client, repo):
    path = repo / "src" / "web" / "cart.ts"
    uri = open_doc(client, path, language="typescript")
    assert await published(client, uri, 1) == []
    typo = CART.replace("Order Completed", "Order Complete")
    replace_all(client, uri, 2, typo)
    await asyncio.sleep(0.6)  # past the debounce: the calls on disk are not the text shown
    assert [p.version for p in client.published if p.uri == uri] == [1]
    path.write_text(typo, encoding="utf-8")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri))
    )
    found = shape(await published(client, uri, 2))
    assert found == [
        (
            "TL301",
            (0, 25, 0, 78),
            "event 'Order Complete' is sent here but is not in the plan; "
            "did you mean 'Order Completed'?",
        )
    ]


async def test_hover_on_an_event_name_in_a_call_shows_the_plans_entry(client: Client, repo):
    uri = open_doc(client, repo / "src" / "web" / "cart.ts", language="typescript")
    await published(client, uri, 1)
    column = CART.index("Order Completed")
    found = await hover(client, uri, 0, column + 3)
    assert found is not None
    assert found.range == types.Range(
        types.Position(0, column), types.Position(0, column + len("Order Completed"))
    )
    assert found.contents.value.splitlines()[0] == "**Order Completed**: job completion (progress)"
    assert await hover(client, uri, 0, CART.index("analytics") + 2) is None  # not the name
    checkout = open_doc(client, repo / "src" / "web" / "checkout.ts", language="typescript")
    await published(client, checkout, 1)
    assert await hover(client, checkout, 4, 22) is None  # 'Order Compleeted': not planned


async def test_files_outside_the_code_paths_are_left_alone(client: Client, repo):
    (repo / "trackinglint.toml").write_text('code = ["src/server"]\n', encoding="utf-8")
    outside = open_doc(client, repo / "src" / "web" / "cart.ts", language="typescript")
    inside = open_doc(client, repo / "src" / "server" / "accounts.py", language="python")
    assert [d.code for d in await published(client, inside, 1)] == ["TL301", "TL305"]
    assert [p.uri for p in client.published if p.uri == outside] == []


async def test_an_edit_to_the_plan_updates_the_open_source_files(client: Client, repo):
    cart = open_doc(client, repo / "src" / "web" / "cart.ts", language="typescript")
    assert await published(client, cart, 1) == []
    plan_path = repo / "plans" / "plan.yaml"
    plan = open_doc(client, plan_path)
    await published(client, plan, 1)
    since = len(client.published)
    renamed = plan_path.read_text(encoding="utf-8").replace("Order Completed:", "Order Paid:")
    replace_all(client, plan, 2, renamed)  # unsaved: the server reads the editor's text
    for _ in range(200):  # (a run for opening the plan may publish first)
        found = shape(await published(client, cart, 1, since=since))
        if found:
            break
        await asyncio.sleep(0.05)
    assert found == [
        ("TL301", (0, 25, 0, 79), "event 'Order Completed' is sent here but is not in the plan")
    ]
