"""The `trackinglint server` process: how it starts and how it ends.

Spoken to with hand-framed JSON-RPC, without a client library, so these hold
whatever the client side does: the process answers `initialize`, exits 0
after `shutdown` and `exit`, and exits (1) rather than lingering when the
editor simply goes away.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

SERVER = [sys.executable, "-m", "trackinglint", "server"]


def _frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


@pytest.mark.parametrize(("polite", "code"), [(True, 0), (False, 1)])
def test_the_process_exits_when_the_client_goes(tmp_path, polite, code):
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
    ]  # fmt: skip
    if polite:
        messages.append({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        messages.append({"jsonrpc": "2.0", "method": "exit"})
    done = subprocess.run(
        SERVER, input=b"".join(map(_frame, messages)), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == code
    assert b'"name": "trackinglint"' in done.stdout
    assert b"Traceback" not in done.stderr


def test_server_rejects_a_bad_debounce(cli):
    run = cli("server", "--debounce", "-1")
    assert run.code == 2
    assert "--debounce: expected a number of seconds from 0 to 10" in run.err
