"""What a name says about its event: evidence from the roles its words play.

Weights (positive: job completion, negative: feature interaction):

- the action: a completion verb +2, an interaction verb -2, an end state +3
  ("Payment Success"), a friction word -3 ("Transfer Failed"), an unknown
  past participle -0.5 (most events are interactions); a light verb defers to
  its object ("Search Performed" is a search) or, when that names no action,
  says something got done +1 ("Trade Executed"); a record-keeping verb
  ("Logged") defers the same way or counts as an unknown verb; a denied
  action is friction -3 ("Payment Not Received");
- the object: an interface part as the head -2.5, so acting on the interface
  is motion even with a completion verb ("Form Submitted" is an interaction,
  "Claim Submitted" a completion); an interface part elsewhere -1;
- the complement: an end state +3 ("Moved To Done"), a recipient +0.5
  ("Sent To Customer"), a friction word -3, a negated one +0.5 ("Without
  Reopen");
- anywhere else: a friction word -1, a help place -1, an end state +1.

Friction words and help places also mark the evidence as friction.
"""

from __future__ import annotations

from .lexicon import Lexicon
from .reading import Reading, Unit, content_tokens, read_tokens
from .verdicts import Evidence

VERB = 2.0
STATE = 3.0
FRICTION = 3.0
UNKNOWN_VERB = 0.5
INTERFACE_HEAD = 2.5
MENTION = 1.0
RECIPIENT = 0.5
NEGATED = 0.5
LIGHT = 1.0
RECIPIENT_PREPOSITIONS = frozenset({"to", "with", "for"})


def name_evidence(name: str, lexicon: Lexicon) -> tuple[Evidence, ...]:
    """The evidence a name gives, cached per lexicon by name and by meaningful words."""
    by_name = lexicon.memo("name-evidence")
    found = by_name.get(name)
    if found is None:
        tokens = content_tokens(name, lexicon)
        by_words = lexicon.memo("words-evidence")
        found = by_words.get(tokens)
        if found is None:
            found = by_words[tokens] = tuple(_evidence(read_tokens(tokens, lexicon), lexicon))
        by_name[name] = found
    return found


def _evidence(reading: Reading, lexicon: Lexicon) -> list[Evidence]:
    found: list[Evidence] = []
    action, objects, head = reading.action, reading.objects, reading.head
    deferring = action is not None and (action.is_in("light-verbs") or action.is_in("record-verbs"))
    if deferring and action is not None and head is not None and _verb_kind(head):
        action = Unit(f"{head.text} {action.text}", head.lexicons, phrase=True)
        objects = objects[:-1]
        head = objects[-1] if objects else None
        found.append(_verb(action, f"'{action.text}'"))
    elif deferring and action is not None and action.is_in("light-verbs") and head is not None:
        if not head.is_in("interface-objects") and not head.is_in("friction-words"):
            found.append(_name(f"'{head.text} {action.text}' says something got done", LIGHT))
    elif action is not None and reading.negation:
        denied = f"{reading.negation} {action.text}"
        found.append(_name(f"'{denied}' signals friction", -FRICTION, friction=True))
    elif action is not None:
        found.extend(_action(action))
    if head is not None and head.is_in("interface-objects"):
        found.append(_name(f"acts on '{head.text}', a part of the interface", -INTERFACE_HEAD))
    seen = {action.text} if action else set()
    for unit in objects:
        if unit is not head and unit.is_in("interface-objects") and unit.text not in seen:
            seen.add(unit.text)
            found.append(_name(f"mentions '{unit.text}', a part of the interface", -MENTION))
    found.extend(_complement(reading.complement, lexicon))
    others = [u for u in reading.units if u is not reading.action and u not in reading.complement]
    found.extend(_mentions(others, lexicon))
    return _deduplicated(found)


def _verb_kind(unit: Unit) -> str | None:
    if unit.is_in("completion-verbs"):
        return "completion"
    if unit.is_in("interaction-verbs"):
        return "interaction"
    return None


def _verb(unit: Unit, shown: str) -> Evidence:
    kind = _verb_kind(unit)
    return _name(f"{shown} reads as {kind}", VERB if kind == "completion" else -VERB)


def _action(action: Unit) -> list[Evidence]:
    if action.is_in("friction-words"):
        return [_name(f"'{action.text}' signals friction", -FRICTION, friction=True)]
    if _verb_kind(action):
        return [_verb(action, f"verb '{action.text}'")]
    if action.is_in("completion-states"):
        return [_name(f"reaches state '{action.text}'", STATE)]
    if action.participle:
        return [_name(f"verb '{action.text}' is not a known completion verb", -UNKNOWN_VERB)]
    return []


def _complement(units: tuple[Unit, ...], lexicon: Lexicon) -> list[Evidence]:
    found: list[Evidence] = []
    prepositions, negators = lexicon.grammar.prepositions, lexicon.grammar.negators
    preposition, negation = "", ""
    for unit in units:
        word = "" if unit.phrase else unit.text
        if word in prepositions or word in negators:
            if word in prepositions:
                preposition, negation = word, ""
            if word in negators:
                negation = word
            continue
        friction = unit.is_in("friction-words") or unit.is_in("help-seeking")
        if friction and negation:
            found.append(_name(f"'{negation} {unit.text}' rules out friction", NEGATED))
        elif unit.is_in("friction-words"):
            found.append(_name(f"'{unit.text}' signals friction", -FRICTION, friction=True))
        elif unit.is_in("help-seeking"):
            found.append(_name(f"'{unit.text}' signals help-seeking", -MENTION, friction=True))
        elif unit.is_in("completion-states") or unit.is_in("completion-verbs"):
            found.append(_name(f"reaches state '{unit.text}'", STATE))
        elif unit.is_in("recipients") and preposition in RECIPIENT_PREPOSITIONS:
            found.append(_name(f"delivered to '{unit.text}'", RECIPIENT))
    return found


def _mentions(units: list[Unit], lexicon: Lexicon) -> list[Evidence]:
    found: list[Evidence] = []
    for unit in units:
        if unit.is_in("friction-words"):
            found.append(
                _name(f"mentions '{unit.text}', a friction signal", -MENTION, friction=True)
            )
        elif unit.is_in("help-seeking"):
            found.append(_name(f"'{unit.text}' signals help-seeking", -MENTION, friction=True))
        elif "completion-states" in lexicon.exact(unit.text) or (
            unit.phrase and unit.is_in("completion-states")
        ):
            found.append(_name(f"mentions state '{unit.text}'", MENTION))
    return found


def _name(detail: str, weight: float, *, friction: bool = False) -> Evidence:
    return Evidence("name", detail, weight, friction)


def _deduplicated(found: list[Evidence]) -> list[Evidence]:
    seen: set[str] = set()
    kept = []
    for evidence in found:
        if evidence.detail not in seen:
            seen.add(evidence.detail)
            kept.append(evidence)
    return kept
