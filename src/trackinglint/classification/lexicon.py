"""The word lists the classifier reads names through, loaded from data files.

Each lexicon is a YAML file in `lexicons/` (shipped with the package) holding
words and multiword phrases in any inflection. Matching goes through word
forms, so "shared" in a file also matches "share", "shares" and "sharing" in a
name. Configuration can add words (`[tool.trackinglint.lexicon]`), never
remove them. `grammar.yaml` holds closed-class words and irregular forms.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib.resources import files
from typing import Any

from ..sources.yaml_loader import load_yaml
from .morphology import Derivation, derive
from .tokens import tokenize

LEXICON_NAMES = (
    "completion-verbs",
    "interaction-verbs",
    "completion-states",
    "light-verbs",
    "record-verbs",
    "interface-objects",
    "friction-words",
    "help-seeking",
    "recipients",
    "artifact-objects",
    "deliverable-objects",
    "producing-verbs",
    "step-objects",
    "entitlements",
    "completion-properties",
    "interaction-properties",
    "surface-metric-words",
    "cumulative-words",
    "outcome-metric-words",
)
# step-objects is not among them: it holds sign-in verbs too ("sign in", "login"),
# and every form of those is a step ("signing in" as much as "sign in").
NOUN_LEXICONS = frozenset(
    {
        "interface-objects",
        "help-seeking",
        "recipients",
        "artifact-objects",
        "deliverable-objects",
        "entitlements",
        "completion-properties",
        "interaction-properties",
        "surface-metric-words",
        "cumulative-words",
        "outcome-metric-words",
    }
)
# what an event acts on: the metric words name counts of actions ("opens", "views"), so
# an event name's first word in one of them is still its verb ("Open Hotel Voucher")
THING_LEXICONS = NOUN_LEXICONS - {
    "surface-metric-words",
    "cumulative-words",
    "outcome-metric-words",
}
GRAMMAR = "grammar"

_NONE = object()
_NOTHING: frozenset[str] = frozenset()
_NO_PHRASE: tuple[int, frozenset[str], str] = (0, _NOTHING, "")
MEMO_LIMIT = 50_000  # entries per cache; a long-lived server starts afresh past it
Phrase = tuple[frozenset[str], ...]  # the word forms of each word of a multiword entry


class Memo(dict[Any, Any]):
    """A cache of results computed from one lexicon (readings, evidence), emptied once
    past MEMO_LIMIT entries so that a long-lived process stays bounded."""

    def keep(self, key: Any, value: Any) -> Any:
        """Remember `value` for `key` and return it."""
        if len(self) > MEMO_LIMIT:
            self.clear()
        self[key] = value
        return value


@dataclass(frozen=True, slots=True)
class Grammar:
    prepositions: frozenset[str]
    particles: frozenset[str]
    articles: frozenset[str]
    negators: frozenset[str]
    verb_negators: frozenset[str]
    not_participles: frozenset[str]
    participles: Mapping[str, str]  # irregular participle -> base form
    nominals: Mapping[str, str]  # action noun -> base form
    not_derived: frozenset[str]  # look built from a verb, are not ("signal")
    object_nouns: frozenset[str]  # last after an action, the object ("Export List")
    self_agents: frozenset[str]  # who cancels on their own account ("by customer")
    machine_agents: frozenset[str]  # the software acting on its own ("Bot Posted Answer")
    resolutions: frozenset[str]  # verbs that end a trouble ("dispute resolved")
    finishers: frozenset[str]  # verbs that only say an action went through ("confirmed")
    undoings: frozenset[str]  # actions that undo or leave ("cancellation confirmed")
    going_through: frozenset[str]  # an action went through, no more ("play success")
    data_moves: frozenset[str]  # export, load: a data product's very job
    openings: frozenset[str]  # verbs that open a job ("transfer initiate success")
    as_written: frozenset[str]  # entries only as written ("blocked", not "block")
    possessives: frozenset[str]  # "my orders": the user's own list, a place
    carriers: frozenset[str]  # a form named by the deliverable it carries ("lead form")
    name_suffixes: frozenset[str]  # appended by code, saying nothing ("purchase_event")
    state_holders: frozenset[str]  # hold things in a state ("moved to done column")
    game_rounds: frozenset[str]  # failing one is play ("level failed")
    mistakes: frozenset[str]  # "wrong", "incorrect": on a move of play, the user's own
    moves_of_play: frozenset[str]  # an answer, a guess, a cell: wrong, still play
    purchase_flows: frozenset[str]  # abandoned there, friction ("cart abandoned")
    clearing: frozenset[str]  # "clear", "cleared": a round of play won ("level cleared")
    asking_verbs: frozenset[str]  # asking for something ("helpdesk ticket created")
    screened_people: frozenset[str]  # refused or blocked by choice ("sender blocked")
    offers: frozenset[str]  # what a person may turn down ("invite declined")
    channels: frozenset[str]  # what a connection drops ("call dropped")
    shortenings: Mapping[str, tuple[str, ...]]  # "pw" -> ("password",)
    credentials: frozenset[str]  # what lets a user in ("password", "pin")
    newness: frozenset[str]  # a thing just made, with no verb ("new_lead")
    notifying_verbs: frozenset[str]  # verbs that deliver news ("dunning notice sent")
    credential_troubles: frozenset[str]  # what losing one looks like ("reset", "recover")
    operations: frozenset[str]  # machine work a finisher defers to ("download finished")
    applied_for: frozenset[str]  # what "apply" sends an application for ("vacancy applied")
    services: frozenset[str]  # delivered over time: one that ended took place ("call ended")
    endings: frozenset[str]  # "end", "ended"
    goals: frozenset[str]  # reached or met, the outcome ("daily goal reached")
    reaching: frozenset[str]  # "reach", "meet", "hit"
    achievements: frozenset[str]  # unlocked, earned: a milestone reached
    unlocking: frozenset[str]  # "unlock"
    asked_of_others: frozenset[str]  # a request of one is the job done ("quote requested")
    requesting: frozenset[str]  # "request", "requested"
    paid_terms: frozenset[str]  # begun, they were bought ("membership activated")
    beginnings: frozenset[str]  # "start", "begin", "activate"
    taken_as_job: frozenset[str]  # taking one is the job ("dose taken", "exam taken")
    taking: frozenset[str]  # "take", "taken", "took"
    tries: frozenset[str]  # "attempt", "try": an action tried, not done ("renewal_attempt")
    device_permissions: frozenset[str]  # refused, the user's choice ("location denied")
    contact_details: frozenset[str]  # "email", "phone": one confirmed passed a check
    confirming: frozenset[str]  # "confirm", "verify"
    contact_parts: frozenset[str]  # "number", "address": of a contact detail named before
    demanding: frozenset[str]  # "require", "need": a check demanded stops the user
    product_checks: frozenset[str]  # rejected, the user turned away ("ID Check Rejected")
    admitted_people: frozenset[str]  # approved onto the platform ("seller approved")
    admitting: frozenset[str]  # "approve", "accept": a person admitted
    game_rewards: frozenset[str]  # the product's prize for motion ("coins earned")
    adverts: frozenset[str]  # advertising the user sits through ("rewarded ad completed")
    advert_ends: frozenset[str]  # an advert that ran its course ("completed", "success")
    rewarding: frozenset[str]  # "earn", "grant", "issue", "award"
    kept_measures: frozenset[str]  # logging one is a tracker's job ("blood pressure logged")
    keeping: frozenset[str]  # "log", "record", "track", "add"
    offerings: frozenset[str]  # what one signs up for, the job ("webinar signup")
    signing_up: frozenset[str]  # signing up, "signup", "register", "registration"
    rehearsals: frozenset[str]  # trying out, not doing ("sandbox payment completed")
    feedback: frozenset[str]  # to the product's makers, a side channel ("feedback sent")
    reviewed_work: frozenset[str]  # feedback on it is the job ("interview feedback")
    pressing_verbs: frozenset[str]  # pressing a control ("buy_now_clicked")
    thanks: frozenset[str]  # "thank" (you), "thankyou": the page shown once the job is done
    seeing: frozenset[str]  # "view", "show", "load": a page seen, nothing done to it
    urging: frozenset[str]  # "now" after a bare verb: a button's label ("buy now")
    advancing: frozenset[str]  # ending a name, a button moving the flow on ("buy_plan_next")
    machine_parts: frozenset[str]  # the software itself ("webhook handler succeeded")
    machine_outputs: frozenset[str]  # what it answers with ("search response received")
    paid_levels: frozenset[str]  # upgraded, one is bought ("tier upgraded")
    upgrading: frozenset[str]  # "upgrade": on anything else, improved in the product
    receiving: frozenset[str]  # "receive": news reaching the user, unless money or a deliverable
    sent_to_the_user: frozenset[str]  # "response", "request": received, perhaps collected
    nothing_openers: frozenset[str]  # "no", "zero": "No Slots Available"
    emptiness: frozenset[str]  # "empty": an empty list shown ("Inbox Empty Shown")
    availability: frozenset[str]  # "available", "left": nothing to offer after "no"
    courtesies: frozenset[str]  # "thanks": "no" as a reply that declines ("no thanks")
    own_messages: frozenset[str]  # the product's messages to the user ("push delivered")
    message_carriers: frozenset[str]  # "email", "message": the product's own with a purpose
    message_purposes: frozenset[str]  # "welcome", "confirmation": an automated message
    ai_parties: frozenset[str]  # the product's AI ("copilot chat sent")
    conversations: frozenset[str]  # "message", "chat", "prompt": said to the AI
    message_lists: frozenset[str]  # subscribed to, an opt-in to messages ("newsletter")
    subscribing: frozenset[str]  # "subscribe", "subscription"
    records: frozenset[str]  # gather what happened: "Crash Report Opened" reads about it
    configuring: frozenset[str]  # set up how the product behaves ("retry policy updated")
    catalogue: frozenset[str]  # offered to browse: sharing one passes the word on
    sharing: frozenset[str]  # "share"
    must_work_once: frozenset[str]  # done again, they did not hold ("reconnected")
    progress_things: frozenset[str]  # reset or restarted, work is lost ("assessment reset")
    starting_over: frozenset[str]  # "reset", "restart"
    must_arrive: frozenset[str]  # sent again, it did not arrive ("resend_otp")
    resending: frozenset[str]  # "resend", "resent"
    remedies: frozenset[str]  # asked for when something went wrong ("refund requested")
    requesting_verbs: frozenset[str]  # asking for a remedy ("requested", "initiated")


def read_data_file(name: str) -> Any:
    """One shipped YAML data file, read with the project's YAML 1.2 loader."""
    text = files("trackinglint.classification").joinpath(f"lexicons/{name}.yaml").read_text("utf-8")
    data, _, problems = load_yaml(text)
    if problems:
        raise ValueError(f"lexicons/{name}.yaml: {problems[0].message}")
    return data


@lru_cache(maxsize=1)
def builtin_words() -> dict[str, tuple[str, ...]]:
    """The shipped lexicons, keyed by name."""
    return {
        # a "- # heading" line is an empty entry: skipped, never the word "None"
        name: tuple(str(word) for word in read_data_file(name)["words"] if word is not None)
        for name in LEXICON_NAMES
    }


# grammar lists of multiword entries, kept as their words joined ("by the customer")
_PHRASE_LISTS = frozenset({"self_agents", "signing_up", "rehearsals", "configuring"})
_WORD_MAPS = frozenset({"participles", "nominals"})  # word -> word


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The grammar file's lists, one per field: a field reads the key of its name with
    hyphens for underscores ("verb_negators" <- "verb-negators")."""
    data = read_data_file(GRAMMAR)
    values: dict[str, Any] = {}
    for field in fields(Grammar):
        entries = data[field.name.replace("_", "-")]
        if field.name in _WORD_MAPS:
            values[field.name] = {str(k): str(v) for k, v in entries.items()}
        elif field.name == "shortenings":
            values[field.name] = {str(k): tokenize(str(v)) for k, v in entries.items()}
        elif field.name in _PHRASE_LISTS:
            values[field.name] = frozenset(" ".join(tokenize(str(w))) for w in entries)
        else:
            values[field.name] = frozenset(str(w) for w in entries)
    return Grammar(**values)


class Lexicon:
    """Every lexicon, indexed for fast lookups by word form; caches what it reads."""

    def __init__(self, words: Mapping[str, Iterable[str]], rules: Grammar) -> None:
        self.grammar = rules
        # the verbs the listed action nouns name ("submission" -> submit), as a set once
        self.nominal_bases = frozenset(rules.nominals.values())
        self.words = {name: tuple(entries) for name, entries in words.items()}
        self._forms_cache: dict[str, frozenset[str]] = {}
        self._token_cache: dict[str, frozenset[str]] = {}
        self._index: dict[str, set[str]] = {}
        self._literal: dict[str, set[str]] = {}  # entries as written
        # first word form -> [(phrase, lexicon, entry text)], longest phrases first
        self._phrases: dict[str, list[tuple[Phrase, str, str]]] = {}
        self._memos: dict[str, dict[Any, Any]] = {}
        # the caches every name reads, held here so that reading one is no call to `memo`:
        # what each word is to a reading, readings by words, evidence by name and by
        # words, the reading cases each word opens and each mask of them runs, verdicts
        # by evidence
        self.word_memo = Memo()
        self.reading_memo = Memo()
        self.name_evidence_memo = Memo()
        self.words_evidence_memo = Memo()
        self.gate_memo = Memo()
        self.case_memo = Memo()
        self.verdict_memo = Memo()
        self._derivations: dict[str, Derivation | None] = {}
        self._listed: dict[str, frozenset[str]] = {}
        # word -> the phrases that may start with it, over all its forms (filled on use)
        self._starting: dict[str, tuple[tuple[Phrase, str, str], ...]] = {}
        for name, entries in self.words.items():
            for entry in entries:
                self._add(name, entry)
        for bucket in self._phrases.values():
            bucket.sort(key=lambda item: -len(item[0]))
        # frozen once built, so that a lookup hands out the set itself, not a copy per call
        self._exact = {form: frozenset(names) for form, names in self._index.items()}
        self._literal_frozen = {word: frozenset(names) for word, names in self._literal.items()}

    def _add(self, lexicon: str, entry: str) -> None:
        tokens = tokenize(entry)
        if not tokens:
            return
        # A noun list holds nouns: "submission" must not make "submit" an artifact.
        forms = self._noun_forms if lexicon in NOUN_LEXICONS else self.forms
        if entry in self.grammar.as_written:
            forms = _as_written  # "blocked" is a trouble, a "block" no trouble
        if len(tokens) == 1:
            self._literal.setdefault(tokens[0], set()).add(lexicon)
            for form in forms(tokens[0]):
                self._index.setdefault(form, set()).add(lexicon)
            return
        phrase = tuple(forms(token) for token in tokens)
        text = " ".join(tokens)
        for form in phrase[0]:
            self._phrases.setdefault(form, []).append((phrase, lexicon, text))

    def memo(self, kind: str) -> dict[Any, Any]:
        """A cache for results computed from this lexicon (readings, evidence)."""
        found = self._memos.get(kind)
        if found is None or len(found) > MEMO_LIMIT:  # bound a long-lived process
            found = self._memos[kind] = {}
        return found

    def forms(self, word: str) -> frozenset[str]:
        """The word and the forms it may be an inflection of: "submitted" -> submit."""
        found = self._forms_cache.get(word)
        if found is None:
            if len(self._forms_cache) > MEMO_LIMIT:
                self._forms_cache.clear()
            found = self._forms_cache[word] = frozenset(_forms(word, self.grammar))
        return found

    def _noun_forms(self, word: str) -> frozenset[str]:
        """A noun's forms, without the verb an -ing noun looks built from: a "listing" is
        no "list", a "booking" no "book" ("registered", an adjective, keeps "register")."""
        found = _forms(word, self.grammar, maps=False)
        if word.endswith("ing"):
            found = {form for form in found if _plural_of(word, form)}
        return frozenset(found)

    def lexicons_of(self, word: str) -> frozenset[str]:
        """The lexicons that hold this word in some form."""
        found = self._token_cache.get(word)
        if found is None:
            names: set[str] = set()
            forms = self.forms(word)
            if not self._index.keys().isdisjoint(forms):  # most words and bases tried: none
                for form in forms:
                    names.update(self._index.get(form, ()))
            if len(self._token_cache) > MEMO_LIMIT:
                self._token_cache.clear()
            found = self._token_cache[word] = frozenset(names)
        return found

    def derivation(self, word: str) -> Derivation | None:
        """The known verb `word` is built from ("renewal" -> renew), if any; cached."""
        if word in self._derivations:
            return self._derivations[word]
        if len(self._derivations) > MEMO_LIMIT:
            self._derivations.clear()
        found = self._derivations[word] = derive(word, self)
        return found

    def literal(self, word: str) -> frozenset[str]:
        """The lexicons that list this very word, not only a form of one of their words."""
        return self._literal_frozen.get(word, _NOTHING)

    def listed(self, word: str) -> frozenset[str]:
        """The lexicons that list this word as written, or as the singular of its plural
        ("errors": error); cached, as every name asks of several words."""
        found = self._listed.get(word)
        if found is None:
            found = self.literal(word)
            if word.endswith("s"):
                found = found | self.literal(word[:-1])
            if len(self._listed) > MEMO_LIMIT:
                self._listed.clear()
            self._listed[word] = found
        return found

    def exact(self, word: str) -> frozenset[str]:
        """The lexicons that hold exactly this word form (no inflection matching)."""
        return self._exact.get(word, _NOTHING)

    def phrase_at(self, tokens: tuple[str, ...], start: int) -> tuple[int, frozenset[str], str]:
        """The longest multiword entry starting at `start`: (length, lexicons, text).

        Length 0 when none matches. A phrase in several lexicons reports all of them.
        """
        word = tokens[start]
        candidates = self._starting.get(word)
        if candidates is None:
            candidates = self._phrases_starting(word)
        # most words start no phrase, and every entry is of two words or more
        if not candidates or start + 1 >= len(tokens):
            return _NO_PHRASE
        best, text = 0, ""
        lexicons: set[str] = set()
        following = self.forms(tokens[start + 1])  # the second word of most entries: once
        for phrase, lexicon, entry in candidates:
            size = len(phrase)
            if size < best or start + size > len(tokens) or phrase[1].isdisjoint(following):
                continue
            if all(phrase[i] & self.forms(tokens[start + i]) for i in range(2, size)):
                if size > best:
                    best, lexicons, text = size, set(), entry
                lexicons.add(lexicon)
        return best, frozenset(lexicons), text

    def starts_phrase(self, word: str) -> bool:
        """May a multiword entry start with this word (in some form)?"""
        return bool(self._phrases_starting(word))

    def _phrases_starting(self, word: str) -> tuple[tuple[Phrase, str, str], ...]:
        """The entries a phrase starting with `word` may be, in the order its forms give
        them; gathered once per word, as a word recurs across a plan's names."""
        found = self._starting.get(word)
        if found is None:
            if len(self._starting) > MEMO_LIMIT:
                self._starting.clear()
            phrases, forms = self._phrases, self.forms(word)
            found = ()
            if not phrases.keys().isdisjoint(forms):  # most words start no phrase
                found = tuple(candidate for form in forms for candidate in phrases.get(form, ()))
            self._starting[word] = found
        return found

    def is_participle(self, word: str) -> bool:
        """Does the word look like a past participle ("qualified", "sent")?"""
        rules = self.grammar
        if word in rules.participles:
            return True
        return (
            len(word) >= 4
            and word.endswith("ed")
            and not word.endswith("eed")
            and word not in rules.not_participles
        )


def _plural_of(word: str, form: str) -> bool:
    """Is `word` the form itself or a plural of it ("policies" of "policy")?"""
    return (
        form == word
        or word in (form + "s", form + "es")
        or (word.endswith("ies") and form == word[:-3] + "y")
    )


def _forms(word: str, rules: Grammar, *, maps: bool = True) -> set[str]:
    """Inflections of a word; with `maps`, irregular and nominal forms' verbs too."""
    found = {word}
    size = len(word)
    if size > 4 and word.endswith(("ied", "ies")):
        found.add(word[:-3] + "y")
    elif size >= 4 and word.endswith("ed") and not word.endswith("eed"):
        stem = word[:-2]
        found.add(word[:-1])
        if len(stem) > 2 and stem not in rules.verb_negators:  # "used" is no "us", "noted" no "not"
            found.add(stem)
        if len(stem) > 2 and stem[-1] == stem[-2]:
            found.add(stem[:-1])  # submitted -> submit, cancelled -> cancel
    elif size >= 6 and word.endswith("ing"):
        stem = word[:-3]
        found.update((stem, stem + "e"))
        if stem[-1] == stem[-2]:
            found.add(stem[:-1])
    if size > 4 and word.endswith("es"):
        found.add(word[:-2])
    if size > 3 and word.endswith("s") and not word.endswith("ss"):
        found.add(word[:-1])
    if maps:
        for form in list(found):
            base = rules.participles.get(form) or rules.nominals.get(form)
            if base:
                found.add(base)
    return found


@lru_cache(maxsize=32)
def _cached_lexicon(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> Lexicon:
    words = {name: list(entries) for name, entries in builtin_words().items()}
    for name, entries in extra:
        words.setdefault(name, []).extend(entries)
    return Lexicon(words, grammar())


def _as_written(word: str) -> frozenset[str]:
    return frozenset({word})


def load_lexicon(extra: Mapping[str, Iterable[str]] | None = None) -> Lexicon:
    """The shipped lexicons plus configured words; built once per distinct extension.

    Raises KeyError naming an unknown lexicon (configuration checks this first).
    """
    key: list[tuple[str, tuple[str, ...]]] = []
    for name, entries in sorted((extra or {}).items()):
        if name not in LEXICON_NAMES:
            raise KeyError(name)
        key.append((name, tuple(entries)))
    return _cached_lexicon(tuple(key))


def check_lexicon_table(settings: Any, values: dict[str, Any]) -> dict[str, Any]:
    """`lexicon = {completion-verbs = ["onboarded"]}`: words added to the classifier's
    lexicons (a configuration table; see `config.ConfigTable`)."""
    from ..config import close_match

    value = values["lexicon"]
    if not isinstance(value, dict):
        raise settings.error("lexicon", "expected a table of lexicon-name = [words]")
    result = {}
    for name, words in value.items():
        if name not in LEXICON_NAMES:
            hint = close_match(name, LEXICON_NAMES)
            suggestion = (
                f"did you mean '{hint}'?" if hint else f"known lexicons: {', '.join(LEXICON_NAMES)}"
            )
            raise settings.error(f"lexicon.{name}", f"unknown lexicon; {suggestion}")
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise settings.error(f"lexicon.{name}", "expected a list of non-empty strings")
        result[name] = tuple(word.strip() for word in words)
    return {"lexicon": result}
