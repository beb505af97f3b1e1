"""`--output html=report.html` and `trackinglint report`: one self-contained page.

For people who will not read a list of findings: how much of what each plan
tracks is motion, how much is progress, which jobs nobody can see getting
done, which metrics and dashboards reward motion, then every finding. The page
is built by html_page.py and the modules it uses, imported only when a page is
written, so registering the format costs nothing at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..engine import LintResult


def report_html(result: LintResult, stream: TextIO, *, color: bool) -> None:
    """Write the page; `color` is ignored (the page has its own palette)."""
    from .html_page import write_page

    write_page(result, stream)
