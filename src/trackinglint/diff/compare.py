"""Compare two versions of a plan: what would break a sender, a reader or a decision.

Additions and widenings are not reported: they break nothing. Each change is
a Problem placed in the new version where there is something to point at (the
renamed event, the retyped property, the new target), and for removals at
the nearest place that still exists in the same file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..classification import SURFACE, Classification
from ..findings import Problem
from ..model import Event, Metric, Origin, Plan
from ..sources import Document
from .codes import (
    EVENT_REMOVED,
    EVENT_RENAMED,
    JOB_START_REMOVED,
    NORTH_STAR_CHANGED,
    NORTH_STAR_REMOVED,
    TARGET_ON_SURFACE,
)
from .properties import PropertyView, compare_properties, view
from .renames import match_renames

DEFINITION = ("event", "numerator", "denominator", "aggregation", "per")


@dataclass(slots=True)
class Version:
    """One side of the comparison: the plan and how it classifies."""

    plan: Plan
    classification: Classification

    def properties(self, event: Event) -> dict[str, PropertyView]:
        return {name: view(prop, self.plan.properties) for name, prop in event.properties.items()}


def compare(
    old: Version, new: Version, counterpart: Callable[[Document], Document | None]
) -> list[Problem]:
    """Every breaking change from `old` to `new`.

    `counterpart` gives the new version of an old file (None when it is
    gone), to place removals in the file they were removed from.
    """

    def place(origin: Origin) -> Origin:
        document = counterpart(origin.document)
        return Origin(document, origin.pointer) if document is not None else origin

    problems = list(_events(old, new, place))
    problems += _north_star(old.plan, new.plan, place)
    problems += _surface_targets(old, new)
    problems += _job_starts(old.plan, new.plan)
    return problems


def renamed(old: Version, new: Version) -> dict[str, str]:
    """Old name -> new name of each event the new version renamed (as TD002 reports them)."""
    before, after = old.plan.events, new.plan.events
    removed = [name for name in before if name not in after]
    added = [name for name in after if name not in before]
    if not removed or not added:
        return {}
    old_views = {name: old.properties(before[name]) for name in removed}
    new_views = {name: new.properties(after[name]) for name in added}
    found = match_renames(removed, added, before, after, old_views, new_views)
    return {name: target for name, (target, _) in found.items()}


def _events(old: Version, new: Version, place: Callable[[Origin], Origin]) -> Iterator[Problem]:
    before, after = old.plan.events, new.plan.events
    old_views = {name: old.properties(event) for name, event in before.items()}
    new_views = {name: new.properties(event) for name, event in after.items()}
    removed = [name for name in before if name not in after]
    added = [name for name in after if name not in before]
    renames = match_renames(removed, added, before, after, old_views, new_views)
    for name, event in before.items():
        if name in after:
            target = name
        elif name in renames:
            target, reason = renames[name]
            yield Problem(
                f"event '{name}' was renamed to '{target}' ({reason}); data sent under the old "
                "name no longer matches the plan, and metrics, dashboards and destinations "
                "keyed on it break: keep the old name, or move every consumer first",
                after[target].origin,
                code=EVENT_RENAMED.code,
            )
        else:
            yield Problem(
                f"event '{name}' was removed; metrics, dashboards and destinations that read it "
                "break: deprecate it first (`deprecated: true`) and remove it once nothing "
                "reads it",
                place(event.origin),
                code=EVENT_REMOVED.code,
            )
            continue
        yield from compare_properties(
            old_views[name], new_views[target], target, after[target].origin
        )


def _north_star(old: Plan, new: Plan, place: Callable[[Origin], Origin]) -> Iterator[Problem]:
    before = [m for m in old.metrics.values() if m.north_star]
    after = [m for m in new.metrics.values() if m.north_star]
    if not before:
        return
    if not after:
        first = before[0]
        still = new.metrics.get(first.name)
        yield Problem(
            f"the plan no longer has a north star (it was {_names(before)}); every other metric "
            "orbits it: mark the metric that captures the value customers get with "
            "`north_star: true`",
            still.origin if still is not None else place(first.origin),
            code=NORTH_STAR_REMOVED.code,
        )
        return
    if {m.name for m in before} != {m.name for m in after}:
        yield Problem(
            f"north star changed from {_names(before)} to {_names(after)}; targets, dashboards "
            "and decisions built around the old one change meaning: agree the switch with "
            "everyone who plans with it, and keep the old metric as a diagnostic",
            after[0].origin.field("north_star", "role"),
            code=NORTH_STAR_CHANGED.code,
        )
        return
    for metric in after:
        previous = old.metrics[metric.name]
        changed = [key for key in DEFINITION if getattr(previous, key) != getattr(metric, key)]
        if changed:
            yield Problem(
                f"north star '{metric.name}' now counts {_definition(metric)} instead of "
                f"{_definition(previous)}; its history is no longer comparable: agree the "
                "change with everyone who plans with it, or start a new metric",
                metric.origin.field(*changed),
                code=NORTH_STAR_CHANGED.code,
            )


def _surface_targets(old: Version, new: Version) -> Iterator[Problem]:
    for metric in new.plan.metrics.values():
        verdict = new.classification.metrics.get(metric.name)
        if metric.target is None or verdict is None or verdict.kind != SURFACE:
            continue
        previous = old.plan.metrics.get(metric.name)
        was = old.classification.metrics.get(metric.name)
        had_target = previous is not None and previous.target is not None
        if had_target and was is not None and was.kind == SURFACE:
            continue  # the target sat on a surface metric already: check reports it
        what = (
            f"metric '{metric.name}' with a target now counts motion"
            if had_target
            else f"target added to surface metric '{metric.name}'"
        )
        yield Problem(
            f"{what} ({verdict.reason}); a target on motion gets motion, not progress: move "
            "the target to an outcome metric and keep this one as a diagnostic",
            metric.target.origin,
            code=TARGET_ON_SURFACE.code,
        )


def _job_starts(old: Plan, new: Plan) -> Iterator[Problem]:
    """A start event dropped from a job that is still there (a removed job is not a start
    removed): completion rates and funnels that begin at it lose their first step."""
    for name, job in new.jobs.items():
        previous = old.jobs.get(name)
        if previous is None:
            continue
        for event in previous.start:
            if event in job.start:
                continue
            rates = [
                m
                for m in new.metrics.values()
                if m.aggregation == "completion_rate" and m.job == name
            ]
            broken = f"completion rate {_names(rates)}" if rates else "its completion rate"
            yield Problem(
                f"job '{name}' no longer names '{event}' as its start; {broken} and any "
                "funnel that begins at it can no longer be measured: keep the start, or name "
                "the event that replaces it in `start:`",
                job.origin.field("start", "completion"),
                code=JOB_START_REMOVED.code,
            )


def _names(metrics: list[Metric]) -> str:
    return ", ".join(f"'{m.name}'" for m in metrics)


def _definition(metric: Metric) -> str:
    how = (metric.aggregation or "count").replace("_", " ")
    if metric.numerator or metric.denominator:
        what = f"'{metric.numerator}' over '{metric.denominator}'"
    else:
        what = f"'{metric.event}'" if metric.event else "no event"
    per = f" per {', '.join(metric.per)}" if metric.per else ""
    return f"{how} of {what}{per}"
