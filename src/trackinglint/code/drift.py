"""What the drift rules (TL3xx) see of the code: the calls, and each source file with a
call as a Document, so findings sit at file:line:col and suppressions work there."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..sources import Document
from .model import Call, ScanNote
from .scan import ScanOptions, scan


@dataclass(slots=True)
class CodeFacts:
    calls: list[Call] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)  # display path -> source
    notes: list[ScanNote] = field(default_factory=list)
    paths: tuple[str, ...] = ()  # the code paths scanned, as configured
    wrappers: frozenset[str] = frozenset()  # names of the declared track functions

    def document(self, call: Call) -> Document | None:
        return self.documents.get(call.path)


class _NoPointers:
    """Source files are located by the calls' own spans, never by a plan pointer."""

    def offsets(self, pointer: object, focus: object = "key") -> tuple[int, int]:
        return 0, 0


def code_facts(
    paths: Sequence[str], options: ScanOptions | None = None, only: Collection[str] | None = None
) -> CodeFacts:
    """Scan `paths` and load the text of every file that holds a call (of those in
    `only`, display paths, when given: findings are made for those files alone)."""
    result = scan(paths, options)
    wrappers = frozenset(
        re.split(r"[.(]", signature.strip().rsplit(".", 1)[-1])[0]
        for signature in (options.track_functions if options else ())
    )  # fmt: skip
    facts = CodeFacts(result.calls, {}, result.notes, tuple(paths), wrappers)
    for call in result.calls:
        if call.path in facts.documents or (only is not None and call.path not in only):
            continue
        path = Path(call.path)
        try:
            text = path.read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        facts.documents[call.path] = source_document(path, call.path, text)
    return facts


def source_document(path: Path, display: str, text: str) -> Document:
    """A source file as the drift rules report on it (the editor passes its own text)."""
    return Document(path, display, text, None, _NoPointers())
