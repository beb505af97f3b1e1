"""`--statistics`: how often each rule fired, most frequent first; then the naming
convention each plan's names have, or that none was found (what TL204 and TL205
go by when no convention is configured)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TextIO

from ..rules.names import convention_of
from .style import Style

if TYPE_CHECKING:
    from ..engine import LintResult
    from ..model import Plan


def report_statistics(result: LintResult, stream: TextIO, *, color: bool) -> None:
    style = Style(color)
    counts = Counter((f.code, f.name, f.severity) for f in result.findings)
    width = max((len(str(n)) for n in counts.values()), default=1)
    for (code, name, severity), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        level = style.severity(severity, f"{severity.value:<7}")
        line = f"{count:>{width}}  {style(code, 'bold')}  {level}  {name}\n"
        stream.write(line)
    for plan in result.plans:
        for line in naming_lines(plan):
            where = f"{plan.documents[0].display_path}: " if len(result.plans) > 1 else ""
            stream.write(f"{where}{line}\n")


def naming_lines(plan: Plan) -> list[str]:
    """The plan's event and property naming conventions, at the default majority."""
    events = [event.name for event in plan.events.values()]
    props = [prop.name for _, prop in plan.all_properties() if prop.name != "items"]
    return [
        convention_of(names).describe(what)
        for what, names in (("event", events), ("property", props))
        if names
    ]
