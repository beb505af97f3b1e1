"""An edit to a large YAML plan, parsed without reading the whole file again.

The language server re-lints a plan at each pause in typing. Parsing a 5 MB
plan takes most of a second, yet a keystroke changes one entry of one block
mapping. `splice_yaml` parses only the entries whose lines the edit touched
and puts them in place of the old ones: every other container is shared with
the earlier parse, identity included, so the readers can keep what they built
from it, and its offsets are shifted on the way out instead of rewritten.

The result is exactly what a full parse of the new text gives (data and every
offset), or None whenever that cannot be shown cheaply: the caller then parses
the whole file. Spliced are only the entries of a block mapping nested at least
one level deep, in a file without anchors, aliases, merge keys, tabs in the
indentation or lone carriage returns; the new lines must parse on their own as
entries at the same column, with no key that the mapping's other entries use.
"""

from __future__ import annotations

from typing import Any

from .errors import SourceError
from .yaml_loader import YamlLocator, load_yaml

_MASK = 0xFFFFFFFF
_ENTRY = 1 | 1 << 32 | 1 << 64 | 1 << 96  # times n: n added to each offset of an entry
_BLOCK = 1 << 16  # characters compared at a time when looking for the edit


def splice_yaml(
    old_text: str, old_data: Any, old_locator: Any, new_text: str
) -> tuple[Any, YamlLocator] | None:
    """The data and locator of `new_text`, made from those of `old_text`; None when
    the whole of `new_text` must be parsed instead."""
    if (
        not isinstance(old_locator, YamlLocator)
        or not old_locator.spliceable
        or old_locator.root is not old_data
        or not isinstance(old_data, dict)
        or _lone_returns(old_text)
        or _lone_returns(new_text)
    ):
        return None
    start, old_end, new_end = changed_region(old_text, new_text)
    levels = _levels(old_text, old_locator, start, old_end)
    if levels is None or len(levels) < 2:  # the root's own entries are not spliced
        return None
    return _Splice(old_text, new_text, old_locator, levels, start, old_end, new_end).run()


def changed_region(old: str, new: str) -> tuple[int, int, int]:
    """(start, end in old, end in new) of the part of `old` that `new` replaces."""
    limit = min(len(old), len(new))
    start = _common_prefix(old, new, limit)
    tail = _common_suffix(old, new, limit - start)
    return start, len(old) - tail, len(new) - tail


def _common_prefix(a: str, b: str, limit: int) -> int:
    low = 0
    while low < limit:
        high = min(low + _BLOCK, limit)
        if a[low:high] == b[low:high]:
            low = high
            continue
        while high - low > 1:  # a[low:high] differs somewhere
            middle = (low + high) // 2
            if a[low:middle] == b[low:middle]:
                low = middle
            else:
                high = middle
        return low
    return limit


def _common_suffix(a: str, b: str, limit: int) -> int:
    la, lb = len(a), len(b)
    low = 0
    while low < limit:
        high = min(low + _BLOCK, limit)
        if a[la - high : la - low] == b[lb - high : lb - low]:
            low = high
            continue
        while high - low > 1:
            middle = (low + high) // 2
            if a[la - middle : la - low] == b[lb - middle : lb - low]:
                low = middle
            else:
                high = middle
        return low
    return limit


def _lone_returns(text: str) -> bool:
    """Old Mac line breaks: lines here are split at LF alone."""
    return "\r" in text and text.count("\r") != text.count("\r\n")


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _keys(container: dict, entries: dict[str, int], shift: int) -> list[tuple[str, int]]:
    """Each key with the offset where it starts, in document order."""
    return [(key, (entries[key] & _MASK) + shift) for key in container]


class _Level:
    """One mapping on the way from the root to the one whose entries are spliced."""

    __slots__ = ("container", "end", "entries", "key", "shift")

    def __init__(
        self, container: dict, entries: dict, shift: int, end: int, key: str | None
    ) -> None:
        self.container = container
        self.entries = entries  # key -> packed offsets, before `shift`
        self.shift = shift  # how far this table has moved (this container and above)
        self.end = end  # where the mapping ends, as the parser marked it
        self.key = key  # its key in the level above


def _levels(text: str, locator: YamlLocator, start: int, end: int) -> list[_Level] | None:
    """The block mappings from the root down to the deepest one whose entries
    alone hold the edit [start, end)."""
    node: Any = locator.root
    shift = locator.shift_of(node)
    levels = [_Level(node, locator.table.get(id(node)) or {}, shift, locator.root_span[1], None)]
    line = _line_start(text, start)
    while True:
        level = levels[-1]
        if not level.entries:
            return None
        touched = _touched(text, level, line, end)
        if len(touched) != 1:
            return levels if touched else None
        key = touched[0]
        child = level.container[key]
        packed = level.entries[key]
        if not isinstance(child, dict) or not child:
            return levels
        child_shift = locator.shift_of(child, level.shift)
        child_entries = locator.table.get(id(child))
        if not child_entries:
            return levels
        first = (child_entries[next(iter(child))] & _MASK) + child_shift
        first_line = _line_start(text, first)
        key_start = (packed & _MASK) + level.shift
        child_end = ((packed >> 96) & _MASK) + level.shift
        if first_line <= key_start or text[first_line:first].strip(" ") or line < first_line:
            return levels  # a flow mapping, or the edit touches the key's own line
        if end > child_end:
            return levels
        levels.append(_Level(child, child_entries, child_shift, child_end, key))


def _touched(text: str, level: _Level, line: int, end: int) -> list[str]:
    """The keys of the entries whose lines the edit [line, end) touches; an entry's
    lines run from its key's line to the next key's line."""
    keys = _keys(level.container, level.entries, level.shift)
    touched = []
    stop = max(end, line + 1)
    for index, (key, key_start) in enumerate(keys):
        first = _line_start(text, key_start)
        if first >= stop:
            break
        after = _line_start(text, keys[index + 1][1]) if index + 1 < len(keys) else level.end
        if after > line:
            touched.append(key)
    return touched


class _Splice:
    """One splice: the new entries parsed, then the mappings above them rebuilt."""

    def __init__(
        self,
        old_text: str,
        new_text: str,
        locator: YamlLocator,
        levels: list[_Level],
        start: int,
        old_end: int,
        new_end: int,
    ) -> None:
        self.old_text = old_text
        self.new_text = new_text
        self.locator = locator
        self.levels = levels
        self.start = start
        self.old_end = old_end
        self.new_end = new_end
        self.delta = len(new_text) - len(old_text)
        self.shifts = dict(locator.shifts)
        self.table = dict(locator.table)

    def run(self) -> tuple[Any, YamlLocator] | None:
        level = self.levels[-1]
        keys = _keys(level.container, level.entries, level.shift)
        line = _line_start(self.old_text, self.start)
        holding = [i for i, (_, at) in enumerate(keys) if _line_start(self.old_text, at) <= line]
        if not holding:
            return None
        # from the entry before the one whose lines hold the edit: the end the parser
        # marks for an entry is where the next key starts, and that may move
        index = max(holding[-1] - 1, 0)
        slice_start = _line_start(self.old_text, keys[index][1])
        column = keys[index][1] - slice_start
        if column == 0 or self.old_text[slice_start : keys[index][1]].strip(" "):
            return None
        slice_end = self._slice_end(column)
        if slice_end is None:
            return None
        old_slice_end = slice_end - self.delta
        starts = {at for _, at in keys}
        if (
            old_slice_end < self.old_end
            or (old_slice_end not in starts and old_slice_end != level.end)
            # the text after the slice must still start where it did on its line
            or slice_end - _line_start(self.new_text, slice_end)
            != old_slice_end - _line_start(self.old_text, old_slice_end)
        ):
            return None
        parsed = self._parse(slice_start, slice_end, column, len(self.levels) - 1)
        if parsed is None:
            return None
        added, added_entries, slice_locator = parsed
        before = [key for key, at in keys if at < slice_start]
        after = [key for key, at in keys if at >= old_slice_end]
        kept = {*before, *after}
        if not kept.isdisjoint(added) or not (kept or added):
            return None  # a duplicate key, or an emptied mapping: the full parse says what
        for key, at in keys:
            if slice_start <= at < old_slice_end:
                self._forget(level.container[key])
        for container_id, table in slice_locator.table.items():
            if container_id != id(slice_locator.root):
                self.table[container_id] = table
        for value in added.values():
            if isinstance(value, (dict, list)):
                self.shifts[id(value)] = slice_start  # its table counts from the slice
        mapping: dict[str, Any] = {}
        entries: dict[str, int] = {}
        self._keep(level, before, level.shift, mapping, entries)
        for key, value in added.items():
            mapping[key] = value
            entries[key] = added_entries[key] + slice_start * _ENTRY
        self._keep(level, after, level.shift + self.delta, mapping, entries)
        root = self._ancestors(mapping, entries)
        span = self.locator.root_span
        return root, YamlLocator(
            root, (span[0], span[1] + self.delta), self.table, self.shifts, spliceable=True
        )

    def _slice_end(self, column: int) -> int | None:
        """Where the lines after the edit come back to the entries' column or less:
        the next entry's key, or the end of the mapping."""
        text = self.new_text
        last = text.find("\n", max(self.new_end - 1, self.start))
        if last < 0:
            return len(text)
        position = last + 1
        while position < len(text):
            stop = text.find("\n", position)
            line = text[position : stop if stop >= 0 else len(text)]
            body = line.lstrip(" ")
            if body.startswith("\t"):
                return None
            written = body.rstrip("\r")
            indent = len(line) - len(body)
            if written and not written.startswith("#") and indent <= column:
                return position + indent
            if stop < 0:
                break
            position = stop + 1
        return len(text)

    def _parse(
        self, start: int, end: int, column: int, depth: int
    ) -> tuple[dict, dict, YamlLocator] | None:
        """The new entries, parsed alone; None unless they sit exactly where the
        whole document would put them."""
        text = self.new_text[start:end]
        keys_at_column = 0
        for line in text.split("\n"):
            body = line.lstrip(" ")
            if body.startswith("\t"):
                return None
            written = body.rstrip("\r")
            if not written or written.startswith("#"):
                continue
            indent = len(line) - len(body)
            if indent < column:
                return None
            keys_at_column += indent == column
        try:
            data, locator, problems = load_yaml(text, depth)
        except SourceError:
            return None
        if problems or not locator.spliceable:
            return None
        if data is None:
            return {}, {}, locator
        if not isinstance(data, dict) or len(data) != keys_at_column:
            return None
        entries = locator.table.get(id(data)) or {}
        for key in data:
            key_start = (entries[key] & _MASK) + start
            if key_start - _line_start(self.new_text, key_start) != column:
                return None
        return data, entries, locator

    def _keep(
        self, level: _Level, keys: list[str], shift: int, mapping: dict, entries: dict
    ) -> None:
        """Entries of the old mapping kept as they were, moved by `shift`."""
        old_entries = level.entries
        moved = shift * _ENTRY
        for key in keys:
            value = level.container[key]
            mapping[key] = value
            entries[key] = old_entries[key] + moved
            self._share(value, shift)

    def _share(self, value: Any, total: int) -> None:
        """A value kept from the old parse: its table moves with its new place."""
        if isinstance(value, (dict, list)):
            own = self.shifts.get(id(value), 0)
            if total + own:
                self.shifts[id(value)] = total + own
            else:
                self.shifts.pop(id(value), None)

    def _ancestors(self, mapping: dict, entries: dict) -> dict:
        """Copies of the mappings above the spliced one, down to the root."""
        child, child_entries = mapping, entries
        for position in range(len(self.levels) - 1, 0, -1):
            spliced = self.levels[position]
            parent = self.levels[position - 1]
            self._forget_container(spliced.container)
            self.table[id(child)] = child_entries
            self.shifts.pop(id(child), None)
            copy: dict[str, Any] = {}
            copy_entries: dict[str, int] = {}
            after = False
            for key, value in parent.container.items():
                packed = parent.entries[key] + parent.shift * _ENTRY
                if key == spliced.key:
                    key_start = packed & _MASK
                    key_end = (packed >> 32) & _MASK
                    value_start = (packed >> 64) & _MASK
                    if position == len(self.levels) - 1 and child_entries:
                        value_start = next(iter(child_entries.values())) & _MASK
                    value_end = ((packed >> 96) & _MASK) + self.delta
                    copy[key] = child
                    copy_entries[key] = (
                        key_start | key_end << 32 | value_start << 64 | value_end << 96
                    )
                    after = True
                    continue
                total = parent.shift + (self.delta if after else 0)
                copy[key] = value
                copy_entries[key] = packed + (self.delta if after else 0) * _ENTRY
                self._share(value, total)
            child, child_entries = copy, copy_entries
        self._forget_container(self.levels[0].container)
        self.table[id(child)] = child_entries
        self.shifts.pop(id(child), None)
        return child

    def _forget_container(self, container: Any) -> None:
        self.table.pop(id(container), None)
        self.shifts.pop(id(container), None)

    def _forget(self, value: Any) -> None:
        """Drop the tables of a replaced value and all below it: once the old parse
        is gone, their ids may be reused by new containers."""
        pending = [value]
        while pending:
            node = pending.pop()
            if isinstance(node, dict):
                self._forget_container(node)
                pending.extend(node.values())
            elif isinstance(node, list):
                self._forget_container(node)
                pending.extend(node)
