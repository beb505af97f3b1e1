"""`trackinglint server` driven by a real LSP client over stdio (pytest-lsp).

Every test starts the server as a user's editor would (`python -m
trackinglint server`), speaks JSON-RPC to it, and checks what it publishes
against the engine's own findings, as the CLI reports them.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES

from trackinglint import __version__

from conftest import REPO

SERVER = [sys.executable, "-m", "trackinglint", "server"]
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
CORE_ONLY = 'select = ["TL0"]\n'
PAGES = "https://github.com/trackinglint/trackinglint/blob/main/rules/"
BAD = (
    "trackinglint: 1\n"
    "events:\n"
    "  Deal Qualified:\n"
    "    kind: job_completoin\n"
    "    properties:\n"
    "      deal_id: {type: string, requried: true}\n"
)
KIND_MESSAGE = (
    'a string ("job_completoin") is not allowed at events."Deal Qualified".kind; '
    "expected one of: job_completion, feature_interaction"
)
KEY_MESSAGE = (
    "unknown key 'requried' at events.\"Deal Qualified\".properties.deal_id; "
    "did you mean 'required'?"
)

pytestmark = pytest.mark.asyncio


class Client(LanguageClient):
    """A test client that keeps every diagnostics notification, with its version."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.published: list[types.PublishDiagnosticsParams] = []


def make_client() -> Client:
    client = Client(converter_factory=default_converter)
    for method, handler in DEFAULT_CLIENT_FEATURES.items():
        if method != PUBLISH:
            client.feature(method)(handler)

    @client.feature(PUBLISH)
    def record(ls: Client, params: types.PublishDiagnosticsParams) -> None:
        ls.published.append(params)
        ls.diagnostics[params.uri] = params.diagnostics

    return client


async def _start(client: Client, root: Path) -> types.InitializeResult:
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="plans")],
        )
    )


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
async def client(lsp_client: Client, tmp_path: Path):
    lsp_client.initialize_result = await _start(lsp_client, tmp_path)
    yield
    try:
        await asyncio.wait_for(lsp_client.shutdown_session(), 20)
    finally:
        _kill_if_running(lsp_client)


def _kill_if_running(client: Client) -> None:
    """pytest-lsp waits for the server to exit: after a failure, make sure it does."""
    if client._server is not None and client._server.returncode is None:
        client._server.kill()


# helpers ------------------------------------------------------------------


def open_doc(client: Client, path: Path, text: str | None = None, language: str = "yaml") -> str:
    text = path.read_text(encoding="utf-8") if text is None else text
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, 1, text))
    )
    return uri


def replace_all(client: Client, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def edit(client: Client, uri: str, version: int, edit: types.TextEdit) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)],
        )
    )


async def published(
    client: Client, uri: str, version: int | None, since: int = 0, timeout: float = 20
) -> list[types.Diagnostic]:
    """The diagnostics published for `uri` at `version`, after notification `since`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        for params in reversed(client.published[since:]):
            if params.uri == uri and params.version == version:
                return list(params.diagnostics)
        await asyncio.sleep(0.02)
    raise AssertionError(f"no diagnostics for {uri} at version {version}: {client.published}")


def shape(diagnostics: list[types.Diagnostic]) -> list[tuple]:
    """Code, 0-based range and message: what a user sees of each diagnostic."""
    return [
        (
            d.code,
            (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character),
            d.message,
        )
        for d in diagnostics
    ]


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected_from_cli(findings: list[dict], root: Path) -> dict[str, list[tuple]]:
    """The CLI's JSON findings as LSP shapes, keyed by file URI (columns in UTF-16)."""
    found: dict[str, list[tuple]] = {}
    for f in findings:
        path = root / f["file"]
        lines = path.read_text(encoding="utf-8").split("\n")
        start = utf16(lines[f["line"] - 1][: f["column"] - 1])
        end = utf16(lines[f["end_line"] - 1][: f["end_column"] - 1])
        where = (f["line"] - 1, start, f["end_line"] - 1, end)
        found.setdefault(path.as_uri(), []).append((f["code"], where, f["message"]))
    return found


async def hover(client: Client, uri: str, line: int, character: int) -> types.Hover | None:
    return await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(line, character))
    )


async def actions(client: Client, uri: str, diagnostics: list[types.Diagnostic]):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            diagnostics[0].range,
            types.CodeActionContext(diagnostics=diagnostics),
        )
    )


# initialize ---------------------------------------------------------------


async def test_initialize_advertises_what_the_server_does(client: Client):
    result = client.initialize_result
    assert (result.server_info.name, result.server_info.version) == ("trackinglint", __version__)
    capabilities = result.capabilities
    assert capabilities.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert capabilities.text_document_sync.open_close is True
    assert capabilities.text_document_sync.save
    assert capabilities.hover_provider is True
    assert list(capabilities.code_action_provider.code_action_kinds) == ["quickfix"]
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16


# diagnostics --------------------------------------------------------------


async def test_bad_plan_gets_exact_diagnostics_and_fixing_it_clears_them(client: Client, write):
    write("trackinglint.toml", CORE_ONLY)
    uri = open_doc(client, write("plan.yaml", BAD))
    found = await published(client, uri, 1)
    assert shape(found) == [
        ("TL002", (3, 10, 3, 24), KIND_MESSAGE),
        ("TL002", (5, 30, 5, 38), KEY_MESSAGE),
    ]
    first = found[0]
    assert first.severity == types.DiagnosticSeverity.Error
    assert first.source == "trackinglint"
    assert first.code_description.href == PAGES + "TL002-schema-violation.md"
    assert first.data == {"name": "schema-violation", "path": 'events."Deal Qualified".kind'}

    fix_key = types.TextEdit(types.Range(types.Position(5, 30), types.Position(5, 38)), "required")
    edit(client, uri, 2, fix_key)
    assert shape(await published(client, uri, 2)) == [("TL002", (3, 10, 3, 24), KIND_MESSAGE)]
    fixed = BAD.replace("job_completoin", "job_completion").replace("requried", "required")
    replace_all(client, uri, 3, fixed)
    assert await published(client, uri, 3) == []


async def test_diagnostics_equal_the_cli_findings(client: Client, write, cli, tmp_path):
    for example in ("crm-before", "crm-after"):
        shutil.copytree(REPO / "examples" / example, tmp_path / example)
    write("emoji/plan.yaml", BAD.replace("Deal Qualified", "Deal 🚀 Qualified"))
    files = sorted(p for p in tmp_path.rglob("*.yaml"))
    assert len(files) == 5
    uris = {path.as_uri(): open_doc(client, path) for path in files}
    expected: dict[str, list[tuple]] = {}
    for folder in ("crm-before", "crm-after", "emoji"):
        run = cli("check", "--output-format", "json", folder)
        assert run.code == (0 if folder == "crm-after" else 1)
        expected.update(expected_from_cli(run.json(), tmp_path))
    for uri in uris:
        assert shape(await published(client, uri, 1)) == expected.get(uri, []), uri
    before = {code for code, _, _ in expected[(tmp_path / "crm-before" / "plan.yaml").as_uri()]}
    assert {"TL103", "TL104", "TL110", "TL113"} <= before
    emoji = expected[(tmp_path / "emoji" / "plan.yaml").as_uri()]
    assert ("TL002", (5, 30, 5, 38), KEY_MESSAGE.replace("Deal ", "Deal 🚀 ")) in emoji
    assert ("TL002", (3, 10, 3, 24), KIND_MESSAGE.replace("Deal ", "Deal 🚀 ")) in emoji


async def test_positions_follow_the_encoding_the_client_prefers(tmp_path, write):
    """Neovim offers UTF-8 first: columns are then counted in bytes, edits too."""
    config = ClientServerConfig(server_command=SERVER, client_factory=make_client)
    client = await config.start()
    try:
        capabilities = client_capabilities("neovim")
        assert capabilities.general.position_encodings[0] == types.PositionEncodingKind.Utf8
        result = await client.initialize_session(
            types.InitializeParams(capabilities=capabilities, root_uri=tmp_path.as_uri())
        )
        assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
        write("trackinglint.toml", CORE_ONLY)
        line = "  Deal 🚀 Qualified: {kind: nope}"
        uri = open_doc(client, write("plan.yaml", f"trackinglint: 1\nevents:\n{line}\n"))
        start = len(line[: line.index("nope")].encode())  # the emoji is 4 bytes, 1 character
        assert start == line.index("nope") + 3
        [nope] = await published(client, uri, 1)
        assert (nope.code, nope.range) == (
            "TL002", types.Range(types.Position(2, start), types.Position(2, start + 4))
        )  # fmt: skip
        qualified = len(line[: line.index("Qualified")].encode())
        rename = types.Range(types.Position(2, qualified), types.Position(2, qualified + 9))
        edit(client, uri, 2, types.TextEdit(rename, "Won"))  # an edit in bytes, too
        [nope] = await published(client, uri, 2)
        assert nope.message.startswith('a string ("nope") is not allowed at events."Deal 🚀 Won"')
        assert nope.range.start == types.Position(2, start - 6)
        await asyncio.wait_for(client.shutdown_session(), 20)
    finally:
        _kill_if_running(client)
        await client.stop()


async def test_a_change_to_one_file_updates_the_other_files_of_the_plan(client: Client, write):
    write("trackinglint.toml", 'select = ["TL0", "TL208"]\n')
    plan = write(
        "plan/plan.yaml",
        "trackinglint: 1\njobs:\n  qualify-deal:\n    completion: Deal Qualified\n",
    )
    events = write(
        "plan/events/deals.yaml",
        "trackinglint: 1\nevents:\n  Deal Qualified:\n    job: qualify-deal\n",
    )
    plan_uri, events_uri = open_doc(client, plan), open_doc(client, events)
    assert await published(client, events_uri, 1) == []
    since = len(client.published)
    renamed = plan.read_text().replace("qualify-deal", "qualify-deals")
    replace_all(client, plan_uri, 2, renamed)  # unsaved: the server reads the buffer
    assert shape(await published(client, events_uri, 1, since)) == [
        (
            "TL208",
            (3, 9, 3, 21),
            "event 'Deal Qualified' refers to job 'qualify-deal', which the plan does not "
            "define; did you mean 'qualify-deals'?",
        )
    ]
    assert await published(client, plan_uri, 2) == []
    since = len(client.published)
    replace_all(client, plan_uri, 3, plan.read_text())
    assert await published(client, events_uri, 1, since) == []


async def test_untitled_documents_are_linted_alone(client: Client, write):
    write("trackinglint.toml", CORE_ONLY)  # the workspace's configuration applies
    uri = "untitled:Untitled-1"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, BAD))
    )
    assert shape(await published(client, uri, 1)) == [
        ("TL002", (3, 10, 3, 24), KIND_MESSAGE),
        ("TL002", (5, 30, 5, 38), KEY_MESSAGE),
    ]
    replace_all(client, uri, 2, "just: some yaml\n")  # no longer a plan: nothing to say
    assert await published(client, uri, 2) == []


async def test_closing_a_document_clears_its_diagnostics(client: Client, write):
    write("trackinglint.toml", CORE_ONLY)
    uri = open_doc(client, write("plan.yaml", BAD))
    assert len(await published(client, uri, 1)) == 2
    since = len(client.published)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
    )
    assert await published(client, uri, None, since) == []


async def test_files_that_are_not_plans_get_no_diagnostics(client: Client, write):
    write("trackinglint.toml", CORE_ONLY)
    other = open_doc(client, write("ci.yaml", "on: push\njobs: {}\n"))
    plan = open_doc(client, write("plan.yaml", BAD))
    await published(client, plan, 1)
    assert [p.uri for p in client.published] == [plan]
    assert other not in client.diagnostics


async def test_a_bad_configuration_is_reported_on_the_document(client: Client, write):
    config = write("trackinglint.toml", 'selct = ["TL0"]\n')
    uri = open_doc(client, write("plan.yaml", BAD))
    [problem] = await published(client, uri, 1)
    message = f"{config}:1: 'selct': unknown key; did you mean 'select'?"
    assert problem.message == f"configuration error, nothing was linted: {message}"
    assert (problem.severity, problem.code) == (types.DiagnosticSeverity.Error, None)
    assert any(m.message == f"trackinglint: {message}" for m in client.log_messages)
    config.write_text(CORE_ONLY)
    since = len(client.published)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri))
    )
    assert [d.code for d in await published(client, uri, 1, since)] == ["TL002", "TL002"]


# robustness ---------------------------------------------------------------


async def test_invalid_yaml_and_half_typed_plans_keep_the_server_serving(client: Client, write):
    write("trackinglint.toml", CORE_ONLY)
    uri = open_doc(client, write("plan.yaml", "trackinglint: 1\nevents: [unclosed\n"))
    assert shape(await published(client, uri, 1)) == [
        (
            "TL001",
            (2, 0, 2, 1),
            "did not find expected ',' or ']' (while parsing a flow sequence on line 2)",
        )
    ]
    replace_all(client, uri, 2, "trackinglint: 1\nevents:\n  Deal Qual")
    assert shape(await published(client, uri, 2)) == [
        ("TL002", (2, 2, 2, 11), 'expected a mapping at events, got a string ("Deal Qual")')
    ]
    replace_all(client, uri, 3, "trackinglint: 1\nevents:\n\tA: {}\n")
    [tab] = await published(client, uri, 3)
    assert (tab.code, tab.range.start.line, tab.range.start.character) == ("TL001", 2, 0)
    replace_all(client, uri, 4, "trackinglint: 1\nevents: {A: {}}\n\x00\ufffe")
    assert [d.code for d in await published(client, uri, 4)] == ["TL001"]
    replace_all(client, uri, 5, "trackinglint: 1\nevents:\n  Deal Qualified: {}\n")
    assert await published(client, uri, 5) == []
    assert await hover(client, uri, 2, 4) is not None  # still answering requests


async def test_rapid_edits_are_debounced_and_end_current(client: Client, write):
    write("trackinglint.toml", CORE_ONLY)
    start = "trackinglint: 1\nevents:\n  Deal Qualified:\n    kind: "
    uri = open_doc(client, write("plan.yaml", start + "job_completion\n"))
    assert await published(client, uri, 1) == []
    since = len(client.published)
    typed = "feature_interactoin"
    version = 1
    replace_all(client, uri, version := version + 1, start)
    for count in range(1, len(typed) + 1):  # one keystroke at a time, as fast as possible
        replace_all(client, uri, version := version + 1, start + typed[:count] + "\n")
    final = await published(client, uri, version, since)
    assert shape(final) == [
        (
            "TL002",
            (3, 10, 3, 29),
            'a string ("feature_interactoin") is not allowed at events."Deal Qualified".kind; '
            "expected one of: job_completion, feature_interaction",
        )
    ]
    await asyncio.sleep(0.5)  # nothing stale may arrive after the final version
    later = [p.version for p in client.published[since:] if p.uri == uri]
    assert later[-1] == version
    assert len(later) < 5, later  # 20 edits, a handful of runs at most


MELTDOWN_PLUGIN = '''
"""A rule that raises what the engine does not contain: the whole lint run fails."""
from trackinglint import Severity, hookimpl, rule


class Meltdown(BaseException):
    pass


@rule("XB900", "melts-down", severity=Severity.ERROR, group="sample")
def melts_down(ctx):
    """Fails the run on a plan with an event named Explode."""
    if "Explode" in ctx.plan.events:
        raise Meltdown("the rule melted down")
    return []


@hookimpl
def get_rules():
    return [melts_down]
'''


@pytest.fixture
def plugin_site(tmp_path: Path) -> Path:
    """An installed plugin distribution whose rule raises a BaseException."""
    site = tmp_path / "site"
    info = site / "meltdown-0.1.dist-info"
    info.mkdir(parents=True)
    (site / "meltdown.py").write_text(MELTDOWN_PLUGIN)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: meltdown\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[trackinglint]\nmeltdown = meltdown\n")
    return site


async def test_a_crashed_run_is_logged_and_the_server_keeps_serving(plugin_site, tmp_path, write):
    env = {**os.environ, "PYTHONPATH": str(plugin_site)}
    config = ClientServerConfig(server_command=SERVER, client_factory=make_client, server_env=env)
    client = await config.start()
    try:
        await _start(client, tmp_path / "ws")
        write("ws/trackinglint.toml", 'select = ["TL0", "XB9"]\n')
        exploding = "trackinglint: 1\nevents:\n  Explode: {}\n"
        uri = open_doc(client, write("ws/plan.yaml", exploding))
        crashes = []
        for _ in range(500):
            crashes = [m for m in client.log_messages if "lint run crashed" in m.message]
            if crashes:
                break
            await asyncio.sleep(0.02)
        assert len(crashes) == 1, client.log_messages
        assert crashes[0].type == types.MessageType.Error
        assert "Meltdown: the rule melted down" in crashes[0].message
        assert [p.uri for p in client.published] == []  # nothing stale, nothing invented
        replace_all(client, uri, 2, BAD)
        assert [d.code for d in await published(client, uri, 2)] == ["TL002", "TL002"]
        assert await hover(client, uri, 2, 4) is not None
        await asyncio.wait_for(client.shutdown_session(), 20)
    finally:
        _kill_if_running(client)
        await client.stop()


# hover --------------------------------------------------------------------


def _classification(cli, folder: str) -> dict:
    run = cli("classify", "--output-format", "json", folder)
    assert run.code == 0
    data = run.json()
    return {v["name"]: v for v in data["events"] + data["metrics"]}


def _plain(markdown: str) -> str:
    return markdown.replace("\\", "")


async def test_hover_on_an_event_shows_its_classification(client: Client, cli, tmp_path):
    shutil.copytree(REPO / "examples" / "crm-before", tmp_path / "crm-before")
    path = tmp_path / "crm-before" / "plan.yaml"
    lines = path.read_text().splitlines()
    line = lines.index("  Help Center Visited:")
    uri = open_doc(client, path)
    await published(client, uri, 1)
    verdict = _classification(cli, "crm-before")["Help Center Visited"]
    assert (verdict["kind"], verdict["friction"]) == ("feature_interaction", True)
    found = await hover(client, uri, line, 7)
    assert found.range == types.Range(types.Position(line, 2), types.Position(line, 21))
    assert found.contents.kind == types.MarkupKind.Markdown
    text = found.contents.value.splitlines()
    assert text[:3] == [
        "**Help Center Visited**: feature interaction (motion), a friction signal",
        "",
        f"confidence {verdict['confidence']:.2f} · inferred (no `kind:` declared)",
    ]
    details = [_plain(row[2:].rsplit(" (", 1)[0]) for row in text if row.startswith("- ")]
    assert details == [e["detail"] for e in verdict["evidence"]]
    # a reference to the event, in a metric, shows the same verdict
    metric_line = next(i for i, t in enumerate(lines) if t == "    event: Help Center Visited")
    again = await hover(client, uri, metric_line, 14)
    assert again.contents.value == found.contents.value


async def test_hover_on_a_metric_shows_surface_or_outcome_and_why(client: Client, cli, tmp_path):
    shutil.copytree(REPO / "examples" / "crm-after", tmp_path / "crm-after")
    shutil.copytree(REPO / "examples" / "crm-before", tmp_path / "crm-before")
    before = tmp_path / "crm-before" / "plan.yaml"
    after = tmp_path / "crm-after" / "plan.yaml"
    before_uri, after_uri = open_doc(client, before), open_doc(client, after)
    logins = _classification(cli, "crm-before")["Daily logins"]
    lines = before.read_text().splitlines()
    found = await hover(client, before_uri, lines.index("  Daily logins:"), 3)
    assert found.contents.value.splitlines()[:3] == [
        "**Daily logins**: surface metric (counts motion)",
        "",
        f"confidence {logins['confidence']:.2f} · {logins['reason']}",
    ]
    shown = next(i for i, t in enumerate(lines) if t.strip() == "- Daily logins")
    assert (await hover(client, before_uri, shown, 10)).contents.value == found.contents.value
    star = _classification(cli, "crm-after")["Deals qualified per rep per week"]
    assert star["kind"] == "outcome"
    lines = after.read_text().splitlines()
    found = await hover(client, after_uri, lines.index("  Deals qualified per rep per week:"), 5)
    assert found.contents.value.splitlines()[0] == (
        "**Deals qualified per rep per week**: outcome metric (counts progress)"
    )
    assert _plain(star["reason"]) in _plain(found.contents.value)


async def test_hover_elsewhere_shows_nothing(client: Client, write):
    write("trackinglint.toml", CORE_ONLY)
    uri = open_doc(client, write("plan.yaml", BAD))
    await published(client, uri, 1)
    assert await hover(client, uri, 3, 5) is None  # on `kind:`
    assert await hover(client, uri, 40, 0) is None  # past the end
    other = open_doc(client, write("other.yaml", "not: a plan\n"))
    assert await hover(client, other, 0, 1) is None


# code actions -------------------------------------------------------------


async def test_quick_fix_adds_a_suppression_the_engine_honours(client: Client, write):
    write("trackinglint.toml", CORE_ONLY)
    text = BAD.replace("job_completoin", "job_completoin  # trackinglint: ignore[TL104]")
    uri = open_doc(client, write("plan.yaml", text))
    found = await published(client, uri, 1)
    assert [(d.code, d.range.start.line) for d in found] == [
        ("TL002", 3), ("TL003", 3), ("TL002", 5)
    ]  # fmt: skip
    [merge] = await actions(client, uri, [found[0]])
    assert merge.title == "Ignore TL002 (schema-violation) on this line"
    assert merge.kind == types.CodeActionKind.QuickFix
    assert changes(merge, uri) == [
        types.TextEdit(types.Range(types.Position(3, 54), types.Position(3, 54)), ", TL002")
    ]
    [append] = await actions(client, uri, [found[2]])
    assert changes(append, uri) == [
        types.TextEdit(
            types.Range(types.Position(5, 45), types.Position(5, 45)),
            "  # trackinglint: ignore[TL002]",
        )
    ]
    # TL003 goes by removing the comment (the fix `check --fix` makes), not by adding one
    [remove] = await actions(client, uri, [found[1]])
    assert remove.title == "Remove the unused suppression comment"
    assert changes(remove, uri) == [
        types.TextEdit(types.Range(types.Position(3, 24), types.Position(3, 55)), "")
    ]
    edit(client, uri, 2, changes(append, uri)[0])
    edit(client, uri, 3, changes(merge, uri)[0])
    after = await published(client, uri, 3)
    assert [(d.code, d.message) for d in after] == [
        ("TL003", "suppression of TL104 matches no finding here; remove it")
    ]


async def test_a_misspelled_key_gets_the_rename_fix_in_json_too(client: Client, write):
    write("trackinglint.toml", CORE_ONLY)
    path = write("plan.json", '{"trackinglint": 1, "events": {"A": {"descripton": "a"}}}\n')
    uri = open_doc(client, path, language="json")
    found = await published(client, uri, 1)
    assert [d.code for d in found] == ["TL002"]
    [rename] = await actions(client, uri, found)
    assert rename.title == "Rename 'descripton' to 'description'"
    assert changes(rename, uri) == [
        types.TextEdit(types.Range(types.Position(0, 46), types.Position(0, 46)), "i")
    ]


async def test_json_documents_get_no_suppression_fix(client: Client, write):
    write("trackinglint.toml", CORE_ONLY)
    path = write("plan.json", '{"trackinglint": 1, "events": {"A": {"kind": "nope"}}}\n')
    uri = open_doc(client, path, language="json")
    found = await published(client, uri, 1)
    assert [d.code for d in found] == ["TL002"]
    assert list(await actions(client, uri, found)) == []


def changes(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    """The edits of an action, which must change `uri` and nothing else."""
    assert list(action.edit.changes) == [uri]
    return list(action.edit.changes[uri])
