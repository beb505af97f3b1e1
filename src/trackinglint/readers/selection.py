"""Which reader reads a file: detected from content, or named by the user.

Detection asks every reader, in priority order, whether it `accepts` the
parsed document. A user can name the format instead, for every file of a run
(`check --plan-format segment`) or per glob in the configuration
(`plan-format = {"legacy/*.json" = "segment"}`); a named format that does not
fit the file is reported (TL004) rather than guessed around.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..findings import Problem
from ..globs import GlobSet
from ..model import Origin
from ..sources import Document
from . import ReadResult


def format_names(readers: Sequence[Any]) -> list[str]:
    return [reader.name for reader in readers]


def unknown_format(name: str | None, readers: Sequence[Any]) -> str | None:
    """The usage error for a `--plan-format` that names no registered reader, or None."""
    known = format_names(readers)
    if name is None or name in known:
        return None
    return f"--plan-format: unknown format '{name}' (choose from {', '.join(known)})"


def reader_named(readers: Sequence[Any], name: str) -> Any | None:
    return next((reader for reader in readers if reader.name == name), None)


def named_format(
    path: Path, settings: Any, readers: Sequence[Any], forced: str | None
) -> str | None:
    """The format the user named for this file: the CLI flag wins, then the first
    `plan-format` glob that matches. Raises ConfigError for an unknown name."""
    if forced:
        return forced
    table = getattr(settings, "plan_format", None) or {}
    for glob, name in table.items():
        if GlobSet([glob]).matches(path, settings.root):
            if reader_named(readers, name) is None:
                known = ", ".join(format_names(readers))
                raise settings.error(f'plan-format."{glob}"', f"unknown format '{name}' ({known})")
            return name
    return None


def choose_reader(
    document: Document, readers: Sequence[Any], named: str | None, settings: Any = None
) -> tuple[Any | None, str | None]:
    """(reader, None), or (None, why the named format does not fit). A reader that
    reads configuration (`plan-mapping`) decides with the file's `settings`."""
    if named is None:
        return next((r for r in readers if _accepts(r, document, settings)), None), None
    reader = reader_named(readers, named)
    if reader is None:
        return None, f"no reader for format '{named}'"
    if _accepts(reader, document, settings):
        return reader, None
    title = getattr(reader, "title", reader.name)
    return None, f"the format is set to '{named}', but this is not a {title} plan"


def _accepts(reader: Any, document: Document, settings: Any) -> bool:
    with_settings = getattr(reader, "accepts_with_settings", None)
    if with_settings is not None and settings is not None:
        return bool(with_settings(document, settings))
    return bool(reader.accepts(document))


def sniffs(reader: Any, path: Path, text: str, settings: Any = None) -> bool:
    """A reader's cheap text sniff; one that reads configuration (CSV column names,
    `plan-mapping`) gets the file's `settings`. A broken plugin's sniff knows nothing."""
    try:
        with_settings = getattr(reader, "sniff_with_settings", None)
        if with_settings is not None and settings is not None:
            return bool(with_settings(path, text, settings))
        return bool(reader.sniff(path, text))
    except Exception:
        return False


def forced_globs(settings: Any) -> GlobSet | None:
    """The `plan-format` globs of a configuration: files they match are plan files
    even when no reader's sniff recognises them."""
    table = getattr(settings, "plan_format", None)
    return GlobSet(table) if table else None


def read_documents(
    reader: Any,
    documents: Sequence[Document],
    settings: Any,
    earlier: ReadResult | None = None,
) -> ReadResult:
    """Run a reader over its documents of one plan: once for all of them when it reads
    files together (`read_all`), else one by one. A reader that raises is reported
    (TL000) on the file it failed on, and the other files are still read. `earlier`,
    what the reader made of an earlier version of the one document, lets a reader
    with `read_again` rebuild only what changed."""
    from ..model import Plan

    calls: list[tuple[list[Document], Any]]
    if hasattr(reader, "read_all"):
        calls = [(list(documents), lambda: reader.read_all(documents, settings))]
    elif earlier is not None and len(documents) == 1 and hasattr(reader, "read_again"):
        calls = [(list(documents), lambda: reader.read_again(documents[0], earlier))]
    else:
        calls = [([d], lambda d=d: reader.read(d)) for d in documents]
    merged = ReadResult(Plan())
    for batch, call in calls:
        try:
            read = call()
        except Exception as exc:  # a reader bug must not cost the other files
            merged.plan.documents.extend(batch)
            merged.problems.append(_reader_crash(reader, exc, batch[0]))
            continue
        merged.plan.merge(read.plan)
        merged.problems.extend(read.problems)
        merged.pending.extend(read.pending)
        if len(calls) == 1:
            merged.memo = read.memo
    return merged


def _reader_crash(reader: Any, exc: Exception, document: Document) -> Problem:
    import traceback

    from ..sources import Span

    frame = traceback.extract_tb(exc.__traceback__)[-1]
    where = f"{Path(frame.filename).name}:{frame.lineno}"
    return Problem(
        f"the {getattr(reader, 'title', reader.name)} reader crashed on this file: "
        f"{type(exc).__name__}: {exc} (at {where}); the other files were still read; "
        "please report this",
        Origin(document),
        code="TL000",  # internal-error (rules/core.py): the readers sit below the rules
        span=Span(1, 1, 1, 2),
    )
