"""Small pieces every section of the HTML report uses: escaping, labels, paging.

`esc` is the one way text from a plan reaches the page: everything a plan wrote
(names, descriptions, targets) goes through it, quotes included, because the
same text also lands in attributes.
"""

from __future__ import annotations

from html import escape

from ..classification import FEATURE_INTERACTION, JOB_COMPLETION, OUTCOME
from .html_assets import PAGE_SIZE

KIND_LABELS = {
    JOB_COMPLETION: "✔ Job completion",
    FEATURE_INTERACTION: "• Feature interaction",
    "unknown": "? Unknown",
    OUTCOME: "✔ Outcome",
    "surface": "• Surface",
}


def esc(value: object) -> str:
    """Escape anything a plan wrote, quotes included (it may end up in an attribute)."""
    return escape(str(value), quote=True)


def section_head(anchor: str, title: str, level: int = 3) -> str:
    """A section's opening, named by its heading for screen readers (`title` is markup)."""
    return f'<section aria-labelledby="{anchor}"><h{level} id="{anchor}">{title}</h{level}>'


def tag(label: str, css: str) -> str:
    return f'<span class="tag {esc(css)}">{esc(label)}</span>'


def kind_tag(kind: str) -> str:
    return tag(KIND_LABELS.get(kind, kind), f"kind-{kind}")


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def controls(table_id: str, *, kinds: bool) -> str:
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
