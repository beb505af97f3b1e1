"""Split squashed lowercase compounds ("paymentsent", "cartabandoned") into words.

A name written without separators or capitals gives the tokenizer one long
token. wordninja splits it by English word frequencies (Wikipedia unigrams,
shipped inside the package): it knows "password" and "playlist" are words and
"paymentsent" is two. Loading its table costs 0.2-0.5 s, so it is imported only
for a name in which no word is a known action (see `reading.split_squashed`)
and a token looks squashed: no lexicon knows it, yet a lexicon word sits at its
start or end. A split is kept only when a lexicon knows one of its parts, so the
split explains the name in words the classifier reads.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lexicon import Lexicon

MIN_LENGTH = 6
MIN_KNOWN = 3
MIN_REST = 4  # the other part of a token split around an action word
# the lexicons whose words name what happened: a squashed name worth splitting hides one
ACTION_LEXICONS = frozenset(
    {
        "completion-verbs",
        "interaction-verbs",
        "friction-words",
        "completion-states",
        "light-verbs",
        "record-verbs",
    }
)


@lru_cache(maxsize=1)
def _splitter() -> Callable[[str], list[str]]:
    import wordninja  # type: ignore[import-untyped]  # lazy: builds its table on import

    return wordninja.split


def split_token(token: str, lexicon: Lexicon) -> tuple[str, ...] | None:
    """The words of a squashed token, or None to keep it whole; cached per lexicon."""
    if len(token) < MIN_LENGTH or not token.isalpha():
        return None
    cache = lexicon.memo("split")
    if token in cache:
        return cache[token]
    found = cache[token] = _split(token, lexicon)
    return found


def _known(word: str, lexicon: Lexicon) -> bool:
    return bool(lexicon.lexicons_of(word)) or lexicon.derivation(word) is not None


def _split(token: str, lexicon: Lexicon) -> tuple[str, ...] | None:
    if _known(token, lexicon) or not _has_known_end(token, lexicon):
        return None
    parts = tuple(part.lower() for part in _splitter()(token))
    if len(parts) < 2 or any(len(part) < 2 for part in parts):
        return None
    merged = _merge_known(parts, lexicon)  # "top" "up" is "topup", which a lexicon knows
    if not any(len(part) >= MIN_KNOWN and _known(part, lexicon) for part in merged):
        return None
    return merged


def _has_known_end(token: str, lexicon: Lexicon) -> bool:
    """Cheap test before loading the splitter: an action word, as written, starts or
    ends the token ("sent" in "paymentsent", "checkout" in "checkoutdone"). Only a
    hidden action changes the reading, and most unknown words ("profile", "ledger")
    hide none, so the splitter's table is seldom loaded. The rest must be a word's
    length too: "average" is no "ave" + "rage"."""
    for cut in range(MIN_KNOWN, len(token) - 1):
        rest = len(token) - cut
        if (rest >= MIN_REST and _action(token[:cut], lexicon)) or (
            rest >= MIN_KNOWN and cut >= MIN_REST and _action(token[cut:], lexicon)
        ):
            return True
    return False


def _action(word: str, lexicon: Lexicon) -> bool:
    return bool(lexicon.exact(word) & ACTION_LEXICONS) or lexicon.derivation(word) is not None


def _merge_known(parts: tuple[str, ...], lexicon: Lexicon) -> tuple[str, ...]:
    """Join neighbours the lexicons know as one word: "in" "voice" -> "invoice", and
    verb-particle compounds, read as one action: "sign" "up" -> "signup"."""
    joined: list[str] = []
    for part in parts:
        if joined and _known(joined[-1] + part, lexicon):
            joined[-1] += part
        else:
            joined.append(part)
    return tuple(joined)
