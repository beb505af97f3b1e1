"""The metric verdict: does a metric count motion (surface) or progress (outcome)?

Evidence (positive: outcome, negative: surface):

- the aggregation: unique users -2 and duration -2 count presence, cumulative
  -5 only rises (a running total of completions is still a vanity number),
  "per session" -1; count, sum, average and ratio say nothing; completion_rate
  +4 (the share of a job's starts that got done); retention +2 when its event
  completes a job (people come back to get it done again: fit) and -2
  otherwise (they come back to sign in or look around: habit);
- the events it reads: a job completion +2.5, a feature interaction or a
  friction signal -2.5 (a ratio's denominator weighs 0.5);
- with no event named, the plan's job completion its plural noun names
  ("Renewals": "Subscription Renewed", +2.5), or else that noun in the singular
  read as an event name ("renewal");
- its name, read like an event name ("Claims Settled" +2) plus the words
  of surface metrics ("active", "logins", "time in", "views": -2.5, or
  -1 when they are only what a completion verb acts on, as in "Visits
  Completed"), running totals ("total", "all time": -3), and progress words
  ("revenue", "win rate": +2).

A metric is an outcome only when the evidence says so; with no evidence it is
surface (confidence 0.5), since nothing shows it counts progress.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from ..model import Metric
from .events import verdict as event_verdict
from .lexicon import Lexicon
from .names import name_evidence
from .reading import Reading, content_tokens, read_name
from .tokens import tokenize
from .verdicts import (
    FEATURE_INTERACTION,
    JOB_COMPLETION,
    OUTCOME,
    SURFACE,
    EventVerdict,
    Evidence,
    MetricVerdict,
    probability,
)

AGGREGATIONS = {
    "unique_users": (-2.0, "aggregation unique_users counts people present, not work done"),
    "duration": (-2.0, "aggregation duration measures time spent"),
    "cumulative": (-5.0, "aggregation cumulative only ever rises"),
}
AGGREGATION_PHRASES = {
    "unique_users": "unique users",
    "duration": "duration",
    "cumulative": "cumulative count",
    "average": "average",
    "sum": "sum",
    "ratio": "ratio",
    "completion_rate": "completion rate",
    "retention": "retention",
}
EVENT = 2.5
DENOMINATOR = 0.5
PER_SESSION = 1.0
SURFACE_WORD = 2.5
SURFACE_OBJECT = 1.0
UNIT_WORD = 0.5
CUMULATIVE = 3.0
OUTCOME_WORD = 2.0
COMPLETION_RATE = 4.0
RETENTION = 2.0


EventIndex = Mapping[str, tuple[str, ...]]  # a word's form -> the events it names
_TRADED = frozenset({"deliverable-objects", "artifact-objects"})  # an order, an invoice


def classify_metric(
    metric: Metric,
    events: Mapping[str, EventVerdict],
    lexicon: Lexicon,
    event_index: Callable[[], EventIndex] | None = None,
) -> MetricVerdict:
    """One metric's verdict, given the verdicts of the plan's events.

    `event_index` (see `index_events`) lets a metric that names no event but is named
    by a plural noun ("Renewals") be read from the events that noun names."""
    evidence: list[Evidence] = []
    aggregation = AGGREGATIONS.get(_aggregation(metric))
    if aggregation:
        evidence.append(Evidence("aggregation", aggregation[1], aggregation[0]))
    if any(str(unit).rstrip("s") == "session" for unit in metric.per):
        evidence.append(Evidence("aggregation", "measured per session", -PER_SESSION))
    read: dict[str, EventVerdict] = {}
    for role, event_name in _events(metric):
        found = events.get(event_name)
        suffix = ""
        if found is None:
            named = name_evidence(event_name, lexicon)
            found = event_verdict(event_name, named, None, named)
            suffix = " (not in the plan; read from its name)"
        read[event_name] = found
        item = _event_evidence(role, found, suffix)
        if item:
            evidence.append(item)
    evidence.extend(_return_evidence(metric, read))
    clues = _name_clues(metric.name, lexicon)
    if not read:  # no event named: the events its plural noun names, or the noun alone
        noun = _plural_noun(metric.name)
        counted = _counted_event(noun, events, lexicon, event_index) if noun else None
        if counted is not None:
            clues = (*clues, counted)
        elif noun and not any(e.weight for e, _ in clues):
            clues = tuple(_singular_clue(metric.name, noun, lexicon)) or clues
    evidence.extend(e for e, _ in clues)
    phrases = {e.detail: phrase for e, phrase in clues}
    score = sum(e.weight for e in evidence)
    kind = OUTCOME if score > 0 else SURFACE
    if not any(e.weight for e in evidence):
        confidence = 0.5
    else:
        p = probability(score)
        confidence = p if kind == OUTCOME else 1.0 - p
    return MetricVerdict(
        metric.name,
        kind,
        confidence,
        tuple(evidence),
        _reason(metric, kind, evidence, read, phrases),
    )


def _events(metric: Metric) -> list[tuple[str, str]]:
    pairs = [("event", metric.event), ("numerator", metric.numerator)]
    pairs.append(("denominator", metric.denominator))
    return [(role, name) for role, name in pairs if name and isinstance(name, str)]


def _return_evidence(metric: Metric, read: Mapping[str, EventVerdict]) -> list[Evidence]:
    """completion_rate and retention: whether the share of people counted got a job done."""
    how = _aggregation(metric)
    within = f" within {metric.window}" if isinstance(metric.window, str) else ""
    if how == "completion_rate":
        job = f"job '{metric.job}'" if isinstance(metric.job, str) else "its job"
        detail = f"share of the starts of {job} that reach its completion{within}"
        return [Evidence("aggregation", detail, COMPLETION_RATE)]
    if how != "retention" or not isinstance(metric.event, str):
        return []
    found = read.get(metric.event)
    if found is not None and found.kind == JOB_COMPLETION:
        detail = f"retention{within} on a job completion: people come back to get the job done"
        return [Evidence("aggregation", detail + " again (fit)", RETENTION)]
    detail = f"retention{within} on motion: people come back, not necessarily to get anything"
    return [Evidence("aggregation", detail + " done (habit, not fit)", -RETENTION)]


def _aggregation(metric: Metric) -> str:
    return metric.aggregation if isinstance(metric.aggregation, str) else ""


def _event_evidence(role: str, found: EventVerdict, suffix: str) -> Evidence | None:
    if found.kind == JOB_COMPLETION:
        what, sign = f"job completion '{found.name}'", 1.0
    elif found.kind == FEATURE_INTERACTION:
        label = "friction signal" if found.friction else "feature interaction"
        what, sign = f"{label} '{found.name}'", -1.0
    else:
        return None
    if role == "denominator":
        return Evidence("event", f"divides by {what}{suffix}", sign * DENOMINATOR)
    return Evidence("event", f"counts {what}{suffix}", sign * EVENT)


def _name_clues(name: str, lexicon: Lexicon) -> tuple[tuple[Evidence, str], ...]:
    """The name's evidence, each with the phrase a reason would quote; cached."""
    cache = lexicon.memo("metric-name")
    found = cache.get(name)
    if found is None:
        found = cache[name] = tuple(_read_name(name, lexicon))
    return found


def _read_name(name: str, lexicon: Lexicon) -> list[tuple[Evidence, str]]:
    found = [(e, e.detail) for e in name_evidence(name, lexicon)]
    reading = read_name(name, lexicon)
    units = reading.units
    per = next((i for i, u in enumerate(units) if u.text == "per"), len(units))
    completes = reading.action is not None and (
        reading.action.is_in("completion-verbs") or reading.action.is_in("completion-states")
    )

    def add(detail: str, weight: float, phrase: str) -> None:
        found.append((Evidence("name", detail, weight), phrase))

    for i, unit in enumerate(units):
        quoted = f"'{unit.text}'"
        if unit.is_in("cumulative-words"):
            add(f"{quoted} is a running total", -CUMULATIVE, f"a running total ({quoted})")
        elif unit.is_in("outcome-metric-words"):
            add(f"{quoted} measures progress", OUTCOME_WORD, f"{quoted} in its name")
        elif not unit.is_in("surface-metric-words"):
            continue
        elif i > per:
            add(f"measured per {quoted}", -UNIT_WORD, f"measured per {quoted}")
        elif completes and unit in reading.objects:
            add(f"{quoted} is what gets done, not motion", -SURFACE_OBJECT, f"{quoted} in its name")
        else:
            add(f"{quoted} counts motion", -SURFACE_WORD, f"{quoted} in its name")
    return found


def index_events(names: Iterable[str], lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """Each form of each event's action, and of the deliverable it acts on -> the events:
    the events a metric's plural noun may name ("Renewals": "Subscription Renewed",
    "Orders": "Order Fulfilled"). A person or a thing of no trade ("Active Users") names
    none: "User Converted" is not what they count."""
    found: dict[str, list[str]] = {}
    by_words = lexicon.memo("counted-forms")  # names that share their words share forms
    for name in names:
        words = content_tokens(name, lexicon)
        forms = by_words.get(words)
        if forms is None:
            forms = by_words[words] = _counted_forms(read_name(name, lexicon), lexicon)
        for form in forms:
            found.setdefault(form, []).append(name)
    return {form: tuple(dict.fromkeys(events)) for form, events in found.items()}


def _counted_forms(reading: Reading, lexicon: Lexicon) -> frozenset[str]:
    """The forms of an event's action and of the deliverable it acts on."""
    head = reading.head
    traded = head is not None and not head.lexicons.isdisjoint(_TRADED)
    units = [unit for unit in (reading.action, head if traded else None) if unit is not None]
    return frozenset(form for unit in units for form in _forms_and_base(unit.text, lexicon))


def _plural_noun(name: str) -> str:
    """The plural noun a metric is named by, before any "per" ("Orders Per Week": orders)."""
    words = tokenize(name)
    counted = words[: words.index("per")] if "per" in words[1:] else words
    noun = counted[-1] if counted else ""
    return noun if len(noun) >= 4 and noun.endswith("s") and not noun.endswith("ss") else ""


def _counted_event(
    noun: str,
    events: Mapping[str, EventVerdict],
    lexicon: Lexicon,
    event_index: Callable[[], EventIndex] | None,
) -> tuple[Evidence, str] | None:
    """The plan's job completion that the metric's plural noun names ("Renewals":
    "Subscription Renewed", "Orders": "Order Fulfilled"), if there is one."""
    if event_index is None:
        return None
    index = event_index()
    forms = _forms_and_base(noun, lexicon) - {noun}
    named = dict.fromkeys(event for form in sorted(forms) for event in index.get(form, ()))
    done = next((e for e in named if events[e].kind == JOB_COMPLETION), None)
    if done is None:
        return None
    detail = f"counts job completion '{done}', which its noun '{noun}' names"
    return Evidence("event", detail, EVENT), f"'{noun}' counts '{done}'"


def _singular_clue(name: str, noun: str, lexicon: Lexicon) -> list[tuple[Evidence, str]]:
    """A plural noun that says nothing by itself ("renewals") read in the singular, as
    an event name would be ("renewal"): a count of renewals counts renewing."""
    words = tokenize(name)
    singular = _singular(noun)
    named = name_evidence(" ".join((*words[: words.index(noun)], singular)), lexicon)
    read = [e for e in named if e.weight]
    if not read or sum(e.weight for e in read) <= 0:
        return []
    top = max(read, key=lambda e: e.weight)
    detail = f"'{noun}' counts what '{singular}' names: {top.detail}"
    return [(Evidence("name", detail, top.weight), f"'{noun}': {top.detail}")]


def _singular(noun: str) -> str:
    """English plurals: "deliveries" -> delivery, "matches" -> match, "renewals" -> renewal."""
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "sses", "xes", "zes")):
        return noun[:-2]
    return noun[:-1]


def _forms_and_base(word: str, lexicon: Lexicon) -> frozenset[str]:
    """A word's forms and the verb a noun is built from ("renewals": renewal, renew)."""
    derived = lexicon.derivation(word)
    forms = lexicon.forms(word)
    return forms | {derived.base} if derived is not None else forms


def _reason(
    metric: Metric,
    kind: str,
    evidence: list[Evidence],
    read: Mapping[str, EventVerdict],
    phrases: Mapping[str, str],
) -> str:
    """One phrase for messages: what the metric counts, and the deciding evidence."""
    lead = "counts progress" if kind == OUTCOME else "counts motion"
    if not any(e.weight for e in evidence):
        return "nothing shows it counts progress"
    main = metric.event or metric.numerator
    agg = AGGREGATION_PHRASES.get(_aggregation(metric), "count")
    if metric.numerator and metric.denominator and not metric.event:
        return f"{lead}: ratio of '{metric.numerator}' to '{metric.denominator}'"
    agrees = {OUTCOME: JOB_COMPLETION, SURFACE: FEATURE_INTERACTION}[kind]
    surface_aggregation = _aggregation(metric) in AGGREGATIONS and kind == SURFACE
    if main and (surface_aggregation or (main in read and read[main].kind == agrees)):
        note = " (a friction signal)" if read[main].friction else ""
        return f"{lead}: {agg} of '{main}'{note}"
    sign = 1 if kind == OUTCOME else -1
    # the strongest evidence for the verdict; on a tie, a metric word over an event-like one
    strongest = max(
        (e for e in evidence if e.weight * sign > 0),
        key=lambda e: (abs(e.weight), phrases.get(e.detail, e.detail) != e.detail),
    )
    return f"{lead}: {phrases.get(strongest.detail, strongest.detail)}"
