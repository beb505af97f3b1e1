"""Which files are linted together with an open document: its plan's scope.

A plan may span several files, and names resolve across them, so a document
is not linted alone. Its scope is one of:

- **the configuration's folder**, when a configuration file governs the
  document: linted as `trackinglint check FOLDER` lints it (files sharing a
  configuration form one plan), never above the workspace folder;
- **its plan folders**, without one: the document's folder, widened to each
  parent folder that holds plan files of its own (a plan folder with an
  `events/` subfolder), then the subfolders below it that hold plan files,
  and theirs. A plan saved in a busy folder (Downloads, a checkout) is not
  merged with plans further down, below folders that hold none.

Untitled documents have no folder: each is linted alone, under a made-up
file name beside the workspace, so the configuration there applies.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..config import DEFAULT_EXCLUDE, find_config

PLAN_SUFFIXES = (".yaml", ".yml", ".json")
SNIFF_BYTES = 65536  # enough to see a plan's marker near the top of the file


@dataclass(frozen=True, slots=True)
class Scope:
    """What one lint run covers."""

    key: str
    paths: tuple[Path, ...]  # the configuration's folder, or the untitled file
    folder: Path | None  # None for an untitled document linted alone
    whole_folder: bool = True  # False: only the plan folders under `folder`

    @property
    def alone(self) -> bool:
        return self.folder is None

    def covers(self, path: Path | None) -> bool:
        """Whether a file is inside this scope's folder (and so may be read by its run)."""
        if path is None or self.folder is None:
            return False
        return self.folder in path.parents


def file_path(uri: str) -> Path | None:
    """The resolved file system path of a `file:` URI; None for other schemes."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and path.startswith("/") and path[2:3] == ":":
        path = path[1:]
    return Path(path).resolve()


def untitled_scope(uri: str, language_id: str, base: Path) -> Scope:
    """An untitled document, linted alone as a file of the right type inside `base`."""
    name = Path(unquote(urlparse(uri).path) or "untitled").name or "untitled"
    if not name.lower().endswith(PLAN_SUFFIXES):
        name += ".json" if language_id.lower() in ("json", "jsonc") else ".yaml"
    path = base.resolve() / name
    return Scope(uri, (path,), None)


def folder_scope(
    path: Path,
    roots: Sequence[Path],
    holds_plan: Callable[[Path], bool],
) -> Scope:
    """The scope of a file: its configuration's folder, or its plan folders."""
    folder = path.parent
    root = _innermost_root(path, roots)
    config = find_config(folder)
    if config is not None and not _too_wide(config.parent):
        top = config.parent
        if root is not None and top in root.parents:
            top = root  # never walk above the workspace folder
        return Scope(str(top), (top,), top)
    top = folder
    stops = {Path.home().resolve(), *roots}
    while top not in stops and top.parent != top and holds_plan(top.parent):
        top = top.parent
    return Scope(f"plan folders {top}", (top,), top, whole_folder=False)


def _innermost_root(path: Path, roots: Iterable[Path]) -> Path | None:
    inside = [root for root in roots if root in path.parents]
    return max(inside, key=lambda root: len(root.parts), default=None)


def _too_wide(folder: Path) -> bool:
    """A configuration in the home folder or at the file system root is not a plan's."""
    return folder.parent == folder or folder == Path.home().resolve()


def plan_files(top: Path, sniffers: Sequence[object], texts: Mapping[Path, str]) -> list[Path]:
    """The plan files of `top` and of the subfolders below it that hold plan files,
    in the order a folder walk finds them (so the plan merges the same way)."""
    files, subfolders = _entries(top)
    found = [path for path in files if _is_plan(path, sniffers, texts)]
    if found:
        for sub in subfolders:
            found.extend(plan_files(sub, sniffers, texts))
    return found


def _entries(folder: Path) -> tuple[list[Path], list[Path]]:
    """Candidate plan files and subfolders (built-in excludes skipped), sorted by name."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return [], []
    files, folders = [], []
    for entry in entries:
        try:
            if entry.is_dir():
                if entry.name not in DEFAULT_EXCLUDE:
                    folders.append(Path(entry.path))
            elif entry.name.lower().endswith(PLAN_SUFFIXES):
                files.append(Path(entry.path))
        except OSError:
            continue
    return files, folders


def holds_plan_file(
    folder: Path, sniffers: Sequence[object], texts: Mapping[Path, str] | None = None
) -> bool:
    """Whether any file directly inside `folder` is a plan by a reader's text sniff.

    `texts` supplies unsaved editor buffers; other files are read from disk.
    """
    files, _ = _entries(folder)
    return any(_is_plan(path, sniffers, texts or {}) for path in files)


def _is_plan(path: Path, sniffers: Sequence[object], texts: Mapping[Path, str]) -> bool:
    text = texts.get(path)
    if text is None:
        try:
            with open(path, "rb") as handle:
                text = handle.read(SNIFF_BYTES).decode("utf-8", errors="replace")
        except OSError:
            return False
    return any(sniffs(reader, path, text) for reader in sniffers)


def sniffs(reader: object, path: Path, text: str) -> bool:
    """A reader's text sniff; one that raises (a broken plugin) recognises nothing."""
    try:
        return bool(reader.sniff(path, text))  # type: ignore[attr-defined]
    except Exception:
        return False
