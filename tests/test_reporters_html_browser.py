"""The HTML report in a real browser: headless Chromium (Debian's package).

Chromium renders the page and dumps the DOM after the page's script has run;
the figures read from it must equal `classify` and `check` JSON. A screenshot
of each page is written to the test's temporary folder for a person to look at.
One test clicks and types in the page through the DevTools protocol on a pipe
(tests/chromium_pipe.py): sorting, filtering and paging as a reader does them.
Without Chromium the tests are skipped, except in CI (CI=true), where
`.ci/run` installs it and a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from chromium_pipe import FLAGS, Browser
from html_report_dom import read_report
from trackinglint.reporters.html_assets import PAGE_SIZE

from conftest import REPO

IN_CI = os.environ.get("CI") == "true"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not IN_CI,
    reason="headless Chromium is not installed (apt-get install chromium); CI runs these tests",
)


@pytest.fixture
def chromium() -> str:
    """Chromium's path; in CI (the only way to get here without it) its absence fails."""
    if CHROMIUM is None:
        pytest.fail("CI=true but chromium is missing: .ci/run installs Debian's chromium")
    return CHROMIUM


@pytest.fixture
def browser(tmp_path, chromium):
    """Run headless Chromium on a file: `browser(page, "--dump-dom")` returns stdout."""

    def run(page: Path, *args: str, fragment: str = "") -> str:
        profile = tmp_path / "chromium-profile"
        command = [
            chromium,
            *FLAGS,
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=5000",
            *args,
            page.resolve().as_uri() + fragment,
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    return run


@pytest.fixture
def crm(tmp_path, monkeypatch):
    shutil.copytree(REPO / "examples" / "crm-before", tmp_path / "crm-before")
    monkeypatch.chdir(tmp_path)
    return "crm-before"


def test_crm_before_in_chromium_shows_the_json_figures(cli, crm, browser, tmp_path):
    assert cli("report", crm, "--output", "report.html").code == 0
    page = tmp_path / "report.html"
    dom = read_report(browser(page, "--dump-dom"))
    assert dom.by_id("p1-name").text == "Acme CRM"
    root = next(e for e in dom.elements if e.tag == "html")
    assert "js" in str(root.attrs.get("class")).split()
    assert str(root.attrs.get("data-ready", "")).isdigit(), "the page's script did not finish"

    classified = cli("classify", crm, "--output-format", "json").json()
    summary = dom.summary()
    assert {key: float(value) for key, value in summary.items()} == classified["summary"]
    findings = cli("check", crm, "--output-format", "json").json()
    by_severity = Counter(f["severity"] for f in findings)
    assert dom.values("data-count-severity") == {
        s: str(by_severity[s]) for s in ("error", "warning", "info")
    }
    assert dom.values("data-count-rule") == {
        code: str(n) for code, n in Counter(f["code"] for f in findings).items()
    }
    assert dom.values("data-count-total") == {"": str(len(findings))}
    plan = YAML(typ="safe").load((tmp_path / crm / "plan.yaml").read_text(encoding="utf-8"))
    jobs = [e.attrs["data-job"] for e in dom.with_attr("data-job")]
    assert jobs == list(plan["jobs"]) and jobs
    metrics = [e.attrs["data-metric"] for e in dom.with_attr("data-metric")]
    assert metrics == [m["name"] for m in classified["metrics"]] == list(plan["metrics"])
    rows = [e for e in dom.elements if e.tag == "tr" and e.attrs.get("data-rule")]
    assert len(rows) == len(findings)
    # The script made the headings sort buttons; the rows are all still there.
    assert len([e for e in dom.elements if e.tag == "th" and e.attrs.get("aria-sort")]) == 10

    shot = tmp_path / "crm-before.png"
    browser(page, f"--screenshot={shot}", "--window-size=1280,4200")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 50_000


def test_with_javascript_off_every_row_and_figure_is_there(cli, crm, browser, tmp_path):
    """The page with its scripts taken out, as a browser with JavaScript off shows it.

    (Chromium's --dump-dom needs script to serialise the page, so the page's own
    scripts are removed instead of switching script off.)
    """
    assert cli("report", crm, "--output", "report.html").code == 0
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    scriptless = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
    assert scriptless.count("<script") == 0 and len(scriptless) < len(html)
    page = tmp_path / "no-script.html"
    page.write_text(scriptless, encoding="utf-8")
    dom = read_report(browser(page, "--dump-dom"))
    root = next(e for e in dom.elements if e.tag == "html")
    assert "data-ready" not in root.attrs and "class" not in root.attrs
    classified = cli("classify", crm, "--output-format", "json").json()
    assert {k: float(v) for k, v in dom.summary().items()} == classified["summary"]
    findings = cli("check", crm, "--output-format", "json").json()
    assert dom.values("data-count-total") == {"": str(len(findings))}
    # Controls that need the script stay hidden; no row is hidden.
    controls = [e for e in dom.elements if e.attrs.get("class") == "controls"]
    assert len(controls) == 2 and all("hidden" in e.attrs for e in controls)
    assert not [e for e in dom.elements if e.tag == "tr" and "hidden" in e.attrs]
    shot = tmp_path / "crm-before-no-script.png"
    browser(page, f"--screenshot={shot}", "--window-size=1280,4200")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_link_to_an_event_on_a_later_page_shows_its_page(cli, write, browser, tmp_path):
    events = "".join(
        f"  Item {n} Viewed:\n    description: d\n    properties:\n"
        f"      item_id: {{type: string, description: d}}\n"
        for n in range(PAGE_SIZE + 50)
    )
    write("plan.yaml", "trackinglint: 1\nevents:\n" + events)
    assert cli("report", "plan.yaml", "--output", "report.html").code == 0
    target = f"p1-ev-{PAGE_SIZE + 40}"
    dom = read_report(browser(tmp_path / "report.html", "--dump-dom", fragment=f"#{target}"))
    rows = [
        e for e in dom.elements if e.tag == "tr" and str(e.attrs.get("id", "")).startswith("p1-ev-")
    ]
    shown = [r.attrs["id"] for r in rows if "hidden" not in r.attrs]
    assert shown == [f"p1-ev-{n}" for n in range(PAGE_SIZE + 1, PAGE_SIZE + 51)]
    assert not [r for r in rows if r.attrs.get("class") == "later"]
    pager = next(e for e in dom.elements if e.attrs.get("class") == "pager")
    assert pager.text == f"PreviousRows {PAGE_SIZE + 1}–{PAGE_SIZE + 50} of {PAGE_SIZE + 50}Next"
    details = [e for e in dom.elements if e.tag == "details" and "open" in e.attrs]
    assert len(details) == 1


def test_a_reader_sorts_filters_and_pages_in_the_browser(cli, crm, write, tmp_path, chromium):
    """Click and type in the real page (DevTools protocol over a pipe), then read it."""
    assert cli("report", crm, "--output", "report.html").code == 0
    findings = cli("check", crm, "--output-format", "json").json()
    rows = "[...document.querySelectorAll('#findings-table tbody tr')]"
    visible = f"{rows}.filter(r => !r.hidden && getComputedStyle(r).display !== 'none')"
    with Browser(chromium, tmp_path / "cdp-profile") as page:
        page.open((tmp_path / "report.html").as_uri())
        severity = "document.querySelector('#findings-table thead th button')"
        page.evaluate(f"{severity}.click()")
        assert page.evaluate(f"{severity}.parentNode.getAttribute('aria-sort')") == "ascending"
        order = page.evaluate(f"{visible}.map(r => r.dataset.severity)")
        ranks = {"info": 0, "warning": 1, "error": 2}
        assert order == sorted((f["severity"] for f in findings), key=ranks.__getitem__)
        page.evaluate(f"{severity}.click()")
        assert page.evaluate(f"{visible}[0].dataset.severity") == "error"

        page.evaluate(
            "const rule = document.querySelector('[data-for=findings-table] [data-filter=rule]');"
            "rule.value = 'TL107'; rule.dispatchEvent(new Event('input'));"
        )
        shown = page.evaluate(f"{visible}.map(r => r.dataset.rule)")
        assert shown == ["TL107"] * sum(f["code"] == "TL107" for f in findings) and shown

        page.evaluate(
            "rule.value = ''; const text = document.querySelector("
            "'[data-for=findings-table] [data-filter=text]');"
            "text.value = 'daily LOGINS'; text.dispatchEvent(new Event('input'));"
        )
        expected = [f for f in findings if "daily logins" in f["message"].lower()]
        assert expected
        assert page.evaluate(f"{visible}.length") == len(expected)

    events = "".join(f"  Item {n} Viewed:\n    description: d\n" for n in range(PAGE_SIZE + 50))
    write("long/plan.yaml", "trackinglint: 1\nevents:\n" + events)
    assert cli("report", "long", "--output", "long.html").code == 0
    table = "#p1-events-table tbody tr"
    shown_rows = (
        f"[...document.querySelectorAll('{table}')]"
        ".filter(r => getComputedStyle(r).display !== 'none').map(r => r.id)"
    )
    with Browser(chromium, tmp_path / "cdp-profile-2") as page:
        page.open((tmp_path / "long.html").as_uri())
        assert page.evaluate(f"{shown_rows}.length") == PAGE_SIZE
        page.evaluate("document.querySelector('[data-for=p1-events-table] [data-next]').click()")
        assert page.evaluate(shown_rows) == [
            f"p1-ev-{n}" for n in range(PAGE_SIZE + 1, PAGE_SIZE + 51)
        ]
        status = "document.querySelector('[data-for=p1-events-table] [data-status]').textContent"
        assert page.evaluate(status) == f"Rows {PAGE_SIZE + 1}–{PAGE_SIZE + 50} of {PAGE_SIZE + 50}"
        assert page.evaluate(
            "document.querySelector('[data-for=p1-events-table] [data-next]').disabled"
        )
