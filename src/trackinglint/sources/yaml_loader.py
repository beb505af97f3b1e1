"""YAML 1.2 plan files to plain data plus positions, safely and fast.

libyaml's event stream does the scanning in C; this module builds plain
dicts, lists and scalars from it and never constructs objects from tags.
Plain scalars are resolved with the YAML 1.2 core schema, so `no`, `on` and
dates stay strings. Positions are stored as character offsets per container.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import Any

import yaml
import yaml.events

from .document import Focus, LineIndex, Pointer
from .errors import LoadProblem, SourceError
from .limits import MAX_ALIAS_NODES, MAX_DEPTH, MAX_INT_DIGITS, too_many_digits

try:  # libyaml ships in PyYAML's wheels; the pure-Python parser is the fallback.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.loader import BaseLoader as _Parser  # type: ignore[assignment]  # same get_event

# The parser's event classes, compared by identity in the hot loops. The stubs type an
# event's marks Optional (one built by hand may lack them); the parser's always carry both,
# so the classes are Any here instead of a None check per entry.
ev: Any = yaml.events
_MISSING = object()
_PLAIN_CONSTANTS: dict[str, Any] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL")),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), math.inf),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), -math.inf),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), math.nan),
}
_NUMBER_START = frozenset("0123456789+-.")
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null")}
# Offsets are packed into one int per entry (start | end << 32, and for mapping
# entries the value's start and end above those): a quarter of the memory of
# a tuple of four ints, which matters at a hundred thousand entries.
_OFFSET_MASK = 0xFFFFFFFF
_NOWHERE = object()  # a parent pointer that leads nowhere
_NON_SPACE = re.compile(r"[^\s]+")

_TAB_MESSAGE = "a tab character here; YAML indents with spaces only"


class NumberTooLong(ValueError):
    """An integer literal beyond MAX_INT_DIGITS; the loader locates it."""


def resolve_plain(text: str) -> Any:
    """Resolve an untagged plain scalar with the YAML 1.2 core schema."""
    constant = _PLAIN_CONSTANTS.get(text, _MISSING)
    if constant is not _MISSING:
        return constant
    if text[0] not in _NUMBER_START:
        return text
    if _INT.match(text):
        if len(text) > MAX_INT_DIGITS:  # Python refuses to read longer digit strings
            digits = text.lstrip("+-").lstrip("0") or "0"
            if len(digits) > MAX_INT_DIGITS:
                raise NumberTooLong(text)
            return -int(digits) if text[0] == "-" else int(digits)
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    if _OCT.match(text):
        return _checked(int(text[2:], 8), text)
    if _HEX.match(text):
        return _checked(int(text[2:], 16), text)
    return text


def _checked(value: int, text: str) -> int:
    if too_many_digits(value):
        raise NumberTooLong(text)
    return value


class YamlLocator:
    """Offsets of every mapping entry and sequence item, keyed by container.

    A locator made by splicing an edit into an earlier one (`yaml_splice`) shares
    the unchanged containers and their offset tables with it; `shifts` says how
    far each shared container has moved since its table was written, and a
    container's shift applies to everything below it too."""

    __slots__ = ("_parents", "root", "root_span", "shifts", "spliceable", "table")

    def __init__(
        self,
        root: Any,
        root_span: tuple[int, int],
        table: dict[int, Any],
        shifts: dict[int, int] | None = None,
        spliceable: bool = False,
    ) -> None:
        self.root = root
        self.root_span = root_span
        self.table = table
        self.shifts: dict[int, int] = shifts or {}
        # no anchors, aliases or merge keys: an edit can be parsed on its own
        self.spliceable = spliceable
        # Rules that list every place ask for thousands of siblings in a row:
        # remember each parent container (and its shift) instead of walking down again.
        self._parents: dict[Pointer, tuple[Any, int]] = {}

    def offsets(self, pointer: Pointer, focus: Focus) -> tuple[int, int]:
        if pointer:
            prefix = pointer[:-1]
            known = self._parents.get(prefix)
            if known is None:
                known = self._parents[prefix] = self._node(prefix)
            parent, shift = known
            entries = self.table.get(id(parent))
            if entries is not None:
                try:
                    packed = entries[pointer[-1]]
                except (KeyError, IndexError, TypeError):
                    pass
                else:
                    if focus == "value" and isinstance(parent, dict):
                        packed >>= 64
                    return (packed & _OFFSET_MASK) + shift, ((packed >> 32) & _OFFSET_MASK) + shift
        return self._walk(pointer, focus)

    def shift_of(self, container: Any, above: int = 0) -> int:
        """How far `container`'s table has moved, given its parents' total `above`."""
        return above + self.shifts.get(id(container), 0) if self.shifts else 0

    def _node(self, pointer: Pointer) -> tuple[Any, int]:
        node = self.root
        shift = self.shift_of(node)
        for segment in pointer:
            try:
                node = node[segment]
            except (KeyError, IndexError, TypeError):
                return _NOWHERE, 0
            shift = self.shift_of(node, shift)
        return node, shift

    def _walk(self, pointer: Pointer, focus: Focus) -> tuple[int, int]:
        """The slow path: the deepest node of `pointer` that exists."""
        node, span = self.root, self.root_span
        shift = self.shift_of(node)
        for segment in pointer:
            entries = self.table.get(id(node))
            try:
                packed = entries[segment]  # type: ignore[index]
                is_mapping = isinstance(node, dict)
                node = node[segment]
            except (KeyError, IndexError, TypeError):
                return span
            if is_mapping and focus == "value":
                packed >>= 64
            span = ((packed & _OFFSET_MASK) + shift, ((packed >> 32) & _OFFSET_MASK) + shift)
            shift = self.shift_of(node, shift)
        return span


class _Builder:
    """Consumes libyaml events and builds values, remembering offsets."""

    def __init__(self, text: str, depth: int = 0) -> None:
        self.text = text
        self.parser = _Parser(text)
        # The stubs allow None (past the stream's end) and events without marks; neither
        # happens before StreamEnd, where reading stops, so the hot loops check nothing.
        self.next_event: Callable[[], Any] = self.parser.get_event
        self.table: dict[int, Any] = {}
        self.anchors: dict[str, Any] = {}
        self.problems: list[LoadProblem] = []
        self.alias_nodes = 0
        self.end = 0  # end offset of the last container built
        # ids of the containers being built, outermost first; a slice of a document
        # (`yaml_splice`) starts as deep as its place in the whole one
        self.open: list[int] = [-1] * depth
        self.merged = False
        self.lines: LineIndex | None = None

    def document(self) -> tuple[Any, YamlLocator]:
        self.next_event()  # StreamStart
        first = self.next_event()
        if type(first) is ev.StreamEndEvent:
            return None, YamlLocator(None, (0, 0), self.table, spliceable=True)
        node = self.next_event()
        start = node.start_mark.index
        value = self.value(node)
        self.next_event()  # DocumentEnd
        extra = self.next_event()
        if type(extra) is ev.DocumentStartEvent:
            raise SourceError(
                "a plan file holds one YAML document; split the others into their own files",
                extra.start_mark.index,
                3,
            )
        end = self.end if not isinstance(value, (str, int, float)) else node.end_mark.index
        span = (start, max(end, start + 1))
        spliceable = not self.anchors and not self.merged
        return value, YamlLocator(value, span, self.table, spliceable=spliceable)

    def value(self, event: Any) -> Any:
        kind = type(event)
        if kind is ev.ScalarEvent:
            return self.scalar(event)
        if kind is ev.MappingStartEvent:
            return self.mapping(event)
        if kind is ev.SequenceStartEvent:
            return self.sequence(event)
        if kind is ev.AliasEvent:
            return self.alias(event)
        raise SourceError(f"unexpected YAML event {kind.__name__}", event.start_mark.index)

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        value: Any
        if tag is None:
            value = resolve_plain(event.value) if not event.style else event.value
        elif tag == "!" or tag == f"{_CORE}str":
            value = event.value
        elif tag in _SCALAR_TAGS:
            value = resolve_plain(event.value)
            expected = tag[len(_CORE) :]
            if expected == "float" and _core_type(value) == "int":
                value = _as_float(value)
            if _core_type(value) != expected:
                raise SourceError(
                    f"'{event.value}' is not a valid !!{expected}", event.start_mark.index
                )
        else:
            raise _tag_error(tag, event, self.text)
        return self.anchored(event, value)

    def mapping(self, event: Any) -> dict[str, Any]:
        self.check_container_tag(event, "map")
        result: dict[str, Any] = {}
        entries: dict[str, int] = {}
        merges: list[Any] = []
        self.enter(event, result)
        next_event = self.next_event
        scalar_event = ev.ScalarEvent
        while True:  # the hot loop: one turn per mapping entry in the file
            key_event = next_event()
            if type(key_event) is not scalar_event:
                if type(key_event) is ev.MappingEndEvent:
                    break
                raise SourceError(
                    "a mapping key must be a plain name, not a collection or alias",
                    key_event.start_mark.index,
                )
            value_event = next_event()
            key = key_event.value
            if key_event.tag is not None or key_event.anchor is not None:
                self.key_properties(key_event)
            if (
                type(value_event) is scalar_event
                and value_event.tag is None
                and value_event.anchor is None
            ):
                value = value_event.value
                if not value_event.style:
                    value = resolve_plain(value)
                value_end = value_event.end_mark.index
            else:
                value = self.value(value_event)
                value_end = (
                    value_event.end_mark.index
                    if type(value_event) in (scalar_event, ev.AliasEvent)
                    else self.end
                )
            if key in result or (key == "<<" and not key_event.style):
                self.merge_or_duplicate(key, key_event, value, entries, merges)
                continue
            result[key] = value
            entries[key] = (
                key_event.start_mark.index
                | key_event.end_mark.index << 32
                | value_event.start_mark.index << 64
                | value_end << 96
            )
        self.end = key_event.end_mark.index
        for merged in merges:
            self.merge(result, entries, merged, event)
        self.table[id(result)] = entries
        self.open.pop()
        return result

    def merge_or_duplicate(
        self, key: str, key_event: Any, value: Any, entries: dict[str, int], merges: list[Any]
    ) -> None:
        """A plain `<<` merge key, or a key seen before in the same mapping."""
        if key == "<<" and not key_event.style:
            merges.append(value)
            self.merged = True
            return
        start = key_event.start_mark.index
        self.duplicate(key, start, key_event.end_mark.index, entries[key] & _OFFSET_MASK)

    def sequence(self, event: Any) -> list[Any]:
        self.check_container_tag(event, "seq")
        result: list[Any] = []
        items: list[int] = []
        self.enter(event, result)
        next_event = self.next_event
        while True:
            item = next_event()
            if type(item) is ev.SequenceEndEvent:
                break
            start = item.start_mark.index
            result.append(self.value(item))
            end = (
                self.end
                if type(item) in (ev.MappingStartEvent, ev.SequenceStartEvent)
                else item.end_mark.index
            )
            items.append(start | end << 32)
        self.end = item.end_mark.index
        self.table[id(result)] = items
        self.open.pop()
        return result

    def alias(self, event: Any) -> Any:
        try:
            value = self.anchors[event.anchor]
        except KeyError:
            raise SourceError(
                f"alias '*{event.anchor}' names no anchor defined before it",
                event.start_mark.index,
                len(event.anchor) + 1,
            ) from None
        if id(value) in self.open:
            raise SourceError(
                f"alias '*{event.anchor}' refers to a collection that contains it; "
                "plan data cannot be circular",
                event.start_mark.index,
                len(event.anchor) + 1,
            )
        self.alias_nodes += _count_nodes(value, {})
        if self.alias_nodes > MAX_ALIAS_NODES:
            raise SourceError(
                f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes; refusing to load "
                "(billion-laughs guard; see README, Limits)",
                event.start_mark.index,
                len(event.anchor) + 1,
            )
        return value

    def enter(self, event: Any, container: Any) -> None:
        """Start a container: guard the depth, register its anchor."""
        if len(self.open) >= MAX_DEPTH:
            raise SourceError(
                f"nested more than {MAX_DEPTH} levels deep; a plan never needs that "
                "(see README, Limits)",
                event.start_mark.index,
            )
        self.open.append(id(container))
        self.anchored(event, container)

    def key_properties(self, key_event: Any) -> None:
        """Keys may carry an anchor, and no tag but `!` or `!!str`."""
        tag = key_event.tag
        if tag is not None and tag not in ("!", f"{_CORE}str"):
            raise _tag_error(tag, key_event, self.text)
        self.anchored(key_event, key_event.value)

    def anchored(self, event: Any, value: Any) -> Any:
        if event.anchor is not None:
            self.anchors[event.anchor] = value
        return value

    def check_container_tag(self, event: Any, kind: str) -> None:
        tag = event.tag
        if tag is not None and tag != "!" and tag != f"{_CORE}{kind}":
            raise _tag_error(tag, event, self.text)

    def duplicate(self, key: str, start: int, end: int, first: int) -> None:
        if self.lines is None:  # built once: counting lines per duplicate was quadratic
            self.lines = LineIndex(self.text)
        line = self.lines.position(first)[0]
        self.problems.append(
            LoadProblem(
                f"duplicate key '{key}' (first defined on line {line}); "
                "YAML keys must be unique, so remove or rename one",
                start,
                max(end - start, 1),
            )
        )

    def merge(self, result: dict, entries: dict, merged: Any, event: Any) -> None:
        sources = merged if isinstance(merged, list) else [merged]
        for source in sources:
            if not isinstance(source, dict):
                raise SourceError("'<<' merges mappings only", event.start_mark.index)
            source_entries = self.table.get(id(source), {})
            for key, value in source.items():
                if key not in result:
                    result[key] = value
                    entries[key] = source_entries[key]


def _as_float(value: int) -> float:
    try:
        return float(value)
    except OverflowError:  # beyond 1.8e308 an int has no float, but YAML says infinity
        return math.inf if value > 0 else -math.inf


def _core_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str"


def _tag_error(tag: str, event: Any, text: str) -> SourceError:
    shown = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
    start = text.find("!", event.start_mark.index)  # the tag may follow an anchor
    written = _NON_SPACE.match(text, start) if start >= 0 else None
    return SourceError(
        f"tag '{shown}' is not allowed; plan files hold plain data only "
        "(mappings, lists, strings, numbers, booleans, null)",
        start if written else event.start_mark.index,
        len(written.group(0)) if written else 1,
    )


def _count_nodes(value: Any, seen: dict[int, int]) -> int:
    items: Iterable[Any]
    if isinstance(value, dict):
        items = value.values()
    elif isinstance(value, list):
        items = value
    else:
        return 1
    known = seen.get(id(value))
    if known is None:
        known = seen[id(value)] = 1 + sum(_count_nodes(item, seen) for item in items)
    return known


def _number_error(text: str, literal: str) -> SourceError:
    return SourceError(
        f"an integer of {len(literal):,} characters; numbers are limited to "
        f"{MAX_INT_DIGITS:,} digits (see README, Limits)",
        max(text.find(literal), 0),
        len(literal),
    )


def load_yaml(text: str, depth: int = 0) -> tuple[Any, YamlLocator, list[LoadProblem]]:
    """Parse one YAML document; raises SourceError with the offending offset.
    `depth`: how deeply the text is nested in a document it was cut from."""
    try:
        builder = _Builder(text, depth)
    except UnicodeEncodeError as exc:  # lone surrogates in a buffer from an editor
        raise SourceError("the text holds an unpaired surrogate character", exc.start) from None
    try:
        data, locator = builder.document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        offset = mark.index if mark else 0
        message = exc.problem or "invalid YAML"
        if text[offset : offset + 1] == "\t":
            message = _TAB_MESSAGE
        if exc.context and exc.context_mark and exc.context_mark is not mark:
            message += f" ({exc.context} on line {exc.context_mark.line + 1})"
        raise SourceError(message, offset) from None
    except yaml.YAMLError as exc:  # reader errors carry a UTF-8 byte position
        position = getattr(exc, "position", 0)
        offset = len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))
        raise SourceError(str(getattr(exc, "reason", exc)), offset) from None
    except RecursionError:
        raise SourceError("nested too deeply to read", 0) from None
    except NumberTooLong as exc:
        raise _number_error(text, exc.args[0]) from None
    finally:
        dispose = getattr(builder.parser, "dispose", None)
        if dispose:
            dispose()
    return data, locator, builder.problems
