"""The HTML report's sections about one plan: the balance and the jobs, then the rest.

Every figure comes from the classification the run's rules used (the plan's
`PlanFacts`), so the page and `trackinglint classify --output-format json`
cannot disagree. Everything a plan wrote is escaped with `esc`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..classification import FEATURE_INTERACTION, JOB_COMPLETION, classify
from ..classification.verdicts import Classification, EventVerdict
from ..model import Plan
from .charts import Bar, percent, share_bars
from .html_assets import PAGE_SIZE
from .html_events import code_drift_section, events_section
from .html_metrics import dashboards_section, metrics_section
from .html_parts import esc, pager, section_head, tag
from .html_view import PlanView

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
        section_head(f"{view.prefix}-balance", "Balance: motion against progress")
        + f'<div class="balance"><div><figure>{chart}<figcaption>Each bar is a share of all '
        f"{total} events. Friction signals are feature interactions that rise when users "
        "struggle; they are counted among the interactions too.</figcaption></figure>"
        f"{_floor_verdict(c, floor)}</div>{_summary_table(view, floor)}</div></section>"
    )


def _summary_table(view: PlanView, floor: float | None) -> str:
    rows = []
    for key, value in view.classification.summary().items():  # every figure `classify` gives
        label = SUMMARY_LABELS.get(key) or key.replace("_", " ").capitalize()
        shown = percent(float(value)) if key.endswith("_share") else str(value)
        rows.append(
            f'<tr><th scope="row">{esc(label)}</th>'
            f'<td class="num" data-summary="{esc(key)}" data-value="{value}">{shown}</td></tr>'
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


def combined_section(views: Sequence[PlanView]) -> str:
    """Every plan of the run read as one, the way `classify` counts them, for runs of several.

    `classify` folds all the plans it finds into one before classifying; this
    table repeats that, so its figures equal `classify --output-format json`.
    """
    merged = Plan()
    for view in views:
        merged.merge(view.plan)
    facts = views[0].run.facts
    summary = classify(merged, facts.registry, facts.lexicon).summary()
    rows = "".join(
        f'<tr><th scope="row">{esc(SUMMARY_LABELS.get(key) or key)}</th>'
        f'<td class="num" data-summary-all="{esc(key)}" data-value="{value}">'
        f"{percent(float(value)) if key.endswith('_share') else value}</td></tr>"
        for key, value in summary.items()
    )
    return (
        section_head("all-plans", "All plans together", level=2)
        + f"<p>The {len(views)} plans below read as one, as <code>trackinglint classify</code> "
        "counts them; each plan's own balance follows in its section.</p>"
        f'<table class="summary" id="all-summary"><caption>All plans in numbers</caption>'
        f"<tbody>{rows}</tbody></table></section>"
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
    head = section_head(f"{view.prefix}-jobs", "Jobs")
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
