"""Which files to read: named files always, folders searched for plan files.

A file found by walking a folder must match the `include` globs, miss the
`exclude` globs and `.gitignore` (unless `respect-gitignore = false`), and be
recognised by a reader's cheap text sniff (or be named by a format, with
`--plan-format` or `plan-format`). Everything passed over is recorded with the
reason, so a named path that yields no plan can be refused out loud.

Nothing outside the named paths is read: a symbolic link is followed only to
a target inside them, and special files (FIFOs, devices, sockets) are passed
over.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Settings, settings_for
from .globs import GlobSet
from .readers.selection import forced_globs, sniffs

MAX_FILE_BYTES = 64 * 1024 * 1024  # a plan larger than this is passed over with a note


@dataclass(slots=True)
class PlanFile:
    path: Path
    display: str
    settings: Settings
    explicit: bool
    content: bytes | str | None = None
    given: str = ""  # the path named on the command line that led here
    forced: bool = False  # read with a named format although no reader's sniff knew it


@dataclass(slots=True)
class Discovery:
    """The files to read, and every candidate passed over with the reason."""

    files: list[PlanFile] = field(default_factory=list)
    passed: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # given -> (file, why)
    refused: list[tuple[str, str]] = field(default_factory=list)  # named path -> why

    def pass_over(self, given: str, display: str, why: str) -> None:
        self.passed.setdefault(given, []).append((display, why))


def display_path(path: Path) -> str:
    """A path as users want to read it: relative to the current folder when inside it."""
    try:
        return path.absolute().relative_to(Path.cwd().absolute()).as_posix()
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
    forced_format: str | None = None,
    respect_gitignore: bool | None = None,
) -> Discovery:
    """The plan files to lint. `contents_only` makes `contents` the whole tree
    (an old version read from git): folders are searched among its files, and
    a named file missing from it is passed over."""
    contents = {p.absolute(): text for p, text in (contents or {}).items()}
    found: dict[Path, PlanFile] = {}
    result = Discovery()
    named = [Path(given) for given in paths or [Path.cwd()]]
    allowed = [p.resolve() for p in named if not contents_only]
    for path in named:
        given = str(path)
        walked_folder = path.is_dir() if not contents_only else path.absolute() not in contents
        if walked_folder:
            walk = Walk(given, config_file, sniffers, forced_format, respect_gitignore, allowed)
            walked = walk.contents(path, contents) if contents_only else walk.folder(path, contents)
            for file in walked:
                found.setdefault(file.path.absolute(), file)
            for display, why in walk.passed:
                result.pass_over(given, display, why)
            continue
        if path.absolute() not in contents:
            refusal = _unreadable(path)
            if refusal:
                result.refused.append((given, refusal))
                continue
        settings = settings_for(path, config_file)
        if force_exclude and (
            _excluded(path, settings) or _ignored(path, settings, respect_gitignore)
        ):
            result.pass_over(given, display_path(path), "excluded by the configuration")
            continue
        file = PlanFile(path, display_path(path), settings, True, contents.get(path.absolute()))
        file.given = given
        found.setdefault(path.absolute(), file)
    result.files = list(found.values())
    return result


def _unreadable(path: Path) -> str | None:
    """Why a named path cannot be read as a plan file, or None."""
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return "a symbolic link loop"
        return exc.strerror or "cannot be read"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a FIFO, device or socket)"
    if info.st_size > MAX_FILE_BYTES:
        return f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB"
    return None


class Walk:
    """One folder walk: the files it finds, and what it passed over and why."""

    def __init__(
        self,
        given: str,
        config_file: Path | None,
        sniffers: Sequence[object],
        forced_format: str | None,
        respect_gitignore: bool | None,
        allowed: Sequence[Path],
    ) -> None:
        self.given = given
        self.config_file = config_file
        self.sniffers = sniffers
        self.forced_format = forced_format
        self.respect_gitignore = respect_gitignore
        self.allowed = allowed
        self.passed: list[tuple[str, str]] = []

    def folder(self, folder: Path, contents: Mapping[Path, Any]) -> Iterator[PlanFile]:
        ignores = _GitIgnores(folder) if self._gitignore(folder) else None
        for current, dirs, names in os.walk(folder):
            here = Path(current)
            settings = settings_for(here / "_", self.config_file)
            exclude = GlobSet(settings.exclude)
            if ignores is not None:
                ignores.enter(here)
            kept = []
            for name in sorted(dirs):
                path = here / name
                if exclude.matches(path, settings.root):
                    continue  # built-in and configured excludes: silent, like .git
                if ignores is not None and ignores.ignored(path, is_dir=True):
                    self.passed.append((display_path(path) + "/", "ignored by .gitignore"))
                    continue
                if path.is_symlink():
                    self.passed.append((display_path(path) + "/", "a symbolic link to a folder"))
                    continue
                kept.append(name)
            dirs[:] = kept
            for name in sorted(names):
                path = here / name
                file = self._file(path, settings, exclude, ignores, contents)
                if file is not None:
                    yield file

    def _file(
        self,
        path: Path,
        settings: Settings,
        exclude: GlobSet,
        ignores: _GitIgnores | None,
        contents: Mapping[Path, Any],
    ) -> PlanFile | None:
        if not _wanted(path, settings):
            return None
        shown = display_path(path)
        if exclude.matches(path, settings.root):
            self.passed.append((shown, "excluded by the configuration"))
            return None
        if ignores is not None and ignores.ignored(path, is_dir=False):
            self.passed.append((shown, "ignored by .gitignore"))
            return None
        if path.absolute() not in contents:
            why = self._unsafe(path)
            if why:
                self.passed.append((shown, why))
                return None
        file = PlanFile(path, shown, settings_for(path, self.config_file), False)
        file.given = self.given
        file.content = contents.get(path.absolute())
        return self._recognised(file)

    def _unsafe(self, path: Path) -> str | None:
        """Why a walked file must not be read: a link out of the named paths, a loop,
        a special file, or one too large."""
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                return "a symbolic link loop or a broken link"
            if not any(target == top or top in target.parents for top in self.allowed):
                return "a symbolic link to a file outside the paths named"
        return _unreadable(path)

    def _recognised(self, file: PlanFile) -> PlanFile | None:
        if _format_named(file.path, file.settings) or _sniff(file, self.sniffers):
            return file
        if self.forced_format:
            file.forced = True
            return file
        if file.content is not None:
            self.passed.append((file.display, "no reader recognised it"))
        else:
            self.passed.append((file.display, "could not be read"))
        return None

    def contents(self, folder: Path, contents: Mapping[Path, object]) -> Iterator[PlanFile]:
        """The walk over files that exist only in `contents` (a tree read from git),
        with the same include, exclude and `plan-format` rules."""
        top = folder.absolute()
        for path in sorted(contents):
            if top not in path.parents:
                continue
            settings = settings_for(path, self.config_file)
            exclude = GlobSet(settings.exclude)
            below = [part for part in (path, *path.parents) if top in part.parents]
            if any(exclude.matches(part, settings.root) for part in below):
                continue
            if _wanted(path, settings):
                file = PlanFile(path, display_path(path), settings, False, given=self.given)
                file.content = contents[path]  # type: ignore[assignment]
                found = self._recognised(file)
                if found is not None:
                    yield found

    def _gitignore(self, folder: Path) -> bool:
        if self.respect_gitignore is not None:
            return self.respect_gitignore
        return bool(
            getattr(settings_for(folder / "_", self.config_file), "respect_gitignore", True)
        )


class _GitIgnores:
    """`.gitignore` files of a repository (and `.git/info/exclude`), applied as git
    does: a deeper file's pattern wins over a shallower one's, `!` re-includes."""

    def __init__(self, folder: Path) -> None:
        self.specs: dict[Path, Any] = {}
        start = folder.absolute()
        top = _repository_top(start)
        if top is None:
            self.top = start
        else:
            self.top = top
            self._load(top, top / ".git" / "info" / "exclude")
            for above in reversed([start, *start.parents]):
                if above == top or top in above.parents:
                    self.enter(above)

    def enter(self, folder: Path) -> None:
        folder = folder.absolute()
        if folder not in self.specs:
            self._load(folder, folder / ".gitignore")

    def _load(self, folder: Path, file: Path) -> None:
        try:
            lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        from pathspec import GitIgnoreSpec

        spec = GitIgnoreSpec.from_lines(lines)
        previous = self.specs.get(folder)
        self.specs[folder] = spec if previous is None else previous + spec

    def ignored(self, path: Path, *, is_dir: bool) -> bool:
        path = path.absolute()
        verdict = False
        for folder in [*reversed(path.parents)]:
            spec = self.specs.get(folder)
            if spec is None:
                continue
            relative = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
            include = spec.check_file(relative).include
            if include is not None:
                verdict = include
        return verdict


def _repository_top(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _excluded(path: Path, settings: Settings) -> bool:
    exclude = GlobSet(settings.exclude)
    return any(exclude.matches(part, settings.root) for part in (path, *path.parents))


def _ignored(path: Path, settings: Settings, respect: bool | None) -> bool:
    if not (respect if respect is not None else getattr(settings, "respect_gitignore", True)):
        return False
    return _GitIgnores(path.parent).ignored(path, is_dir=False)


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
            return False
    text = file.content
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return any(sniffs(reader, file.path, text, file.settings) for reader in sniffers)
