"""`--statistics`: how often each rule fired, most frequent first."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TextIO

from .style import Style

if TYPE_CHECKING:
    from ..engine import LintResult


def report_statistics(result: LintResult, stream: TextIO, *, color: bool) -> None:
    style = Style(color)
    counts = Counter((f.code, f.name, f.severity) for f in result.findings)
    width = max((len(str(n)) for n in counts.values()), default=1)
    for (code, name, severity), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        level = style.severity(severity, f"{severity.value:<7}")
        line = f"{count:>{width}}  {style(code, 'bold')}  {level}  {name}\n"
        stream.write(line)
