"""The HTML report's sections about one plan: balance, jobs, metrics, dashboards, events.

Every figure comes from the classification the run's rules used (the plan's
`PlanFacts`), so the page and `trackinglint classify --output-format json`
cannot disagree. Everything a plan wrote is escaped with `esc`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from ..classification import FEATURE_INTERACTION, JOB_COMPLETION, OUTCOME
from ..classification.verdicts import Classification, EventVerdict, Evidence
from ..model import Metric, Plan
from .charts import Bar, percent, share_bars
from .html_assets import PAGE_SIZE

if TYPE_CHECKING:
    from ..engine import PlanRun

FLOOR_RULE, FLOOR_OPTION = "TL111", "min-progress-share"
KIND_LABELS = {
    JOB_COMPLETION: "✔ Job completion",
    FEATURE_INTERACTION: "• Feature interaction",
    "unknown": "? Unknown",
    OUTCOME: "✔ Outcome",
    "surface": "• Surface",
}
SUMMARY_LABELS = {
    "events": "Events",
    "job_completions": "Job completions (progress)",
    "feature_interactions": "Feature interactions (motion)",
    "friction_signals": "Friction signals (among the interactions)",
    "unknown": "Unknown",
    "progress_share": "Progress share",
    "metrics": "Metrics",
    "outcome_metrics": "Outcome metrics",
    "surface_metrics": "Surface metrics",
}


def esc(value: object) -> str:
    """Escape anything a plan wrote, quotes included (it may end up in an attribute)."""
    return escape(str(value), quote=True)


def tag(label: str, css: str) -> str:
    return f'<span class="tag {css}">{esc(label)}</span>'


def kind_tag(kind: str) -> str:
    return tag(KIND_LABELS.get(kind, kind), f"kind-{kind}")


def plan_name(plan: Plan) -> str:
    """The product's name, else the plan's first file."""
    if plan.product is not None and plan.product.name:
        return str(plan.product.name)
    return plan.documents[0].display_path if plan.documents else "plan"


@dataclass(frozen=True, slots=True)
class PlanView:
    """One plan as the page shows it; `prefix` keeps ids unique across plans."""

    run: PlanRun
    prefix: str
    event_rows: dict[str, str]  # event name -> id of its row in the events table

    @property
    def plan(self) -> Plan:
        return self.run.plan

    @property
    def classification(self) -> Classification:
        classification: Classification = self.run.facts.classification
        return classification

    @property
    def floor(self) -> float | None:
        """TL111's floor for this plan, or None when the rule is off."""
        if FLOOR_RULE not in self.run.policy.enabled:
            return None
        value = self.run.policy.options.get(FLOOR_RULE, {}).get(FLOOR_OPTION)
        return float(value) if isinstance(value, (int, float)) else None


def plan_view(run: PlanRun, index: int) -> PlanView:
    prefix = f"p{index + 1}"
    rows = {name: f"{prefix}-ev-{n}" for n, name in enumerate(run.plan.events, 1)}
    return PlanView(run, prefix, rows)


def plan_sections(view: PlanView) -> str:
    """Every section about one plan, in the order a reader asks the questions."""
    return "\n".join(
        (
            balance_section(view),
            jobs_section(view),
            metrics_section(view),
            dashboards_section(view),
            code_drift_section(view),
            events_section(view),
        )
    )


def balance_section(view: PlanView) -> str:
    c = view.classification
    total = len(c.events)
    bars = [
        Bar("job_completions", "Job completions", c.job_completions, total, "solid"),
        Bar("feature_interactions", "Feature interactions", c.feature_interactions, total, "hatch"),
        Bar("friction_signals", "Friction signals", c.friction_signals, total, "cross"),
    ]
    if c.unknown:
        bars.append(Bar("unknown", "Unknown", c.unknown, total, "dots"))
    floor = view.floor
    chart = share_bars(
        bars,
        floor=floor,
        floor_label="TL111 floor",
        chart_id=f"{view.prefix}-balance-chart",
        title="Share of the plan's events that record progress, motion and friction",
    )
    return (
        f'<section aria-labelledby="{view.prefix}-balance"><h3 id="{view.prefix}-balance">'
        "Balance: motion against progress</h3>"
        f'<div class="balance"><div><figure>{chart}<figcaption>Each bar is a share of all '
        f"{total} events. Friction signals are feature interactions that rise when users "
        "struggle; they are counted among the interactions too.</figcaption></figure>"
        f"{_floor_verdict(c, floor)}</div>{_summary_table(view, floor)}</div></section>"
    )


def _summary_table(view: PlanView, floor: float | None) -> str:
    summary = view.classification.summary()
    rows = []
    for key, label in SUMMARY_LABELS.items():
        value = summary[key]
        shown = percent(float(value)) if key == "progress_share" else str(value)
        rows.append(
            f'<tr><th scope="row">{label}</th>'
            f'<td class="num" data-summary="{key}" data-value="{value}">{shown}</td></tr>'
        )
    floor_cell = (
        f'<td class="num" data-floor="{floor}">{percent(floor)}</td>'
        if floor is not None
        else '<td class="num" data-floor="off">rule off</td>'
    )
    rows.append(f'<tr><th scope="row">TL111 floor (progress share)</th>{floor_cell}</tr>')
    return (
        f'<table class="summary" id="{view.prefix}-summary"><caption>The balance in numbers'
        f"</caption><tbody>{''.join(rows)}</tbody></table>"
    )


def _floor_verdict(c: Classification, floor: float | None) -> str:
    if floor is None or not c.events:
        return ""
    share = round(c.progress_share, 4)
    if c.progress_share < floor:
        return (
            f'<p class="missing"><strong>Below the floor:</strong> {percent(share)} of events '
            f"record a job getting done; TL111 asks for at least {percent(floor)}.</p>"
        )
    return (
        f"<p><strong>At or above the floor:</strong> {percent(share)} of events record a job "
        f"getting done (TL111 floor {percent(floor)}).</p>"
    )


@dataclass(frozen=True, slots=True)
class Completion:
    name: str
    verdict: EventVerdict | None  # None: the plan does not define the event
    declared: bool  # named in the job's `completion:` (else linked by the event's `job:`)

    @property
    def reads_as_progress(self) -> bool:
        """As TL110 reads it: defined, a completion, and no strong motion evidence."""
        v = self.verdict
        return v is not None and v.kind == JOB_COMPLETION and v.name_kind != FEATURE_INTERACTION


def job_completions(plan: Plan, c: Classification) -> dict[str, list[Completion]]:
    """Each job's named completion events, then the events that name the job and read as
    job completions (as TL110 counts them)."""
    found = {
        name: [Completion(n, c.events.get(n), True) for n in job.completion]
        for name, job in plan.jobs.items()
    }
    for event in plan.events.values():
        verdict = c.events.get(event.name)
        if event.job not in found or verdict is None or verdict.kind != JOB_COMPLETION:
            continue
        if event.name not in plan.jobs[event.job].completion:
            found[event.job].append(Completion(event.name, verdict, False))
    return found


def jobs_section(view: PlanView) -> str:
    plan = view.plan
    head = f'<section aria-labelledby="{view.prefix}-jobs"><h3 id="{view.prefix}-jobs">Jobs</h3>'
    if not plan.jobs:
        return (
            f'{head}<p class="missing"><strong>No jobs declared.</strong> The plan does not '
            "say what users hire the product for, so no event can show a job got done.</p>"
            "</section>"
        )
    completions = job_completions(plan, view.classification)
    unseen = [n for n, found in completions.items() if not _measured(found)]
    summary = (
        f'<p class="missing" data-jobs-unmeasured="{len(unseen)}"><strong>{len(unseen)} of '
        f"{len(plan.jobs)} jobs have no completion event that reads as progress:</strong> "
        f"{esc(', '.join(unseen))}. Nothing in the plan shows when they got done.</p>"
        if unseen
        else f'<p data-jobs-unmeasured="0">Every one of the {len(plan.jobs)} jobs has a '
        "completion event that reads as progress.</p>"
    )
    rows = "".join(
        _job(view, name, completions[name], n >= PAGE_SIZE) for n, name in enumerate(plan.jobs)
    )
    header = "".join(
        f'<th scope="col">{h}</th>' for h in ("Job", "Completion measured?", "Completion events")
    )
    table_id = f"{view.prefix}-jobs-table"
    return (
        f'{head}{summary}<table id="{table_id}" data-pageable><caption>Each job and the '
        f"events that show it got done</caption><thead><tr>{header}</tr></thead>"
        f"<tbody>{rows}</tbody></table>{pager(table_id, len(plan.jobs))}</section>"
    )


def _measured(completions: Sequence[Completion]) -> bool:
    return any(done.reads_as_progress for done in completions)


def _job(view: PlanView, name: str, completions: Sequence[Completion], later: bool) -> str:
    job = view.plan.jobs[name]
    progress = _measured(completions)
    if progress:
        status = tag("✔ yes", "yes")
    elif completions:
        status = tag("✘ no: no completion reads as progress", "no")
    else:
        status = tag("✘ no completion event", "no")
    description = f"<br><small>{esc(job.description)}</small>" if job.description else ""
    if completions:
        events = f"<ul>{''.join(_completion_item(view, done) for done in completions)}</ul>"
    else:
        events = "None: name the event that proves it in <code>completion:</code>."
    classes = " ".join(c for c, on in (("missing", not progress), ("later", later)) if on)
    css = f' class="{classes}"' if classes else ""
    return (
        f'<tr{css} data-job="{esc(name)}" data-progress="{str(progress).lower()}">'
        f'<th scope="row">{esc(name)}{description}</th><td>{status}</td><td>{events}</td></tr>'
    )


def _completion_item(view: PlanView, done: Completion) -> str:
    how = "named in completion:" if done.declared else "linked by its job:"
    if done.verdict is None:
        verdict = tag("✘ not defined in the plan", "no")
    elif done.reads_as_progress:
        verdict = tag("✔ reads as progress", "yes")
    else:
        verdict = tag("✘ reads as motion", "no")
    name = esc(done.name)
    row = view.event_rows.get(done.name)
    link = f'<a href="#{row}">{name}</a>' if row else name
    return f'<li data-completion="{name}">{link} <small>({how})</small> {verdict}</li>'


def metrics_section(view: PlanView) -> str:
    plan, c = view.plan, view.classification
    head = (
        f'<section aria-labelledby="{view.prefix}-metrics">'
        f'<h3 id="{view.prefix}-metrics">Metrics</h3>'
    )
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
    head = (
        f'<section aria-labelledby="{view.prefix}-dashboards">'
        f'<h3 id="{view.prefix}-dashboards">Dashboards</h3>'
    )
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


def code_drift_section(view: PlanView) -> str:
    """Planned events never sent, and events sent but not planned.

    The hook for code scanning: it renders only when the run put scan data on
    the plan's `PlanRun.code_drift`, an object with `planned_not_sent` (event
    names) and `sent_not_planned` (event names, or (name, file, line) tuples).
    Without scan data the page has no such section.
    """
    drift: Any = view.run.code_drift
    if drift is None:
        return ""
    unsent = list(getattr(drift, "planned_not_sent", ()))
    unplanned = list(getattr(drift, "sent_not_planned", ()))
    return (
        f'<section aria-labelledby="{view.prefix}-drift"><h3 id="{view.prefix}-drift">'
        "Code against plan</h3>"
        f"<h4>Planned, never sent ({len(unsent)})</h4>{_names(unsent)}"
        f"<h4>Sent, not planned ({len(unplanned)})</h4>{_names(unplanned)}</section>"
    )


def _names(items: Iterable[Any]) -> str:
    entries = []
    for item in items:
        if isinstance(item, tuple) and len(item) >= 3:
            entries.append(
                f"<li>{esc(item[0])} <small>({esc(item[1])}:{esc(item[2])})</small></li>"
            )
        else:
            entries.append(f"<li>{esc(item)}</li>")
    return f"<ul>{''.join(entries)}</ul>" if entries else "<p>None.</p>"


def events_section(view: PlanView) -> str:
    plan, c = view.plan, view.classification
    table_id = f"{view.prefix}-events-table"
    rows = []
    seen: dict[Evidence, str] = {}  # evidence repeats across events: render each once
    for n, event in enumerate(plan.events.values()):
        verdict = c.events.get(event.name)
        if verdict is None:
            continue
        rows.append(_event_row(view, event.name, event.job, verdict, n >= PAGE_SIZE, seen))
    header = (
        '<th scope="col" data-sortable>Event</th><th scope="col" data-sortable>Kind</th>'
        '<th scope="col" data-sortable>Friction</th>'
        '<th scope="col" class="num" data-sortable>Confidence</th>'
        '<th scope="col" data-sortable>Declared kind</th><th scope="col" data-sortable>Job</th>'
        '<th scope="col">Evidence</th>'
    )
    return (
        f'<section aria-labelledby="{view.prefix}-events"><h3 id="{view.prefix}-events">'
        f"Events and the evidence behind each reading ({len(rows)})</h3>"
        f"{_controls(table_id, kinds=True)}"
        f'<table id="{table_id}" data-pageable><caption>Each event as job completion '
        "(progress) or feature interaction (motion); open Evidence for the reasons</caption>"
        f"<thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"{pager(table_id, len(rows))}</section>"
    )


def _event_row(
    view: PlanView,
    name: str,
    job: str | None,
    verdict: EventVerdict,
    later: bool,
    seen: dict[Evidence, str],
) -> str:
    friction = tag("⚠ friction", "friction") if verdict.friction else "no"
    declared = esc(KIND_LABELS.get(verdict.declared, verdict.declared)) if verdict.declared else "—"
    if verdict.contradicts:
        declared += " " + tag("✘ contradicts the name", "no")
    items = "".join(seen.get(e) or seen.setdefault(e, _evidence(e)) for e in verdict.evidence)
    evidence = (
        f"<details><summary>{_plural(len(verdict.evidence), 'reason')}</summary>"
        f"<ul>{items}</ul></details>"
        if items
        else "no evidence"
    )
    css = ' class="later"' if later else ""
    return (
        f'<tr id="{view.event_rows[name]}"{css} data-kind="{verdict.kind}">'
        f'<th scope="row">{esc(name)}</th><td class="kind-{verdict.kind}">'
        f"{KIND_LABELS.get(verdict.kind, verdict.kind)}</td><td>{friction}</td>"
        f'<td class="num">{verdict.confidence:.2f}</td><td>{declared}</td>'
        f"<td>{esc(job or '—')}</td><td>{evidence}</td></tr>"
    )


def _evidence(e: Evidence) -> str:
    friction = ", friction" if e.friction else ""
    detail = escape(e.detail, quote=False)  # text, not an attribute: quotes stay as they are
    return f"<li>{esc(e.source)}: {detail} ({e.weight:+.1f}{friction})</li>"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _controls(table_id: str, *, kinds: bool) -> str:
    kind = (
        '<label>Kind<select data-filter="kind"><option value="">any</option>'
        f'<option value="{JOB_COMPLETION}">job completion</option>'
        f'<option value="{FEATURE_INTERACTION}">feature interaction</option></select></label>'
        if kinds
        else ""
    )
    return (
        f'<div class="controls" data-for="{table_id}" hidden>'
        f'<label>Filter<input type="search" data-filter="text" '
        f'aria-controls="{table_id}"></label>{kind}</div>'
    )


def pager(table_id: str, count: int) -> str:
    """Paging buttons, shown by the script only when the table is longer than a page."""
    if count <= PAGE_SIZE:
        return ""
    return (
        f'<div class="pager" data-for="{table_id}" hidden>'
        '<button type="button" data-prev>Previous</button>'
        f'<span data-status aria-live="polite">Rows 1–{PAGE_SIZE} of {count}</span>'
        '<button type="button" data-next>Next</button></div>'
    )
