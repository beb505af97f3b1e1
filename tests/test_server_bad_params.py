"""A request whose params have the wrong types gets an error response, over stdio.

pygls drops such a request after logging it, so an editor would wait forever
(issue 14); the server answers InvalidParams instead and keeps serving.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pytest_lsp import ClientServerConfig

from test_server import SERVER, Client, _kill_if_running, _start, make_client, open_doc

pytestmark = pytest.mark.asyncio


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
async def client(lsp_client: Client, tmp_path: Path):
    await _start(lsp_client, tmp_path)
    yield
    try:
        await asyncio.wait_for(lsp_client.shutdown_session(), 20)
    finally:
        _kill_if_running(lsp_client)


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("textDocument/hover", {"textDocument": {"uri": 7}, "position": {"line": "x"}}),
        ("textDocument/hover", {"textDocument": "plan.yaml", "position": [0, 0]}),
        ("textDocument/codeAction", {"textDocument": {"uri": "file:///p.yaml"}, "range": 3}),
        ("textDocument/hover", None),
    ],
)
async def test_a_request_with_wrongly_typed_params_gets_an_error(
    client: Client, tmp_path: Path, method: str, params: object
) -> None:
    # sent as raw JSON: the client's own typed API would refuse to send such params
    answer: asyncio.Future = asyncio.get_running_loop().create_future()
    client.protocol._request_futures["bad-1"] = answer
    request = {"jsonrpc": "2.0", "id": "bad-1", "method": method, "params": params}
    client.protocol._send_data(request)
    with pytest.raises(JsonRpcInvalidParams) as raised:
        await asyncio.wait_for(answer, 10)
    assert raised.value.message.startswith(f"{method}: params do not match the LSP types")
    # and the server still answers the next request
    plan = tmp_path / "plan.yaml"
    plan.write_text("trackinglint: 1\nevents:\n  Order Completed: {}\n", encoding="utf-8")
    uri = open_doc(client, plan)
    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(2, 4))
        ),
        10,
    )
    assert hover is None or hover.contents
