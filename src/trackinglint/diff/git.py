"""The old version of a tree, read from git without touching the working tree.

`git ls-tree` lists the files under the given paths at a revision, and one
`git cat-file --batch` reads them all (the same bytes `git show REV:path`
prints, without a process per file).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from ..config import ConfigError

_FILE_MODES = {b"100644", b"100755"}  # regular files; not links or submodules


class GitError(ConfigError):
    """git cannot give the old version; reported like a bad configuration (exit 2)."""


def read_tree(revision: str, paths: Sequence[str | Path]) -> dict[Path, bytes]:
    """Every file under `paths` (default: the current folder) as it is at `revision`."""
    if shutil.which("git") is None:
        raise GitError("--base needs git, and git is not installed")
    first = Path(paths[0]) if paths else Path.cwd()
    here = first if first.is_dir() else first.parent
    top = _git(["rev-parse", "--show-toplevel"], here, f"{here} is not inside a git repository")
    root = Path(os.fsdecode(top).strip()).resolve()
    _git(
        ["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
        root,
        f"unknown git revision '{revision}' (fetch it first, e.g. `git fetch origin main`)",
    )
    specs = []
    for given in paths or [Path.cwd()]:
        try:
            relative = Path(given).resolve().relative_to(root)
        except ValueError:
            raise GitError(f"{given} is outside the git repository at {root}") from None
        specs.append(f":(literal){relative.as_posix()}" if relative.parts else ".")
    listing = _git(["ls-tree", "-r", "-z", revision, "--", *specs], root, "cannot list files")
    wanted: list[tuple[bytes, str]] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, sha = meta.split(b" ")
        if kind == b"blob" and mode in _FILE_MODES:
            wanted.append((sha, os.fsdecode(name)))
    if not wanted:
        return {}
    batch = b"".join(sha + b"\n" for sha, _ in wanted)
    output = _git(["cat-file", "--batch"], root, "cannot read files", batch)
    files: dict[Path, bytes] = {}
    position = 0
    for _, path in wanted:
        header_end = output.index(b"\n", position)
        size = int(output[position:header_end].split(b" ")[2])
        start = header_end + 1
        files[root / path] = output[start : start + size]
        position = start + size + 1  # the newline after each object
    return files


def _git(args: list[str], cwd: Path, failure: str, stdin: bytes | None = None) -> bytes:
    done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"{failure}: {detail[-1]}" if detail else failure)
    return done.stdout
