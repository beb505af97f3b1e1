"""Outcome rules about dashboards: what leads, and how much stands beside it."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Problem, Severity
from ..fixes.model import Fix, MoveItem
from ..model import Dashboard
from .api import Option, RuleContext, rule
from .outcome_metrics import resolved


@rule("TL108", "outcome-not-on-top", severity=Severity.WARNING, group="outcome")
def outcome_not_on_top(ctx: RuleContext) -> Iterator[Problem]:
    """A dashboard does not lead with the north star or an outcome metric."""
    verdicts = ctx.classification.metrics
    for dashboard in ctx.plan.dashboards.values():
        if not dashboard.metrics:
            continue
        first = dashboard.metrics[0]
        metric = ctx.plan.metrics.get(first.name)
        if metric is None or metric.north_star or verdicts[metric.name].kind == "outcome":
            continue
        if not resolved(ctx.plan, metric):
            continue  # what it counts is unknown; TL208 reports the name
        yield ctx.problem(
            first.origin,
            f"dashboard '{dashboard.name}' leads with '{metric.name}', a surface metric "
            f"({verdicts[metric.name].reason}); put the north star or an outcome metric first "
            "and the diagnostics below it",
            fix=_lead_with_outcome(ctx, dashboard),
        )


def _lead_with_outcome(ctx: RuleContext, dashboard: Dashboard) -> Fix | None:
    """Move the dashboard's north star (else its first outcome metric) to the top."""
    verdicts = ctx.classification.metrics
    candidates = [
        (0 if metric.north_star else 1, position, ref)
        for position, ref in enumerate(dashboard.metrics)
        if (metric := ctx.plan.metrics.get(ref.name)) is not None
        and (metric.north_star or verdicts[metric.name].kind == "outcome")
    ]
    if not candidates:
        return None
    ref = min(candidates, key=lambda c: c[:2])[2]
    pointer = ref.origin.pointer
    if not pointer or not isinstance(pointer[-1], int) or pointer[-1] == 0:
        return None
    return Fix(f"Move '{ref.name}' to the top", (MoveItem(pointer[:-1], pointer[-1], 0),))


@rule(
    "TL109",
    "crowded-dashboard",
    severity=Severity.WARNING,
    group="outcome",
    options={"max-metrics": Option(7, "Most metrics one dashboard may show side by side.")},
)
def crowded_dashboard(ctx: RuleContext) -> Iterator[Problem]:
    """A dashboard shows more coequal metrics than the limit."""
    limit = ctx.options["max-metrics"]
    for dashboard in ctx.plan.dashboards.values():
        count = len(dashboard.metrics)
        if count > limit:
            yield ctx.problem(
                dashboard.origin,
                f"dashboard '{dashboard.name}' shows {count} metrics side by side (limit "
                f"{limit}); when everything is on top nothing is: keep the north star and a few "
                "outcome metrics, and move diagnostics to a dashboard of their own",
            )


RULES = (outcome_not_on_top, crowded_dashboard)
