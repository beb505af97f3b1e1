"""The scan cache: facts per file, keyed by content, in `.trackinglint_cache/`.

It follows Ruff's conventions: one folder at the project root holding a
CACHEDIR.TAG (backup tools skip it) and a `.gitignore` of `*` (git ignores it),
with one file per tool version and settings. A file whose size and modification
time are unchanged is not read again; one that changed is read and hashed, and
parsed only when its content is new.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .. import __version__

FOLDER = ".trackinglint_cache"
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by trackinglint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class ScanCache:
    """path -> [mtime_ns, size, content key, facts, facts' interface key, calls].

    The interface key hashes what other files may read of a file (its constants, enums,
    imports, package). While no file is added or removed, no interface changed and the
    path aliases are the same, every unchanged file's matched calls are reused as they
    are: only the changed files are matched again.
    """

    def __init__(self, folder: Path, settings_key: str) -> None:
        digest = hashlib.blake2b(settings_key.encode(), digest_size=8).hexdigest()
        self.file = folder / f"code-{__version__}" / f"{digest}.json"
        self.folder = folder
        self.entries: dict[str, list[Any]] = {}
        self.aliases = ""  # the path aliases' key, as of the last run
        self.changed = False

    def load(self) -> None:
        try:
            data = json.loads(self.file.read_bytes())
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and isinstance(data.get("files"), dict):
            self.entries = data["files"]
            self.aliases = str(data.get("aliases", ""))

    def entry(self, path: str) -> list[Any] | None:
        return self.entries.get(path)

    def fresh(self, path: str, mtime_ns: int, size: int) -> list[Any] | None:
        """The entry of a file whose size and modification time are unchanged."""
        entry = self.entries.get(path)
        if entry is not None and entry[0] == mtime_ns and entry[1] == size:
            return entry
        return None

    def by_content(self, path: str, key: str) -> list[Any] | None:
        entry = self.entries.get(path)
        return entry if entry is not None and entry[2] == key else None

    def put(
        self, path: str, mtime_ns: int, size: int, key: str, facts: Any, interface: str
    ) -> None:
        self.entries[path] = [mtime_ns, size, key, facts, interface, None]
        self.changed = True

    def put_calls(self, path: str, calls: list[Any]) -> None:
        entry = self.entries.get(path)
        if entry is not None and entry[5] != calls:
            entry[5] = calls
            self.changed = True

    def keep_only(self, paths: set[str]) -> None:
        for path in [p for p in self.entries if p not in paths]:
            del self.entries[path]
            self.changed = True

    def save(self) -> None:
        """Write atomically; a cache that cannot be written is silently left out."""
        if not self.changed:
            return
        with contextlib.suppress(OSError):
            _prepare(self.folder)
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.file.parent, suffix=".tmp")
            try:
                # json.dumps, not json.dump: only the one-shot encoder is the C one
                text = json.dumps({"aliases": self.aliases, "files": self.entries},
                                  separators=(",", ":"))  # fmt: skip
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(text)
                os.replace(temporary, self.file)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise


def interface_key(facts: dict[str, Any]) -> str:
    """What other files may read of a file's facts (see ScanCache)."""
    text = json.dumps([facts["b"], facts["i"], facts.get("p", "")], sort_keys=True)
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def _prepare(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    tag = folder / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text(_TAG, encoding="utf-8")
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Automatically created by trackinglint.\n*\n", encoding="utf-8")
