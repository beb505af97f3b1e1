"""What a fix is: a title and edits, described as data so rules stay small.

A rule attaches a `Fix` to the problem it yields; the engine carries it onto
the finding; `trackinglint.fixes.apply` performs it. Edits address the
document they were found in: text edits by character offsets into the text
that was linted, structural edits by the pointer of a YAML/JSON node (they go
through ruamel.yaml's round-trip mode, so comments, order and quoting stay).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import value_at
from ..sources import Document, Focus, Pointer


@dataclass(frozen=True, slots=True)
class ReplaceText:
    """Replace text[start:end] with `text` (offsets into the linted text)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class MoveItem:
    """Move item `index` of the list at `pointer` to position `to`."""

    pointer: Pointer
    index: int
    to: int


@dataclass(frozen=True, slots=True)
class InsertKey:
    """Add `key: value` to the mapping at `pointer`, after the key `after` if it is there
    (else first); nothing happens if the key is already present."""

    pointer: Pointer
    key: str
    value: str
    after: str | None = None


Edit = ReplaceText | MoveItem | InsertKey


@dataclass(frozen=True, slots=True)
class Fix:
    """A safe, mechanical fix for one finding: what it does, and how."""

    title: str  # imperative, for `--diff`, code actions and reports: "Set `direction: decrease`"
    edits: tuple[Edit, ...]


def replace_token(text: str, start: int, end: int, old: str, new: str) -> ReplaceText | None:
    """Replace a scalar written at [start, end) that reads `old`, keeping its quotes.

    None when the source spells the value some other way (escapes, block
    scalars): then no fix is offered rather than a guess.
    """
    written = text[start:end]
    for quote in ("", '"', "'"):
        if written == f"{quote}{old}{quote}":
            if quote and quote in new:
                return None
            return ReplaceText(start + len(quote), end - len(quote), new)
    return None


def replace_at(
    document: Document, pointer: Pointer, focus: Focus, old: str, new: str
) -> ReplaceText | None:
    """The edit that rewrites the key (or value) at `pointer` from `old` to `new`."""
    try:
        start, end = document.locator.offsets(pointer, focus)
    except Exception:  # a document without positions (e.g. unreadable): no fix
        return None
    return replace_token(document.text, start, end, old, new)


# Keys that decide what is sent or which values pass: a misspelling of one is
# not fixed, because the fix would add events or properties, type a property,
# or narrow what it accepts (changes `trackinglint diff` reports as breaking).
SHAPING_KEYS = frozenset(
    {"events", "properties", "items", "$ref", "type", "types", "enum", "const", "format",
     "pattern", "required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
     "multipleOf", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems",
     "additionalProperties"}
)  # fmt: skip


def rename_key_fix(document: Document, pointer: Pointer, new: str) -> Fix | None:
    """Rename a misspelled schema key in place (TL002), unless the new key is taken
    or shapes the data."""
    if not pointer or new in SHAPING_KEYS or not isinstance(pointer[-1], str):
        return None
    parent = value_at(document.data, pointer[:-1])
    if not isinstance(parent, dict) or new in parent:
        return None
    edit = replace_at(document, pointer, "key", pointer[-1], new)
    return Fix(f"Rename '{pointer[-1]}' to '{new}'", (edit,)) if edit else None
