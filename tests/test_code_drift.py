"""Drift between code and plan (TL3xx): each rule fires where expected and nowhere else,
at the call in the source file; suppressions in each language's comments; the rule pages'
examples (a plan and a source file) do what they say."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from trackinglint.cli import main
from trackinglint.rule_pages import page_path

DATA = Path(__file__).parent / "data" / "code-drift"
DRIFT = ("TL301", "TL302", "TL303", "TL304", "TL305", "TL306")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(DATA, tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    return tmp_path / "repo"


def drift(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    on = ",".join(c for c in DRIFT if c != "TL302")  # (TL302 is off by default)
    code = main(["check", *args, "--select", on, "--output-format", "concise",
                 "--no-cache"])  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    return code, [line for line in lines if re.match(r"\S+:\d+:\d+: TL3", line)]


def test_each_rule_where_expected_and_nowhere_else(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, found = drift(capsys, "plans", "--code", "src", "--extend-select", "TL302")
    assert code == 1
    assert found == [
        "plans/plan.yaml:13:3: TL302 event 'Refund Issued' is planned but no call in src sends "
        "it, unless one of the 2 calls with a dynamic event name does",
        "src/server/accounts.py:8:5: TL301 event 'signed up' is sent here but is not in the "
        "plan; did you mean 'Signed Up'?",
        "src/server/accounts.py:11:5: TL305 property 'plan' of event 'Signed Up': the code "
        "sends an integer, the plan says string",
        "src/web/checkout.ts:5:3: TL301 event 'Order Compleeted' is sent here but is not in "
        "the plan; did you mean 'Order Completed'?",
        "src/web/checkout.ts:6:3: TL303 property 'coupon' is sent with event 'Order "
        "Completed', which does not declare it",
        "src/web/checkout.ts:6:3: TL304 event 'Order Completed' is sent without required "
        "property 'order_id'",
        "src/web/checkout.ts:6:3: TL305 property 'currency' of event 'Order Completed': the "
        "code sends 'GBP', the plan allows only 'USD', 'EUR'",
        "src/web/checkout.ts:6:3: TL305 property 'revenue' of event 'Order Completed': the "
        "code sends a string, the plan says number",
        "src/web/checkout.ts:8:3: TL306 the event name sent here is a template, so it cannot "
        "be checked against the plan; send a name the plan declares (a literal or a constant)",
    ]


def test_unsent_is_off_by_default_and_nothing_runs_without_code(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", "plans", "--code", "src", "--output-format", "concise", "--no-cache"])
    out = capsys.readouterr().out
    assert code == 1
    assert "TL302" not in out and "TL301" in out
    assert drift(capsys, "plans") == (0, [])


def test_code_paths_from_the_config(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("trackinglint.toml").write_text('code = ["src/server"]\n')
    code, found = drift(capsys, "plans")
    assert code == 1
    assert [line.split(": ", 1)[0] for line in found] == [
        "src/server/accounts.py:8:5", "src/server/accounts.py:11:5"
    ]  # fmt: skip


def test_drift_findings_reach_sarif_at_the_call(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", "plans", "--code", "src/web", "--select", "TL301", "--output-format",
          "sarif", "--no-cache"])  # fmt: skip
    sarif = json.loads(capsys.readouterr().out)
    places = [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
         r["locations"][0]["physicalLocation"]["region"]["startLine"],
         r["locations"][0]["physicalLocation"]["region"]["startColumn"])
        for r in sarif["runs"][0]["results"]
    ]  # fmt: skip
    assert places == [("TL301", "src/web/checkout.ts", 5, 3)]


def test_a_missing_code_path_is_a_clear_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "plans", "--code", "nowhere"]) == 2
    assert capsys.readouterr().err == "trackinglint: error: code: no such file or folder: nowhere\n"


_BLOCK = re.compile(r"^```(?P<lang>\w+) path=(?P<path>\S+)\n(?P<code>.*?)^```", re.M | re.S)
_SECTION = re.compile(r"^## (?P<heading>[^\n]+)\n(?P<body>.*?)(?=^## |\Z)", re.M | re.S)


@pytest.mark.parametrize("code", DRIFT)
@pytest.mark.parametrize("kind", ["Bad", "Good"])
def test_rule_page_examples(
    code: str, kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    page = page_path(code)
    assert page is not None
    section = next(
        s["body"] for s in _SECTION.finditer(page.read_text()) if s["heading"] == f"{kind} example"
    )
    blocks = list(_BLOCK.finditer(section))
    assert blocks[0]["lang"] == "yaml" and len(blocks) == 2
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        Path(block["path"]).parent.mkdir(parents=True, exist_ok=True)
        Path(block["path"]).write_text(block["code"])
    source_root = blocks[1]["path"].split("/")[0]
    _, found = drift(capsys, "plan.yaml", "--code", source_root, "--extend-select", "TL302")
    codes = {line.split(": ")[1].split()[0] for line in found}
    assert (code in codes) == (kind == "Bad"), found


def test_code_files_report_only_the_named_files_with_names_resolved_elsewhere(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the trackinglint-code pre-commit hook runs on staged files."""
    Path("trackinglint.toml").write_text('code = ["src"]\n')
    code, found = drift(capsys, "--code-files", "src/web/checkout.ts")
    assert code == 1
    assert {line.split(": ", 1)[0] for line in found} == {
        "src/web/checkout.ts:5:3", "src/web/checkout.ts:6:3", "src/web/checkout.ts:8:3"
    }  # fmt: skip
    assert drift(capsys, "--code-files", "src/web/events.ts") == (0, [])


def test_a_baseline_holds_drift_findings(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check", "plans", "--code", "src", "--select", "TL301,TL303,TL304,TL305,TL306"]
    assert main([*args, "--write-baseline", "baseline.json"]) == 0
    assert "src/web/checkout.ts" in Path("baseline.json").read_text()
    capsys.readouterr()
    assert main([*args, "--baseline", "baseline.json", "--output-format", "concise"]) == 0
    Path("src/web/more.ts").write_text('analytics.track("Order Complete");\n')
    code = main([*args, "--baseline", "baseline.json", "--output-format", "concise"])
    out = capsys.readouterr().out
    assert code == 1
    assert [line for line in out.splitlines() if ": TL3" in line] == [
        "src/web/more.ts:1:1: TL301 event 'Order Complete' is sent here but is not in the "
        "plan; did you mean 'Order Completed'?"
    ]


def test_a_declared_wrapper_forwarding_its_parameter_is_not_dynamic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("plan.yaml").write_text(
        "trackinglint: 1\nevents:\n  Saved:\n    description: A draft was saved.\n"
    )
    Path("src").mkdir()
    Path("src/track.ts").write_text(
        "export function trackEvent(name: string, props: object) {\n"
        "  analytics.track(name, props);\n"
        "}\n"
        'trackEvent("Saved", {});\n'
        'trackEvent("Savd", {});\n'
    )
    _, found = drift(capsys, "plan.yaml", "--code", "src")
    assert found == [
        "src/track.ts:2:3: TL306 the event name sent here is the parameter name of the "
        "function around it, so it cannot be checked against the plan; send a name the plan "
        "declares (a literal or a constant); if trackEvent() wraps the SDK, declare it "
        "(--track-function or track-functions) and its calls are checked instead"
    ]
    _, found = drift(capsys, "plan.yaml", "--code", "src", "--track-function", "trackEvent")
    assert found == [
        "src/track.ts:5:1: TL301 event 'Savd' is sent here but is not in the plan; "
        "did you mean 'Saved'?"
    ]
