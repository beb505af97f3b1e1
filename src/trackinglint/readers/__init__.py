"""Readers turn a parsed document of one format into plan-model objects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..findings import Problem
from ..model import Plan
from ..sources import Document


@dataclass(slots=True)
class ReadResult:
    plan: Plan
    problems: list[Problem] = field(default_factory=list)
    # Problems still being computed (a large schema check running on the other
    # core); the engine collects them after the rules have run.
    pending: list[Callable[[], list[Problem]]] = field(default_factory=list)


class Reader(Protocol):
    """A plan format. `sniff` is a cheap look at the raw text, used to find plan
    files among many; `accepts` decides on the parsed data; `read` maps it.

    Optional: `title` names the format in messages ("Snowplow Iglu"); a reader
    whose files only make sense together (a folder of RudderStack files, the
    versions of an Iglu schema) or that needs the configuration (CSV column
    names) defines `read_all(documents, settings) -> ReadResult`, which the
    engine calls once per plan instead of `read`.
    """

    name: str
    priority: int

    def sniff(self, path: Path, text: str) -> bool: ...

    def accepts(self, document: Document) -> bool: ...

    def read(self, document: Document) -> ReadResult: ...
