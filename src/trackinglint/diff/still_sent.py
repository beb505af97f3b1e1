"""Calls in the code that send an event the change removed from the plan (TD012).

A plan change that removes or renames an event is safe only once no code sends
the old name; otherwise, merged, the app keeps sending data the plan no longer
describes. Each such call is reported where it sits (file:line:col), so it shows
as an annotation on the pull request beside the plan change that orphaned it.
Its path is the removed event's path in the plan (as TD001 and TD002 print
it), so `--accept TD012:PATH` accepts every call of an event at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..findings import Problem
from ..model import Event, Origin, Plan
from ..sources import Span
from .codes import REMOVED_EVENT_STILL_SENT

if TYPE_CHECKING:
    from ..code.drift import CodeFacts


def still_sent(old: Plan, new: Plan, renames: dict[str, str], code: CodeFacts) -> Iterator[Problem]:
    """A problem at each call whose event the old plan declares and the new one does not."""
    for call in code.calls:
        document = code.document(call)
        if call.event is None or document is None or sent_by(new, call.event):
            continue
        event = sent_by(old, call.event)
        if event is None:
            continue  # never planned: check's TL301 reports it, not the change
        target = renames.get(event.name)
        if target is None:
            message = (
                f"event '{call.event}' is sent here, but this change removes it from the plan; "
                "once merged, this call sends data the plan no longer describes: remove the "
                "call first, or keep the event (`deprecated: true`) until no code sends it"
            )
            related: tuple[tuple[Origin, str], ...] = ()
        else:
            message = (
                f"event '{call.event}' is sent here, but this change renames it to "
                f"'{target}' in the plan: send '{target}' here in the same change, or keep "
                "the old name"
            )
            related = ((new.events[target].origin, f"'{event.name}' is now '{target}'"),)
        span = Span(call.line, call.column, call.end_line or call.line,
                    call.end_column or call.column + 1)  # fmt: skip
        yield Problem(
            message,
            Origin(document, event.origin.pointer),  # the event's path, as TD001 prints it
            span=span,
            code=REMOVED_EVENT_STILL_SENT.code,
            related=related,
        )


def sent_by(plan: Plan, name: str) -> Event | None:
    """The plan's event that a call sending `name` sends (an Iglu event by its own name)."""
    event = plan.events.get(name)
    if event is not None:
        return event
    return next((e for e in plan.events.values() if e.sent_name == name), None)
