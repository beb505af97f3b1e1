"""The engine API: multi-file plans, the model's origins, findings' fields."""

from __future__ import annotations

from trackinglint import Engine
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides

REGISTRY = build_registry(load_entry_points=False)
CORE = Overrides(select=("TL0",))


def lint(*paths):
    """The core rules only: the plans here are deliberately minimal."""
    return Engine(REGISTRY, overrides=CORE).lint(list(paths))


def test_plan_spans_several_files_and_names_resolve(write, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write("plan/metrics.yaml", """
        trackinglint: 1
        metrics:
          Deals per week: {event: Deal Qualified, aggregation: count}
        dashboards:
          Sales: {metrics: [Deals per week]}
    """)  # fmt: skip
    write("plan/events/deals.json", """
        {"trackinglint": 1,
         "events": {"Deal Qualified": {"properties": {"amount": {"type": "number"}}}}}
    """)  # fmt: skip
    result = lint(tmp_path / "plan")
    assert result.findings == []
    [plan] = result.plans
    assert sorted(result.files) == ["plan/events/deals.json", "plan/metrics.yaml"]
    metric = plan.metrics["Deals per week"]
    event = plan.events[metric.event]
    amount = event.properties["amount"]
    assert amount.types == ("number",)
    assert amount.origin.path == 'events."Deal Qualified".properties.amount'
    assert amount.origin.document.display_path == "plan/events/deals.json"
    span = amount.origin.span()
    assert (span.line, span.column, span.end_column) == (2, 47, 55)
    ref = plan.dashboards["Sales"].metrics[0]
    assert (ref.name, ref.origin.path, ref.origin.span().line) == (
        "Deals per week", "dashboards.Sales.metrics[0]", 5,
    )  # fmt: skip


def test_same_name_twice_across_files_is_recorded(write, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write("a.yaml", "trackinglint: 1\nevents: {Signed In: {}}\n")
    write("b.yaml", "trackinglint: 1\nevents: {Signed In: {}}\n")
    [plan] = lint(tmp_path).plans
    [again] = plan.redefinitions
    assert (again.section, again.name) == ("events", "Signed In")
    assert again.first.document.display_path == "a.yaml"
    assert again.again.document.display_path == "b.yaml"


def test_duplicate_key_is_reported_and_the_file_still_lints(write, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write("plan.yaml", "trackinglint: 1\nevents:\n  A: {}\n  A: {kind: oops}\n  B: {kind: bad}\n")
    found = [(f.code, f.line, f.column) for f in lint(tmp_path / "plan.yaml").findings]
    assert found == [("TL001", 4, 3), ("TL002", 5, 13)]


def test_unsaved_contents_override_the_disk(write, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    path = write("plan.yaml", "trackinglint: 1\n")
    result = Engine(REGISTRY, overrides=CORE).lint([path], contents={path: "trackinglint: 2\n"})
    [finding] = result.findings
    assert (finding.code, finding.message) == (
        "TL002", "expected 1 at trackinglint, got an integer (2)",
    )  # fmt: skip
    assert path.read_text() == "trackinglint: 1\n"  # nothing written


def test_linting_never_changes_files(write, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    text = "trackinglint: 1\nevents:\n  A: {kind: nope}  # trackinglint: ignore[TL104]\n"
    path = write("plan.yaml", text)
    before = path.stat().st_mtime_ns
    lint(path)
    assert path.read_text() == text
    assert path.stat().st_mtime_ns == before
