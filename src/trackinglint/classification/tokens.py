"""Event and metric names to lowercase word tokens, whatever the naming style.

Real plans mix Title Case ("Invoice Approved"), snake_case, camelCase,
PascalCase, kebab-case, dotted namespaces ("billing.invoice.approved") and
SCREAMING_CASE, often with digits. The classifier reads words, so every style
must come out as the same list: ["invoice", "approved"].
"""

from __future__ import annotations

import re
from functools import lru_cache

# A name is read up to these limits (README, "Limits"): the reading is linear in the
# words, and a name of a million words took half a minute to classify.
MAX_NAME_CHARS = 300
MAX_NAME_WORDS = 40
_SEPARATORS = re.compile(r"[\W_]+")
_APOSTROPHES = re.compile(r"['’]")
# ASCII fast path: an acronym with an inflection ("PDFs", "RSVPed"), an acronym before
# a capitalised word, a word, an acronym, digits
_ASCII_PARTS = re.compile(
    r"[A-Z]{2,}(?:es|ed|s|d)(?![a-z])|[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+"
)


# Names of products and platforms written with a capital inside ("LinkedIn", "PayPal"):
# each is one word, so its parts are not read as words of the name ("linked", "pay",
# "sign" in "DocuSign", "share" in "SharePoint"): "LinkedInConnected" is a connection.
_BRANDS = (
    r"(?:(?<![A-Za-z])(?:iOS|macOS|iPadOS|eBook|eBay|iPhone|iPad|iCloud|iMessage)|"
    r"LinkedIn|PayPal|YouTube|GitHub|GitLab|BitBucket|OAuth|WiFi|WhatsApp|TikTok|HubSpot|"
    r"WordPress|QuickBooks|DocuSign|MailChimp|SendGrid|AirDrop|AirPods|FaceTime|FaceID|"
    r"TouchID|JavaScript|TypeScript|PlayStation|SoundCloud|DoorDash|OpenAI|ChatGPT|PostHog|"
    r"BigQuery|WeChat|FedEx|DropBox|OneDrive|SharePoint|PowerPoint|WalletConnect|MetaMask|"
    r"HealthKit|HomeKit|CarPlay|AppStore|PlayStore|GooglePay|ApplePay|SamsungPay)(?![a-z])"
)


@lru_cache(maxsize=1)
def _brands() -> re.Pattern[str]:
    """The products' pattern, compiled on first need (1-2 ms) rather than at import."""
    return re.compile(_BRANDS)


# every product above has a capital after a small letter, or is "OAuth": a name without
# one (snake_case, Title Case, SCREAMING_CASE) is never searched for them, most names
_MAY_HOLD_BRAND = re.compile(r"[a-z][A-Z]|OAuth")


def _one_word(match: re.Match[str]) -> str:
    return match.group(0).capitalize()


@lru_cache(maxsize=65536)
def tokenize(name: str) -> tuple[str, ...]:
    """Split a name into lowercase words and digit runs.

    Boundaries: any non-alphanumeric character, a lower-to-upper change
    ("invoiceApproved"), the end of an acronym before a capitalised word
    ("APIKeyCopied" -> api, key, copied), and a letter-digit change ("step2"). An
    acronym keeps its inflection ("PDFsExported" -> pdfs, exported; "RSVPed" -> rsvped).
    Apostrophes join ("user's" -> "users") instead of splitting off an "s", and a
    product written with a capital inside is one word ("LinkedInShared" -> linkedin, shared).
    """
    name = name[:MAX_NAME_CHARS]
    if "'" in name or "’" in name:  # most names have none: no substitution to run
        name = _APOSTROPHES.sub("", name)
    if not (name.islower() or name.istitle() or name.isupper()) and _MAY_HOLD_BRAND.search(name):
        name = _brands().sub(_one_word, name)
    if name.isascii():
        return tuple(map(str.lower, _ASCII_PARTS.findall(name)[:MAX_NAME_WORDS]))
    tokens: list[str] = []
    for chunk in _SEPARATORS.split(name):
        if chunk:
            tokens.extend(part.lower() for part in _split_chunk(chunk))
    return tuple(tokens[:MAX_NAME_WORDS])


def cut_short(name: str) -> bool:
    """Whether `tokenize` read only the start of `name`."""
    if len(name) < MAX_NAME_WORDS:  # a word takes a character at least: most names
        return False
    return len(name) > MAX_NAME_CHARS or len(tokenize(name)) == MAX_NAME_WORDS


def _split_chunk(chunk: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for i in range(1, len(chunk)):
        before, here = chunk[i - 1], chunk[i]
        if (
            (before.isdigit() != here.isdigit())
            or (before.islower() and here.isupper())
            or (
                before.isupper()
                and here.isupper()
                and i + 1 < len(chunk)
                and chunk[i + 1].islower()
                and not _inflected_acronym(chunk, i)
            )
        ):
            parts.append(chunk[start:i])
            start = i
    parts.append(chunk[start:])
    return parts


_INFLECTIONS = ("es", "ed", "s", "d")


def _inflected_acronym(chunk: str, i: int) -> bool:
    """Does the acronym ending at `chunk[i]` carry an inflection ("PDFs", "RSVPed")?"""
    end = i + 1
    while end < len(chunk) and chunk[end].islower():
        end += 1
    return chunk[i - 1 : i + 1].isupper() and chunk[i + 1 : end] in _INFLECTIONS
