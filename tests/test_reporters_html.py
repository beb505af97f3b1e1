"""The HTML report as a file: its figures, its escaping, and that it stands alone.

The browser test (test_reporters_html_browser.py) opens the same pages in
headless Chromium; these tests read the file itself.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from types import SimpleNamespace

import pytest
from ruamel.yaml import YAML

from html_report_dom import read_report
from trackinglint.engine import Engine
from trackinglint.reporters.charts import Bar, percent, share_bars
from trackinglint.reporters.html import report_html
from trackinglint.reporters.html_assets import PAGE_SIZE, PALETTE, TEXT_PAIRS
from trackinglint.reporters.markdown_html import markdown_to_html

from conftest import REPO

CRM_BEFORE = REPO / "examples" / "crm-before"

HOSTILE = """\
trackinglint: 1
product:
  name: "Acme <script>alert('product')</script>"
  job: "Close deals & <b>win</b>"
jobs:
  "close <img src=x onerror=alert(1)>":
    description: "</td></tr></table><script>alert('job')</script>"
    completion: ["Deal \\"Won\\" <script>"]
events:
  "Deal \\"Won\\" <script>":
    kind: job_completion
    description: A deal was won.
    properties:
      deal_id: {type: string, required: true, description: "the deal"}
  "Page <iframe> Viewed":
    description: "x"
metrics:
  "Wins </script><script>alert('metric')</script>":
    north_star: true
    event: "Deal \\"Won\\" <script>"
    aggregation: count
    decision: "hire when > 10 & rising"
    target: {value: "<svg onload=alert(1)>", by: 2027-01-01}
    gaming_test: "<a href='https://evil.example/'>click</a>"
dashboards:
  "Board <style>body{display:none}</style>":
    metrics: ["Wins </script><script>alert('metric')</script>"]
"""


def _report(cli, *paths: str, output: str = "report.html"):
    run = cli("report", *paths, "--output", output)
    return run, read_report_file(output)


def read_report_file(path):
    from pathlib import Path

    return Path(path).read_text(encoding="utf-8")


@pytest.fixture
def crm(tmp_path, monkeypatch):
    """examples/crm-before copied into the test's folder (the report names files relatively)."""
    shutil.copytree(CRM_BEFORE, tmp_path / "crm-before")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    return "crm-before"


def test_crm_before_figures_equal_classify_and_check_json(cli, crm):
    run, html = _report(cli, crm)
    assert run.code == 0
    assert run.out == ""
    count = len(cli("check", crm, "--output-format", "json").json())
    assert run.err == f"trackinglint: wrote report.html (1 plan, {count} findings)\n"
    dom = read_report(html)
    classified = cli("classify", crm, "--output-format", "json").json()
    summary = dom.summary()
    assert set(summary) == set(classified["summary"])
    for key, value in classified["summary"].items():
        assert float(summary[key]) == value, key
    findings = cli("check", crm, "--output-format", "json").json()
    by_severity = Counter(f["severity"] for f in findings)
    assert dom.values("data-count-severity") == {
        s: str(by_severity[s]) for s in ("error", "warning", "info")
    }
    by_rule = Counter(f["code"] for f in findings)
    assert dom.values("data-count-rule") == {code: str(n) for code, n in by_rule.items()}
    assert dom.values("data-count-total") == {"": str(len(findings))}
    rows = [e for e in dom.elements if e.tag == "tr" and e.attrs.get("data-rule")]
    assert [(r.attrs["data-rule"], r.attrs["data-severity"]) for r in rows] == [
        (f["code"], f["severity"]) for f in findings
    ]
    for finding, row in zip(findings, rows, strict=True):
        assert row.text.endswith(f"{finding['file']}:{finding['line']}:{finding['column']}")
        assert finding["message"].replace("`", "") in row.text


def test_crm_before_every_job_metric_and_dashboard_is_there(cli, crm, tmp_path):
    _, html = _report(cli, crm)
    dom = read_report(html)
    plan = YAML(typ="safe").load((tmp_path / crm / "plan.yaml").read_text(encoding="utf-8"))
    findings = cli("check", crm, "--output-format", "json").json()
    jobs = {str(e.attrs["data-job"]): e.attrs["data-progress"] for e in dom.with_attr("data-job")}
    assert list(jobs) == list(plan["jobs"])
    unmeasured = {
        name
        for name in plan["jobs"]
        for f in findings
        if f["code"] == "TL110" and f"job '{name}'" in f["message"]
    }
    assert {name for name, progress in jobs.items() if progress == "false"} == unmeasured
    assert unmeasured  # crm-before is the example of a plan that cannot see its jobs done

    classified = cli("classify", crm, "--output-format", "json").json()
    metrics = {str(e.attrs["data-metric"]): e for e in dom.with_attr("data-metric")}
    assert list(metrics) == [m["name"] for m in classified["metrics"]] == list(plan["metrics"])
    for verdict in classified["metrics"]:
        row = metrics[verdict["name"]]
        assert row.attrs["data-kind"] == verdict["kind"]
        assert verdict["reason"] in row.text
        star = bool(plan["metrics"][verdict["name"]].get("north_star"))
        assert ("★ North star" in row.text) == star
    dashboards = dom.values("data-dashboard")
    assert list(dashboards) == list(plan["dashboards"])
    for name, board in plan["dashboards"].items():
        assert dashboards[name].startswith(f"{name}{board['metrics'][0]} ")

    events = [e for e in dom.elements if str(e.attrs.get("id", "")).startswith("p1-ev-")]
    assert [e.attrs["data-kind"] for e in events] == [v["kind"] for v in classified["events"]]
    for row, verdict in zip(events, classified["events"], strict=True):
        assert row.text.startswith(verdict["name"])
        assert ("⚠ friction" in row.text) == verdict["friction"]
        reasons = len(verdict["evidence"])
        assert f"{reasons} reason{'' if reasons == 1 else 's'}" in row.text


SMALL = """\
trackinglint: 1
product:
  name: Billing
jobs:
  get-paid:
    description: An invoice gets paid.
    completion: Invoice Paid
  look-around:
    completion: Dashboard Viewed
  ghost:
    completion: Refund Issued
  nothing: {}
events:
  Invoice Paid:
    properties:
      invoice_id: {type: string, required: true}
  Dashboard Viewed: {}
  Payment Failed: {}
  Settings Opened: {}
metrics:
  Invoices paid:
    north_star: true
    event: Invoice Paid
    aggregation: count
    target: {value: 40, by: 2027-06-30}
    gaming_test: Only paid invoices count; paying one means doing the work.
dashboards:
  Money:
    metrics: [Invoices paid]
"""


def test_jobs_without_a_completion_that_reads_as_progress_stand_out(cli, write):
    write("plan.yaml", SMALL)
    _, html = _report(cli, "plan.yaml")
    dom = read_report(html)
    jobs = {str(e.attrs["data-job"]): e for e in dom.with_attr("data-job")}
    assert {name: e.attrs["data-progress"] for name, e in jobs.items()} == {
        "get-paid": "true",
        "look-around": "false",
        "ghost": "false",
        "nothing": "false",
    }
    missing = [name for name, e in jobs.items() if e.attrs.get("class") == "missing"]
    assert missing == ["look-around", "ghost", "nothing"]
    assert jobs["get-paid"].text == (
        "get-paidAn invoice gets paid.✔ yesInvoice Paid (named in completion:) ✔ reads as progress"
    )
    assert jobs["look-around"].text == (
        "look-around✘ no: no completion reads as progress"
        "Dashboard Viewed (named in completion:) ✘ reads as motion"
    )
    assert jobs["ghost"].text == (
        "ghost✘ no: no completion reads as progress"
        "Refund Issued (named in completion:) ✘ not defined in the plan"
    )
    assert jobs["nothing"].text == (
        "nothing✘ no completion eventNone: name the event that proves it in completion:."
    )
    assert dom.values("data-jobs-unmeasured") == {
        "3": "3 of 4 jobs have no completion event that reads as progress: look-around, ghost, "
        "nothing. Nothing in the plan shows when they got done."
    }
    metric = dom.with_attr("data-metric")[0]
    assert "40 by 2027-06-30" in metric.text
    assert "Only paid invoices count; paying one means doing the work." in metric.text
    board = dom.values("data-dashboard")["Money"]
    assert board.startswith("MoneyInvoices paid ★ North star ✔ Outcome")


def test_balance_chart_says_its_numbers(cli, write):
    write("plan.yaml", SMALL)
    _, html = _report(cli, "plan.yaml")
    summary = cli("classify", "plan.yaml", "--output-format", "json").json()["summary"]
    dom = read_report(html)
    bars = {
        str(e.attrs["data-key"]): e for e in dom.elements if e.tag == "g" and "data-key" in e.attrs
    }
    assert list(bars) == ["job_completions", "feature_interactions", "friction_signals"]
    total = summary["events"]
    labels = {
        "job_completions": "Job completions",
        "feature_interactions": "Feature interactions",
        "friction_signals": "Friction signals",
    }
    expected = []
    for key, bar in bars.items():
        count, share = summary[key], round(summary[key] / total, 4)
        assert (bar.attrs["data-count"], bar.attrs["data-share"]) == (str(count), str(share))
        assert bar.text == f"{labels[key]}{count} of {total} · {share * 100:.2f}%"
        expected.append(f"{labels[key]}: {count} of {total} ({share * 100:.2f}%)")
    assert float(bars["job_completions"].attrs["data-share"]) == summary["progress_share"]
    svg = next(e for e in dom.elements if e.tag == "svg")
    assert svg.attrs["role"] == "img"
    assert svg.attrs["aria-labelledby"] == "p1-balance-chart-title p1-balance-chart-desc"
    desc = dom.by_id("p1-balance-chart-desc").text
    assert desc == "; ".join([*expected, "TL111 floor: 10.00%"])
    floors = dom.with_attr("data-floor")
    assert [(e.tag, e.attrs["data-floor"], e.text) for e in floors] == [
        ("g", "0.1", "TL111 floor 10.00%"),
        ("td", "0.1", "10.00%"),
    ]
    assert ("At or above the floor:" in html) == (summary["progress_share"] >= 0.1)
    assert ("Below the floor:" in html) == (summary["progress_share"] < 0.1)


def test_header_names_plan_time_version_and_config(cli, crm, tmp_path):
    (tmp_path / "crm-before" / "trackinglint.toml").write_text(
        "[options.TL111]\nmin-progress-share = 0.25\n", encoding="utf-8"
    )
    run, html = _report(cli, crm)
    assert run.code == 0, run.err
    dom = read_report(html)
    from trackinglint import __version__

    assert dom.by_id("p1-name").text == "Acme CRM"
    assert next(e for e in dom.elements if e.tag == "title").text == "trackinglint report: Acme CRM"
    assert (
        next(e for e in dom.elements if e.tag == "time").attrs["datetime"] == "2026-01-01T00:00:00Z"
    )
    assert dom.values("data-version") == {"": __version__}
    assert dom.values("data-config") == {"": "crm-before/trackinglint.toml"}
    assert [e.attrs["data-floor"] for e in dom.with_attr("data-floor")] == ["0.25", "0.25"]


def test_without_config_the_header_says_defaults(cli, crm):
    _, html = _report(cli, crm)
    assert read_report(html).values("data-config") == {"": "none (defaults)"}


def test_everything_from_the_plan_is_escaped(cli, write):
    write("plan.yaml", HOSTILE)
    run, html = _report(cli, "plan.yaml")
    assert run.code == 0, run.err
    # The page's own two scripts, and nothing a plan wrote, are markup.
    assert html.count("<script>") == 2
    assert len(re.findall(r"<(?:iframe|img|svg onload|style>body|a href='https)", html)) == 0
    dom = read_report(html)
    assert [e.tag for e in dom.elements].count("script") == 2
    assert not [e for e in dom.elements if e.tag in ("iframe", "img", "b")]
    assert dom.by_id("p1-name").text == "Acme <script>alert('product')</script>"
    assert [e.attrs["data-job"] for e in dom.with_attr("data-job")] == [
        "close <img src=x onerror=alert(1)>"
    ]
    assert [e.attrs["data-metric"] for e in dom.with_attr("data-metric")] == [
        "Wins </script><script>alert('metric')</script>"
    ]
    metric = dom.with_attr("data-metric")[0]
    assert "<svg onload=alert(1)> by 2027-01-01" in metric.text
    assert "<a href='https://evil.example/'>click</a>" in metric.text
    assert dom.values("data-dashboard")["Board <style>body{display:none}</style>"]
    assert all(url.startswith("#") for url in dom.urls())


def test_page_makes_no_request(cli, crm):
    _, html = _report(cli, crm)
    dom = read_report(html)
    assert dom.urls() and all(url.startswith("#") for url in dom.urls())
    assert not [e for e in dom.elements if e.tag in ("link", "img", "iframe", "object", "embed")]
    assert [e.attrs.get("src") for e in dom.elements if e.tag == "script"] == [None, None]
    assert "@import" not in html and "@font-face" not in html
    assert not re.findall(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", html)  # no control characters
    assert re.findall(r"url\((?!#)", html) == []  # only the chart's own patterns
    csp = next(e for e in dom.elements if e.attrs.get("http-equiv") == "Content-Security-Policy")
    assert str(csp.attrs["content"]).startswith("default-src 'none';")


def test_check_writes_html_beside_another_format_in_one_run(cli, crm):
    run = cli("check", crm, "--output-format", "json", "--output", "html=out/report.html")
    assert run.code == 1
    findings = json.loads(run.out)
    html = read_report_file("out/report.html")
    assert read_report(html).values("data-count-total") == {"": str(len(findings))}
    cli("report", crm, "--output", "same.html")
    assert read_report_file("same.html") == html


def test_report_errors_are_usage_errors(cli, write, tmp_path):
    write("plan.yaml", "trackinglint: 1\nevents: {}\n")
    write("blocker", "a file where a folder is needed")
    run = cli("report", "plan.yaml", "--output", "blocker/report.html")
    assert run.code == 2
    assert run.err.startswith("trackinglint: error: cannot write blocker/report.html: ")
    missing = cli("report", "nowhere.yaml")
    assert missing.code == 2
    assert "no such file or folder: nowhere.yaml" in missing.err


def test_plans_that_share_a_name_are_told_apart_by_folder(cli, write):
    write("a/plan.yaml", SMALL)
    write("b/plan.yaml", SMALL)
    write("c/plan.yaml", SMALL.replace("name: Billing", "name: Payroll"))
    _, html = _report(cli, "a", "b", "c")
    dom = read_report(html)
    assert [e.text for e in dom.with_attr("data-plan")] == ["Billing (a)", "Billing (b)", "Payroll"]
    assert dom.by_id("p2-ev-1").text.startswith("Invoice Paid")  # ids stay unique per plan
    # classify reads every plan it finds as one: the page gives those figures too.
    together = cli("classify", "a", "b", "c", "--output-format", "json").json()["summary"]
    combined = {str(e.attrs["data-summary-all"]): e for e in dom.with_attr("data-summary-all")}
    assert {key: float(str(e.attrs["data-value"])) for key, e in combined.items()} == together
    assert len(dom.with_attr("data-summary")) == 3 * len(together)  # and each plan's own


def test_a_single_plan_has_no_combined_table(cli, write):
    write("plan.yaml", SMALL)
    _, html = _report(cli, "plan.yaml")
    assert not read_report(html).with_attr("data-summary-all")


def test_no_plan_still_gives_a_page(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    run, html = _report(cli, "empty")
    assert run.code == 0
    assert run.err == "trackinglint: wrote report.html (0 plans, 0 findings)\n"
    dom = read_report(html)
    assert dom.values("data-findings") == {"0": "No findings: all checks passed."}
    assert not dom.with_attr("data-plan")


def test_long_tables_show_one_page_and_keep_every_row(cli, write):
    events = "".join(f"  Item {n} Viewed:\n    description: d\n" for n in range(PAGE_SIZE + 50))
    write("plan.yaml", "trackinglint: 1\nevents:\n" + events)
    _, html = _report(cli, "plan.yaml")
    dom = read_report(html)
    rows = [
        e for e in dom.elements if e.tag == "tr" and str(e.attrs.get("id", "")).startswith("p1-ev-")
    ]
    assert len(rows) == PAGE_SIZE + 50
    assert [r.attrs.get("class") for r in rows].count("later") == 50
    assert (
        rows[PAGE_SIZE].attrs.get("class") == "later"
        and rows[PAGE_SIZE - 1].attrs.get("class") is None
    )
    pager = next(e for e in dom.elements if e.attrs.get("class") == "pager")
    assert pager.attrs["data-for"] == "p1-events-table"
    assert pager.text == f"PreviousRows 1–{PAGE_SIZE} of {PAGE_SIZE + 50}Next"
    # Hidden by CSS only once the script ran: with JavaScript off every row shows.
    assert "html.js tr.later{display:none}" in html


def test_code_drift_renders_only_with_scan_data(crm, tmp_path, monkeypatch):
    import io

    monkeypatch.chdir(tmp_path)
    result = Engine().lint([crm])
    out = io.StringIO()
    report_html(result, out, color=False)
    assert "Code against plan" not in out.getvalue()
    result.runs[0].code_drift = SimpleNamespace(
        planned_not_sent=["Deal Record Viewed"],
        sent_not_planned=[("Deal <Qualified>", "src/app.ts", 12)],
    )
    out = io.StringIO()
    report_html(result, out, color=False)
    section = out.getvalue()
    assert "<h4>Planned, never sent (1)</h4><ul><li>Deal Record Viewed</li></ul>" in section
    assert "<li>Deal &lt;Qualified&gt; <small>(src/app.ts:12)</small></li>" in section


def test_rule_pages_of_fired_rules_are_included(cli, crm):
    _, html = _report(cli, crm)
    dom = read_report(html)
    pages = [e for e in dom.elements if e.tag == "section" and e.attrs.get("class") == "rule-page"]
    findings = cli("check", crm, "--output-format", "json").json()
    assert [p.attrs["id"] for p in pages] == [
        f"rule-{c}" for c in sorted({f["code"] for f in findings})
    ]
    tl104 = dom.by_id("rule-TL104")
    assert tl104.text.startswith("TL104 target-on-surface-metric")
    links = {e.attrs["href"] for e in dom.elements if e.tag == "a"}
    assert {f"#rule-{f['code']}" for f in findings} <= links


@pytest.mark.parametrize(("ink", "paper"), TEXT_PAIRS)
def test_text_colours_reach_contrast_4_5(ink, paper):
    assert _contrast(PALETTE[ink], PALETTE[paper]) >= 4.5


def _contrast(one: str, two: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_known_values():
    assert round(_contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(_contrast("#767676", "#ffffff"), 2) == 4.54


def test_chart_of_an_empty_plan_and_its_shares():
    svg = share_bars(
        [Bar("a", "A <b>", 0, 0), Bar("b", "B", 2, 3, "hatch")],
        floor=None,
        floor_label="floor",
        chart_id="c",
        title="T & t",
    )
    assert '<title id="c-title">T &amp; t</title>' in svg
    assert '<desc id="c-desc">A &lt;b&gt;: 0 of 0 (0.00%); B: 2 of 3 (66.67%)</desc>' in svg
    assert 'data-key="b" data-count="2" data-share="0.6667"' in svg
    assert 'fill="url(#c-hatch)"' in svg
    assert "floor" not in svg.split("</desc>")[1]
    assert percent(0.1429) == "14.29%"


def test_rule_page_markdown_is_escaped_before_it_is_formatted():
    html = markdown_to_html(
        "# TL999 x\n\nSee `<script>` and **bold <i>**.\n\n- one\n- two\n\n```yaml\na: <b>\n```\n"
        "| a | b |\n|---|---|\n",
        heading_offset=3,
    )
    assert html == (
        "<h4>TL999 x</h4>\n"
        "<p>See <code>&lt;script&gt;</code> and <strong>bold &lt;i&gt;</strong>.</p>\n"
        "<ul><li>one</li><li>two</li></ul>\n"
        '<pre aria-label="yaml example"><code>a: &lt;b&gt;</code></pre>\n'
        '<pre class="table">| a | b |\n|---|---|</pre>'
    )
