"""Files parsed and read by earlier runs, for a long-lived process (the language
server): while a file's text is unchanged, its parsed document and what its
reader made of it are reused, so an edit to one file of a plan split over fifty
re-reads one file. An edited YAML file is parsed only where it changed, and a
reader that can (`read_again`) keeps what it built from the rest, so an edit
to a 5 MB plan costs about what an edit to a small one does. The CLI, which
runs once, has no cache.

Reuse is safe because nothing downstream changes a document or a model
object: each run merges the cached fragments into a plan of its own. The one
change is a reader's own: `read_again` moves the events it keeps to the new
document (their `origin`), so an earlier run's plan then points at the newer
text, which is the text the editor shows.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .readers import ReadResult
from .sources import Document, LoadedSource, read_source, reread_source

_LIMIT = 4096  # files kept; the least recently used go first


class ReadCache:
    """Parsed files by path and content digest; reads by reader, documents and settings."""

    def __init__(self, limit: int = _LIMIT) -> None:
        self._limit = limit
        self._sources: OrderedDict[tuple[str, str], tuple[bytes, LoadedSource]] = OrderedDict()
        self._clean: OrderedDict[tuple[str, str], LoadedSource] = OrderedDict()
        self._reads: OrderedDict[tuple[Any, ...], tuple[tuple[Any, ...], ReadResult]] = (
            OrderedDict()
        )

    def source(self, path: Path, display: str, raw: bytes | str | None) -> LoadedSource:
        """`read_source`, or its earlier result when the text is the same."""
        if raw is None:
            try:
                raw = path.read_bytes()
            except OSError:
                return read_source(path, display, None)  # reported by the loader
        digest = hashlib.blake2b(
            raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass"),
            digest_size=16,
        ).digest()
        key = (str(path.absolute()), display)
        kept = self._sources.get(key)
        if kept is not None and kept[0] == digest:
            self._sources.move_to_end(key)
            return kept[1]
        clean = self._clean.get(key)
        loaded = (clean and reread_source(clean, raw)) or read_source(path, display, raw)
        self._sources[key] = (digest, loaded)
        _trim(self._sources, self._limit)
        if loaded.document.data is not None and not loaded.parse_errors:
            # an edit is spliced into the last text that parsed: while typing, most
            # texts in between do not
            self._clean[key] = loaded
            self._clean.move_to_end(key)
            _trim(self._clean, self._limit)
        return loaded

    def read(
        self,
        reader: Any,
        documents: Sequence[Document],
        settings: Any,
        read: Callable[[ReadResult | None], ReadResult],
    ) -> ReadResult:
        """A reader's result for these very documents and equal settings, read once.
        `read` is given the result for earlier versions of the same files with equal
        settings, if any, for a reader that can build on it (`read_again`)."""
        held = (reader, *documents)
        # keyed by the files, not the document objects: a new read of an edited file
        # replaces the old one instead of keeping every version of it (a 5 MB plan
        # grew the language server by 100 MB an edit)
        key = (id(reader), *(str(document.path) for document in documents))
        kept = self._reads.get(key)
        if (
            kept is not None
            and all(a is b for a, b in zip(kept[0][:-1], held, strict=True))
            and kept[0][-1] == settings
        ):
            self._reads.move_to_end(key)
            return kept[1]
        earlier = kept[1] if kept is not None and kept[0][-1] == settings else None
        result = read(earlier)
        result = replace(result, pending=[_once(p) for p in result.pending])
        self._reads[key] = ((*held, settings), result)
        _trim(self._reads, self._limit)
        return result


def _once(collect: Callable[[], list[Any]]) -> Callable[[], list[Any]]:
    """A pending check collected once (its child process can be waited for once)."""
    done: list[list[Any]] = []

    def collected() -> list[Any]:
        if not done:
            done.append(collect())
        return done[0]

    return collected


def _trim(table: OrderedDict[Any, Any], limit: int) -> None:
    while len(table) > limit:
        table.popitem(last=False)
