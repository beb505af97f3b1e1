"""`classify(plan)`: every event and metric of a plan, with verdicts and evidence.

Plugins take part through two hooks: `event_evidence` adds evidence about an
event (every plugin's list counts), `get_classifier` replaces the built-in
classifier outright. Both are called one plugin at a time and guarded: a
plugin that raises or returns nonsense is skipped and named in
`Classification.failures`; classification itself never fails because of one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from ..gcpause import gc_paused
from ..model import Event, Plan
from .events import classify_event, completions_by_event, starts_by_event
from .lexicon import LEXICON_NAMES, load_lexicon
from .metrics import classify_metric, index_events
from .verdicts import Classification, Evidence

if TYPE_CHECKING:
    from ..plugins import Registry

PluginEvidence = Callable[[Event, Plan], list[Evidence]]


def classify(
    plan: Plan,
    registry: Registry | None = None,
    lexicon_extra: Mapping[str, Iterable[str]] | None = None,
) -> Classification:
    """Classify every event and metric of `plan`.

    `registry` (a `trackinglint.plugins.Registry`) brings in plugin hooks;
    without one only the built-in evidence counts. `lexicon_extra` adds
    words to the shipped lexicons, keyed by lexicon name (see LEXICON_NAMES).
    The result depends on these inputs only.
    """
    failures: list[str] = []
    manager = getattr(registry, "manager", None)
    if manager is not None:
        replaced = _replacement(manager, plan, failures)
        if replaced is not None:
            return replaced
    extra = dict(lexicon_extra or {})
    unknown = sorted(set(extra) - set(LEXICON_NAMES))
    if unknown:
        raise ValueError(f"unknown lexicon '{unknown[0]}'; known: {', '.join(LEXICON_NAMES)}")
    lexicon = load_lexicon(extra)
    plugin_evidence = _evidence_hook(manager, failures) if manager is not None else None
    completes = completions_by_event(plan.jobs)
    starts = starts_by_event(plan.jobs)
    with gc_paused():
        if plugin_evidence is None:
            events = _known_verdicts(plan, lexicon, completes, starts)
        else:
            events = {
                name: classify_event(
                    event, lexicon, completes, plan.jobs, plugin_evidence(event, plan), starts
                )
                for name, event in plan.events.items()
            }
        # built on first need only: most plans' metrics name their events
        index = cache(lambda: index_events(plan.events, lexicon))
        metrics = {
            name: classify_metric(metric, events, lexicon, index)
            for name, metric in plan.metrics.items()
        }
    return Classification(events, metrics, tuple(failures))


def _known_verdicts(
    plan: Plan,
    lexicon: Any,
    completes: Mapping[str, list[str]],
    starts: Mapping[str, list[str]],
) -> dict[str, Any]:
    """Every event's verdict, reusing one from an earlier run when the event is the
    same object (a long-lived server keeps unchanged files' events) in the same jobs'
    context: on a 5,000-event plan split over files, an edit re-classifies one file."""
    kept = lexicon.memo("event-verdicts")
    verdicts = {}
    no_jobs: tuple[Any, ...] = ((), (), None)  # the context of most events: no job names them
    for name, event in plan.events.items():
        linked = plan.jobs.get(event.job) if isinstance(event.job, str) else None
        if linked is None and name not in completes and name not in starts:
            context = no_jobs
        else:
            context = (
                tuple(completes.get(name, ())),
                tuple(starts.get(name, ())),
                (linked.name, linked.completion, linked.start) if linked is not None else None,
            )
        found = kept.get(id(event))
        if found is None or found[0] is not event or found[1] != context:
            verdict = classify_event(event, lexicon, completes, plan.jobs, (), starts)
            found = kept[id(event)] = (event, context, verdict)
        verdicts[name] = found[2]
    return verdicts


def _replacement(manager: Any, plan: Plan, failures: list[str]) -> Classification | None:
    """A plugin's own classifier's result, or None to use the built-in one."""
    try:
        classifier = manager.hook.get_classifier()
    except Exception as exc:
        failures.append(f"hook get_classifier raised {_describe(exc)}; the built-in one was used")
        return None
    if classifier is None:
        return None
    try:
        result = classifier.classify(plan)
    except Exception as exc:
        failures.append(
            f"classifier {type(classifier).__name__} raised {_describe(exc)}; "
            "the built-in one was used"
        )
        return None
    if not isinstance(result, Classification):
        failures.append(
            f"classifier {type(classifier).__name__} returned {type(result).__name__}, "
            "not a Classification; the built-in one was used"
        )
        return None
    return result


def _evidence_hook(manager: Any, failures: list[str]) -> PluginEvidence | None:
    """A function gathering every plugin's evidence for one event, each call guarded."""
    caller = getattr(manager.hook, "event_evidence", None)
    impls = list(caller.get_hookimpls()) if caller is not None else []
    if not impls:
        return None
    broken: set[str] = set()

    def gather(event: Event, plan: Plan) -> list[Evidence]:
        found: list[Evidence] = []
        arguments = {"event": event, "plan": plan}
        for impl in impls:
            if impl.plugin_name in broken:
                continue
            try:
                result = impl.function(*(arguments[name] for name in impl.argnames))
                found.extend(_checked(result))
            except Exception as exc:
                broken.add(impl.plugin_name)
                failures.append(
                    f"plugin '{impl.plugin_name}': hook event_evidence raised "
                    f"{_describe(exc)}; its evidence was left out"
                )
        return found

    return gather


def _checked(result: Any) -> list[Evidence]:
    """Plugin output as Evidence, or TypeError saying what was wrong with it."""
    if result is None:
        return []
    if isinstance(result, Evidence):
        result = [result]
    found = []
    for item in result:
        if isinstance(item, Evidence):
            found.append(item)
            continue
        try:
            found.append(
                Evidence(
                    str(item.source),
                    str(item.detail),
                    float(item.weight),
                    bool(getattr(item, "friction", False)),
                )
            )
        except (AttributeError, TypeError, ValueError):
            raise TypeError(
                f"returned {type(item).__name__}, not Evidence(source, detail, weight)"
            ) from None
    return found


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
