"""SDK call shapes, as data: which call sends an event, where its name and properties sit.

A slot says where a value sits in a call: `(0,)` the first positional argument,
`("event",)` the keyword argument `event`, `(0, "event")` the key `event` of an
object passed first (`analytics.track({event: ...})`), `(0, "@build", 0)` the first
argument of a call to `build` passed first. A shape lists slots in
order of preference; the first present wins. Callees compare case-insensitively,
without `()`: a dotted pattern matches the end of a callee (`window.analytics.track`
is `analytics.track`); a bare function name matches only itself (or `window.NAME`).

Sources: each SDK's public documentation and README (Segment analytics.js, -node,
-python, -ruby, -go, -swift, -kotlin; RudderStack; Amplitude Browser/Python/Kotlin/
Swift; Mixpanel; PostHog; Snowplow browser tracker, tag and mobile trackers; GA4
gtag.js and the GTM data layer; mParticle; Heap; Pendo; Datadog RUM; Firebase
Analytics; Braze).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Slot = tuple[int | str, ...]

JS = frozenset({"javascript", "typescript", "tsx"})
PY = frozenset({"python"})
RB = frozenset({"ruby"})
GO = frozenset({"go"})
MOBILE = frozenset({"java", "kotlin", "swift"})
JVM = frozenset({"java", "kotlin"})
SWIFT = frozenset({"swift"})
NOT_PY_RB_GO = JS | MOBILE


@dataclass(frozen=True, slots=True)
class Shape:
    sdk: str
    callees: tuple[str, ...]
    event: tuple[Slot, ...]
    properties: tuple[Slot, ...] = ()
    languages: frozenset[str] = NOT_PY_RB_GO
    when: tuple[Slot, str] | None = None  # a slot that must hold this string (gtag 'event')
    iglu: bool = False  # the event slot holds an Iglu schema URI; its name is the event's
    extra: tuple[tuple[str, Slot], ...] = ()  # more properties from their own slots
    exclude: tuple[str, ...] = ()  # keys of the properties object that are not properties
    sent_by_outer: bool = False  # an event object (BaseEvent(...)): placed at the call sending it
    patterns: tuple[tuple[str, ...], ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "patterns", tuple(_segments(c) for c in self.callees))

    def matches(self, callee: str, segments: tuple[str, ...] | None = None) -> bool:
        segments = segments if segments is not None else _segments(callee)
        for pattern in self.patterns:
            if len(pattern) == 1:
                if segments == pattern or segments == ("window", *pattern):
                    return True
            elif segments[-len(pattern) :] == pattern:
                return True
        return False

    @property
    def methods(self) -> set[str]:
        """The last callee names, for the cheap filter while reading a file."""
        return {c.rsplit(".", 1)[-1].removesuffix("()") for c in self.callees}


def _segments(callee: str) -> tuple[str, ...]:
    """`self` is `this` (a wrapper declared as this.props.track matches Swift's self.props)."""
    parts = tuple(
        part.removesuffix("()").rstrip("?!").lower()
        for part in callee.replace("::", ".").split(".")
    )
    return ("this", *parts[1:]) if parts and parts[0] == "self" else parts


# Positional (name, properties) first and second, or an object {event, properties}.
_EVENT = ((0, "event"), (0,))
_PROPS = ((0, "properties"), (1,))
_NAMED = (("name",), ("event",), ("eventName",), (0,))
_NAMED_PROPS = (("properties",), ("props",), (1,))

SHAPES: tuple[Shape, ...] = (
    # --- Segment --------------------------------------------------------------------
    Shape(
        "segment",
        (
            "analytics.track",
            "segment.track",
            "Analytics.shared().track",
            "Analytics.with().track",
            "Analytics.main.track",
        ),
        _EVENT + _NAMED,
        _PROPS + _NAMED_PROPS,
    ),
    Shape(
        "segment",
        ("analytics.track", "segment.track", "Analytics.track", "Segment::Analytics.track"),
        (("event",), (0, "event"), (1,)),
        (("properties",), (0, "properties"), (2,)),
        PY | RB,
    ),
    Shape(
        "segment", ("analytics.Track",), (("Event",),), (("Properties",),), GO, sent_by_outer=True
    ),
    # --- RudderStack ----------------------------------------------------------------
    Shape(
        "rudderstack",
        (
            "rudderanalytics.track",
            "rudderAnalytics.track",
            "rudder.track",
            "rudderClient.track",
            "RudderClient.getInstance().track",
            "RSClient.sharedInstance().track",
        ),
        _EVENT + _NAMED,
        _PROPS + _NAMED_PROPS,
    ),
    Shape(
        "rudderstack",
        ("rudder_analytics.track", "rudderanalytics.track", "Rudder.track", "rudder.track"),
        (("event",), (0, "event"), (1,)),
        (("properties",), (0, "properties"), (2,)),
        PY | RB,
    ),
    Shape(
        "rudderstack",
        ("rudderanalytics.Track",),
        (("Event",),),
        (("Properties",),),
        GO,
        sent_by_outer=True,
    ),
    # --- Amplitude ------------------------------------------------------------------
    Shape(
        "amplitude",
        (
            "amplitude.track",
            "amplitude.logEvent",
            "amplitudeClient.track",
            "amplitude.getInstance().logEvent",
            "Amplitude.getInstance().logEvent",
            "Amplitude.instance().logEvent",
            "ampli.track",
        ),
        ((0, "event_type"), ("eventType",), (0,)),
        ((0, "event_properties"), ("eventProperties",), ("withEventProperties",), (1,)),
    ),
    Shape(
        "amplitude",
        ("BaseEvent",),
        (("event_type",), (0,)),
        (("event_properties",),),
        PY,
        sent_by_outer=True,
    ),
    Shape(
        "amplitude",
        ("BaseEvent",),
        (("eventType",), (0,)),
        (("eventProperties",),),
        MOBILE,
        sent_by_outer=True,
    ),
    Shape(
        "amplitude",
        ("amplitude.Event",),
        (("EventType",),),
        (("EventProperties",),),
        GO,
        sent_by_outer=True,
    ),
    # --- Mixpanel -------------------------------------------------------------------
    Shape(
        "mixpanel",
        (
            "mixpanel.track",
            "Mixpanel.mainInstance().track",
            "MixpanelAPI.getInstance().track",
            "mixpanelAPI.track",
        ),
        (("event",), ("eventName",), ("name",), (0,)),
        (("properties",), (1,)),
    ),
    Shape(
        "mixpanel",
        ("mixpanel.track", "mp.track", "tracker.track"),
        (("event_name",), (1,)),
        (("properties",), (2,)),
        PY | RB,
    ),
    # Go: mp.Track(ctx, []*mixpanel.Event{mp.NewEvent(name, distinctID, props)})
    Shape(
        "mixpanel",
        ("mp.NewEvent", "mixpanel.NewEvent", "mixpanelClient.NewEvent"),
        ((0,),),
        ((2,),),
        GO,
    ),
    Shape(
        "snowplow",
        ("sp.StructuredEvent", "tracker.StructuredEvent", "snowplow.StructuredEvent"),
        (("Action",),),
        (),
        GO,
        extra=(
            ("category", ("Category",)),
            ("label", ("Label",)),
            ("property", ("Property",)),
            ("value", ("Value",)),
        ),
        sent_by_outer=True,
    ),
    # --- PostHog --------------------------------------------------------------------
    Shape(
        "posthog",
        (
            "posthog.capture",
            "PostHog.capture",
            "PostHogSDK.shared.capture",
            "PostHog.with().capture",
        ),
        ((0, "event"), ("event",), (0,)),
        ((0, "properties"), ("properties",), (1,)),
    ),
    Shape(
        "posthog",
        ("posthog.capture", "posthog_client.capture"),
        (("event",), (0, "event"), (1,), (0,)),
        (("properties",), (0, "properties"), (2,)),
        PY | RB,
    ),
    Shape(
        "posthog", ("posthog.Capture",), (("Event",),), (("Properties",),), GO, sent_by_outer=True
    ),
    # --- Snowplow -------------------------------------------------------------------
    # the node tracker: tracker.track(buildStructEvent({...}))
    Shape(
        "snowplow",
        ("tracker.track", "snowplowTracker.track", "snowplow.track"),
        ((0, "@buildStructEvent", 0, "action"),),
        ((0, "@buildStructEvent", 0),),
        JS,
        exclude=("action", "context"),
    ),
    Shape(
        "snowplow",
        ("trackStructEvent",),
        ((0, "action"),),
        ((0,),),
        JS,
        exclude=("action", "context"),
    ),
    Shape(
        "snowplow",
        ("snowplow", "window.snowplow"),
        ((2,),),
        (),
        JS,
        when=((0,), "trackStructEvent"),
        extra=(("category", (1,)), ("label", (3,)), ("property", (4,)), ("value", (5,))),
    ),
    Shape(
        "snowplow",
        ("trackSelfDescribingEvent",),
        ((0, "event", "schema"),),
        ((0, "event", "data"),),
        JS,
        iglu=True,
    ),
    Shape(
        "snowplow",
        ("snowplow", "window.snowplow"),
        ((1, "schema"),),
        ((1, "data"),),
        JS,
        when=((0,), "trackSelfDescribingEvent"),
        iglu=True,
    ),
    Shape(
        "snowplow",
        (
            "StructuredEvent",
            "track_struct_event",
            "tracker.track_struct_event",
            "t.track_struct_event",
        ),
        (("action",), (1,)),
        (),
        PY | RB,
        extra=(
            ("category", ("category",)),
            ("category", (0,)),
            ("label", ("label",)),
            ("label", (2,)),
            ("property", ("property_",)),
            ("property", ("property",)),
            ("property", (3,)),
            ("value", ("value",)),
            ("value", (4,)),
        ),
        sent_by_outer=True,
    ),
    Shape(
        "snowplow",
        ("SelfDescribingJson",),
        (("schema",), (0,)),
        (("data",), (1,)),
        PY | MOBILE | RB,
        iglu=True,
        sent_by_outer=True,
    ),
    Shape(
        "snowplow",
        ("Structured",),
        (("action",), (1,)),
        (),
        MOBILE,
        extra=(("category", ("category",)),),
        sent_by_outer=True,
    ),
    Shape(
        "snowplow",
        ("Structured",),
        ((1,),),
        (),
        MOBILE,
        extra=(("category", (0,)),),
        sent_by_outer=True,
    ),
    # --- Google Analytics 4 / Tag Manager -------------------------------------------
    Shape("ga4", ("gtag",), ((1,),), ((2,),), JS, when=((0,), "event")),
    Shape("gtm", ("dataLayer.push",), ((0, "event"),), ((0,),), JS, exclude=("event",)),
    Shape(
        "gtm",
        ("dataLayer.append", "dataLayer.add"),
        ((0, "event"),),
        ((0,),),
        MOBILE,
        exclude=("event",),
    ),
    # --- mParticle ------------------------------------------------------------------
    Shape("mparticle", ("mParticle.logEvent",), ((0,),), ((2,),), JS),
    Shape(
        "mparticle", ("MPEvent.Builder", "MPEvent"), (("name",), (0,)), (), JVM, sent_by_outer=True
    ),
    # iOS: let event = MPEvent(name: ..., type: ...); MParticle.sharedInstance().logEvent(event)
    Shape(
        "mparticle",
        ("MParticle.sharedInstance().logEvent",),
        ((0, "@MPEvent", "name"), (0, "@MPEvent", 0)),
        (),
        SWIFT,
    ),
    # --- Heap -----------------------------------------------------------------------
    Shape(
        "heap", ("heap.track", "Heap.track", "Heap.shared.track"), ((0,),), (("properties",), (1,))
    ),
    # --- Pendo ----------------------------------------------------------------------
    Shape(
        "pendo",
        (
            "pendo.track",
            "Pendo.track",
            "PendoManager.shared().track",
            "PendoManager.getInstance().track",
        ),
        ((0,),),
        (("properties",), (1,)),
    ),
    # --- Datadog RUM ----------------------------------------------------------------
    Shape("datadog", ("datadogRum.addAction", "DD_RUM.addAction"), ((0,),), ((1,),), JS),
    Shape(
        "datadog",
        (
            "GlobalRumMonitor.get().addAction",
            "GlobalRum.get().addUserAction",
            "RUMMonitor.shared().addAction",
        ),
        (("name",), (1,)),
        (("attributes",), (2,)),
        MOBILE,
    ),
    # --- Firebase Analytics ---------------------------------------------------------
    Shape("firebase", ("logEvent",), ((1,),), ((2,),), JS),
    Shape(
        "firebase",
        (
            "analytics().logEvent",
            "firebase.analytics().logEvent",
            "firebaseAnalytics.logEvent",
            "FirebaseAnalytics.getInstance().logEvent",
            "Firebase.analytics.logEvent",
            "Analytics.logEvent",
            "mFirebaseAnalytics.logEvent",
        ),
        ((0,),),
        (("parameters",), (1,)),
    ),
    # --- Braze ----------------------------------------------------------------------
    Shape(
        "braze",
        (
            "braze.logCustomEvent",
            "appboy.logCustomEvent",
            "Braze.getInstance().logCustomEvent",
            "Appboy.getInstance().logCustomEvent",
            "AppDelegate.braze.logCustomEvent",
            "Braze.logCustomEvent",
        ),
        (("name",), (0,)),
        (("properties",), (1,)),
    ),
)


class SignatureError(ValueError):
    """A --track-function or `track-functions` entry that cannot be read."""


_SIGNATURE = re.compile(
    r"\s*(?P<callee>[A-Za-z_$][\w$]*(?:\(\))?(?:(?:\.|::)[A-Za-z_$][\w$]*(?:\(\))?)*)"
    r"\s*(?:\((?P<params>[^()]*)\))?\s*\Z"
)
_PARAM = re.compile(r"[A-Za-z_$][\w$]*\Z")


def wrapper_shape(signature: str) -> Shape:
    """`trackEvent(EVENT_NAME, PROPERTIES)`, `Analytics.log(userId, EVENT_NAME, PROPERTIES)`,
    or a bare name meaning `(EVENT_NAME, PROPERTIES)`."""
    match = _SIGNATURE.match(signature)
    if match is None:
        raise SignatureError(
            f"cannot read track function {signature!r}: expected NAME or "
            "NAME(EVENT_NAME, PROPERTIES), e.g. trackEvent(EVENT_NAME, PROPERTIES)"
        )
    callee = match["callee"].replace("::", ".")
    params = match["params"]
    names = (
        ["EVENT_NAME", "PROPERTIES"]
        if params is None
        else [p.strip() for p in params.split(",") if p.strip()]
    )
    for name in names:
        if not _PARAM.match(name):
            raise SignatureError(f"track function {signature!r}: {name!r} is not an argument name")
    if "EVENT_NAME" not in names:
        raise SignatureError(
            f"track function {signature!r} has no EVENT_NAME: say which argument is the event"
        )
    event: tuple[Slot, ...] = ((names.index("EVENT_NAME"),),)
    props: tuple[Slot, ...] = ((names.index("PROPERTIES"),),) if "PROPERTIES" in names else ()
    # any other named argument is sent too: `log(userId, EVENT_NAME, PROPERTIES)` sends userId
    extra = tuple(
        (name, (index,))
        for index, name in enumerate(names)
        if name not in ("EVENT_NAME", "PROPERTIES")
    )
    callees = (callee,) if "." in callee else (callee, f"this.{callee}")
    return Shape("custom", callees, event, props, languages=ALL, extra=extra)


ALL = JS | PY | RB | GO | MOBILE


def shapes_for(signatures: Sequence[str]) -> tuple[Shape, ...]:
    """The built-in shapes, after the declared wrappers (which win when both match)."""
    return tuple(wrapper_shape(s) for s in signatures) + SHAPES


def segments(callee: str) -> tuple[str, ...]:
    """A callee as compared with the shapes: lower case, without `()`, `::` as `.`."""
    return _segments(callee)


def by_method(shapes: Sequence[Shape]) -> dict[str, list[Shape]]:
    """Shapes by the last segment of their callees (lower case), in their order."""
    index: dict[str, list[Shape]] = {}
    for shape in shapes:
        for pattern in dict.fromkeys(p[-1] for p in shape.patterns):
            index.setdefault(pattern, []).append(shape)
    return index


def methods_of(shapes: Iterable[Shape]) -> frozenset[str]:
    return frozenset(m for shape in shapes for m in shape.methods)
