"""The HTML report's metrics and dashboards: surface or outcome, and what leads."""

from __future__ import annotations

from ..classification.verdicts import Classification
from ..model import Metric, Plan
from .html_parts import esc, kind_tag, section_head, tag
from .html_view import PlanView


def metrics_section(view: PlanView) -> str:
    plan, c = view.plan, view.classification
    head = section_head(f"{view.prefix}-metrics", "Metrics")
    if not plan.metrics:
        return f'{head}<p class="missing"><strong>No metrics declared.</strong></p></section>'
    stars = [m.name for m in plan.metrics.values() if m.north_star]
    note = (
        f"<p>North star: {', '.join(f'<strong>{esc(s)}</strong>' for s in stars)}.</p>"
        if stars
        else '<p class="missing"><strong>No north star.</strong> No metric is marked '
        "<code>north_star: true</code>.</p>"
    )
    rows = []
    for metric in plan.metrics.values():
        verdict = c.metrics.get(metric.name)
        kind = verdict.kind if verdict else "unknown"
        reason = verdict.reason if verdict else "not classified"
        star = " " + tag("★ North star", "north-star") if metric.north_star else ""
        rows.append(
            f'<tr data-metric="{esc(metric.name)}" data-kind="{esc(kind)}">'
            f'<th scope="row">{esc(metric.name)}{star}</th><td>{kind_tag(kind)}</td>'
            f"<td>{esc(reason)}</td><td>{_built_on(view, metric)}</td>"
            f"<td>{esc(metric.direction or '—')}</td><td>{_target(metric)}</td>"
            f"<td>{_gaming_test(metric)}</td><td>{esc(metric.decision or '—')}</td></tr>"
        )
    header = "".join(
        f'<th scope="col">{h}</th>'
        for h in (
            "Metric",
            "Class",
            "Why",
            "Built on",
            "Direction",
            "Target",
            "Gaming test",
            "Decision it informs",
        )
    )
    return (
        f"{head}{note}<table><caption>Each metric as surface (counts motion) or outcome "
        f"(counts progress)</caption><thead><tr>{header}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _built_on(view: PlanView, metric: Metric) -> str:
    parts = []
    for label, name in (
        ("event", metric.event),
        ("numerator", metric.numerator),
        ("denominator", metric.denominator),
    ):
        if name:
            row = view.event_rows.get(name)
            text = f'<a href="#{row}">{esc(name)}</a>' if row else esc(name)
            parts.append(f"{label}: {text}")
    if metric.aggregation:
        parts.append(f"aggregation: {esc(metric.aggregation)}")
    if metric.per:
        parts.append(f"per: {esc(', '.join(map(str, metric.per)))}")
    return "<br>".join(parts) or "—"


def _target(metric: Metric) -> str:
    target = metric.target
    if target is None:
        return "—"
    by = f" by {esc(target.by)}" if target.by else ""
    value = esc(target.value) if target.value is not None else "set"
    return f"<strong>{value}</strong>{by}"


def _gaming_test(metric: Metric) -> str:
    if metric.gaming_test:
        return esc(metric.gaming_test)
    if metric.target is not None:
        return tag("✘ none recorded for this target", "no")
    return "—"


def dashboards_section(view: PlanView) -> str:
    plan, c = view.plan, view.classification
    head = section_head(f"{view.prefix}-dashboards", "Dashboards")
    if not plan.dashboards:
        return f"{head}<p>The plan declares no dashboards.</p></section>"
    rows = []
    for dashboard in plan.dashboards.values():
        names = [ref.name for ref in dashboard.metrics]
        lead = names[0] if names else None
        rows.append(
            f'<tr data-dashboard="{esc(dashboard.name)}"><th scope="row">{esc(dashboard.name)}</th>'
            f"<td>{_lead(plan, c, lead)}</td><td class='num'>{len(names)}</td>"
            f"<td><ol>{''.join(f'<li>{esc(n)}</li>' for n in names)}</ol></td></tr>"
        )
    header = "".join(
        f'<th scope="col">{h}</th>' for h in ("Dashboard", "Leads with", "Metrics", "In order")
    )
    return (
        f"{head}<table><caption>What each dashboard puts first</caption>"
        f"<thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _lead(plan: Plan, c: Classification, lead: str | None) -> str:
    if lead is None:
        return tag("✘ no metrics", "no")
    metric, verdict = plan.metrics.get(lead), c.metrics.get(lead)
    if metric is None or verdict is None:
        return f"{esc(lead)} {tag('✘ not a metric of the plan', 'no')}"
    star = " " + tag("★ North star", "north-star") if metric.north_star else ""
    return f"<strong>{esc(lead)}</strong>{star} {kind_tag(verdict.kind)}"
