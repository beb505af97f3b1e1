"""`scan`: named paths in, analytics calls out; files parsed in parallel and cached."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import FOLDER, ScanCache, content_key, interface_key
from .calls import match_call
from .languages import check_installed
from .model import Call, FileFacts, ScanNote, ScanResult
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
    roots = sorted(Path(p).absolute().as_posix() for p in (paths or ["."]))
    settings_key = "|".join([",".join(sorted(methods)), Path.cwd().as_posix(), *roots])
    cache = ScanCache(options.cache_folder or Path(FOLDER), settings_key)
    if options.cache:
        cache.load()
    raw: dict[str, dict[str, Any]] = {}  # path -> facts (as cached)
    stale: list[SourceFile] = []  # files whose calls are matched this run
    reused: dict[str, list[Any]] = {}  # path -> calls matched by an earlier run
    pending: list[tuple[SourceFile, bytes, str]] = []
    for file in walked.files:
        key = file.path.as_posix()
        entry = cache.fresh(key, file.mtime_ns, file.size) if options.cache else None
        if entry is None:
            data = _read(file, result.notes)
            if data is None:
                continue
            digest = content_key(data)
            entry = cache.by_content(key, digest) if options.cache else None
            if entry is None:
                pending.append((file, data, digest))
                continue
            entry[0], entry[1] = file.mtime_ns, file.size
            cache.changed = True
        raw[key] = entry[3]
        if entry[5] is not None:
            reused[key] = entry[5]
        else:
            stale.append(file)
    interfaces_changed = False
    for (file, _, digest), parsed in zip(pending, _parse_all(pending, methods, options.jobs),
                                         strict=True):  # fmt: skip
        key = file.path.as_posix()
        interface = interface_key(parsed)
        old = cache.entry(key)
        interfaces_changed = interfaces_changed or old is None or old[4] != interface
        cache.put(key, file.mtime_ns, file.size, digest, parsed, interface)
        raw[key] = parsed
        stale.append(file)
    result.parsed = len(pending)
    aliases = Aliases.load(walked.configs)
    removed = any(path not in raw for path in cache.entries)
    if interfaces_changed or removed or aliases.key() != cache.aliases:
        stale = [f for f in walked.files if f.path.as_posix() in raw]  # match every file
        reused = {}
    resolver = Resolver(_LazyFacts(raw), aliases)
    index = by_method(shapes)
    for file in stale:
        key = file.path.as_posix()
        file_facts = FileFacts.from_json(raw[key])
        calls = []
        for raw_call in file_facts.calls:
            candidates = index.get(segments(raw_call.callee)[-1], ())
            call = match_call(raw_call, candidates, file_facts.language, key, file.display,
                              resolver)  # fmt: skip
            if call is not None:
                calls.append(call)
        result.calls.extend(calls)
        if options.cache:
            cache.put_calls(key, [call.to_cache() for call in calls])
    for cached_calls in reused.values():
        result.calls.extend(Call.from_cache(data) for data in cached_calls)
    for file in walked.files:
        facts = raw.get(file.path.as_posix())
        if facts is not None and facts.get("e"):
            line, column = facts["e"]
            result.notes.append(ScanNote(file.display, "syntax error: calls after it may be "
                                         "missed", line, column))  # fmt: skip
    result.calls.sort(key=lambda c: (c.path, c.line, c.column))
    if options.cache:
        cache.aliases = aliases.key()
        cache.keep_only(set(raw))
        cache.save()
    return result


class _LazyFacts(Mapping[str, FileFacts]):
    """Facts of every file for the resolver, each built from the cache on first use."""

    def __init__(self, raw: dict[str, dict[str, Any]]) -> None:
        self.raw = raw
        self.built: dict[str, FileFacts] = {}

    def __getitem__(self, key: str) -> FileFacts:
        found = self.built.get(key)
        if found is None:
            found = self.built[key] = FileFacts.from_json(self.raw[key], calls=False)
        return found

    def __contains__(self, key: object) -> bool:
        return key in self.raw

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)


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
