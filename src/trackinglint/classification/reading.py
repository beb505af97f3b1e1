"""Read the grammar of a name: which word is the action, what it acts on,
and what follows it.

Tracking plans name events in two shapes. "Object Action" puts a past
participle last ("Invoice Approved", "save_button_clicked"), or a base
form ("row_click"). "Verb Object" puts the verb first ("Visited dashboard",
"open_drawer"). Either may end in a complement ("... With Stakeholder",
"... To Done"). The evidence comes from these roles, not from the bare words:
"submitted" means one thing as the action on a review and another as the
action on a form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from .compounds import ACTION_LEXICONS, MIN_LENGTH, split_token
from .lexicon import THING_LEXICONS, Lexicon
from .morphology import VERB_LEXICONS
from .tokens import tokenize

# a last word in these says how an action went, not what it acted on
_HOW_IT_WENT = frozenset({"completion-states", "friction-words", "light-verbs", "record-verbs"})


@dataclass(frozen=True, slots=True)
class Unit:
    """A word, or a multiword phrase from a lexicon ("clocked in", "no results")."""

    text: str
    lexicons: frozenset[str]
    participle: bool = False
    phrase: bool = False
    nominal: bool = False  # an action named as a noun ("renewal", "checkout")
    note: str = ""  # how the word was read as a verb: "'renewal' names the action 'renew'"

    def is_in(self, lexicon: str) -> bool:
        return lexicon in self.lexicons


class Reading(NamedTuple):
    """A name's grammar, made once per name: a named tuple, as a frozen dataclass takes
    several times as long to build."""

    units: tuple[Unit, ...]  # the words that carry meaning, phrases merged
    action: Unit | None = None
    objects: tuple[Unit, ...] = ()  # what the action is done to; articles left out
    head: Unit | None = None  # the noun the object phrase is about (its last word)
    complement: tuple[Unit, ...] = ()  # from the first preposition after the action
    style: str = "noun"  # object-action | verb-object | subject-verb-object | noun
    negation: str = ""  # the word denying the action: "not" in "Order Not Completed"
    splits: tuple[str, ...] = ()  # squashed words split apart: "'paymentsent' as 'payment sent'"
    as_noun: str = ""  # a word that could be the action, read as a noun ("invoice", "invite")


def read_name(name: str, lexicon: Lexicon) -> Reading:
    """The structural reading of a name, cached per lexicon by its meaningful words."""
    tokens = lengthened(content_tokens(name, lexicon), lexicon)[0]
    return read_tokens(split_squashed(tokens, lexicon)[0], lexicon)


def read_tokens(tokens: tuple[str, ...], lexicon: Lexicon) -> Reading:
    found = lexicon.reading_memo.get(tokens)
    if found is None:
        found = lexicon.reading_memo.keep(tokens, _compound_noun(_read(tokens, lexicon), lexicon))
    return found


def content_tokens(name: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The name's words without what never carries meaning at the end."""
    return _content(tokenize(name), lexicon)


def lengthened(
    tokens: tuple[str, ...], lexicon: Lexicon
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words with common shortenings written out ("pw" -> "password"), and a note
    per shortening, so the evidence says how the name was read."""
    shortenings = lexicon.grammar.shortenings
    if shortenings.keys().isdisjoint(tokens):
        return tokens, ()
    return _expanded(tokens, shortenings.get)


def split_squashed(
    tokens: tuple[str, ...], lexicon: Lexicon
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words with squashed compounds split apart, and a note per split.

    Only a name in which no word is a known action is split: elsewhere the
    reading does not need it ("Forecast Shared"), and the splitter's table
    is loaded only for names that do ("paymentsent").
    """
    if _has_action(tokens, lexicon) or all(len(token) < MIN_LENGTH for token in tokens):
        return tokens, ()
    return _expanded(tokens, lambda token: split_token(token, lexicon))


def _expanded(
    tokens: tuple[str, ...], words_of: Callable[[str], tuple[str, ...] | None]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Each token replaced by the words `words_of` reads in it, if any, and a note per
    token so read ("'pw' as 'password'")."""
    words: list[str] = []
    notes: list[str] = []
    for token in tokens:
        parts = words_of(token)
        if parts is None:
            words.append(token)
        else:
            words.extend(parts)
            notes.append(f"'{token}' as '{' '.join(parts)}'")
    return tuple(words), tuple(notes)


def _has_action(tokens: tuple[str, ...], lexicon: Lexicon) -> bool:
    """Does a word or a phrase ("timed out") of the name name a known action?"""
    words = lexicon.word_memo
    for i in reversed(range(len(tokens))):  # the action ends most names: look there first
        token = tokens[i]
        word = words.get(token) or _word(token, lexicon)
        if word.acts:
            return True
        if word.starts_phrase and not ACTION_LEXICONS.isdisjoint(lexicon.phrase_at(tokens, i)[1]):
            return True
    return False


def _content(tokens: tuple[str, ...], lexicon: Lexicon) -> tuple[str, ...]:
    """Drop what never carries meaning at the end: numbers, versions, stray adverbs,
    and the word "event" that code appends to a name ("InvoiceSyncErrorEvent")."""
    end = len(tokens)
    suffixes = lexicon.grammar.name_suffixes
    while end:
        last = tokens[end - 1]
        if end > 1 and last in suffixes:
            end -= 1
            continue
        noise = last.isdigit() or last == "v" or (len(last) > 4 and last.endswith("ly"))
        if not noise or lexicon.exact(last):
            break
        end -= 1
    return tokens[:end]


def units_of(tokens: tuple[str, ...], lexicon: Lexicon) -> tuple[Unit, ...]:
    """Words to units: lexicon phrases merged, and a verb plus a final particle."""
    units: list[Unit] = []
    said: set[str] = set()  # the words already in the name as units of their own
    words = lexicon.word_memo
    i, count = 0, len(tokens)
    while i < count:
        token = tokens[i]
        word = words.get(token) or _word(token, lexicon)
        if word.starts_phrase:
            size, lexicons, _ = lexicon.phrase_at(tokens, i)
            if size:
                phrase = tokens[i : i + size]
                units.append(
                    Unit(" ".join(phrase), lexicons, lexicon.is_participle(phrase[0]), phrase=True)
                )
                i += size
                continue
        unit = word.unit
        if token in said:  # a word said twice is two units:
            unit = _copy(unit)  # readings tell a name's units apart by identity
        said.add(token)
        units.append(unit)
        i += 1
    particles = lexicon.grammar.particles
    if len(units) >= 2 and units[-1].text in particles and units[-2].participle:
        verb = units[-2]
        merged = Unit(f"{verb.text} {units[-1].text}", verb.lexicons, True, phrase=True)
        units[-2:] = [merged]
    return tuple(units)


def _compound_noun(reading: Reading, lexicon: Lexicon) -> Reading:
    """A name that is only nouns, the first of which could also be the verb, names a
    thing or a place: "Order Summary", "Payment Method", "Renewal Date" (a summary of
    the order, not an order made). So does a state that names the part of the
    interface after it ("success_page", "Order Success Page"). Read so, it has no
    action."""
    action, units = reading.action, reading.units
    if action is None or action.phrase or reading.complement:
        return reading
    # only an action first (a noun first) or just before the last unit (a state) may be
    if action is units[0]:
        at = 0
    elif len(units) >= 2 and action is units[-2]:
        at = len(units) - 2
    else:
        return reading
    noun_first = (
        at == 0
        and not action.participle
        and (
            not action.lexicons.isdisjoint(THING_LEXICONS)
            or action.text in lexicon.grammar.nominals
        )
    )
    state_here = _state_before_part(units, at)
    if not noun_first and not state_here:
        return reading
    rest = () if state_here else units[at + 1 :]
    if not state_here and not rest:  # "Purchase": the action noun alone is the action
        return reading
    if len(rest) >= 2 and _state_before_part(units, len(units) - 2):
        rest = rest[:-2]  # "Order Success Page": the state and the part it names
    urging = lexicon.grammar.urging  # "Order Now" is a button, not a thing
    if any(
        u.participle or u.phrase or u.text in urging or not u.lexicons.isdisjoint(ACTION_LEXICONS)
        for u in rest
    ):
        return reading
    articles = lexicon.grammar.articles
    objects = tuple(u for u in units if _nominal(u, articles))
    return Reading(units, objects=objects, head=objects[-1] if objects else None)


def _state_before_part(units: tuple[Unit, ...], at: int) -> bool:
    """Is the unit at `at` an end state just before the last unit, a part of the
    interface it names ("success" in "success_page")?"""
    return (
        at == len(units) - 2
        and "completion-states" in units[at].lexicons
        and not units[at].phrase
        and "interface-objects" in units[-1].lexicons
    )


def _read(tokens: tuple[str, ...], lexicon: Lexicon) -> Reading:
    units = units_of(tokens, lexicon)
    if not units:
        return Reading(units)
    articles = lexicon.grammar.articles
    prepositions = lexicon.grammar.prepositions
    negators = lexicon.grammar.negators
    nominals = lexicon.grammar.nominals

    def capable(unit: Unit) -> bool:
        if unit.participle:
            return True
        if unit.nominal or ACTION_LEXICONS.isdisjoint(unit.lexicons):
            return False  # an action noun is the action only when nothing else is
        if unit.text in nominals and any(other.participle for other in units):
            return False  # a listed action noun gives way to a participle ("Submission Picked")
        if _plural_only(unit, lexicon):
            return False  # "Select Stored Places", "inbox_messages": things, not "places an order"
        if _interface_first(unit, lexicon):
            return False  # "screen_map_tab": the screen, though a candidate may be "screened"
        # "booking", "onboarding": an -ing word is an action only when listed as itself,
        # or when it names a trouble under way ("Card Expiring", "Sync Failing")
        return (
            unit.phrase
            or not unit.text.endswith("ing")
            or not ACTION_LEXICONS.isdisjoint(lexicon.exact(unit.text))
            or "friction-words" in unit.lexicons
        )

    def is_preposition(unit: Unit) -> bool:
        return not unit.phrase and unit.text in prepositions

    verb_negators = lexicon.grammar.verb_negators

    def passed_over(among: tuple[Unit, ...], a: int, *, before_noun: bool = False) -> str:
        """The word the action would have been had no word been read as a noun."""
        plain = _pick(among, capable, lambda j: False, before_noun=before_noun)
        return units[plain].text if plain is not None and plain != a else ""

    def noun_too(j: int) -> bool:
        """Can the word at j be a noun here: one the verb lists also hold ("invoice",
        "list"), or one just before a part of the interface it names ("invite modal")?"""
        unit = units[j]
        if unit.participle or unit.phrase:
            return False
        before_part = j + 1 < len(units) and "interface-objects" in units[j + 1].lexicons
        return unit.text in lexicon.grammar.object_nouns or before_part

    def build(
        action: int,
        before: tuple[Unit, ...],
        after: tuple[Unit, ...],
        rest: tuple[Unit, ...],
        style: str,
        as_noun: str = "",
    ) -> Reading:
        before_action = units[action - 1].text if action > 0 else ""
        objects = tuple(
            u for u in (before or after) if _nominal(u, articles) and u.text not in verb_negators
        )
        return Reading(
            units,
            action=units[action],
            objects=objects,
            head=objects[-1] if objects else None,
            complement=rest,
            style=style,
            negation=before_action if before_action in verb_negators else "",
            as_noun=as_noun,
        )

    n = len(units)
    last = units[-1]
    # a part of the interface named alone is the part, even if a verb list holds it too
    # ("Screen", the screen-view call, is no screening)
    if n == 1 and not last.participle and "interface-objects" in last.lexicons:
        return Reading(units, objects=units, head=last)
    # Object Action: "Invoice Approved", "row_click", "Clocked In"
    opens_phrase = n >= 2 and (is_preposition(units[-2]) or units[-2].text in negators)
    # a business noun last is the object ("view_invoice"), unless it is all there is ("purchase");
    # so is a noun the verb lists also hold, after another action ("Export List", "Pinned Post")
    # so is a part of the interface last ("wallet_home_screen"), unless it is also what one
    # does to the interface ("banner_view": a view of the banner)
    place_last = "interface-objects" in last.lexicons and "interaction-verbs" not in last.lexicons
    noun_last = (
        n >= 2 and not last.participle and ("artifact-objects" in last.lexicons or place_last)
    )
    object_last = (
        n >= 2
        and not last.participle
        and last.text in lexicon.grammar.object_nouns
        and any(capable(unit) for unit in units[:-1])
    )
    # a trouble last after a verb that ends it is that verb's object ("resolve_chargeback")
    trouble_last = (
        n >= 2
        and not last.participle
        and "friction-words" in last.lexicons
        and units[0].text in lexicon.grammar.resolutions
    )
    object_last = object_last or trouble_last
    verb_first = n == 2 and _verb_before_verb(units[0], last, lexicon)
    if verb_first:  # "Book Call", "buy_credit": a verb, then a word read as its object
        return build(0, (), units[1:], (), "verb-object")
    # a state chosen by a verb said first is what was chosen ("Selected Live"), not reached
    state_chosen = (
        n == 2
        and units[0].participle
        and not units[0].lexicons.isdisjoint(VERB_LEXICONS)
        and "completion-states" in last.lexicons
        and not last.participle
    )
    if state_chosen:
        return build(0, (), units[1:], (), "verb-object")
    if capable(last) and not opens_phrase and not noun_last and not object_last:
        return build(n - 1, units[:-1], (), (), "object-action")
    # A complement after the action: "Quote Emailed To Client", "Emailed a quote to ..."
    for p in range(1, n):
        if is_preposition(units[p]):
            a = _pick(units[:p], capable, noun_too)
            if a is not None:
                style = "object-action" if a else "verb-object"
                as_noun = passed_over(units[:p], a)
                return build(a, units[:a], units[a + 1 : p], units[p:], style, as_noun)
            break
    before_noun = noun_last or object_last
    among = units[:-1] if before_noun else units
    a = _pick(among, capable, noun_too, before_noun=before_noun)
    if a is not None and a > 1 and _subject_first(units, capable, lexicon):
        a = 1  # "member_view_author_bio": the verb the member is said to do, not "author"
    worked = _feature_first(units, lexicon) if a == 0 else None
    if worked is not None:  # "share_select_contact": select, in sharing
        return build(worked, (), units[worked + 1 :], (), "verb-object")
    if a == 0:  # Verb Object: "Visited dashboard", "open_drawer"
        return build(0, (), units[1:], (), "verb-object")
    modifier = ""
    if a is not None and _modifier(units, a, lexicon):
        modifier, a = units[a].text, None  # "wallet_pay_request": a kind of request, nothing paid
    if a is not None:  # an action in the middle, between subject and object: "User Clicks Button"
        as_noun = passed_over(among, a, before_noun=before_noun)
        return build(a, (), units[a + 1 :], (), "subject-verb-object", as_noun)
    # no verb: an action noun last, before any complement, is the action ("Hotel Booking")
    p = next((i for i, unit in enumerate(units) if i and is_preposition(unit)), n)
    noun = units[p - 1]
    names_action = noun.nominal or (
        noun.lexicons & VERB_LEXICONS and not _plural_only(noun, lexicon)
    )
    if names_action and "interface-objects" not in noun.lexicons:
        if not noun.note:  # the evidence says a noun was read as the action
            noun = replace(noun, nominal=True, note=f"'{noun.text}' names the action")
            units = (*units[: p - 1], noun, *units[p:])
        return build(p - 1, units[: p - 1], (), units[p:], "object-action", modifier)
    objects = tuple(u for u in units if _nominal(u, articles))
    return Reading(units, objects=objects, head=objects[-1] if objects else None, as_noun=modifier)


_NAMING_THINGS_IN_S = ("completion-verbs", "record-verbs")


def _plural_only(unit: Unit, lexicon: Lexicon) -> bool:
    """Is the word a completion or record verb only in its -s form ("places", "messages",
    "logs", "notes")? Names say what happened in the past or the base form ("Order
    Placed", "place_order"), so such a word names things."""
    text = unit.text
    if not text.endswith("s") or text.endswith("ss") or unit.phrase:
        return False
    exact = lexicon.exact(text)
    return any(kind in unit.lexicons and kind not in exact for kind in _NAMING_THINGS_IN_S)


def _modifier(units: tuple[Unit, ...], at: int, lexicon: Lexicon) -> bool:
    """Is the bare completion verb at `at`, between words and after no one said to act,
    a noun naming a kind of the next ("pay request", "match analysis", "share link")?
    An outcome in the middle of a name is said done ("payment_paid_notice")."""
    unit = units[at]
    return (
        0 < at < len(units) - 1
        and not unit.participle
        and not unit.phrase
        and not unit.nominal
        and "completion-verbs" in unit.lexicons
        and units[0].text not in lexicon.grammar.self_agents
    )


def _feature_first(units: tuple[Unit, ...], lexicon: Lexicon) -> int | None:
    """Where a bare verb that only works the interface follows a bare completion verb
    that opens the name as the feature it names ("share_select_contact",
    "submit_connect_account", "Sell_Offer_Change_Currency"): that verb is the action,
    the first is where it happened, not what got done. A noun may stand between (the
    feature's thing), never another verb."""
    if len(units) < 3:
        return None
    first = units[0]
    if first.participle or first.phrase or first.nominal:
        return None
    if "completion-verbs" not in first.lexicons or not first.lexicons.isdisjoint(THING_LEXICONS):
        return None
    for at in (1, 2):
        unit = units[at]
        if (
            at + 1 < len(units)
            and not unit.participle
            and not unit.phrase
            and "interaction-verbs" in unit.lexicons
            and unit.lexicons.isdisjoint(THING_LEXICONS)
            and "interaction-verbs" in lexicon.exact(unit.text)
        ):
            return at
        if not ACTION_LEXICONS.isdisjoint(unit.lexicons):
            return None  # a verb between: not the feature's thing
    return None


def _interface_first(unit: Unit, lexicon: Lexicon) -> bool:
    """Is the word a part of the interface that only an inflection makes a completion
    verb ("screen", listed as "screened")? Uninflected, it is the part."""
    return (
        "interface-objects" in unit.lexicons
        and "completion-verbs" in unit.lexicons
        and "completion-verbs" not in lexicon.literal(unit.text)
    )


def _subject_first(
    units: tuple[Unit, ...], capable: Callable[[Unit], bool], lexicon: Lexicon
) -> bool:
    """Does the name say who acts, then the verb ("member_view_author_bio")? The
    verb right after the user is the action; action words after it name what it is
    done to, unless one says how the action went ("user_checkout_start")."""
    if len(units) < 3 or units[0].text not in lexicon.grammar.self_agents:
        return False
    verb = units[1]
    if not capable(verb) or verb.participle or verb.phrase or verb.nominal:
        return False
    how = _how_words(lexicon)
    return not any(
        unit.participle or unit.lexicons & _HOW_IT_WENT or lexicon.forms(unit.text) & how
        for unit in units[2:]
    )


def _how_words(lexicon: Lexicon) -> frozenset[str]:
    """Words that say how an action went: a finish, an end, a start, a press or a try."""
    grammar = lexicon.grammar
    return (
        grammar.finishers
        | grammar.endings
        | grammar.beginnings
        | grammar.pressing_verbs
        | grammar.tries
    )


def _verb_before_verb(first: Unit, last: Unit, lexicon: Lexicon) -> bool:
    """Two words that could each be the verb ("Book Call", "buy_credit"): the first is
    the verb when no noun list holds it (an "order" in "order_cancel" is the object)
    and the last only names what it acts on, not how an action went (a finish, a start,
    a state, a press or a trouble: "call_end", "repost_click") nor an operation of the
    software on the first ("photo_download")."""
    if first.participle or first.phrase or first.nominal or last.participle or last.phrase:
        return False
    # "Lease Renewal", "Invite Resent": a word built from a verb says it is the action,
    # unless the first undoes it ("Cancel Renewal": a renewal cancelled)
    undoes = bool(lexicon.forms(first.text) & lexicon.grammar.undoings)
    if (last.nominal or last.note or last.text in lexicon.grammar.nominals) and not undoes:
        return False
    if not first.lexicons & VERB_LEXICONS or first.lexicons & THING_LEXICONS:
        return False
    if first.text.endswith("ing") or last.lexicons & _HOW_IT_WENT:
        return False
    grammar = lexicon.grammar
    return not lexicon.forms(last.text) & (
        _how_words(lexicon) | grammar.openings | grammar.operations
    )


class _Word(NamedTuple):
    """What the reading asks of one word, worked out once per word: names share their
    words across a plan."""

    unit: Unit  # the word as a unit of its own
    acts: bool  # a form of it is in an action lexicon, before any derivation
    starts_phrase: bool  # a lexicon phrase may start with it


def _word(word: str, lexicon: Lexicon) -> _Word:
    found: _Word | None = lexicon.word_memo.get(word)
    if found is None:
        acts = not ACTION_LEXICONS.isdisjoint(lexicon.lexicons_of(word))
        unit = _new_word_unit(word, lexicon)
        found = lexicon.word_memo.keep(word, _Word(unit, acts, lexicon.starts_phrase(word)))
    return found


def _copy(unit: Unit) -> Unit:
    return Unit(unit.text, unit.lexicons, unit.participle, unit.phrase, unit.nominal, unit.note)


def _new_word_unit(word: str, lexicon: Lexicon) -> Unit:
    """One word; a word no verb list holds may still be built from a verb ("renewal")."""
    lexicons = lexicon.lexicons_of(word)
    participle = lexicon.is_participle(word)
    if ACTION_LEXICONS.isdisjoint(lexicons):
        derived = lexicon.derivation(word)
        if derived is not None:
            return Unit(
                word, lexicons | derived.lexicons, participle, False, derived.nominal, derived.note
            )
    return Unit(word, lexicons, participle)


def _pick(
    units: tuple[Unit, ...],
    capable: Callable[[Unit], bool],
    noun_too: Callable[[int], bool],
    *,
    before_noun: bool = False,
) -> int | None:
    """The action among units: the last participle, else the first or last action word.
    With `before_noun`, the units stand before the object noun that ends the name, so
    a participle last among them describes it ("approve_signed_contract"), and so does
    one before a noun inside the name: a bare verb before it is the action
    ("api_create_archived_project"). A word that can also be a noun (`noun_too`:
    "invoice", or "share" in "share dialog") gives way to one that can only be the
    action ("invoice_panel_delete_invoice": delete)."""
    participles = [j for j, unit in enumerate(units) if unit.participle]
    if participles:
        last = participles[-1]
        if last < len(units) - (0 if before_noun else 1):
            # participles only before nouns: a bare verb before them acts ("export_saved_views")
            verbs = (
                j for j in range(last) if capable(units[j]) and not (j and units[j].participle)
            )
            verb = next(verbs, None)
            if verb is not None:
                return verb
        return last
    actions = [j for j in range(len(units)) if capable(units[j])]
    verbs_only = [j for j in actions if not noun_too(j)]
    actions = verbs_only or actions
    if not actions:
        return None
    return actions[0] if actions[0] == 0 else actions[-1]


def named_in(units: Iterable[Unit], words: frozenset[str], lexicon: Lexicon) -> Unit | None:
    """The first of `units` that is, in some form, one of `words` ("coins" for "coin"):
    how the readings find the object, the prize or the channel a name speaks of."""
    return next((unit for unit in units if lexicon.forms(unit.text) & words), None)


def _nominal(unit: Unit, articles: frozenset[str]) -> bool:
    """Can the unit be (part of) the object? Articles and bare numbers cannot."""
    return unit.text not in articles and not unit.text.isdigit()
