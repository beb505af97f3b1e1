"""TL115-TL117 (direction is a bet, activity without progress, job without start), the
`start:` of a job, and the completion_rate and retention aggregations: exact codes, lines,
columns and messages on seeded plans, nothing on their clean twins or on vendor plans."""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from trackinglint import Engine
from trackinglint.classification import classify
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides
from trackinglint.server.hover import hover_text, site_at
from trackinglint.sources import read_source

from conftest import REPO

REGISTRY = build_registry(load_entry_points=False)
NEW = ("TL115", "TL116", "TL117")
BET = (
    "set `direction: none` and keep it as a diagnostic, or measure the time from a job's start "
    "to its completion with `direction: decrease`"
)


def _lint(tmp_path: Path, text: str, select: tuple[str, ...]) -> list[tuple[str, int, int, str]]:
    path = tmp_path / "plan.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    result = Engine(REGISTRY, overrides=Overrides(select=select)).lint([path])
    return [(f.code, f.line, f.column, f.message) for f in result.findings]


@pytest.fixture
def lint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return lambda text, *codes: _lint(tmp_path, text, codes or NEW)


# -- TL115 direction-is-a-bet ----------------------------------------------------------------

BETS = """
trackinglint: 1
events:
  Signed In: {}
  Session Started: {}
  Screen Viewed: {}
  Episode Watched: {kind: job_completion}
  Help Center Visited: {}
metrics:
  Time in app: {event: Signed In, aggregation: duration, direction: increase}
  Sessions per user: {event: Session Started, aggregation: count, direction: increase}
  Screens per visit: {event: Screen Viewed, aggregation: average, direction: increase}
  Minutes watched: {event: Episode Watched, aggregation: duration, direction: increase}
  Help visits: {event: Help Center Visited, aggregation: count, direction: increase}
  Week-4 return: {event: Signed In, aggregation: retention, window: 28d, direction: increase}
  Time to qualify: {event: Missing Event, aggregation: duration, direction: increase}
  Average session length: {event: Signed In, aggregation: average, direction: none}
"""


def test_tl115_time_and_visits_on_motion_declared_higher_is_better(lint):
    assert lint(BETS, "TL115") == [
        ("TL115", 9, 58, "metric 'Time in app' bets that more is better on time spent "
                         "('Signed In', a feature interaction): a long time can mean value or "
                         f"confusion; {BET}"),
        ("TL115", 10, 67, "metric 'Sessions per user' bets that more is better on visits "
                          "('Session Started', a feature interaction): many visits can mean "
                          f"value or confusion; {BET}"),
        ("TL115", 11, 67, "metric 'Screens per visit' bets that more is better on visits "
                          "('Screen Viewed', a feature interaction): many visits can mean value "
                          f"or confusion; {BET}"),
    ]  # fmt: skip


def test_tl115_clean_twin_says_nothing(lint):
    """Each bet hedged: `direction: none`, or the time from start to completion going down."""
    twin = BETS.replace("direction: increase}", "direction: none}")
    assert lint(twin, "TL115") == []
    twin = BETS.replace("aggregation: duration, direction: increase", "aggregation: duration, "
                        "direction: decrease")  # fmt: skip
    assert [line for _, line, _, _ in lint(twin, "TL115")] == [10, 11]


def test_tl115_time_spent_read_from_the_metric_name(lint):
    plan = """
    trackinglint: 1
    events:
      Dashboard Viewed: {}
      Deal Qualified: {}
    metrics:
      Dwell time on dashboards: {event: Dashboard Viewed, aggregation: sum, direction: increase}
      Time in deals: {event: Deal Qualified, aggregation: sum, direction: increase}
      Dashboard views: {event: Dashboard Viewed, aggregation: count, direction: increase}
    """
    [(code, line, column, message)] = lint(plan, "TL115")
    assert (code, line, column) == ("TL115", 6, 73)
    assert message.startswith("metric 'Dwell time on dashboards' bets that more is better on time")


def test_tl115_an_event_with_no_evidence_is_still_motion(lint):
    """A visit event with no evidence either way bets all the same; a completion does not."""
    plan = """
    trackinglint: 1
    events:
      Session: {}
      Order Completed: {}
    metrics:
      Sessions: {event: Session, aggregation: count, direction: increase}
      Time in orders: {event: Order Completed, aggregation: duration, direction: increase}
    """
    [(_, line, column, message)] = lint(plan, "TL115")
    assert (line, column) == (6, 50)
    assert message.startswith(
        "metric 'Sessions' bets that more is better on visits ('Session', a feature interaction)"
    )


# -- TL116 activity-without-progress ---------------------------------------------------------

ACTIVITY = """
trackinglint: 1
jobs:
  share-forecast:
    start: Forecast Draft Started
    completion: Forecast Shared
events:
  Forecast Draft Started: {}
  Forecast Page Viewed: {job: share-forecast}
  Forecast Shared:
    properties:
      forecast_id: {type: string, required: true}
metrics:
  Forecast page views: {event: Forecast Page Viewed, aggregation: count}
  Drafts started: {event: Forecast Draft Started, aggregation: count}
"""


def test_tl116_job_measured_only_by_its_interactions(lint):
    assert lint(ACTIVITY, "TL116") == [
        ("TL116", 3, 3, "job 'share-forecast' is measured only by its activity: metrics "
                        "'Forecast page views', 'Drafts started' count its steps 'Forecast Page "
                        "Viewed', 'Forecast Draft Started', and no metric counts its completion "
                        "'Forecast Shared'; add a metric on 'Forecast Shared' (or a "
                        "`completion_rate` of the job) so the plan shows whether the work moved"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "progress",
    [
        "  Forecasts shared: {event: Forecast Shared, aggregation: count}\n",
        "  Share rate: {aggregation: completion_rate, job: share-forecast, window: 14d}\n",
        "  Views per share: {numerator: Forecast Page Viewed, denominator: Forecast Shared}\n",
    ],
    ids=["count", "completion-rate", "ratio"],
)
def test_tl116_clean_twins_measure_the_completion(lint, progress):
    assert lint(ACTIVITY + progress, "TL116") == []


def test_tl116_says_nothing_without_a_completion_that_reads_as_one(lint):
    """A job with no completion, or one that reads as motion, is TL110's alone."""
    plan = ACTIVITY.replace("completion: Forecast Shared", "completion: Forecast Page Viewed")
    assert lint(plan, "TL116") == []
    plan = ACTIVITY.replace("    completion: Forecast Shared\n", "")
    assert lint(plan, "TL116") == []


# -- TL117 job-without-start -----------------------------------------------------------------

JOBS = """
trackinglint: 1
jobs:
  qualify-deal:
    completion: Deal Qualified
  close-deal: {}
  share-forecast:
    completion: Forecast Page Viewed
  log-call:
    description: Linked from its completion event only.
  review-deal:
    start: [Deal Review Started]
    completion: Deal Reviewed
events:
  Deal Qualified: {}
  Forecast Page Viewed: {}
  Call Logged: {job: log-call, kind: job_completion}
  Deal Review Started: {}
  Deal Reviewed: {}
"""


def test_tl117_jobs_with_a_completion_and_no_start(lint):
    assert lint(JOBS, "TL117") == [
        ("TL117", 3, 3, "job 'qualify-deal' has a completion event ('Deal Qualified') but no "
                        "start event, so the plan can count completions but not the share of "
                        "attempts that got done; name the event that begins the job in `start:` "
                        "(if the job has no natural start, suppress this note)"),
        ("TL117", 8, 3, "job 'log-call' has a completion event ('Call Logged') but no start "
                        "event, so the plan can count completions but not the share of attempts "
                        "that got done; name the event that begins the job in `start:` (if the "
                        "job has no natural start, suppress this note)"),
    ]  # fmt: skip


def test_tl117_is_info_and_a_start_silences_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "plan.yaml"
    path.write_text(textwrap.dedent(JOBS).lstrip("\n"))
    result = Engine(REGISTRY, overrides=Overrides(select=("TL117",))).lint([path])
    assert {f.severity.value for f in result.findings} == {"info"}
    twin = JOBS.replace("qualify-deal:\n", "qualify-deal:\n    start: Deal Reviewed\n")
    twin = twin.replace("description: Linked from its completion event only.", "start: Call Logged")
    assert _lint(tmp_path, twin, ("TL117",)) == []


# -- start: in the native format -------------------------------------------------------------


def test_a_start_event_must_exist(lint):
    plan = """
    trackinglint: 1
    jobs:
      qualify-deal:
        start: [Deal Review Started, Deal Reveiw Opened]
        completion: Deal Qualified
    events:
      Deal Qualified: {}
      Deal Review Started: {}
      Deal Review Opened: {}
    metrics:
      Rate: {aggregation: completion_rate, job: qualify-dea}
    """
    assert lint(plan, "TL208") == [
        ("TL208", 4, 34, "job 'qualify-deal' refers to start event 'Deal Reveiw Opened', which "
                         "the plan does not define; did you mean 'Deal Review Opened'?"),
        ("TL208", 11, 45, "metric 'Rate' refers to job 'qualify-dea', which the plan does not "
                          "define; did you mean 'qualify-deal'?"),
    ]  # fmt: skip


def test_the_schema_checks_start_job_and_window(lint):
    plan = """
    trackinglint: 1
    jobs:
      qualify-deal: {start: 3}
    metrics:
      Rate: {aggregation: completion_rate}
      Return: {aggregation: retention, event: Signed In}
      Spread: {aggregation: median}
    """
    found = [(line, column, message) for _, line, column, message in lint(plan, "TL002")]
    assert found == [
        (3, 25, "expected a string or a list of strings at jobs.qualify-deal.start, got an "
                "integer (3)"),
        (5, 3, "missing required key 'job' at metrics.Rate"),
        (6, 3, "missing required key 'window' at metrics.Return"),
        (7, 25, 'a string ("median") is not allowed at metrics.Spread.aggregation; expected '
                "one of: count, unique_users, sum, average, ratio, duration, cumulative, "
                "completion_rate, retention"),
    ]  # fmt: skip


def _plan(tmp_path: Path, text: str):
    path = tmp_path / "plan.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    result = Engine(REGISTRY).lint([path])
    [plan] = result.plans
    return plan


PROGRESS = """
trackinglint: 1
jobs:
  qualify-deal:
    start: Deal Opened For Review
    completion: Deal Qualified
events:
  Deal Opened For Review: {job: qualify-deal}
  Deal Qualified: {}
  Signed In: {}
metrics:
  Qualified within a week:
    aggregation: completion_rate
    job: qualify-deal
    window: 7d
  Reps qualifying again:
    aggregation: retention
    event: Deal Qualified
    window: 30d
  Reps coming back:
    aggregation: retention
    event: Signed In
    window: 30d
"""


def test_start_reads_as_interaction_and_the_rates_as_they_should(tmp_path):
    plan = _plan(tmp_path, PROGRESS)
    assert plan.jobs["qualify-deal"].start == ("Deal Opened For Review",)
    assert (plan.metrics["Qualified within a week"].job, plan.metrics["Reps coming back"].window) \
        == ("qualify-deal", "30d")  # fmt: skip
    result = classify(plan)
    start = result.events["Deal Opened For Review"]
    assert start.kind == "feature_interaction"
    assert [(e.source, e.detail, e.weight) for e in start.evidence if e.source == "job"] == [
        ("job", "declared as the start of job 'qualify-deal'", -4.0)
    ]
    metrics = result.metrics
    assert (metrics["Qualified within a week"].kind, metrics["Qualified within a week"].reason) \
        == ("outcome", "counts progress: share of the starts of job 'qualify-deal' that reach "
                       "its completion within 7d")  # fmt: skip
    assert (metrics["Reps qualifying again"].kind, metrics["Reps qualifying again"].reason) == (
        "outcome", "counts progress: retention of 'Deal Qualified'")  # fmt: skip
    assert (metrics["Reps coming back"].kind, metrics["Reps coming back"].reason) == (
        "surface", "counts motion: retention of 'Signed In'")  # fmt: skip
    assert (
        "retention within 30d on motion: people come back, not necessarily to get anything done "
        "(habit, not fit)"
    ) in [e.detail for e in metrics["Reps coming back"].evidence]


def test_classify_command_explains_start_and_rates(tmp_path, cli):
    (tmp_path / "plan.yaml").write_text(textwrap.dedent(PROGRESS).lstrip("\n"))
    run = cli("classify", str(tmp_path), "--output-format", "json")
    data = json.loads(run.out)
    events = {e["name"]: e for e in data["events"]}
    assert "declared as the start of job 'qualify-deal'" in [
        e["detail"] for e in events["Deal Opened For Review"]["evidence"]
    ]
    metrics = {m["name"]: m for m in data["metrics"]}
    assert metrics["Reps qualifying again"]["evidence"][-1]["detail"] == (
        "retention within 30d on a job completion: people come back to get the job done again (fit)"
    )
    table = cli("classify", str(tmp_path)).out
    assert "share of the starts of job 'qualify-deal' that reach its completion within 7d" in table


def test_hover_on_a_start_and_on_a_rate(tmp_path):
    plan = _plan(tmp_path, PROGRESS)
    document = plan.documents[0]
    result = classify(plan)
    start = site_at(plan, document, 4, 20)  # the value of `start:`
    assert (start.kind, start.name) == ("event", "Deal Opened For Review")
    text = hover_text(start, result)
    assert text.startswith("**Deal Opened For Review**: feature interaction (motion)")
    assert "- declared as the start of job 'qualify-deal' (job, -4.0)" in text
    rate = hover_text(site_at(plan, document, 11, 5), result)
    assert rate.startswith("**Qualified within a week**: outcome metric (counts progress)")
    assert "share of the starts of job 'qualify-deal' that reach its completion within 7d" in rate


def test_convert_keeps_start_job_and_window(tmp_path):
    from trackinglint.convert import to_native

    data = to_native(_plan(tmp_path, PROGRESS))
    assert data["jobs"]["qualify-deal"] == {
        "start": "Deal Opened For Review",
        "completion": "Deal Qualified",
    }
    assert data["metrics"]["Qualified within a week"] == {
        "aggregation": "completion_rate",
        "job": "qualify-deal",
        "window": "7d",
    }


# -- precision ---------------------------------------------------------------------------------

VENDOR_PLANS = [
    REPO / "tests" / "fixtures",
    REPO / "tests" / "data" / "segment-typewriter",
    REPO / "tests" / "data" / "rudder-iac",
    REPO / "tests" / "data" / "iglu-central",
]


@pytest.mark.parametrize("folder", VENDOR_PLANS, ids=lambda p: p.name)
def test_no_new_rule_fires_on_vendor_plans(folder, monkeypatch):
    """Vendor plans declare no jobs or metrics: the new rules have nothing to say about them."""
    monkeypatch.chdir(folder)
    result = Engine(REGISTRY, overrides=Overrides(select=NEW)).lint([folder])
    assert all(plan.events for plan in result.plans) and result.plans
    assert [f for f in result.findings if f.code in NEW] == []


def test_at_most_one_finding_per_job_or_metric(lint):
    """Every pattern at once, several ways each: still one finding per job or metric."""
    plan = """
    trackinglint: 1
    jobs:
      a:
        completion: [A Done, A Finished]
      b:
        completion: B Done
    events:
      A Started: {job: a}
      A Opened: {job: a}
      A Done: {}
      A Finished: {}
      B Done: {}
      B Viewed: {job: b}
      Session Started: {}
    metrics:
      Time on A: {event: A Opened, aggregation: duration, direction: increase, per: [session]}
      A starts per session:
        {numerator: A Started, denominator: Session Started, direction: increase}
      A opens: {event: A Opened}
      B views: {event: B Viewed, direction: increase}
      Sessions: {event: Session Started, aggregation: count, direction: increase}
    """
    found = lint(plan)
    assert Counter(code for code, *_ in found) == {"TL115": 3, "TL116": 2, "TL117": 2}
    places = Counter((code, line) for code, line, _, _ in found)
    assert max(places.values()) == 1


def test_the_before_example_has_one_case_of_each_and_the_after_none(monkeypatch):
    monkeypatch.chdir(REPO)
    engine = Engine(REGISTRY, overrides=Overrides(select=NEW))
    before = engine.lint([Path("examples/crm-before")]).findings
    assert sorted((f.code, f.line, f.column) for f in before) == [
        ("TL115", 59, 5),
        ("TL116", 15, 3),
        ("TL117", 15, 3),
    ]
    assert engine.lint([Path("examples/crm-after")]).findings == []
    after = read_source(REPO / "examples/crm-after/plan.yaml", "plan.yaml").document.data
    assert all("start" in job for job in after["jobs"].values())


# -- diff: a removed start breaks the completion rate ----------------------------------------

OLD_JOB = """
trackinglint: 1
jobs:
  qualify-deal:
    start: [Deal Review Started, Deal Opened]
    completion: Deal Qualified
events:
  Deal Review Started: {}
  Deal Opened: {}
  Deal Qualified: {}
metrics:
  Qualified within a week: {aggregation: completion_rate, job: qualify-deal, window: 7d}
"""


def test_diff_reports_a_removed_start(cli, write):
    write("old.yaml", OLD_JOB)
    write("new.yaml", OLD_JOB.replace("[Deal Review Started, Deal Opened]", "Deal Opened"))
    run = cli("diff", "old.yaml", "new.yaml", "--output-format", "json")
    assert run.code == 1
    assert [(f["code"], f["line"], f["column"], f["message"]) for f in run.json()] == [
        ("TD011", 4, 5, "job 'qualify-deal' no longer names 'Deal Review Started' as its start; "
                        "completion rate 'Qualified within a week' and any funnel that begins at "
                        "it can no longer be measured: keep the start, or name the event that "
                        "replaces it in `start:`"),
    ]  # fmt: skip
    write("new.yaml", OLD_JOB.replace("Deal Opened]", "Deal Opened, Deal Qualified Soon]"))
    assert cli("diff", "old.yaml", "new.yaml", "--output-format", "json").json() == []


def test_a_declarative_rule_can_require_a_start(cli, write):
    """Teams that want every job to name its start can say so in a rule file."""
    write("plan.yaml", JOBS)
    rule = 'code = "ACME001"\nname = "start"\nselect = "jobs"\ncheck = {"required-field" = "start"}'
    write("trackinglint.toml", f"[[custom-rules]]\n{rule}\n")
    run = cli("check", "plan.yaml", "--select", "ACME", "--output-format", "concise")
    assert run.out.splitlines() == [
        f"plan.yaml:{line}:3: ACME001 job '{job}' has no start"
        for line, job in ((3, "qualify-deal"), (5, "close-deal"), (6, "share-forecast"),
                          (8, "log-call"))
    ]  # fmt: skip
