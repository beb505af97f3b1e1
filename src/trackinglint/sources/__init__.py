"""Sources: plan files read into plain data with exact positions.

`read_source` is the single entry point: it never raises for bad input, it
returns the document (data is None when the file could not be parsed) and the
problems found while loading, each with its span.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..gcpause import gc_paused
from .decode import decode
from .document import Document, Focus, LineIndex, Pointer, Span, format_pointer
from .errors import LoadProblem, SourceError

__all__ = [
    "Document",
    "Focus",
    "LineIndex",
    "LoadedSource",
    "Pointer",
    "Span",
    "format_pointer",
    "read_source",
    "reread_source",
]

YAML_SUFFIXES = frozenset({".yaml", ".yml"})
JSON_SUFFIXES = frozenset({".json"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})  # spreadsheet plans (sources/csv_source.py)


@dataclass(slots=True)
class LoadedSource:
    document: Document
    parse_errors: list[tuple[str, Span]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.document.data is not None or not self.parse_errors


class _NoPositions:
    def offsets(self, pointer: Pointer, focus: Focus) -> tuple[int, int]:
        return (0, 1)


def read_source(path: Path, display_path: str, raw: bytes | str | None = None) -> LoadedSource:
    """Read and parse one file; `raw` overrides the disk (unsaved editor buffers)."""
    try:
        if raw is None:
            if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO would block, /dev/zero never end
                document = Document(path, display_path, "", None, _NoPositions())
                message = "cannot read file: not a regular file (a FIFO, device or socket)"
                return LoadedSource(document, [(message, Span(1, 1, 1, 2))])
            raw = path.read_bytes()
        text = decode(raw) if isinstance(raw, bytes) else raw
    except OSError as exc:
        document = Document(path, display_path, "", None, _NoPositions())
        return LoadedSource(document, [(f"cannot read file: {exc.strerror}", Span(1, 1, 1, 2))])
    except SourceError as exc:  # undecodable bytes: show the text as best we can
        document = Document(path, display_path, exc.text or "", None, _NoPositions())
        return LoadedSource(document, [(exc.message, document.span_at(exc.offset))])

    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        with gc_paused():
            data, locator, problems = _parse(path, text)
    except SourceError as exc:
        document = Document(path, display_path, text, None, _NoPositions())
        return LoadedSource(document, [(exc.message, document.span_at(exc.offset, exc.length))])
    document = Document(path, display_path, text, data, locator)
    return LoadedSource(document, [_located(document, p) for p in problems])


def reread_source(previous: LoadedSource, raw: bytes | str) -> LoadedSource | None:
    """`read_source` of a file edited since `previous`, a clean read of it: a YAML
    plan is parsed only where the edit touched it (see `yaml_splice`), the rest
    shared with `previous`. None when the file must be read whole instead."""
    old = previous.document
    if previous.parse_errors or not getattr(old.locator, "spliceable", False):
        return None
    try:
        text = decode(raw) if isinstance(raw, bytes) else raw
    except SourceError:
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    from .yaml_splice import splice_yaml

    with gc_paused():
        spliced = splice_yaml(old.text, old.data, old.locator, text)
    if spliced is None:
        return None
    data, locator = spliced
    return LoadedSource(Document(old.path, old.display_path, text, data, locator))


def _parse(path: Path, text: str):
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        from .csv_source import load_csv

        return load_csv(text, "\t" if suffix == ".tsv" else None)
    if suffix in JSON_SUFFIXES or (suffix not in YAML_SUFFIXES and text.lstrip()[:1] in ("{", "[")):
        if not text.strip():
            from .json_loader import JsonLocator

            return None, JsonLocator(text, 0), []
        from .json_loader import load_json

        return load_json(text)
    from .yaml_loader import load_yaml

    return load_yaml(text)


def _located(document: Document, problem: LoadProblem) -> tuple[str, Span]:
    return problem.message, document.span_at(problem.offset, problem.length)
