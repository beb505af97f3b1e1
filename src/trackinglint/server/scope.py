"""Which files are linted together with an open document: its plan's scope.

A plan may span several files, and names resolve across them, so a document
is never linted alone. Its scope is a folder, linted the way
`trackinglint check FOLDER` lints it:

- the folder of the configuration file that governs the document (files
  sharing a configuration form one plan), kept inside the workspace folder;
- without one, the document's folder, widened to each parent folder that
  holds plan files of its own (a plan folder with an `events/` subfolder).

Untitled documents have no folder: each is linted alone, under a made-up
file name beside the workspace, so the configuration there applies.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..config import find_config

PLAN_SUFFIXES = (".yaml", ".yml", ".json")
SNIFF_BYTES = 65536  # enough to see a plan's marker near the top of the file


@dataclass(frozen=True, slots=True)
class Scope:
    """What one lint run covers: a folder walked for plan files, or one untitled file."""

    key: str
    paths: tuple[Path, ...]
    folder: Path | None  # None for an untitled document linted alone

    @property
    def alone(self) -> bool:
        return self.folder is None

    def covers(self, path: Path | None) -> bool:
        """Whether a file is inside this scope's folder (and so read by its run)."""
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
    """The scope of a file: its configuration's folder, or its plan folder."""
    folder = path.parent
    root = _innermost_root(path, roots)
    config = find_config(folder)
    if config is not None and not _too_wide(config.parent):
        top = config.parent
        if root is not None and top in root.parents:
            top = root  # never walk above the workspace folder
        return Scope(str(top), (top,), top)
    top = folder
    stops = {Path.home().resolve(), *(r for r in roots)}
    while top not in stops and top.parent != top and holds_plan(top.parent):
        top = top.parent
    return Scope(str(top), (top,), top)


def _innermost_root(path: Path, roots: Iterable[Path]) -> Path | None:
    inside = [root for root in roots if root in path.parents]
    return max(inside, key=lambda root: len(root.parts), default=None)


def _too_wide(folder: Path) -> bool:
    """A configuration in the home folder or at the file system root is not a plan's."""
    return folder.parent == folder or folder == Path.home().resolve()


def holds_plan_file(
    folder: Path, sniffers: Sequence[object], texts: dict[Path, str] | None = None
) -> bool:
    """Whether any file directly inside `folder` is a plan by a reader's text sniff.

    `texts` supplies unsaved editor buffers; other files are read from disk.
    """
    texts = texts or {}
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return False
    for entry in entries:
        if not entry.name.lower().endswith(PLAN_SUFFIXES):
            continue
        path = Path(entry.path)
        text = texts.get(path)
        if text is None:
            try:
                if not entry.is_file():
                    continue
                with open(entry.path, "rb") as handle:
                    text = handle.read(SNIFF_BYTES).decode("utf-8", errors="replace")
            except OSError:
                continue
        if any(sniffs(reader, path, text) for reader in sniffers):
            return True
    return False


def sniffs(reader: object, path: Path, text: str) -> bool:
    """A reader's text sniff; one that raises (a broken plugin) recognises nothing."""
    try:
        return bool(reader.sniff(path, text))  # type: ignore[attr-defined]
    except Exception:
        return False
