"""The classifier: tokens, evidence, verdicts, metrics, configuration, plugins, CLI.

Event names here are deliberately not taken from the labelled dev set, so
these tests check behaviour rather than memorised answers.
"""

from __future__ import annotations

import re
import textwrap
import time
import types
from pathlib import Path

import pytest

from trackinglint.classification import (
    LEXICON_NAMES,
    Classification,
    Evidence,
    classify,
    compounds,
    load_lexicon,
    read_name,
    tokenize,
)
from trackinglint.classification.events import BASE_RATE_EVIDENCE
from trackinglint.classification.lexicon import Lexicon, builtin_words, grammar
from trackinglint.classification.names import name_evidence
from trackinglint.classification.reading import content_tokens
from trackinglint.classification.report import summary_line
from trackinglint.hookspecs import hookimpl
from trackinglint.model import Plan
from trackinglint.plugins import build_registry
from trackinglint.readers.native import build_plan
from trackinglint.sources import Document
from trackinglint.sources.yaml_loader import load_yaml


def plan_from(text: str) -> Plan:
    """A native plan from YAML text, without touching the disk."""
    text = "trackinglint: 1\n" + textwrap.dedent(text)
    data, locator, problems = load_yaml(text)
    assert not problems
    return build_plan(Document(Path("plan.yaml"), "plan.yaml", text, data, locator), data)


def bare(*names: str) -> Plan:
    """A plan holding only these event names: no kinds, jobs or properties."""
    return plan_from("events:\n" + "".join(f"  {name}: {{}}\n" for name in names))


def event(name: str, text: str = "", registry=None):
    plan = plan_from(f"events:\n  {name}:\n" + textwrap.indent(textwrap.dedent(text), "    "))
    return classify(plan, registry).events[name]


def details(verdict) -> list[tuple[str, float]]:
    return [(e.detail, e.weight) for e in verdict.evidence]


def assert_reads(name: str, kind: str, detail: str) -> None:
    """The name gives one piece of evidence, this one, and reads as `kind`."""
    verdict = event(name)
    assert verdict.kind == kind, details(verdict)
    assert [d for d, _ in details(verdict)] == [detail]


# --- tokenization -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Invoice Approved", ["invoice", "approved"]),  # Title Case "Object Action"
        ("Approved an invoice", ["approved", "an", "invoice"]),  # "Verb Object"
        ("invoice_approved", ["invoice", "approved"]),  # snake_case
        ("invoiceApproved", ["invoice", "approved"]),  # camelCase
        ("InvoiceLineItemApproved", ["invoice", "line", "item", "approved"]),  # PascalCase
        ("invoice-line-approved", ["invoice", "line", "approved"]),  # kebab-case
        ("billing.invoice.approved", ["billing", "invoice", "approved"]),  # dotted namespace
        ("INVOICE_APPROVED", ["invoice", "approved"]),  # SCREAMING_CASE
        ("checkout_step_2_viewed", ["checkout", "step", "2", "viewed"]),  # digits
        ("Step3Viewed", ["step", "3", "viewed"]),
        ("oauth2Connected", ["oauth", "2", "connected"]),
        ("APIKeyRotated", ["api", "key", "rotated"]),  # acronym before a word
        ("HTTPError500Shown", ["http", "error", "500", "shown"]),
        ("PDFsExported", ["pdfs", "exported"]),  # an acronym keeps its inflection
        ("Happening RSVPed", ["happening", "rsvped"]),
        ("OTPResent", ["otp", "resent"]),  # a capitalised word after an acronym
        ("PDFsExportés", ["pdfs", "exportés"]),  # the same, outside ASCII
        ("ÉvénementRSVPed", ["événement", "rsvped"]),
        ("OTPRenvoyé", ["otp", "renvoyé"]),
        ("DAU/MAU", ["dau", "mau"]),
        # a product written with a capital inside is one word, wherever it stands
        ("LinkedInConnected", ["linkedin", "connected"]),
        ("shareLinkedInClicked", ["share", "linkedin", "clicked"]),
        ("iOSAppOpened", ["ios", "app", "opened"]),
        ("reBookTapped", ["re", "book", "tapped"]),  # no product: "eBook" inside a word
        ("Member's Card Renewed", ["members", "card", "renewed"]),  # apostrophe joins
        ("Reçu Envoyé", ["reçu", "envoyé"]),  # non-ASCII letters
        ("ÉtapeValidée", ["étape", "validée"]),
        ("  --  ", []),
    ],
)
def test_tokenize_every_naming_style(name, tokens):
    assert list(tokenize(name)) == tokens


def test_every_product_name_passes_the_quick_check():
    """The product names are looked for only in names the quick check lets through."""
    from trackinglint.classification import tokens

    pattern = tokens._BRANDS.replace("(?<![A-Za-z])", "").replace("(?![a-z])", "")
    products = re.findall(r"[A-Za-z]{2,}", pattern)
    assert "LinkedIn" in products and "iOS" in products
    assert [p for p in products if not tokens._MAY_HOLD_BRAND.search(p)] == []


@pytest.mark.parametrize(
    ("name", "style", "action", "head"),
    [
        ("Invoice Approved", "object-action", "approved", "invoice"),
        ("Approved an invoice", "verb-object", "approved", "invoice"),
        ("Quote Emailed To Client", "object-action", "emailed", "quote"),
        ("Emailed a quote to the client", "verb-object", "emailed", "quote"),
        ("row_click", "object-action", "click", "row"),
        ("view_invoice", "verb-object", "view", "invoice"),
        ("Agent Logged Out", "object-action", "logged out", "agent"),
        ("Clerk Opens Drawer", "subject-verb-object", "opens", "drawer"),
        ("Pricing Page", "noun", None, "page"),
        ("Expense Approved 42", "object-action", "approved", "expense"),  # trailing number
        # a word that names a count ("opens") is still the verb when it comes first
        ("Open Hotel Voucher", "verb-object", "open", "voucher"),
        # the verb said right after the user, not a later word that could be one
        ("member_view_author_bio", "subject-verb-object", "view", "bio"),
        # a completion verb only in its -s form names things: "places", not "places an order"
        ("Select Stored Places", "verb-object", "select", "places"),
        # a completion verb first names the feature; the control worked in it is the action
        ("share_select_contact", "verb-object", "select", "contact"),
        ("Send Select Recipient", "verb-object", "select", "recipient"),
        # ...also after the feature's thing, when a word follows the control, not last
        ("Sell_Offer_Change_Currency", "verb-object", "change", "currency"),
        ("Sell Offer Change", "verb-object", "sell", "change"),  # a change of the offer
        # ...but not before a word a noun list holds ("Send Invoice Reminder")
        ("Send Invoice Reminder", "verb-object", "send", "reminder"),
        # a try after a verb says how it went: the verb is no action on the attempt
        ("renewal_attempt", "object-action", "attempt", "renewal"),
    ],
)
def test_reading_finds_action_and_object(name, style, action, head):
    reading = read_name(name, load_lexicon())
    assert reading.style == style
    assert (reading.action and reading.action.text) == action
    assert (reading.head and reading.head.text) == head


# --- event evidence ---------------------------------------------------------


def test_completion_verb_explained():
    verdict = event("Invoice Approved")
    assert verdict.kind == "job_completion"
    assert details(verdict) == [("verb 'approved' reads as completion", 2.0)]
    assert verdict.evidence[0].source == "name"
    assert verdict.name_kind == "job_completion"
    assert verdict.confidence == pytest.approx(0.88, abs=0.005)


def test_interface_object_outweighs_a_completion_verb():
    verdict = event("Dialog Submitted")
    assert verdict.kind == "feature_interaction"
    assert details(verdict) == [
        ("verb 'submitted' reads as completion", 2.0),
        ("acts on 'dialog', a part of the interface", -2.5),
    ]
    assert verdict.name_kind is None  # conflicting evidence is not strong evidence
    # ...but an interface word that is not the head does not decide
    assert event("Form Response Submitted").kind == "job_completion"


def test_recipient_and_end_state_in_the_complement():
    assert details(event("Quote Emailed To Client")) == [
        ("verb 'emailed' reads as completion", 2.0),
        ("delivered to 'client'", 0.5),
    ]
    assert details(event("Ticket Moved To Done")) == [
        ("verb 'moved' is not a known completion verb", -0.5),
        ("reaches state 'done'", 3.0),
    ]
    assert event("Ticket Moved To Done").kind == "job_completion"


def test_light_verb_defers_to_its_object():
    assert details(event("Barcode Scan Performed")) == [
        ("'scan performed' reads as interaction", -2.0)
    ]
    assert details(event("Wire Transfer Executed")) == [
        ("'transfer executed' reads as completion", 2.0)
    ]
    # a noun that names no action: something ran or was done, no job named
    assert details(event("Backfill Executed")) == [
        ("'backfill executed' says only that something was done: no job", -1.0)
    ]
    # a command, a script or a query run is the tool in use, as one finished is
    assert details(event("Script Executed")) == [
        ("'script executed' runs the software: the tool in use, not a job", -1.0)
    ]
    assert details(event("Query Finished"))[0] == (
        "'finished' only says 'query', the software's own work, went through",
        -2.0,
    )


def test_base_forms_read_as_actions():
    assert details(event("row_click")) == [("verb 'click' reads as interaction", -2.0)]
    assert details(event("banner_view")) == [
        ("verb 'view' reads as interaction", -2.0),
        ("acts on 'banner', a part of the interface", -2.5),
    ]
    assert event("Purchase").kind == "job_completion"


def test_unknown_verb_leans_to_interaction_weakly():
    verdict = event("Layer Frobnicated")
    assert verdict.kind == "feature_interaction"
    assert details(verdict) == [("verb 'frobnicated' is not a known completion verb", -0.5)]
    assert verdict.confidence == pytest.approx(0.62, abs=0.005)
    assert verdict.name_kind is None


def test_a_name_without_evidence_leans_to_interaction_by_the_base_rate():
    """Most events are interactions: a name no word of which the lexicons know is read
    as one, weakly and saying why; only a name without a word stays unknown."""
    verdict = event("Zorblax")
    assert (verdict.kind, verdict.confidence) == (
        "feature_interaction",
        pytest.approx(0.56, abs=0.01),
    )
    assert details(verdict) == [
        (
            "no word names a kind of action, a state or a part of the interface: "
            "read as an interaction, as most events are",
            -0.25,
        )
    ]
    assert verdict.name_kind is None  # too weak to contradict a declared kind
    declared = event("Zorblax", "kind: job_completion\n")
    assert (declared.kind, declared.contradicts) == ("job_completion", False)
    with_property = event("Zorblax", "properties:\n  order_id: {type: string}\n")
    assert with_property.kind == "job_completion"
    assert all(weight != -0.25 for _, weight in details(with_property))
    wordless = classify(bare("'--'")).events["--"]
    assert (wordless.kind, wordless.confidence, wordless.evidence) == ("unknown", 0.0, ())


def test_declared_kind_decides_and_contradiction_is_flagged():
    viewed = event("Report Viewed", "kind: job_completion\n")
    assert viewed.kind == "job_completion"
    assert (viewed.declared, viewed.name_kind, viewed.contradicts) == (
        "job_completion",
        "feature_interaction",
        True,
    )
    assert viewed.evidence[0] == Evidence("declared", "declared job_completion in the plan", 4.0)
    approved = event("Invoice Approved", "kind: feature_interaction\n")
    assert (approved.kind, approved.contradicts) == ("feature_interaction", True)
    agreeing = event("Invoice Approved", "kind: job_completion\n")
    assert (agreeing.contradicts, agreeing.confidence > 0.99) == (False, True)
    weak = event("Layer Frobnicated", "kind: job_completion\n")
    assert (weak.kind, weak.contradicts) == ("job_completion", False)  # weak names never contradict


def test_job_completion_evidence():
    plan = plan_from(
        """
        jobs:
          reconcile:
            completion: [Ledger Frobnicated]
        events:
          Ledger Frobnicated: {}
          Ledger Opened:
            job: reconcile
        """
    )
    result = classify(plan)
    done = result.events["Ledger Frobnicated"]
    assert done.kind == "job_completion"
    assert details(done)[0] == ("completion event of job 'reconcile'", 4.0)
    assert done.evidence[0].source == "job"
    step = result.events["Ledger Opened"]
    assert details(step)[0] == ("a step of job 'reconcile', not its completion", -0.5)


def test_property_evidence():
    done = event(
        "Ledger Frobnicated",
        """
        properties:
          order_id: {type: string}
          pull_request_number: {type: integer}
          amount: {type: number}
          colour: {type: string}
        """,
    )
    assert done.kind == "job_completion"
    assert [(e.source, e.detail, e.weight) for e in done.evidence[1:]] == [
        ("property", "property 'order_id' identifies an order", 0.5),
        ("property", "property 'pull_request_number' identifies a pull request", 0.5),
        ("property", "property 'amount' records what got done", 0.5),
    ]
    touched = event(
        "Ledger Frobnicated",
        """
        properties:
          button_text: {type: string}
          screen_name: {type: string}
          page_url: {type: string}
          referrer: {type: string}
          element_id: {type: string}
        """,
    )
    assert touched.kind == "feature_interaction"
    assert details(touched)[1:] == [
        ("property 'button_text' describes the interface ('button')", -0.5),
        ("property 'screen_name' describes the interface ('screen')", -0.5),
        ("property 'page_url' describes the interface ('page')", -0.5),
    ]  # at most three count each way, so names stay decisive


@pytest.mark.parametrize(
    ("name", "kind", "friction"),
    [
        ("Upload Failed", "feature_interaction", True),
        ("claim_submission_rejected", "feature_interaction", True),
        ("Escalation Timed Out", "feature_interaction", True),
        ("Lookup Returned No Results", "feature_interaction", True),
        ("Help Drawer Opened", "feature_interaction", True),
        ("Cancel Link Clicked", "feature_interaction", False),  # the user's own decision
        ("Subscription Cancelled", "feature_interaction", False),
        ("Order Cancelled By Customer", "feature_interaction", False),
        ("Booking Cancelled By Host", "feature_interaction", True),  # someone else's decision
        ("Payment Past Due", "feature_interaction", True),
        ("Zendesk Widget Opened", "feature_interaction", True),
        ("Config Validation Mismatch", "feature_interaction", True),
        ("Refund Not Received", "feature_interaction", True),
        ("Support Ticket Resolved", "job_completion", False),  # a job, even at a help desk
        ("Error Fixed", "job_completion", False),
        ("Claims Closed With No Errors", "job_completion", False),  # closing a claim settles it
        ("Invoice Approved", "job_completion", False),
    ],
)
def test_friction_flag(name, kind, friction):
    verdict = event(name)
    assert (verdict.kind, verdict.friction) == (kind, friction)
    if friction:
        assert any(e.friction for e in verdict.evidence)


def test_friction_explained():
    assert details(event("Upload Failed")) == [("'failed' signals friction", -3.0)]
    assert details(event("Refund Not Received")) == [("'not received' signals friction", -3.0)]
    # a beginning denied is a status, what has not begun yet: no struggle
    assert details(event("Tour Not Started")) == [
        ("verb 'started' reads as interaction", -2.0),
        ("acts on 'tour', a part of the interface", -2.5),
    ]
    assert details(event("Claims Settled Without Reopen")) == [
        ("verb 'settled' reads as completion", 2.0),
        ("'without reopen' rules out friction", 0.5),
    ]


# --- word formation: action nouns, compounds, prefixes, squashed names -------


@pytest.mark.parametrize(
    ("name", "kind", "detail"),
    [
        # an action noun last, with no other verb, is the action
        (
            "Cabin Reservation",
            "job_completion",
            "'reservation' names the action, which reads as completion",
        ),
        ("Lease Renewal", "job_completion", "verb 'renewal' reads as completion"),
        (
            "Table Booking",
            "job_completion",
            "'booking' names the action, which reads as completion",
        ),
        (
            "Wire Remittance",
            "job_completion",
            "'remittance' names the action 'remit', which reads as completion",
        ),
        # a verb and its particle written as one word
        (
            "Cart Checkout",
            "job_completion",
            "'checkout' is 'check out' as one word, which reads as completion",
        ),
        (
            "Vendor Payout",
            "job_completion",
            "'payout' is 'pay out' as one word, which reads as completion",
        ),
        # prefixed verbs: again, or undone
        (
            "Listing Republished",
            "job_completion",
            "'republished' is 're' + 'published', which reads as completion",
        ),
        (
            "Article Unpublished",
            "feature_interaction",
            "'unpublished' undoes 'published', which reads as interaction",
        ),
        # the verb's lemma with the silent "e" English drops before a suffix
        (
            "Office Usage",
            "feature_interaction",
            "'usage' names the action 'use', which reads as interaction",
        ),
        # an action noun of a making or closing verb makes or closes a deliverable
        (
            "Contract Generation",
            "job_completion",
            "'generation' on 'contract', a deliverable, finishes a job",
        ),
        (
            "Case Closure",
            "job_completion",
            "'closure' on 'case', a business artifact, finishes a job",
        ),
        # done wrongly
        (
            "Parcel Misdelivered",
            "feature_interaction",
            "'misdelivered' is 'delivered' done wrongly, which signals friction",
        ),
        # a simple past tense is a participle too
        ("Essay Wrote", "job_completion", "verb 'wrote' reads as completion"),
    ],
)
def test_word_formation(name, kind, detail):
    verdict = event(name)
    assert detail in [d for d, _ in details(verdict)], details(verdict)
    assert verdict.kind == kind, details(verdict)


def test_an_action_noun_after_another_verb_is_its_object():
    assert read_name("begin_payout", load_lexicon()).action.text == "begin"
    assert event("begin_payout").kind == "feature_interaction"
    assert event("approve_payout").kind == "job_completion"


def test_squashed_names_are_split_by_word_frequency():
    verdict = event("invoicepaid")
    assert verdict.kind == "job_completion"
    assert details(verdict) == [
        ("read 'invoicepaid' as 'invoice paid' (word frequencies)", 0.0),
        ("verb 'paid' reads as completion", 2.0),
    ]
    assert event("uploadfailed").friction
    # a plain English word stays whole, and a name with a known action is never split
    assert read_name("Forecast Shared", load_lexicon()).units[0].text == "forecast"
    assert [d for d, _ in details(event("playlist"))] == [
        "no word names a kind of action, a state or a part of the interface: "
        "read as an interaction, as most events are"
    ]


def test_the_splitter_loads_only_for_squashed_names(tmp_path):
    """wordninja's word list costs 0.05-0.1 s to read: only a name that needs it pays, and
    reading it never imports wordninja, whose import builds a table of every word's cost
    (0.15-0.5 s)."""
    script = tmp_path / "probe.py"
    script.write_text(
        "import sys\n"
        "from trackinglint.classification import classify, compounds, load_lexicon, read_name\n"
        "lexicon = load_lexicon()\n"
        "for name in ('Forecast Shared', 'Reset Password', 'Ledger Entry', 'Template Timed Out'):\n"
        "    read_name(name, lexicon)\n"
        "print(compounds._splitter.cache_info().currsize)\n"
        "read_name('invoicepaid', lexicon)\n"
        "print(compounds._splitter.cache_info().currsize, 'wordninja' in sys.modules)\n"
    )
    import subprocess
    import sys

    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert (run.returncode, run.stdout.split()) == (0, ["0", "1", "False"]), run.stderr


def test_the_splitter_splits_as_wordninja_does():
    """The same word list and costs as wordninja, so the same splits, ties and all; letters
    outside a-z are dropped as wordninja drops them."""
    import wordninja

    split = compounds._splitter()
    for token in (
        "paymentsent",
        "cartabandoned",
        "checkoutdone",
        "signupcompleted",
        "invoiceoverdue",
        "playlistshared",
        "сlickblur",
        "zzqxv",
        "a",
    ):
        assert split(token) == wordninja.split(token), token
    assert split("paymentsent") == ["payment", "sent"]
    assert split("") == []


@pytest.mark.parametrize(
    ("name", "kind", "detail", "weight"),
    [
        # making or closing a deliverable finishes a job
        (
            "Quote Generated",
            "job_completion",
            "'generated' on 'quote', a deliverable, finishes a job",
            2.0,
        ),
        (
            "create_invoice",
            "job_completion",
            "'create' on 'invoice', a deliverable, finishes a job",
            2.0,
        ),
        (
            "Support Ticket Closed",
            "job_completion",
            "'closed' on 'ticket', a deliverable, finishes a job",
            2.0,
        ),
        (
            "Discussion Thread Created",
            "job_completion",
            "'created' on 'thread', a deliverable, finishes a job",
            2.0,
        ),
        ("Workspace Created", "feature_interaction", "verb 'created' reads as interaction", -2.0),
        (
            "Lease Signed",
            "job_completion",
            "verb 'signed' reads as completion",
            2.0,
        ),
        (
            "Tenant Lease Created",
            "job_completion",
            "'created' on 'lease', a deliverable, finishes a job",
            2.0,
        ),
        # finishing a step on the way is still motion
        (
            "Login Completed",
            "feature_interaction",
            "'completed' finishes 'login', a step on the way, not the job",
            -1.0,
        ),
        (
            "Setup Step Submitted",
            "feature_interaction",
            "'submitted' finishes 'step', a step on the way, not the job",
            -1.0,
        ),
        (
            "Captcha Passed",
            "feature_interaction",
            "'passed' finishes 'captcha', a step on the way, not the job",
            -1.0,
        ),
        (  # what the user tells the product before it does the job
            "Delivery Frequency Submitted",
            "feature_interaction",
            "'submitted' finishes 'frequency', a step on the way, not the job",
            -1.0,
        ),
        (  # a gate lets the user in, no further
            "Age Gate Passed",
            "feature_interaction",
            "'passed' finishes 'gate', a step on the way, not the job",
            -1.0,
        ),
        (
            "Bio Approved",
            "feature_interaction",
            "'approved' finishes 'bio', a step on the way, not the job",
            -1.0,
        ),
        (
            "Slack Connector Succeeded",
            "feature_interaction",
            "'succeeded' finishes 'connector', a step on the way, not the job",
            -1.0,
        ),
        (
            "Github Oauth Succeeded",
            "feature_interaction",
            "'succeeded' finishes 'oauth', a step on the way, not the job",
            -1.0,
        ),
        # a bare verb after its object is the button, not the outcome
        (
            "answer_form_submit",
            "feature_interaction",
            "bare 'submit' after its object names the command, not its outcome",
            -0.5,
        ),
        # unless it sends a deliverable, alone or carried by a form: the deliverable went
        ("reservation_submit", "job_completion", "verb 'submit' reads as completion", 2.0),
        ("quote_form_submit", "job_completion", "verb 'submit' reads as completion", 2.0),
        (
            "Payout Confirm",
            "feature_interaction",
            "bare 'confirm' after its object names the command, not its outcome",
            -0.5,
        ),
        # a verb first, then its object, even when the object is also a verb
        ("export_list", "feature_interaction", "verb 'export' reads as interaction", -2.0),
        # but a confirming verb first is the button of a flow's last step
        (
            "Confirm Pickup Time",
            "feature_interaction",
            "bare 'confirm' before its object names the command, not its outcome",
            -0.5,
        ),
        ("Invite Coworker", "job_completion", "verb 'invite' reads as completion", 2.0),
    ],
)
def test_deliverables_steps_and_verb_first(name, kind, detail, weight):
    verdict = event(name)
    assert verdict.kind == kind, details(verdict)
    assert (detail, weight) in details(verdict)


@pytest.mark.parametrize(
    ("name", "friction", "detail"),
    [
        ("Plan Cancelled", False, "verb 'cancelled' reads as interaction"),
        (
            "Ride Cancelled By Driver",
            True,
            "'cancelled by driver', not by the user, signals friction",
        ),
        ("Ride Cancelled By Customer", False, "verb 'cancelled' reads as interaction"),
        ("Membership Expired", False, "'membership' expired: a term ran out, not a struggle"),
        ("Bid Expired", False, "'bid' expired: an offer lapsed unanswered, not a struggle"),
        ("Download Link Expired", True, "'expired' signals friction"),
        (
            "Cookie Consent Declined",
            False,
            "'declined' on 'cookie consent' is the user's choice, not a struggle",
        ),
        ("Transfer Declined", True, "'declined' signals friction"),
        ("Selfie Rejected", True, "'rejected' signals friction"),  # the liveness check said no
        ("Invoice Past Due", True, "'past due' signals friction"),
        ("Freshdesk Widget Opened", True, "'freshdesk' signals help-seeking"),
        ("Drift Chat Opened", True, "'drift chat' signals help-seeking"),
        ("Model Drift Measured", False, "verb 'measured' is not a known completion verb"),
        (
            "Schema Violation Detected",
            True,
            "'violation' is what the event is about, a friction signal",
        ),
        ("content_block_added", False, "verb 'added' reads as interaction"),  # no "blocked"
        # a device permission refused is the user's choice, as a permission denied is
        (
            "Microphone Rejected",
            False,
            "'rejected' on 'microphone' is the user's choice, not a struggle",
        ),
        # forgetting is a struggle only with what lets the user in
        (
            "Forgot Username Tapped",
            True,
            "'forgot' on 'username': a lost credential signals friction",
        ),
        ("Connection Forgotten", False, "verb 'forgotten' is not a known completion verb"),
        # a paywall shown is the upgrade screen; one hit blocks what the user was doing
        ("Upgrade Paywall Shown", False, "acts on 'paywall', a part of the interface"),
        ("Premium Paywall Hit", True, "'paywall hit' signals friction"),
        ("Video Paywalled", True, "'paywalled' signals friction"),
        # "paywalled" holds as written: a paywall named first is still no trouble
        ("Paywall Select Plan", False, "verb 'select' reads as interaction"),
        # the service does not reach the user, or is too busy to serve them
        ("Delivery Out Of Coverage", True, "'out of coverage' signals friction"),
        ("Server Busy", True, "'server busy' signals friction"),
        # an AI chatbot is a feature; a support chatbot is still a help place
        ("Chatbot Opened", False, "verb 'opened' reads as interaction"),
        ("Support Chatbot Opened", True, "'opened' for 'support', a help place, asks for help"),
        # a step where the product judges the user, refused, turned the user away
        ("KYC Check Rejected", True, "'rejected' signals friction"),
        ("Login Denied", True, "'denied' signals friction"),
        # input too long or too short for the product, or nothing left to book
        ("Password Too Short", True, "'too short' signals friction"),
        ("Fully Booked", True, "'fully booked' signals friction"),
        # quitting what the user began is their choice; a purchase abandoned is lost
        (
            "Quiz Abandoned",
            False,
            "'abandoned' on 'quiz' is the user's choice to stop, not a struggle",
        ),
        (
            "Import Aborted",
            False,
            "'aborted' on 'import' is the user's choice to stop, not a struggle",
        ),
        ("Cart Abandoned", True, "'abandoned' signals friction"),
        # a check the product demands stops the user; a premium term run out does not
        (
            "Identity Check Required",
            True,
            "'identity' required: the product stops the user, a friction signal",
        ),
        ("Premium Expired", False, "'premium' expired: a term ran out, not a struggle"),
    ],
)
def test_friction_and_its_false_alarms(name, friction, detail):
    verdict = event(name)
    assert verdict.friction is friction, details(verdict)
    assert detail in [d for d, _ in details(verdict)], details(verdict)


@pytest.mark.parametrize(
    ("name", "kind", "friction", "detail", "weight"),
    [
        # asking a help place for something is help-seeking, whatever the verb says alone
        (
            "Helpdesk Ticket Created",
            "feature_interaction",
            True,
            "'created' for 'helpdesk', a help place, asks for help",
            -2.0,
        ),
        (
            "Support Request Submitted",
            "feature_interaction",
            True,
            "'submitted' for 'support', a help place, asks for help",
            -2.0,
        ),
        (
            "Gorgias Chat Opened",
            "feature_interaction",
            True,
            "'opened' for 'gorgias', a help place, asks for help",
            -2.0,
        ),
        (
            "Help Desk Ticket Resolved",
            "job_completion",
            False,
            "verb 'resolved' reads as completion",
            2.0,
        ),
        # a trouble the event is about stays a struggle whatever verb follows it
        (
            "Chargeback Opened",
            "feature_interaction",
            True,
            "'chargeback' is what the event is about, a friction signal",
            -3.0,
        ),
        # news of a trouble reaching the user, whatever sending says alone
        (
            "Dunning Email Sent",
            "feature_interaction",
            True,
            "'sent' brings news of 'dunning', a friction signal",
            -3.0,
        ),
        (
            "Billing Retry Scheduled",
            "feature_interaction",
            True,
            "'retry' is what the event is about, a friction signal",
            -3.0,
        ),
        (
            "Calendar Conflict Detected",
            "feature_interaction",
            True,
            "'conflict' is what the event is about, a friction signal",
            -3.0,
        ),
        ("Bug Fixed", "job_completion", False, "verb 'fixed' reads as completion", 2.0),
        # blocked or wrong input, and the product stopping under the user
        (
            "Unsupported Browser Detected",
            "feature_interaction",
            True,
            "mentions 'unsupported', a friction signal",
            -1.0,
        ),
        (
            "Card Payment Requires Action",
            "feature_interaction",
            True,
            "'requires action' signals friction",
            -3.0,
        ),
        (
            "Kiosk Not Responding",
            "feature_interaction",
            True,
            "'not responding' signals friction",
            -3.0,
        ),
        (
            "Merchant Account Suspended",
            "feature_interaction",
            True,
            "'suspended' signals friction",
            -3.0,
        ),
        # a failure written as one negated word, not as "un" undoing a verb
        (
            "Wire Transfer Unsuccessful",
            "feature_interaction",
            True,
            "'unsuccessful' signals friction",
            -3.0,
        ),
        (
            "Receipt Email Undelivered",
            "feature_interaction",
            True,
            "'undelivered' signals friction",
            -3.0,
        ),
        # a connection dropped or lost fails; a file dropped is a drag and drop
        (
            "Voice Call Dropped",
            "feature_interaction",
            True,
            "'dropped' on 'call', lost on its way, signals friction",
            -3.0,
        ),
        (  # an email the mail service dropped never arrived
            "Invoice Email Dropped",
            "feature_interaction",
            True,
            "'dropped' on 'email', lost on its way, signals friction",
            -3.0,
        ),
        (
            "Attachment Dropped",
            "feature_interaction",
            False,
            "verb 'dropped' reads as interaction",
            -2.0,
        ),
        # turning down an offer is a choice; a declined card is trouble
        (
            "Meeting Invite Declined",
            "feature_interaction",
            False,
            "'declined' on 'invite', an offer, is a choice, not a struggle",
            -2.0,
        ),
        (
            "Upsell Offer Rejected",
            "feature_interaction",
            False,
            "'rejected' on 'offer', an offer, is a choice, not a struggle",
            -2.0,
        ),
        (  # a price put to a customer, turned down
            "Repair Estimate Declined",
            "feature_interaction",
            False,
            "'declined' on 'estimate', an offer, is a choice, not a struggle",
            -2.0,
        ),
        (  # terms put to a party, turned down
            "Lease Agreement Rejected",
            "feature_interaction",
            False,
            "'rejected' on 'agreement', an offer, is a choice, not a struggle",
            -2.0,
        ),
        ("Debit Card Declined", "feature_interaction", True, "'declined' signals friction", -3.0),
        # confirming an undoing is the undoing; confirming anything else keeps its meaning
        (
            "Membership Cancellation Confirmed",
            "feature_interaction",
            False,
            "'confirmed' only confirms 'cancellation', which reads as interaction",
            -2.0,
        ),
        (
            "Workspace Deletion Completed",
            "feature_interaction",
            False,
            "'completed' only confirms 'deletion', which reads as interaction",
            -2.0,
        ),
        (
            "Clinic Visit Completed",
            "job_completion",
            False,
            "verb 'completed' reads as completion",
            2.0,
        ),
        # confirming who someone is, is a step on the way
        (
            "Mobile Number Confirmed",
            "feature_interaction",
            False,
            "'confirmed' finishes 'mobile number', a step on the way, not the job",
            -1.0,
        ),
        # taking part, learning and moving value
        ("Webinar Attended", "job_completion", False, "verb 'attended' reads as completion", 2.0),
        ("Wallet Topped Up", "job_completion", False, "verb 'topped up' reads as completion", 2.0),
    ],
)
def test_friction_and_kind_from_what_the_name_is_about(name, kind, friction, detail, weight):
    verdict = event(name)
    assert (verdict.kind, verdict.friction) == (kind, friction), details(verdict)
    assert (detail, weight) in details(verdict)


@pytest.mark.parametrize(
    ("name", "kind", "friction", "detail"),
    [
        # blocked until the user acts: billing holds, forced upgrades, limits
        ("Membership On Hold", "feature_interaction", True, "'on hold' signals friction"),
        ("Invoice Uncollectible", "feature_interaction", True, "'uncollectible' signals friction"),
        (
            "App Upgrade Required",
            "feature_interaction",
            True,
            "'upgrade required' signals friction",
        ),
        ("Storage Limit Hit", "feature_interaction", True, "'limit hit' signals friction"),
        ("Tenant Overcharged", "feature_interaction", True, "'overcharged' signals friction"),
        (
            "Attachment Size Exceeded",
            "feature_interaction",
            True,
            "'size exceeded' signals friction",
        ),
        (
            "Insufficient Permissions",
            "feature_interaction",
            True,
            "'insufficient' signals friction",
        ),
        (
            "Maintenance Mode Shown",
            "feature_interaction",
            True,
            "'shown' brings news of 'maintenance mode', a friction signal",
        ),
        (
            "Weekly Goal Exceeded",
            "feature_interaction",
            False,
            "verb 'exceeded' is not a known completion verb",
        ),
        (
            "Customer Care Callback Requested",
            "feature_interaction",
            True,
            "'requested' for 'customer care', a help place, asks for help",
        ),
        # a trouble under way, written with -ing
        ("Card Expiring", "feature_interaction", True, "'expiring' signals friction"),
        ("Backup Failing", "feature_interaction", True, "'failing' signals friction"),
        # waiting is not done yet
        ("Transfer Pending", "feature_interaction", False, "verb 'pending' reads as interaction"),
        # a credential reset or recovered, in either order, was lost
        (
            "Reset Passcode Tapped",
            "feature_interaction",
            True,
            "'reset' on 'passcode': a lost credential signals friction",
        ),
        (
            "PIN Recovered",
            "feature_interaction",
            True,
            "'recovered' on 'pin': a lost credential signals friction",
        ),
        ("Filters Reset", "feature_interaction", False, "verb 'reset' reads as interaction"),
    ],
)
def test_blocked_waiting_and_locked_out(name, kind, friction, detail):
    verdict = event(name)
    assert (verdict.kind, verdict.friction) == (kind, friction), details(verdict)
    assert detail in [d for d, _ in details(verdict)], details(verdict)


def test_money_and_claims_made_are_deliverables():
    assert details(event("Payslip Generated")) == [
        ("'generated' on 'payslip', a deliverable, finishes a job", 2.0)
    ]
    assert details(event("insurance_claim_created")) == [
        ("'created' on 'claim', a deliverable, finishes a job", 2.0)
    ]


def test_a_new_deliverable_without_a_verb_was_made():
    assert details(event("new_certificate")) == [
        ("'new certificate': a deliverable made, which finishes a job", 2.0)
    ]
    assert event("New Workspace").kind == "feature_interaction"  # no deliverable
    # named alone with what it is of, a deliverable was made too, unless the name says
    # what happened to it instead
    assert details(event("Tenant Offer")) == [
        ("names the deliverable 'offer' and nothing done to it: one made", 2.0)
    ]
    helpdesk = event("Helpdesk Ticket")
    assert (helpdesk.kind, helpdesk.friction) == ("feature_interaction", True)
    assert event("Quote Modal").kind == "feature_interaction"


def test_common_shortenings_are_read_as_their_words():
    verdict = event("pwd_reset_requested")
    assert (verdict.kind, verdict.friction) == ("feature_interaction", True)
    assert details(verdict) == [
        ("read 'pwd' as 'password' (a common shortening)", 0.0),
        ("verb 'requested' reads as interaction", -2.0),
        ("'password reset' is what the event is about, a friction signal", -3.0),
    ]
    notice = event("notif_sent")  # a notification is a part of the interface, not a delivery
    assert notice.kind == "feature_interaction"
    assert ("acts on 'notification', a part of the interface", -2.5) in details(notice)
    # a word that only begins like a shortening is left alone
    assert read_name("errand_booked", load_lexicon()).units[0].text == "errand"
    # a shortened step is still a step; a shortened order still an order
    assert details(event("reg_complete"))[1] == (
        "'complete' finishes 'registration', a step on the way, not the job",
        -1.0,
    )
    assert event("ord_placed").kind == "job_completion"


def test_a_verb_that_ends_a_trouble_comes_first_and_takes_it_as_object():
    verdict = event("resolve_chargeback")
    assert (verdict.kind, verdict.friction) == ("job_completion", False)
    assert details(verdict) == [
        ("verb 'resolve' reads as completion", 2.0),
        ("mentions 'chargeback', a friction signal", -1.0),
        ("'resolve' ends the trouble it names: no new struggle", 0.0),
    ]
    assert read_name("retry_timeout", load_lexicon()).action.text == "timeout"
    # inside a name, a trouble after the word is that work's own: a restore's error
    restore = event("Backup Restore Error")
    assert (restore.kind, restore.friction) == ("feature_interaction", True)
    assert details(restore) == [("'error' signals friction", -3.0)]
    assert not event("Dispute Resolved").friction


def test_a_finished_profile_is_a_setup_step():
    assert details(event("Profile Completed")) == [
        ("'completed' finishes 'profile', a step on the way, not the job", -1.0)
    ]
    assert details(event("Thermostat Calibration Finished")) == [
        ("'finished' finishes 'calibration', a step on the way, not the job", -1.0)
    ]


@pytest.mark.parametrize(
    ("name", "kind", "evidence"),
    [
        # the software's own work on what the user has open went through, not the job
        (
            "Map Loading Success",
            "feature_interaction",
            [("'success' only says 'loading', the software's own work, went through", -2.0)],
        ),
        (
            "Draft Edit Completed",
            "feature_interaction",
            [("'completed' only says 'edit', the software's own work, went through", -2.0)],
        ),
        (
            "Thumbnail Download Finished",
            "feature_interaction",
            [
                ("'finished' only says 'download', the software's own work, went through", -2.0),
                ("mentions 'thumbnail', a part of the interface", -1.0),
            ],
        ),
        (  # a check passed is the tool's own test going through; an exam passed is the job
            "Health Check Passed",
            "feature_interaction",
            [("'passed' only says 'check', the software's own work, went through", -2.0)],
        ),
        (
            "Backup Restore Completed",
            "feature_interaction",
            [("'completed' only says 'restore', the software's own work, went through", -2.0)],
        ),
        (  # an adverb after the verb says it went through
            "Preferences Saved Successfully",
            "feature_interaction",
            [
                ("'successfully' only says 'saved', the software's own work, went through", -2.0),
                ("mentions 'preferences', a part of the interface", -1.0),
            ],
        ),
        # an undoing said first is what was confirmed ("delete workspace"), not the workspace
        (
            "Delete Workspace Confirmed",
            "feature_interaction",
            [("'confirmed' only confirms 'delete workspace', an undoing", -2.0)],
        ),
        # an address confirmed passed a check on the way
        (
            "Phone Number Confirmed",
            "feature_interaction",
            [("'confirmed' finishes 'phone number', a step on the way, not the job", -1.0)],
        ),
        # ...but an order's number is no way to reach the user
        (
            "Order Number Confirmed",
            "job_completion",
            [("verb 'confirmed' reads as completion", 2.0)],
        ),
        # the product's recommendation delivered is its own message
        (
            "Recommendation Delivered",
            "feature_interaction",
            [
                (
                    "'delivered' on 'recommendation', the product's own message:"
                    " the software at work",
                    -2.0,
                )
            ],
        ),
        # signing out is a step on the way, as signing in is
        (
            "Logout Completed",
            "feature_interaction",
            [("'completed' finishes 'logout', a step on the way, not the job", -1.0)],
        ),
        # a deliverable created, a service delivered or data moved keeps the verb's meaning
        (
            "Warehouse Load Succeeded",
            "job_completion",
            [("verb 'succeeded' reads as completion", 2.0)],
        ),
        (
            "Data Export Success",
            "job_completion",
            [("reaches state 'success'", 3.0)],
        ),
        # ...where a sync or an import is the software's own work, whatever it says first
        (
            "contacts_import_first_success",
            "feature_interaction",
            [
                (
                    "'success' only says 'contacts import first' went through, which names no job",
                    -0.5,
                )
            ],
        ),
        (
            "Poll Creation Completed",
            "job_completion",
            [("verb 'completed' reads as completion", 2.0)],
        ),
        (
            "Ebook Playback Completed",
            "job_completion",
            [("verb 'completed' reads as completion", 2.0)],
        ),
    ],
)
def test_a_finisher_defers_to_the_machine_work_it_confirms(name, kind, evidence):
    verdict = event(name)
    assert (verdict.kind, verdict.friction) == (kind, False)
    assert details(verdict) == evidence


@pytest.mark.parametrize(
    ("name", "kind", "evidence"),
    [
        ("Internship Applied", "job_completion", "'applied' with 'internship'"),
        ("Applied To Vacancy", "job_completion", "'applied' with 'vacancy'"),
        ("Applicant Applied", "job_completion", "'applied' with 'applicant'"),
        ("Mortgage Application", "job_completion", "'application' with 'mortgage'"),
        ("Discount Applied", "feature_interaction", "verb 'applied' reads as interaction"),
        (
            "Theme Applied To Job Board",
            "feature_interaction",
            "verb 'applied' reads as interaction",
        ),
    ],
)
def test_applying_for_something_sends_an_application(name, kind, evidence):
    verdict = event(name)
    assert (verdict.kind, verdict.friction) == (kind, False)
    sent = ": an application sent, which finishes a job"
    weight = 2.0 if kind == "job_completion" else -2.0
    expected = evidence + sent if kind == "job_completion" else evidence
    assert details(verdict) == [(expected, weight)]


def test_a_press_beside_a_completion_word_is_the_press():
    verdict = event("Pay Invoice Tapped Twice")
    assert verdict.kind == "feature_interaction"
    assert details(verdict) == [
        ("'tapped' on a control that says 'pay': a press, not the outcome", -2.0)
    ]
    assert details(event("tap_policyRenewal")) == [
        ("'tap' on a control that says 'renewal': a press, not the outcome", -2.0)
    ]
    failed = event("Payment Failed After Click")  # a failure stays a failure
    assert (failed.kind, failed.friction) == ("feature_interaction", True)
    assert details(failed) == [("'failed' signals friction", -3.0)]
    # "one click" names how something is bought, not a press
    assert details(event("One Click Upsell Purchased")) == [
        ("verb 'purchased' reads as completion", 2.0)
    ]


@pytest.mark.parametrize(
    ("name", "kind", "evidence"),
    [
        (
            "Consultation Ended",
            "job_completion",
            [("'consultation' ended: a service delivered over time took place", 2.0)],
        ),
        (
            "shuttleRideEnded",
            "job_completion",
            [("'ride' ended: a service delivered over time took place", 2.0)],
        ),
        ("Free Tier Ended", "feature_interaction", [("verb 'ended' reads as interaction", -2.0)]),
    ],
)
def test_a_service_delivered_over_time_that_ended_took_place(name, kind, evidence):
    verdict = event(name)
    assert (verdict.kind, verdict.friction) == (kind, False)
    assert details(verdict) == evidence


def test_money_moved_claims_registered_and_enquiries_sent():
    assert details(event("Deposit Created")) == [
        ("'created' on 'deposit', a deliverable, finishes a job", 2.0)
    ]
    assert details(event("warranty_claim_registered")) == [
        ("'registered' on 'claim', a deliverable, finishes a job", 2.0)
    ]
    assert details(event("holiday_home_enquiry")) == [("verb 'enquiry' reads as completion", 2.0)]
    assert event("Account Registered").kind == "feature_interaction"  # no deliverable
    # an offer made for a counterpart, money added
    assert details(event("Counter Offer Created")) == [
        ("'created' on 'offer', a deliverable, finishes a job", 2.0)
    ]
    assert details(event("add_money")) == [("'add' on 'money', a deliverable, finishes a job", 2.0)]
    # an enrolment starts the learning or the programme: no deliverable, no completion verb
    assert details(event("Enrolment Added")) == [("verb 'added' reads as interaction", -2.0)]
    assert event("Program Enrolled").kind == "feature_interaction"
    assert event("Workshop Enrollment Completed").kind == "job_completion"  # the end reached
    # a sale or a transaction recorded is money moved
    assert details(event("pos_sale_created")) == [
        ("'created' on 'sale', a deliverable, finishes a job", 2.0)
    ]


def test_squashed_money_moves_are_split_into_known_words():
    verdict = event("walletreload")  # no lexicon knows "reload" as money: no split
    assert verdict.kind == "feature_interaction"
    assert details(event("cardtopup")) == [
        ("read 'cardtopup' as 'card topup' (word frequencies)", 0.0),
        ("'topup' is 'top up' as one word, which reads as completion", 2.0),
    ]
    assert details(event("Savings Funds Added")) == [
        ("'added' on 'funds', a deliverable, finishes a job", 2.0)
    ]
    # "funds" after a verb is its object
    assert details(event("sendFunds")) == [("verb 'send' reads as completion", 2.0)]


def test_a_participle_before_the_object_describes_it():
    """'signed' in 'approve_signed_contract' says which contract; 'approve' is the verb."""
    reading = read_name("approve_signed_contract", load_lexicon())
    assert (reading.action.text, reading.head.text) == ("approve", "contract")
    assert event("archive_shared_file").kind == "feature_interaction"


@pytest.mark.parametrize(
    ("name", "shown"),
    [("Album Shared", "'shared' on 'album'"), ("share_listing", "'share' on 'listing'")],
)
def test_sharing_what_the_product_offers_passes_the_word_on(name, shown):
    """Sharing an album or a listing made by others is word of mouth, not the job;
    sharing the user's own report stays the job."""
    found = event(name)
    assert (found.kind, found.friction) == ("feature_interaction", False)
    detail = f"{shown}, offered to browse: word passed on, not the job"
    assert details(found) == [(detail, -2.0)]
    assert details(event("Report Shared")) == [("verb 'shared' reads as completion", 2.0)]


@pytest.mark.parametrize(
    ("name", "verb"),
    [("Poll Voted", "voted"), ("answer_upvoted", "upvoted"), ("cast_to_tv", "cast")],
)
def test_a_vote_is_a_reaction_and_a_cast_sends_media(name, verb):
    """A poll answered or a post upvoted is a reaction, as a like is; "cast" sends media to
    a screen. Real names read so 3 in 3 times."""
    found = event(name)
    assert found.kind == "feature_interaction"
    assert details(found) == [(f"verb '{verb}' reads as interaction", -2.0)]


def test_a_refusal_of_the_offer_named_after_it_is_a_choice():
    """ "Signup Declined Terms": the terms turned down, mentioned beside another action, are
    the user's choice; a card declined stays friction."""
    found = event("Signup Declined Terms")
    assert (found.kind, found.friction) == ("feature_interaction", False)
    assert details(found)[-1] == (
        "'declined' turns down what was offered: a choice, not a struggle",
        0.0,
    )
    assert event("Checkout Declined Card").friction


@pytest.mark.parametrize("name", ["share_scorecard", "ResultShare", "Share Saved Report"])
def test_a_bare_share_is_the_share_control(name):
    """A bare "share" is the share button or sheet: the user may still close it. The
    outcome says the thing went ("Scorecard Shared"). Real names read so 12 in 14 times."""
    found = event(name)
    assert (found.kind, found.friction) == ("feature_interaction", False)
    assert details(found) == [
        ("bare 'share' names the share control: 'shared' would say it went", -2.0)
    ]
    assert details(event("Scorecard Shared")) == [("verb 'shared' reads as completion", 2.0)]


@pytest.mark.parametrize(
    ("name", "verb", "listed"),
    [
        ("Newsletter Subscribed", "subscribed", "newsletter"),
        ("subscribe_to_updates", "subscribe", "updates"),
        ("Price Alerts Subscription", "subscription", "alerts"),
    ],
)
def test_subscribing_to_the_products_messages_is_an_opt_in(name, verb, listed):
    """A newsletter or updates subscribed to opt in to the product's own messages; a
    subscription to the product itself is bought, the job."""
    found = event(name)
    assert (found.kind, found.friction) == ("feature_interaction", False)
    assert details(found) == [
        (f"'{verb}' to '{listed}', the product's own messages: an opt-in", -2.0)
    ]
    assert event("Pro Plan Subscribed").kind == "job_completion"


def test_sharing_that_names_only_where_it_went_passes_the_word_on():
    """ "Shared Via Chat" names no artifact, only the channel: the share button, not a
    report delivered to someone."""
    assert details(event("Shared Via Chat")) == [
        ("'shared' via chat, naming nothing shared: word passed on, not the job", -2.0)
    ]
    assert event("Report Shared Via Email").kind == "job_completion"


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        ("Annual Membership Activated", "'membership' activated: a paid term begun, bought"),
        ("premium_subscription_started", "'subscription' started: a paid term begun, bought"),
        ("Membership Reactivated", "'membership' reactivated: a paid term begun, bought"),
        ("subscription_resumed", "'subscription' resumed: a paid term begun, bought"),
    ],
)
def test_a_paid_term_begun_was_bought(name, detail):
    """A subscription or a membership that started was paid for; a free trial begun is motion."""
    found = event(name)
    assert (found.kind, found.friction) == ("job_completion", False)
    assert details(found) == [(detail, 2.0)]
    trial = event("Free Trial Started")
    assert trial.kind == "feature_interaction"
    assert details(trial) == [("verb 'started' reads as interaction", -2.0)]


@pytest.mark.parametrize(
    ("name", "verb", "trouble"),
    [("Crash Reporting Enabled", "enabled", "crash"), ("Retry Policy Updated", "updated", "retry")],
)
def test_a_trouble_noun_being_set_up_is_no_struggle(name, verb, trouble):
    """Enabling crash reporting configures the product; no one struggled. A card that
    declined, updated, is still payment trouble."""
    found = event(name)
    assert (found.kind, found.friction) == ("feature_interaction", False)
    assert details(found) == [
        (f"verb '{verb}' reads as interaction", -2.0),
        (f"'{trouble}' names what '{verb}' sets up, not a struggle", 0.0),
    ]
    threshold = event("Warning Threshold Set")  # a level set, so no one struggled
    assert not threshold.friction
    assert ("'warning' names what 'set' sets up, not a struggle", 0.0) in details(threshold)
    declined = event("Declined Card Updated")
    assert declined.friction
    assert ("mentions 'declined', a friction signal", -1.0) in details(declined)


@pytest.mark.parametrize(
    ("name", "verb", "person"),
    [("Sender Blocked", "blocked", "sender"), ("reject_applicant", "reject", "applicant")],
)
def test_screening_a_person_is_a_choice(name, verb, person):
    """Blocking a sender or rejecting an applicant is the user's decision; an account
    blocked is still friction."""
    found = event(name)
    assert (found.kind, found.friction) == ("feature_interaction", False)
    detail = f"'{verb}' on '{person}', a person screened, is a choice, not a struggle"
    assert details(found) == [(detail, -2.0)]
    blocked = event("Account Blocked")
    assert blocked.friction
    assert details(blocked) == [("'blocked' signals friction", -3.0)]


@pytest.mark.parametrize(
    ("name", "verb", "part"),
    [
        ("Webhook Handler Succeeded", "succeeded", "handler"),
        ("cache_resolved", "resolved", "cache"),
    ],
)
def test_a_completion_word_on_a_part_of_the_software_is_its_own_work(name, verb, part):
    """A handler that succeeded did the machine's work; a webhook not delivered is still
    friction."""
    found = event(name)
    assert (found.kind, found.friction) == ("feature_interaction", False)
    assert details(found) == [(f"'{verb}' on '{part}', a part of the software: its own work", -2.0)]
    assert event("Webhook Not Delivered").friction


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        ("Push Delivered", "'delivered' on 'push'"),
        ("verification_email_sent", "'sent' on 'verification email'"),
        ("Weekly Email Sent", "'sent' on 'weekly email'"),  # a digest, by its cadence
        ("Export Ready Email Sent", "'sent' on 'ready email'"),  # news that a job it ran is done
        ("email_welcome_offer", "'email' on 'welcome offer'"),  # the carrier as the verb
    ],
)
def test_the_products_own_message_sent_is_the_software_at_work(name, detail):
    """A push or a verification email going out is the product at work; an email the
    user sends to a client stays the job."""
    found = event(name)
    assert (found.kind, found.friction) == ("feature_interaction", False)
    assert details(found) == [(f"{detail}, the product's own message: the software at work", -2.0)]
    assert event("Email Sent To Client").kind == "job_completion"


@pytest.mark.parametrize(
    ("name", "verb", "thing"),
    [("Tower Upgraded", "upgraded", "tower"), ("upgrade_spaceship", "upgrade", "spaceship")],
)
def test_something_upgraded_that_is_not_paid_for_bought_nothing(name, verb, thing):
    """A game's tower or a tool's machine upgraded was improved inside the product; an
    account, a plan or a tier upgraded was bought."""
    found = event(name)
    assert (found.kind, found.friction) == ("feature_interaction", False)
    assert details(found) == [
        (f"'{verb}' on '{thing}': improved in the product, nothing bought", -2.0)
    ]
    assert event("Tier Upgraded").kind == "job_completion"
    assert event("Workspace Plan Upgraded").kind == "job_completion"


@pytest.mark.parametrize(
    ("name", "verb", "thing"),
    [
        ("Lab Result Received", "received", "result"),
        ("price_alert_received", "received", "alert"),
        ("ReceivedVoiceNote", "received", "note"),
    ],
)
def test_news_received_is_not_a_job_done(name, verb, thing):
    """What reaches the user is news for them; money or a deliverable that arrives is the
    job, and a response received is left to the readings of who sent it."""
    found = event(name)
    assert (found.kind, found.friction) == ("feature_interaction", False)
    detail = f"'{verb}' on '{thing}': news reaching the user, not a job done"
    assert details(found) == [(detail, -2.0)]
    assert event("Payout Received").kind == "job_completion"
    assert event("Survey Response Received").kind == "job_completion"


@pytest.mark.parametrize(
    ("name", "verb", "part"),
    [
        ("shipping_details_confirmed", "confirmed", "details"),
        ("Billing Info Completed", "completed", "info"),
    ],
)
def test_details_given_on_the_way_are_a_step(name, verb, part):
    """Details or information filled in are a step toward the job (and a details page is
    a page), not the job: the order they go with is."""
    found = event(name)
    assert found.kind == "feature_interaction"
    assert (f"acts on '{part}', a part of the interface", -2.5) in details(found)
    assert (f"verb '{verb}' reads as completion", 2.0) in details(found)
    assert event("Order Confirmed").kind == "job_completion"


@pytest.mark.parametrize(
    ("name", "verb", "party"),
    [("Assistant Message Sent", "sent", "assistant"), ("copilot_chat_sent", "sent", "copilot")],
)
def test_a_message_to_the_products_ai_is_the_feature_in_use(name, verb, party):
    """A chat with the product's assistant is the user talking to the software; a message
    sent to a client, or by a support agent (a person), stays the job."""
    found = event(name)
    assert (found.kind, found.friction) == ("feature_interaction", False)
    assert details(found) == [
        (f"'{verb}' with the {party}: the user talking to the software", -2.0)
    ]
    assert event("Message Sent To Client").kind == "job_completion"
    assert event("Agent Message Sent").kind == "job_completion"


@pytest.mark.parametrize(
    ("name", "verb", "agent"),
    [("Bot Posted Answer", "posted", "bot"), ("Webhook Delivered Payload", "delivered", "webhook")],
)
def test_what_the_software_does_on_its_own_is_its_own_work(name, verb, agent):
    """A bot or a webhook said first did the work, not the user; a member posting stays
    the job, and so does a deliverable the software sends for the user."""
    found = event(name)
    assert (found.kind, found.friction) == ("feature_interaction", False)
    assert details(found) == [
        (f"'{verb}' by the {agent}: the software at work, not the user's job", -2.0)
    ]
    assert event("Member Posted Answer").kind == "job_completion"
    assert event("Scheduler Sent Invoice").kind == "job_completion"


@pytest.mark.parametrize(
    ("name", "done", "step"),
    [
        ("Engine Init Completed", "completed", "init"),
        ("Printer Diagnostics Passed", "passed", "diagnostics"),
        ("router_diag_pass", "pass", "diagnostic"),  # "diag", a common shortening
    ],
)
def test_starting_up_or_checking_the_product_is_a_step(name, done, step):
    """An initialisation finished or a diagnostic passed moves no job (issue 12: "a
    completion verb on a step, setup or sign-in object")."""
    found = event(name)
    assert found.kind == "feature_interaction"
    assert details(found)[-1] == (
        f"'{done}' finishes '{step}', a step on the way, not the job",
        -1.0,
    )


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        ("integration_unlink_confirmed", "'confirmed' only confirms 'unlink'"),
        ("calendar_disconnect_completed", "'completed' only confirms 'disconnect'"),
    ],
)
def test_a_disconnection_confirmed_is_an_undoing(name, detail):
    """Confirming a disconnection finishes leaving, not a job."""
    found = event(name)
    assert found.kind == "feature_interaction"
    assert details(found) == [(f"{detail}, which reads as interaction", -2.0)]


@pytest.mark.parametrize(
    ("name", "verb", "step"),
    [
        ("Billing Address Confirmed", "confirmed", "address"),
        ("Liability Waiver Signed", "signed", "waiver"),
        ("patient_intake_completed", "completed", "intake"),
        ("intro_completed", "completed", "intro"),
        # the legal texts consented to on the way in
        ("User Agreement Accepted", "accepted", "user agreement"),
        ("accept_terms_of_service", "accept", "terms of service"),
        ("EULA_Accepted", "accepted", "eula"),
    ],
)
def test_an_address_or_an_intro_is_a_step_on_the_way(name, verb, step):
    """An address confirmed, an intro finished or terms accepted is on the way to the job,
    not the job; a contract signed is the job ("Rental Agreement Signed", below)."""
    found = event(name)
    assert (found.kind, found.friction) == ("feature_interaction", False)
    assert details(found) == [(f"'{verb}' finishes '{step}', a step on the way, not the job", -1.0)]


@pytest.mark.parametrize(
    "name", ["Thank You Page Viewed", "DonationThankYou", "ty_screen_thankyou_shown"]
)
def test_a_thank_you_page_seen_is_the_job_done(name):
    assert details(event(name)) == [
        ("a thank-you page is shown once the job is done: the job done", 3.0)
    ]


def test_a_thank_you_page_closed_or_a_note_sent_reads_as_usual():
    assert event("Thank You Page Closed").kind == "feature_interaction"
    assert details(event("Thank You Note Sent")) == [("verb 'sent' reads as completion", 2.0)]


def test_a_contract_signed_is_the_job_where_terms_accepted_are_a_step():
    assert details(event("Rental Agreement Signed")) == [("verb 'signed' reads as completion", 2.0)]


@pytest.mark.parametrize(
    ("name", "detail", "weight"),
    [
        ("Complaint Filed", "'complaint' is what the event is about, a friction signal", -3.0),
        ("SLA Breached", "'breached' signals friction", -3.0),
        ("App Not Responding", "'not responding' signals friction", -3.0),
        ("report_a_problem_clicked", "'report a problem' signals help-seeking", -1.0),
    ],
)
def test_grievances_broken_promises_and_hangs_are_friction(name, detail, weight):
    """A complaint, a breached promise, an app that hangs, a problem reported: struggles."""
    found = event(name)
    assert (found.kind, found.friction) == ("feature_interaction", True)
    assert (detail, weight) in details(found)


@pytest.mark.parametrize(
    ("name", "details_found"),
    [
        ("Unhandled Promise Rejection", [("'unhandled' signals friction", -3.0)]),
        ("App Panic", [("'panic' signals friction", -3.0)]),
        ("Render Jank", [("'jank' signals friction", -3.0)]),
        ("Order Unfulfilled", [("'unfulfilled' signals friction", -3.0)]),
        ("Rate Limited", [("'rate limited' signals friction", -3.0)]),
        ("User Frustrated", [("'frustrated' signals friction", -3.0)]),
        ("Account Already Exists", [("'already exists' signals friction", -3.0)]),
        ("search_noresults", [("'noresults' signals friction", -3.0)]),
        ("Kicked Out", [("'kicked out' signals friction", -3.0)]),
        ("Feature Not Available", [("'not available' signals friction", -3.0)]),
        (
            "Talk To Agent Clicked",
            [
                ("verb 'clicked' reads as interaction", -2.0),
                ("'talk to agent' signals help-seeking", -1.0),
            ],
        ),
        (
            "Uncaught Exception",
            [
                ("'exception' signals friction", -3.0),
                ("'uncaught' is what the event is about, a friction signal", -3.0),
            ],
        ),
    ],
)
def test_software_that_breaks_down_and_what_the_user_cannot_get_are_friction(name, details_found):
    """An error nothing caught, software that stops or stutters, an order never
    fulfilled, a name already taken, no results, a user thrown out or left frustrated, an
    agent asked for: struggles a reader knows by the word."""
    found = event(name)
    assert (found.kind, found.friction) == ("feature_interaction", True)
    assert details(found) == details_found


def test_nothing_to_offer_turns_the_user_away():
    """'No Slots Available' and 'no_seats_left': the product had nothing to give."""
    slots = event("No Slots Available")
    assert (slots.kind, slots.friction) == ("feature_interaction", True)
    assert details(slots) == [("'no slots available': nothing to offer signals friction", -3.0)]
    seats = event("no_seats_left")
    assert seats.friction
    assert ("'no seats left': nothing to offer signals friction", -3.0) in details(seats)
    assert not event("Seats Left Viewed").friction


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        ("NoCoins", "'no coins': the thing is missing, a friction signal"),
        ("no_boosters", "'no boosters': the thing is missing, a friction signal"),
    ],
)
def test_no_and_only_the_thing_missing_turns_the_user_away(name, detail):
    assert details(event(name)) == [(detail, -3.0)]


def test_an_empty_list_shown_offered_nothing_and_slowness_is_a_struggle():
    """An empty inbox or an empty state seen offered nothing; a press on the button an
    empty state offers is a press. A product that is slow is a struggle."""
    inbox = event("Inbox Empty Shown")
    assert (inbox.kind, inbox.friction) == ("feature_interaction", True)
    assert ("'empty' shown: nothing to offer signals friction", -3.0) in details(inbox)
    assert event("empty_state_viewed").friction
    assert not event("empty_state_cta_clicked").friction
    chart = event("perf_chart_slow")
    assert (chart.kind, chart.friction) == ("feature_interaction", True)
    assert details(chart) == [("'slow' signals friction", -3.0)]
    assert not event("slow_mode_enabled").friction  # a setting chosen
    assert details(event("Feed Long Loading Time")) == [("'long loading' signals friction", -3.0)]


@pytest.mark.parametrize("name", ["No Thanks", "no_problem", "no-login-start-form"])
def test_no_as_a_reply_or_before_an_action_names_nothing_missing(name):
    assert not event(name).friction


def test_checked_off_a_list_is_marked_done():
    """Checking a habit off says it was done, as 'marked done' does."""
    found = event("Habit Checked Off")
    assert (found.kind, found.friction) == ("job_completion", False)
    assert details(found) == [("verb 'checked off' reads as completion", 2.0)]


def test_a_gig_turned_down_is_the_workers_choice_and_a_margin_call_is_trouble():
    """A worker declining a gig chooses; a margin call reaching a trader is a struggle."""
    gig = event("Gig Declined")
    assert (gig.kind, gig.friction) == ("feature_interaction", False)
    assert details(gig) == [("'declined' on 'gig', an offer, is a choice, not a struggle", -2.0)]
    margin = event("Margin Call Received")
    assert (margin.kind, margin.friction) == ("feature_interaction", True)
    assert ("'received' brings news of 'margin call', a friction signal", -3.0) in details(margin)


@pytest.mark.parametrize(
    ("name", "verb", "trouble", "record"),
    [
        ("Crash Report Opened", "opened", "crash", "report"),
        ("Error Log Viewed", "viewed", "error", "log"),
    ],
)
def test_a_record_of_troubles_read_is_no_struggle(name, verb, trouble, record):
    """Reading a crash report or an error log is someone reviewing troubles; a crash
    report sent is the user reporting one."""
    found = event(name)
    assert (found.kind, found.friction) == ("feature_interaction", False)
    assert details(found) == [
        (f"verb '{verb}' reads as interaction", -2.0),
        (f"'{trouble}' names what the '{record}' records, not a struggle", 0.0),
    ]
    assert event("Crash Report Sent").friction


def test_a_listed_action_noun_gives_way_to_a_participle():
    """'Visa Submission Tapped Country': 'tapped' says what happened, in a flow whose
    name is the submission; the noun names the job, not an outcome reached."""
    reading = read_name("Visa Submission Tapped Country", load_lexicon())
    assert reading.action.text == "tapped"
    found = event("Visa Submission Tapped Country")
    assert (found.kind, found.friction) == ("feature_interaction", False)
    assert details(found) == [("verb 'tapped' reads as interaction", -2.0)]
    edited = event("edited_loan_approval")
    assert edited.kind == "feature_interaction"
    assert details(edited) == [("verb 'edited' reads as interaction", -2.0)]
    # with no participle, the action noun stays the action
    assert details(event("Lease Renewal")) == [("verb 'renewal' reads as completion", 2.0)]


@pytest.mark.parametrize(
    ("name", "kind", "evidence"),
    [
        (
            "Weekly Goal Reached",
            "job_completion",
            [("'goal' reached: a goal reached is the outcome", 2.0)],
        ),
        ("quota_met", "job_completion", [("'quota' met: a goal reached is the outcome", 2.0)]),
        (
            "Article Bottom Reached",
            "feature_interaction",
            [("verb 'reached' is not a known completion verb", -0.5)],
        ),
        (
            "Todo Closed",
            "job_completion",
            [("'closed' on 'todo', a business artifact, finishes a job", 2.0)],
        ),
        # an achievement unlocked is earned; anything else unlocked is access granted
        (
            "Achievement Unlocked",
            "job_completion",
            [("'achievement' unlocked: an achievement earned, a milestone reached", 2.0)],
        ),
        (
            "Dark Theme Unlocked",
            "feature_interaction",
            [("verb 'unlocked' is not a known completion verb", -0.5)],
        ),
    ],
)
def test_goals_reached_and_work_items_closed(name, kind, evidence):
    verdict = event(name)
    assert (verdict.kind, verdict.friction) == (kind, False)
    assert details(verdict) == evidence


def test_a_request_of_another_is_delivered_and_a_remedy_asked_is_friction():
    asked = event("Valuation Requested")
    assert (asked.kind, asked.friction) == ("job_completion", False)
    assert details(asked) == [
        ("'requested' for 'valuation': a request delivered to another, a job done", 2.0)
    ]
    assert event("request_signature_from_tenant").kind == "job_completion"
    assert details(event("Cashout Requested By Seller")) == [
        ("'requested' for 'cashout': a request delivered to another, a job done", 2.0)
    ]
    remedy = event("Refund Requested By Guest")
    assert (remedy.kind, remedy.friction) == ("feature_interaction", True)
    assert event("Access Requested").kind == "feature_interaction"


@pytest.mark.parametrize(
    ("name", "kind", "friction", "evidence"),
    [
        (
            "Evening Dose Taken",
            "job_completion",
            False,
            [("'taken' on 'dose': what the user set out to take, a job done", 2.0)],
        ),
        (
            "Student Loan Taken Out",
            "job_completion",
            False,
            [("'taken out' on 'loan': what the user set out to take, a job done", 2.0)],
        ),
        (
            "Selfie Taken",
            "feature_interaction",
            False,
            [("verb 'taken' reads as interaction", -2.0)],
        ),
        ("Kudos Given", "job_completion", False, [("verb 'given' reads as completion", 2.0)]),
        ("Puzzle Given Up", "feature_interaction", True, [("'given up' signals friction", -3.0)]),
    ],
)
def test_taking_and_giving(name, kind, friction, evidence):
    verdict = event(name)
    assert (verdict.kind, verdict.friction) == (kind, friction)
    assert details(verdict) == evidence


@pytest.mark.parametrize(
    ("name", "kind", "evidence"),
    [
        (
            "Sleep Logged",
            "job_completion",
            [("'logged' on 'sleep': what the user keeps count of, a job done", 2.0)],
        ),
        (
            "log_distance",
            "job_completion",
            [("'log' on 'distance': what the user keeps count of, a job done", 2.0)],
        ),
        (
            "Add Expense",
            "job_completion",
            [("'add' on 'expense': what the user keeps count of, a job done", 2.0)],
        ),
        # a record of something else, hours on a timesheet, or food put in a cart, is no
        # count kept
        (
            "Bug Logged",
            "feature_interaction",
            [("verb 'logged' is not a known completion verb", -0.5)],
        ),
        (
            "Overtime Hours Logged",
            "feature_interaction",
            [("verb 'logged' is not a known completion verb", -0.5)],
        ),
        (
            "Fries Added To Cart",
            "feature_interaction",
            [("verb 'added' reads as interaction", -2.0)],
        ),
        # a prize the product hands out for activity rewards motion
        (
            "Coins Earned",
            "feature_interaction",
            [("'earned' on 'coins', a prize for activity: motion rewarded, no job", -2.0)],
        ),
        (
            "Badge Awarded",
            "feature_interaction",
            [("'awarded' on 'badge', a prize for activity: motion rewarded, no job", -2.0)],
        ),
        (
            "Bonus Unlocked",
            "feature_interaction",
            [("'unlocked' on 'bonus', a prize for activity: motion rewarded, no job", -2.0)],
        ),
        (
            "Gems Collected",
            "feature_interaction",
            [("'collected' on 'gems', a prize for activity: motion rewarded, no job", -2.0)],
        ),
        (
            "Daily Bonus Claim",
            "feature_interaction",
            [("'claim' on 'bonus', a prize for activity: motion rewarded, no job", -2.0)],
        ),
        # a certificate earned is the course finished; cashback is money, no prize
        ("Certificate Earned", "job_completion", [("verb 'earned' reads as completion", 2.0)]),
        ("Cashback Earned", "job_completion", [("verb 'earned' reads as completion", 2.0)]),
    ],
)
def test_a_count_kept_is_the_job_and_a_prize_for_activity_is_motion(name, kind, evidence):
    verdict = event(name)
    assert (verdict.kind, verdict.friction) == (kind, False)
    assert details(verdict) == evidence


@pytest.mark.parametrize(
    ("name", "kind", "evidence"),
    [
        # an advert that ran its course is the product's advertising, sat through
        (
            "Rewarded Ad Completed",
            "feature_interaction",
            [("'completed' on 'ad', an advert, is the product's advertising: no job", -2.0)],
        ),
        (
            "interstitial_ad_load_success",
            "feature_interaction",
            [("'success' on 'ad', an advert, is the product's advertising: no job", -2.0)],
        ),
        # an ad placed is the job of a product that sells ad space
        ("Ad Published", "job_completion", [("verb 'published' reads as completion", 2.0)]),
        (
            "Classified Ad Submitted",
            "job_completion",
            [("verb 'submitted' reads as completion", 2.0)],
        ),
    ],
)
def test_an_advert_run_is_motion_and_an_ad_placed_is_the_job(name, kind, evidence):
    verdict = event(name)
    assert (verdict.kind, verdict.friction) == (kind, False)
    assert details(verdict) == evidence


@pytest.mark.parametrize(
    ("name", "kind", "evidence"),
    [
        # a person admitted onto the platform: a step before any job
        (
            "Seller Approved",
            "feature_interaction",
            [("'approved' on 'seller' admits a person: a step on the way, not the job", -1.0)],
        ),
        (
            "approved_vendor",
            "feature_interaction",
            [("'approved' on 'vendor' admits a person: a step on the way, not the job", -1.0)],
        ),
        # a candidate accepted is a hiring product's job; an expense approved is work done
        ("Candidate Accepted", "job_completion", [("verb 'accepted' reads as completion", 2.0)]),
        ("Expense Approved", "job_completion", [("verb 'approved' reads as completion", 2.0)]),
    ],
)
def test_a_person_admitted_is_a_step_and_a_candidate_accepted_the_job(name, kind, evidence):
    verdict = event(name)
    assert (verdict.kind, verdict.friction) == (kind, False)
    assert details(verdict) == evidence


@pytest.mark.parametrize(
    ("name", "evidence"),
    [
        ("Buy Now", [("'buy now' labels a button: a press, not the outcome", -2.0)]),
        (
            "Buy_Plan_Next",
            [("'buy' before 'next' labels a button: a press, not the outcome", -2.0)],
        ),
        (
            "Deposit Funds Continue",
            [("'deposit' before 'continue' labels a button: a press, not the outcome", -2.0)],
        ),
    ],
)
def test_a_verb_before_a_button_that_moves_the_flow_on_is_a_press(name, evidence):
    verdict = event(name)
    assert verdict.kind == "feature_interaction"
    assert details(verdict) == evidence


def test_a_verb_whose_object_follows_next_is_not_a_button():
    assert details(event("Book Next Appointment")) == [("verb 'book' reads as completion", 2.0)]


@pytest.mark.parametrize(
    ("name", "evidence"),
    [
        ("Hotfix Committed", [("verb 'committed' reads as completion", 2.0)]),
        ("commit_changes", [("verb 'commit' reads as completion", 2.0)]),  # changes: its object
        ("Applicant Shortlisted", [("verb 'shortlisted' reads as completion", 2.0)]),
        ("Nurse Recruited", [("verb 'recruited' reads as completion", 2.0)]),
        ("Final Boss Beaten", [("verb 'beaten' reads as completion", 2.0)]),
        ("Rent Price Agreed", [("verb 'agreed' reads as completion", 2.0)]),
        ("Mentor Matched", [("verb 'matched' reads as completion", 2.0)]),
    ],
)
def test_completion_verbs_of_code_hiring_games_and_deals(name, evidence):
    verdict = event(name)
    assert verdict.kind == "job_completion"
    assert details(verdict) == evidence


@pytest.mark.parametrize(
    ("name", "kind", "evidence"),
    [
        (
            "Meetup Signup",
            "job_completion",
            [("'signup' for 'meetup', something the product offers: the job", 2.0)],
        ),
        (
            "Conference Registration Completed",
            "job_completion",
            [("'registration' for 'conference', something the product offers: the job", 2.0)],
        ),
        (
            "signed_up_for_raffle",
            "job_completion",
            [("'signed up' for 'raffle', something the product offers: the job", 2.0)],
        ),
        (  # signing up to the product itself is a step on the way
            "Signup Finished",
            "feature_interaction",
            [("'finished' finishes 'signup', a step on the way, not the job", -1.0)],
        ),
    ],
)
def test_signing_up_for_what_a_product_offers(name, kind, evidence):
    verdict = event(name)
    assert (verdict.kind, verdict.friction) == (kind, False)
    assert details(verdict) == evidence


def test_a_completion_in_a_sandbox_or_a_preview_is_a_rehearsal():
    assert details(event("Sandbox Refund Issued")) == [
        ("'issued' in 'sandbox': the job tried out, not done", -2.0)
    ]
    assert details(event("debug_webhook_delivered")) == [
        ("'delivered' in 'debug': the job tried out, not done", -2.0)
    ]
    # the thing itself may be a preview: sending one is no rehearsal of another job
    assert event("Preview Shared With Client").kind == "job_completion"


def test_feedback_to_the_makers_is_a_side_channel_feedback_on_the_work_a_job():
    assert details(event("Extra Feedback Sent")) == [
        ("'sent' on 'feedback' to the product's makers: a side channel", -2.0)
    ]
    # on a part of the product too: what the product recommends or shows
    assert details(event("Recipe Suggestion Feedback Sent")) == [
        ("'sent' on 'feedback' to the product's makers: a side channel", -2.0)
    ]
    # on someone's work, it is the job of a product for reviewing it
    assert details(event("Essay Feedback Submitted")) == [
        ("verb 'submitted' reads as completion", 2.0)
    ]
    # the makers' survey, bare or on why the user came or leaves, is feedback too
    for name in ("Churn Survey Completed", "nps_submitted"):
        assert details(event(name))[0][1] == -2.0, name
        assert details(event(name))[0][0].endswith("to the product's makers: a side channel")
    assert event("Peer Review Survey Submitted").kind == "job_completion"  # on the work


def test_a_transaction_alone_records_money_moved():
    assert details(event("transaction")) == [
        ("'transaction' names the action 'transact', which reads as completion", 2.0)
    ]


@pytest.mark.parametrize(
    ("name", "friction", "evidence"),
    [
        # done again, what should work the first time did not hold
        (
            "Wallet Reconnected",
            True,
            [
                (
                    "'reconnected' is 'connected' again: it did not hold the first time,"
                    " which signals friction",
                    -3.0,
                )
            ],
        ),
        (
            "Data Resynced",
            True,
            [
                (
                    "'resynced' is 'synced' again: it did not hold the first time,"
                    " which signals friction",
                    -3.0,
                )
            ],
        ),
        # a code that lets the user in, sent again, did not arrive
        ("resend_otp", True, [("'resend' on 'otp': it did not arrive, a friction signal", -3.0)]),
        # so did an invitation sent again (real plans resend one that never came)
        (
            "Invitation Resent",
            True,
            [("'resent' on 'invitation': it did not arrive, a friction signal", -3.0)],
        ),
        # asking for a remedy says something went wrong
        (
            "Refund Requested By Guest",
            True,
            [
                (
                    "'requested' for 'refund', a remedy for something gone wrong, signals friction",
                    -2.0,
                )
            ],
        ),
        (
            "Replacement Request Submitted",
            True,
            [
                (
                    "'submitted' for 'replacement', a remedy for something gone wrong,"
                    " signals friction",
                    -2.0,
                )
            ],
        ),
        # a lost credential restored, a stream stalling, an order under the minimum
        (
            "password_restored",
            True,
            [
                ("verb 'restored' reads as interaction", -2.0),
                ("'restored' on 'password': a lost credential signals friction", -3.0),
            ],
        ),
        (
            "Stream Rebuffer Started",
            True,
            [
                ("verb 'started' reads as interaction", -2.0),
                ("'rebuffer' is what the event is about, a friction signal", -3.0),
            ],
        ),
        ("Address Unserviceable", True, [("'unserviceable' signals friction", -3.0)]),
        # work toward the job lost: the user starts over
        (
            "Quiz Attempt Restarted",
            True,
            [("'restarted' on 'attempt': work toward the job lost, a friction signal", -3.0)],
        ),
        (
            "exam_resetted",
            True,
            [("'resetted' on 'exam': work toward the job lost, a friction signal", -3.0)],
        ),
    ],
)
def test_friction_without_a_failure_word(name, friction, evidence):
    verdict = event(name)
    assert (verdict.kind, verdict.friction) == ("feature_interaction", friction)
    assert details(verdict) == evidence


def test_repeats_and_remedies_that_are_no_struggle():
    receipt = event("Receipt Resent")  # the product's own message sent again: no struggle
    assert (receipt.kind, receipt.friction) == ("feature_interaction", False)
    assert details(receipt) == [
        ("'resent' on 'receipt', the product's own message: the software at work", -2.0)
    ]
    granted = event("Refund Request Approved")  # the remedy granted
    assert (granted.kind, granted.friction) == ("job_completion", False)
    assert details(granted) == [("verb 'approved' reads as completion", 2.0)]


@pytest.mark.parametrize(
    ("name", "evidence"),
    [
        ("Listing Added", [("'added' on 'listing', a deliverable, finishes a job", 2.0)]),
        ("Reply Created", [("'created' on 'reply', a deliverable, finishes a job", 2.0)]),
        ("new_poll", [("'new poll': a deliverable made, which finishes a job", 2.0)]),
        ("Code Pushed", [("verb 'pushed' reads as completion", 2.0)]),
    ],
)
def test_contributions_others_see_are_made_when_created(name, evidence):
    verdict = event(name)
    assert verdict.kind == "job_completion"
    assert details(verdict) == evidence


def test_a_noun_list_matches_plurals_not_verb_forms():
    """'listing' is a deliverable; 'list' (a verb form of it) is not."""
    assert event("Listings Added").kind == "job_completion"
    assert event("Shopping List Added").kind == "feature_interaction"
    # a noun list naming an -ing noun does not make it an action ("Listing Offer")
    assert read_name("Listing Offer", load_lexicon()).action is None


def test_a_two_letter_stem_is_no_verb():
    """ "used" is listed; "us" is no form of it, but the company a user reaches out to."""
    assert "us" not in load_lexicon().forms("used")
    assert details(event("Chat With Us")) == [("'chat with us' signals help-seeking", -1.0)]


def test_a_negator_is_no_stem_of_a_verb():
    """ "noted" is a record verb; "not" is no form of it, so "did not appear" has no action."""
    lexicon = load_lexicon()
    assert lexicon.lexicons_of("not") == frozenset()
    assert read_name("Banner did not appear", lexicon).action is None


def test_a_record_verb_only_in_its_s_form_names_things():
    """ "logs" and "notes" first are the records, not someone logging or noting."""
    reading = read_name("Logs Cleanup", load_lexicon())
    assert (reading.action, reading.head.text) == (None, "cleanup")


def test_a_verb_said_first_of_no_known_kind_is_named_as_the_action():
    """The evidence says which word was the action even when it says nothing of the
    kind, instead of seeming to have found no action at all."""
    assert details(event("log_trip")) == [
        ("'log' is read as the action, of no known kind", 0.0),
        (
            "no word names a kind of action, a state or a part of the interface: "
            "read as an interaction, as most events are",
            -0.25,
        ),
    ]
    # a bare word last is as likely a noun: only the base rate speaks
    assert [d for d, _ in details(event("Dashboard Note"))] == [
        "no word names a kind of action, a state or a part of the interface: "
        "read as an interaction, as most events are"
    ]


def test_contact_us_squashed_is_help_seeking():
    """ "contactus", as URL slugs and button ids write it."""
    assert details(event("contactus_link"))[-1] == ("'contactus' signals help-seeking", -1.0)


@pytest.mark.parametrize(
    ("name", "evidence"),
    [
        (  # the name's own verb, not the noun it acts on ("review" can be either)
            "review_card_action_remove_review",
            [
                ("'review' can be a noun: read as one, 'remove' as the action", 0.0),
                ("verb 'remove' reads as interaction", -2.0),
            ],
        ),
        (  # a word before a part of the interface names that part: the invite drawer
            "invite_drawer_copy_code",
            [
                ("'invite' can be a noun: read as one, 'copy' as the action", 0.0),
                ("verb 'copy' reads as interaction", -2.0),
            ],
        ),
        (  # a participle before a noun describes it; the bare verb before it acts
            "admin-delete-approved-vendor",
            [("verb 'delete' reads as interaction", -2.0), ("mentions state 'approved'", 1.0)],
        ),
    ],
)
def test_a_word_that_can_be_a_noun_gives_way_to_the_verb(name, evidence):
    verdict = event(name)
    assert verdict.kind == "feature_interaction"
    assert details(verdict) == evidence


def test_submitting_an_operation_is_that_operation():
    """'Submitted' only says a sort, a search or a filter went through; a claim
    submitted is still a claim made."""
    verdict = event("results_sort_submitted")
    assert verdict.kind == "feature_interaction"
    assert details(verdict) == [
        ("'submitted' only says 'sort', the software's own work, went through", -2.0)
    ]
    assert details(event("Cancellation Submitted")) == [
        ("'submitted' only confirms 'cancellation', which reads as interaction", -2.0)
    ]
    assert event("Expense Claim Submitted").kind == "job_completion"


def test_a_part_of_the_interface_named_alone_is_no_action():
    """'screen' is on a verb list (screening candidates), but an event named only
    'Screen' is the screen shown; 'Screened' is still the verb."""
    verdict = event("Screen")
    assert verdict.kind == "feature_interaction"
    assert details(verdict) == [("acts on 'screen', a part of the interface", -2.5)]
    assert event("Screened").kind == "job_completion"


def test_a_bare_command_named_alone_or_redone_is_the_button():
    """A bare verb with an action noun of its own (renew: renewal) names the command
    when it stands alone, as after its object; done, it would say 'renewed'."""
    assert details(event("renew")) == [
        ("bare 'renew' named alone names the command, not its outcome", -0.5)
    ]
    assert details(event("draft_resubmit")) == [
        ("bare 'resubmit' after its object names the command, not its outcome", -0.5)
    ]
    assert event("renew").kind == "feature_interaction"
    assert event("Renewed").kind == "job_completion"
    assert event("Renewal").kind == "job_completion"


@pytest.mark.parametrize(
    ("name", "evidence"),
    [
        (  # the user's settings for the product: arranging it, not using it
            "privacy_settings_success",
            [
                ("'success' finishes 'settings', a step on the way, not the job", -1.0),
                ("acts on 'settings', a part of the interface", -2.5),
            ],
        ),
        (  # one part of a larger work: the exam is the job, a section of it a step
            "Exam Section Finished",
            [("'finished' finishes 'section', a step on the way, not the job", -1.0)],
        ),
        (
            "survey_question_completed",
            [("'completed' finishes 'question', a step on the way, not the job", -1.0)],
        ),
        # an answer is given to the product's question, not handed to someone
        ("quiz_question_answered", [("verb 'answered' is not a known completion verb", -0.5)]),
    ],
)
def test_settings_and_parts_of_a_larger_work_are_steps(name, evidence):
    verdict = event(name)
    assert verdict.kind == "feature_interaction"
    assert details(verdict) == evidence
    assert event("Exam Finished").kind == "job_completion"


def test_waiting_in_line_is_not_done_yet():
    """A place on a waitlist or in a queue is read as one word ('waitlisted' is no
    'wait' + 'listed', which would be something listed): the job is still to come."""
    assert details(event("guest_waitlisted")) == [("verb 'waitlisted' reads as interaction", -2.0)]
    assert details(event("Print Job Queued")) == [("verb 'queued' reads as interaction", -2.0)]


@pytest.mark.parametrize(
    ("name", "kind", "detail"),
    [
        (
            "Refund Initiate Success",
            "feature_interaction",
            "'success' only confirms 'initiate': the job began, it did not end",
        ),
        (
            "checkout_start_confirmed",
            "feature_interaction",
            "'confirmed' only confirms 'start': the job began, it did not end",
        ),
        ("Refund Success", "job_completion", "reaches state 'success'"),
        # a paid term begun was bought, whatever confirms it
        ("Membership Start Success", "job_completion", "reaches state 'success'"),
    ],
)
def test_a_start_that_succeeded_only_began_the_job(name, kind, detail):
    assert_reads(name, kind, detail)


@pytest.mark.parametrize(
    ("name", "friction", "detail"),
    [
        ("Automation Block Added", False, "verb 'added' reads as interaction"),
        ("Skipped Break", False, "verb 'skipped' reads as interaction"),
        (
            "Wallet Freeze",
            False,
            "no word names a kind of action, a state or a part of the interface: "
            "read as an interaction, as most events are",
        ),
        ("Account Blocked", True, "'blocked' signals friction"),
        ("Card Frozen", True, "'frozen' signals friction"),
        ("Not Enough Coins", True, "'not enough' signals friction"),
        # revoking an app's access is the user's act; a request refused is the trouble
        (
            "Unauthorize App",
            False,
            "no word names a kind of action, a state or a part of the interface: "
            "read as an interaction, as most events are",
        ),
        ("Request Unauthorized", True, "'unauthorized' signals friction"),
    ],
)
def test_a_trouble_only_as_a_participle(name, friction, detail):
    """ "blocked", "broken", "frozen" are troubles; a block, a break or a freeze is a thing
    or the user's own act. "not enough" turns the user away as "insufficient" does."""
    verdict = event(name)
    assert (verdict.kind, verdict.friction) == ("feature_interaction", friction)
    assert [d for d, _ in details(verdict)] == [detail]


def test_a_listing_is_published_only_when_listed():
    assert details(event("Property Listed")) == [("verb 'listed' reads as completion", 2.0)]
    assert event("list_courses").kind == "feature_interaction"  # a list shown, not published
    assert event("Landlord Contacted").kind == "job_completion"  # a lead, as an enquiry is
    assert event("Contact Saved").kind == "feature_interaction"  # a contact is no lead


@pytest.mark.parametrize(
    ("name", "kind", "detail"),
    [
        (
            "Catalog Search Response Received",
            "feature_interaction",
            "'received' on the 'response' of 'search': the software's own work",
        ),
        (
            "api_call_succeeded",
            "feature_interaction",
            "'succeeded' on the 'call' of 'api': the software's own work",
        ),
        ("Poll Response Received", "job_completion", "verb 'received' reads as completion"),
    ],
)
def test_what_the_software_answers_with_is_its_own_work(name, kind, detail):
    assert_reads(name, kind, detail)


def test_the_users_own_things_are_a_place():
    assert details(event("My Invoices")) == [
        ("'my invoices' names the user's own things, a place in the app", -2.0)
    ]
    assert event("my_invoice_paid").kind == "job_completion"  # a verb says what happened


@pytest.mark.parametrize(
    ("name", "kind", "detail"),
    [
        ("Book Call", "job_completion", "verb 'book' reads as completion"),
        ("buy_credit", "job_completion", "verb 'buy' reads as completion"),
        ("photo_download", "feature_interaction", "verb 'download' reads as interaction"),
        ("order_cancel", "feature_interaction", "verb 'cancel' reads as interaction"),
        ("Contract Renewal", "job_completion", "verb 'renewal' reads as completion"),
        # unless the first undoes it: a renewal cancelled
        ("Cancel Renewal", "feature_interaction", "verb 'cancel' reads as interaction"),
        # a place on a map, added: the noun after the verb, not an order placed
        ("Map Add Place", "feature_interaction", "verb 'add' reads as interaction"),
    ],
)
def test_two_words_that_could_each_be_the_verb(name, kind, detail):
    """The first is the verb unless a noun list holds it, or the last says how an
    action went, is the software's operation, or is built from a verb."""
    assert_reads(name, kind, detail)


def test_a_round_of_a_game_failed_or_retried_is_play_and_a_retake_a_struggle():
    assert details(event("Stage Failed")) == [
        ("'failed' on 'stage', a round of play, is no struggle", -2.0)
    ]
    assert event("Game Save Failed").friction  # the save failed, not the player
    # quitting a round is play too; a checkout abandoned is a flow the product lost
    assert details(event("Ranked Match Abandoned")) == [
        ("'abandoned' on 'match', a round of play, is no struggle", -2.0)
    ]
    assert event("Checkout Abandoned").friction
    assert details(event("Exam Retake")) == [("'retake' signals friction", -3.0)]
    # a round played again is play too, and so is one named before its verb
    assert details(event("Stage Retried")) == [
        ("'retried' on 'stage', a round of play, is no struggle", -2.0)
    ]
    assert details(event("round_fail_bonus")) == [
        ("'fail' on 'round', a round of play, is no struggle", -2.0)
    ]
    assert not event("Stage Restarted").friction
    assert event("Quiz Restarted").friction  # a quiz's answers so far are lost
    assert event("Payment Retry").friction
    assert details(event("Bonus Stage Cleared")) == [("'stage' cleared: a round of play won", 2.0)]
    assert event("Search Filters Cleared").kind == "feature_interaction"
    # a streak broken is the user's habit lapsing; a thing broken is still a struggle
    assert details(event("Reading Streak Broken")) == [
        ("'broken' on 'streak', a run of play ended, is no struggle", -2.0)
    ]
    assert event("Image Link Broken").friction


def test_a_wrong_answer_or_move_is_play_and_a_wrong_password_a_struggle():
    """The mistake is the user's in a quiz or a game, as a round lost is; a wrong
    password, code or PIN keeps them out of the product."""
    assert details(event("Answer Incorrect")) == [
        ("'incorrect' on 'answer', a move of play or an answer, is no struggle", -2.0)
    ]
    assert details(event("sudoku_cell_wrong")) == [
        ("'wrong' on 'cell', a move of play or an answer, is no struggle", -2.0)
    ]
    said = event("Incorrect Guess Submitted")  # named beside another action: a mention
    assert not said.friction
    assert ("'incorrect' on 'guess', a move of play or an answer, is no struggle", 0.0) in details(
        said
    )
    assert details(event("Incorrect Code")) == [("'incorrect' signals friction", -3.0)]
    assert event("wrong_password_entered").friction
    assert event("Wrong Answer Save Error").friction  # the save failed, not the player


ACTS_ON_SCREEN = "acts on 'screen', a part of the interface"


@pytest.mark.parametrize(
    ("name", "kind", "friction", "detail"),
    [
        (
            "Order Now",
            "feature_interaction",
            False,
            "'order now' labels a button: a press, not the outcome",
        ),
        ("Account Statement Screen", "feature_interaction", False, ACTS_ON_SCREEN),
        ("banner_view", "feature_interaction", False, "verb 'view' reads as interaction"),
        (
            "Renewal Quote Rejected",
            "feature_interaction",
            False,
            "'rejected' on 'quote', an offer, is a choice, not a struggle",
        ),
        (
            "Bonus Level Reached",
            "job_completion",
            False,
            "'level' reached: a goal reached is the outcome",
        ),
        (
            "Camera Permission Granted",
            "feature_interaction",
            False,
            "'granted' finishes 'permission', a step on the way, not the job",
        ),
        ("Access Denied", "feature_interaction", True, "'denied' signals friction"),
        ("Account Locked", "feature_interaction", True, "'account locked' signals friction"),
        (
            "Coins Spent",
            "feature_interaction",
            False,
            "verb 'spent' is not a known completion verb",
        ),
    ],
)
def test_buttons_screens_offers_levels_and_access(name, kind, friction, detail):
    verdict = event(name)
    assert (verdict.kind, verdict.friction) == (kind, friction)
    assert details(verdict)[0][0] == detail


def test_a_form_named_by_its_deliverable_carries_it():
    assert details(event("Quote Form Submitted")) == [
        ("verb 'submitted' reads as completion", 2.0),
        ("'quote form' carries 'quote', a deliverable", 0.0),
    ]
    assert event("Feedback Form Submitted").kind == "feature_interaction"
    # an enquiry to a seller or a provider is the lead a marketplace exists for
    assert details(event("Enquiry Form Submitted")) == [
        ("verb 'submitted' reads as completion", 2.0),
        ("'enquiry form' carries 'enquiry', a deliverable", 0.0),
    ]
    assert event("Contact Form Submitted").kind == "feature_interaction"


def test_nothing_found_inside_a_name_turns_the_user_away():
    verdict = event("invite_no_seat_found_for_user")
    assert verdict.friction
    assert ("'no seat found': nothing to offer signals friction", -3.0) in details(verdict)


@pytest.mark.parametrize(
    "name",
    ["Order Summary", "Payment Method", "Renewal Date", "Booking Details", "Refund Policy"],
)
def test_nouns_only_name_a_thing_or_a_place(name):
    """A first noun that could also be the verb does not make the name an order placed."""
    verdict = event(name)
    assert verdict.kind == "feature_interaction"
    assert read_name(name, load_lexicon()).action is None


@pytest.mark.parametrize("name", ["success_page", "Done Button", "Order Success Page"])
def test_a_state_that_names_a_part_of_the_interface(name):
    verdict = event(name)
    assert verdict.kind == "feature_interaction"
    assert details(verdict)[0][0].startswith("acts on ")


def test_what_a_nouns_only_reading_leaves_alone():
    assert event("Hotel Booking").kind == "job_completion"  # the action noun last
    assert event("Payment Success").kind == "job_completion"  # a state, no part after it
    assert event("Purchase").kind == "job_completion"
    assert details(event("Deposit Continue")) == [
        ("'deposit continue' labels a button: a press, not the outcome", -2.0)
    ]
    assert details(event("Lint Check Completed")) == [
        ("'completed' only says 'check', the software's own work, went through", -2.0)
    ]


def test_a_screen_is_a_part_of_the_interface_unless_screened():
    """Only "screened" is listed: the bare word is the screen the name is about."""
    assert details(event("Screen Favorite")) == [
        ("verb 'favorite' reads as interaction", -2.0),
        ("acts on 'screen', a part of the interface", -2.5),
    ]
    assert_reads("Applicant Screened", "job_completion", "verb 'screened' reads as completion")


def test_a_bare_completion_verb_between_words_names_a_kind_of_thing():
    """ "a match report" is no match made: the bare verb inside the name is a noun; a
    user said to act keeps the verb, and so does an outcome said done."""
    assert details(event("loan_match_report")) == [
        ("'match' can be a noun: read as one, no word as the action", 0.0),
        (BASE_RATE_EVIDENCE.detail, BASE_RATE_EVIDENCE.weight),
    ]
    assert event("user_pay_invoice").kind == "job_completion"
    assert event("loan_matched_report").kind == "job_completion"


def test_a_plural_names_things_not_the_action():
    """ "messages" is no message sent: with no verb, the name leans to interaction."""
    verdict = event("chat_messages")
    assert verdict.kind == "feature_interaction"
    assert [e.weight for e in verdict.evidence] == [-0.25]  # the base rate, nothing read


def test_what_was_saved_or_earned_names_no_action():
    """ "savings" and "earnings" are money, not the saving or the earning."""
    assert details(event("Savings Tab")) == [("acts on 'tab', a part of the interface", -2.5)]
    assert event("Earnings").kind == "feature_interaction"
    assert event("Cashback Earned").kind == "job_completion"  # the verb itself still reads


def test_the_word_event_that_code_appends_says_nothing():
    assert details(event("Refund Event")) == [("verb 'refund' reads as completion", 2.0)]
    assert details(event("InvoiceSyncErrorEvent")) == [("'error' signals friction", -3.0)]
    assert details(event("PrinterFaultEvent")) == [("'fault' signals friction", -3.0)]
    assert details(event("Checkout Fell Back")) == [("'fell back' signals friction", -3.0)]
    assert details(event("Seats Max Reached")) == [("'max reached' signals friction", -3.0)]
    assert content_tokens("Event", load_lexicon()) == ("event",)  # the word alone stays
    # so do version marks: the name's last word before "_new" is what it says
    assert content_tokens("Plan_Selected_New", load_lexicon()) == ("plan", "selected")


def test_a_state_before_its_noun_or_chosen_by_a_verb_is_not_reached():
    assert details(event("Tapped Map On Live Route")) == [
        ("verb 'tapped' reads as interaction", -2.0),
    ]
    assert event("Toggled Live").kind == "feature_interaction"  # the Live option chosen
    assert event("Card Moved To Done Column").kind == "job_completion"  # where done work goes
    assert event("Store Went Live").kind == "job_completion"


def test_a_success_after_an_interaction_says_it_went_through():
    assert details(event("Theme Switch Success")) == [
        ("'success' only says 'switch' went through: an interaction", -2.0)
    ]
    assert event("Video Playback Completed").kind == "job_completion"  # watched to the end
    # so does one after data the software moves for the user: its own work
    assert details(event("Warehouse Sync Success")) == [
        ("'success' only says 'sync', the software's own work, went through", -2.0)
    ]
    assert details(event("Contacts Import Completed")) == [
        ("'completed' only says 'import', the software's own work, went through", -2.0)
    ]
    assert event("Data Export Completed").kind == "job_completion"  # the file taken away


def test_a_success_confirms_a_job_only_when_a_word_names_one():
    """A success says the attempt named went through: a reroll is no job, a payment is."""
    assert details(event("loot_reroll_success")) == [
        ("'success' only says 'loot reroll' went through, which names no job", -0.5)
    ]
    assert details(event("Deposit Payment Success")) == [("reaches state 'success'", 3.0)]
    assert event("Success").kind == "job_completion"  # nothing else said: the state itself


def test_a_booking_or_a_demo_requested_is_asked_of_another():
    assert details(event("Demo Requested")) == [
        ("'requested' for 'demo': a request delivered to another, a job done", 2.0)
    ]
    assert event("Selfie Check Completed").kind == "feature_interaction"  # a step on the way
    assert event("Concert RSVPed").kind == "job_completion"


# --- metrics ----------------------------------------------------------------

METRICS_PLAN = """
events:
  Invoice Approved: {}
  Logged In: {}
  Upload Failed: {}
metrics:
  Invoices approved per clerk per week:
    event: Invoice Approved
    aggregation: count
  Weekly clerks:
    event: Logged In
    aggregation: unique_users
  Invoices approved all-time:
    event: Invoice Approved
    aggregation: cumulative
  Upload retries:
    event: Upload Failed
    direction: increase
  Approval ratio:
    numerator: Invoice Approved
    denominator: Logged In
    aggregation: ratio
  Expenses reimbursed:
    event: Expense Reimbursed
  Zorblax index: {}
  Weekly Active Approvers: {}
  Invoices Approved per Clerk: {}
  Average Time in Portal: {}
  Visits Completed per Nurse: {}
"""


def metric_verdicts():
    return classify(plan_from(METRICS_PLAN)).metrics


def test_metric_from_event_kind():
    verdict = metric_verdicts()["Invoices approved per clerk per week"]
    assert (verdict.kind, verdict.reason) == (
        "outcome",
        "counts progress: count of 'Invoice Approved'",
    )
    assert verdict.evidence[0] == Evidence("event", "counts job completion 'Invoice Approved'", 2.5)


def test_metric_from_aggregation():
    verdicts = metric_verdicts()
    weekly = verdicts["Weekly clerks"]
    assert (weekly.kind, weekly.reason) == ("surface", "counts motion: unique users of 'Logged In'")
    assert [(e.source, e.detail, e.weight) for e in weekly.evidence] == [
        ("aggregation", "aggregation unique_users counts people present, not work done", -2.0),
        ("event", "counts feature interaction 'Logged In'", -2.5),
    ]
    total = verdicts["Invoices approved all-time"]  # a running total of completions
    assert (total.kind, total.reason) == (
        "surface",
        "counts motion: cumulative count of 'Invoice Approved'",
    )


def test_metric_on_friction_ratio_and_missing_event():
    verdicts = metric_verdicts()
    assert verdicts["Upload retries"].reason == (
        "counts motion: count of 'Upload Failed' (a friction signal)"
    )
    ratio = verdicts["Approval ratio"]
    assert (ratio.kind, ratio.reason) == (
        "outcome",
        "counts progress: ratio of 'Invoice Approved' to 'Logged In'",
    )
    assert ratio.evidence[1] == Evidence(
        "event", "divides by feature interaction 'Logged In'", -0.5
    )
    missing = verdicts["Expenses reimbursed"]
    assert missing.kind == "outcome"
    assert missing.evidence[0].detail == (
        "counts job completion 'Expense Reimbursed' (not in the plan; read from its name)"
    )


def test_metric_from_name_alone():
    verdicts = metric_verdicts()
    expected = {
        "Zorblax index": ("surface", 0.5, "nothing shows it counts progress"),
        "Weekly Active Approvers": ("surface", 0.92, "counts motion: 'active' in its name"),
        "Invoices Approved per Clerk": (
            "outcome",
            0.88,
            "counts progress: verb 'approved' reads as completion",
        ),
        "Average Time in Portal": ("surface", 0.92, "counts motion: 'time in' in its name"),
        "Visits Completed per Nurse": (
            "outcome",
            0.73,
            "counts progress: verb 'completed' reads as completion",
        ),
    }
    for name, (kind, confidence, reason) in expected.items():
        verdict = verdicts[name]
        assert (verdict.kind, round(verdict.confidence, 2), verdict.reason) == (
            kind,
            confidence,
            reason,
        ), name


# --- summary, purity, speed -------------------------------------------------


def test_summary_counts():
    result = classify(bare("Invoice Approved", "Report Viewed", "Upload Failed", "'--'"))
    assert (result.job_completions, result.feature_interactions) == (1, 2)
    assert (result.friction_signals, result.unknown, result.progress_share) == (1, 1, 0.25)
    assert summary_line(result) == (
        "4 events: 1 job completion, 2 feature interactions (1 friction signal), 1 unknown; "
        "progress share 25%"
    )
    assert classify(Plan()).progress_share == 0.0


def test_classify_is_a_pure_function_of_its_inputs():
    plan = bare("Invoice Approved", "Report Viewed")
    assert classify(plan) == classify(plan)
    assert classify(plan).events["Report Viewed"].kind == "feature_interaction"


def test_events_sharing_a_reading_keep_their_own_names_and_context():
    """Events only their name speaks for are weighed once per reading of the name; each
    verdict still carries its own name, and a declared kind, a job or a property still
    weighs in."""
    result = classify(bare("Order Clicked 1", "Order Clicked 2"))
    first, second = result.events["Order Clicked 1"], result.events["Order Clicked 2"]
    assert (first.name, second.name) == ("Order Clicked 1", "Order Clicked 2")
    assert (
        first.evidence
        == second.evidence
        == (Evidence("name", "verb 'clicked' reads as interaction", -2.0),)
    )
    declared = event("Order Clicked 3", "kind: job_completion\n")
    assert (declared.kind, declared.declared, declared.contradicts) == (
        "job_completion",
        "job_completion",
        True,
    )
    with_property = event("Zorblax 1", "properties:\n  order_id: {type: string}\n")
    assert with_property.kind == "job_completion"
    assert event("Zorblax 2").kind == "feature_interaction"


def test_five_thousand_events_are_fast():
    verbs = ["Viewed", "Approved", "Failed", "Opened", "Shared", "Frobnicated"]
    objects = ["Invoice", "Filter Panel", "Claim", "Chart", "Ledger Entry"]
    events = "".join(
        f"  {objects[i % 5]} {verbs[i % 6]} {i}:\n    properties: {{item_{i % 40}_id: {{}}}}\n"
        for i in range(5000)
    )
    plan = plan_from("events:\n" + events)
    started = time.perf_counter()
    result = classify(plan)
    elapsed = time.perf_counter() - started
    assert len(result.events) == 5000
    assert elapsed < 0.5, f"{elapsed:.3f}s"  # about 0.06 s cold on a laptop; generous for CI


def test_metrics_named_by_a_plural_noun():
    """ "Bookings": read as the action its noun names, and from its event when it has one."""
    plan = plan_from(
        """\
        events:
          Table Booked: {}
          Booking Page Viewed: {}
        metrics:
          Bookings: {}
          Remittances: {}
          Weekly Bookings: {event: Table Booked}
          Bookings Page Traffic: {event: Booking Page Viewed}
        """
    )
    verdicts = classify(plan).metrics
    # read from the plan's event its noun names, when there is one
    assert (verdicts["Bookings"].kind, verdicts["Bookings"].reason) == (
        "outcome",
        "counts progress: 'bookings' counts 'Table Booked'",
    )
    assert verdicts["Remittances"].reason == (
        "counts progress: 'remittances' names the action 'remit', which reads as completion"
    )
    weekly = verdicts["Weekly Bookings"]
    assert (weekly.kind, weekly.reason) == ("outcome", "counts progress: count of 'Table Booked'")
    traffic = verdicts["Bookings Page Traffic"]
    assert (traffic.kind, traffic.reason) == (
        "surface",
        "counts motion: count of 'Booking Page Viewed'",
    )


def test_a_plural_noun_metric_reads_its_event_or_its_singular():
    """ "Renewals" counts renewing: the plan's event that renews, else the noun itself."""
    plan = plan_from(
        """\
        events:
          Subscription Renewed: {}
          Order Placed: {}
          Order Viewed: {}
          User Converted: {}
        metrics:
          Renewals: {}
          Orders Per Week: {}
          Withdrawals: {}
          Deliveries: {}
          Matches: {}
          Weekly Active Users: {}
        """
    )
    verdicts = classify(plan).metrics
    renewals = verdicts["Renewals"]
    assert (renewals.kind, renewals.reason) == (
        "outcome",
        "counts progress: 'renewals' counts 'Subscription Renewed'",
    )
    assert renewals.evidence == (
        Evidence(
            "event",
            "counts job completion 'Subscription Renewed', which its noun 'renewals' names",
            2.5,
        ),
    )
    # what is counted comes before "per"; the completion among the events it names
    assert verdicts["Orders Per Week"].reason == "counts progress: 'orders' counts 'Order Placed'"
    # no event names it: the noun in the singular, read as an event name would be
    withdrawals = verdicts["Withdrawals"]
    assert (withdrawals.kind, withdrawals.reason) == (
        "outcome",
        "counts progress: 'withdrawals': verb 'withdrawal' reads as completion",
    )
    # English plurals: "deliveries" is delivery, "matches" is match
    assert verdicts["Deliveries"].reason == (
        "counts progress: 'deliveries': verb 'delivery' reads as completion"
    )
    assert (
        verdicts["Matches"].reason == "counts progress: 'matches': verb 'match' reads as completion"
    )
    # a person is no trade: "User Converted" is not what active users count
    assert verdicts["Weekly Active Users"].reason == "counts motion: 'active' in its name"


# --- lexicons and configuration ---------------------------------------------


def test_every_lexicon_ships_and_loads():
    words = builtin_words()
    assert set(words) == set(LEXICON_NAMES)
    folder = Path(__file__).parents[1] / "src/trackinglint/classification/lexicons"
    assert {p.stem for p in folder.glob("*.yaml")} == {*LEXICON_NAMES, "grammar"}
    assert all(words[name] for name in LEXICON_NAMES)


def test_headings_in_lexicon_files_are_not_words():
    """A "- # heading" line in a lexicon file is an empty entry, not the word "none"."""
    assert all("None" not in words for words in builtin_words().values())
    assert load_lexicon().lexicons_of("none") == frozenset()


def test_verb_lexicons_do_not_overlap():
    lexicon, words = load_lexicon(), builtin_words()
    for word in words["completion-verbs"]:
        if " " not in word:
            assert "interaction-verbs" not in lexicon.lexicons_of(word), word
            assert "friction-words" not in lexicon.lexicons_of(word), word


def test_lexicon_extra_in_the_api():
    plan = bare("Customer Onboarded")
    assert classify(plan).events["Customer Onboarded"].kind == "feature_interaction"
    extended = classify(plan, lexicon_extra={"completion-verbs": ["onboarded"]})
    assert details(extended.events["Customer Onboarded"]) == [
        ("verb 'onboarded' reads as completion", 2.0)
    ]
    with pytest.raises(ValueError, match="unknown lexicon 'completion-verb'"):
        classify(plan, lexicon_extra={"completion-verb": ["onboarded"]})


CONFIG_PLAN = """\
trackinglint: 1
events:
  Customer Onboarded: {}
  Hive Inspected: {}
"""


def test_config_lexicon_extends_classification_end_to_end(write, cli):
    write("plan.yaml", CONFIG_PLAN)
    before = cli("classify", "--output-format", "json", "plan.yaml")
    assert [e["kind"] for e in before.json()["events"]] == ["feature_interaction"] * 2
    write(
        "trackinglint.toml",
        """
        [lexicon]
        completion-verbs = ["onboarded", "inspected"]
        interface-objects = ["hive"]
        """,
    )
    after = cli("classify", "--output-format", "json", "plan.yaml")
    assert after.code == 0, after.err
    onboarded, inspected = after.json()["events"]
    assert onboarded["kind"] == "job_completion"
    assert onboarded["evidence"][0]["detail"] == "verb 'onboarded' reads as completion"
    assert inspected["kind"] == "feature_interaction"  # the configured interface part decides
    assert [e["detail"] for e in inspected["evidence"]] == [
        "verb 'inspected' reads as completion",
        "acts on 'hive', a part of the interface",
    ]


def test_config_lexicon_errors_name_the_key(write, cli):
    write("plan.yaml", CONFIG_PLAN)
    write("trackinglint.toml", '[lexicon]\ncompletion-verb = ["onboarded"]\n')
    run = cli("classify", "plan.yaml")
    assert run.code == 2
    assert run.err.startswith("trackinglint: error: ")
    assert run.err.endswith(
        "trackinglint.toml:2: 'lexicon.completion-verb': unknown lexicon; "
        "did you mean 'completion-verbs'?\n"
    )
    write("trackinglint.toml", '[lexicon]\nrecipients = "nurse"\n')
    run = cli("check", "plan.yaml")
    assert run.code == 2
    assert run.err.endswith("'lexicon.recipients': expected a list of non-empty strings\n")


# --- plugins ----------------------------------------------------------------


def plugin(name: str, **hooks) -> types.ModuleType:
    """A plugin module built in-process, each hook marked as an implementation."""
    module = types.ModuleType(name)
    for hook, function in hooks.items():
        function.__name__ = hook
        setattr(module, hook, hookimpl(function))
    return module


def test_plugin_evidence_is_combined():
    def tagged(event, plan):
        if "checkout" in event.tags:
            return [Evidence("plugin", "tagged as a checkout outcome", 3.0)]
        return []

    def neutral(event):  # a hook may take fewer arguments
        return None

    registry = build_registry(
        [plugin("tags", event_evidence=tagged), plugin("quiet", event_evidence=neutral)],
        load_entry_points=False,
    )
    verdict = event("Basket Frobnicated", "tags: [checkout]\n", registry)
    assert verdict.kind == "job_completion"
    assert verdict.evidence[-1] == Evidence("plugin", "tagged as a checkout outcome", 3.0)


def test_broken_plugins_never_break_classification():
    calls = []

    def boom(event, plan):
        calls.append(event.name)
        raise RuntimeError("no network")

    def garbage(event, plan):
        return ["not evidence"]

    registry = build_registry(
        [plugin("flaky", event_evidence=boom), plugin("sloppy", event_evidence=garbage)],
        load_entry_points=False,
    )
    result = classify(bare("Invoice Approved", "Report Viewed"), registry)
    assert result.events["Invoice Approved"].kind == "job_completion"
    assert calls == ["Invoice Approved"]  # a plugin that raised is not asked again
    assert result.failures == (
        "plugin 'flaky': hook event_evidence raised RuntimeError: no network; "
        "its evidence was left out",
        "plugin 'sloppy': hook event_evidence raised TypeError: returned str, "
        "not Evidence(source, detail, weight); its evidence was left out",
    )


def test_plugin_can_replace_the_classifier():
    class Everything:
        def classify(self, plan):
            return Classification(failures=("replaced",))

    registry = build_registry(
        [plugin("mine", get_classifier=lambda: Everything())], load_entry_points=False
    )
    assert classify(bare("Invoice Approved"), registry).failures == ("replaced",)

    class Broken:
        def classify(self, plan):
            raise KeyError("x")

    registry = build_registry(
        [plugin("broken", get_classifier=lambda: Broken())], load_entry_points=False
    )
    result = classify(bare("Invoice Approved"), registry)
    assert result.events["Invoice Approved"].kind == "job_completion"
    assert result.failures == ("classifier Broken raised KeyError: 'x'; the built-in one was used",)


# --- the classify command ---------------------------------------------------

CLI_PLAN = """\
trackinglint: 1
jobs:
  approve-expense:
    completion: Expense Approved
events:
  Expense Approved:
    properties:
      amount: {type: number}
  Receipt Photo Uploaded: {}
  Upload Failed: {}
  Expense List Viewed:
    kind: job_completion
metrics:
  Expenses approved per week:
    event: Expense Approved
  Weekly active submitters:
    event: Logged In
    aggregation: unique_users
"""


def test_classify_table(write, cli):
    write("plan.yaml", CLI_PLAN)
    run = cli("classify", "plan.yaml")
    assert (run.code, run.err) == (0, "")
    assert run.out.splitlines() == [
        "EVENT                   KIND                 FRICTION  CONFIDENCE  EVIDENCE",
        "Expense Approved        job_completion       no        1.00        completion event of "
        "job 'approve-expense'; verb 'approved' reads as completion; property 'amount' records "
        "what got done",
        "Receipt Photo Uploaded  feature_interaction  no        0.88        verb 'uploaded' "
        "reads as interaction",
        "Upload Failed           feature_interaction  yes       0.95        'failed' signals "
        "friction",
        "Expense List Viewed     job_completion       no        0.88        declared "
        "job_completion in the plan; verb 'viewed' reads as interaction",
        "",
        "METRIC                      CLASS    CONFIDENCE  EVIDENCE",
        "Expenses approved per week  outcome  0.99        counts job completion 'Expense "
        "Approved'; verb 'approved' reads as completion",
        "Weekly active submitters    surface  1.00        aggregation unique_users counts people "
        "present, not work done; counts feature interaction 'Logged In' (not in the plan; read "
        "from its name); 'active' counts motion",
        "",
        "contradiction: 'Expense List Viewed' is declared job_completion but its name reads as "
        "feature_interaction",
        "",
        "4 events: 2 job completions, 2 feature interactions (1 friction signal); "
        "progress share 50%",
    ]


def test_classify_json(write, cli):
    write("plan.yaml", CLI_PLAN)
    run = cli("classify", "--output-format", "json", "plan.yaml")
    assert run.code == 0
    data = run.json()
    assert data["summary"] == {
        "events": 4,
        "job_completions": 2,
        "feature_interactions": 2,
        "friction_signals": 1,
        "unknown": 0,
        "progress_share": 0.5,
        "metrics": 2,
        "outcome_metrics": 1,
        "surface_metrics": 1,
    }
    assert data["events"][3] == {
        "name": "Expense List Viewed",
        "kind": "job_completion",
        "friction": False,
        "confidence": 0.88,
        "declared": "job_completion",
        "name_kind": "feature_interaction",
        "contradicts": True,
        "evidence": [
            {
                "source": "declared",
                "detail": "declared job_completion in the plan",
                "weight": 4.0,
                "friction": False,
            },
            {
                "source": "name",
                "detail": "verb 'viewed' reads as interaction",
                "weight": -2.0,
                "friction": False,
            },
        ],
    }
    assert data["metrics"][1]["reason"] == "counts motion: unique users of 'Logged In'"


def test_classify_usage_errors(write, cli):
    assert cli("classify", "missing.yaml").code == 2
    assert cli("classify", "--output-format", "xml").code == 2
    write("plan.yaml", CLI_PLAN)
    assert cli("classify", "--config", "nope.toml", "plan.yaml").code == 2


def test_classify_warns_about_unreadable_files(write, cli):
    write("plan.yaml", "trackinglint: 1\nevents: {a: [\n")
    run = cli("classify", "plan.yaml")
    assert run.code == 0
    assert run.err.startswith("trackinglint: warning: plan.yaml:")
    assert (
        run.out == "0 events: 0 job completions, 0 feature interactions (0 friction signals); "
        "progress share 0%\n"
    )


def test_a_word_said_twice_is_read_twice():
    """A word's unit is made once per word and reused, yet a word said twice stays two
    units: the readings tell the action from the rest of the name by identity."""
    lexicon = load_lexicon()
    first, second = read_name("Done Done", lexicon).units
    assert first is not second
    assert [(e.detail, e.weight) for e in name_evidence("Done Done", lexicon)] == [
        ("reaches state 'done'", 3.0),
        ("mentions state 'done'", 1.0),
    ]
    assert [(e.detail, e.weight) for e in name_evidence("error_error", lexicon)] == [
        ("'error' signals friction", -3.0),
        ("'error' is what the event is about, a friction signal", -3.0),
    ]


def test_evidence_does_not_depend_on_the_names_read_before():
    """Word forms, units and phrase starts are cached per word as a plan is read: the
    real names read forwards and backwards, each by a lexicon of its own, give the
    same evidence."""
    path = Path(__file__).parent / "data" / "classification" / "real-names.yaml"
    data, _, problems = load_yaml(path.read_text(encoding="utf-8"))
    assert not problems
    names = [str(item["name"]) for item in data["events"]]
    forwards, backwards = Lexicon(builtin_words(), grammar()), Lexicon(builtin_words(), grammar())
    read_forwards = {name: name_evidence(name, forwards) for name in names}
    read_backwards = {name: name_evidence(name, backwards) for name in reversed(names)}
    assert len(read_forwards) > 1000
    assert read_forwards == read_backwards


def test_each_skipped_reading_could_not_have_fired():
    """names.py runs a case only when the name says one of its trigger words (a speed
    gate). Run ungated on every real and dev-set name, a case must never apply where
    its gate would have skipped it: a case taught a new trigger needs its gate told too."""
    from trackinglint.classification import troubles as t
    from trackinglint.classification.lexicon import load_lexicon
    from trackinglint.classification.names import CASES, OTHER_GATES, Scene, _thanked
    from trackinglint.classification.reading import read_name

    lexicon = load_lexicon()
    g = lexicon.grammar
    gated = {case.name: (case.read, case.gate) for case in CASES if case.gate}
    gated["check_demanded"] = (
        lambda s, x: t.check_demanded(s.action, s.objects, x),
        OTHER_GATES["check_demanded"],
    )
    # readings that need no action run on every name, "NoCoins" too
    actionless = {
        "lost_credential": lambda r, x: t.lost_credential(r.units, x),
        "thanked": lambda r, x: _thanked(r, x),
        "nothing_offered": lambda r, x: t.nothing_offered(r.units, r.action, x),
    }
    assert set(OTHER_GATES) == {"check_demanded", *actionless}  # a new gate is tested here
    data_folder = Path(__file__).parent / "data" / "classification"
    data, _, _ = load_yaml((data_folder / "real-names.yaml").read_text(encoding="utf-8"))
    names = [item["name"] for item in data["events"]]
    dev, _, _ = load_yaml((data_folder / "dev-set.yaml").read_text(encoding="utf-8"))
    names += [item["name"] for item in dev["events"]]
    fired = dict.fromkeys([*gated, *actionless], 0)
    wrong = []
    for name in names:
        reading = read_name(name, lexicon)
        said = {form for unit in reading.units for form in lexicon.forms(unit.text)}
        for label, read in actionless.items():
            if read(reading, lexicon) is not None:
                fired[label] += 1
                if not any(said & getattr(g, words) for words in OTHER_GATES[label]):
                    wrong.append((label, name))
        if reading.action is None:
            continue
        scene = Scene(reading, reading.action, reading.objects, reading.head)
        for label, (run, gate) in gated.items():
            if run(scene, lexicon) is None:
                continue
            fired[label] += 1
            if not any(said & getattr(g, words) for words in gate):
                wrong.append((label, name))
    assert wrong == []
    assert len(gated) + len(actionless) == 29
    assert sum(1 for count in fired.values() if count) >= 14  # the check is not vacuous
