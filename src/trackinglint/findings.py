"""Findings: what the engine hands to reporters, in every output the same."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .fixes.model import Fix
    from .model import Origin
    from .sources import Focus, Span

# Text reports show this many related places, then "+N more"; JSON and SARIF show all.
SHOWN_PLACES = 3


class Severity(StrEnum):
    """How bad a finding is; ordered so `--fail-on` can compare."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Place:
    """Another place a finding is about: the other spellings, types or copies of a name."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    path: str = ""
    note: str = ""  # what is there, e.g. "'user_id' (string)"

    def where(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One located problem. Lines and columns are 1-based; end_column is exclusive."""

    code: str
    name: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    path: str  # path inside the document, e.g. events."Deal Qualified".properties.amount
    group: str = ""
    fix: Fix | None = field(default=None, compare=False, repr=False)  # a safe autofix, if any
    related: Sequence[Place] = ()  # every other place the finding is about

    def places_text(self, shown: int = SHOWN_PLACES) -> str:
        """The first few related places and "+N more", for text reports ("" if none)."""
        if not self.related:
            return ""
        listed = ", ".join(_place_text(place, self.file) for place in self.related[:shown])
        more = len(self.related) - shown
        return listed + (f", +{more} more" if more > 0 else "")

    def sort_key(self) -> tuple[Any, ...]:
        return (self.file, self.line, self.column, self.code, self.message)

    @property
    def in_file(self) -> bool:
        """False for a finding about the tool itself (file `<plugin NAME>`), not a plan."""
        return not (self.file.startswith("<") and self.file.endswith(">"))

    def to_dict(self) -> dict[str, Any]:
        # (not `fix`: edits, not results; reporters that show fixes say so themselves)
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "fix"}
        data["severity"] = self.severity.value
        data["related"] = [asdict(place) for place in self.related]
        return data


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule or reader found, located by origin; the engine makes it a Finding.

    `code` is left None by rules (the engine fills in the rule's own code) and
    set by readers, which report on behalf of the core rules (TL001, TL002).
    `span` overrides the origin's position when the problem is not at a node.
    `related` are the other places the problem is about, each with a short note.
    """

    message: str
    origin: Origin
    focus: Focus = "key"
    code: str | None = None
    span: Span | None = None
    related: tuple[tuple[Origin, str], ...] = ()
    fix: Fix | None = None  # the safe autofix `--fix` and editors apply (trackinglint.fixes)

    def with_code(self, code: str) -> Problem:
        return replace(self, code=code)


def located(rule: Any, problem: Problem, severity: Severity, span: Span | None = None) -> Finding:
    """A problem, dressed as a Finding of `rule` (anything with code, name and group)."""
    span = span or problem.span or problem.origin.span(problem.focus)
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=severity,
        message=problem.message,
        file=problem.origin.document.display_path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        path=problem.origin.path,
        group=rule.group,
        related=Places(problem.related) if problem.related else (),
        fix=problem.fix,
    )


class Places(Sequence[Place]):
    """A finding's related places, located when first read: a name undocumented on 170
    events has 170 of them, and text reports show three (JSON and SARIF show all)."""

    __slots__ = ("_found", "_origins")

    def __init__(self, origins: Sequence[tuple[Origin, str]]) -> None:
        self._origins = tuple(origins)
        self._found: dict[int, Place] = {}

    def __len__(self) -> int:
        return len(self._origins)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        place = self._found.get(index)
        if place is None:
            origin, note = self._origins[index]
            place = self._found[index] = _place(origin, note)
        return place

    def __iter__(self) -> Iterator[Place]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Places, tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Places({len(self)})"


def _place(origin: Origin, note: str) -> Place:
    span = origin.span()
    return Place(
        origin.document.display_path,
        span.line,
        span.column,
        span.end_line,
        span.end_column,
        origin.path,
        note,
    )


def _place_text(place: Place, file: str) -> str:
    """`line:col` in the finding's own file, `file:line:col` elsewhere, then the note."""
    where = f"{place.line}:{place.column}" if place.file == file else place.where()
    return f"{where} {place.note}" if place.note else where


ROOT_CAUSES = frozenset({"TL001", "TL004"})


def without_cascades(problems: Iterable[Problem], groups: dict[str, str]) -> list[Problem]:
    """Drop outcome problems in a file that could not be read (TL001, TL004 there):
    the unreadable file is the one thing to fix, and what follows from it is a guess.
    `groups` maps each rule code to its group."""
    problems = list(problems)
    broken = {p.origin.document.display_path for p in problems if p.code in ROOT_CAUSES}
    if not broken:
        return problems
    return [
        p
        for p in problems
        if not (groups.get(p.code or "") == "outcome" and p.origin.document.display_path in broken)
    ]
