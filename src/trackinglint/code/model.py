"""What scanning produces: raw facts per file (cached), calls, notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .values import Arg, Value


@dataclass(slots=True)
class RawCall:
    """A call whose method name some SDK shape or wrapper uses; matched later."""

    callee: str  # dotted: "analytics.track", "Analytics.shared().track", "this.props.track"
    args: list[Arg]
    line: int  # 1-based
    column: int  # 1-based, in characters
    function: str  # the enclosing function ("" at top level)
    end_line: int = 0
    end_column: int = 0
    outer: list[int] | None = None  # the call this one is passed to: [line, column, end…]

    def to_json(self) -> list[Any]:
        return [self.callee, self.args, self.line, self.column, self.function,
                self.end_line, self.end_column, self.outer]  # fmt: skip

    @classmethod
    def from_json(cls, data: list[Any]) -> RawCall:
        return cls(*data)


@dataclass(slots=True)
class FileFacts:
    """Everything one file tells, before names are resolved across files."""

    language: str
    calls: list[RawCall] = field(default_factory=list)
    bindings: dict[str, Value] = field(default_factory=dict)  # top-level name -> value
    imports: dict[str, list[Any]] = field(default_factory=dict)  # local -> [module, name|None]
    package: str = ""  # Go package / JVM package, for names qualified by it
    syntax_error: tuple[int, int] | None = None  # where the first syntax error is

    def to_json(self) -> dict[str, Any]:
        return {
            "l": self.language,
            "c": [c.to_json() for c in self.calls],
            "b": self.bindings,
            "i": self.imports,
            "p": self.package,
            "e": list(self.syntax_error) if self.syntax_error else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], calls: bool = True) -> FileFacts:
        """`calls=False` leaves the calls out: what other files' names need is the rest."""
        error = data.get("e")
        return cls(
            data["l"],
            [RawCall.from_json(c) for c in data["c"]] if calls else [],
            data["b"],
            data["i"],
            data.get("p", ""),
            (error[0], error[1]) if error else None,
        )


@dataclass(frozen=True, slots=True)
class Call:
    """An analytics call: the event (None when not static), where, which SDK, what it sends."""

    event: str | None
    path: str  # as displayed (relative to the current folder when inside it)
    line: int
    column: int
    sdk: str
    function: str
    properties: dict[str, str | None]  # name -> JSON type shown by the code, or None
    values: dict[str, Any] = field(default_factory=dict, compare=False)  # literals sent
    complete: bool = True  # False when properties are spread or built elsewhere
    dynamic: str = ""  # why the event name is not static ("" when it is)
    end_line: int = 0
    end_column: int = 0

    def to_cache(self) -> list[Any]:
        return [self.event, self.path, self.line, self.column, self.sdk, self.function,
                self.properties, self.values, self.complete, self.dynamic, self.end_line,
                self.end_column]  # fmt: skip

    @classmethod
    def from_cache(cls, data: list[Any]) -> Call:
        return cls(*data)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "sdk": self.sdk,
            "function": self.function,
            "properties": dict(self.properties),
        }


@dataclass(frozen=True, slots=True)
class ScanNote:
    """A file passed over or read in part: binary, huge, unreadable, a syntax error."""

    path: str
    message: str
    line: int = 0
    column: int = 0

    def text(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(slots=True)
class ScanResult:
    calls: list[Call] = field(default_factory=list)
    notes: list[ScanNote] = field(default_factory=list)
    files: int = 0  # source files scanned
    parsed: int = 0  # of which parsed this run (the rest came from the cache)
