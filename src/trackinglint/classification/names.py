"""What a name says about its event: evidence from the roles its words play.

Weights (positive: job completion, negative: feature interaction):

- the action: a completion verb +2, an interaction verb -2, an end state +3
  ("Booking Success"), a friction word -3 ("Transfer Failed"), an unknown
  past participle -0.5 (most events are interactions); a light verb defers to
  its object ("Sort Performed" is a sort) or, when that names no action,
  says only that something was done -1 ("Backfill Executed"); a record-keeping verb
  ("Logged") defers the same way or counts as an unknown verb; a denied
  action is friction -3 ("Payment Not Received"), a beginning denied only a
  status ("Tour Not Started");
- the action and its object together: a making or closing verb on a
  deliverable +2 ("Payout Created", "Ticket Closed"); a completion verb on a
  step, setup or sign-in -1 ("Sign-In Succeeded"); a bare verb with an action
  noun of its own, last after its object or named alone, or a confirming verb
  before its object, is the button pressed -0.5 ("answer_form_submit", "renew",
  "Confirm Pickup Time"); an entitlement running out -2 without friction
  ("Trial Expired"); a refusal of a step or of a device permission is the user's
  choice -2 ("Cookie Consent Declined", "Camera Denied"); a cancellation is
  motion, and friction only when someone else cancelled ("Cancelled By Host" -1);
  a verb that only confirms an undoing defers to it -2 ("Cancellation
  Confirmed"); with no verb, a deliverable called new was made +2 ("new_lead");
- the object: an interface part as the head -2.5, so acting on the interface
  is motion even with a completion verb ("Dialog Submitted" is an interaction,
  "Claim Submitted" a completion), unless it is a form named by the deliverable
  it carries (0: "Quote Form Sent" sends a quote); an interface part
  elsewhere -1; a name that opens with "my" and says nothing happened is the
  user's own things, a place in the app -2 ("My Invoices"); a thank-you page
  seen is shown once the job is done, +3 and nothing else ("DonationThankYou");
- the complement: an end state +3 ("Moved To Done"), a recipient +0.5
  ("Sent To Customer"), a friction word -3, a negated one +0.5 ("Without
  Reopen");
- anywhere else: a friction word -1, a help place -1, an end state +1; a trouble
  noun that a setting-up verb acts on names what is set up, no struggle, 0
  ("Retry Policy Updated"), where a trouble participle stays one ("Expired Card
  Updated"); so does one before a record read ("Error Log Viewed"), where a record
  sent is a trouble reported.

Friction words and help places also mark the evidence as friction; the
readings of a struggle that need more of the name than one word are in
`troubles`, and those in which the rest of the name changes what a completion
or interaction verb says (the machine's work confirmed or done by a part of the
software, an application sent, a press, a service that ended, a goal reached, a
request delivered, a dose taken, a measure logged) are in `completions`. A word
read through its form ("renewal" as renew, "checkout" as check out), written out
from a shortening ("pw") or split from a squashed name says so in its evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import NamedTuple

from .completions import (
    ad_played,
    admitted_person,
    applied_for,
    call_to_action,
    finished_operation,
    game_reward,
    kept_measure,
    machine_agent,
    machine_work,
    news_received,
    own_message,
    paired_job,
    passed_on,
    pressed_control,
    product_feedback,
    rehearsal,
    signed_up_for,
    taken_as_job,
    talk_with_ai,
    upgraded_in_product,
)
from .lexicon import Lexicon
from .reading import Reading, Unit, content_tokens, lengthened, read_tokens, split_squashed
from .tokens import MAX_NAME_CHARS, MAX_NAME_WORDS, cut_short
from .troubles import (
    CHOICE,
    FRICTION,
    REFUSALS,
    asks_for_help,
    asks_for_remedy,
    check_demanded,
    declined_offer,
    dropped_connection,
    literally,
    lost_credential,
    lost_round,
    nothing_offered,
    quit_by_choice,
    resent_code,
    screened_person,
    started_over,
    trouble_head,
    trouble_notice,
    turns_down_what_follows,
    wrong_move,
)
from .verdicts import Evidence

VERB = 2.0
STATE = 3.0
THANK_YOU = ("thank", "you")  # or "thankyou", squashed as code writes it
UNKNOWN_VERB = 0.5
INTERFACE_HEAD = 2.5
MENTION = 1.0
RECIPIENT = 0.5
NEGATED = 0.5
LIGHT = 1.0
STEP = 1.0
RECIPIENT_PREPOSITIONS = frozenset({"to", "with", "for"})
# a word in one of these names a job that a success can confirm
_NAMES_A_JOB = frozenset({"completion-verbs", "completion-states", "deliverable-objects"})
_CUT_SHORT = "read only the first {} words ({} characters) of a long name (see README, Limits)"
# beside a deliverable named alone, these say what happened to it instead of its making
_SAYS_WHAT_HAPPENED = frozenset({"help-seeking", "friction-words", "interface-objects"})
CANCEL = "cancel"  # cancel, cancelled, cancellation
CLOSE = "clos"  # close, closed, closing: on any business artifact, the case is done
EXPIRE = "expir"  # expired, expiry, expiration
SENDS = frozenset({"submit", "send"})  # bare after a deliverable, it went ("claim_submit")


def name_evidence(name: str, lexicon: Lexicon) -> tuple[Evidence, ...]:
    """The evidence a name gives, cached per lexicon by name and by meaningful words."""
    found = lexicon.name_evidence_memo.get(name)
    if found is None:
        content = content_tokens(name, lexicon)
        found = lexicon.words_evidence_memo.get(content)
        if found is None:
            tokens, shortenings = lengthened(content, lexicon)
            tokens, splits = split_squashed(tokens, lexicon)
            found = tuple(_evidence(read_tokens(tokens, lexicon), lexicon))
            if shortenings or splits:  # say how the name was read; a note weighs nothing
                notes = tuple(
                    _name(f"read {short} (a common shortening)", 0.0) for short in shortenings
                )
                notes += tuple(_name(f"read {split} (word frequencies)", 0.0) for split in splits)
                found = (*notes, *found)
            lexicon.words_evidence_memo.keep(content, found)
        if cut_short(name):  # a limit protects the run: say so where the reading shows
            found = (*found, _name(_CUT_SHORT.format(MAX_NAME_WORDS, MAX_NAME_CHARS), 0.0))
        lexicon.name_evidence_memo.keep(name, found)
    return found


def _evidence(reading: Reading, lexicon: Lexicon) -> list[Evidence]:
    found: list[Evidence] = []
    action, objects, head = reading.action, reading.objects, reading.head
    # a reading whose trigger words the name never says cannot fire: it is not run
    opened = _gates_opened(reading, lexicon)
    if reading.as_noun:  # say which word could have been the action
        instead = f"'{action.text}' as the action" if action else "no word as the action"
        found.append(_name(f"'{reading.as_noun}' can be a noun: read as one, {instead}", 0.0))
    deferring = action is not None and (
        "light-verbs" in action.lexicons or "record-verbs" in action.lexicons
    )
    notice: Evidence | None = None
    thanked = _thanked(reading, lexicon) if opened & _THANKED else None
    if thanked is not None:
        return [thanked]  # the page says it all: the rest only says it was shown
    if (own := _own_things(reading, lexicon)) is not None:
        found.append(own)
    elif deferring and action is not None and head is not None and _verb_kind(head):
        action = Unit(f"{head.text} {action.text}", head.lexicons, phrase=True)
        objects = objects[:-1]
        head = objects[-1] if objects else None
        found.append(_verb(action, f"'{action.text}'"))
    elif deferring and action is not None and "light-verbs" in action.lexicons and head is not None:
        if lexicon.forms(head.text) & lexicon.grammar.operations:  # "Script Executed"
            detail = f"'{head.text} {action.text}' runs the software: the tool in use, not a job"
            found.append(_name(detail, -LIGHT))
        elif "interface-objects" not in head.lexicons and "friction-words" not in head.lexicons:
            # "Decision Made", "Cell Executed": something ran or was done, no job named
            detail = f"'{head.text} {action.text}' says only that something was done: no job"
            found.append(_name(detail, -LIGHT))
    elif action is not None and (
        case := _first_case(Scene(reading, action, objects, head), opened, lexicon)
    ):
        decided, evidence = case
        notice = evidence if decided == "trouble_notice" else None
        found.append(evidence)
    elif action is not None:
        found.extend(_action(reading, action, lexicon, opened))
        found.extend(_cancelled_by_another(action, reading.complement, lexicon))
    elif head is not None and (fresh := _new_deliverable(reading, head, lexicon)):
        found.append(fresh)
    carried = _carried_deliverable(objects, lexicon)
    if carried is not None:
        found.append(carried)
    elif head is not None and "interface-objects" in head.lexicons:
        found.append(_name(f"acts on '{head.text}', a part of the interface", -INTERFACE_HEAD))
    # news of a trouble already says what it is about
    trouble = trouble_head(action, head, lexicon) if notice is None else None
    if trouble is not None:
        found.append(trouble)
    lost = lost_credential(reading.units, lexicon) if opened & _LOST_CREDENTIAL else None
    if lost is not None:
        found.append(lost)
    turned_away = (
        nothing_offered(reading.units, reading.action, lexicon) if opened & _NOTHING else None
    )
    if turned_away is not None and not any(e.friction for e in found):
        found.append(turned_away)
    seen = {action.text} if action else set()
    for unit in objects:
        if unit is not head and "interface-objects" in unit.lexicons and unit.text not in seen:
            seen.add(unit.text)
            found.append(_name(f"mentions '{unit.text}', a part of the interface", -MENTION))
    if reading.complement:
        found.extend(_complement(reading.complement, lexicon))
    others = [
        u
        for u in reading.units
        if u is not reading.action
        and u not in reading.complement
        and not (trouble is not None and u is head)
    ]
    found.extend(_mentions(others, reading, lexicon, earlier=found))
    return _resolved(reading, _deduplicated(found), lexicon)


class Scene(NamedTuple):
    """The action in its place: what a case reads (objects and head as the action's
    deferral to its object left them)."""

    reading: Reading
    action: Unit
    objects: tuple[Unit, ...]
    head: Unit | None


class Case(NamedTuple):
    """A reading of the action that needs more of the name than the action word. The
    cases are tried in order and the first that applies decides. `gate` names the
    grammar lists one of whose words the name must say for the case to apply: a name
    that says none of them skips the case (a speed gate; a test runs every case ungated
    on every real name to show no gate hides one that would apply)."""

    name: str
    gate: tuple[str, ...]
    read: Callable[[Scene, Lexicon], Evidence | None]


def _denied(scene: Scene, lexicon: Lexicon) -> Evidence | None:
    """An action denied ("Profile Not Installed", "Sync Not Enabled") did not happen when
    it should have: friction. A beginning denied ("Tour Not Started") is only a status,
    what has not begun yet, and reads as the action would."""
    if not scene.reading.negation:
        return None
    if lexicon.forms(scene.action.text) & lexicon.grammar.openings:
        return None
    denied = f"{scene.reading.negation} {scene.action.text}"
    return _name(f"'{denied}' signals friction", -FRICTION, friction=True)


CASES: tuple[Case, ...] = (
    Case(
        "pressed_control", ("pressing_verbs",), lambda s, x: pressed_control(s.reading, s.action, x)
    ),
    Case(
        "call_to_action",
        ("urging", "advancing"),
        lambda s, x: call_to_action(s.reading, s.action, x),
    ),
    Case("rehearsal", ("rehearsals",), lambda s, x: rehearsal(s.reading, s.action, x)),
    Case("product_feedback", ("feedback",), lambda s, x: product_feedback(s.reading, s.action, x)),
    Case("passed_on", ("sharing",), lambda s, x: passed_on(s.reading, s.action, x)),
    Case("denied", (), _denied),
    Case("asks_for_help", ("asking_verbs",), lambda s, x: asks_for_help(s.action, s.objects, x)),
    Case("asks_for_remedy", ("remedies",), lambda s, x: asks_for_remedy(s.action, s.objects, x)),
    Case("resent_code", ("must_arrive",), lambda s, x: resent_code(s.reading.units, x)),
    Case("started_over", ("progress_things",), lambda s, x: started_over(s.action, s.objects, x)),
    Case(
        "trouble_notice", ("notifying_verbs",), lambda s, x: trouble_notice(s.action, s.objects, x)
    ),
    Case("signed_up_for", ("offerings",), lambda s, x: signed_up_for(s.reading, s.action, x)),
    Case(
        "machine_work",
        ("machine_parts", "machine_outputs"),
        lambda s, x: machine_work(s.reading, s.action, x),
    ),
    Case("talk_with_ai", ("ai_parties",), lambda s, x: talk_with_ai(s.reading, s.action, x)),
    Case(
        "own_message",
        ("own_messages", "message_carriers", "message_lists"),
        lambda s, x: own_message(s.reading, s.action, x),
    ),
    Case("news_received", ("receiving",), lambda s, x: news_received(s.reading, s.action, x)),
    Case(
        "admitted_person", ("admitted_people",), lambda s, x: admitted_person(s.action, s.head, x)
    ),
    Case("game_reward", ("game_rewards",), lambda s, x: game_reward(s.reading, s.action, x)),
    Case(
        "upgraded_in_product",
        ("upgrading",),
        lambda s, x: upgraded_in_product(s.reading, s.action, x),
    ),
    Case("ad_played", ("adverts",), lambda s, x: ad_played(s.reading, s.action, x)),
    Case("made_deliverable", (), lambda s, x: _made_deliverable(s.action, s.head)),
    Case("machine_agent", ("machine_agents",), lambda s, x: machine_agent(s.reading, s.action, x)),
    Case(
        "finished_operation",
        ("finishers",),
        lambda s, x: finished_operation(s.action, s.objects, x),
    ),
    Case("finished_step", (), lambda s, x: _finished_step(s.action, s.objects, x)),
    Case("applied_for", ("applied_for",), lambda s, x: applied_for(s.reading, s.action, x)),
    Case(
        "paired_job",
        ("services", "goals", "achievements", "paid_terms", "asked_of_others", "game_rounds"),
        lambda s, x: paired_job(s.action, s.head, x),
    ),
    Case("taken_as_job", ("taken_as_job",), lambda s, x: taken_as_job(s.action, s.head, x)),
    Case("kept_measure", ("kept_measures",), lambda s, x: kept_measure(s.reading, s.action, x)),
)
# readings outside the cases gated the same way: name -> grammar lists
OTHER_GATES = {
    "lost_credential": ("credentials",),
    "thanked": ("thanks",),
    "nothing_offered": ("nothing_openers", "emptiness"),  # "no" opens the lists' names too
    "check_demanded": ("demanding",),
}
# each gated reading's bit in the mask of what a name's words open
_BITS = {name: 1 << i for i, name in enumerate([*(c.name for c in CASES), *OTHER_GATES])}
_UNGATED = sum(_BITS[case.name] for case in CASES if not case.gate)
_CASE_BITS = tuple((_BITS[case.name], case) for case in CASES)
_THANKED, _LOST_CREDENTIAL, _NOTHING, _DEMANDED = (
    _BITS[name] for name in ("thanked", "lost_credential", "nothing_offered", "check_demanded")
)


def _first_case(scene: Scene, opened: int, lexicon: Lexicon) -> tuple[str, Evidence] | None:
    for case in _cases_opened(opened, lexicon):
        if (evidence := case.read(scene, lexicon)) is not None:
            return case.name, evidence
    return None


def _cases_opened(opened: int, lexicon: Lexicon) -> tuple[Case, ...]:
    """The cases a mask opens, in order; listed once per mask, as names share masks."""
    lists = lexicon.case_memo
    found: tuple[Case, ...] | None = lists.get(opened)
    if found is None:
        found = lists.keep(opened, tuple(case for bit, case in _CASE_BITS if bit & opened))
    return found


def _gates_opened(reading: Reading, lexicon: Lexicon) -> int:
    """The cases the name's words open, as a mask of their bits: every form of every
    word looked up once in a table of trigger words built once per lexicon, so a name
    runs only the cases whose words it says."""
    masks = lexicon.gate_memo
    opened = _UNGATED
    for unit in reading.units:
        mask = masks.get(unit.text)
        if mask is None:
            mask = masks.keep(unit.text, _word_gates(unit.text, lexicon))
        opened |= mask
    return opened


def _word_gates(word: str, lexicon: Lexicon) -> int:
    """The cases one word opens through any of its forms; worked out once per word."""
    table: dict[str, int] = lexicon.memo("case-gates")
    if not table:
        table.update(_gate_table(lexicon))
    mask = 0
    for form in lexicon.forms(word):
        mask |= table.get(form, 0)
    return mask


def _gate_table(lexicon: Lexicon) -> dict[str, int]:
    found: dict[str, int] = {}
    gates = {case.name: case.gate for case in CASES} | OTHER_GATES
    for name, lists in gates.items():
        for words in lists:
            for word in getattr(lexicon.grammar, words):
                found[word] = found.get(word, 0) | _BITS[name]
    return found


def _resolved(reading: Reading, found: list[Evidence], lexicon: Lexicon) -> list[Evidence]:
    """A trouble that ends ("Dispute Resolved", "Error Fixed") is no new struggle: a
    friction noun beside a word that resolves it loses the friction flag, when that word
    comes after it or opens the name as its verb. A failure word keeps it ("Fix
    Failed" is a struggle), and so does a trouble named after a resolving word inside the
    name: it is that work's own trouble (a restore's error)."""
    if not any(e.friction for e in found):  # most names: nothing to resolve
        return found
    units, resolutions = reading.units, lexicon.grammar.resolutions
    at = next((i for i, unit in enumerate(units) if unit.text in resolutions), None)
    troubles = [i for i, unit in enumerate(units) if "friction-words" in unit.lexicons]
    if at is None or not troubles or any(units[i].participle for i in troubles):
        return found
    if at > 0 and min(troubles) > at:  # the work's own trouble, not one it ends
        return found
    ending = units[at]
    note = _name(f"'{ending.text}' ends the trouble it names: no new struggle", 0.0)
    return [*(Evidence(e.source, e.detail, e.weight) for e in found), note]


def _verb_kind(unit: Unit) -> str | None:
    if "completion-verbs" in unit.lexicons:
        return "completion"
    if "interaction-verbs" in unit.lexicons:
        return "interaction"
    return None


def _verb(unit: Unit, shown: str) -> Evidence:
    kind = _verb_kind(unit)
    if unit.note:  # a derived form: say how the word was read
        shown = unit.note + ", which"
    return _name(f"{shown} reads as {kind}", VERB if kind == "completion" else -VERB)


def _completes(unit: Unit) -> bool:
    return _verb_kind(unit) == "completion" or "completion-states" in unit.lexicons


def _made_deliverable(action: Unit, head: Unit | None) -> Evidence | None:
    """Making or closing a deliverable finishes a job ("Payout Created", "generate_contract"),
    and so does closing any business artifact ("Issue Closed", "close_case")."""
    if head is None or "producing-verbs" not in action.lexicons or _completes(action):
        return None
    closes = action.text.startswith(CLOSE) and "artifact-objects" in head.lexicons  # "Issue Closed"
    if "deliverable-objects" not in head.lexicons and not closes:
        return None
    what = "a deliverable" if "deliverable-objects" in head.lexicons else "a business artifact"
    detail = f"'{action.text}' on '{head.text}', {what}, finishes a job"
    return _name(detail, VERB)


def _carried_deliverable(objects: tuple[Unit, ...], lexicon: Lexicon) -> Evidence | None:
    """A form named by the deliverable it carries ("Lead Form Sent", "claim_form_sent")
    is that deliverable on its way: what it carries decides, not the form."""
    if len(objects) < 2 or objects[-1].text not in lexicon.grammar.carriers:
        return None
    carried = objects[-2]
    if "deliverable-objects" not in carried.lexicons:
        return None
    detail = f"'{carried.text} {objects[-1].text}' carries '{carried.text}', a deliverable"
    return _name(detail, 0.0)


def _thanked(reading: Reading, lexicon: Lexicon) -> Evidence | None:
    """A thank-you page or screen seen ("thank_you_page_loaded", "DonationThankYou") is
    shown only once the job is done, the conversion web analytics has long counted: the
    job done. Any other action ("Thank You Note Sent") reads as usual."""
    words = [unit.text for unit in reading.units]
    if "".join(THANK_YOU) not in words and THANK_YOU not in pairwise(words):
        return None
    action = reading.action
    if action is not None and not (
        action.nominal or lexicon.forms(action.text) & lexicon.grammar.seeing
    ):
        return None
    return _name("a thank-you page is shown once the job is done: the job done", STATE)


def _own_things(reading: Reading, lexicon: Lexicon) -> Evidence | None:
    """A name that opens with "my" and says nothing happened ("My Orders", "my_tickets")
    is the user's own list of things, a place in the app: no order was placed."""
    action, first = reading.action, reading.units[0] if reading.units else None
    if first is None or first.text not in lexicon.grammar.possessives:
        return None
    if action is not None and not action.nominal:
        return None
    shown = " ".join(unit.text for unit in reading.units)
    return _name(f"'{shown}' names the user's own things, a place in the app", -VERB)


def _new_deliverable(reading: Reading, head: Unit, lexicon: Lexicon) -> Evidence | None:
    """A name with no verb that calls a deliverable new ("new_lead", "New Invoice") says
    one was made, as "Quote Created" does; so does one that names nothing but the
    deliverable and what it is of ("Counter Offer", "Purchase Offer"), unless a help
    place, a trouble or a part of the interface says what happened to it."""
    if "deliverable-objects" not in head.lexicons:
        return None
    newness = next((u for u in reading.units if u.text in lexicon.grammar.newness), None)
    if newness is not None:
        detail = f"'{newness.text} {head.text}': a deliverable made, which finishes a job"
        return _name(detail, VERB)
    if any(u.lexicons & _SAYS_WHAT_HAPPENED for u in reading.units):
        return None
    return _name(f"names the deliverable '{head.text}' and nothing done to it: one made", VERB)


def _finished_step(action: Unit, objects: tuple[Unit, ...], lexicon: Lexicon) -> Evidence | None:
    """Finishing a step on the way is still motion: "Sign-In Succeeded", "Wizard Step
    Submitted", and an address confirmed ("Phone Number Confirmed": it was checked)."""
    if not _completes(action):
        return None
    step = next((unit for unit in reversed(objects) if "step-objects" in unit.lexicons), None)
    if step is None and objects and lexicon.forms(action.text) & lexicon.grammar.confirming:
        step = _contact_detail(objects, lexicon)
    if step is None:
        return None
    detail = f"'{action.text}' finishes '{step.text}', a step on the way, not the job"
    return _name(detail, -STEP)


def _contact_detail(objects: tuple[Unit, ...], lexicon: Lexicon) -> Unit | None:
    """The way to reach the user that the object names, if it names one: "email", or a
    number or an address of one ("phone number"), not an order's number."""
    grammar = lexicon.grammar
    head = objects[-1]
    if lexicon.forms(head.text) & grammar.contact_details:
        return head
    before = objects[-2] if len(objects) >= 2 else None
    if before is not None and head.text in grammar.contact_parts:
        return head if lexicon.forms(before.text) & grammar.contact_details else None
    return None


def _cancelled_by_another(
    action: Unit, complement: tuple[Unit, ...], lexicon: Lexicon
) -> list[Evidence]:
    """A cancellation is the user's decision, unless someone else made it ("By Host")."""
    if not action.text.startswith(CANCEL) or len(complement) < 2 or complement[0].text != "by":
        return []
    agent = " ".join(unit.text for unit in complement[1:])
    if agent in lexicon.grammar.self_agents:
        return []
    return [
        _name(
            f"'{action.text} by {agent}', not by the user, signals friction",
            -MENTION,
            friction=True,
        )
    ]


def _action(reading: Reading, action: Unit, lexicon: Lexicon, opened: int) -> list[Evidence]:
    head = reading.head
    if head is not None and action.text.startswith(EXPIRE):
        if "entitlements" in head.lexicons:
            detail = f"'{head.text}' {action.text}: a term ran out, not a struggle"
            return [_name(detail, -VERB)]
        if lexicon.forms(head.text) & lexicon.grammar.offers:  # "Proposal Expired"
            detail = f"'{head.text}' {action.text}: an offer lapsed unanswered, not a struggle"
            return [_name(detail, -VERB)]
    if "friction-words" in action.lexicons:
        permissions = lexicon.grammar.device_permissions
        step = next(
            (
                u
                for u in reversed(reading.objects)
                if "step-objects" in u.lexicons or lexicon.forms(u.text) & permissions
            ),
            None,
        )
        checked = step is not None and lexicon.forms(step.text) & lexicon.grammar.product_checks
        if step is not None and action.text.startswith(REFUSALS) and not checked:
            # "Cookie Consent Declined", "Suggestion Rejected": the user's choice on the way
            detail = f"'{action.text}' on '{step.text}' is the user's choice, not a struggle"
            return [_name(detail, -VERB)]
        declined = declined_offer(action, reading.objects, lexicon)
        if declined is not None:
            return [declined]
        screened = screened_person(action, reading.objects, lexicon)
        if screened is not None:
            return [screened]
        played = lost_round(reading, action, lexicon) or wrong_move(
            action, reading.units, lexicon, weight=-CHOICE
        )
        if played is not None:
            return [played]
        stopped = quit_by_choice(action, reading.objects, lexicon)
        if stopped is not None:
            return [stopped]
        shown = f"{action.note}, which" if action.note else f"'{action.text}'"
        return [_name(f"{shown} signals friction", -FRICTION, friction=True)]
    dropped = dropped_connection(action, reading.objects, lexicon)
    if dropped is not None:
        return [dropped]
    stopped = check_demanded(action, reading.objects, lexicon) if opened & _DEMANDED else None
    if stopped is not None:
        return [stopped]
    if _bare_command(reading, action, lexicon):
        where = "named alone"
        if reading.objects:
            where = "before its object" if reading.style == "verb-object" else "after its object"
        detail = f"bare '{action.text}' {where} names the command, not its outcome"
        return [_name(detail, -UNKNOWN_VERB)]
    if _verb_kind(action):
        return [_verb(action, f"verb '{action.text}'")]
    if "completion-states" in action.lexicons:
        if reading.objects and _success_of_nothing(reading, action, lexicon):
            what = " ".join(unit.text for unit in reading.objects)
            detail = f"'{action.text}' only says '{what}' went through, which names no job"
            return [_name(detail, -UNKNOWN_VERB)]
        return [_name(f"reaches state '{action.text}'", STATE)]
    if action.participle:
        return [_name(f"verb '{action.text}' is not a known completion verb", -UNKNOWN_VERB)]
    if reading.style == "verb-object":  # "log_trip": the verb said first, of no known kind
        return [_name(f"'{action.text}' is read as the action, of no known kind", 0.0)]
    return []  # a bare word last ("Dashboard Note") is as likely a noun: the base rate speaks


def _success_of_nothing(reading: Reading, action: Unit, lexicon: Lexicon) -> bool:
    """Does a success confirm only what names no job ("reroll_success", "pairing_success")?
    It says the attempt named went through; a job went through only when a word names one
    ("card_payment_success", "rental_success"), or data moved (a data product's job)."""
    grammar = lexicon.grammar
    if not lexicon.forms(action.text) & grammar.going_through:
        return False
    return not any(
        unit is not action
        and (
            not unit.lexicons.isdisjoint(_NAMES_A_JOB)
            or lexicon.forms(unit.text) & (grammar.data_moves | grammar.paid_terms)
        )
        for unit in reading.units
    )


def _bare_command(reading: Reading, action: Unit, lexicon: Lexicon) -> bool:
    """A bare verb with an action noun of its own (submit: submission), last after its
    object ("answer_form_submit") or named alone ("renew"), is the button pressed, not
    the outcome reached: the outcome would say "submitted", "renewed" or "renewal".
    "submit" or "send" after a deliverable or a form that carries one ("claim_submit",
    "quote_form_submit") says the deliverable went, where "Payout Confirm" is still the
    button. A confirming verb before its object ("Confirm Pickup Time") is one too: the
    button of a flow's last step, where other verbs first ("Invite Coworker") name the job."""
    if action.participle or action.phrase:
        return False
    if reading.style == "verb-object":  # "Confirm Pickup Time": the button of the last step
        return bool(lexicon.forms(action.text) & lexicon.grammar.confirming)
    if reading.style != "object-action":
        return False
    if not reading.objects and len(reading.units) > 1:
        return False
    if action.text in SENDS and reading.head is not None:
        carried = _carried_deliverable(reading.objects, lexicon) is not None
        if carried or "deliverable-objects" in reading.head.lexicons:
            return False
    derived = lexicon.derivation(action.text)  # "resubmit": a known verb re-done
    verbs = {action.text}
    if derived is not None and not derived.nominal and not action.nominal:
        verbs.add(derived.base)
    return (
        not lexicon.nominal_bases.isdisjoint(verbs)
        and "completion-states" not in action.lexicons
        and _verb_kind(action) == "completion"
    )


def _complement(units: tuple[Unit, ...], lexicon: Lexicon) -> list[Evidence]:
    found: list[Evidence] = []
    prepositions, negators = lexicon.grammar.prepositions, lexicon.grammar.negators
    preposition, negation = "", ""
    for at, unit in enumerate(units):
        word = "" if unit.phrase else unit.text
        if word in prepositions or word in negators:
            if word in prepositions:
                preposition, negation = word, ""
            if word in negators:
                negation = word
            continue
        friction = "friction-words" in unit.lexicons or "help-seeking" in unit.lexicons
        if friction and negation:
            found.append(_name(f"'{negation} {unit.text}' rules out friction", NEGATED))
        elif "friction-words" in unit.lexicons:
            found.append(_name(f"'{unit.text}' signals friction", -FRICTION, friction=True))
        elif "help-seeking" in unit.lexicons:
            found.append(_name(f"'{unit.text}' signals help-seeking", -MENTION, friction=True))
        elif (
            "completion-states" in unit.lexicons
            or ("completion-verbs" in unit.lexicons and unit.participle)
        ) and not _before_noun(units, at, lexicon):
            found.append(_name(f"reaches state '{unit.text}'", STATE))
        elif "recipients" in unit.lexicons and preposition in RECIPIENT_PREPOSITIONS:
            found.append(_name(f"delivered to '{unit.text}'", RECIPIENT))
    return found


def _before_noun(units: tuple[Unit, ...], at: int, lexicon: Lexicon) -> bool:
    """Does a word stand before the noun it describes ("on live trip"), so that it is
    no state the name reaches? A place that holds things in that state ("To Done
    Column") still names it."""
    if at + 1 >= len(units):
        return False
    after = units[at + 1]
    grammar = lexicon.grammar
    return (
        not after.phrase
        and after.text not in grammar.prepositions
        and not lexicon.forms(after.text) & grammar.state_holders
    )


def _mentions(
    units: list[Unit], reading: Reading, lexicon: Lexicon, *, earlier: Sequence[Evidence] = ()
) -> list[Evidence]:
    """Friction, help places and end states the name mentions besides its action; a
    trouble word before a record read ("Error Log Viewed") names its subject, unless
    the name already shows a struggle."""
    found: list[Evidence] = []
    for unit in units:
        if literally(unit, "friction-words", lexicon):  # "block" in "sql_block" is none
            troubled = any(evidence.friction for evidence in earlier)
            found.append(_mentioned_trouble(unit, reading, lexicon, troubled=troubled))
        elif "help-seeking" in unit.lexicons:
            found.append(_name(f"'{unit.text}' signals help-seeking", -MENTION, friction=True))
        elif "completion-states" in lexicon.exact(unit.text) or (
            unit.phrase and "completion-states" in unit.lexicons
        ):
            found.append(_name(f"mentions state '{unit.text}'", MENTION))
    return found


def _mentioned_trouble(
    unit: Unit, reading: Reading, lexicon: Lexicon, *, troubled: bool
) -> Evidence:
    """A trouble word beside the action: friction, unless it turns down an offer, names
    what a record read records or what the action sets up."""
    if turns_down_what_follows(unit, reading.units, lexicon):
        detail = f"'{unit.text}' turns down what was offered: a choice, not a struggle"
        return _name(detail, 0.0)
    played = wrong_move(unit, reading.units, lexicon, weight=0.0)
    if played is not None:
        return played
    record = "" if troubled else _record_read(reading, lexicon)
    if record and unit is not reading.head:
        detail = f"'{unit.text}' names what the '{record}' records, not a struggle"
        return _name(detail, 0.0)
    # a trouble noun names a kind of setting; a participle ("declined card") is trouble
    sets_up = _configures(reading.action, lexicon)
    if sets_up and not unit.participle:
        detail = f"'{unit.text}' names what '{sets_up}' sets up, not a struggle"
        return _name(detail, 0.0)
    return _name(f"mentions '{unit.text}', a friction signal", -MENTION, friction=True)


def _record_read(reading: Reading, lexicon: Lexicon) -> str:
    """The record a name reads ("Error Log Viewed": log); sent or submitted, a record of
    troubles is the user reporting one ("Crash Report Submitted")."""
    action, head = reading.action, reading.head
    if action is None or head is None or _verb_kind(action) != "interaction":
        return ""
    return head.text if head.text in lexicon.grammar.records else ""


def _configures(action: Unit | None, lexicon: Lexicon) -> str:
    """The action, when it sets up how the product behaves ("Retry Policy Updated")."""
    if action is None:
        return ""
    forms = frozenset({action.text}) if action.phrase else lexicon.forms(action.text)
    return action.text if forms & lexicon.grammar.configuring else ""


def _name(detail: str, weight: float, *, friction: bool = False) -> Evidence:
    return Evidence("name", detail, weight, friction)


def _deduplicated(found: list[Evidence]) -> list[Evidence]:
    if len(found) < 2:  # most names: nothing to repeat
        return found
    seen: set[str] = set()
    kept = []
    for evidence in found:
        if evidence.detail not in seen:
            seen.add(evidence.detail)
            kept.append(evidence)
    return kept
