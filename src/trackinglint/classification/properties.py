"""What an event's properties say about its kind.

A property that identifies a business artifact ("deal_id", "order_number") or
records what changed hands ("amount", "recipient") suggests the event records
a finished job; one that describes the interface ("button_text",
"screen_name", "page_url", "referrer") suggests an interaction. Names speak
louder: each property weighs 0.5, and at most three count each way.
"""

from __future__ import annotations

from collections.abc import Iterable

from .lexicon import Lexicon
from .tokens import tokenize
from .verdicts import Evidence

WEIGHT = 0.5
MOST_PER_SIDE = 3
_MISSING = object()
IDENTIFIERS = frozenset({"id", "ids", "uuid", "guid", "number", "no", "num", "ref", "reference"})


def property_evidence(names: Iterable[str], lexicon: Lexicon) -> list[Evidence]:
    """Evidence from property names, capped per direction so names stay decisive."""
    found: list[Evidence] = []
    positive = negative = 0
    cache = lexicon.memo("property")
    for name in names:
        evidence = cache.get(name, _MISSING)
        if evidence is _MISSING:
            evidence = cache[name] = _read(name, lexicon)
        if evidence is None:
            continue
        if evidence.weight > 0:
            if positive < MOST_PER_SIDE:
                positive += 1
                found.append(evidence)
        elif negative < MOST_PER_SIDE:
            negative += 1
            found.append(evidence)
    return found


def _read(name: str, lexicon: Lexicon) -> Evidence | None:
    tokens = tokenize(name)
    if not tokens:
        return None
    for i in range(len(tokens)):
        size, lexicons, text = lexicon.phrase_at(tokens, i)
        if size and lexicons & {"interface-objects", "interaction-properties"}:
            return _interface(name, text)
    for token in tokens:
        if lexicon.lexicons_of(token) & {"interface-objects", "interaction-properties"}:
            return _interface(name, token)
    if len(tokens) >= 2 and tokens[-1] in IDENTIFIERS:
        subject = _artifact_before(tokens[:-1], lexicon)
        if subject:
            article = "an" if subject[0] in "aeiou" else "a"
            return Evidence("property", f"property '{name}' identifies {article} {subject}", WEIGHT)
    for token in tokens:
        if "completion-properties" in lexicon.lexicons_of(token):
            return Evidence("property", f"property '{name}' records what got done", WEIGHT)
    return None


def _artifact_before(tokens: tuple[str, ...], lexicon: Lexicon) -> str | None:
    """The artifact the words end with: "order" in order_id, "pull request" in pull_request_id."""
    for start in range(len(tokens)):
        size, lexicons, text = lexicon.phrase_at(tokens, start)
        if size and start + size == len(tokens) and "artifact-objects" in lexicons:
            return text
    last = tokens[-1]
    for word in (last, last[:-1] if last.endswith("s") else ""):
        if word and "artifact-objects" in lexicon.exact(word):
            return word
    return None


def _interface(name: str, word: str) -> Evidence:
    return Evidence("property", f"property '{name}' describes the interface ('{word}')", -WEIGHT)
