"""`scan`: named paths in, analytics calls out; files parsed in parallel and cached."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import CALLS, ERROR, FOLDER, INTERFACE, KEY, MTIME, SIZE, ScanCache, content_key
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
    keys: dict[str, str] = {}  # path -> content key, for every file read
    stale: list[SourceFile] = []  # files whose calls are matched this run
    reused: dict[str, list[Any]] = {}  # path -> calls matched by an earlier run
    pending: list[tuple[SourceFile, bytes, str]] = []
    for file in walked.files:
        path = file.posix
        entry = cache.fresh(path, file.mtime_ns, file.size)
        if entry is None:
            data = _read(file, result.notes)
            if data is None:
                continue
            digest = content_key(data)
            entry = cache.by_content(path, digest)
            if entry is None:
                pending.append((file, data, digest))
                continue
            entry[MTIME], entry[SIZE] = file.mtime_ns, file.size
            cache.touch(path)
        keys[path] = entry[KEY]
        if entry[CALLS] is not None:
            reused[path] = entry[CALLS]
        else:
            stale.append(file)
    interfaces_changed = False
    for (file, _, digest), parsed in zip(pending, _parse_all(pending, methods, options.jobs),
                                         strict=True):  # fmt: skip
        path = file.posix
        old = cache.entry(path)
        cache.put(path, file.mtime_ns, file.size, digest, parsed)
        interfaces_changed = interfaces_changed or old is None or (
            old[INTERFACE] != cache.entries[path][INTERFACE]
        )  # fmt: skip
        keys[path] = digest
        stale.append(file)
    result.parsed = len(pending)
    aliases = Aliases.load(walked.configs)
    removed = any(path not in keys for path in cache.entries)
    full = interfaces_changed or removed or aliases.key() != cache.aliases
    if full or cache.globals is None:
        stale = [f for f in walked.files if f.path.as_posix() in keys]  # match every file
        reused = {}
        cache.globals = None
    resolver = Resolver(_LazyFacts(keys, cache), aliases, cache.globals)
    index = by_method(shapes)
    for file in stale:
        path = file.posix
        facts = _facts(cache, keys[path], file, methods)
        calls = []
        for raw_call in facts.calls:
            candidates = index.get(segments(raw_call.callee)[-1], ())
            call = match_call(raw_call, candidates, facts.language, path, file.display,
                              resolver)  # fmt: skip
            if call is not None:
                calls.append(call)
        result.calls.extend(calls)
        cache.put_calls(path, [call.to_cache() for call in calls])
    for cached_calls in reused.values():
        result.calls.extend(Call.from_cache(data) for data in cached_calls)
    for file in walked.files:
        entry = cache.entry(file.posix)
        if entry is not None and entry[ERROR] and file.posix in keys:
            line, column = entry[ERROR]
            if line == 0:
                result.notes.append(ScanNote(file.display, "passed over: nested too deeply to "
                                             "read"))  # fmt: skip
            else:
                result.notes.append(ScanNote(file.display, "syntax error: calls after it may "
                                             "be missed", line, column))  # fmt: skip
    result.calls.sort(key=lambda c: (c.path, c.line, c.column))
    if options.cache:
        whole = full or cache.globals is None
        cache.globals = resolver.global_names
        cache.aliases = aliases.key()
        gone = cache.keep_only(set(keys))
        cache.save(whole=whole or gone)
    return result


def _facts(cache: ScanCache, key: str, file: SourceFile, methods: frozenset[str]) -> FileFacts:
    """A file's facts with its calls: from this run or the cache, else parsed again."""
    found = cache.facts(key)
    if found is None:  # (its facts file was removed from the cache folder)
        found = _parse_chunk([(file.language, file.path.read_bytes())], methods)[0]
        cache.put(file.posix, file.mtime_ns, file.size, key, found)
    return FileFacts.from_json(found)


class _LazyFacts(Mapping[str, FileFacts]):
    """Facts of every file for the resolver, each read from the cache on first use."""

    def __init__(self, keys: dict[str, str], cache: ScanCache) -> None:
        self.content_keys = keys
        self.cache = cache
        self.built: dict[str, FileFacts] = {}

    def __getitem__(self, path: str) -> FileFacts:
        found = self.built.get(path)
        if found is None:
            data = self.cache.facts(self.content_keys[path])
            if data is None:
                raise KeyError(path)
            found = self.built[path] = FileFacts.from_json(data, calls=False)
        return found

    def __contains__(self, path: object) -> bool:
        return path in self.content_keys

    def __iter__(self) -> Iterator[str]:
        return iter(self.content_keys)

    def __len__(self) -> int:
        return len(self.content_keys)


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
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for parsed in pool.map(_parse_chunk, chunks, [methods] * len(chunks)):
                out.extend(parsed)
    except (BrokenProcessPool, OSError):  # no worker processes here: parse in this one
        return _parse_chunk(work, methods)
    return out


def _parse_chunk(work: list[tuple[str, bytes]], methods: frozenset[str]) -> list[dict[str, Any]]:
    from .syntax import read_facts

    out = []
    for language, data in work:
        try:
            out.append(read_facts(language, data, methods).to_json())
        except RecursionError:  # nesting deeper than the reader follows: noted, not fatal
            out.append(FileFacts(language, syntax_error=(0, 0)).to_json())
    return out
