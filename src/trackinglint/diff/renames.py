"""Which removed event reappears under a new name.

A rename is a removal and an addition that are the same event: the names are
equal apart from case and separators (`Deal Qualified` → `deal_qualified`),
or the properties are identical (names, types, required) and there are at
least two of them, or one with the same description. Each event is matched at
most once, and a tie is left unmatched: reporting a removal is better than
naming the wrong successor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import Event
from .properties import PropertyView, normalised

SAME_NAME, SAME_PROPERTIES = 2, 1
REASONS = {
    SAME_NAME: "same name apart from case and separators",
    SAME_PROPERTIES: "same properties",
}


def match_renames(
    removed: Sequence[str],
    added: Sequence[str],
    old_events: Mapping[str, Event],
    new_events: Mapping[str, Event],
    old_views: Mapping[str, Mapping[str, PropertyView]],
    new_views: Mapping[str, Mapping[str, PropertyView]],
) -> dict[str, tuple[str, str]]:
    """Old name -> (new name, why they were matched)."""
    candidates: list[tuple[int, str, str]] = []
    for old in removed:
        for new in added:
            strength = _strength(old_events[old], new_events[new], old_views[old], new_views[new])
            if strength:
                candidates.append((strength, old, new))
    matched: dict[str, tuple[str, str]] = {}
    taken: set[str] = set()
    for strength in (SAME_NAME, SAME_PROPERTIES):
        level = [(old, new) for s, old, new in candidates if s == strength]
        for old, new in level:
            if old in matched or new in taken:
                continue
            rivals = [(o, n) for o, n in level if (o == old) != (n == new) and o not in matched]
            if any(n not in taken for _, n in rivals):
                continue  # a tie: two candidates equally good
            matched[old] = (new, REASONS[strength])
            taken.add(new)
    return matched


def _strength(
    old: Event,
    new: Event,
    old_properties: Mapping[str, PropertyView],
    new_properties: Mapping[str, PropertyView],
) -> int:
    if normalised(old.name) == normalised(new.name):
        return SAME_NAME
    signature = _signature(old_properties)
    if signature and signature == _signature(new_properties):
        described = bool(old.description) and old.description == new.description
        if len(signature) >= 2 or described:
            return SAME_PROPERTIES
    return 0


def _signature(properties: Mapping[str, PropertyView]) -> frozenset[tuple[str, str, bool]]:
    return frozenset(
        (name, ",".join(sorted(view.types)), view.required) for name, view in properties.items()
    )
