"""The event verdict: declared kind, declared jobs, name, properties, plugins.

A declared kind decides (the plan may always say what an event is), but it is
still weighed against the name, so "Report Viewed" declared a job completion
is flagged as a contradiction. Without a declaration the evidence is summed:
positive reads as job completion, negative as feature interaction, a tie as
interaction (most events are). A name that gives no evidence at all leans to
interaction by the base rate, weakly and saying so; only a name without a word
is unknown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import Event, Job
from .lexicon import Lexicon
from .names import name_evidence
from .properties import property_evidence
from .tokens import tokenize
from .verdicts import (
    EVENT_KINDS,
    FEATURE_INTERACTION,
    JOB_COMPLETION,
    STRONG,
    UNKNOWN,
    EventVerdict,
    Evidence,
    probability,
)

DECLARED = 4.0
# Nothing in the name, properties or jobs points either way: most events of real plans
# are interactions (19 in 20 of the real names that gave no evidence), so the verdict
# leans that way, weakly (confidence 0.56) and saying why, rather than giving none.
BASE_RATE = 0.25
BASE_RATE_EVIDENCE = Evidence(
    "name",
    "no word names a kind of action, a state or a part of the interface: "
    "read as an interaction, as most events are",
    -BASE_RATE,
)
JOB = 4.0
JOB_STEP = 0.5


def completions_by_event(jobs: Mapping[str, Job]) -> dict[str, list[str]]:
    """Event name -> the jobs that name it as their completion."""
    found: dict[str, list[str]] = {}
    for job in jobs.values():
        for event_name in job.completion:
            found.setdefault(event_name, []).append(job.name)
    return found


def starts_by_event(jobs: Mapping[str, Job]) -> dict[str, list[str]]:
    """Event name -> the jobs that name it as their start (`start:`)."""
    found: dict[str, list[str]] = {}
    for job in jobs.values():
        for event_name in job.start:
            found.setdefault(event_name, []).append(job.name)
    return found


def classify_event(
    event: Event,
    lexicon: Lexicon,
    completes: Mapping[str, list[str]],
    jobs: Mapping[str, Job],
    extra: Sequence[Evidence] = (),
    starts: Mapping[str, list[str]] | None = None,
) -> EventVerdict:
    """One event's verdict; `completes` and `starts` come from `completions_by_event`
    and `starts_by_event`."""
    evidence: list[Evidence] = []
    declared = event.kind if event.kind in EVENT_KINDS else None
    if declared:
        weight = DECLARED if declared == JOB_COMPLETION else -DECLARED
        evidence.append(Evidence("declared", f"declared {declared} in the plan", weight))
    evidence.extend(_job_evidence(event, completes, jobs, starts or {}))
    named = name_evidence(event.name, lexicon)
    if not evidence and not event.properties and not extra:
        return _by_name_alone(event.name, named, lexicon)
    evidence.extend(named)
    evidence.extend(property_evidence(event.properties, lexicon))
    evidence.extend(extra)
    if not any(e.weight for e in evidence) and tokenize(event.name):
        evidence.append(BASE_RATE_EVIDENCE)
    return verdict(event.name, tuple(evidence), declared, named)


def _by_name_alone(name: str, named: tuple[Evidence, ...], lexicon: Lexicon) -> EventVerdict:
    """The verdict of an event only its name speaks for: weighed once per reading of
    the name, since most events of a plan share their readings with others
    ("Order Clicked 41", "Order Clicked 42")."""
    has_words = bool(tokenize(name))
    weighed = lexicon.verdict_memo
    key = (named, has_words)  # by value: different names often give the same evidence
    template: EventVerdict | None = weighed.get(key)
    if template is None:
        evidence = named
        if has_words and not any(e.weight for e in named):
            evidence = (*named, BASE_RATE_EVIDENCE)
        template = weighed.keep(key, verdict(name, evidence, None, named))
    if template.name == name:
        return template
    return EventVerdict(
        name,
        template.kind,
        template.friction,
        template.confidence,
        template.evidence,
        None,
        template.name_kind,
        False,
    )


def verdict(
    name: str,
    evidence: tuple[Evidence, ...],
    declared: str | None = None,
    named: Sequence[Evidence] = (),
) -> EventVerdict:
    """Sum the evidence into a verdict; `named` is the name's share of it."""
    score = sum(e.weight for e in evidence)
    if declared:
        kind = declared
    elif not any(e.weight for e in evidence):
        kind = UNKNOWN
    else:
        kind = JOB_COMPLETION if score > 0 else FEATURE_INTERACTION
    if kind == UNKNOWN:
        confidence = 0.0
    else:
        p = probability(score)
        confidence = p if kind == JOB_COMPLETION else 1.0 - p
    name_score = sum(e.weight for e in named)
    name_kind = (
        JOB_COMPLETION
        if name_score >= STRONG
        else FEATURE_INTERACTION
        if name_score <= -STRONG
        else None
    )
    return EventVerdict(
        name=name,
        kind=kind,
        friction=kind == FEATURE_INTERACTION and any(e.friction for e in evidence),
        confidence=confidence,
        evidence=evidence,
        declared=declared,
        name_kind=name_kind,
        contradicts=bool(declared and name_kind and declared != name_kind),
    )


def _job_evidence(
    event: Event,
    completes: Mapping[str, list[str]],
    jobs: Mapping[str, Job],
    starts: Mapping[str, list[str]],
) -> list[Evidence]:
    if event.job is None and event.name not in completes and event.name not in starts:
        return []  # most events are in no job: nothing to say
    found = [
        Evidence("job", f"completion event of job '{job}'", JOB)
        for job in completes.get(event.name, ())
    ]
    found += [
        Evidence("job", f"declared as the start of job '{job}'", -JOB)
        for job in starts.get(event.name, ())
    ]
    linked = jobs.get(event.job) if isinstance(event.job, str) else None
    if linked is not None and event.name not in (*linked.completion, *linked.start):
        found.append(
            Evidence("job", f"a step of job '{linked.name}', not its completion", -JOB_STEP)
        )
    return found
