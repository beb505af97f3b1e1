"""Outcome rules about events and jobs: can the plan show that a job got done?"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..classification.verdicts import STRONG
from ..config import close_match
from ..findings import Problem, Severity
from ..model import Event, Job, Origin, Plan
from .api import Option, RuleContext, rule
from .outcome_metrics import plan_anchor

COMPLETION, INTERACTION = "job_completion", "feature_interaction"
_IDENTIFIER = re.compile(
    r"(?:^|[_\-.\s])(?:id|ids|key|number|uuid|ref)$|[a-z0-9](?:Id|ID|Key|Number)$"
)
_FIRST_WORD = re.compile(r"[A-Za-z][a-z0-9]*")


def name_evidence(verdict: Any) -> str:
    """The name-based reasons of an event verdict, for messages."""
    details = [e.detail for e in verdict.evidence if e.source == "name"]
    return "; ".join(details) or "its name"


@rule("TL110", "job-without-completion", severity=Severity.ERROR, group="outcome")
def job_without_completion(ctx: RuleContext) -> Iterator[Problem]:
    """A job has no completion event, or names one that is missing or reads as motion."""
    plan, verdicts = ctx.plan, ctx.classification.events
    linked = {
        event.job for event in plan.events.values() if verdicts[event.name].kind == COMPLETION
    }
    for job in plan.jobs.values():
        if not job.completion and job.name not in linked:
            yield ctx.problem(
                job.origin,
                f"job '{job.name}' has no completion event, so the plan cannot show when it got "
                "done; name the event that proves it in `completion:`",
            )
        for name, origin in zip(job.completion, job.origin.names("completion"), strict=False):
            yield from _check_completion(ctx, plan, job, name, origin)


def _check_completion(
    ctx: RuleContext, plan: Plan, job: Job, name: str, origin: Origin
) -> Iterator[Problem]:
    if name not in plan.events:
        hint = close_match(name, plan.events)
        suggestion = f"did you mean '{hint}'?" if hint else "add the event or fix the name"
        yield ctx.problem(
            origin,
            f"job '{job.name}' names completion event '{name}', which the plan does not "
            f"define; {suggestion}",
            "value",
        )
        return
    verdict = ctx.classification.events[name]
    if verdict.name_kind == INTERACTION or verdict.kind == INTERACTION:
        yield ctx.problem(
            origin,
            f"job '{job.name}' is completed by '{name}', which reads as motion "
            f"({name_evidence(verdict)}); name the event that shows the job got done",
            "value",
        )


def is_sure(verdict: Any) -> bool:
    """A verdict resting on strong evidence: its weights add up to at least STRONG either
    way (a declared kind, a known completion verb), not one weak hint about a name."""
    return abs(sum(evidence.weight for evidence in verdict.evidence)) >= STRONG


@rule(
    "TL111",
    "plan-mostly-motion",
    severity=Severity.WARNING,
    group="outcome",
    options={
        "min-progress-share": Option(
            0.10, "Smallest share of events that must record a job getting done."
        ),
        "min-events": Option(10, "Fewest events for a share to mean anything."),
        "min-sure-share": Option(
            0.8, "Smallest share of events whose verdict rests on strong evidence."
        ),
    },
)
def plan_mostly_motion(ctx: RuleContext) -> Iterator[Problem]:
    """Too few of the plan's events record a job getting done.

    A share is only as good as the verdicts behind it: the rule speaks when the
    plan has `min-events` events and the classifier is sure of `min-sure-share`
    of them; otherwise it stays silent (`trackinglint classify` shows why).
    """
    verdicts = ctx.classification.events
    total = len(verdicts)
    if total < ctx.options["min-events"]:
        return
    sure = sum(1 for verdict in verdicts.values() if is_sure(verdict))
    if sure / total < ctx.options["min-sure-share"]:
        return
    done = sum(1 for verdict in verdicts.values() if verdict.kind == COMPLETION)
    floor = ctx.options["min-progress-share"]
    if done / total < floor:
        yield ctx.problem(
            plan_anchor(ctx.plan, "events"),
            f"only {done} of {total} events ({done / total:.0%}) record a job getting done "
            f"(floor {floor:.0%}); the plan cannot tell an efficient user from a lost one: "
            "declare the event that completes each job",
        )


@rule("TL112", "completion-without-artifact", severity=Severity.WARNING, group="outcome")
def completion_without_artifact(ctx: RuleContext) -> Iterator[Problem]:
    """A job-completion event has no required property identifying what got done."""
    adopted = bool(ctx.plan.jobs or ctx.plan.metrics)
    verdicts = ctx.classification.events
    advice_for = ctx.kept("TL112", _artifact_advice)
    for event in ctx.plan.events.values():
        if not (adopted or event.kind):
            continue  # an events-only export whose kinds are guesses: TL100 says how to start
        if verdicts[event.name].kind != COMPLETION:
            continue
        advice = advice_for(event)
        if advice is None:
            continue
        yield ctx.problem(
            event.origin,
            f"job-completion event '{event.name}' has no required property identifying what "
            f"got done; {advice}, so every completion points at its artifact",
        )


def _artifact_advice(event: Event) -> str | None:
    """How to give a completion event a required identifier, or None when it has one.
    Kept while the event is (`reuse`)."""
    if _has_artifact(event):
        return None
    carried = [name for name in event.properties if _IDENTIFIER.search(name)]
    if carried:
        return f"mark `{carried[0]}` `required: true`"
    word = _FIRST_WORD.search(event.name)
    example = f"{word.group(0).lower()}_id" if word else "object_id"
    return f"add one such as `{example}` with `required: true`"


def _has_artifact(event: Event) -> bool:
    return any(
        prop.required and _IDENTIFIER.search(name) for name, prop in event.properties.items()
    )


@rule("TL114", "kind-contradicts-evidence", severity=Severity.WARNING, group="outcome")
def kind_contradicts_evidence(ctx: RuleContext) -> Iterator[Problem]:
    """An event's declared kind contradicts strong evidence in its name."""
    verdicts = ctx.classification.events
    for event in ctx.plan.events.values():
        verdict = verdicts[event.name]
        if verdict.contradicts:
            yield ctx.problem(
                event.origin.field("kind"),
                f"event '{event.name}' is declared {verdict.declared} but its name reads as "
                f"{verdict.name_kind} ({name_evidence(verdict)}); declaring motion as progress is "
                "how an outcome metric gets gamed: fix the kind or rename the event",
            )


RULES = (job_without_completion, plan_mostly_motion, completion_without_artifact,
         kind_contradicts_evidence)  # fmt: skip
