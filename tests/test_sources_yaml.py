"""The YAML side of `trackinglint.sources.read_source`: data, positions, errors."""

from __future__ import annotations

import math
import subprocess
import sys
import time
from pathlib import Path

import pytest

from trackinglint.sources import LoadedSource, Span, read_source

import source_helpers
from source_helpers import GEN_PLAN, only_error, start


def load(source: str | bytes, name: str = "plan.yaml") -> LoadedSource:
    return source_helpers.load(source, name)


def clean(source: str | bytes, name: str = "plan.yaml") -> LoadedSource:
    return source_helpers.clean(source, name)


# --- 1. YAML 1.2 core schema -------------------------------------------------------------


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("n", "n"),
        ("No", "No"),
        ("OFF", "OFF"),
        ("2027-03-31", "2027-03-31"),
        ("2027-03-31T10:00:00Z", "2027-03-31T10:00:00Z"),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("+5", 5),
        ("0", 0),
        ("0o17", 15),
        ("0x1F", 31),
        ("0xff", 255),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("1E3", 1000.0),
        ("-2.5e-1", -0.25),
        (".5", 0.5),
        ("1.", 1.0),
        (".inf", math.inf),
        (".Inf", math.inf),
        ("+.inf", math.inf),
        ("-.inf", -math.inf),
        ("1.2.3", "1.2.3"),
        ("1_000", "1_000"),
        ("0b11", "0b11"),
        ("0o19", "0o19"),
        ("0xZZ", "0xZZ"),
        ("12:30", "12:30"),
        ("a-b", "a-b"),
        ("hello world", "hello world"),
    ],
)
def test_plain_scalar_resolves_with_core_schema(scalar: str, expected: object) -> None:
    data = clean(f"value: {scalar}\n").document.data
    value = data["value"]
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize("scalar", [".nan", ".NaN", ".NAN"])
def test_nan_is_a_float(scalar: str) -> None:
    value = clean(f"value: {scalar}\n").document.data["value"]
    assert isinstance(value, float)
    assert math.isnan(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a: "42"\n', "42"),
        ("a: '42'\n", "42"),
        ('a: "true"\n', "true"),
        ("a: 'null'\n", "null"),
        ('a: ""\n', ""),
        ("a: '~'\n", "~"),
        ('a: "0x1F"\n', "0x1F"),
        ("a: |\n  42\n", "42\n"),
        ("a: >-\n  no\n", "no"),
    ],
)
def test_quoted_and_block_scalars_stay_strings(text: str, expected: str) -> None:
    assert clean(text).document.data == {"a": expected}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("200: x\n", "200"),
        ("-7: x\n", "-7"),
        ("1.5: x\n", "1.5"),
        ("0x1F: x\n", "0x1F"),
        ("true: x\n", "true"),
        ("no: x\n", "no"),
        ("null: x\n", "null"),
        ("~: x\n", "~"),
        ("2027-03-31: x\n", "2027-03-31"),
        ('"quoted key": x\n', "quoted key"),
        ("'200': x\n", "200"),
        ("{404: x}\n", "404"),
    ],
)
def test_mapping_keys_always_stay_strings(text: str, key: str) -> None:
    data = clean(text).document.data
    assert data == {key: "x"}
    assert type(next(iter(data))) is str


def test_scalars_inside_flow_collections_use_core_schema() -> None:
    data = clean("a: [no, 1, ~, 0x1F, '1', 2027-03-31, {on: off}]\n").document.data
    assert data == {"a": ["no", 1, None, 31, "1", "2027-03-31", {"on": "off"}]}


def test_root_scalar_document() -> None:
    assert clean("42\n").document.data == 42
    assert clean("hello\n").document.data == "hello"


# --- 2. Tags ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown", "line", "column"),
    [
        ("a: !!python/object:os.system x\n", "!!python/object:os.system", 1, 4),
        ("a: !!python/name:os.system ''\n", "!!python/name:os.system", 1, 4),
        ("- !!python/object/apply:os.system [ls]\n", "!!python/object/apply:os.system", 1, 3),
        ("a: !custom x\n", "!custom", 1, 4),
        ("a: !!binary aGVsbG8=\n", "!!binary", 1, 4),
        ("a: !!timestamp 2020-01-01\n", "!!timestamp", 1, 4),
        ("a: !!set {x, y}\n", "!!set", 1, 4),
        ("a: !!omap [b: 1]\n", "!!omap", 1, 4),
        ("a:\n  b: !custom\n    c: 1\n", "!custom", 2, 6),
        ("a:\n  - ok\n  - !!python/object:x {}\n", "!!python/object:x", 3, 5),
        ("!!python/object:x\nk: v\n", "!!python/object:x", 1, 1),
    ],
)
def test_object_constructing_tags_are_errors_at_the_tag(
    text: str, shown: str, line: int, column: int
) -> None:
    loaded = load(text)
    assert loaded.document.data is None
    message, span = only_error(loaded)
    assert f"tag '{shown}' is not allowed" in message
    assert span == Span(line, column, line, column + len(shown))


TAG_DIRECTIVE = "%TAG !e! tag:example.com,2000:\n---\na: !e!foo 1\n"


@pytest.mark.parametrize(
    ("text", "shown", "line", "column"),
    [
        ("a: !<!bar> 5\n", "!bar", 1, 4),
        (TAG_DIRECTIVE, "tag:example.com,2000:foo", 3, 4),
    ],
)
def test_verbatim_and_directive_tags_are_errors_at_the_tag(
    text: str, shown: str, line: int, column: int
) -> None:
    loaded = load(text)
    assert loaded.document.data is None
    message, span = only_error(loaded)
    assert f"tag '{shown}' is not allowed" in message
    assert start(span) == (line, column)


def test_tag_error_span_covers_the_tag_as_written() -> None:
    _, span = only_error(load(TAG_DIRECTIVE))
    assert span == Span(3, 4, 3, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!str 42\n", "42"),
        ("a: !!str true\n", "true"),
        ('a: !!int "7"\n', 7),
        ("a: !!int 0x1F\n", 31),
        ("a: !!float 1.5\n", 1.5),
        ("a: !!bool false\n", False),
        ("a: !!null ''\n", None),
        ("a: ! 42\n", "42"),
        ("a: ! true\n", "true"),
        ("a: !<tag:yaml.org,2002:str> 5\n", "5"),
        ("a: !!map {b: 1}\n", {"b": 1}),
        ("a: !!seq [1]\n", [1]),
        ("a: ! {b: 1}\n", {"b": 1}),
    ],
)
def test_core_and_non_specific_tags_are_allowed(text: str, expected: object) -> None:
    value = clean(text).document.data["a"]
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!int abc\n", "'abc' is not a valid !!int"),
        ("a: !!int 1.5\n", "'1.5' is not a valid !!int"),
        ("a: !!bool yes\n", "'yes' is not a valid !!bool"),
        ("a: !!null x\n", "'x' is not a valid !!null"),
        ("a: !!float abc\n", "'abc' is not a valid !!float"),
    ],
)
def test_core_tag_with_content_of_another_type_is_an_error(text: str, message: str) -> None:
    loaded = load(text)
    assert loaded.document.data is None
    got, span = only_error(loaded)
    assert got == message
    assert start(span) == (1, 4)


def test_float_tag_accepts_integer_looking_content() -> None:
    loaded = load("a: !!float 1\n")
    assert loaded.parse_errors == []
    value = loaded.document.data["a"]
    assert value == 1.0
    assert type(value) is float


@pytest.mark.parametrize(
    ("text", "shown", "column"),
    [
        ("!!python/name:os.system k: v\n", "!!python/name:os.system", 1),
        ("x: 1\n!custom k: v\n", "!custom", 1),
        ("? !!python/object:x k\n: v\n", "!!python/object:x", 3),
    ],
)
def test_forbidden_tag_on_a_mapping_key_is_an_error(text: str, shown: str, column: int) -> None:
    loaded = load(text)
    assert loaded.document.data is None
    message, span = only_error(loaded)
    assert f"tag '{shown}' is not allowed" in message
    assert span.column == column


def test_tag_error_points_at_tag_even_after_an_anchor() -> None:
    message, span = only_error(load("a: &x !custom 1\n"))
    assert "tag '!custom' is not allowed" in message
    assert span == Span(1, 7, 1, 14)


# --- 3. Duplicate keys --------------------------------------------------------------------


def test_duplicate_key_keeps_first_value_and_points_at_second() -> None:
    loaded = load("a: 1\nb: 2\na: 3\n")
    assert loaded.document.data == {"a": 1, "b": 2}
    message, span = only_error(loaded)
    assert "duplicate key 'a'" in message
    assert "first defined on line 1" in message
    assert span == Span(3, 1, 3, 2)
    # The kept entry still points at the first occurrence.
    assert loaded.document.span(("a",)) == Span(1, 1, 1, 2)
    assert loaded.document.span(("a",), "value") == Span(1, 4, 1, 5)


def test_nested_duplicate_key() -> None:
    text = "events:\n  X:\n    owner: a\n    description: d\n    owner: b\n"
    loaded = load(text)
    assert loaded.document.data == {"events": {"X": {"owner": "a", "description": "d"}}}
    message, span = only_error(loaded)
    assert "duplicate key 'owner'" in message
    assert "first defined on line 3" in message
    assert span == Span(5, 5, 5, 10)


def test_duplicate_key_keeps_first_mapping_value() -> None:
    loaded = load("a:\n  x: 1\na:\n  y: 2\n")
    assert loaded.document.data == {"a": {"x": 1}}
    message, span = only_error(loaded)
    assert "first defined on line 1" in message
    assert span == Span(3, 1, 3, 2)


def test_duplicate_key_in_flow_mapping() -> None:
    loaded = load("{a: 1, a: 2}\n")
    assert loaded.document.data == {"a": 1}
    message, span = only_error(loaded)
    assert "duplicate key 'a'" in message
    assert span == Span(1, 8, 1, 9)


def test_quoted_and_plain_spellings_of_a_key_are_duplicates() -> None:
    loaded = load("a: 1\n'a': 2\n")
    assert loaded.document.data == {"a": 1}
    message, span = only_error(loaded)
    assert "duplicate key 'a'" in message
    assert span == Span(2, 1, 2, 4)


def test_key_repeated_three_times_reports_each_repeat() -> None:
    loaded = load("x:\n  a: 1\n  a: 2\n  a: 3\n")
    assert loaded.document.data == {"x": {"a": 1}}
    assert [span for _, span in loaded.parse_errors] == [Span(3, 3, 3, 4), Span(4, 3, 4, 4)]
    assert all("first defined on line 2" in message for message, _ in loaded.parse_errors)


def test_duplicates_inside_a_discarded_value_are_still_reported() -> None:
    loaded = load("a: 1\na: {k: 1, k: 2}\n")
    assert loaded.document.data == {"a": 1}
    found = sorted((start(span), message) for message, span in loaded.parse_errors)
    assert [position for position, _ in found] == [(2, 1), (2, 11)]
    assert "duplicate key 'a'" in found[0][1]
    assert "duplicate key 'k'" in found[1][1]


def test_duplicate_key_with_crlf_line_endings() -> None:
    loaded = load("x: 0\r\na: 1\r\na: 2\r\n")
    assert loaded.document.data == {"x": 0, "a": 1}
    message, span = only_error(loaded)
    assert "first defined on line 2" in message
    assert span == Span(3, 1, 3, 2)


def test_duplicate_key_position_with_lone_cr_line_endings() -> None:
    loaded = load("x: 0\ra: 1\ra: 2\r")
    assert loaded.document.data == {"x": 0, "a": 1}
    message, span = only_error(loaded)
    assert "duplicate key 'a'" in message
    assert span == Span(3, 1, 3, 2)


def test_duplicate_key_message_line_with_lone_cr_line_endings() -> None:
    message, _ = only_error(load("x: 0\ra: 1\ra: 2\r"))
    assert "first defined on line 2" in message


# --- 4. Encodings, line endings, tabs -----------------------------------------------------


def test_utf8_bom_is_skipped_and_positions_ignore_it() -> None:
    loaded = clean(b"\xef\xbb\xbfa: 1\nb: [x, y]\n")
    assert loaded.document.data == {"a": 1, "b": ["x", "y"]}
    assert not loaded.document.text.startswith("\ufeff")
    assert loaded.document.span(("a",)) == Span(1, 1, 1, 2)
    assert loaded.document.span(("b", 1)) == Span(2, 8, 2, 9)


def test_bom_in_a_text_buffer_is_skipped() -> None:
    loaded = clean("\ufeffa: 1\n")
    assert loaded.document.data == {"a": 1}
    assert loaded.document.span(("a",), "value") == Span(1, 4, 1, 5)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_count_as_one_break(newline: str) -> None:
    text = newline.join(
        ["trackinglint: 1", "events:", "  X:", "    owner: growth", "    tags: [p, q]", ""]
    )
    loaded = clean(text)
    document = loaded.document
    assert document.data == {
        "trackinglint": 1,
        "events": {"X": {"owner": "growth", "tags": ["p", "q"]}},
    }
    assert document.span(("events", "X", "owner")) == Span(4, 5, 4, 10)
    assert document.span(("events", "X", "owner"), "value") == Span(4, 12, 4, 18)
    assert document.span(("events", "X", "tags", 1)) == Span(5, 15, 5, 16)
    assert document.lines.line_text(4) == "    owner: growth"
    assert document.lines.line_text(5) == "    tags: [p, q]"


def test_mixed_line_endings() -> None:
    document = clean("a: 1\r\nb: 2\rc: 3\nd: 4").document
    assert [document.span((key,)).line for key in "abcd"] == [1, 2, 3, 4]
    assert document.lines.line_text(2) == "b: 2"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a:\n\tb: 1\n", 2, 1),
        ("a:\n\t\tb: 1\n", 2, 1),
        ("a:\n  b:\n  \tc: 2\n", 3, 3),
        ("a:\n  b: 1\n  \tc: 2\n", 3, 3),
        ("events:\n  X:\n\tdescription: y\n", 3, 1),
        ("a:\n\t- x\n", 2, 1),
        ("a:\n  - x\n\t- y\n", 3, 1),
        ("a: 1\n\tb: 2\n", 2, 1),
        ("a:\r\n\tb: 1\r\n", 2, 1),
    ],
)
def test_tab_indentation_is_an_error_at_the_tab(text: str, line: int, column: int) -> None:
    loaded = load(text)
    assert loaded.document.data is None
    message, span = only_error(loaded)
    assert "tab character" in message
    assert "spaces" in message
    assert span == Span(line, column, line, column + 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb:\t2\n", {"a": 1, "b": 2}),
        ("a: [x,\n\ty]\n", {"a": ["x", "y"]}),
        ('a: "x\ty"\n', {"a": "x\ty"}),
        ("a: x\t# comment\n", {"a": "x"}),
    ],
)
def test_tabs_that_are_not_indentation_are_fine(text: str, expected: object) -> None:
    assert clean(text).document.data == expected


@pytest.mark.parametrize(
    ("raw", "line", "column", "byte"),
    [
        (b"a: 1\nb: 2\nc: xx \xff yy\n", 3, 7, "0xff"),
        (b"a: 1\r\nb: 2\r\nc: \xc3\xa9\xc3\xa9 \xff yy\n", 3, 7, "0xff"),
        (b"a: 1\rb: 2\rc: xx \xfe\r", 3, 7, "0xfe"),
        (b"\xef\xbb\xbfa: 1\nbc: \xfe\n", 2, 5, "0xfe"),
        (b"a: \xc3(\n", 1, 4, "0xc3"),
        (b"\xff", 1, 1, "0xff"),
    ],
)
def test_non_utf8_byte_is_an_error_at_its_character(
    raw: bytes, line: int, column: int, byte: str
) -> None:
    loaded = load(raw)
    assert loaded.document.data is None
    message, span = only_error(loaded)
    assert "UTF-8" in message
    assert byte in message
    assert span == Span(line, column, line, column + 1)


def test_non_utf8_file_still_shows_its_text() -> None:
    loaded = load(b"a: 1\nb: 2\nc: xx \xff yy\n")
    assert loaded.document.lines.line_text(3) == "c: xx \ufffd yy"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_bom_decode(encoding: str) -> None:
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}
    raw = bom.get(encoding, b"") + "a: 1\nb: [é, ü]\n".encode(encoding)
    loaded = clean(raw)
    assert loaded.document.data == {"a": 1, "b": ["é", "ü"]}
    assert loaded.document.text == "a: 1\nb: [é, ü]\n"
    assert loaded.document.span(("b", 1)) == Span(2, 8, 2, 9)


def test_invalid_utf16_is_an_error_at_its_character() -> None:
    raw = (
        b"\xff\xfe"
        + "a: 1\nb: 2\nc: x".encode("utf-16-le")
        + b"\x00\xd8"
        + "y\n".encode("utf-16-le")
    )
    loaded = load(raw)
    assert loaded.document.data is None
    message, span = only_error(loaded)
    assert "UTF-16" in message
    assert start(span) == (3, 5)


def test_control_character_is_an_error_at_its_position() -> None:
    loaded = load("a: x\nb: \x07\n")
    assert loaded.document.data is None
    message, span = only_error(loaded)
    assert "control characters are not allowed" in message
    assert span == Span(2, 4, 2, 5)


def test_control_character_position_after_non_ascii_text() -> None:
    message, span = only_error(load("éééé: x\nb: \x07\n"))
    assert "control characters are not allowed" in message
    assert span == Span(2, 4, 2, 5)


def test_lone_surrogate_in_a_text_buffer_is_an_error_not_a_crash() -> None:
    loaded = load("a: 1\nb: \ud800\n")
    assert loaded.document.data is None
    _, span = only_error(loaded)
    assert start(span) == (2, 4)


# --- 5. Syntax errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "line", "column"),
    [
        # unclosed flow collections: reported where the closing bracket was expected
        ("a: [x, y\n", "did not find expected ',' or ']'", 2, 1),
        ("a: [x, y\nb: 2\n", "did not find expected ',' or ']'", 2, 2),
        ("a: {x: 1\n", "did not find expected ',' or '}'", 2, 1),
        # bad indentation: at the first badly indented key
        ("a:\n  b: 1\n c: 2\n", "did not find expected key", 3, 2),
        ("a:\n    b: 1\n  c: 2\n", "did not find expected key", 3, 3),
        ("a: 1\n  b: 2\n", "mapping values are not allowed", 2, 4),
        ("a: b: c\n", "mapping values are not allowed", 1, 5),
        ("- a\nb: 1\n", "did not find expected '-' indicator", 2, 1),
        # unclosed quotes: at the end of the stream, naming the line the quote opened on
        ('a: "abc\nb: 2\n', "quoted scalar on line 1", 3, 1),
        ("a: 'abc\n", "quoted scalar on line 1", 2, 1),
        # keys that are not names
        ("[a, b]: 1\n", "a mapping key must be a plain name", 1, 1),
        ("x: 1\n? {a: 1}\n: 2\n", "a mapping key must be a plain name", 2, 3),
        ("a: 1\n...\nb: 2\n", "did not find expected <document start>", 3, 1),
    ],
)
def test_yaml_syntax_error_position(text: str, phrase: str, line: int, column: int) -> None:
    loaded = load(text)
    assert loaded.document.data is None
    assert not loaded.ok
    message, span = only_error(loaded)
    assert phrase in message
    assert start(span) == (line, column)


# --- 6. Positions ---------------------------------------------------------------------------

PLAN = """\
trackinglint: 1
events:
  Deal Qualified:
    description: A rep marked a deal qualified.
    properties:
      deal_id: {type: string, required: true}
      amount: {type: number, required: true, minimum: 0}
      "stage name": {type: string, enum: [qualified, disqualified]}
  'Dashboard Viewed':
    properties:
      dashboard_id:
        type: string
dashboards:
  D:
    metrics:
      - Deals per rep
      - Daily logins
      - {name: x}
"""
DEAL = ("events", "Deal Qualified")
PROPS = (*DEAL, "properties")


@pytest.fixture(scope="module")
def plan() -> LoadedSource:
    return clean(PLAN)


def test_plan_data(plan: LoadedSource) -> None:
    data = plan.document.data
    assert data["events"]["Deal Qualified"]["properties"]["amount"] == {
        "type": "number",
        "required": True,
        "minimum": 0,
    }
    assert data["dashboards"]["D"]["metrics"] == ["Deals per rep", "Daily logins", {"name": "x"}]


@pytest.mark.parametrize(
    ("pointer", "focus", "expected", "token"),
    [
        ((*PROPS, "amount"), "key", Span(7, 7, 7, 13), "amount"),
        (
            (*PROPS, "amount"),
            "value",
            Span(7, 15, 7, 57),
            "{type: number, required: true, minimum: 0}",
        ),
        ((*PROPS, "amount", "type"), "key", Span(7, 16, 7, 20), "type"),
        ((*PROPS, "amount", "type"), "value", Span(7, 22, 7, 28), "number"),
        ((*PROPS, "amount", "minimum"), "value", Span(7, 55, 7, 56), "0"),
        ((*PROPS, "deal_id", "required"), "value", Span(6, 41, 6, 45), "true"),
        ((*PROPS, "stage name"), "key", Span(8, 7, 8, 19), '"stage name"'),
        ((*PROPS, "stage name", "enum", 1), "key", Span(8, 54, 8, 66), "disqualified"),
        ((*PROPS, "stage name", "enum", 1), "value", Span(8, 54, 8, 66), "disqualified"),
        ((*DEAL, "description"), "key", Span(4, 5, 4, 16), "description"),
        ((*DEAL, "description"), "value", Span(4, 18, 4, 48), "A rep marked a deal qualified."),
        (("events", "Dashboard Viewed"), "key", Span(9, 3, 9, 21), "'Dashboard Viewed'"),
        (("dashboards", "D", "metrics", 0), "key", Span(16, 9, 16, 22), "Deals per rep"),
        (("dashboards", "D", "metrics", 1), "key", Span(17, 9, 17, 21), "Daily logins"),
        (("dashboards", "D", "metrics", 1), "value", Span(17, 9, 17, 21), "Daily logins"),
        (("dashboards", "D", "metrics", 2), "value", Span(18, 9, 18, 18), "{name: x}"),
        (("dashboards", "D", "metrics", 2, "name"), "key", Span(18, 10, 18, 14), "name"),
        (("dashboards", "D", "metrics", 2, "name"), "value", Span(18, 16, 18, 17), "x"),
        (("trackinglint",), "value", Span(1, 15, 1, 16), "1"),
    ],
)
def test_span_of_node(
    plan: LoadedSource, pointer: tuple, focus: str, expected: Span, token: str
) -> None:
    span = plan.document.span(pointer, focus)
    assert span == expected
    assert plan.document.lines.line_text(span.line)[span.column - 1 : span.end_column - 1] == token


@pytest.mark.parametrize(
    ("pointer", "expected_start"),
    [
        (("events", "Dashboard Viewed"), (10, 5)),
        (("events", "Dashboard Viewed", "properties", "dashboard_id"), (12, 9)),
        (("dashboards", "D", "metrics"), (16, 7)),
        (PROPS, (6, 7)),
    ],
)
def test_value_span_of_block_collection_starts_at_its_first_entry(
    plan: LoadedSource, pointer: tuple, expected_start: tuple[int, int]
) -> None:
    assert start(plan.document.span(pointer, "value")) == expected_start


def test_value_span_of_block_mapping_ends_before_next_sibling(plan: LoadedSource) -> None:
    assert plan.document.span(("events", "Dashboard Viewed"), "value") == Span(10, 5, 13, 1)


def test_root_span_covers_the_document(plan: LoadedSource) -> None:
    assert plan.document.span(()) == Span(1, 1, 19, 1)


@pytest.mark.parametrize(
    ("pointer", "fallback"),
    [
        ((*PROPS, "nope"), PROPS),
        ((*PROPS, "nope", "deeper"), PROPS),
        (("dashboards", "D", "metrics", 9), ("dashboards", "D", "metrics")),
        (("dashboards", "D", "metrics", "x"), ("dashboards", "D", "metrics")),
        (("events", 0), ("events",)),
        ((*PROPS, "amount", "type", "x"), (*PROPS, "amount", "type")),
        ((*PROPS, "amount", "type", 0), (*PROPS, "amount", "type")),
        (("missing",), ()),
    ],
)
@pytest.mark.parametrize("focus", ["key", "value"])
def test_missing_pointer_falls_back_to_deepest_existing_node(
    plan: LoadedSource, pointer: tuple, fallback: tuple, focus: str
) -> None:
    assert plan.document.span(pointer, focus) == plan.document.span(fallback, focus)


@pytest.mark.parametrize(
    ("text", "pointer", "focus", "expected"),
    [
        ("ééé: {b: 1}\n", ("ééé", "b"), "key", Span(1, 7, 1, 8)),
        ("ééé: {b: 1}\n", ("ééé", "b"), "value", Span(1, 10, 1, 11)),
        ("x: 1\n😀: [x, 'ü', z]\n", ("😀", 1), "key", Span(2, 8, 2, 11)),
        ("x: 1\n😀: [x, 'ü', z]\n", ("😀", 2), "key", Span(2, 13, 2, 14)),
        ('x: "Ünï"\ny: ["é", b]\n', ("y", 1), "key", Span(2, 10, 2, 11)),
        ('name: "Ünïcödé ✓"  # c\nx: {k: v}\n', ("x", "k"), "value", Span(2, 8, 2, 9)),
        ('a: {t: "日本語", b: 1}\n', ("a", "b"), "key", Span(1, 15, 1, 16)),
    ],
)
def test_columns_count_characters_not_bytes(
    text: str, pointer: tuple, focus: str, expected: Span
) -> None:
    assert clean(text).document.span(pointer, focus) == expected


def test_positions_with_yml_suffix_and_uppercase() -> None:
    for name in ("plan.yml", "PLAN.YAML"):
        loaded = clean("a:\n  b: [1, 2]\n", name)
        assert loaded.document.span(("a", "b", 1)) == Span(2, 10, 2, 11)
        assert loaded.document.display_path == name


# --- 7. Anchors, aliases, merge keys --------------------------------------------------------


def test_alias_repeats_the_anchored_value() -> None:
    loaded = clean("a: &x [1, 2]\nb: *x\nc: &s hello\nd: *s\n")
    assert loaded.document.data == {"a": [1, 2], "b": [1, 2], "c": "hello", "d": "hello"}
    # A node reached through an alias points at its definition.
    assert loaded.document.span(("b", 1)) == Span(1, 11, 1, 12)
    assert loaded.document.span(("b",), "value") == Span(2, 4, 2, 6)


def test_merge_key_does_not_override_explicit_keys() -> None:
    loaded = clean("base: &b {k: 1, m: 2}\nuse:\n  <<: *b\n  k: 9\n")
    assert loaded.document.data["use"] == {"k": 9, "m": 2}
    assert loaded.document.span(("use", "k")) == Span(4, 3, 4, 4)
    assert loaded.document.span(("use", "m")) == Span(1, 17, 1, 18)
    assert loaded.document.span(("use", "m"), "value") == Span(1, 20, 1, 21)


def test_merge_key_after_explicit_keys_does_not_override_them() -> None:
    loaded = clean("use:\n  k: 9\n  <<: {k: 1, m: 2}\n")
    assert loaded.document.data == {"use": {"k": 9, "m": 2}}
    assert loaded.parse_errors == []


def test_merge_list_earlier_mapping_wins() -> None:
    text = "a: &x {k: 1}\nc: &y {k: 2, n: 3}\nb:\n  <<: [*x, *y]\n"
    loaded = clean(text)
    assert loaded.document.data["b"] == {"k": 1, "n": 3}
    assert loaded.document.span(("b", "n")) == Span(2, 14, 2, 15)


def test_quoted_merge_key_is_an_ordinary_key() -> None:
    assert clean("b:\n  '<<': 1\n").document.data == {"b": {"<<": 1}}


@pytest.mark.parametrize("text", ["b:\n  <<: 1\n", "b:\n  <<: [1, 2]\n"])
def test_merge_of_a_non_mapping_is_an_error(text: str) -> None:
    loaded = load(text)
    assert loaded.document.data is None
    message, span = only_error(loaded)
    assert "'<<' merges mappings only" in message
    assert start(span) == (2, 3)


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * 10) + "]"]
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    began = time.perf_counter()
    loaded = load("\n".join(lines) + "\n")
    elapsed = time.perf_counter() - began
    assert elapsed < 2.0
    assert loaded.document.data is None
    message, span = only_error(loaded)
    assert "billion-laughs" in message
    # The budget (100,000 nodes) runs out at the 8th alias of level 4.
    assert span == Span(5, 45, 5, 48)
    assert message == (
        "aliases expand to more than 100,000 nodes; refusing to load "
        "(billion-laughs guard; see README, Limits)"
    )


def test_many_small_aliases_are_fine() -> None:
    text = "base: &b {type: string}\n" + "".join(f"p{i}: *b\n" for i in range(5000))
    data = clean(text).document.data
    assert len(data) == 5001
    assert data["p4999"] == {"type": "string"}


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("a: *nope\n", "nope", Span(1, 4, 1, 9)),
        ("a: &x 1\nb: *y\n", "y", Span(2, 4, 2, 6)),
        ("a: *x\nb: &x 1\n", "x", Span(1, 4, 1, 6)),
    ],
)
def test_undefined_alias_is_an_error(text: str, name: str, expected: Span) -> None:
    loaded = load(text)
    assert loaded.document.data is None
    message, span = only_error(loaded)
    assert f"alias '*{name}' names no anchor" in message
    assert span == expected


def test_alias_inside_its_own_anchor_is_an_error() -> None:
    loaded = load("a: &x [*x]\n")
    assert loaded.document.data is None
    _, span = only_error(loaded)
    assert start(span) == (1, 8)


def test_second_alias_to_a_self_containing_anchor_does_not_crash() -> None:
    loaded = load("a: &x [*x]\nb: *x\n")
    assert loaded.document.data is None
    assert len(loaded.parse_errors) == 1


def test_alias_to_an_anchored_key() -> None:
    loaded = load("&k a: 1\nb: *k\n")
    assert loaded.parse_errors == []
    assert loaded.document.data == {"a": 1, "b": "a"}


# --- 8. Documents -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\n---\nb: 2\n", 2),
        ("---\na: 1\n---\nb: 2\n", 3),
        ("a: 1\n---\n", 2),
        ("a: 1\n...\n---\nb: 2\n", 3),
        ("a: 1\r\n---\r\nb: 2\r\n", 2),
    ],
)
def test_second_document_is_an_error_at_its_start(text: str, line: int) -> None:
    loaded = load(text)
    assert loaded.document.data is None
    message, span = only_error(loaded)
    assert "one YAML document" in message
    assert span == Span(line, 1, line, 4)


def test_explicit_document_end_alone_is_fine() -> None:
    assert clean("---\na: 1\n...\n").document.data == {"a": 1}


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("", 1),
        ("# just a comment\n# another\n", 1),
        ("\n\n   \n", 1),
        (b"", 1),
        (b"\xef\xbb\xbf", 1),
        # an explicit empty document: its (empty) root node sits after the marker
        ("---\n", 2),
        ("---\n...\n", 2),
    ],
)
def test_empty_document_has_no_data_and_no_errors(source: str | bytes, line: int) -> None:
    loaded = load(source)
    assert loaded.document.data is None
    assert loaded.parse_errors == []
    assert loaded.ok
    assert loaded.document.span(("events", "x")) == Span(line, 1, line, 2)


# --- 9. Nesting ----------------------------------------------------------------------------


def test_moderately_deep_nesting_loads_with_positions() -> None:
    depth = 100
    loaded = clean("[" * depth + "x" + "]" * depth + "\n")
    node = loaded.document.data
    for _ in range(depth - 1):
        node = node[0]
    assert node == ["x"]
    assert loaded.document.span((0,) * depth) == Span(1, depth + 1, 1, depth + 2)


@pytest.mark.parametrize(
    "text", ["[" * 100_000, "[" * 3000 + "]" * 3000, "a:\n" + "- " * 3000 + "x"]
)
def test_absurdly_deep_yaml_is_an_error_not_a_crash(text: str) -> None:
    loaded = load(text)
    assert loaded.document.data is None
    assert len(loaded.parse_errors) == 1


# --- Reading from disk and choosing the loader ---------------------------------------------


def test_reads_from_disk_when_no_buffer_given(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"a:\r\n  b: no\r\n")
    loaded = read_source(path, "plan.yaml")
    assert loaded.parse_errors == []
    assert loaded.document.data == {"a": {"b": "no"}}
    assert loaded.document.span(("a", "b"), "value") == Span(2, 6, 2, 8)


def test_buffer_overrides_disk(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("a: disk\n")
    assert read_source(path, "plan.yaml", "a: buffer\n").document.data == {"a": "buffer"}


def test_missing_file_is_a_parse_error(tmp_path: Path) -> None:
    loaded = read_source(tmp_path / "nope.yaml", "nope.yaml")
    assert loaded.document.data is None
    message, span = only_error(loaded)
    assert message.startswith("cannot read file")
    assert span == Span(1, 1, 1, 2)


@pytest.mark.parametrize("name", ["plan.txt", "plan", "tracking-plan.conf"])
def test_unknown_suffix_with_yaml_content_uses_yaml(name: str) -> None:
    loaded = clean("a: [no]\n", name)
    assert loaded.document.data == {"a": ["no"]}


def test_yaml_suffix_wins_over_json_looking_content() -> None:
    loaded = load("{a: 1, a: 2}\n", "plan.yaml")
    assert loaded.document.data == {"a": 1}
    message, _ = only_error(loaded)
    assert "YAML keys must be unique" in message


# --- 10. Large input ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gen") / "plan-500.yaml"
    result = subprocess.run([sys.executable, str(GEN_PLAN), "500"], check=True, capture_output=True)
    path.write_bytes(result.stdout)
    return path


def test_generated_plan_loads(generated_plan: Path) -> None:
    loaded = read_source(generated_plan, "plan-500.yaml")
    assert loaded.parse_errors == []
    data = loaded.document.data
    assert len(data["events"]) == 500
    assert data["trackinglint"] == 1
    assert data["dashboards"]["Leadership"]["metrics"] == [
        "Daily Active Users",
        "Outcomes per active account per week",
    ]


def test_generated_plan_spans_point_at_their_keys(generated_plan: Path) -> None:
    document = read_source(generated_plan, "plan-500.yaml").document
    lines = document.lines
    names = list(document.data["events"])
    for name in (names[0], names[250], names[-1]):
        event_span = document.span(("events", name))
        assert lines.line_text(event_span.line) == f"  {name}:"
        for prop in document.data["events"][name]["properties"]:
            key_span = document.span(("events", name, "properties", prop))
            assert lines.line_text(key_span.line) == f"      {prop}:"
            assert key_span.column == 7
            type_span = document.span(("events", name, "properties", prop, "type"), "value")
            assert type_span.line == key_span.line + 1
            assert "type:" in lines.line_text(type_span.line)
    metrics = document.span(("dashboards", "Leadership", "metrics", 1))
    assert lines.line_text(metrics.line) == '      - "Outcomes per active account per week"'
    assert metrics.column == 9


def test_generated_plan_every_key_span_covers_its_key(generated_plan: Path) -> None:
    document = read_source(generated_plan, "plan-500.yaml").document
    checked = 0

    def walk(node: object, pointer: tuple) -> None:
        nonlocal checked
        if isinstance(node, dict):
            for key, child in node.items():
                span = document.span((*pointer, key))
                text = document.lines.line_text(span.line)[span.column - 1 : span.end_column - 1]
                assert text.strip('"') == key, (pointer, key)
                checked += 1
                walk(child, (*pointer, key))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, (*pointer, index))

    walk(document.data, ())
    assert checked > 10_000


# --- Limits (README, "Limits") ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("literal", "length"),
    [
        ("9" * 4301, 4301),
        ("-" + "9" * 4301, 4302),
        ("0x" + "f" * 3600, 3602),
        ("0o" + "7" * 4800, 4802),
    ],
)
def test_integer_beyond_the_digit_limit_is_a_located_error(literal: str, length: int) -> None:
    message, span = only_error(load(f"a:\n  maximum: {literal}\n"))
    assert message == (
        f"an integer of {length:,} characters; numbers are limited to 4,300 digits "
        "(see README, Limits)"
    )
    assert span == Span(2, 12, 2, 12 + length)


def test_integers_up_to_the_limit_load() -> None:
    assert clean("a: " + "9" * 4300 + "\n").document.data == {"a": int("9" * 4300)}
    assert clean("a: " + "0" * 5000 + "7\n").document.data == {"a": 7}
    assert clean("a: 0x" + "f" * 3000 + "\n").document.data == {"a": int("f" * 3000, 16)}


def test_float_tag_on_an_integer_beyond_floats_is_infinity() -> None:
    assert clean("a: !!float " + "9" * 400 + "\n").document.data == {"a": math.inf}


def test_many_duplicate_keys_take_linear_time() -> None:
    text = "".join(f"k{i % 2000}: {i}\n" for i in range(40_000))
    began = time.perf_counter()
    loaded = load(text)
    assert time.perf_counter() - began < 3.0
    assert len(loaded.parse_errors) == 38_000
    assert loaded.parse_errors[-1][0].startswith(
        "duplicate key 'k1999' (first defined on line 2000)"
    )
