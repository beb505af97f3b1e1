"""An edit spliced into an earlier parse (the language server's re-read of a
large plan) gives exactly what a full parse of the new text gives, or nothing."""

from __future__ import annotations

import random

import pytest

from trackinglint.sources.errors import SourceError
from trackinglint.sources.yaml_loader import load_yaml
from trackinglint.sources.yaml_splice import changed_region, splice_yaml

from conftest import REPO
from source_helpers import walk

EXAMPLES = sorted((REPO / "examples").glob("**/*.yaml"))
DEALS = REPO / "examples" / "crm-after" / "events" / "deals.yaml"
NEW_EVENT = (
    "  Quote Sent:\n"
    "    description: A rep sent the customer a priced quote.\n"
    "    kind: job_completion\n"
    "    properties:\n"
    "      quote_id: {type: string, required: true}\n"
)


def assert_same_as_full_parse(text: str, spliced) -> None:
    data, locator = spliced
    full_data, full_locator, problems = load_yaml(text)  # raises if the splice was wrong
    assert problems == []
    assert data == full_data
    assert locator.root_span == full_locator.root_span
    for pointer, _ in walk(full_data):
        for focus in ("key", "value"):
            assert locator.offsets(pointer, focus) == full_locator.offsets(pointer, focus), (
                pointer,
                focus,
            )


def at_first_event(text: str, inserted: str) -> str:
    start = text.index("events:") + len("events:")
    start = text.index("\n", start) + 1
    return text[:start] + inserted + text[start:]


def test_the_changed_region_is_what_differs():
    assert changed_region("abcdef", "abXYef") == (2, 4, 4)
    assert changed_region("abc", "abXc") == (2, 2, 3)  # an insertion
    assert changed_region("aaa", "aaaa") == (3, 3, 4)  # prefix and suffix never overlap
    assert changed_region("same", "same") == (4, 4, 4)


def test_typing_a_new_event_key_by_key_splices_the_states_that_parse():
    text = DEALS.read_text(encoding="utf-8")
    clean = text
    data, locator, _ = load_yaml(text)
    parsed = declined = 0
    for typed in range(1, len(NEW_EVENT) + 1):
        state = at_first_event(text, NEW_EVENT[:typed])
        spliced = splice_yaml(clean, data, locator, state)
        try:
            full = load_yaml(state)
        except SourceError:
            assert spliced is None
            continue
        if full[2]:  # a duplicate key: reported by the full parse
            assert spliced is None
            continue
        parsed += 1
        if spliced is None:
            declined += 1
            clean, data, locator = state, full[0], full[1]
            continue
        assert_same_as_full_parse(state, spliced)
        clean, (data, locator) = state, spliced
    assert spliced is not None  # the finished event is spliced, not parsed whole
    assert parsed > 20
    assert declined / parsed <= 0.15  # 3 of 28 here: a key whose value is not typed yet


def test_only_the_edited_event_is_parsed_again():
    text = DEALS.read_text(encoding="utf-8")
    data, locator, _ = load_yaml(text)
    edited = text.replace("Expected deal value in USD.", "Expected value of the deal, in USD.")
    spliced = splice_yaml(text, data, locator, edited)
    assert spliced is not None
    assert_same_as_full_parse(edited, spliced)
    new_events, old_events = spliced[0]["events"], data["events"]
    assert new_events["Deal Qualified"] is not old_events["Deal Qualified"]
    others = [name for name in old_events if name != "Deal Qualified"]
    assert others and all(new_events[name] is old_events[name] for name in others)


def test_an_edit_after_an_edit_builds_on_the_spliced_parse():
    text = DEALS.read_text(encoding="utf-8")
    data, locator, _ = load_yaml(text)
    first = at_first_event(text, NEW_EVENT)
    data, locator = splice_yaml(text, data, locator, first)
    second = first.replace("Contract value in USD.", "Contract value, USD.")
    spliced = splice_yaml(first, data, locator, second)
    assert spliced is not None
    assert_same_as_full_parse(second, spliced)
    third = second.replace("  Quote Sent:\n", "")
    third = third.replace("    description: A rep sent the customer a priced quote.\n", "", 1)
    spliced = splice_yaml(second, *spliced, third)
    assert spliced is None or load_yaml(third)  # whatever it says, never a wrong parse


def test_crlf_line_breaks_are_spliced():
    text = DEALS.read_text(encoding="utf-8").replace("\n", "\r\n")
    data, locator, _ = load_yaml(text)
    edited = at_first_event(text, NEW_EVENT.replace("\n", "\r\n"))
    spliced = splice_yaml(text, data, locator, edited)
    assert spliced is not None
    assert_same_as_full_parse(edited, spliced)


@pytest.mark.parametrize(
    ("before", "after", "why"),
    [
        (
            "events:\n  A:\n    x: &one 1\n  B:\n    x: *one\n",
            "events:\n  A:\n    x: &one 2\n  B:\n    x: *one\n",
            "anchors",
        ),
        ("events:\n  A:\n    x: 1\n", "events:\n  A:\n    x: 1\nmore: 2\n", "a root entry"),
        (
            "events:\n  A:\n    x: 1\n  B:\n    y: 2\n",
            "events:\n  A:\n    x: 1\nB:\n    y: 2\n",
            "a dedent",
        ),
        ("events:\r  A:\r    x: 1\r", "events:\r  A:\r    x: 2\r", "lone carriage returns"),
        (
            "events:\n  A:\n    x: 1\n  B:\n    y: 2\n",
            "events:\n  A:\n    x: 1\n  A:\n    y: 2\n",
            "a duplicate",
        ),
        ("events:\n  A:\n    x: 1\n", "events:\n  A:\n\tx: 1\n", "a tab"),
    ],
)
def test_what_cannot_be_spliced_is_left_to_a_full_parse(before, after, why):
    data, locator, _ = load_yaml(before)
    assert splice_yaml(before, data, locator, after) is None, why


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.relative_to(REPO).as_posix())
def test_random_edits_to_the_shipped_plans_splice_exactly_or_not_at_all(example):
    """Edits of every kind, most of them breaking: a splice is either exactly the
    full parse, or declined. The base is the last text that parsed, as in the
    language server."""
    rng = random.Random(example.name)
    snippets = [
        NEW_EVENT,
        "x",
        "\n",
        "    owner: team\n",
        "# a note\n",
        ": ",
        "  ",
        "- a\n",
        "'",
        "{",
        "\t",
    ]
    text = example.read_text(encoding="utf-8")
    data, locator, _ = load_yaml(text)
    spliced_count = 0
    for _ in range(150):
        position = rng.randrange(len(text) + 1)
        if rng.random() < 0.6:
            position = text.rfind("\n", 0, position) + 1
        if rng.random() < 0.6:
            new = text[:position] + rng.choice(snippets) + text[position:]
        else:
            new = text[:position] + text[position + rng.randrange(1, 60) :]
        spliced = splice_yaml(text, data, locator, new)
        if spliced is not None:
            assert_same_as_full_parse(new, spliced)
            spliced_count += 1
            text, (data, locator) = new, spliced
            continue
        try:
            full_data, full_locator, problems = load_yaml(new)
        except SourceError:
            continue
        if not problems:
            text, data, locator = new, full_data, full_locator
    assert spliced_count > 0
