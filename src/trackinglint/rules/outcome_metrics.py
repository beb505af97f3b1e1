"""Outcome rules about metrics: north stars, targets, totals, decisions, friction."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Problem, Severity
from ..fixes.model import Fix, replace_at
from ..model import Metric, Origin, Plan
from .api import RuleContext, rule

SURFACE = "surface"
_ALL_TIME = re.compile(r"\b(?:total|lifetime|all[\s_-]?time|cumulative|ever)\b", re.IGNORECASE)


def plan_anchor(plan: Plan, *sections: str) -> Origin:
    """Where a finding about the whole plan goes: the first of `sections`
    written in any of its files, else the product, else the first file's top."""
    for section in sections:
        for document in plan.documents:
            if isinstance(document.data, dict) and section in document.data:
                return Origin(document, (section,))
    if plan.product is not None:
        return plan.product.origin
    return Origin(plan.documents[0])


def north_stars(plan: Plan) -> list[Metric]:
    return [metric for metric in plan.metrics.values() if metric.north_star]


@rule("TL100", "plan-without-metrics", severity=Severity.INFO, group="outcome")
def plan_without_metrics(ctx: RuleContext) -> Iterator[Problem]:
    """The plan declares events but no metrics: a note on how to add them.

    Vendor exports (Segment, RudderStack, Iglu) carry events only; the outcome
    rules need metrics to say anything, and guessing would be noise.
    """
    if ctx.plan.metrics or not ctx.plan.events:
        return
    yield ctx.problem(
        plan_anchor(ctx.plan, "metrics", "events"),
        "the plan declares no metrics, so the outcome checks have nothing to read; to say "
        "what success looks like, add a native file beside it (`trackinglint: 1` with "
        "`metrics:`) whose north star counts a job-completion event",
    )


@rule("TL101", "no-north-star", severity=Severity.WARNING, group="outcome")
def no_north_star(ctx: RuleContext) -> Iterator[Problem]:
    """The plan has metrics, and none is marked as its north star."""
    if not ctx.plan.metrics or north_stars(ctx.plan):
        return  # a plan without metrics gets TL100's note instead
    yield ctx.problem(
        plan_anchor(ctx.plan, "metrics", "events"),
        "no metric is marked as the north star; mark the one metric that counts the job "
        "customers hire the product for with `north_star: true`",
    )


def resolved(plan: Plan, metric: Metric) -> bool:
    """Every event the metric names exists: otherwise TL208 reports the name, and what
    the metric counts is unknown, so no rule may say it counts motion."""
    return all(name in plan.events for name in metric.event_names)


@rule("TL102", "competing-north-stars", severity=Severity.ERROR, group="outcome")
def competing_north_stars(ctx: RuleContext) -> Iterator[Problem]:
    """More than one metric is marked as the north star."""
    stars = north_stars(ctx.plan)
    for metric in stars[1:]:
        yield ctx.problem(
            metric.origin.field("north_star", "role"),
            f"metric '{metric.name}' is a second north star besides '{stars[0].name}'; one "
            "number has to win: keep one north star and give the others `role: outcome`",
        )


@rule("TL103", "surface-north-star", severity=Severity.ERROR, group="outcome")
def surface_north_star(ctx: RuleContext) -> Iterator[Problem]:
    """The north star counts motion, not progress."""
    verdicts = ctx.classification.metrics
    for metric in north_stars(ctx.plan):
        verdict = verdicts[metric.name]
        if verdict.kind == SURFACE and resolved(ctx.plan, metric):
            yield ctx.problem(
                metric.origin.field("north_star", "role"),
                f"north star '{metric.name}' is a surface metric ({verdict.reason}); make the "
                "north star a count of a job-completion event per the unit that matters",
            )


@rule("TL104", "target-on-surface-metric", severity=Severity.ERROR, group="outcome")
def target_on_surface_metric(ctx: RuleContext) -> Iterator[Problem]:
    """A target is set on a metric that counts motion (Goodhart's Law)."""
    verdicts = ctx.classification.metrics
    for metric in ctx.plan.metrics.values():
        verdict = verdicts[metric.name]
        if metric.target is not None and verdict.kind == SURFACE and resolved(ctx.plan, metric):
            yield ctx.problem(
                metric.origin.field("target"),
                f"target set on surface metric '{metric.name}' ({verdict.reason}); move the "
                "target to an outcome metric, keep this one as a diagnostic",
            )


@rule("TL105", "target-without-gaming-test", severity=Severity.WARNING, group="outcome")
def target_without_gaming_test(ctx: RuleContext) -> Iterator[Problem]:
    """A target has no recorded answer to the gaming test."""
    for metric in ctx.plan.metrics.values():
        if metric.target is not None and not (metric.gaming_test or "").strip():
            yield ctx.problem(
                metric.origin.field("target"),
                f"target on '{metric.name}' has no gaming test; record in `gaming_test` how "
                "someone could make it rise while delivering nothing, and why they can't",
            )


@rule("TL106", "vanity-cumulative-metric", severity=Severity.WARNING, group="outcome")
def vanity_cumulative_metric(ctx: RuleContext) -> Iterator[Problem]:
    """A metric is a cumulative or all-time total, which can only rise."""
    for metric in ctx.plan.metrics.values():
        if metric.aggregation == "cumulative":
            where = metric.origin.field("aggregation")
        elif _ALL_TIME.search(metric.name) and not metric.per and metric.aggregation != "ratio":
            where = metric.origin
        else:
            continue
        yield ctx.problem(
            where,
            f"metric '{metric.name}' is a cumulative total: it only rises, so it cannot tell a "
            "good week from a bad one; count the same event per week or per active account",
        )


@rule("TL107", "metric-without-decision", severity=Severity.INFO, group="outcome")
def metric_without_decision(ctx: RuleContext) -> Iterator[Problem]:
    """A metric names no decision it informs."""
    for metric in ctx.plan.metrics.values():
        if not (metric.decision or "").strip():
            yield ctx.problem(
                metric.origin,
                f"metric '{metric.name}' names no decision it informs; add `decision:` (what "
                "will you do differently when it moves?) or drop the metric",
            )


@rule("TL113", "friction-as-engagement", severity=Severity.ERROR, group="outcome")
def friction_as_engagement(ctx: RuleContext) -> Iterator[Problem]:
    """A metric counts a friction signal as engagement."""
    events = ctx.classification.events
    for metric in ctx.plan.metrics.values():
        friction = [n for n in metric.event_names if n in events and events[n].friction]
        if not friction:
            continue
        if metric.north_star:
            how, where = "as the north star", metric.origin.field("north_star", "role")
        elif metric.direction == "increase":
            how, where = "with `direction: increase`", metric.origin.field("direction")
        elif metric.target is not None and metric.direction != "decrease":
            how, where = "with a target to reach", metric.origin.field("target")
        else:
            continue
        yield ctx.problem(
            where,
            f"metric '{metric.name}' counts friction signal '{friction[0]}' as engagement "
            f"({how}); friction should fall: set `direction: decrease` and keep it as a "
            "guardrail, or measure the job it gets in the way of",
            fix=_falling_direction(where) if how.startswith("with `direction") else None,
        )


def _falling_direction(direction: Origin) -> Fix | None:
    """`direction: increase` -> `direction: decrease`: what is reported, not what is sent."""
    edit = replace_at(direction.document, direction.pointer, "value", "increase", "decrease")
    return Fix("Set `direction: decrease`", (edit,)) if edit else None


RULES = (
    plan_without_metrics,
    no_north_star,
    competing_north_stars,
    surface_north_star,
    target_on_surface_metric,
    target_without_gaming_test,
    vanity_cumulative_metric,
    metric_without_decision,
    friction_as_engagement,
)
