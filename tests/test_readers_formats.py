"""Choosing a reader: detection from content, `plan-format` per glob, `--plan-format`, one
clear finding for a file nobody reads, and a native metrics file beside a vendor plan."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from trackinglint import Engine
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides

from conftest import REPO

REGISTRY = build_registry(load_entry_points=False)
EXAMPLE = REPO / "examples" / "segment-with-metrics"
AVO_EXPORT = {
    "name": "Acme",
    "events": [
        {
            "id": "ev1",
            "name": "Order Completed",
            "tags": [],
            "rules": {"properties": {"properties": {"type": "object", "properties": {}}}},
        }
    ],
    "metrics": {"m1": {"id": "m1", "name": "Orders", "type": "EventSegmentation"}},
}


def test_every_format_is_a_registered_reader_in_priority_order():
    assert [(r.name, r.priority) for r in REGISTRY.readers] == [
        ("native", 0), ("avo", 10), ("segment", 20), ("iglu", 30), ("opentp", 35),
        ("rudderstack", 40),
        ("amplitude", 45), ("mixpanel", 45), ("csv", 50), ("mapping", 90),
    ]  # fmt: skip


def test_a_file_no_reader_recognises_gets_one_finding_naming_the_formats(cli, write):
    write("ci.json", '{"name": "ci", "on": ["push"]}\n')
    run = cli("check", "ci.json", "--output-format", "concise")
    assert run.code == 2  # a named path that gave no plan: never a silent pass
    assert run.out.splitlines() == [
        "ci.json:1:1: TL004 not a tracking plan trackinglint can read (top-level keys: name, on); "
        "native plans start with 'trackinglint: 1', and Segment, RudderStack, Snowplow Iglu, Avo "
        "and CSV plans are recognised by their content (or name the format with --plan-format)"
    ]
    assert run.err.splitlines()[:2] == [
        "trackinglint: error: no tracking plan found in 'ci.json'; passed over:",
        "  ci.json: not a plan in a format trackinglint reads (TL004)",
    ]


def test_plan_format_flag_overrides_detection(cli, write):
    write("export.json", json.dumps(AVO_EXPORT))
    detected = cli("check", "export.json", "--select", "TL0", "--output-format", "json")
    assert detected.json() == []
    forced = cli(
        "check", "export.json", "--select", "TL0,TL100,TL101", "--plan-format", "segment",
        "--output-format", "concise",
    )  # fmt: skip
    # read as a Segment local plan, the Avo metric is gone: no metrics, so a note, not TL101
    assert forced.out.splitlines() == [
        "export.json:1:163: TL100 the plan declares no metrics, so the outcome checks have "
        "nothing to read; to say what success looks like, add a native file beside it "
        "(`trackinglint: 1` with `metrics:`) whose north star counts a job-completion event"
    ]


def test_a_named_format_that_does_not_fit_is_reported_once(cli, write):
    write("plan.yaml", "trackinglint: 1\nevents: {}\n")
    run = cli("check", "plan.yaml", "--plan-format", "iglu", "--output-format", "concise")
    assert run.out.splitlines() == [
        "plan.yaml:1:1: TL004 not a tracking plan trackinglint can read (the format is set to "
        "'iglu', but this is not a Snowplow Iglu plan); native plans start with 'trackinglint: "
        "1', and Segment, RudderStack, Snowplow Iglu, Avo and CSV plans are recognised by their "
        "content (or name the format with --plan-format)"
    ]


def test_an_unknown_format_name_is_a_usage_error(cli, write):
    write("plan.yaml", "trackinglint: 1\n")
    run = cli("check", "plan.yaml", "--plan-format", "heap")
    assert run.code == 2
    assert "--plan-format: unknown format 'heap' (choose from native, avo, segment, iglu, " \
        "opentp, rudderstack, amplitude, mixpanel, csv, mapping)" in run.err  # fmt: skip
    write("trackinglint.toml", '[plan-format]\n"*.yaml" = "heap"\n')
    run = cli("check", "plan.yaml")
    assert run.code == 2
    assert "trackinglint.toml:2: 'plan-format.\"*.yaml\"': unknown format 'heap'" in run.err


def test_plan_format_globs_pick_the_reader_and_the_files(cli, write):
    write("trackinglint.toml", '[plan-format]\n"legacy/*.json" = "segment"\n')
    write("legacy/export.json", json.dumps(AVO_EXPORT))
    write("current/export.json", json.dumps(AVO_EXPORT))
    run = cli("check", ".", "--select", "TL0", "--output-format", "json")
    assert run.json() == []
    engine = Engine(REGISTRY, overrides=Overrides(select=("TL0",)))
    metrics = {
        folder: len(engine.lint([Path(folder)]).plans[0].metrics)
        for folder in ("legacy", "current")
    }
    assert metrics == {"legacy": 0, "current": 1}  # read as Segment there, as Avo here


def test_config_rejects_a_malformed_plan_format_table(cli, write):
    write("plan.yaml", "trackinglint: 1\n")
    write("trackinglint.toml", 'plan-format = ["segment"]\n')
    run = cli("check", "plan.yaml")
    assert run.code == 2
    assert "'plan-format': expected a table of glob = format" in run.err
    write("trackinglint.toml", 'csv-columns = {evnt = "Hit"}\n')
    run = cli("check", "plan.yaml")
    assert run.code == 2
    assert "'csv-columns.evnt': unknown field; did you mean 'event'?" in run.err


def test_a_reader_that_crashes_is_reported_and_the_other_files_still_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    class Exploding:
        name = "exploding"
        title = "Exploding"
        priority = 5

        def sniff(self, path, text):
            return "boom" in text

        def accepts(self, document):
            return isinstance(document.data, dict) and "boom" in document.data

        def read(self, document):
            raise RuntimeError("no")

    class Plugin:
        from trackinglint import hookimpl

        @hookimpl
        def get_readers(self):
            return [Exploding()]

    registry = build_registry([Plugin()], load_entry_points=False)
    (tmp_path / "a.json").write_text('{"boom": 1}\n')
    (tmp_path / "b.yaml").write_text("trackinglint: 1\nevents: {Signed Up: {}}\n")
    result = Engine(registry, overrides=Overrides(select=("TL0",))).lint([tmp_path])
    (crash,) = result.findings
    assert (crash.code, crash.file, crash.line) == ("TL000", "a.json", 1)
    assert crash.message.startswith(
        "the Exploding reader crashed on this file: RuntimeError: no (at test_readers_formats.py:"
    )
    # the two formats are two plans: the crash costs only its own
    assert [list(plan.events) for plan in result.plans] == [[], ["Signed Up"]]


def test_a_native_metrics_file_beside_a_segment_plan_is_one_plan():
    result = Engine(REGISTRY).lint([EXAMPLE])
    assert result.findings == []
    (plan,) = result.plans
    assert sorted(d.path.name for d in plan.documents) == ["metrics.yaml", "tracking-plan.json"]
    assert list(plan.events) == [
        "Signed In", "Invoice Created", "Invoice Sent", "Invoice Paid", "Reminder Sent",
    ]  # fmt: skip
    star = plan.metrics["Invoices paid per account per week"]
    assert star.north_star and star.event in plan.events
    assert plan.jobs["get-paid"].completion == ("Invoice Paid",)


def test_the_outcome_rules_read_a_vendor_plan_through_the_native_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "tests" / "fixtures" / "rudderstack" / "create", tmp_path / "plan")
    (tmp_path / "plan" / "metrics.yaml").write_text(
        "trackinglint: 1\n"
        "metrics:\n"
        "  Logins:\n"
        "    north_star: true\n"
        "    event: Login Event\n"
        "    aggregation: unique_users\n"
        "    decision: Whether the login page needs work.\n",
        encoding="utf-8",
    )
    engine = Engine(REGISTRY, overrides=Overrides(select=("TL103",)))
    (finding,) = engine.lint([tmp_path / "plan"]).findings
    assert (finding.code, finding.file, finding.line) == ("TL103", "plan/metrics.yaml", 4)
    assert "'Login Event'" in finding.message
