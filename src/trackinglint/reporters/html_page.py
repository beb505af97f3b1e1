"""The HTML report's page: header, one section per plan, the findings, inline assets.

The file stands alone: inline CSS, script and SVG, and no URL the browser
would fetch (no fonts, images or style sheets from elsewhere), so it can be
attached to a CI run and opened from disk. With JavaScript off every row and
every figure is still there; the script only sorts, filters and pages.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .. import __version__
from .html_assets import HEAD_SCRIPT, css, script
from .html_findings import findings_section
from .html_parts import esc
from .html_plan import combined_section, plan_sections
from .html_view import PlanView, plan_names, plan_view

if TYPE_CHECKING:
    from ..engine import LintResult


def write_page(result: LintResult, stream: TextIO) -> None:
    """Write the whole page for one run."""
    views = [plan_view(run, index) for index, run in enumerate(result.runs)]
    names = plan_names([view.plan for view in views])
    title = "trackinglint report" + (f": {', '.join(names)}" if names else "")
    evidence = {
        (event.origin.document.display_path, event.origin.path): view.event_rows[name]
        for view in views
        for name, event in view.plan.events.items()
    }
    stream.write(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # No request of any kind: scripts and styles inline only, nothing to fetch.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{esc(title)}</title><style>{css()}</style>"
        f"<script>{HEAD_SCRIPT}</script></head><body>"
    )
    stream.write(_header(result, views, names, title))
    stream.write('<main id="main">')
    if len(views) > 1:
        stream.write(combined_section(views))
    for view, name in zip(views, names, strict=True):
        stream.write(_plan(view, name, several=len(views) > 1))
    stream.write(findings_section(result.findings, result.rules, evidence))
    stream.write(
        f"</main><footer><p>Written by trackinglint {esc(__version__)}. This page makes no "
        f"network request; it works from disk.</p></footer><script>{script()}</script>"
        "</body></html>\n"
    )


def _header(result: LintResult, views: list[PlanView], names: list[str], title: str) -> str:
    configs = sorted({_shown(run.config) for run in result.runs if run.config is not None})
    config = ", ".join(esc(c) for c in configs) or "none (defaults)"
    plans = "".join(
        f'<li><a href="#{view.prefix}">{esc(name)}</a></li>'
        for view, name in zip(views, names, strict=True)
    )
    toc = f'{plans}<li><a href="#findings">Findings ({len(result.findings)})</a></li>'
    now = _now()
    return (
        f"<header><h1>{esc(title)}</h1><dl class='meta'>"
        f"<dt>Generated</dt><dd><time datetime='{now}'>{now}</time></dd>"
        f"<dt>trackinglint</dt><dd data-version>{esc(__version__)}</dd>"
        f"<dt>Configuration</dt><dd data-config>{config}</dd>"
        f"<dt>Files</dt><dd>{len(result.documents)}</dd>"
        f"<dt>Plans</dt><dd>{len(views)}</dd></dl>"
        f'<nav class="toc" aria-label="Contents"><ul>{toc}</ul></nav></header>'
    )


def _plan(view: PlanView, name: str, *, several: bool) -> str:
    files = ", ".join(esc(d.display_path) for d in view.plan.documents)
    config = _shown(view.run.config) if view.run.config is not None else "none (defaults)"
    product = view.plan.product
    job = (
        f"<dt>Product job</dt><dd>{esc(product.job)}</dd>"
        if product is not None and product.job
        else ""
    )
    extra = f"<dt>Configuration</dt><dd>{esc(config)}</dd>" if several else ""
    return (
        f'<section class="plan" id="{view.prefix}" aria-labelledby="{view.prefix}-name">'
        f'<h2 id="{view.prefix}-name" data-plan>{esc(name)}</h2>'
        f"<dl class='meta'>{job}<dt>Files</dt><dd>{files}</dd>{extra}</dl>"
        f"{plan_sections(view)}</section>"
    )


def _shown(path: Path) -> str:
    """A configuration path relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _now() -> str:
    """Now in UTC, or SOURCE_DATE_EPOCH for reproducible files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
