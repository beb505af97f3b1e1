"""The JSON side of `trackinglint.sources.read_source`: data, lazy positions, errors."""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from trackinglint.sources import Document, LoadedSource, Span, read_source

import source_helpers
from source_helpers import GEN_PLAN, only_error, start, walk

PY313 = sys.version_info >= (3, 13)


def load(source: str | bytes, name: str = "plan.json") -> LoadedSource:
    return source_helpers.load(source, name)


def clean(source: str | bytes, name: str = "plan.json") -> LoadedSource:
    return source_helpers.clean(source, name)


@functools.lru_cache(maxsize=4)
def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


def covered(document: Document, span: Span) -> str:
    """The text a span covers, worked out independently of LineIndex."""
    starts = line_starts(document.text)
    begin = starts[span.line - 1] + span.column - 1
    end = starts[span.end_line - 1] + span.end_column - 1
    return document.text[begin:end]


# --- Values -------------------------------------------------------------------------------


def test_values_are_plain_json() -> None:
    text = '{"i": 42, "f": 1.0, "e": 1e3, "t": true, "n": null, "s": "no", "d": "2027-03-31",\n'
    text += ' "esc": "caf\\u00e9 \\"q\\" \\\\ \\n", "l": [1, "2", false], "o": {}}'
    data = clean(text).document.data
    assert data == {
        "i": 42,
        "f": 1.0,
        "e": 1000.0,
        "t": True,
        "n": None,
        "s": "no",
        "d": "2027-03-31",
        "esc": 'café "q" \\ \n',
        "l": [1, "2", False],
        "o": {},
    }
    assert type(data["i"]) is int
    assert type(data["f"]) is float


@pytest.mark.parametrize(
    ("text", "expected"), [('"x"', "x"), ("42", 42), ("[]", []), ("null", None)]
)
def test_root_scalars_and_empty_containers(text: str, expected: object) -> None:
    assert clean(text).document.data == expected


@pytest.mark.parametrize("text", ["", "   \n", "\r\n\t"])
def test_empty_json_file_has_no_data_and_no_errors(text: str) -> None:
    loaded = load(text)
    assert loaded.document.data is None
    assert loaded.parse_errors == []
    assert loaded.ok
    assert loaded.document.span(("events",)) == Span(1, 1, 1, 2)


# --- Duplicate keys ------------------------------------------------------------------------


def test_duplicate_key_keeps_first_value_and_points_at_second() -> None:
    loaded = load('{"a": 1, "b": 2,\n "a": 3}')
    assert loaded.document.data == {"a": 1, "b": 2}
    message, span = only_error(loaded)
    assert "duplicate key 'a'" in message
    assert "first defined on line 1" in message
    assert span == Span(2, 2, 2, 5)
    assert loaded.document.span(("a",)) == Span(1, 2, 1, 5)
    assert loaded.document.span(("a",), "value") == Span(1, 7, 1, 8)


def test_nested_duplicate_key() -> None:
    text = '{\n  "events": {\n    "X": {\n      "owner": "a",\n      "owner": "b"\n    }\n  }\n}'
    loaded = load(text)
    assert loaded.document.data == {"events": {"X": {"owner": "a"}}}
    message, span = only_error(loaded)
    assert "duplicate key 'owner'" in message
    assert "first defined on line 4" in message
    assert span == Span(5, 7, 5, 14)


def test_duplicate_key_keeps_first_object_value() -> None:
    loaded = load('{"a": {"x": 1},\n "a": {"y": 2}}')
    assert loaded.document.data == {"a": {"x": 1}}
    message, span = only_error(loaded)
    assert "first defined on line 1" in message
    assert span == Span(2, 2, 2, 5)
    assert loaded.document.span(("a", "x")) == Span(1, 8, 1, 11)


def test_duplicate_keys_in_sibling_objects_are_each_reported() -> None:
    loaded = load('[{"a": 1, "a": 2},\n {"a": 1, "a": 2}]')
    assert loaded.document.data == [{"a": 1}, {"a": 1}]
    assert sorted(start(span) for _, span in loaded.parse_errors) == [(1, 11), (2, 11)]


def test_duplicate_key_with_escaped_spelling() -> None:
    loaded = load('{"\\u00e9": 1, "é": 2}')
    assert loaded.document.data == {"é": 1}
    message, span = only_error(loaded)
    assert "duplicate key 'é'" in message
    assert span == Span(1, 15, 1, 18)


def test_duplicate_key_with_crlf_line_endings() -> None:
    loaded = load('{"x": 0,\r\n"a": 1,\r\n"a": 3}')
    assert loaded.document.data == {"x": 0, "a": 1}
    message, span = only_error(loaded)
    assert "first defined on line 2" in message
    assert span == Span(3, 1, 3, 4)


def test_duplicate_key_position_with_lone_cr_line_endings() -> None:
    loaded = load('{"x": 0,\r"a": 1,\r"a": 3}')
    assert loaded.document.data == {"x": 0, "a": 1}
    message, span = only_error(loaded)
    assert "duplicate key 'a'" in message
    assert span == Span(3, 1, 3, 4)


def test_duplicate_key_message_line_with_lone_cr_line_endings() -> None:
    message, _ = only_error(load('{"x": 0,\r"a": 1,\r"a": 3}'))
    assert "first defined on line 2" in message


def test_key_repeated_three_times_reports_each_repeat() -> None:
    loaded = load('{"a": 1,\n "a": 2,\n "a": 3}')
    assert loaded.document.data == {"a": 1}
    assert [span for _, span in loaded.parse_errors] == [Span(2, 2, 2, 5), Span(3, 2, 3, 5)]


def test_duplicate_inside_a_discarded_value_keeps_its_position() -> None:
    loaded = load('{"a": 1, "a": {"k": 1, "k": 2}}')
    assert loaded.document.data == {"a": 1}
    found = sorted((start(span), message) for message, span in loaded.parse_errors)
    assert [position for position, _ in found] == [(1, 10), (1, 24)]
    assert "first defined on line 1" in found[1][1]


# --- Syntax errors ---------------------------------------------------------------------------

# Python 3.13 names trailing commas and points at the comma; older versions point at what follows.
TRAILING_OBJECT = (
    ("illegal trailing comma before end of object", 2, 9)
    if PY313
    else ("expected property name enclosed in double quotes", 3, 1)
)
TRAILING_ARRAY = (
    ("illegal trailing comma before end of array", 1, 6) if PY313 else ("expected value", 1, 7)
)
TRAILING_NESTED = (
    ("illegal trailing comma before end of array", 2, 12) if PY313 else ("expected value", 2, 13)
)


@pytest.mark.parametrize(
    ("text", "phrase", "line", "column"),
    [
        ('{\n  "a": 1,\n}', *TRAILING_OBJECT),
        ("[1, 2,]", *TRAILING_ARRAY),
        ('{"a": 1,\n "b": [1, 2,],\n "c": 3}', *TRAILING_NESTED),
        ('{"a" 1}', "expected ':' delimiter", 1, 6),
        ('{\n  "a": 1,\n  "b" 2\n}', "expected ':' delimiter", 3, 7),
        ('{"a": "abc', "unterminated string", 1, 7),
        ('{\n  "a": 1,\n  "b": "abc', "unterminated string", 3, 8),
        ('{\n  "a": "ab\n"}', "invalid control character", 2, 11),
        ('{\n  "a": 1\n  "b": 2\n}', "expected ',' delimiter", 3, 3),
        ("[1 2]", "expected ',' delimiter", 1, 4),
        ('{"a": [1, 2}', "expected ',' delimiter", 1, 12),
        ('{"a": 1', "expected ',' delimiter", 1, 8),
        ('{"a":\n', "expected value", 2, 1),
        ("{'a': 1}", "expected property name enclosed in double quotes", 1, 2),
        ("{a: 1}", "expected property name enclosed in double quotes", 1, 2),
        ('{"a": tru}', "expected value", 1, 7),
        ('{"a": "\\x"}', "invalid \\escape", 1, 8),
        ('{"a": 1} x', "extra data", 1, 10),
        ('{"a": 1}\n{"b": 2}', "extra data", 2, 1),
        ("a: 1\n", "expected value", 1, 1),
    ],
)
def test_json_syntax_error_position(text: str, phrase: str, line: int, column: int) -> None:
    loaded = load(text)
    assert loaded.document.data is None
    assert not loaded.ok
    message, span = only_error(loaded)
    assert phrase in message
    assert start(span) == (line, column)


def test_syntax_error_after_crlf_and_non_ascii() -> None:
    message, span = only_error(load('{\r\n  "é😀": 1,\r\n  "b" 2\r\n}'))
    assert "expected ':' delimiter" in message
    assert span == Span(3, 7, 3, 8)


# --- Encodings and line endings ----------------------------------------------------------


def test_utf8_bom_is_skipped_and_positions_ignore_it() -> None:
    loaded = clean(b'\xef\xbb\xbf{"a": [1, 2]}')
    assert loaded.document.data == {"a": [1, 2]}
    assert loaded.document.span(("a",)) == Span(1, 2, 1, 5)
    assert loaded.document.span(("a", 1)) == Span(1, 11, 1, 12)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_bom_decode(encoding: str) -> None:
    loaded = clean('{"a": 1,\n "b": ["é", "ü"]}'.encode(encoding))
    assert loaded.document.data == {"a": 1, "b": ["é", "ü"]}
    assert loaded.document.span(("b", 1)) == Span(2, 13, 2, 16)


def test_non_utf8_byte_is_an_error_at_its_character() -> None:
    loaded = load(b'{"a": 1,\n "b": 2,\n "c": "\xc3\xa9\xff"}')
    assert loaded.document.data is None
    message, span = only_error(loaded)
    assert "UTF-8" in message
    assert "0xff" in message
    assert span == Span(3, 9, 3, 10)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_count_as_one_break(newline: str) -> None:
    text = newline.join(["{", '  "a": 1,', '  "b": [1,', "    2],", '  "c": {"d": true}', "}"])
    document = clean(text).document
    assert document.span(("b", 1)) == Span(4, 5, 4, 6)
    assert document.span(("c", "d")) == Span(5, 9, 5, 12)
    assert document.span(("c", "d"), "value") == Span(5, 14, 5, 18)
    assert document.lines.line_text(3) == '  "b": [1,'


# --- Positions -------------------------------------------------------------------------------

# One long line on purpose: escaped strings followed by nodes on the same line.
NESTED = """{
  "trackinglint": 1,
  "events": {
    "Deal \\"Qualified\\"": {
      "description": "caf\\u00e9 \\\\ \\"x\\"", "properties": {"amount": {"type": "number"}, "é": [1, 2]}
    }
  },
  "dashboards": {"D": {"metrics": ["a", "b\\u00e9", {"k": null}]}}
}
"""  # noqa: E501
DEAL = ("events", 'Deal "Qualified"')


@pytest.fixture(scope="module")
def nested() -> LoadedSource:
    return clean(NESTED)


@pytest.mark.parametrize(
    ("pointer", "focus", "expected", "token"),
    [
        (DEAL, "key", Span(4, 5, 4, 25), '"Deal \\"Qualified\\""'),
        ((*DEAL, "description"), "value", Span(5, 22, 5, 42), '"caf\\u00e9 \\\\ \\"x\\""'),
        ((*DEAL, "properties"), "key", Span(5, 44, 5, 56), '"properties"'),
        ((*DEAL, "properties", "amount"), "key", Span(5, 59, 5, 67), '"amount"'),
        ((*DEAL, "properties", "amount"), "value", Span(5, 69, 5, 87), '{"type": "number"}'),
        ((*DEAL, "properties", "amount", "type"), "key", Span(5, 70, 5, 76), '"type"'),
        ((*DEAL, "properties", "amount", "type"), "value", Span(5, 78, 5, 86), '"number"'),
        ((*DEAL, "properties", "é"), "key", Span(5, 89, 5, 92), '"é"'),
        ((*DEAL, "properties", "é", 1), "key", Span(5, 98, 5, 99), "2"),
        ((*DEAL, "properties", "é", 1), "value", Span(5, 98, 5, 99), "2"),
        (("dashboards", "D", "metrics", 1), "value", Span(8, 41, 8, 50), '"b\\u00e9"'),
        (("dashboards", "D", "metrics", 2), "value", Span(8, 52, 8, 63), '{"k": null}'),
        (("dashboards", "D", "metrics", 2, "k"), "key", Span(8, 53, 8, 56), '"k"'),
        (("dashboards", "D", "metrics", 2, "k"), "value", Span(8, 58, 8, 62), "null"),
        (("trackinglint",), "value", Span(2, 19, 2, 20), "1"),
    ],
)
def test_span_of_node(
    nested: LoadedSource, pointer: tuple, focus: str, expected: Span, token: str
) -> None:
    span = nested.document.span(pointer, focus)
    assert span == expected
    assert covered(nested.document, span) == token


def test_multi_line_value_span(nested: LoadedSource) -> None:
    span = nested.document.span(DEAL, "value")
    assert span == Span(4, 27, 6, 6)
    assert json.loads(covered(nested.document, span)) == nested.document.data["events"][DEAL[1]]


def test_root_span(nested: LoadedSource) -> None:
    assert nested.document.span(()) == Span(1, 1, 9, 2)


@pytest.mark.parametrize(
    ("pointer", "fallback"),
    [
        (("events", "nope"), ("events",)),
        (("events", "nope", "deeper"), ("events",)),
        (("dashboards", "D", "metrics", 7), ("dashboards", "D", "metrics")),
        (("dashboards", "D", "metrics", "x"), ("dashboards", "D", "metrics")),
        (("events", 0), ("events",)),
        (("trackinglint", "x"), ("trackinglint",)),
        (("trackinglint", 0), ("trackinglint",)),
        (("missing",), ()),
    ],
)
@pytest.mark.parametrize("focus", ["key", "value"])
def test_missing_pointer_falls_back_to_deepest_existing_node(
    nested: LoadedSource, pointer: tuple, fallback: tuple, focus: str
) -> None:
    assert nested.document.span(pointer, focus) == nested.document.span(fallback, focus)


def test_every_lazily_found_span_covers_its_node(nested: LoadedSource) -> None:
    document = nested.document
    pointers = list(walk(document.data))
    assert len(pointers) == 17
    for pointer, value in pointers:
        value_text = covered(document, document.span(pointer, "value"))
        assert json.loads(value_text) == value, pointer
        key_text = covered(document, document.span(pointer, "key"))
        expected_key = pointer[-1] if isinstance(pointer[-1], str) else value
        assert json.loads(key_text) == expected_key, pointer


def test_lazy_positions_do_not_depend_on_lookup_order() -> None:
    pointers = [pointer for pointer, _ in walk(json.loads(NESTED))]
    forward = clean(NESTED).document
    backward = clean(NESTED).document
    spans = {p: (forward.span(p), forward.span(p, "value")) for p in pointers}
    for pointer in reversed(pointers):
        assert (backward.span(pointer), backward.span(pointer, "value")) == spans[pointer]
    # Asking again (from the cache) gives the same answer.
    for pointer in pointers:
        assert (forward.span(pointer), forward.span(pointer, "value")) == spans[pointer]


@pytest.mark.parametrize(
    ("text", "pointer", "focus", "expected"),
    [
        ('{"éé": {"k": 1}}', ("éé", "k"), "key", Span(1, 9, 1, 12)),
        ('{"\\u00e9\\u00e9": {"k": 1}}', ("éé", "k"), "key", Span(1, 19, 1, 22)),
        ('{"a": "😀😀", "b": 2}', ("b",), "key", Span(1, 13, 1, 16)),
        ('{"a": "😀😀", "b": 2}', ("b",), "value", Span(1, 18, 1, 19)),
        ('{"a": "\\"}{[", "b": [0, 1]}', ("b", 1), "value", Span(1, 25, 1, 26)),
        ('{"a":1}', ("a",), "key", Span(1, 2, 1, 5)),
        ('{"a":1}', ("a",), "value", Span(1, 6, 1, 7)),
        ('{"a" :\t1 }', ("a",), "value", Span(1, 8, 1, 9)),
        ('  {"a": [1, {"b": 2}]}', ("a", 1, "b"), "key", Span(1, 14, 1, 17)),
        ('  {"a": [1, {"b": 2}]}', (), "key", Span(1, 3, 1, 23)),
        ('[{"a": 1}, [2, 3]]', (1, 1), "key", Span(1, 16, 1, 17)),
        ('[{"a": 1}, [2, 3]]', (1,), "value", Span(1, 12, 1, 18)),
        ('{"a": [], "b": {}, "c": 3}', ("c",), "value", Span(1, 25, 1, 26)),
    ],
)
def test_span_edge_cases(text: str, pointer: tuple, focus: str, expected: Span) -> None:
    assert clean(text).document.span(pointer, focus) == expected


def test_span_lookup_does_not_decode_the_whole_document() -> None:
    text = '{"a": 1, "big": [' + ", ".join(["0"] * 300_000) + "]}"
    document = clean(text).document
    began = time.perf_counter()
    json.loads(text)
    one_decode = time.perf_counter() - began
    began = time.perf_counter()
    for _ in range(50):
        assert document.span(("a",)) == Span(1, 2, 1, 5)
    # 50 lookups of a node near the top should cost far less than 5 full decodes.
    assert time.perf_counter() - began < 5 * one_decode


# --- Nesting ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 50_000 + "1" + "}" * 50_000,
    ],
)
def test_absurdly_deep_json_is_an_error_not_a_crash(text: str) -> None:
    loaded = load(text)
    assert loaded.document.data is None
    message, span = only_error(loaded)
    assert "nested too deeply" in message
    assert span == Span(1, 1, 1, 2)


def test_json_deeper_than_the_limit_is_refused_where_it_goes_too_deep() -> None:
    text = '{"events": ' + '{"a": ' * 199 + '{"b": [1]}' + "}" * 200
    message, span = only_error(load(text))
    assert message == (
        "nested more than 200 levels deep; a plan never needs that (see README, Limits)"
    )
    assert span == Span(1, 12 + 6 * 199, 1, 13 + 6 * 199)  # the 201st opening brace


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = '{"a": "' + "[{" * 500 + '\\"' + '[" }'
    assert load(text).document.data == {"a": "[{" * 500 + '"['}


def test_integer_beyond_the_digit_limit_is_a_located_error() -> None:
    text = '{"a": {"maximum": ' + "9" * 4301 + "}}"
    message, span = only_error(load(text))
    assert message == (
        "an integer of 4,301 digits; numbers are limited to 4,300 digits (see README, Limits)"
    )
    assert span == Span(1, 19, 1, 19 + 4301)
    assert load('{"a": ' + "9" * 4300 + "}").document.data == {"a": int("9" * 4300)}


def test_many_duplicate_keys_take_linear_time() -> None:
    text = "{" + ",\n".join(f'"k{i % 2000}": {i}' for i in range(40_000)) + "}"
    began = time.perf_counter()
    loaded = load(text)
    assert time.perf_counter() - began < 3.0
    assert len(loaded.parse_errors) == 38_000


def test_moderately_deep_json_loads_with_positions() -> None:
    depth = 200
    loaded = clean("[" * depth + "7" + "]" * depth)
    assert loaded.document.span((0,) * depth) == Span(1, depth + 1, 1, depth + 2)
    assert loaded.document.span((0,) * (depth - 1)) == Span(1, depth, 1, depth + 3)


def test_deep_duplicate_key_is_located() -> None:
    depth = 199  # the deepest allowed: 200 containers in all
    loaded = load('{"a":' * depth + '{"k": 1, "k": 2}' + "}" * depth)
    message, span = only_error(loaded)
    assert "duplicate key 'k'" in message
    assert span == Span(1, 5 * depth + 10, 1, 5 * depth + 13)


# --- Choosing the loader ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["plan", "plan.txt", "PLAN.JSON", "plan.Json"])
def test_json_loader_chosen_by_suffix_or_content(name: str) -> None:
    loaded = load('\n  {"a": 1, "a": 2}', name)
    assert loaded.document.data == {"a": 1}
    message, span = only_error(loaded)
    assert "JSON keys must be unique" in message
    assert span == Span(2, 12, 2, 15)


@pytest.mark.parametrize("name", ["plan", "plan.txt"])
def test_sniffed_json_reports_json_errors(name: str) -> None:
    message, span = only_error(load("[1, 2 3]", name))
    assert "expected ',' delimiter" in message
    assert span == Span(1, 7, 1, 8)


def test_reads_json_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(b'{\r\n  "a": {"b": "no"}\r\n}')
    loaded = read_source(path, "plan.json")
    assert loaded.parse_errors == []
    assert loaded.document.data == {"a": {"b": "no"}}
    assert loaded.document.span(("a", "b"), "value") == Span(2, 14, 2, 18)


# --- Large input -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gen") / "plan-500.json"
    result = subprocess.run(
        [sys.executable, str(GEN_PLAN), "500", "--json"], check=True, capture_output=True
    )
    path.write_bytes(result.stdout)
    return path


def test_generated_plan_loads(generated_plan: Path) -> None:
    loaded = read_source(generated_plan, "plan-500.json")
    assert loaded.parse_errors == []
    data = loaded.document.data
    assert len(data["events"]) == 500
    assert data == json.loads(generated_plan.read_text())


def test_generated_plan_spans_point_at_their_keys(generated_plan: Path) -> None:
    document = read_source(generated_plan, "plan-500.json").document
    lines = document.lines
    names = list(document.data["events"])
    for name in (names[0], names[250], names[-1]):
        event_span = document.span(("events", name))
        assert lines.line_text(event_span.line) == f'    "{name}": {{'
        for prop in document.data["events"][name]["properties"]:
            key_span = document.span(("events", name, "properties", prop))
            assert lines.line_text(key_span.line) == f'        "{prop}": {{'
            assert key_span.column == 9
            type_span = document.span(("events", name, "properties", prop, "type"), "value")
            assert type_span.line == key_span.line + 1
            assert '"type":' in lines.line_text(type_span.line)
    metric = document.span(("dashboards", "Leadership", "metrics", 1))
    assert lines.line_text(metric.line).strip() == '"Outcomes per active account per week"'


def test_generated_plan_every_span_covers_its_node(generated_plan: Path) -> None:
    document = read_source(generated_plan, "plan-500.json").document
    names = list(document.data["events"])
    sampled = {names[0], names[100], names[250], names[-1]}
    checked = 0
    for pointer, value in walk(document.data):
        if pointer[0] == "events" and len(pointer) > 1 and pointer[1] not in sampled:
            continue
        key_text = covered(document, document.span(pointer, "key"))
        if isinstance(pointer[-1], str):
            assert json.loads(key_text) == pointer[-1], pointer
        value_text = covered(document, document.span(pointer, "value"))
        assert json.loads(value_text) == value, pointer
        checked += 1
    assert checked > 200


def test_a_fifo_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.json"
    os.mkfifo(fifo)  # opening it to read would block until a writer comes
    loaded = read_source(fifo, "plan.json")
    assert loaded.document.data is None
    assert loaded.parse_errors == [
        ("cannot read file: not a regular file (a FIFO, device or socket)", Span(1, 1, 1, 2))
    ]
