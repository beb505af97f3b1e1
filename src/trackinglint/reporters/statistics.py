"""`--statistics`: how often each rule fired, most frequent first; then the naming
convention each plan's names have, or that none was found (what TL204 and TL205
go by when no convention is configured)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TextIO

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
    majorities = {id(run.plan): _majorities(run.policy.options) for run in result.runs}
    for plan in result.plans:
        majority = majorities.get(id(plan), (0.5, 0.5))
        for line in naming_lines(plan, *majority):
            where = f"{plan.documents[0].display_path}: " if len(result.plans) > 1 else ""
            stream.write(f"{where}{line}\n")


def naming_lines(
    plan: Plan, events_majority: float = 0.5, props_majority: float = 0.5
) -> list[str]:
    """The plan's event and property naming conventions, at the configured majorities."""
    events = [event.name for event in plan.events.values()]
    props = [prop.name for _, prop in plan.all_properties() if prop.name != "items"]
    return [
        convention_of(names, majority).describe(what)
        for what, names, majority in (
            ("event", events, events_majority),
            ("property", props, props_majority),
        )
        if names
    ]


def _majorities(options: Mapping[str, Mapping[str, Any]]) -> tuple[float, float]:
    """TL204's and TL205's `majority` options, as the rules would use them."""
    return tuple(  # type: ignore[return-value]
        float(options.get(code, {}).get("majority", 0.5)) for code in ("TL204", "TL205")
    )
