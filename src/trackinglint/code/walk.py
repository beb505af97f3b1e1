"""Which source files to scan: named files, and files of known languages in named folders.

Nothing outside the named paths is read: a symbolic link is followed only to a target
inside them, each real folder is entered once (so link loops end), and dependency,
build and tool folders (node_modules, .git, vendor…) are passed over.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .languages import language_of
from .model import ScanNote
from .tsconfig import NAMES as TSCONFIG_NAMES

SKIPPED_FOLDERS = frozenset(
    {".git", ".hg", ".svn", "node_modules", "bower_components", ".venv", "venv", "__pycache__",
     ".tox", ".mypy_cache", ".ruff_cache", ".trackinglint_cache", "dist", "build", "vendor",
     "Pods", "Carthage", ".gradle", ".idea", ".next", ".nuxt", "coverage", "target",
     ".build", "DerivedData", "site-packages"}
)  # fmt: skip


@dataclass(slots=True)
class SourceFile:
    """A source file found: strings, not Path objects (a walk makes thousands)."""

    posix: str  # absolute, with forward slashes
    display: str
    language: str
    mtime_ns: int
    size: int

    @property
    def path(self) -> Path:
        return Path(self.posix)


@dataclass(slots=True)
class Walked:
    files: list[SourceFile] = field(default_factory=list)
    configs: list[Path] = field(default_factory=list)  # tsconfig.json / jsconfig.json
    notes: list[ScanNote] = field(default_factory=list)


def walk(paths: Sequence[str | Path]) -> Walked:
    walked = Walked()
    roots = [Path(p).absolute().as_posix() for p in paths]
    real_roots = [os.path.realpath(r) for r in roots]
    here = _cwd()
    seen_folders: set[tuple[int, int]] = set()  # (device, inode): a link loop ends
    seen_files: set[tuple[int, int]] = set()

    def inside(real: str) -> bool:
        return any(real == r or real.startswith(r + os.sep) for r in real_roots)

    def add(path: str, name: str, info: os.stat_result, named: bool) -> None:
        identity = (info.st_dev, info.st_ino)
        if identity in seen_files:
            return
        seen_files.add(identity)
        if name in TSCONFIG_NAMES:
            walked.configs.append(Path(path))
            return
        dot = name.rfind(".")
        language = language_of(name[dot:]) if dot > 0 else None
        if language is None:
            if named:
                walked.notes.append(ScanNote(_display(path, here), "not a source file of a known "
                                             "language; passed over"))  # fmt: skip
            return
        walked.files.append(SourceFile(path, _display(path, here), language, info.st_mtime_ns,
                                       info.st_size))  # fmt: skip

    def visit(folder: str, info: os.stat_result) -> None:
        identity = (info.st_dev, info.st_ino)
        if identity in seen_folders:
            return
        seen_folders.add(identity)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            walked.notes.append(
                ScanNote(_display(folder, here), f"cannot read folder: {exc.strerror}")
            )
            return
        for entry in entries:
            path = f"{folder}/{entry.name}"
            try:
                if entry.is_symlink():
                    target = os.path.realpath(path)
                    if not inside(target) or not os.path.exists(target):
                        continue
                info = entry.stat()
            except OSError:
                continue
            if stat.S_ISDIR(info.st_mode):
                if entry.name not in SKIPPED_FOLDERS and not entry.name.startswith("."):
                    visit(path, info)
            elif stat.S_ISREG(info.st_mode):
                add(path, entry.name, info, named=False)

    for root in roots:
        try:
            info = os.stat(root)
        except OSError:
            walked.notes.append(ScanNote(_display(root, here), "no such file or folder"))
            continue
        if stat.S_ISDIR(info.st_mode):
            visit(root, info)
        elif stat.S_ISREG(info.st_mode):
            add(root, root.rsplit("/", 1)[-1], info, named=True)
        else:
            walked.notes.append(ScanNote(_display(root, here), "not a regular file; passed over"))
    return walked


def _display(text: str, here: str) -> str:
    return text[len(here) + 1 :] if text.startswith(here + "/") else text


def _cwd() -> str:
    return Path.cwd().absolute().as_posix()
