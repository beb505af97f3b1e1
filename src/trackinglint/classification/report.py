"""`trackinglint classify`: show how each event and metric reads, and why.

The plan is loaded the way `check` loads it (same discovery, configuration
and readers); the settings of the first plan file supply the lexicon
extension. Files of every plan found are classified together, as one plan.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ..config import settings_for
from ..model import Plan
from .classifier import classify
from .verdicts import Classification, EventVerdict, MetricVerdict

PARSE_CODES = ("TL000", "TL001", "TL004")  # findings that mean part of the plan was not read


def run(
    paths: Sequence[str],
    registry: Any,
    *,
    config_file: Path | None = None,
    output_format: str = "table",
    out: TextIO,
    err: TextIO,
) -> int:
    """Load, classify and print; returns the exit code (0; config errors raise)."""
    from ..engine import Engine

    result = Engine(registry, config_file=config_file).lint(paths)
    for finding in result.findings:
        if finding.code in PARSE_CODES:
            where = f"{finding.file}:{finding.line}:{finding.column}"
            err.write(f"trackinglint: warning: {where}: {finding.message}\n")
    plan = Plan()
    for part in result.plans:
        plan.merge(part)
    lexicon = {}
    if plan.documents:
        lexicon = settings_for(plan.documents[0].path, config_file).lexicon
    classification = classify(plan, registry, lexicon)
    for failure in classification.failures:
        err.write(f"trackinglint: warning: {failure}\n")
    if output_format == "json":
        json.dump(as_json(classification), out, indent=2)
        out.write("\n")
    else:
        out.write(table(classification))
    return 0


def as_json(classification: Classification) -> dict[str, Any]:
    """Verdicts and summary as plain data."""
    return {
        "events": [_event_json(v) for v in classification.events.values()],
        "metrics": [_metric_json(v) for v in classification.metrics.values()],
        "summary": classification.summary(),
    }


def _evidence_json(verdict: EventVerdict | MetricVerdict) -> list[dict[str, Any]]:
    return [
        {"source": e.source, "detail": e.detail, "weight": e.weight, "friction": e.friction}
        for e in verdict.evidence
    ]


def _event_json(verdict: EventVerdict) -> dict[str, Any]:
    return {
        "name": verdict.name,
        "kind": verdict.kind,
        "friction": verdict.friction,
        "confidence": round(verdict.confidence, 2),
        "declared": verdict.declared,
        "name_kind": verdict.name_kind,
        "contradicts": verdict.contradicts,
        "evidence": _evidence_json(verdict),
    }


def _metric_json(verdict: MetricVerdict) -> dict[str, Any]:
    return {
        "name": verdict.name,
        "kind": verdict.kind,
        "confidence": round(verdict.confidence, 2),
        "reason": verdict.reason,
        "evidence": _evidence_json(verdict),
    }


def table(classification: Classification) -> str:
    """Events, then metrics, then contradictions and the summary line."""
    blocks = []
    rows: list[tuple[str, ...]]
    if classification.events:
        rows = [
            (v.name, v.kind, "yes" if v.friction else "no", f"{v.confidence:.2f}", _details(v))
            for v in classification.events.values()
        ]
        blocks.append(_columns(("EVENT", "KIND", "FRICTION", "CONFIDENCE", "EVIDENCE"), rows))
    if classification.metrics:
        rows = [
            (v.name, v.kind, f"{v.confidence:.2f}", _details(v))
            for v in classification.metrics.values()
        ]
        blocks.append(_columns(("METRIC", "CLASS", "CONFIDENCE", "EVIDENCE"), rows))
    contradictions = [
        f"'{v.name}' is declared {v.declared} but its name reads as {v.name_kind}"
        for v in classification.events.values()
        if v.contradicts
    ]
    if contradictions:
        blocks.append("".join(f"contradiction: {line}\n" for line in contradictions))
    blocks.append(summary_line(classification) + "\n")
    return "\n".join(blocks)


def summary_line(classification: Classification) -> str:
    """The closing count, e.g. "12 events: 2 job completions, 10 feature
    interactions (3 friction signals); progress share 17%"."""
    c = classification
    counts = (
        f"{_plural(len(c.events), 'event')}: {_plural(c.job_completions, 'job completion')}, "
        f"{_plural(c.feature_interactions, 'feature interaction')} "
        f"({_plural(c.friction_signals, 'friction signal')})"
    )
    if c.unknown:
        counts += f", {c.unknown} unknown"
    return f"{counts}; progress share {c.progress_share * 100:.0f}%"


def _details(verdict: EventVerdict | MetricVerdict) -> str:
    return "; ".join(e.detail for e in verdict.evidence) or "no evidence"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns two spaces apart; the last column is never padded."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header) - 1)]
    lines = []
    for row in (header, *rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines) + "\n"
