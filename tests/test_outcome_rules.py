"""The outcome rules TL101-TL114 on small plans: exact codes, lines, columns, messages."""

from __future__ import annotations

import textwrap

import pytest

from trackinglint import Engine
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides

REGISTRY = build_registry(load_entry_points=False)


def findings(tmp_path, monkeypatch, text: str, code: str, **options):
    """Lint one plan with only `code` selected; return (line, column, message) triples."""
    monkeypatch.chdir(tmp_path)
    if options:
        table = "\n".join(f"{k} = {v!r}" for k, v in options.items())
        (tmp_path / "trackinglint.toml").write_text(f"[options.{code}]\n{table}\n")
    path = tmp_path / "plan.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    result = Engine(REGISTRY, overrides=Overrides(select=(code,))).lint([path])
    assert all(f.code == code for f in result.findings), result.findings
    return [(f.line, f.column, f.message) for f in result.findings]


@pytest.fixture
def lint(tmp_path, monkeypatch):
    return lambda text, code, **options: findings(tmp_path, monkeypatch, text, code, **options)


GOOD_PLAN = """
trackinglint: 1
jobs:
  qualify-deal:
    completion: Deal Qualified
events:
  Deal Qualified:
    properties:
      deal_id: {type: string, required: true}
  Signed In: {}
metrics:
  Deals qualified per rep per week:
    north_star: true
    event: Deal Qualified
    aggregation: count
    per: [rep, week]
    decision: Where to coach.
    target: {value: 40}
    gaming_test: Audited weekly.
  Weekly active reps:
    event: Signed In
    aggregation: unique_users
    role: diagnostic
    decision: Whether reps show up at all.
dashboards:
  Sales:
    metrics: [Deals qualified per rep per week, Weekly active reps]
"""


@pytest.mark.parametrize("code", [f"TL1{n:02d}" for n in range(1, 15)])
def test_a_sound_plan_is_clean(lint, code):
    assert lint(GOOD_PLAN, code) == []


def test_tl101_no_north_star(lint):
    plan = "trackinglint: 1\nevents:\n  A Done: {}\nmetrics:\n  M: {event: A Done}\n"
    assert lint(plan, "TL101") == [
        (4, 1, "no metric is marked as the north star; mark the one metric that counts the job "
               "customers hire the product for with `north_star: true`"),
    ]  # fmt: skip


def test_tl101_is_silent_on_a_plan_without_metrics(lint):
    assert lint("trackinglint: 1\nevents:\n  Signed In: {}\n", "TL101") == []


def test_tl100_one_note_on_a_plan_without_metrics(lint):
    assert lint("trackinglint: 1\nevents:\n  Signed In: {}\n", "TL100") == [
        (2, 1, "the plan declares no metrics, so the outcome checks have nothing to read; to say "
               "what success looks like, add a native file beside it (`trackinglint: 1` with "
               "`metrics:`) whose north star counts a job-completion event"),
    ]  # fmt: skip
    assert lint(GOOD_PLAN, "TL100") == []
    assert lint("trackinglint: 1\n", "TL100") == []  # nothing declared: nothing to say


def test_no_outcome_finding_follows_a_parse_error_in_the_same_file(tmp_path, monkeypatch):
    """A duplicate key is a TL001, yet the file still reads: the outcome note is left out."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "plan.yaml"
    path.write_text("trackinglint: 1\nevents:\n  Signed In: {}\n  Signed In: {}\n")
    result = Engine(REGISTRY, overrides=Overrides(select=("TL001", "TL100"))).lint([path])
    assert [f.code for f in result.findings] == ["TL001"]


def test_a_misspelled_event_is_one_tl208_and_no_claim_about_motion(tmp_path, monkeypatch):
    """The name that resolves to nothing is the root cause; TL103 and TL104 stay silent."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "plan.yaml"
    path.write_text(
        "trackinglint: 1\nevents:\n  Deal Qualified: {}\nmetrics:\n"
        "  Daily logins:\n    north_star: true\n    event: Signed Inn\n"
        "    aggregation: unique_users\n    target: {value: 100}\n"
        "  Page views:\n    event: Page Vieww\n    aggregation: count\n"
        "dashboards:\n  Growth:\n    metrics: [Page views, Daily logins]\n"
    )
    select = ("TL103", "TL104", "TL108", "TL208")
    result = Engine(REGISTRY, overrides=Overrides(select=select)).lint([path])
    found = [(f.code, f.line, f.column) for f in result.findings]
    assert found == [("TL208", 7, 12), ("TL208", 11, 12)]  # and TL108 says nothing either


def test_tl102_every_extra_north_star(lint):
    plan = """
    trackinglint: 1
    metrics:
      A: {north_star: true}
      B: {north_star: true}
      C: {role: north_star}
    """
    assert lint(plan, "TL102") == [
        (4, 7, "metric 'B' is a second north star besides 'A'; one number has to win: keep one "
               "north star and give the others `role: outcome`"),
        (5, 7, "metric 'C' is a second north star besides 'A'; one number has to win: keep one "
               "north star and give the others `role: outcome`"),
    ]  # fmt: skip


def test_tl103_north_star_on_time_in_app(lint):
    plan = """
    trackinglint: 1
    events:
      Signed In: {}
    metrics:
      Time in app:
        north_star: true
        event: Signed In
        aggregation: duration
    """
    [(line, column, message)] = lint(plan, "TL103")
    assert (line, column) == (6, 5)
    assert message == (
        "north star 'Time in app' is a surface metric (counts motion: duration of 'Signed In'); "
        "make the north star a count of a job-completion event per the unit that matters"
    )


def test_tl104_target_on_daily_logins(lint):
    plan = """
    trackinglint: 1
    events:
      Signed In: {}
    metrics:
      Daily logins:
        event: Signed In
        aggregation: unique_users
        target: {value: 10000}
    """
    [(line, column, message)] = lint(plan, "TL104")
    assert (line, column) == (8, 5)
    assert message.startswith("target set on surface metric 'Daily logins' (")
    assert "'Signed In'" in message
    assert message.endswith("); move the target to an outcome metric, keep this one as a "
                            "diagnostic")  # fmt: skip


def test_tl105_target_without_gaming_test(lint):
    plan = "trackinglint: 1\nmetrics:\n  M:\n    target: {value: 1}\n    gaming_test: ' '\n"
    assert lint(plan, "TL105") == [
        (4, 5, "target on 'M' has no gaming test; record in `gaming_test` how someone could "
               "make it rise while delivering nothing, and why they can't"),
    ]  # fmt: skip


def test_tl106_cumulative_by_aggregation_and_by_name(lint):
    plan = """
    trackinglint: 1
    metrics:
      Registered users: {aggregation: cumulative}
      Total downloads: {aggregation: count}
      Total orders per week: {aggregation: count, per: [week]}
    """
    found = lint(plan, "TL106")
    assert [(line, column) for line, column, _ in found] == [(3, 22), (4, 3)]
    assert found[1][2] == (
        "metric 'Total downloads' is a cumulative total: it only rises, so it cannot tell a "
        "good week from a bad one; count the same event per week or per active account"
    )


def test_tl107_metric_without_decision(lint):
    plan = "trackinglint: 1\nmetrics:\n  M: {decision: ''}\n  N: {decision: Hire.}\n"
    assert lint(plan, "TL107") == [
        (3, 3, "metric 'M' names no decision it informs; add `decision:` (what will you do "
               "differently when it moves?) or drop the metric"),
    ]  # fmt: skip


def test_tl108_dashboard_leading_with_sessions(lint):
    plan = """
    trackinglint: 1
    events:
      Signed In: {}
      Deal Qualified: {}
    metrics:
      Sessions: {event: Signed In, aggregation: count}
      Deals qualified: {event: Deal Qualified, aggregation: count}
    dashboards:
      Sales:
        metrics:
          - Sessions
          - Deals qualified
    """
    [(line, column, message)] = lint(plan, "TL108")
    assert (line, column) == (11, 9)
    assert message.startswith("dashboard 'Sales' leads with 'Sessions', a surface metric (")


def test_tl109_crowded_dashboard_and_its_option(lint):
    plan = "trackinglint: 1\ndashboards:\n  D:\n    metrics: [a, b, c, d, e, f, g, h]\n"
    assert lint(plan, "TL109") == [
        (3, 3, "dashboard 'D' shows 8 metrics side by side (limit 7); when everything is on top "
               "nothing is: keep the north star and a few outcome metrics, and move diagnostics "
               "to a dashboard of their own"),
    ]  # fmt: skip
    assert lint(plan, "TL109", **{"max-metrics": 8}) == []


def test_tl110_job_without_missing_and_motion_completions(lint):
    plan = """
    trackinglint: 1
    jobs:
      none: {description: Nothing proves it.}
      missing: {completion: Deal Qualifed}
      motion:
        completion: [Deal Qualified, Dashboard Viewed]
      linked: {}
    events:
      Deal Qualified: {}
      Dashboard Viewed: {}
      Invoice Paid: {job: linked}
    """
    found = lint(plan, "TL110")
    assert [(line, column) for line, column, _ in found] == [(3, 3), (4, 25), (6, 34)]
    assert found[0][2] == (
        "job 'none' has no completion event, so the plan cannot show when it got done; name the "
        "event that proves it in `completion:`"
    )
    assert found[1][2] == (
        "job 'missing' names completion event 'Deal Qualifed', which the plan does not define; "
        "did you mean 'Deal Qualified'?"
    )
    assert found[2][2].startswith("job 'motion' is completed by 'Dashboard Viewed', which reads")


def test_tl111_plan_mostly_motion_and_its_option(lint):
    events = "".join(f"  Page {n} Viewed: {{}}\n" for n in range(9))
    plan = "trackinglint: 1\nevents:\n" + events + "  Order Completed: {}\n"
    assert lint(plan, "TL111") == []  # 1 of 10 is exactly the floor
    found = lint(plan, "TL111", **{"min-progress-share": 0.2})
    assert found == [
        (2, 1, "only 1 of 10 events (10%) record a job getting done (floor 20%); the plan cannot "
               "tell an efficient user from a lost one: declare the event that completes each job"),
    ]  # fmt: skip


def test_tl111_stays_silent_when_the_classifier_is_unsure(lint):
    """Ten names the classifier cannot read: a share of them would be a guess."""
    events = "".join(f"  Zork {n}: {{}}\n" for n in range(10))
    assert lint("trackinglint: 1\nevents:\n" + events, "TL111") == []
    few = "".join(f"  Page {n} Viewed: {{}}\n" for n in range(5))
    assert lint("trackinglint: 1\nevents:\n" + few, "TL111") == []  # under min-events


def test_tl112_completion_without_artifact(lint):
    plan = """
    trackinglint: 1
    events:
      Order Completed:
        properties:
          total: {type: number}
          order_ref: {type: string}
      Invoice Paid:
        properties:
          invoiceId: {type: string, required: true}
      Refund Issued:
        properties:
          amount: {type: number}
    metrics:
      Orders: {event: Order Completed}
    """
    assert lint(plan, "TL112") == [
        (3, 3, "job-completion event 'Order Completed' has no required property identifying "
               "what got done; mark `order_ref` `required: true`, so every completion points "
               "at its artifact"),
        (10, 3, "job-completion event 'Refund Issued' has no required property identifying "
                "what got done; add one such as `refund_id` with `required: true`, so every "
                "completion points at its artifact"),
    ]  # fmt: skip


def test_tl112_is_silent_on_an_events_only_export(lint):
    """No jobs, no metrics, no declared kinds: every verdict is a guess about a name."""
    plan = "trackinglint: 1\nevents:\n  Order Completed:\n    properties: {total: {}}\n"
    assert lint(plan, "TL112") == []


def test_tl113_friction_counted_as_engagement(lint):
    plan = """
    trackinglint: 1
    events:
      Help Center Visited: {}
      Payment Failed: {}
    metrics:
      Help engagement: {event: Help Center Visited, direction: increase}
      Failures to cut: {event: Payment Failed, direction: decrease, target: {value: 5}}
      Failure goal: {event: Payment Failed, target: {value: 5}}
    """
    found = lint(plan, "TL113")
    assert [(line, column) for line, column, _ in found] == [(6, 49), (8, 41)]
    assert found[0][2] == (
        "metric 'Help engagement' counts friction signal 'Help Center Visited' as engagement "
        "(with `direction: increase`); friction should fall: set `direction: decrease` and keep "
        "it as a guardrail, or measure the job it gets in the way of"
    )


def test_tl114_declared_kind_contradicts_the_name(lint):
    plan = """
    trackinglint: 1
    events:
      Dashboard Viewed:
        kind: job_completion
      Invoice Paid:
        kind: job_completion
    """
    [(line, column, message)] = lint(plan, "TL114")
    assert (line, column) == (4, 5)
    assert message.startswith(
        "event 'Dashboard Viewed' is declared job_completion but its name reads as "
        "feature_interaction ("
    )
