"""Where a name shows a struggle that no failure word states, and where one does not.

A friction word as the action ("Upload Failed") is read in `names`; these are the
readings that need the rest of the name:

- a trouble as what the event is about, whatever the verb ("Chargeback Received",
  "Payment Retry Scheduled") -3, unless the verb ends it ("Dispute Resolved");
- asking a help place for something ("Helpdesk Ticket Created") -2, although
  creating a ticket alone would finish a job;
- asking for a remedy ("Refund Requested", "Repair Request Submitted") -2;
- news of a trouble sent to the user ("Dunning Notice Sent") -3;
- a credential reset or recovered, in either word order ("reset_passcode",
  "PIN Recovered") -3: it was lost;
- progress toward a job reset or restarted ("Quiz Restarted") -3: work lost;
- a code that lets the user in sent again ("resend_otp") -3: it did not arrive;
- a connection dropped or lost ("Call Dropped") -3, where a dropped file is a
  drag and drop;
- nothing to offer ("No Slots Available", "no_seats_left", "Inbox Empty Shown") or
  the thing missing ("NoCoins") -3, where "No Thanks" is a reply;
- and the other way: an offer turned down ("Invite Declined") is the choice of
  the person offered, a person refused or blocked ("Sender Blocked") the
  user's decision about them, and a round of a game failed or retried ("Level
  Failed") play, -2 and no friction.
"""

from __future__ import annotations

from itertools import pairwise

from .compounds import ACTION_LEXICONS
from .lexicon import Lexicon
from .reading import Reading, Unit, named_in
from .verdicts import Evidence

FRICTION = 3.0
ASKING = 2.0
CHOICE = 2.0
DROPS = frozenset({"drop", "lose"})  # a connection dropped or lost ("Call Dropped")
BLOCK = "block"  # blocked, blocking: a person, by choice
REFUSALS = ("declin", "deni", "deny", "reject", "refus")  # a choice when a person makes it
FAIL = "fail"  # fail, failed, failure
ABANDON = "abandon"  # abandon, abandoned, abandonment
RETRY = "retry"  # retry, retried, retries: a round of a game played again
BROKEN = "broke"  # broken, broke: a streak of play ended
NO = "no"  # opening a name of things only, says they are missing ("NoCoins")
QUITTING = (ABANDON, "abort")  # abort, aborted


def trouble_head(action: Unit | None, head: Unit | None, lexicon: Lexicon) -> Evidence | None:
    """A trouble the name is about ("Chargeback Received", "Payment Retry Scheduled") is a
    struggle whatever happened to it, unless the action ends it ("Dispute Resolved")."""
    if action is None or head is None or head is action:
        return None
    if not literally(head, "friction-words", lexicon):
        return None
    if lexicon.forms(action.text) & lexicon.grammar.resolutions:
        return None
    detail = f"'{head.text}' is what the event is about, a friction signal"
    return _name(detail, -FRICTION, friction=True)


def trouble_notice(action: Unit, objects: tuple[Unit, ...], lexicon: Lexicon) -> Evidence | None:
    """News of a trouble sent to the user ("Dunning Notice Sent", "Past Due Notice
    Delivered") is the trouble reaching them, whatever sending would say alone."""
    if action.phrase or not lexicon.forms(action.text) & lexicon.grammar.notifying_verbs:
        return None
    trouble = next((u for u in objects if literally(u, "friction-words", lexicon)), None)
    if trouble is None:
        return None
    detail = f"'{action.text}' brings news of '{trouble.text}', a friction signal"
    return _name(detail, -FRICTION, friction=True)


def asks_for_help(action: Unit, objects: tuple[Unit, ...], lexicon: Lexicon) -> Evidence | None:
    """Creating, sending or opening something for a help place asks for help
    ("Helpdesk Ticket Created", "Helpdesk Request Submitted"), whatever the verb
    would say on its own; resolving it ("Helpdesk Ticket Resolved") does not."""
    if not lexicon.forms(action.text) & lexicon.grammar.asking_verbs:
        return None
    place = next((unit for unit in objects if "help-seeking" in unit.lexicons), None)
    if place is None:
        return None
    detail = f"'{action.text}' for '{place.text}', a help place, asks for help"
    return _name(detail, -ASKING, friction=True)


def asks_for_remedy(action: Unit, objects: tuple[Unit, ...], lexicon: Lexicon) -> Evidence | None:
    """Asking for a refund, a replacement or a repair ("Refund Requested", "Replacement Initiated",
    "Repair Request Submitted") says the product or the service failed the user;
    issuing one ("Refund Issued", "Item Refunded") is someone's job done."""
    grammar = lexicon.grammar

    def requesting(unit: Unit) -> bool:
        return not unit.phrase and bool(lexicon.forms(unit.text) & grammar.requesting_verbs)

    made = not action.phrase and bool(lexicon.forms(action.text) & grammar.asking_verbs)
    if not requesting(action) and not (made and any(requesting(u) for u in objects)):
        return None
    remedy = next(
        (u for u in objects if not u.phrase and lexicon.forms(u.text) & grammar.remedies), None
    )
    if remedy is None:
        return None
    detail = (
        f"'{action.text}' for '{remedy.text}', a remedy for something gone wrong, signals friction"
    )
    return _name(detail, -ASKING, friction=True)


def resent_code(units: tuple[Unit, ...], lexicon: Lexicon) -> Evidence | None:
    """A code, a link or an invitation, sent again ("resend_otp", "Verification Email
    Resent"), did not arrive the first time; the product's own receipt sent again is the
    software at work."""
    grammar = lexicon.grammar
    again = next((u for u in units if not u.phrase and u.text in grammar.resending), None)
    if again is None:
        return None
    wanted = grammar.must_arrive
    code = next((u for u in units if not u.phrase and lexicon.forms(u.text) & wanted), None)
    if code is None:
        return None
    detail = f"'{again.text}' on '{code.text}': it did not arrive, a friction signal"
    return _name(detail, -FRICTION, friction=True)


def started_over(action: Unit, objects: tuple[Unit, ...], lexicon: Lexicon) -> Evidence | None:
    """Progress toward a job reset or restarted ("Assessment Reset", "Level Restarted"):
    the work so far is lost and the user starts over. Filters reset are motion."""
    grammar = lexicon.grammar
    if action.phrase or not _stem_forms(action.text, lexicon) & grammar.starting_over:
        return None
    progress = _last_named(objects, grammar.progress_things, lexicon)
    if progress is None:
        return None
    detail = f"'{action.text}' on '{progress.text}': work toward the job lost, a friction signal"
    return _name(detail, -FRICTION, friction=True)


def _stem_forms(word: str, lexicon: Lexicon) -> frozenset[str]:
    """The word's forms, also for a regular ending put on an irregular verb ("resetted")."""
    forms = lexicon.forms(word)
    if word.endswith("ted") and word[:-3] in lexicon.grammar.participles:
        forms = forms | {word[:-3]}
    return forms


def lost_credential(units: tuple[Unit, ...], lexicon: Lexicon) -> Evidence | None:
    """Resetting or recovering a password, in either order ("reset_passcode", "PIN
    Recovered", "Recover PIN Tapped"), means it was lost: the user is locked out."""
    grammar = lexicon.grammar

    def trouble(unit: Unit) -> bool:
        return not unit.phrase and bool(lexicon.forms(unit.text) & grammar.credential_troubles)

    def credential(unit: Unit) -> bool:
        return not unit.phrase and bool(lexicon.forms(unit.text) & grammar.credentials)

    for first, second in pairwise(units):
        pair = (first, second) if trouble(first) and credential(second) else None
        pair = pair or ((second, first) if credential(first) and trouble(second) else None)
        if pair is not None:
            verb, what = pair
            detail = f"'{verb.text}' on '{what.text}': a lost credential signals friction"
            return _name(detail, -FRICTION, friction=True)
    return None


def nothing_offered(
    units: tuple[Unit, ...], action: Unit | None, lexicon: Lexicon
) -> Evidence | None:
    """ "no" and an availability word a few words on ("No Slots Available",
    "no_seats_left", "invite_no_seat_found") say the product had nothing to offer:
    turned away. So does a name that is only "no" and the thing missing ("NoCoins",
    "no_saved_cards"), unless the "no" declines ("No Thanks"), and an empty list or
    state shown ("Inbox Empty Shown"), where a press on its button is a press."""
    grammar = lexicon.grammar
    if action is not None and lexicon.forms(action.text) & grammar.seeing:
        empty = next((u for u in units if u.text in grammar.emptiness), None)
        if empty is not None:
            detail = f"'{empty.text}' {action.text}: nothing to offer signals friction"
            return _name(detail, -FRICTION, friction=True)
    for i, unit in enumerate(units):
        if unit.phrase or unit.text not in grammar.nothing_openers:
            continue
        for j in range(i + 1, min(i + 4, len(units))):
            if not units[j].phrase and units[j].text in grammar.availability:
                said = " ".join(u.text for u in units[i : j + 1])
                detail = f"'{said}': nothing to offer signals friction"
                return _name(detail, -FRICTION, friction=True)
    if len(units) >= 2 and units[0].text == NO and _only_things(units[1:], lexicon):
        said = " ".join(u.text for u in units)
        return _name(f"'{said}': the thing is missing, a friction signal", -FRICTION, friction=True)
    return None


def _only_things(units: tuple[Unit, ...], lexicon: Lexicon) -> bool:
    """Do the units name only a thing: no action, at most a participle that describes
    the last word ("rewarded video"), and no word that turns the "no" into a reply?"""
    last = units[-1]
    if last.phrase or last.participle or last.text in lexicon.grammar.courtesies:
        return False
    return all(
        u.participle or (not u.phrase and ACTION_LEXICONS.isdisjoint(u.lexicons)) for u in units
    ) and ACTION_LEXICONS.isdisjoint(last.lexicons)


def dropped_connection(
    action: Unit, objects: tuple[Unit, ...], lexicon: Lexicon
) -> Evidence | None:
    """A call, stream or message dropped or lost failed ("Call Dropped", "Invoice Email
    Dropped" by the mail service); a file or a pin dropped is a drag and drop."""
    if action.phrase or not lexicon.forms(action.text) & DROPS:
        return None
    channel = _last_named(objects, lexicon.grammar.channels, lexicon)
    if channel is None:
        return None
    detail = f"'{action.text}' on '{channel.text}', lost on its way, signals friction"
    return _name(detail, -FRICTION, friction=True)


def declined_offer(action: Unit, objects: tuple[Unit, ...], lexicon: Lexicon) -> Evidence | None:
    """Turning down what one was offered ("Invite Declined", "Upsell Offer Rejected") is
    that person's choice, not a struggle with the product."""
    if not action.text.startswith(REFUSALS):
        return None
    offer = _last_named(objects, lexicon.grammar.offers, lexicon)
    if offer is None:
        return None
    detail = f"'{action.text}' on '{offer.text}', an offer, is a choice, not a struggle"
    return _name(detail, -CHOICE)


def turns_down_what_follows(unit: Unit, units: tuple[Unit, ...], lexicon: Lexicon) -> bool:
    """Is `unit`, mentioned beside another action, a refusal of the offer or the step
    named right after it ("Signup Declined Terms")? It is a choice, as when the refusal
    is the action (`declined_offer`)."""
    if not unit.text.startswith(REFUSALS):
        return False
    at = next((i for i, u in enumerate(units) if u is unit), len(units))
    following = units[at + 1 : at + 2]
    offered = _last_named(following, lexicon.grammar.offers, lexicon)
    return offered is not None or any("step-objects" in u.lexicons for u in following)


def lost_round(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """A round of a game failed, abandoned or retried ("Level Failed", "stage_fail", "Match
    Abandoned", "wave_retry"), or a streak broken, is play, not a struggle with the
    product: losing, quitting, lapsing and playing again are part of the game, where a
    checkout abandoned is a flow the product lost."""
    grammar = lexicon.grammar
    played = _round_named(reading, action)  # "Game Load Failed": a load, not the game
    if played is None:
        return None
    if action.text.startswith(BROKEN) and lexicon.forms(played.text) & grammar.game_rewards:
        detail = f"'{action.text}' on '{played.text}', a run of play ended, is no struggle"
        return _name(detail, -CHOICE)  # "Streak Broken": the user's habit lapsed
    if not action.text.startswith((FAIL, ABANDON)) and RETRY not in lexicon.forms(action.text):
        return None
    if not lexicon.forms(played.text) & grammar.game_rounds:
        return None
    detail = f"'{action.text}' on '{played.text}', a round of play, is no struggle"
    return _name(detail, -CHOICE)


def wrong_move(
    unit: Unit, units: tuple[Unit, ...], lexicon: Lexicon, *, weight: float
) -> Evidence | None:
    """A wrong move or answer ("guess_wrong", "Answer Incorrect", "Wrong Move") is play,
    as a round lost is: the user's mistake in a game or a quiz, not the product's. A
    wrong password or code names no move, and stays a struggle."""
    grammar = lexicon.grammar
    if unit.phrase or unit.text not in grammar.mistakes:
        return None
    move = named_in((other for other in units if other is not unit), grammar.moves_of_play, lexicon)
    if move is None:
        return None
    detail = f"'{unit.text}' on '{move.text}', a move of play or an answer, is no struggle"
    return _name(detail, weight)


def _round_named(reading: Reading, action: Unit) -> Unit | None:
    """What the action ends: its object, or the subject that opens a name whose verb
    stands between two nouns ("round_fail_bonus": the round failed)."""
    if reading.style == "subject-verb-object":  # units are told apart by identity
        at = next((i for i, unit in enumerate(reading.units) if unit is action), 0)
        return reading.units[at - 1] if at else None
    return reading.objects[-1] if reading.objects else None


def check_demanded(action: Unit, objects: tuple[Unit, ...], lexicon: Lexicon) -> Evidence | None:
    """A check the product demands before the user may go on ("Identity Check Required",
    "Captcha Needed") stops them where they were: a friction signal."""
    grammar = lexicon.grammar
    if action.phrase or not lexicon.forms(action.text) & grammar.demanding:
        return None
    check = named_in(objects, grammar.product_checks, lexicon)
    if check is None:
        return None
    detail = f"'{check.text}' {action.text}: the product stops the user, a friction signal"
    return _name(detail, -FRICTION, friction=True)


def quit_by_choice(action: Unit, objects: tuple[Unit, ...], lexicon: Lexicon) -> Evidence | None:
    """Quitting what the user began ("Quiz Abandoned", "Workout Aborted") is their own
    choice, as a cancellation is; a purchase abandoned ("Checkout Abandoned") stays
    friction, the drop-off the product must win back."""
    if not action.text.startswith(QUITTING) or not objects:
        return None
    flows = lexicon.grammar.purchase_flows
    if any(lexicon.forms(unit.text) & flows for unit in objects):
        return None
    quit = objects[-1]
    detail = f"'{action.text}' on '{quit.text}' is the user's choice to stop, not a struggle"
    return _name(detail, -CHOICE)


def screened_person(action: Unit, objects: tuple[Unit, ...], lexicon: Lexicon) -> Evidence | None:
    """Refusing or blocking a person ("Applicant Rejected", "Sender Blocked") is the
    user's decision about them, not a struggle with the product."""
    if action.phrase or not action.text.startswith((*REFUSALS, BLOCK)):
        return None
    people = lexicon.grammar.screened_people
    person = objects[-1] if objects else None
    if person is None or not lexicon.forms(person.text) & people:
        return None
    detail = f"'{action.text}' on '{person.text}', a person screened, is a choice, not a struggle"
    return _name(detail, -CHOICE)


def literally(unit: Unit, name: str, lexicon: Lexicon) -> bool:
    """Is the unit in the lexicon as written (or as a plural), not only as another form?
    ("block" in "content_block" is no "blocked")."""
    if unit.phrase or unit.participle:
        return name in unit.lexicons
    return name in lexicon.listed(unit.text)


def _last_named(objects: tuple[Unit, ...], words: frozenset[str], lexicon: Lexicon) -> Unit | None:
    """The last object that is, in some form, one of `words` (the call in "Video Call
    Dropped"): what the action was done to, nearest the action."""
    return named_in(reversed(objects), words, lexicon)


def _name(detail: str, weight: float, *, friction: bool = False) -> Evidence:
    return Evidence("name", detail, weight, friction)
