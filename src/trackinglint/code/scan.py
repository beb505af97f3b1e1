"""`scan`: named paths in, analytics calls out; files parsed in parallel and cached."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import FOLDER, ScanCache, content_key
from .calls import match_call
from .languages import check_installed
from .model import FileFacts, ScanNote, ScanResult
from .resolve import Resolver
from .shapes import by_method, methods_of, segments, shapes_for
from .tsconfig import Aliases
from .walk import SourceFile, walk

MAX_SOURCE_BYTES = 2 * 1024 * 1024  # larger files are generated or bundled: passed over
_PARALLEL_FROM = 48  # fewer files than this parse faster in the one process
_CHUNK = 64


@dataclass(frozen=True, slots=True)
class ScanOptions:
    track_functions: tuple[str, ...] = ()
    cache: bool = True
    cache_folder: Path | None = None  # default: .trackinglint_cache in the current folder
    jobs: int | None = None  # worker processes (default: the CPU count)


def scan(paths: Sequence[str | Path], options: ScanOptions | None = None) -> ScanResult:
    """Every analytics call in the named files and folders. Raises MissingGrammar when
    the `code` extra is not installed, SignatureError for a bad track function."""
    options = options or ScanOptions()
    shapes = shapes_for(options.track_functions)
    check_installed()
    methods = methods_of(shapes)
    walked = walk(paths or ["."])
    result = ScanResult(notes=list(walked.notes), files=len(walked.files))
    cache = ScanCache(options.cache_folder or Path(FOLDER), ",".join(sorted(methods)))
    if options.cache:
        cache.load()
    facts: dict[str, FileFacts] = {}
    pending: list[tuple[SourceFile, bytes, str]] = []
    for file in walked.files:
        key = file.path.as_posix()
        cached = cache.fresh(key, file.mtime_ns, file.size) if options.cache else None
        if cached is not None:
            facts[key] = FileFacts.from_json(cached)
            continue
        data = _read(file, result.notes)
        if data is None:
            continue
        digest = content_key(data)
        cached = cache.by_content(key, digest) if options.cache else None
        if cached is not None:
            cache.put(key, file.mtime_ns, file.size, digest, cached)
            facts[key] = FileFacts.from_json(cached)
            continue
        pending.append((file, data, digest))
    for (file, _, digest), parsed in zip(pending, _parse_all(pending, methods, options.jobs),
                                         strict=True):  # fmt: skip
        key = file.path.as_posix()
        facts[key] = FileFacts.from_json(parsed)
        if options.cache:
            cache.put(key, file.mtime_ns, file.size, digest, parsed)
    result.parsed = len(pending)
    resolver = Resolver(facts, Aliases.load(walked.configs))
    index = by_method(shapes)
    for file in walked.files:
        key = file.path.as_posix()
        file_facts = facts.get(key)
        if file_facts is None:
            continue
        if file_facts.syntax_error is not None:
            line, column = file_facts.syntax_error
            result.notes.append(ScanNote(file.display, "syntax error: calls after it may be "
                                         "missed", line, column))  # fmt: skip
        for raw in file_facts.calls:
            candidates = index.get(segments(raw.callee)[-1], ())
            call = match_call(raw, candidates, file_facts.language, key, file.display, resolver)
            if call is not None:
                result.calls.append(call)
    result.calls.sort(key=lambda c: (c.path, c.line, c.column))
    if options.cache:
        cache.keep_only(set(facts))
        cache.save()
    return result


def _read(file: SourceFile, notes: list[ScanNote]) -> bytes | None:
    if file.size > MAX_SOURCE_BYTES:
        notes.append(
            ScanNote(
                file.display,
                f"passed over: {file.size:,} bytes, more than "
                f"{MAX_SOURCE_BYTES // (1024 * 1024)} MB (generated or bundled?)",
            )
        )
        return None
    try:
        data = file.path.read_bytes()
    except OSError as exc:
        notes.append(ScanNote(file.display, f"cannot read: {exc.strerror}"))
        return None
    if b"\0" in data[:8192]:
        notes.append(ScanNote(file.display, "passed over: binary content"))
        return None
    return data


def _parse_all(
    pending: list[tuple[SourceFile, bytes, str]], methods: frozenset[str], jobs: int | None
) -> list[dict[str, Any]]:
    work = [(file.language, data) for file, data, _ in pending]
    workers = jobs or os.cpu_count() or 1
    if len(work) < _PARALLEL_FROM or workers < 2:
        return _parse_chunk(work, methods)
    chunks = [work[i : i + _CHUNK] for i in range(0, len(work), _CHUNK)]
    out: list[dict[str, Any]] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for parsed in pool.map(_parse_chunk, chunks, [methods] * len(chunks)):
            out.extend(parsed)
    return out


def _parse_chunk(work: list[tuple[str, bytes]], methods: frozenset[str]) -> list[dict[str, Any]]:
    from .syntax import read_facts

    return [read_facts(language, data, methods).to_json() for language, data in work]
