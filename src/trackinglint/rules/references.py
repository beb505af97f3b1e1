"""TL208: every name a plan refers to must be defined somewhere in the plan."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..config import close_match
from ..findings import Problem, Severity
from ..model import Event, Origin, Property
from .api import RuleContext, rule


@rule("TL208", "unknown-reference", severity=Severity.ERROR, group="consistency")
def unknown_reference(ctx: RuleContext) -> Iterator[Problem]:
    """A metric, event, dashboard or `$ref` naming something that does not exist.

    A job's `completion` naming a missing event is TL110's to report; its
    `start` events are checked here.
    """
    plan = ctx.plan
    for metric in plan.metrics.values():
        for field in ("event", "numerator", "denominator"):
            name = getattr(metric, field)
            if name is not None:
                where = metric.origin.field(field)
                yield from _missing(
                    ctx, name, plan.events, "event", where, f"metric '{metric.name}'"
                )
        if metric.job is not None:
            where = metric.origin.field("job")
            yield from _missing(ctx, metric.job, plan.jobs, "job", where, f"metric '{metric.name}'")
    for job in plan.jobs.values():
        for name, where in zip(job.start, job.origin.names("start"), strict=False):
            yield from _missing(ctx, name, plan.events, "start event", where, f"job '{job.name}'")
    for dashboard in plan.dashboards.values():
        for ref in dashboard.metrics:
            yield from _missing(
                ctx, ref.name, plan.metrics, "metric", ref.origin, f"dashboard '{dashboard.name}'"
            )
    for event in plan.events.values():
        if event.job is not None:
            yield from _missing(
                ctx, event.job, plan.jobs, "job", event.origin.field("job"), f"event '{event.name}'"
            )
    for parent, prop in referring(ctx):
        if prop.ref is not None and prop.ref not in plan.properties:
            owner = f"property '{prop.name}'" + (f" of event '{parent.name}'" if parent else "")
            where = prop.origin.field("$ref")
            yield from _missing(ctx, prop.ref, plan.properties, "shared property", where, owner)


def referring(ctx: RuleContext) -> list[tuple[Event | None, Property]]:
    """Every property with a `$ref`, in `Plan.all_properties` order; in a long-lived
    process each event's are kept while it is (`reuse`)."""
    return ctx.chosen_properties("references", _refers)


def _refers(prop: Property) -> bool:
    return prop.ref is not None


def _missing(
    ctx: RuleContext, name: str, defined: Iterable[str], kind: str, where: Origin, who: str
) -> Iterator[Problem]:
    if name in defined:
        return
    hint = close_match(name, defined)
    advice = f"did you mean '{hint}'?" if hint else f"define the {kind} or fix the name"
    yield ctx.problem(where, f"{who} refers to {kind} '{name}', which the plan does not define; "
                             f"{advice}", "value")  # fmt: skip


RULES = (unknown_reference,)
