"""Which files to lint: named files always, folders searched for plan files.

A file found by walking a folder must match the `include` globs, miss the
`exclude` globs and be recognised by a reader's cheap text sniff, so a
repository's other YAML and JSON files are passed over silently. A file named
on the command line is always linted (and reported if it is not a plan).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .config import Settings, settings_for
from .globs import GlobSet
from .readers.selection import forced_globs


@dataclass(slots=True)
class PlanFile:
    path: Path
    display: str
    settings: Settings
    explicit: bool
    content: bytes | str | None = None


def display_path(path: Path) -> str:
    """A path as users want to read it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def discover(
    paths: Sequence[str | Path],
    *,
    sniffers: Sequence[object],
    config_file: Path | None = None,
    contents: Mapping[Path, str] | None = None,
    force_exclude: bool = False,
    contents_only: bool = False,
) -> list[PlanFile]:
    """The plan files to lint. `contents_only` makes `contents` the whole tree
    (an old version read from git): folders are searched among its files, and
    a named file missing from it is passed over."""
    contents = {p.resolve(): text for p, text in (contents or {}).items()}
    found: dict[Path, PlanFile] = {}
    for given in paths or [Path.cwd()]:
        path = Path(given)
        if path.is_dir() or (contents_only and path.resolve() not in contents):
            walked = (
                _walk_contents(path, contents, config_file)
                if contents_only
                else _walk(path, config_file)
            )
            for file in walked:
                if file.path.resolve() in found:
                    continue
                file.content = contents.get(file.path.resolve())
                if _format_named(file.path, file.settings) or _sniff(file, sniffers):
                    found[file.path.resolve()] = file
            continue
        settings = settings_for(path, config_file)
        if force_exclude and _excluded(path, settings):
            continue
        file = PlanFile(path, display_path(path), settings, True, contents.get(path.resolve()))
        found.setdefault(path.resolve(), file)
    return list(found.values())


def _walk(folder: Path, config_file: Path | None) -> Iterator[PlanFile]:
    for current, dirs, names in os.walk(folder):
        here = Path(current)
        settings = settings_for(here / "_", config_file)
        exclude = GlobSet(settings.exclude)
        dirs[:] = sorted(d for d in dirs if not exclude.matches(here / d, settings.root))
        for name in sorted(names):
            path = here / name
            if _wanted(path, settings) and not exclude.matches(path, settings.root):
                yield PlanFile(path, display_path(path), settings_for(path, config_file), False)


def _walk_contents(
    folder: Path, contents: Mapping[Path, object], config_file: Path | None
) -> Iterator[PlanFile]:
    """`_walk` over files that exist only in `contents`, with the same include,
    exclude and `plan-format` rules."""
    top = folder.resolve()
    for path in sorted(contents):
        if top not in path.parents:
            continue
        settings = settings_for(path, config_file)
        exclude = GlobSet(settings.exclude)
        below = [part for part in (path, *path.parents) if top in part.parents]
        if any(exclude.matches(part, settings.root) for part in below):
            continue
        if _wanted(path, settings):
            yield PlanFile(path, display_path(path), settings, False)


def _excluded(path: Path, settings: Settings) -> bool:
    exclude = GlobSet(settings.exclude)
    return any(exclude.matches(part, settings.root) for part in (path, *path.parents))


def _wanted(path: Path, settings: Settings) -> bool:
    """Matched by `include`, or named outright by a `plan-format` glob."""
    return GlobSet(settings.include).matches(path, settings.root) or _format_named(path, settings)


def _format_named(path: Path, settings: Settings) -> bool:
    named = forced_globs(settings)
    return named is not None and named.matches(path, settings.root)


def _sniff(file: PlanFile, sniffers: Iterable[object]) -> bool:
    if file.content is None:
        try:
            file.content = file.path.read_bytes()
        except OSError:
            return True  # let the loader report it with a finding
    text = file.content
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return any(reader.sniff(file.path, text) for reader in sniffers)  # type: ignore[attr-defined]
