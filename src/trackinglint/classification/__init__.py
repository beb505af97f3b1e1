"""The explainable classifier: events as motion or progress, metrics as surface or outcome.

    from trackinglint.classification import classify
    result = classify(plan)
    result.events["Invoice Approved"].kind        # "job_completion"
    result.events["Invoice Approved"].evidence    # why: declared kind, job, name, properties
    result.metrics["Weekly clerks"].reason        # "counts motion: unique users of 'Clocked In'"

Names are read through word lists shipped as data (`lexicons/*.yaml`) and
the grammar of the name (which word is the action, what it acts on), so the
classifier generalizes to names it has never seen.
"""

from .classifier import classify
from .lexicon import LEXICON_NAMES, Lexicon, load_lexicon
from .reading import Reading, read_name
from .tokens import tokenize
from .verdicts import (
    FEATURE_INTERACTION,
    JOB_COMPLETION,
    OUTCOME,
    SURFACE,
    UNKNOWN,
    Classification,
    EventVerdict,
    Evidence,
    MetricVerdict,
)

__all__ = [
    "FEATURE_INTERACTION",
    "JOB_COMPLETION",
    "LEXICON_NAMES",
    "OUTCOME",
    "SURFACE",
    "UNKNOWN",
    "Classification",
    "EventVerdict",
    "Evidence",
    "Lexicon",
    "MetricVerdict",
    "Reading",
    "classify",
    "load_lexicon",
    "read_name",
    "tokenize",
]
