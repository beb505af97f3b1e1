"""The scan cache, in `.trackinglint_cache/`, keyed by content.

It follows Ruff's conventions: one folder at the project root holding a
CACHEDIR.TAG (backup tools skip it) and a `.gitignore` of `*` (git ignores it),
with a folder per tool version. Inside, an index per set of scanned paths and
settings, and the facts of each file content (`facts/<key>.json`), read only when
a name must be resolved in it.

    index: path -> [mtime_ns, size, content key, interface key, calls, syntax error]

A file whose size and modification time are unchanged is not read again; one that
changed is read and hashed, and parsed only when its content is new. The interface
key hashes what other files may read of a file (its constants, enums, imports,
package): while no file is added or removed, no interface changed and the path
aliases are the same, every unchanged file's matched calls are reused as they are,
and only the changed files are matched again.
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
MTIME, SIZE, KEY, INTERFACE, CALLS, ERROR = range(6)
_JOURNAL_LIMIT = 500  # changed entries kept beside the index before it is rewritten


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def interface_key(facts: dict[str, Any]) -> str:
    """What other files may read of a file's facts (see the module's docstring)."""
    text = json.dumps([facts["b"], facts["i"], facts.get("p", "")], sort_keys=True)
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


class ScanCache:
    def __init__(self, folder: Path, settings_key: str) -> None:
        digest = hashlib.blake2b(settings_key.encode(), digest_size=8).hexdigest()
        self.folder = folder
        self.root = folder / f"code-{__version__}"
        self.file = self.root / f"{digest}.json"
        self.entries: dict[str, list[Any]] = {}
        self.aliases = ""  # the path aliases' key, as of the last run
        self.globals: dict[str, Any] | None = None  # names other files read unqualified
        self.changed = False
        self._new_facts: dict[str, dict[str, Any]] = {}  # content key -> facts to write
        # entries changed since the index was last written whole: a small file beside it,
        # so a run that changed one file does not rewrite the index of every file
        self.journal = self.file.with_suffix(".changes.json")
        self.stamp: str | None = None  # names the index the journal applies to
        self._journaled: set[str] = set()

    def load(self) -> None:
        try:
            data = json.loads(self.file.read_bytes())
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and isinstance(data.get("files"), dict):
            self.entries = _valid(data["files"])
            self.aliases = str(data.get("aliases", ""))
            found = data.get("globals")
            self.globals = found if isinstance(found, dict) else None
            self.stamp = data.get("stamp")
            try:
                changes = json.loads(self.journal.read_bytes())
            except (OSError, ValueError):
                changes = None
            if isinstance(changes, dict) and changes.get("index") == data.get("stamp"):
                journaled = _valid(changes.get("files"))
                self.entries.update(journaled)
                self._journaled = set(journaled)

    def entry(self, path: str) -> list[Any] | None:
        return self.entries.get(path)

    def fresh(self, path: str, mtime_ns: int, size: int) -> list[Any] | None:
        """The entry of a file whose size and modification time are unchanged."""
        entry = self.entries.get(path)
        if entry is not None and entry[MTIME] == mtime_ns and entry[SIZE] == size:
            return entry
        return None

    def by_content(self, path: str, key: str) -> list[Any] | None:
        entry = self.entries.get(path)
        return entry if entry is not None and entry[KEY] == key else None

    def facts(self, key: str) -> dict[str, Any] | None:
        """A content's facts, from this run or from the facts folder."""
        found = self._new_facts.get(key)
        if found is not None:
            return found
        try:
            data = json.loads((self.root / "facts" / key[:2] / f"{key}.json").read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or not data.keys() >= _FACT_KEYS:
            return None
        return data

    def put(self, path: str, mtime_ns: int, size: int, key: str, facts: dict[str, Any]) -> None:
        self.entries[path] = [mtime_ns, size, key, interface_key(facts), None, facts.get("e")]
        self._new_facts[key] = facts
        self.touch(path)

    def touch(self, path: str) -> None:
        """An entry changed in place (its stat, its calls): write it with the next save."""
        self._journaled.add(path)
        self.changed = True

    def put_calls(self, path: str, calls: list[Any]) -> None:
        entry = self.entries.get(path)
        if entry is not None and entry[CALLS] != calls:
            entry[CALLS] = calls
            self.touch(path)

    def keep_only(self, paths: set[str]) -> bool:
        """Forget files no longer there; True when there were any."""
        gone = [p for p in self.entries if p not in paths]
        for path in gone:
            del self.entries[path]
        self.changed = self.changed or bool(gone)
        return bool(gone)

    def save(self, whole: bool = False) -> None:
        """Write atomically: the changed entries to the journal, or the whole index when
        `whole` (files gone, names or aliases changed) or the journal has grown large.
        A cache that cannot be written is silently left out."""
        if not self.changed:
            return
        with contextlib.suppress(OSError):
            _prepare(self.folder)
            for key, facts in self._new_facts.items():
                folder = self.root / "facts" / key[:2]
                folder.mkdir(parents=True, exist_ok=True)
                _write(folder / f"{key}.json", json.dumps(facts, separators=(",", ":")))
            stamp = None if whole else self.stamp
            # json.dumps, not json.dump: only the one-shot encoder is the C one
            if whole or stamp is None or len(self._journaled) > _JOURNAL_LIMIT:
                stamp = os.urandom(8).hex()
                index = {"stamp": stamp, "aliases": self.aliases, "globals": self.globals,
                         "files": self.entries}  # fmt: skip
                _write(self.file, json.dumps(index, separators=(",", ":")))
                with contextlib.suppress(OSError):
                    self.journal.unlink()
                return
            changes = {p: self.entries[p] for p in self._journaled if p in self.entries}
            _write(self.journal, json.dumps({"index": stamp, "files": changes},
                                            separators=(",", ":")))  # fmt: skip


_FACT_KEYS = frozenset({"l", "c", "b", "i"})
_CALL_FIELDS = 12


def _valid(files: Any) -> dict[str, list[Any]]:
    """Entries of the right shape only (a damaged cache is read as far as it is sound)."""
    if not isinstance(files, dict):
        return {}
    kept = {}
    for path, entry in files.items():
        if not (isinstance(entry, list) and len(entry) == 6 and isinstance(entry[KEY], str)):
            continue
        calls = entry[CALLS]
        if calls is not None and not (
            isinstance(calls, list)
            and all(isinstance(c, list) and len(c) == _CALL_FIELDS for c in calls)
        ):
            entry[CALLS] = None
        kept[path] = entry
    return kept


def _write(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _prepare(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    tag = folder / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text(_TAG, encoding="utf-8")
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Automatically created by trackinglint.\n*\n", encoding="utf-8")
