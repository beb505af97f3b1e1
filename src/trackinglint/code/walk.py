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
    path: Path  # absolute
    display: str
    language: str
    mtime_ns: int
    size: int


@dataclass(slots=True)
class Walked:
    files: list[SourceFile] = field(default_factory=list)
    configs: list[Path] = field(default_factory=list)  # tsconfig.json / jsconfig.json
    notes: list[ScanNote] = field(default_factory=list)


def walk(paths: Sequence[str | Path]) -> Walked:
    walked = Walked()
    roots = [Path(p).absolute() for p in paths]
    real_roots = [Path(os.path.realpath(r)) for r in roots]
    here = _cwd()
    seen_folders: set[tuple[int, int]] = set()  # (device, inode): a link loop ends
    seen_files: set[tuple[int, int]] = set()

    def inside(real: str) -> bool:
        return any(real == str(r) or real.startswith(str(r) + os.sep) for r in real_roots)

    def add(path: Path, info: os.stat_result, named: bool) -> None:
        identity = (info.st_dev, info.st_ino)
        if identity in seen_files:
            return
        seen_files.add(identity)
        if path.name in TSCONFIG_NAMES:
            walked.configs.append(path)
            return
        language = language_of(path.suffix)
        if language is None:
            if named:
                walked.notes.append(ScanNote(_display(path, here), "not a source file of a known "
                                             "language; passed over"))  # fmt: skip
            return
        walked.files.append(SourceFile(path, _display(path, here), language, info.st_mtime_ns,
                                       info.st_size))  # fmt: skip

    def visit(folder: Path, info: os.stat_result) -> None:
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
            path = folder / entry.name
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
                add(path, info, named=False)

    for root in roots:
        try:
            info = root.stat()
        except OSError:
            walked.notes.append(ScanNote(_display(root, here), "no such file or folder"))
            continue
        if stat.S_ISDIR(info.st_mode):
            visit(root, info)
        elif stat.S_ISREG(info.st_mode):
            add(root, info, named=True)
        else:
            walked.notes.append(ScanNote(_display(root, here), "not a regular file; passed over"))
    return walked


def _display(path: Path, here: str) -> str:
    text = path.as_posix()
    return text[len(here) + 1 :] if text.startswith(here + "/") else text


def _cwd() -> str:
    return Path.cwd().absolute().as_posix()
