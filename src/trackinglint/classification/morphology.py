"""How English makes new words from verbs, so an action is found in any form.

The word lists hold verbs; names also use the words English builds from them:

- action nouns: "renewal", "booking", "cancellation", "shipment" name the action
  they come from (renew, book, cancel, ship);
- verb-particle compounds written as one word: "checkout", "payout", "checkin"
  are "check out", "pay out", "check in";
- prefixed verbs: "resubscribed" repeats "subscribed", "unpublished" undoes
  "published" (undoing a completion is motion, not progress), "misclicked" did
  "clicked" wrongly (a struggle), and "reconnected" or "resent" repeat what should
  have worked the first time (a struggle too: a link broke, a code never came).

Every derivation is checked against the lexicons: a base no verb list knows is
no reading, so "signal" never becomes "sign" by accident of spelling.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lexicon import Lexicon

VERB_LEXICONS = frozenset({"completion-verbs", "interaction-verbs"})
MAKING = frozenset({"producing-verbs"})  # kept on a derived word: "closure" closes
MIN_BASE = 3

# suffix -> what replaces it to give the verb; longest suffixes first
ACTION_NOUN_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ication", ("y",)),  # verification -> verify
    ("ution", ("ve", "ute")),  # resolution -> resolve, execution -> execute
    ("ption", ("be",)),  # subscription -> subscribe
    ("ssion", ("t", "ss")),  # submission -> submit, discussion -> discuss
    ("ation", ("", "e", "ate")),  # confirmation, reservation, activation
    ("sion", ("t", "de")),  # conversion -> convert, decision -> decide
    ("ment", ("",)),  # shipment -> ship, settlement -> settle
    ("ance", ("", "e")),  # acceptance -> accept, issuance -> issue
    ("ence", ("",)),  # reference -> refer
    ("ion", ("", "e")),  # selection -> select, completion -> complete
    ("ery", ("er",)),  # delivery -> deliver
    ("ure", ("", "e")),  # failure -> fail, closure -> close
    ("age", ("e", "")),  # usage -> use
    ("ing", ("", "e")),  # booking -> book, sharing -> share
    ("al", ("", "e")),  # renewal -> renew, approval -> approve
)
_ACTION_NOUN_ENDINGS = tuple(suffix for suffix, _ in ACTION_NOUN_SUFFIXES)
AGAIN = "re"
AGAIN_PREFIXES = (AGAIN, "pre", "co", "auto")  # the same action once more, or ahead of time
UNDO_PREFIXES = ("un", "dis", "de")  # the action undone
WRONG_PREFIXES = ("mis",)  # the action done wrongly: "misclicked", "missent" are struggles
PREFIXES = (*AGAIN_PREFIXES, *UNDO_PREFIXES, *WRONG_PREFIXES)


@dataclass(frozen=True, slots=True)
class Derivation:
    """A word read as a form of a verb the lexicons know."""

    base: str  # the verb, or the verb phrase: "renew", "check out"
    lexicons: frozenset[str]  # the lexicons the word reads as through its base
    nominal: bool  # an action named as a noun ("renewal", "checkout")
    note: str  # how it was read, for the evidence: "'renewal' names the action 'renew'"


def derive(word: str, lexicon: Lexicon) -> Derivation | None:
    """The verb `word` is built from, or None when no rule leads to a known verb."""
    if not word.isalpha() or len(word) < 5 or word in lexicon.grammar.not_derived:
        return None
    return (
        _prefixed(word, lexicon)
        or _compound(word, lexicon)
        or _action_noun(word, lexicon)
        or (_action_noun(word[:-1], lexicon, plural=word) if _plural(word) else None)
        or (_compound(word[:-1], lexicon, plural=word) if _plural(word) else None)
    )


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss")


def _verb_lexicons(word: str, lexicon: Lexicon) -> frozenset[str]:
    """The verb lists that know `word`, and whether it makes or closes things ("closure"
    of a deal finishes it as "Deal Closed" does)."""
    found = lexicon.lexicons_of(word)
    verbs = found & VERB_LEXICONS
    return verbs | (found & MAKING) if verbs else verbs


def _lost_silent_e(stem: str) -> bool:
    """Did the stem drop a silent "e" before a suffix ("clos|ure", "shar|ing", "us|age")?
    No English word ends in "v"; a single vowel and s, z, c or g (or r after a, i, o,
    u) take one too. "deliver|y" and "fail|ure" keep their last letter."""
    if stem.endswith("v"):
        return True  # observ|ation, approv|al
    if len(stem) < 2 or stem[-2] not in "aeiou" or (len(stem) > 2 and stem[-3] in "aeiou"):
        return False
    return stem[-1] in "szcg" or (stem[-1] == "r" and stem[-2] != "e")


def _action_noun(word: str, lexicon: Lexicon, plural: str = "") -> Derivation | None:
    if not word.endswith(_ACTION_NOUN_ENDINGS):  # most words: no suffix to try
        return None
    shown = plural or word
    for suffix, replacements in ACTION_NOUN_SUFFIXES:
        if not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)]
        candidates = [stem + ending for ending in replacements]
        if _lost_silent_e(stem) and stem + "e" in candidates:
            candidates.remove(stem + "e")
            candidates.insert(0, stem + "e")  # closure -> close, sharing -> share
        if len(stem) > 2 and stem[-1] == stem[-2]:
            candidates.insert(0, stem[:-1])  # cancellation -> cancel, shipping -> ship
        for base in candidates:
            if len(base) < MIN_BASE:
                continue
            found = _verb_lexicons(base, lexicon)
            if found:
                return Derivation(base, found, True, f"'{shown}' names the action '{base}'")
    return None


def _compound(word: str, lexicon: Lexicon, plural: str = "") -> Derivation | None:
    particles = _longest_first(lexicon.grammar.particles)
    if not word.endswith(particles):  # most words: no particle to try
        return None
    shown = plural or word
    for particle in particles:
        if len(particle) < 2 or not word.endswith(particle):
            continue
        head = word[: -len(particle)]
        if len(head) < MIN_BASE:
            continue
        size, found, text = lexicon.phrase_at((head, particle), 0)
        found = found & VERB_LEXICONS if size == 2 else _verb_lexicons(head, lexicon)
        if found:
            base = text if size == 2 else head
            return Derivation(base, found, True, f"'{shown}' is '{head} {particle}' as one word")
    return None


@lru_cache(maxsize=8)
def _longest_first(words: frozenset[str]) -> tuple[str, ...]:
    """Sorted once, not per word derived."""
    return tuple(sorted(words, key=len, reverse=True))


def _prefixed(word: str, lexicon: Lexicon) -> Derivation | None:
    if not word.startswith(PREFIXES):  # most words: no prefix to try
        return None
    for prefix in PREFIXES:
        if not word.startswith(prefix) or len(word) - len(prefix) < 4:
            continue
        rest = word[len(prefix) :]
        found = _verb_lexicons(rest, lexicon)
        if not found:
            continue
        if prefix in WRONG_PREFIXES:
            wrong = frozenset({"friction-words"})
            return Derivation(rest, wrong, False, f"'{word}' is '{rest}' done wrongly")
        if prefix in UNDO_PREFIXES:
            undone = frozenset({"interaction-verbs"})
            return Derivation(rest, undone, False, f"'{word}' undoes '{rest}'")
        if prefix == AGAIN and lexicon.forms(rest) & lexicon.grammar.must_work_once:
            again = frozenset({"friction-words"})
            note = f"'{word}' is '{rest}' again: it did not hold the first time"
            return Derivation(rest, again, False, note)
        return Derivation(rest, found, False, f"'{word}' is '{prefix}' + '{rest}'")
    return None
