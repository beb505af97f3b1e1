"""Outcome rules that pair activity with progress: a bet on direction, a job
measured only by its motion, a job whose attempts cannot be counted.

All three read only declared jobs and metrics, so a plan without them (every
vendor plan) gets nothing from them, and each reports a job or a metric once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..classification import FEATURE_INTERACTION, JOB_COMPLETION, EventVerdict, tokenize
from ..findings import Problem, Severity
from ..model import Job, Metric, Plan
from .api import RuleContext, rule

_TIME = re.compile(
    r"\b(?:time (?:in|on|spent)|(?:session|visit) (?:length|duration|time)|dwell time"
    r"|screen time|duration)\b"
)
_VISITS = re.compile(
    r"\b(?:sessions?|logins?|log ins?|logged in|signins?|sign ins?|signed in|visits?|visited"
    r"|visitors?|pageviews?|screenviews?|(?:page|screen)s? (?:views?|viewed)"
    r"|(?:app|application) (?:opens?|opened|launch|launches|launched)"
    r"|(?:opened|launched) (?:the )?app)\b"
)
_NOT_A_BET = ("completion_rate", "retention", "cumulative")  # own meaning, or TL106's


def _words(name: str) -> str:
    return " ".join(tokenize(name))


def _measures(metric: Metric, event: str) -> str | None:
    """'time' or 'visits' when the metric measures time spent or visits, else None."""
    if metric.aggregation == "duration" or _TIME.search(_words(metric.name)):
        return "time"
    if _VISITS.search(_words(event)) or _VISITS.search(_words(metric.name)):
        return "visits"
    return None


@rule("TL115", "direction-is-a-bet", severity=Severity.WARNING, group="outcome")
def direction_is_a_bet(ctx: RuleContext) -> Iterator[Problem]:
    """A metric of time spent or visits on motion is declared "higher is better"."""
    verdicts = ctx.classification.events
    for metric in ctx.plan.metrics.values():
        if metric.direction != "increase" or metric.aggregation in _NOT_A_BET:
            continue
        event = metric.event or metric.numerator
        verdict = verdicts.get(event) if event else None
        if verdict is None or verdict.friction:
            continue  # an unresolved name is TL208's, friction counted upward TL113's
        motion = _motion(verdict)
        what = _measures(metric, verdict.name) if motion else None
        if what is None:
            continue  # time on a job completion is the job itself
        much = "a long time" if what == "time" else "many visits"
        what = "time spent" if what == "time" else "visits"
        yield ctx.problem(
            metric.origin.field("direction"),
            f"metric '{metric.name}' bets that more is better on {what} ('{verdict.name}', "
            f"{motion}): {much} can mean value or confusion; set `direction: none` and keep it "
            "as a diagnostic, or measure the time from a job's start to its completion with "
            "`direction: decrease`",
        )


def _motion(verdict: EventVerdict) -> str | None:
    """How the event reads as motion, for the message; None when it completes a job.
    A declared completion is believed here ("Episode Watched" to the end is the job);
    whether the declaration is believable is TL114's question."""
    if verdict.kind == FEATURE_INTERACTION:
        return "a feature interaction"
    if verdict.kind != JOB_COMPLETION:
        return "not a job completion"
    return None


class _JobEvents:
    """Each job's events, read once per plan: what proves it done, what is motion on the way."""

    def __init__(self, plan: Plan, verdicts: dict[str, EventVerdict]) -> None:
        linked: dict[str, list[str]] = {}
        for event in plan.events.values():
            if isinstance(event.job, str):
                linked.setdefault(event.job, []).append(event.name)
        self.done: dict[str, list[str]] = {}
        self.motion: dict[str, list[str]] = {}
        for job in plan.jobs.values():
            done = [n for n in job.completion if _proves(verdicts.get(n))]
            done += [n for n in linked.get(job.name, ()) if _kind(verdicts, n) == JOB_COMPLETION]
            self.done[job.name] = list(dict.fromkeys(done))
            steps = [n for n in (*job.start, *linked.get(job.name, ())) if n in verdicts]
            motion = [n for n in steps if n not in done and _kind(verdicts, n) != JOB_COMPLETION]
            self.motion[job.name] = list(dict.fromkeys(motion))


def _kind(verdicts: dict[str, EventVerdict], name: str) -> str | None:
    found = verdicts.get(name)
    return found.kind if found is not None else None


def _proves(verdict: EventVerdict | None) -> bool:
    """A declared completion that reads as one (TL110 reports the others)."""
    return (
        verdict is not None
        and verdict.kind == JOB_COMPLETION
        and verdict.name_kind != FEATURE_INTERACTION
    )


def _job_events(ctx: RuleContext) -> _JobEvents:
    return _JobEvents(ctx.plan, ctx.classification.events)


@rule("TL116", "activity-without-progress", severity=Severity.WARNING, group="outcome")
def activity_without_progress(ctx: RuleContext) -> Iterator[Problem]:
    """A job's interactions are measured by a metric, its completion by none."""
    if not ctx.plan.jobs or not ctx.plan.metrics:
        return
    events = _job_events(ctx)
    metrics = list(ctx.plan.metrics.values())
    for job in ctx.plan.jobs.values():
        done, motion = events.done[job.name], set(events.motion[job.name])
        if not done or not motion or any(_counts_progress(m, job, done) for m in metrics):
            continue
        counted = [m for m in metrics if {m.event, m.numerator} & motion]
        if not counted:
            continue
        steps = list(
            dict.fromkeys(n for m in counted for n in (m.event, m.numerator) if n in motion)
        )
        names = [m.name for m in counted]
        yield ctx.problem(
            job.origin,
            f"job '{job.name}' is measured only by its activity: {_listed('metric', names)} "
            f"count{'s' if len(names) == 1 else ''} {_listed('its step', steps)}, and no metric "
            f"counts its completion {_either(done)}; add a metric on '{done[0]}' (or a "
            "`completion_rate` of the job) so the plan shows whether the work moved",
        )


def _counts_progress(metric: Metric, job: Job, done: Sequence[str]) -> bool:
    if metric.aggregation == "completion_rate" and metric.job == job.name:
        return True
    return any(name in done for name in metric.event_names)


def _either(names: Sequence[str]) -> str:
    return " or ".join(f"'{name}'" for name in names)


def _listed(noun: str, names: Sequence[str]) -> str:
    shown = ", ".join(f"'{name}'" for name in names)
    return f"{noun} {shown}" if len(names) == 1 else f"{noun}s {shown}"


@rule("TL117", "job-without-start", severity=Severity.INFO, group="outcome")
def job_without_start(ctx: RuleContext) -> Iterator[Problem]:
    """A job has a completion event but no start event, so its completion rate is unknown."""
    if not ctx.plan.jobs:
        return
    events = _job_events(ctx)
    for job in ctx.plan.jobs.values():
        done = events.done[job.name]
        if job.start or not done:
            continue
        yield ctx.problem(
            job.origin,
            f"job '{job.name}' has a completion event ('{done[0]}') but no start event, so the "
            "plan can count completions but not the share of attempts that got done; name the "
            "event that begins the job in `start:` (if the job has no natural start, suppress "
            "this note)",
        )


RULES = (direction_is_a_bet, activity_without_progress, job_without_start)
