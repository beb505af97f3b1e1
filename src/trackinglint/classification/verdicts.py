"""What the classifier says about each event and metric, and why.

Every verdict carries its evidence: the pieces that produced it, each with a
human explanation and a signed weight, so a finding can say *why* an event
reads as motion and a plan author can see what to change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

JOB_COMPLETION = "job_completion"
FEATURE_INTERACTION = "feature_interaction"
UNKNOWN = "unknown"
EVENT_KINDS = (JOB_COMPLETION, FEATURE_INTERACTION)

OUTCOME = "outcome"
SURFACE = "surface"

STRONG = 2.0  # |name score| at or above this is strong name evidence


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason for a verdict.

    For events `weight` > 0 points to job completion and < 0 to feature
    interaction; for metrics > 0 points to outcome and < 0 to surface.
    `friction` marks evidence of a struggle signal (a failure, a help visit).
    """

    # events: declared | job | name | property | plugin; metrics: aggregation | event | name
    source: str
    detail: str
    weight: float
    friction: bool = False


@dataclass(frozen=True, slots=True)
class EventVerdict:
    name: str
    kind: str  # job_completion | feature_interaction | unknown (only without any evidence)
    friction: bool
    confidence: float  # 0..1, how sure the kind is
    evidence: tuple[Evidence, ...]
    declared: str | None  # the plan's own kind, if it states one
    name_kind: str | None  # what the name alone says, when that evidence is strong
    contradicts: bool  # the declared kind contradicts strong name evidence


@dataclass(frozen=True, slots=True)
class MetricVerdict:
    name: str
    kind: str  # surface | outcome
    confidence: float
    evidence: tuple[Evidence, ...]
    reason: str  # one short phrase for messages: "counts motion: unique users of 'Clocked In'"


@dataclass(frozen=True, slots=True)
class Classification:
    """Every event's and metric's verdict, plus counts for summaries."""

    events: dict[str, EventVerdict] = field(default_factory=dict)
    metrics: dict[str, MetricVerdict] = field(default_factory=dict)
    failures: tuple[str, ...] = ()  # plugins that broke while classifying; they were skipped

    def _count(self, kind: str) -> int:
        return sum(1 for verdict in self.events.values() if verdict.kind == kind)

    @property
    def job_completions(self) -> int:
        return self._count(JOB_COMPLETION)

    @property
    def feature_interactions(self) -> int:
        return self._count(FEATURE_INTERACTION)

    @property
    def unknown(self) -> int:
        return self._count(UNKNOWN)

    @property
    def friction_signals(self) -> int:
        return sum(1 for verdict in self.events.values() if verdict.friction)

    @property
    def progress_share(self) -> float:
        """Job completions as a share of all events (0.0 for a plan without events)."""
        return self.job_completions / len(self.events) if self.events else 0.0

    @property
    def outcome_metrics(self) -> int:
        return sum(1 for verdict in self.metrics.values() if verdict.kind == OUTCOME)

    @property
    def surface_metrics(self) -> int:
        return sum(1 for verdict in self.metrics.values() if verdict.kind == SURFACE)

    def summary(self) -> dict[str, int | float]:
        """The counts as plain data, for JSON output and rules."""
        return {
            "events": len(self.events),
            "job_completions": self.job_completions,
            "feature_interactions": self.feature_interactions,
            "friction_signals": self.friction_signals,
            "unknown": self.unknown,
            "progress_share": round(self.progress_share, 4),
            "metrics": len(self.metrics),
            "outcome_metrics": self.outcome_metrics,
            "surface_metrics": self.surface_metrics,
        }


def probability(score: float) -> float:
    """Evidence score to the probability of the positive kind (completion, outcome)."""
    return 1.0 / (1.0 + math.exp(-score))
