"""Where the rest of a name changes what its action says about a job getting done.

The action word alone reads one way; these readings need what it acts on or
what stands beside it:

- a verb that only says an action went through defers to the action it
  confirms, when that is an undoing ("Cancellation Confirmed") or the
  software's own work on data or media ("Download Finished", "Loading
  Finished", "Price Update Completed") -2: the machine finished, the job did not;
  so does one on an opening ("Transfer Initiate Success") -2: the job only began;
- applying for a job, a loan or a visa sends an application ("Internship Applied",
  "Applied To Job", "Candidate Applied") +2, where applying a filter or a coupon
  is motion;
- a service delivered over time that ended took place ("Call Ended") +2;
- a goal reached or met ("Daily Goal Reached") +2;
- a subscription or a membership started or activated ("Membership Activated") +2;
- a showing, a quote or a signature requested of another ("Showing Requested") +2;
- a round of a game cleared ("Level Cleared") +2;
- a dose, a test or a loan taken ("Dose Taken") +2;
- a person approved or accepted onto the platform ("Seller Approved") -1: admitted,
  a step before any job;
- a prize for activity earned, granted, unlocked or claimed ("Coins Earned") -2:
  motion rewarded;
- something upgraded that the user does not pay for ("Tower Upgraded") -2: improved
  inside the product, where an account or a tier upgraded was bought;
- what a tracker keeps count of logged or added ("Sleep Logged", "Add Expense") +2,
  where a bug logged is a record and food added to a cart is shopping;
- signing up for what a product offers ("Webinar Signup") +2, where signing up to
  the product is a step;
- a completion verb in a sandbox, a preview or an inspector ("Sandbox Payment
  Completed") -2: the job tried out;
- feedback sent to the product's makers ("App Feedback Sent") -2, where feedback
  on the work ("Interview Feedback Sent") is the job;
- a press beside a completion word ("pay_now_clicked", "click_make_payment")
  records the press of a control that bears the word -2, not the outcome;
- a completion word on a part of the software itself ("Webhook Handler Succeeded")
  -2: the machine's work went through;
- the product's own message to the user sent or delivered ("Push Delivered",
  "Welcome Mail Sent") -2: the software at work, where a reply is the job; and a
  newsletter or updates subscribed to ("Newsletter Subscribed") -2: an opt-in to them;
- news received ("Price Alert Received", "Lab Result Received") -2: it reached the user,
  who did nothing, where money or a deliverable received ("Payout Received") is the job;
- an advert completed or loaded ("Rewarded Ad Completed") -2: advertising running
  its course, where an ad published is the job of one who places ads;
- a message or a chat with the product's AI ("Assistant Chat Sent") -2: the feature
  in use, not a message to a person;
- sharing what the product offers to browse ("Album Shared", "share_listing")
  passes the word on -2, where sharing one's own work ("Report Shared") is the job,
  and a bare "share" ("ResultShare") is the share control -2.
"""

from __future__ import annotations

from .lexicon import Lexicon
from .reading import Reading, Unit, named_in
from .verdicts import Evidence

VERB = 2.0
STEP = 1.0  # a step on the way, as a completion verb on a step object weighs
APPLY = "apply"
CREATE = "create"  # creating defers only when no deliverable was created


def finished_operation(
    action: Unit, objects: tuple[Unit, ...], lexicon: Lexicon
) -> Evidence | None:
    """A verb that only says an action went through ("completed", "success") defers to
    an undoing or a machine operation it names: "Workspace Deletion Completed" is a
    deletion, "Download Finished" a download; a success defers to any interaction it
    names ("Restore Success"). Otherwise an action reached its end keeps the verb's
    meaning: "Visit Completed" is a visit made, "Playback Completed" a video watched."""
    head = objects[-1] if objects else None
    if head is None or "interface-objects" in head.lexicons or not _finishes(action, lexicon):
        return None
    undoing = "interaction-verbs" in head.lexicons and "completion-verbs" not in head.lexicons
    if undoing and _base_in(head, lexicon.grammar.undoings, lexicon):
        detail = f"'{action.text}' only confirms '{head.text}', which reads as interaction"
        return _name(detail, -VERB)
    undone = _undoing_first(objects, lexicon)  # "Delete Workspace Confirmed"
    if undone is not None:
        detail = f"'{action.text}' only confirms '{undone.text} {head.text}', an undoing"
        return _name(detail, -VERB)
    opening = _base_in(head, lexicon.grammar.openings, lexicon)
    if opening is not None and not any(u.text in lexicon.grammar.paid_terms for u in objects):
        detail = f"'{action.text}' only confirms '{head.text}': the job began, it did not end"
        return _name(detail, -VERB)
    operation = _base_in(head, lexicon.grammar.operations, lexicon)
    if operation is None:
        grammar = lexicon.grammar
        interaction = (
            undoing
            and "step-objects" not in head.lexicons
            and not lexicon.forms(head.text) & (grammar.openings | grammar.data_moves)
        )
        if interaction and lexicon.forms(action.text) & grammar.going_through:
            detail = f"'{action.text}' only says '{head.text}' went through: an interaction"
            return _name(detail, -VERB)
        return None
    if operation == CREATE and _made_deliverable(objects):
        return None
    detail = f"'{action.text}' only says '{head.text}', the software's own work, went through"
    return _name(detail, -VERB)


def applied_for(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """Applying for a job, a loan, a visa or a place sends an application ("Vacancy
    Applied", "Applied To Job", "Candidate Applied"); a setting applied is motion."""
    if action.phrase or _base_in(action, frozenset({APPLY}), lexicon) is None:
        return None
    targets = [u for u in (reading.head, *reading.complement[-1:]) if u is not None]
    wanted = lexicon.grammar.applied_for
    target = next((u for u in targets if not u.phrase and lexicon.forms(u.text) & wanted), None)
    if target is None:
        return None
    detail = f"'{action.text}' with '{target.text}': an application sent, which finishes a job"
    return _name(detail, VERB)


# An action of one class on a head of another is the job done, whatever either says
# alone: (the grammar's verbs, its objects, what the pairing means)
_PAIRINGS = (
    # a service delivered over time that ended took place ("Call Ended", "Ride Ended"),
    # as one completed does; a trial that ended, or time spent in the product, is no service
    ("endings", "services", "'{head}' {action}: a service delivered over time took place"),
    # reaching or meeting a goal the user set out for ("Daily Goal Reached", "Sales Target
    # Met") is the outcome; reaching the end of a page is motion
    ("reaching", "goals", "'{head}' {action}: a goal reached is the outcome"),
    # an achievement unlocked was earned, a milestone reached ("Achievement Unlocked");
    # a level or a feature unlocked is access granted
    ("unlocking", "achievements", "'{head}' {action}: an achievement earned, a milestone reached"),
    # a subscription or a membership started or activated was bought ("Membership
    # Activated"), as one created is; a free trial begun is motion
    ("beginnings", "paid_terms", "'{head}' {action}: a paid term begun, bought"),
    # requesting a showing, a quote, a signature or a payment of another ("Showing
    # Requested", "request_signature") delivers the request: the requester's job is done
    (
        "requesting",
        "asked_of_others",
        "'{action}' for '{head}': a request delivered to another, a job done",
    ),
    # a round of a game cleared ("Level Cleared", "Stage Cleared") was won, as one completed
    # is; a cart or a filter cleared is motion
    ("clearing", "game_rounds", "'{head}' {action}: a round of play won"),
)


def paired_job(action: Unit, head: Unit | None, lexicon: Lexicon) -> Evidence | None:
    """A job done that neither the action nor its object says alone (`_PAIRINGS`)."""
    if head is None or action.phrase:
        return None
    grammar = lexicon.grammar
    verbs, objects = lexicon.forms(action.text), lexicon.forms(head.text)
    for verb_class, object_class, meaning in _PAIRINGS:
        if verbs & getattr(grammar, verb_class) and objects & getattr(grammar, object_class):
            return _name(meaning.format(action=action.text, head=head.text), VERB)
    return None


def taken_as_job(action: Unit, head: Unit | None, lexicon: Lexicon) -> Evidence | None:
    """Taking a dose, a test or a loan ("Dose Taken", "Exam Taken", "take_loan") is the job
    itself; a photo or a screenshot taken is motion."""
    grammar = lexicon.grammar
    verb = action.text.split()[0]  # "taken out" a loan is taken too
    if head is None or not lexicon.forms(verb) & grammar.taking:
        return None
    if not lexicon.forms(head.text) & grammar.taken_as_job:
        return None
    detail = f"'{action.text}' on '{head.text}': what the user set out to take, a job done"
    return _name(detail, VERB)


def admitted_person(action: Unit, head: Unit | None, lexicon: Lexicon) -> Evidence | None:
    """A person approved or accepted onto the platform, to offer or take its services ("Seller
    Approved", "approved_vendor"), is admitted: a step before any job, -1. A candidate or an
    applicant accepted is a hiring product's job, and a rider accepted is a ride matched."""
    grammar = lexicon.grammar
    if head is None or action.phrase or not lexicon.forms(action.text) & grammar.admitting:
        return None
    if not lexicon.forms(head.text) & grammar.admitted_people:
        return None
    detail = f"'{action.text}' on '{head.text}' admits a person: a step on the way, not the job"
    return _name(detail, -STEP)


def game_reward(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """A prize the product hands out for activity, earned, granted, unlocked, collected or
    claimed ("Coins Earned", "Badge Awarded", "Bonus Unlocked", "Gems Collected"), rewards
    motion: no job is done by receiving it."""
    grammar = lexicon.grammar
    if action.phrase or not lexicon.forms(action.text) & grammar.rewarding:
        return None
    prize = named_in(reading.objects, grammar.game_rewards, lexicon)
    if prize is None:
        return None
    detail = f"'{action.text}' on '{prize.text}', a prize for activity: motion rewarded, no job"
    return _name(detail, -VERB)


def upgraded_in_product(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """Something upgraded that is not what the user pays for ("Tower Upgraded", "Machine
    Upgraded") was improved inside the product, a game's or a tool's, and bought nothing;
    an account, a plan or a tier upgraded ("Tier Upgraded") was bought."""
    grammar = lexicon.grammar
    head = reading.head
    if head is None or action.phrase or "completion-verbs" not in action.lexicons:
        return None
    if _base_in(action, grammar.upgrading, lexicon) is None:
        return None
    if "deliverable-objects" in head.lexicons or named_in(
        reading.units, grammar.paid_levels, lexicon
    ):
        return None
    detail = f"'{action.text}' on '{head.text}': improved in the product, nothing bought"
    return _name(detail, -VERB)


def ad_played(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """An advert that completes, finishes or loads ("Rewarded Ad Completed",
    "interstitial_ad_load_success") is the product's advertising running its course: the
    user sat through it, no job done. An ad made or published stays the job of whoever
    sells or places ads ("Ad Published")."""
    grammar = lexicon.grammar
    if action.phrase or not lexicon.forms(action.text) & grammar.advert_ends:
        return None
    # as written: "added" is in some form "ad" (add, doubled d)
    ad = next((u for u in reading.objects if u.text in grammar.adverts), None)
    if ad is None:
        return None
    detail = f"'{action.text}' on '{ad.text}', an advert, is the product's advertising: no job"
    return _name(detail, -VERB)


def kept_measure(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """Logging what a tracker keeps count of ("Sleep Logged", "log_distance", "Add
    Expense") is the job the tracker is hired for; a call or a bug logged is only a
    record, and food added to a cart is shopping."""
    grammar = lexicon.grammar
    head = reading.head
    if head is None or action.phrase or reading.complement:
        return None
    if not lexicon.forms(action.text) & grammar.keeping:
        return None
    if not lexicon.forms(head.text) & grammar.kept_measures:
        return None
    detail = f"'{action.text}' on '{head.text}': what the user keeps count of, a job done"
    return _name(detail, VERB)


def signed_up_for(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """Signing up or registering for what a product offers ("Webinar Signup", "Workshop
    Seat Registered", "Registered For Class") is the job; signing up to the
    product itself is a step on the way."""
    grammar = lexicon.grammar
    units = (action, *reading.objects)
    signup = next((u for u in units if _signs_up(u, lexicon)), None)
    if signup is None or (signup is not action and not _finishes(action, lexicon)):
        return None
    wanted = grammar.offerings
    candidates = (*reading.objects, *reading.complement)
    offering = named_in(candidates, wanted, lexicon)
    if offering is None:
        return None
    detail = f"'{signup.text}' for '{offering.text}', something the product offers: the job"
    return _name(detail, VERB)


def _signs_up(unit: Unit, lexicon: Lexicon) -> bool:
    signing_up = lexicon.grammar.signing_up
    if unit.phrase:
        return unit.text in signing_up or unit.text.replace("signed", "sign") in signing_up
    return bool(lexicon.forms(unit.text) & signing_up)


def rehearsal(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """A completion verb on what a sandbox, a preview or an inspector holds ("Sandbox
    Payment Completed", "Preview Invoice Sent") tries the job out; it does not do it."""
    if not ("completion-verbs" in action.lexicons or "completion-states" in action.lexicons):
        return None
    rehearsals = lexicon.grammar.rehearsals
    place = next(
        (u for u in reading.objects if u is not reading.head and u.text in rehearsals), None
    )
    if place is None:
        return None
    detail = f"'{action.text}' in '{place.text}': the job tried out, not done"
    return _name(detail, -VERB)


def product_feedback(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """Feedback sent to the product's makers ("App Feedback Sent", "Recommendation
    Feedback Sent") is a side channel, not the job; feedback on someone's work
    ("Interview Feedback Sent") is the job of a product for reviewing it."""
    grammar = lexicon.grammar
    head = reading.head
    if head is None or not (
        "completion-verbs" in action.lexicons or "completion-states" in action.lexicons
    ):
        return None
    if not lexicon.forms(head.text) & grammar.feedback:
        return None
    if named_in(reading.units, grammar.reviewed_work, lexicon) is not None:
        return None  # on someone's work: the review is the job
    detail = f"'{action.text}' on '{head.text}' to the product's makers: a side channel"
    return _name(detail, -VERB)


def pressed_control(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """A press beside a completion word ("pay_now_clicked", "click_make_payment") records
    the press of a control that bears the word, not the outcome it promises."""
    if not _promises_outcome(action):
        return None
    pressing = lexicon.grammar.pressing_verbs
    # a press is a verb: said done ("clicked"), or first as a command ("click_pay"); "one
    # click" before a purchase names how it is bought
    presses = (
        u
        for i, u in enumerate(reading.units)
        if u is not action and u.text in pressing and (u.participle or i == 0)
    )
    press = next(presses, None)
    if press is None:
        return None
    detail = f"'{press.text}' on a control that says '{action.text}': a press, not the outcome"
    return _name(detail, -VERB)


def call_to_action(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """A bare verb with "now" or "continue" after it is the label of a button ("Buy Now",
    "book_now", "Transfer Continue"), and so is one in a name that a button moving the
    flow on ends ("Buy_Plan_Next"): the outcome would be said done ("Purchased")."""
    if action.participle or action.phrase or not _promises_outcome(action):
        return None
    units = reading.units
    at = next((i for i, unit in enumerate(units) if unit is action), len(units))
    if at + 1 >= len(units):
        return None
    grammar = lexicon.grammar
    if units[at + 1].text in grammar.urging:
        label = f"'{action.text} {units[at + 1].text}'"
    elif units[-1].text in grammar.advancing:
        label = f"'{action.text}' before '{units[-1].text}'"
    else:
        return None
    return _name(f"{label} labels a button: a press, not the outcome", -VERB)


def machine_work(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """A completion word on a part of the software itself ("Webhook Handler Succeeded",
    "Cache Resolved"), or on what one of them or one of its operations answers with
    ("Search Response Received"), says the machine's own work went through, not a job
    the user did."""
    head = reading.head
    if head is None or not (
        "completion-verbs" in action.lexicons or "completion-states" in action.lexicons
    ):
        return None
    grammar = lexicon.grammar
    if lexicon.forms(head.text) & grammar.machine_parts:
        detail = f"'{action.text}' on '{head.text}', a part of the software: its own work"
        return _name(detail, -VERB)
    if head.phrase or not lexicon.forms(head.text) & grammar.machine_outputs:
        return None
    software = grammar.machine_parts | grammar.operations
    part = named_in(reading.objects, software, lexicon)
    if part is None or part is head:
        return None
    detail = f"'{action.text}' on the '{head.text}' of '{part.text}': the software's own work"
    return _name(detail, -VERB)


def news_received(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """Something received that is neither money nor a deliverable ("Price Alert
    Received", "Test Result Received") is news reaching the user, not a job they did; money or a
    deliverable that arrives ("Payout Received") is the job, and a response or a request
    is left to the other readings (a survey's responses are what its owner collects)."""
    head = reading.head
    if head is None or "completion-verbs" not in action.lexicons:
        return None
    if _base_in(action, lexicon.grammar.receiving, lexicon) is None:
        return None
    if "deliverable-objects" in head.lexicons or "artifact-objects" in head.lexicons:
        return None
    if lexicon.forms(head.text) & lexicon.grammar.sent_to_the_user:
        return None  # a response or a request received may be what the user collects
    detail = f"'{action.text}' on '{head.text}': news reaching the user, not a job done"
    return _name(detail, -VERB)


def own_message(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """The product's own message to the user, sent, delivered or received ("Push
    Delivered", "Welcome Mail Sent", "email_weekly_digest"), is the software at work, not
    a job the user did; a message the user writes ("Reply Sent To Customer") stays the job."""
    grammar = lexicon.grammar
    head = reading.head
    if "completion-verbs" not in action.lexicons:
        return None
    if _base_in(action, grammar.subscribing, lexicon) is not None:
        return _opted_in(reading, action, lexicon)
    if head is None:
        return None
    forms = lexicon.forms(head.text)
    # the carrier is the object ("Welcome Mail Sent") or the verb ("email_welcome_offer")
    carrier_verb = bool(
        lexicon.forms(action.text) & (grammar.message_carriers | grammar.own_messages)
    )
    purpose = next(
        (
            u
            for u in reading.objects
            if (u is not head or carrier_verb) and u.text in grammar.message_purposes
        ),
        None,
    )
    carried = carrier_verb or forms & grammar.message_carriers
    if not forms & grammar.own_messages and not (purpose and carried):
        return None
    what = f"{purpose.text} {head.text}" if purpose and purpose is not head else head.text
    detail = f"'{action.text}' on '{what}', the product's own message: the software at work"
    return _name(detail, -VERB)


def _opted_in(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """Subscribing to a list of the product's messages ("Newsletter Subscribed",
    "subscribe_to_updates") opts in to them; a subscription bought stays the job."""
    lists = lexicon.grammar.message_lists
    named = (*reading.objects, *reading.complement)
    listed = named_in(named, lists, lexicon)
    if listed is None:
        return None
    detail = f"'{action.text}' to '{listed.text}', the product's own messages: an opt-in"
    return _name(detail, -VERB)


def talk_with_ai(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """A message or a chat with the product's AI ("Assistant Chat Sent",
    "copilot_chat_sent") is the feature in use, the user talking to the software: motion,
    where a message to a person is the job."""
    grammar = lexicon.grammar
    if "completion-verbs" not in action.lexicons:
        return None
    party = next((u for u in reading.units if u.text in grammar.ai_parties), None)
    if party is None:
        return None
    said = named_in(reading.units, grammar.conversations, lexicon)
    if said is None:
        return None
    detail = f"'{action.text}' with the {party.text}: the user talking to the software"
    return _name(detail, -VERB)


def machine_agent(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """What the software does on its own, said first ("Bot Posted Answer", "System Posted
    Update"), is the software at work, not a job the user did; a deliverable it makes or
    sends ("Scheduler Sent Invoice") is the job, done for the user."""
    agent, head = reading.units[0], reading.head
    if agent is action or agent.text not in lexicon.grammar.machine_agents:
        return None
    if "completion-verbs" not in action.lexicons or (
        head and "deliverable-objects" in head.lexicons
    ):
        return None
    detail = f"'{action.text}' by the {agent.text}: the software at work, not the user's job"
    return _name(detail, -VERB)


def passed_on(reading: Reading, action: Unit, lexicon: Lexicon) -> Evidence | None:
    """Sharing what the product offers to browse, made by others ("Album Shared",
    "share_listing"), or sharing that names only where it went ("Shared Via Chat"),
    passes the word on: motion that may bring others in, not the job the user came for.
    Sharing one's own work ("Report Shared") stays the job. A bare "share" is the control
    that opens sharing (a share button, a share sheet), which the outcome would say went."""
    grammar = lexicon.grammar
    head = reading.head
    if action.phrase or not _base_in(action, grammar.sharing, lexicon):
        return None
    if head is None and reading.complement:  # "Shared Via Chat": only where, nothing shared
        where = " ".join(unit.text for unit in reading.complement)
        detail = f"'{action.text}' {where}, naming nothing shared: word passed on, not the job"
        return _name(detail, -VERB)
    if head is not None and lexicon.forms(head.text) & grammar.catalogue:
        detail = f"'{action.text}' on '{head.text}', offered to browse: word passed on, not the job"
        return _name(detail, -VERB)
    if action.text in grammar.sharing:  # "share_poster", "PosterShare": the verb as written
        detail = f"bare '{action.text}' names the share control: 'shared' would say it went"
        return _name(detail, -VERB)
    return None


def _finishes(action: Unit, lexicon: Lexicon) -> bool:
    return not action.phrase and bool(lexicon.forms(action.text) & lexicon.grammar.finishers)


def _promises_outcome(unit: Unit) -> bool:
    """A completion word: what a control bearing it promises."""
    return "completion-verbs" in unit.lexicons or "completion-states" in unit.lexicons


def _base_in(unit: Unit, verbs: frozenset[str], lexicon: Lexicon) -> str | None:
    """The verb of `verbs` the unit is a form of ("loading" -> load), if any."""
    found = lexicon.forms(unit.text) & verbs
    if found:
        return min(found)
    derived = lexicon.derivation(unit.text)
    return derived.base if derived is not None and derived.base in verbs else None


def _undoing_first(objects: tuple[Unit, ...], lexicon: Lexicon) -> Unit | None:
    """The bare verb of an undoing that opens the object phrase ("delete" in "Delete
    Workspace Confirmed", "cancel" in "Cancel Plan Completed"), if any."""
    if len(objects) < 2:
        return None
    first = objects[0]
    plain = not (first.participle or first.phrase or "completion-verbs" in first.lexicons)
    if plain and _base_in(first, lexicon.grammar.undoings, lexicon) is not None:
        return first
    return None


def _made_deliverable(objects: tuple[Unit, ...]) -> bool:
    return len(objects) >= 2 and "deliverable-objects" in objects[-2].lexicons


def _name(detail: str, weight: float) -> Evidence:
    return Evidence("name", detail, weight)
