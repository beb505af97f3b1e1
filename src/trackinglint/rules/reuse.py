"""What a rule worked out about one plan object, kept for the next run of a long-lived process.

The language server re-reads only the file an edit changed; every other event
(with its properties) is the very object of the run before, moved to the new
document (`readers.native.read_again`, `readcache`). What a rule derives from
such an object alone (its contradictions, its undocumented properties, ...) is
then what it derived last time. Kept results hold no `Origin`: an origin made in
an earlier run points into an old document, so rules build their problems each
run from the objects' current origins.

Entries hold their object and are found by identity (`is`), so an id reused by a
later object is never mistaken for it. Each table keeps only the objects its
rule met on the plan's last run: memory stays that of the plan itself.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from ..model import INACTIVE, Event, Plan, Property

T = TypeVar("T")
V = TypeVar("V")

_TABLES_KEPT = 64  # (rule, plan) pairs: a few plans open in an editor, a dozen rules each
_tables: OrderedDict[tuple[str, tuple[str, ...]], dict[int, tuple[Any, Any]]] = OrderedDict()


class Kept(Generic[T, V]):
    """One rule's results per object of one plan: last run's, and this run's."""

    __slots__ = ("_compute", "_earlier", "_now")

    def __init__(
        self,
        compute: Callable[[T], V],
        earlier: dict[int, tuple[Any, Any]] | None,
        now: dict[int, tuple[Any, Any]] | None,
    ) -> None:
        self._compute = compute
        self._earlier = earlier or {}
        self._now = now

    @property
    def keeps(self) -> bool:
        """False in a one-off run: a rule may then rather walk the plan's shared lists
        (`Plan.all_properties`, built once for every rule) than each event."""
        return self._now is not None

    def __call__(self, item: T) -> V:
        """`compute(item)`, or its result from the last run when `item` is the same object."""
        now = self._now
        if now is None:  # nothing is kept: a one-off run (the CLI)
            return self._compute(item)
        key = id(item)
        found = self._earlier.get(key)
        if found is None or found[0] is not item:
            found = (item, self._compute(item))
        now[key] = found
        return found[1]

    def each(self, items: Iterable[T]) -> list[tuple[T, V]]:
        """Every item with `self(item)`, in one loop: a plan has thousands of events."""
        compute, now = self._compute, self._now
        if now is None:
            return [(item, compute(item)) for item in items]
        earlier = self._earlier
        results = []
        for item in items:
            key = id(item)
            found = earlier.get(key)
            if found is None or found[0] is not item:
                found = (item, compute(item))
            now[key] = found
            results.append((item, found[1]))
        return results


def kept(name: str, plan: Plan, compute: Callable[[T], V], keep: bool) -> Kept[T, V]:
    """`compute` per object of `plan`, reusing last run's results when `keep`; `name`
    names what `compute` works out (a rule's code, or a name rules share for one
    function).

    `compute` must depend on nothing but its object (and the document data under
    the object's origin, which stays equal while the object is kept): not on
    options, the rest of the plan, or the origin's document."""
    if not keep:
        return Kept(compute, None, None)
    key = (name, tuple(document.display_path for document in plan.documents))
    earlier = _tables.pop(key, None)
    now: dict[int, tuple[Any, Any]] = {}
    _tables[key] = now  # filled as the rule runs
    while len(_tables) > _TABLES_KEPT:
        _tables.popitem(last=False)
    return Kept(compute, earlier, now)


def chosen_properties(
    name: str, plan: Plan, choose: Callable[[Property], bool], keep: bool
) -> list[tuple[Event | None, Property]]:
    """The plan's properties that `choose` picks, each with its event (None for a
    shared definition), in `Plan.all_properties` order; with `keep`, each event's
    pick is kept while the event is. `choose` must look at the property alone."""
    if not keep:  # a one-off run: the plan's list, built once for every rule
        return [(owner, prop) for owner, prop in plan.all_properties() if choose(prop)]

    def chosen_in(event: Event) -> list[Property]:
        return [prop for prop in tree(event.properties.values()) if choose(prop)]

    per_event = kept(name, plan, chosen_in, True)
    found: list[tuple[Event | None, Property]] = [
        (None, prop) for prop in tree(plan.properties.values()) if choose(prop)
    ]
    for event, props in per_event.each(plan.events.values()):
        found.extend((event, prop) for prop in props)
    for other, props in per_event.each(plan.non_events.values()):
        if props and other.status not in INACTIVE:
            found.extend((other, prop) for prop in props)
    return found


def tree(props: Iterable[Property]) -> list[Property]:
    """Properties and their members, nested ones too, in `Plan.all_properties` order:
    what a rule walks per event when it keeps per-event results."""
    found: list[Property] = []
    for prop in props:
        found.append(prop)
        if prop.properties:
            found.extend(tree(prop.properties.values()))
        if prop.items is not None:
            found.extend(tree((prop.items,)))
    return found
