"""`trackinglint scan`: calls found in real SDK call shapes, in every language, with
the exact event, place, SDK, enclosing function and properties."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from trackinglint.cli import main

DATA = Path(__file__).parent / "data" / "code-sdk"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(DATA, tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    return tmp_path / "repo"


def scan_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict], str]:
    code = main(["scan", *args, "--output-format", "json"])
    out, err = capsys.readouterr()
    return code, json.loads(out)["calls"], err


def test_every_language_and_sdk_exactly(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, calls, err = scan_json(capsys, "src", "--track-function", "trackEvent", "--no-cache")
    assert code == 0, err
    found = {(c["path"], c["line"], c["column"]): (c["event"], c["sdk"], c["function"],
                                                   c["properties"]) for c in calls}  # fmt: skip
    assert found == {
        ("src/mobile/Checkout.java", 3, 5): ("Order Completed", "segment", "done",
                                             {"revenue": "number"}),
        ("src/mobile/Feed.swift", 3, 9): ("Feed Opened", "segment", "open", {"unread": "integer"}),
        ("src/mobile/Feed.swift", 4, 9): ("share", "firebase", "open",
                                          {"content_type": "string"}),
        ("src/mobile/Player.kt", 3, 9): ("Song Played", "amplitude", "play", {"genre": "string"}),
        # an SDK constant is not guessed: dynamic
        ("src/mobile/Player.kt", 4, 9): (None, "firebase", "play", {"item_id": "string"}),
        ("src/server/app.py", 8, 5): ("Signed Up", "segment", "signup",
                                      {"plan": None, "trial": "boolean"}),
        ("src/server/app.py", 9, 5): ("Order Completed", "segment", "signup",
                                      {"revenue": "number"}),
        ("src/server/app.py", 13, 5): ("Song Played", "amplitude", "listen",
                                        {"genre": "string"}),
        ("src/server/app.py", 14, 5): ("movie played", "posthog", "listen",
                                       {"movie_id": "integer"}),
        ("src/server/app.py", 15, 5): (None, "segment", "listen", {}),
        ("src/server/jobs.rb", 3, 5): ("Article Bookmarked", "segment", "perform",
                                       {"title": "string", "subtitle": "null"}),
        ("src/server/main.go", 9, 2): ("Signed Up", "segment", "main",
                                        {"plan": "string", "friends": "integer"}),
        ("src/web/checkout.tsx", 6, 5): ("Order Completed", "segment", "onPay",
                                         {"order_id": None, "revenue": "number",
                                          "currency": "string"}),
        ("src/web/checkout.tsx", 12, 3): ("Signed Up", "posthog", "Checkout", {"plan": "string"}),
        ("src/web/checkout.tsx", 13, 3): ("purchase", "ga4", "Checkout",
                                          {"transaction_id": "string", "value": "number"}),
        ("src/web/checkout.tsx", 15, 3): ("add_to_cart", "gtm", "Checkout",
                                          {"ecommerce": "object"}),
        ("src/web/checkout.tsx", 16, 3): (None, "mixpanel", "Checkout", {}),
        ("src/web/checkout.tsx", 17, 3): ("Coupon Applied", "custom", "Checkout",
                                          {"code": "string"}),
        ("src/web/tracking.js", 4, 3): ("play", "snowplow", "tracking",
                                        {"category": "string", "label": "string",
                                         "value": "integer"}),
        ("src/web/tracking.js", 5, 3): ("link_clicked", "snowplow", "tracking",
                                        {"target_url": "string"}),
        ("src/web/tracking.js", 11, 3): ("Song Played", "amplitude", "tracking",
                                         {"genre": "string"}),
        ("src/web/tracking.js", 12, 3): ("checkout", "datadog", "tracking",
                                         {"cart_size": "integer"}),
        ("src/web/tracking.js", 13, 3): ("prime-for-push", "braze", "tracking", {}),
        ("src/web/tracking.js", 14, 3): ("Purchase", "heap", "tracking", {"dollars": "integer"}),
        ("src/web/tracking.js", 15, 3): ("notification_received", "firebase", "tracking",
                                         {"id": "integer"}),
    }  # fmt: skip
    assert list(calls[0]) == ["event", "path", "line", "column", "sdk", "function", "properties"]


def test_without_the_wrapper_its_calls_are_not_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, calls, _ = scan_json(capsys, "src/web/checkout.tsx", "--no-cache")
    assert [c["event"] for c in calls if c["sdk"] == "custom"] == []
    # events.ts was not named, so names imported from it are not read: dynamic
    assert [(c["line"], c["event"]) for c in calls] == [
        (6, None), (12, None), (13, "purchase"), (15, "add_to_cart"), (16, None)
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("signature", "source", "event", "properties"),
    [
        ("Analytics.log(userId, EVENT_NAME, PROPERTIES)",
         'Analytics.log(user.id, "Report Exported", { format: "csv" });\n',
         "Report Exported", {"format": "string", "userId": None}),
        ("this.props.track(EVENT_NAME, PROPERTIES)",
         'this.props.track("Tab Opened", { tab: 2 });\n', "Tab Opened", {"tab": "integer"}),
        ("logIt(EVENT_NAME)", 'logIt("Saved");\n', "Saved", {}),
    ],
)  # fmt: skip
def test_wrapper_signatures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    signature: str, source: str, event: str, properties: dict,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    Path("app.js").write_text(source)
    code, calls, _ = scan_json(capsys, "app.js", "--track-function", signature)
    assert code == 0
    assert [(c["event"], c["line"], c["column"], c["properties"]) for c in calls] == [
        (event, 1, 1, properties)
    ]


def test_track_functions_from_config_and_a_bad_one_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("app.py").write_text('send_event("Invite Sent", {"seats": 3})\n')
    Path("trackinglint.toml").write_text('track-functions = ["send_event"]\n')
    code, calls, _ = scan_json(capsys, "app.py")
    assert (code, [(c["event"], c["sdk"]) for c in calls]) == (0, [("Invite Sent", "custom")])
    Path("trackinglint.toml").write_text('\ntrack-functions = ["send_event(user, props)"]\n')
    assert main(["scan", "app.py"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"trackinglint: error: {Path('trackinglint.toml').resolve()}:2: 'track-functions': "
        "track function "
        "'send_event(user, props)' has no EVENT_NAME: say which argument is the event\n"
    )


def test_bad_files_are_noted_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("src").mkdir()
    Path("src/broken.ts").write_text('analytics.track("Before", {});\nconst = ;\n')
    Path("src/blob.js").write_bytes(b"\0\1\2analytics.track('x')")
    Path("src/bundle.js").write_text("//" + "x" * (2 * 1024 * 1024 + 1))
    Path("src/ok.py").write_text('analytics.track("u", "After", {})\n')
    os.symlink("..", "src/loop")  # a link loop ends
    code, calls, err = scan_json(capsys, "src")
    assert code == 0
    assert [(c["path"], c["event"]) for c in calls] == [
        ("src/broken.ts", "Before"), ("src/ok.py", "After")
    ]  # fmt: skip
    assert err.splitlines() == [
        "trackinglint: note: src/blob.js: passed over: binary content",
        "trackinglint: note: src/bundle.js: passed over: 2,097,155 bytes, more than 2 MB "
        "(generated or bundled?)",
        "trackinglint: note: src/broken.ts:2:1: syntax error: calls after it may be missed",
    ]


def test_cache_follows_ruffs_conventions_and_reparses_only_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from trackinglint.code.scan import ScanOptions, scan

    monkeypatch.chdir(tmp_path)
    Path("a.js").write_text('analytics.track("A");\n')
    Path("b.js").write_text('analytics.track("B");\n')
    assert scan(["."]).parsed == 2
    cache = tmp_path / ".trackinglint_cache"
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (
        (cache / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert scan(["."]).parsed == 0
    Path("b.js").write_text('analytics.track("B2");\n')
    index = next(cache.glob("code-*/*[0-9a-f].json"))
    written = index.stat().st_mtime_ns
    again = scan(["."])
    assert (again.parsed, sorted(c.event or "" for c in again.calls)) == (1, ["A", "B2"])
    # one changed file: its entry goes to the journal beside the index, not a rewrite
    assert index.stat().st_mtime_ns == written
    assert index.with_suffix(".changes.json").exists()
    assert sorted(c.event or "" for c in scan(["."]).calls) == ["A", "B2"]
    assert scan(["."], ScanOptions(cache=False)).parsed == 2


def test_missing_grammar_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from trackinglint.code.languages import parser_for

    monkeypatch.chdir(tmp_path)
    Path("a.swift").write_text('analytics.track(name: "A")\n')
    parser_for.cache_clear()
    monkeypatch.setitem(sys.modules, "tree_sitter_swift", None)
    try:
        assert main(["scan", "a.swift"]) == 2
    finally:
        parser_for.cache_clear()
    assert capsys.readouterr().err == (
        "trackinglint: error: scanning code needs tree-sitter-swift, which is not installed; "
        "install the code extra: pip install 'trackinglint[code]'\n"
    )


def test_table(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "src/server/jobs.rb", "src/server/app.py", "src/server/names.py"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["LOCATION", "SDK", "EVENT", "PROPERTIES", "FUNCTION"]
    assert lines[1].split() == ["src/server/app.py:8:5", "segment", "Signed", "Up", "plan,",
                                "trial:", "boolean", "signup"]  # fmt: skip
    assert lines[5].split()[:3] == ["src/server/app.py:15:5", "segment", "<dynamic:"]
    assert lines[-1] == "6 calls, 5 events, 3 SDKs, 1 dynamic"


def test_convert_from_code_drafts_a_plan_that_lints(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "--from-code", "src/server", "-o", "drafted.yaml"]) == 0
    assert capsys.readouterr().err == "trackinglint: wrote 5 events to drafted.yaml\n"
    text = Path("drafted.yaml").read_text()
    assert text.splitlines()[:5] == [
        "# Drafted by `trackinglint convert --from-code src/server` from 6 calls.",
        "# Say what each event means, and mark the required properties.",
        "# Left out: 1 call whose event name is dynamic:",
        "#   src/server/app.py:15:5 (a concatenation)",
        "trackinglint: 1",
    ]
    assert "  Signed Up:\n    description: Sent at src/server/app.py:8 (segment), " in text
    assert main(["check", "drafted.yaml", "--select", "TL0", "--output-format", "concise"]) == 0


def test_cached_calls_follow_a_changed_constant_in_another_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trackinglint.code.scan import scan

    monkeypatch.chdir(tmp_path)
    Path("events.ts").write_text('export const ORDER = "Order Completed";\n')
    Path("app.ts").write_text('import { ORDER } from "./events";\nanalytics.track(ORDER);\n')
    Path("other.ts").write_text('analytics.track("Other");\n')
    assert [c.event for c in scan(["."]).calls] == ["Order Completed", "Other"]
    Path("other.ts").write_text('analytics.track("Other 2");\n')  # only its own calls change
    assert [c.event for c in scan(["."]).calls] == ["Order Completed", "Other 2"]
    Path("events.ts").write_text('export const ORDER = "Order Placed";\n')  # app.ts unchanged
    again = scan(["."])
    assert (again.parsed, [c.event for c in again.calls]) == (1, ["Order Placed", "Other 2"])
    Path("events.ts").unlink()
    assert [c.event for c in scan(["."]).calls] == [None, "Other 2"]


def test_local_variables_spreads_frozen_constants_and_wrapper_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Properties built in a local variable, spread from a known object, names from an
    Object.freeze constant; a wrapper's other named arguments are sent as properties."""
    monkeypatch.chdir(tmp_path)
    Path("consts.ts").write_text('export const EVENTS = Object.freeze({ PURCHASE: "Purchase" });\n')
    Path("main.ts").write_text(
        'import { EVENTS } from "./consts";\n'
        "export function buy(order: Order): void {\n"
        "  const total: number = order.total;\n"
        '  const props = { order_id: "o1", total };\n'
        "  analytics.track(EVENTS.PURCHASE, { ...props, coupon: null });\n"
        "  const payload = buildStructEvent({ action: 'play', category: 'video' });\n"
        "  tracker.track(payload);\n"
        "  log(user.id, 'Saved', { n: 1 }, 'web');\n"
        "}\n"
    )
    Path("app.py").write_text(
        "def f(user_id):\n"
        '    base = {"plan": "pro"}\n'
        '    analytics.track(user_id, "Upgraded", {**base, "seats": 3})\n'
    )
    _, calls, _ = scan_json(
        capsys, ".", "--track-function", "log(userId, EVENT_NAME, PROPERTIES, channel)"
    )
    assert [(c["path"], c["line"], c["event"], c["sdk"], c["properties"]) for c in calls] == [
        ("app.py", 3, "Upgraded", "segment", {"plan": "string", "seats": "integer"}),
        ("main.ts", 5, "Purchase", "segment",
         {"order_id": "string", "total": "number", "coupon": "null"}),
        ("main.ts", 7, "play", "snowplow", {"category": "string"}),
        ("main.ts", 8, "Saved", "custom", {"n": "integer", "userId": None, "channel": "string"}),
    ]  # fmt: skip


def test_swift_chains_optional_calls_self_and_builders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("Keys.swift").write_text('enum Keys {\n  static let orderId = "order_id"\n}\n')
    Path("Feed.swift").write_text(
        "func open() {\n"
        '  dataLayer.append(["event": "formSubmission", "formId": "contact"])\n'
        '  RSClient.sharedInstance()?.track("Order Completed", properties: [Keys.orderId: "o1"])\n'
        '  let event = MPEvent(name: "Buy Now", type: .other)\n'
        "  MParticle.sharedInstance().logEvent(event)\n"
        '  Other().module("Saved", ["n": 1], "cf1", 2)\n'
        "}\n"
        "class View {\n"
        '  func show() { self.props.trackView("Viewed", [:]) }\n'
        "}\n"
    )
    _, calls, _ = scan_json(
        capsys, ".", "--track-function", "Other().module(EVENT_NAME, PROPERTIES, one, two)",
        "--track-function", "this.props.trackView(EVENT_NAME, PROPERTIES)",
    )  # fmt: skip
    assert [(c["line"], c["column"], c["event"], c["sdk"], c["properties"]) for c in calls] == [
        (2, 3, "formSubmission", "gtm", {"formId": "string"}),
        (3, 3, "Order Completed", "rudderstack", {"order_id": "string"}),
        (5, 3, "Buy Now", "mparticle", {}),
        (6, 3, "Saved", "custom", {"n": "integer", "one": "string", "two": "integer"}),
        (9, 17, "Viewed", "custom", {}),
    ]


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        ("a.ts", 'function f(total: number, tags: string[]) {\n'
                 '  analytics.track("A", { total, tags });\n}\n',
         {"total": "number", "tags": "array"}),
        ("a.py", 'def f(user_id, plan: str, seats: int = 1):\n'
                 '    analytics.track(user_id, "A", {"plan": plan, "seats": seats})\n',
         {"plan": "string", "seats": "integer"}),
        ("a.go", 'package m\nfunc f(id string, price float64) {\n'
                 '\tmp.NewEvent("A", id, map[string]any{"price": price})\n}\n',
         {"price": "number"}),
        ("a.kt", 'fun f(price: Double) { amplitude.track("A", mapOf("price" to price)) }\n',
         {"price": "number"}),
        ("a.swift", 'func f(_ count: Int) {\n'
                    '  analytics.track(name: "A", properties: ["count": count])\n}\n',
         {"count": "integer"}),
        ("A.java", 'class A { void f(boolean ok) {\n'
                   '  analytics.track("A", new Properties().putValue("ok", ok)); } }\n',
         {"ok": "boolean"}),
    ],
)  # fmt: skip
def test_types_from_parameter_declarations(
    name: str, source: str, expected: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(source)
    _, calls, _ = scan_json(capsys, name, "--no-cache")
    assert [c["properties"] for c in calls] == [expected]


def test_hostile_files_deep_nesting_and_a_damaged_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("deep.js").write_text('analytics.track("Deep", { a: ' + "[" * 3000 + "]" * 3000 + " });\n")
    Path("long.js").write_text('analytics.track("x" + ' + " + ".join(['"y"'] * 3000) + ");\n")
    Path("ok.js").write_text('analytics.track("Fine");\n')
    code, calls, err = scan_json(capsys, ".")
    assert code == 0
    assert [c["event"] for c in calls if c["path"] == "ok.js"] == ["Fine"]
    assert "trackinglint: note: deep.js: passed over: nested too deeply to read" in err
    for index in Path(".trackinglint_cache").glob("code-*/*.json"):
        index.write_text('{"files": {"/x": [1, 2], "' + str(tmp_path) + '/ok.js": "junk"}}')
    code, calls, _ = scan_json(capsys, ".")
    assert code == 0 and [c["event"] for c in calls if c["path"] == "ok.js"] == ["Fine"]
