"""The HTML report's events table (each reading and its evidence) and the code-drift hook."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from ..classification.verdicts import EventVerdict, Evidence
from .html_assets import PAGE_SIZE
from .html_parts import KIND_LABELS, controls, esc, pager, plural, section_head, tag
from .html_view import PlanView


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
        section_head(f"{view.prefix}-drift", "Code against plan")
        + f"<h4>Planned, never sent ({len(unsent)})</h4>{_names(unsent)}"
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
        section_head(
            f"{view.prefix}-events", f"Events and the evidence behind each reading ({len(rows)})"
        )
        + f"{controls(table_id, kinds=True)}"
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
        f"<details><summary>{plural(len(verdict.evidence), 'reason')}</summary>"
        f"<ul>{items}</ul></details>"
        if items
        else "no evidence"
    )
    css = ' class="later"' if later else ""
    kind = esc(verdict.kind)  # a plugin's classifier may say anything
    return (
        f'<tr id="{view.event_rows[name]}"{css} data-kind="{kind}">'
        f'<th scope="row">{esc(name)}</th><td class="kind-{kind}">'
        f"{KIND_LABELS.get(verdict.kind, kind)}</td><td>{friction}</td>"
        f'<td class="num">{verdict.confidence:.2f}</td><td>{declared}</td>'
        f"<td>{esc(job or '—')}</td><td>{evidence}</td></tr>"
    )


def _evidence(e: Evidence) -> str:
    friction = ", friction" if e.friction else ""
    detail = escape(e.detail, quote=False)  # text, not an attribute: quotes stay as they are
    return f"<li>{esc(e.source)}: {detail} ({e.weight:+.1f}{friction})</li>"
