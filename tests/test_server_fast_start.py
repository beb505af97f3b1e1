"""The fast start (server/fast_start.py) answers as pygls would.

It speaks plain JSON-RPC before pygls is imported, so what it sends must be
what pygls sends for the same server: the same `initialize` answer for each
kind of client, and the same diagnostics, byte for byte once parsed.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import client_capabilities

from trackinglint import Engine
from trackinglint.plugins import build_registry
from trackinglint.server.diagnostics import rule_links, to_diagnostic
from trackinglint.server.fast_start import _answer, _encoding, diagnostic_json
from trackinglint.server.fast_start import rule_links as fast_rule_links
from trackinglint.server.positions import units_for
from trackinglint.server.server import build_server

from conftest import REPO

SERVER = [sys.executable, "-m", "trackinglint", "server"]


def _frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def _messages(stream: bytes) -> list[dict]:
    found = []
    while stream:
        head, _, rest = stream.partition(b"\r\n\r\n")
        length = next(
            int(line.split(b":")[1]) for line in head.split(b"\r\n") if b"Content-Length" in line
        )
        found.append(json.loads(rest[:length]))
        stream = rest[length:]
    return found


@pytest.mark.parametrize("client", ["visual-studio-code", "neovim", "emacs"])
def test_the_initialize_answer_is_the_one_pygls_computes(client):
    capabilities = client_capabilities(client)
    converter = default_converter()
    server = build_server()
    protocol = server.protocol
    params = types.InitializeParams(capabilities=capabilities)
    steps = protocol.lsp_initialize(params)
    with pytest.raises(StopIteration) as answered:
        next(steps)
    pygls = json.loads(json.dumps(converter.unstructure(answered.value.value), default=str))
    offered = json.loads(json.dumps(converter.unstructure(capabilities), default=str))
    assert _answer(offered) == pygls


def test_an_offer_of_utf8_first_is_taken():
    assert _encoding({"general": {"positionEncodings": ["utf-8", "utf-16"]}}) == "utf-8"
    assert _encoding({"general": {"positionEncodings": ["utf-7"]}}) == "utf-16"
    assert _encoding({}) == "utf-16"


def test_diagnostics_are_the_json_of_the_servers_own():
    converter = default_converter()
    registry = build_registry(load_entry_points=False)
    result = Engine(registry).lint([REPO / "examples" / "crm-before"])
    document = next(iter(result.documents.values()))
    links = rule_links(registry.rules)
    assert fast_rule_links(registry.rules) == links
    assert len(result.findings) > 20
    for encoding in ("utf-16", "utf-8"):
        units = units_for(encoding)
        for finding in result.findings:
            served = converter.unstructure(to_diagnostic(finding, document, units, links))
            assert diagnostic_json(finding, document, units, links) == served


def test_the_first_diagnostics_come_before_pygls_and_pygls_carries_on(tmp_path):
    """One session through the real process: the fast start's answer and
    diagnostics, then pygls answering a hover on the same document."""
    plan = tmp_path / "plan.yaml"
    plan.write_text((REPO / "examples" / "crm-before" / "plan.yaml").read_text())
    (tmp_path / "trackinglint.toml").write_text("")
    document = {"uri": plan.as_uri(), "languageId": "yaml", "version": 1, "text": plan.read_text()}
    hover = {"textDocument": {"uri": plan.as_uri()}, "position": {"line": 19, "character": 4}}
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": document}},
    ]  # fmt: skip
    server = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert server.stdin is not None and server.stdout is not None
    server.stdin.write(b"".join(map(_frame, messages)))
    server.stdin.flush()
    first = _read(server.stdout)
    assert first["id"] == 1 and first["result"]["serverInfo"]["name"] == "trackinglint"
    published = _read(server.stdout)
    assert published["method"] == "textDocument/publishDiagnostics"
    assert published["params"]["version"] == 1
    check = subprocess.run(
        [*SERVER[:-1], "check", "--output-format", "json", plan.name],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    expected = [(f["code"], f["line"], f["message"]) for f in json.loads(check.stdout)]
    shown = [
        (d["code"], d["range"]["start"]["line"] + 1, d["message"])
        for d in published["params"]["diagnostics"]
    ]
    assert shown == expected
    server.stdin.write(_frame({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
                               "params": hover}))  # fmt: skip
    server.stdin.flush()
    while "id" not in (answer := _read(server.stdout)):
        pass  # the server's own publish of the same diagnostics
    assert answer["id"] == 2  # not 1 again: the replayed initialize is not answered
    assert "Signed In" in answer["result"]["contents"]["value"]
    server.stdin.write(_frame({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}))
    server.stdin.write(_frame({"jsonrpc": "2.0", "method": "exit"}))
    server.stdin.close()
    rest = _messages(server.stdout.read())
    assert server.wait(timeout=60) == 0
    assert [m["id"] for m in rest if "id" in m] == [3]


def _read(stream) -> dict:
    length = 0
    while (line := stream.readline().strip()) != b"":
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    return json.loads(stream.read(length))
