"""Hover: how an event or a metric under the cursor is classified, and why.

The words come from the classifier's verdicts (`trackinglint.classification`);
this module only finds which name the cursor is on and lays the verdict out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..classification import (
    FEATURE_INTERACTION,
    JOB_COMPLETION,
    OUTCOME,
    Classification,
    EventVerdict,
    MetricVerdict,
)
from ..model import Origin, Plan
from ..sources import Document, Focus, Span

EVENT, METRIC = "event", "metric"
_KINDS = {
    JOB_COMPLETION: "job completion (progress)",
    FEATURE_INTERACTION: "feature interaction (motion)",
}


@dataclass(frozen=True, slots=True)
class Site:
    """A place in a document where an event or a metric is named."""

    span: Span
    kind: str  # EVENT or METRIC
    name: str

    def contains(self, line: int, column: int) -> bool:
        """Inside the name, or just after its last character (where a cursor rests)."""
        start = (self.span.line, self.span.column)
        end = (self.span.end_line, self.span.end_column)
        return start <= (line, column) <= end


def site_at(plan: Plan, document: Document, line: int, column: int) -> Site | None:
    """The event or metric named at a 1-based line and column of `document`."""
    return next((s for s in sites(plan, document) if s.contains(line, column)), None)


def sites(plan: Plan, document: Document) -> Iterator[Site]:
    """Definitions and references of events and metrics written in `document`."""
    for name, event in plan.events.items():
        yield from _site(event.origin, "key", EVENT, name, document)
    for name, metric in plan.metrics.items():
        yield from _site(metric.origin, "key", METRIC, name, document)
        for field in ("event", "numerator", "denominator"):
            if getattr(metric, field):
                yield from _site(metric.origin.child(field), "value", EVENT, "", document)
    for job in plan.jobs.values():
        for origin in (*job.origin.names("start"), *job.origin.names("completion")):
            yield from _site(origin, "value", EVENT, "", document)
    for dashboard in plan.dashboards.values():
        for ref in dashboard.metrics:
            yield from _site(ref.origin, "value", METRIC, ref.name, document)


def _site(origin: Origin, focus: Focus, kind: str, name: str, document: Document) -> Iterator[Site]:
    if origin.document is not document:
        return
    if not name:  # a reference: the name is the value written there
        value = _node(origin)
        if not isinstance(value, str):
            return
        name = value
    try:
        span = origin.span(focus)
    except (KeyError, IndexError, TypeError, ValueError):
        return
    yield Site(span, kind, name)


def _node(origin: Origin) -> Any:
    node = origin.document.data
    for segment in origin.pointer:
        try:
            node = node[segment]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def hover_text(site: Site, classification: Classification) -> str | None:
    """Markdown for the hovered name, or None when the plan does not define it."""
    if site.kind == EVENT:
        verdict = classification.events.get(site.name)
        return event_text(verdict) if verdict else None
    metric = classification.metrics.get(site.name)
    return metric_text(metric) if metric else None


def event_text(verdict: EventVerdict) -> str:
    kind = _KINDS.get(verdict.kind, "unknown: nothing in the plan says what it records")
    lines = [f"**{_escape(verdict.name)}**: {kind}"]
    if verdict.friction:
        lines[0] += ", a friction signal"
    how = f"declared `{verdict.declared}`" if verdict.declared else "inferred (no `kind:` declared)"
    lines += ["", f"confidence {verdict.confidence:.2f} · {how}"]
    if verdict.contradicts and verdict.name_kind:
        lines += [
            "",
            f"The declared kind contradicts the name, which reads as "
            f"{_KINDS.get(verdict.name_kind, verdict.name_kind)} (TL114).",
        ]
    return "\n".join(lines + _evidence(verdict))


def metric_text(verdict: MetricVerdict) -> str:
    kind = "outcome metric (counts progress)" if verdict.kind == OUTCOME else "surface metric"
    if verdict.kind != OUTCOME:
        kind += " (counts motion)"
    lines = [
        f"**{_escape(verdict.name)}**: {kind}",
        "",
        f"confidence {verdict.confidence:.2f} · {_escape(verdict.reason)}",
    ]
    return "\n".join(lines + _evidence(verdict))


def _evidence(verdict: EventVerdict | MetricVerdict) -> list[str]:
    if not verdict.evidence:
        return ["", "No evidence: declare `kind:` or a job to say what it records."]
    lines = ["", "Evidence:"]
    for item in verdict.evidence:
        friction = ", friction" if item.friction else ""
        lines.append(f"- {_escape(item.detail)} ({item.source}, {item.weight:+.1f}{friction})")
    return lines


def _escape(text: str) -> str:
    """Keep names and phrases literal in Markdown."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text
