"""One line per finding: `file:line:col: CODE message`, for grep and editors."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..engine import LintResult


def report_concise(result: LintResult, stream: TextIO, *, color: bool) -> None:
    for f in result.findings:
        places = f.places_text()
        also = f" (also: {places})" if places else ""
        stream.write(f"{f.file}:{f.line}:{f.column}: {f.code} {f.message}{also}\n")
