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
    # What a reader with `read_again(document, earlier)` keeps to read the next
    # version of the same file faster (the language server reads one per pause).
    memo: object = None


@dataclass(frozen=True, slots=True)
class Membership:
    """What a file says about the plan it belongs to (see `trackinglint.plans`).

    A reader may define `membership(document) -> Membership`; without it a
    file joins the other files of its format in its folder tree. A reader
    whose every file is a complete plan sets `self_contained = True` instead.
    """

    alone: bool = False  # a complete plan by itself
    root: bool = False  # starts a plan; files below it without a root of their own join it
    companion: bool = False  # adds metrics or jobs to a plan of another format beside it
    family: str | None = None  # files of one reader with the same key form one plan
    links: bool = False  # joins the files of its format that provide what it needs
    provides: frozenset[str] = frozenset()  # names other files may refer to
    needs: frozenset[str] = frozenset()  # names this file refers to
    label: str | None = None  # how to name the plan it roots (a product's name)


class Reader(Protocol):
    """A plan format. `sniff` is a cheap look at the raw text, used to find plan
    files among many; `accepts` decides on the parsed data; `read` maps it.

    Optional: `title` names the format in messages ("Snowplow Iglu"); a reader
    whose files only make sense together (a folder of RudderStack files, the
    versions of an Iglu schema) or that needs the configuration (CSV column
    names) defines `read_all(documents, settings) -> ReadResult`, which the
    engine calls once per plan instead of `read`. How files group into plans
    is the reader's to say: `self_contained = True`, or `membership(document)`
    (see `Membership`).
    """

    name: str
    priority: int

    def sniff(self, path: Path, text: str) -> bool: ...

    def accepts(self, document: Document) -> bool: ...

    def read(self, document: Document) -> ReadResult: ...
