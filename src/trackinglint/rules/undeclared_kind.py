"""TL214: an event whose kind the classifier is sure of, left undeclared.

Off by default: the classifier's reading is what the outcome rules use
either way. Turned on, `--fix` writes the kind into the plan, so the reading
is reviewed once and stays put when the lexicons change.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Problem, Severity
from ..fixes.model import Fix, InsertKey
from ..model import Event
from .api import Option, RuleContext, rule


def _confidence_ok(value: float) -> str | None:
    return None if 0.5 <= value <= 1 else "expected a number from 0.5 to 1"


@rule(
    "TL214",
    "undeclared-kind",
    severity=Severity.INFO,
    group="hygiene",
    options={
        "min-confidence": Option(
            0.9, "How sure the classifier must be before the kind is suggested.", _confidence_ok
        )
    },
    enabled=False,
)
def undeclared_kind(ctx: RuleContext) -> Iterator[Problem]:
    """A native event states no `kind:` though the classifier is sure of it."""
    floor = ctx.options["min-confidence"]
    verdicts = ctx.classification.events
    for event in ctx.plan.events.values():
        verdict = verdicts.get(event.name)
        if event.kind is not None or verdict is None or not _native(event):
            continue
        if verdict.kind == "unknown" or verdict.confidence < floor:
            continue
        if verdict.name_kind is not None and verdict.name_kind != verdict.kind:
            continue  # the name says otherwise: a person should decide
        yield ctx.problem(
            event.origin,
            f"event '{event.name}' reads as a {verdict.kind.replace('_', ' ')} "
            f"(confidence {verdict.confidence:.2f}) but does not say so; declare "
            f"`kind: {verdict.kind}` so the reading is reviewed once and stays put",
            fix=_declare(event, verdict.kind),
        )


def _native(event: Event) -> bool:
    data = event.origin.document.data
    pointer = event.origin.pointer
    return isinstance(data, dict) and "trackinglint" in data and pointer[:1] == ("events",)


def _declare(event: Event, kind: str) -> Fix | None:
    """Insert `kind:` after the event's description (or first), in its own mapping."""
    if not isinstance(event.origin.node(), dict):
        return None  # `Event: ~`: no mapping to add to
    edit = InsertKey(event.origin.pointer, "kind", kind, after="description")
    return Fix(f"Declare `kind: {kind}`", (edit,))


RULES = (undeclared_kind,)
