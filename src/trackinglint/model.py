"""The plan model: what a tracking plan says, independent of its file format.

Every reader (native, Segment, RudderStack, Iglu, ...) produces these objects;
rules read only these. Each object keeps its `origin`: the document and the
path inside it, so a finding can point at the exact line and column.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .sources import Document, Focus, Pointer, Span, format_pointer


def value_at(data: Any, pointer: Pointer) -> Any:
    """The value at `pointer` inside parsed data, or None when a step is missing."""
    node = data
    for segment in pointer:
        try:
            node = node[segment]
        except (KeyError, IndexError, TypeError):
            return None
    return node


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a plan element was written: a document and a path inside it."""

    document: Document
    pointer: Pointer = ()

    def child(self, *segments: str | int) -> Origin:
        return Origin(self.document, (*self.pointer, *segments))

    @property
    def path(self) -> str:
        return format_pointer(self.pointer)

    def node(self) -> Any:
        """The parsed value written here, or None when the path leads nowhere."""
        return value_at(self.document.data, self.pointer)

    def field(self, *names: str) -> Origin:
        """The first of `names` written under this node, else this node itself:
        findings point at the offending field when there is one."""
        node = self.node()
        if isinstance(node, dict):
            for name in names:
                if name in node:
                    return self.child(name)
        return self

    def names(self, key: str) -> list[Origin]:
        """Where each name of a field holding one name or a list of names
        (`completion:`, `start:`) is written: one origin per string."""
        node = value_at(self.document.data, (*self.pointer, key))
        if isinstance(node, list):
            return [self.child(key, i) for i, item in enumerate(node) if isinstance(item, str)]
        return [self.child(key)] if isinstance(node, str) else []

    def span(self, focus: Focus = "key") -> Span:
        return self.document.span(self.pointer, focus)


@dataclass(slots=True)
class Property:
    name: str
    origin: Origin
    types: tuple[str, ...] = ()  # empty when untyped
    required: bool = False
    description: str | None = None
    pii: bool | None = None
    ref: str | None = None
    schema: Mapping[str, Any] = field(default_factory=dict)
    properties: dict[str, Property] = field(default_factory=dict)  # object members
    items: Property | None = None  # array items


# Segment / RudderStack call types, and Mixpanel's user profile (set, not sent as an event)
CALLS = ("track", "identify", "page", "screen", "group", "profile")


@dataclass(slots=True)
class Event:
    """An event, or a schema written like one that is not a tracked event: an
    identify, page, screen or group rule, an Iglu entity (context), or an event
    its vendor marks deleted or blocked. Readers keep those in `Plan.non_events`,
    so the rules and the classifier, which read `Plan.events`, never judge them
    as events; `call`, `entity` and `status` say what they are."""

    name: str
    origin: Origin
    description: str | None = None
    kind: str | None = None  # declared kind; classification infers it otherwise
    job: str | None = None
    owner: str | None = None
    tags: tuple[str, ...] = ()
    properties: dict[str, Property] = field(default_factory=dict)
    call: str = "track"  # one of CALLS
    entity: bool = False  # an Iglu entity (context) schema: data attached to events
    status: str = "live"  # as its vendor says: live, planned, deleted, blocked, ...
    namespace: str | None = None  # prefix of `name` that is not the name as sent (Iglu vendor)

    @property
    def is_event(self) -> bool:
        """A live tracked event: what rules about events judge."""
        return self.call == "track" and not self.entity and self.status not in INACTIVE

    @property
    def title(self) -> str:
        """How a message names it: `event 'Order Completed'`, `the identify call`,
        `the page call 'Home'`, `entity 'web_page'`, `deleted event 'Old'`."""
        if self.call == "profile":
            return "the user profile"
        if self.call != "track":
            named = f" '{self.name}'" if self.name != self.call else ""
            return f"the {self.call} call{named}"
        if self.entity:
            return f"entity '{self.name}'"
        if self.status in INACTIVE:
            return f"{self.status} event '{self.name}'"
        return f"event '{self.name}'"

    @property
    def sent_name(self) -> str:
        """The name without its `namespace/` prefix: what naming rules judge."""
        if self.namespace and self.name.startswith(self.namespace + "/"):
            return self.name[len(self.namespace) + 1 :]
        return self.name


# statuses of an event that is not sent as planned: deleted, blocked or dropped by its
# vendor, or a custom event (Mixpanel) computed from others
INACTIVE = frozenset({"deleted", "blocked", "removed", "dropped", "custom"})


@dataclass(slots=True)
class Job:
    name: str
    origin: Origin
    description: str | None = None
    completion: tuple[str, ...] = ()
    start: tuple[str, ...] = ()  # the events that begin an attempt at the job


@dataclass(slots=True)
class Target:
    origin: Origin
    value: Any = None
    by: str | None = None


@dataclass(slots=True)
class Metric:
    name: str
    origin: Origin
    description: str | None = None
    event: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    aggregation: str | None = None
    per: tuple[str, ...] = ()
    direction: str | None = None
    decision: str | None = None
    target: Target | None = None
    gaming_test: str | None = None
    role: str | None = None
    north_star: bool = False
    job: str | None = None  # completion_rate: the job whose starts reach its completion
    window: str | None = None  # completion_rate, retention: how long the plan waits

    @property
    def event_names(self) -> tuple[str, ...]:
        """Every event the metric reads, in declaration order."""
        names = (self.event, self.numerator, self.denominator)
        return tuple(name for name in names if name)


@dataclass(slots=True)
class MetricRef:
    name: str
    origin: Origin


@dataclass(slots=True)
class Dashboard:
    name: str
    origin: Origin
    description: str | None = None
    metrics: tuple[MetricRef, ...] = ()


@dataclass(slots=True)
class Product:
    origin: Origin
    name: str | None = None
    job: str | None = None
    description: str | None = None


@dataclass(slots=True)
class Redefinition:
    """The same name defined twice across the files of one plan."""

    section: str
    name: str
    first: Origin
    again: Origin


@dataclass(slots=True)
class Plan:
    """One tracking plan, possibly spread over several files."""

    documents: list[Document] = field(default_factory=list)
    label: str = ""  # how reports name the plan: its product, file or folder
    product: Product | None = None
    jobs: dict[str, Job] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    # identify/page/screen/group rules, Iglu entities, deleted or blocked events:
    # read and located, but not events (see Event); keyed by their label
    non_events: dict[str, Event] = field(default_factory=dict)
    properties: dict[str, Property] = field(default_factory=dict)  # shared definitions
    metrics: dict[str, Metric] = field(default_factory=dict)
    dashboards: dict[str, Dashboard] = field(default_factory=dict)
    redefinitions: list[Redefinition] = field(default_factory=list)
    _flat: list[tuple[Event | None, Property]] | None = field(default=None, repr=False)

    def merge(self, other: Plan) -> None:
        """Fold another fragment in; the first definition of a name wins."""
        self._flat = None
        self.documents.extend(other.documents)
        if other.product is not None:
            if self.product is None:
                self.product = other.product
            else:
                self.redefinitions.append(
                    Redefinition("product", "product", self.product.origin, other.product.origin)
                )
        for label, item in other.non_events.items():
            self.non_events.setdefault(label, item)
        for section in ("jobs", "events", "properties", "metrics", "dashboards"):
            for name, item in getattr(other, section).items():
                self.define(section, name, item)
        self.redefinitions.extend(other.redefinitions)

    def define(self, section: str, name: str, item: Any) -> None:
        """Add a job, event, shared property, metric or dashboard: the first
        definition of a name wins, a second is kept as a redefinition."""
        self._flat = None
        table = getattr(self, section)
        first = table.get(name)
        if first is None:
            table[name] = item
        else:
            self.redefinitions.append(Redefinition(section, name, first.origin, item.origin))

    def all_properties(self) -> list[tuple[Event | None, Property]]:
        """Every property definition: shared ones, then each event's (and each live
        non-event's), nested included.

        Built once and kept: a dozen rules walk all of them on every run.
        """
        if self._flat is None:
            flat: list[tuple[Event | None, Property]] = []
            for prop in self.properties.values():
                flat.extend(_walk(None, prop))
            for event in self.events.values():
                for prop in event.properties.values():
                    flat.extend(_walk(event, prop))
            # traits of identify/group calls and members of entities are properties
            # too (typing, naming and PII checks apply); deleted events' are not
            for other in self.non_events.values():
                if other.status not in INACTIVE:
                    for prop in other.properties.values():
                        flat.extend(_walk(other, prop))
            self._flat = flat
        return self._flat


def _walk(event: Event | None, prop: Property) -> Iterator[tuple[Event | None, Property]]:
    yield event, prop
    for child in prop.properties.values():
        yield from _walk(event, child)
    if prop.items is not None:
        yield from _walk(event, prop.items)
