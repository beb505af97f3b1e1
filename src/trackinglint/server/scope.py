"""Which files are linted together with an open document: its plan's scope.

A plan may span several files, and names resolve across them, so a document
is not linted alone. Its scope is the folder `trackinglint.plans.context_folder`
chooses (the same one the CLI and the pre-commit hook read for a named file),
linted as `trackinglint check FOLDER` lints it: the plans module then keeps
independent plans in that folder apart, so a file's diagnostics equal what
`check` on its folder reports for it.

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
from ..plans import context_folder

PLAN_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True, slots=True)
class Scope:
    """What one lint run covers."""

    key: str
    paths: tuple[Path, ...]  # the configuration's folder, or the untitled file
    folder: Path | None  # None for an untitled document linted alone

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
    if path.strip("/") == "":  # `file://` alone (Neovim's :enew): an unnamed buffer
        return None
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
    path: Path, roots: Sequence[Path], sniff: Callable[[Path], bool], *, siblings: bool = False
) -> Scope:
    """The scope of a file: its plan's folder, never above the workspace folder or
    the configuration's folder (`siblings`: see `plans.context_folder`)."""
    root = _innermost_root(path, roots)
    config = find_config(path.parent)
    stops = [folder for folder in (root, config.parent if config else None) if folder]
    stop = max(stops, key=lambda folder: len(folder.parts), default=None)  # the deeper one
    top = context_folder(path, sniff, stop=stop, siblings=siblings)
    return Scope(str(top), (top,), top)


def _innermost_root(path: Path, roots: Iterable[Path]) -> Path | None:
    inside = [root for root in roots if root in path.parents]
    return max(inside, key=lambda root: len(root.parts), default=None)
