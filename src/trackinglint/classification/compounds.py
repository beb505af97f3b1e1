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

import gzip
import importlib.util
import math
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lexicon import Lexicon

_NOT_LISTED = re.compile("[^a-zA-Z0-9']+")  # no word of the list holds these
_WORD_LIST = "wordninja_words.txt.gz"  # in the wordninja package: Wikipedia unigrams by rank
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
    """wordninja's split of a lowercase word, from wordninja's own word list.

    Importing wordninja builds a cost for each of its 126,136 words (0.12-0.18 s);
    reading its list and costing only the pieces a split looks at takes a fraction of
    that. The costs, and so every split, are wordninja's: a word's cost is
    log(rank * log(words)), the split the cheapest sum, ties to the shorter last word.
    Without the list where wordninja installs it, wordninja itself.
    """
    found = importlib.util.find_spec("wordninja")  # finds the module without running it
    origin = found.origin if found is not None else None
    path = Path(origin).parent / "wordninja" / _WORD_LIST if origin else None
    if path is None or not path.is_file():
        import wordninja  # type: ignore[import-untyped]

        return wordninja.split
    with gzip.open(path) as stream:
        words = stream.read().decode().split()
    return _Frequencies(words).split


class _Frequencies:
    """Split text into the most probable words, by Zipf's law over a ranked list."""

    def __init__(self, words: list[str]) -> None:
        # ranks, not costs: a table of 126,136 floats costs 0.1 s to build, and a split
        # looks up only the few dozen pieces of one word
        self._rank = dict(zip(words, range(1, len(words) + 1), strict=True))
        self._scale = math.log(len(words))
        self._longest = max(map(len, words))

    def _cost(self, piece: str) -> float:
        rank = self._rank.get(piece)
        return math.log(rank * self._scale) if rank is not None else math.inf

    def split(self, text: str) -> list[str]:
        """The words of `text`; letters outside a-z are dropped, as wordninja drops them."""
        return [word for chunk in _NOT_LISTED.split(text) for word in self._words(chunk)]

    def _words(self, text: str) -> list[str]:
        lower, cost, longest = text.lower(), self._cost, self._longest
        best = [0.0]  # best[i]: the cheapest reading of the first i letters
        last = [0]  # last[i]: the length of that reading's last word
        for end in range(1, len(text) + 1):
            total, size = min(
                (best[start] + cost(lower[start:end]), end - start)
                for start in range(end - 1, max(0, end - longest) - 1, -1)
            )
            best.append(total)
            last.append(size)
        words: list[str] = []
        end = len(text)
        while end > 0:
            words.append(text[end - last[end] : end])
            end -= last[end]
        return words[::-1]


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
