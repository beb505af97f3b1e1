"""Writing fixed files: atomically, and never over a change made meanwhile."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A file as it was read: its bytes' digest, to notice a change before writing."""

    path: Path
    digest: str
    text: str  # decoded, without a byte-order mark
    bom: bool

    @classmethod
    def read(cls, path: Path) -> Snapshot | None:
        """None when the file cannot be read as UTF-8 (then it is not fixed)."""
        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        bom = text.startswith("\ufeff")
        return cls(path, hashlib.sha256(raw).hexdigest(), text[1:] if bom else text, bom)

    def unchanged(self) -> bool:
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest() == self.digest
        except OSError:
            return False


def write_atomically(snapshot: Snapshot, text: str) -> bool:
    """Write beside the file, fsync, then rename over it; False if it changed meanwhile.

    The rename is atomic, so a reader sees the old file or the new one, never
    half of each; the file's permission bits are kept.
    """
    if not snapshot.unchanged():
        return False
    path = snapshot.path
    data = (("\ufeff" if snapshot.bom else "") + text).encode("utf-8")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        if not snapshot.unchanged():  # a last look, just before the rename
            os.unlink(temporary)
            return False
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return True
