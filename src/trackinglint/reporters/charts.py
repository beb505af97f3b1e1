"""Inline SVG charts for the HTML report: small, dependency-free, accessible.

Hand-written rather than a charting library: the report needs one chart (a few
horizontal bars and a floor line), it must be inlined into a file that makes
no network request, and it must carry meaning without colour (a pattern per
bar, the label and the number written beside it). Chart libraries either need
JavaScript at view time or bring far more than one chart's worth of code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

LABEL_WIDTH = 180
PLOT = 340  # pixels for a share of 100%
CHAR_WIDTH = 9.5  # a generous width of one bold 15px character, to size the value column
BAR_HEIGHT = 28
GAP = 22
TOP = 30
INK = "#1b1b1b"

# One fill per pattern name: a colour and a texture, so print and colour-blind
# readers tell the bars apart by texture and by the label beside each bar.
PATTERNS = {
    "solid": ("#1d6b34", ""),
    "hatch": ("#1f4e8c", '<path d="M0 8 L8 0" stroke="#ffffff" stroke-width="2"/>'),
    "cross": (
        "#8a1c1c",
        '<path d="M0 0 L8 8 M0 8 L8 0" stroke="#ffffff" stroke-width="1.5"/>',
    ),
    "dots": ("#5b5b5b", '<circle cx="4" cy="4" r="1.6" fill="#ffffff"/>'),
}


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: what it counts, how many of how many, and its texture."""

    key: str  # stable name, e.g. "job_completions", written as data-key for tests
    label: str
    count: int
    total: int
    pattern: str = "solid"

    @property
    def share(self) -> float:
        """The share of the total, rounded as `classify --output-format json` rounds it."""
        return round(self.count / self.total, 4) if self.total else 0.0


def percent(share: float) -> str:
    """A share as the page prints it: 0.2857 -> "28.57%" (no rounding beyond the JSON's)."""
    return f"{share * 100:.2f}%"


def share_bars(
    bars: Sequence[Bar], *, floor: float | None, floor_label: str, chart_id: str, title: str
) -> str:
    """Horizontal bars of shares of one total, with an optional floor on the first bar.

    The SVG is an image with a title and a description that says every number,
    so a screen reader hears what a sighted reader sees.
    """
    height = TOP + len(bars) * (BAR_HEIGHT + GAP) + 10
    longest = max((len(_value(bar)) for bar in bars), default=0)
    width = round(LABEL_WIDTH + PLOT + 8 + longest * CHAR_WIDTH)
    desc = "; ".join(f"{b.label}: {b.count} of {b.total} ({percent(b.share)})" for b in bars)
    if floor is not None:
        desc += f"; {floor_label}: {percent(floor)}"
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        _defs(chart_id),
        _axis(height),
    ]
    for index, bar in enumerate(bars):
        parts.append(_bar(bar, TOP + index * (BAR_HEIGHT + GAP), chart_id))
    if floor is not None and bars:
        parts.append(_floor(floor, floor_label))
    parts.append("</svg>")
    return "".join(parts)


def _defs(chart_id: str) -> str:
    patterns = []
    for name, (colour, texture) in PATTERNS.items():
        patterns.append(
            f'<pattern id="{chart_id}-{name}" width="8" height="8" '
            f'patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{colour}"/>'
            f"{texture}</pattern>"
        )
    return f"<defs>{''.join(patterns)}</defs>"


def _axis(height: int) -> str:
    """Gridlines at 0, 25, 50, 75 and 100%, labelled above the plot."""
    lines = []
    for tick in (0, 25, 50, 75, 100):
        x = LABEL_WIDTH + PLOT * tick / 100
        lines.append(
            f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{height - 6}" '
            f'stroke="#767676" stroke-width="1" stroke-dasharray="{"" if tick == 0 else "2 3"}"/>'
            f'<text x="{x:.1f}" y="{TOP - 12}" font-size="12" text-anchor="middle" '
            f'fill="{INK}">{tick}%</text>'
        )
    return "".join(lines)


def _bar(bar: Bar, y: int, chart_id: str) -> str:
    width = max(PLOT * bar.share, 0.0)
    middle = y + BAR_HEIGHT / 2 + 5
    value = _value(bar)
    return (
        f'<g class="bar" data-key="{escape(bar.key)}" data-count="{bar.count}" '
        f'data-share="{bar.share}">'
        f'<text x="{LABEL_WIDTH - 8}" y="{middle:.1f}" font-size="15" text-anchor="end" '
        f'fill="{INK}">{escape(bar.label)}</text>'
        f'<rect x="{LABEL_WIDTH}" y="{y}" width="{PLOT}" height="{BAR_HEIGHT}" '
        f'fill="#ffffff" stroke="#767676"/>'
        f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
        f'fill="url(#{chart_id}-{bar.pattern})" stroke="{INK}"/>'
        f'<text x="{LABEL_WIDTH + PLOT + 8}" y="{middle:.1f}" font-size="15" '
        f'font-weight="bold" fill="{INK}">{escape(value)}</text>'
        "</g>"
    )


def _value(bar: Bar) -> str:
    return f"{bar.count} of {bar.total} · {percent(bar.share)}"


def _floor(floor: float, label: str) -> str:
    """A dashed line across the first bar at the floor, labelled below it."""
    x = LABEL_WIDTH + PLOT * min(max(floor, 0.0), 1.0)
    bottom = TOP + BAR_HEIGHT + 4
    return (
        f'<g class="floor" data-floor="{floor}">'
        f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{bottom}" stroke="{INK}" '
        f'stroke-width="3" stroke-dasharray="5 3"/>'
        f'<text x="{x + 4:.1f}" y="{bottom + 12}" font-size="12" fill="{INK}" '
        'stroke="#ffffff" stroke-width="4" paint-order="stroke">'
        f"{escape(label)} {percent(floor)}</text></g>"
    )
