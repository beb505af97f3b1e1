"""The HTML report's inline style sheet and script (assets/report.css, assets/report.js).

The page must work from disk with no network and with JavaScript off: the
style sheet carries print rules and the palette; the script only sorts,
filters and pages tables, and opens folded evidence when a link points into
it. Rows past the first page are hidden by CSS only once the script has run
(`html.js`), so without JavaScript every row shows.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

PAGE_SIZE = 200

# Text colour on background colour: every pair the page uses for text, checked
# by the tests to reach a contrast ratio of 4.5:1 (WCAG AA for normal text).
PALETTE = {
    "ink": "#1b1b1b",
    "muted": "#4a4a4a",
    "paper": "#ffffff",
    "rule": "#767676",
    "head": "#eeeeee",
    "link": "#0a4b8f",
    "error-ink": "#8a1c1c",
    "error-bg": "#fdecea",
    "warning-ink": "#6b4600",
    "warning-bg": "#fff4d6",
    "info-ink": "#0a4b8f",
    "info-bg": "#e8f0fb",
    "progress-ink": "#14532d",
    "progress-bg": "#e6f4ea",
    "motion-ink": "#1f3f6e",
    "motion-bg": "#e8effa",
    "alert-ink": "#8a1c1c",
    "alert-bg": "#fdecea",
}
TEXT_PAIRS = [
    ("ink", "paper"),
    ("muted", "paper"),
    ("link", "paper"),
    ("ink", "head"),
    ("link", "head"),
    ("error-ink", "error-bg"),
    ("warning-ink", "warning-bg"),
    ("info-ink", "info-bg"),
    ("progress-ink", "progress-bg"),
    ("motion-ink", "motion-bg"),
    ("alert-ink", "alert-bg"),
]


@cache
def css() -> str:
    """The style sheet, with the palette as CSS variables in front."""
    variables = "".join(f"--{name}:{value};" for name, value in PALETTE.items())
    return f":root{{{variables}}}\n" + _asset("report.css")


@cache
def script() -> str:
    return f"var PAGE={PAGE_SIZE};\n" + _asset("report.js")


def _asset(name: str) -> str:
    return files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


# Marks the page as scripted before the body is parsed, so `tr.later` rows
# are hidden from the first paint (fast opening of large plans).
HEAD_SCRIPT = "document.documentElement.classList.add('js');"
