"""`convert` loses nothing: every plan of the test corpus, and generated plans, read back the same.

What must survive: events, their descriptions, properties (nested and array items),
types, required flags, enums, bounds, patterns and descriptions.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trackinglint import Engine
from trackinglint.convert import READ_PROBLEMS, _fits, to_native_yaml
from trackinglint.model import Plan, Property
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides
from trackinglint.readers.common import JSON_TYPES

from conftest import REPO

REGISTRY = build_registry(load_entry_points=False)
KEPT = (
    "enum", "const", "format", "pattern", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems",
)  # fmt: skip
CORPUS = sorted(
    path
    for root in (REPO / "tests" / "fixtures", REPO / "tests" / "data")
    for path in root.iterdir()
    if path.is_dir() and path.name not in ("classification", "schemas")
)


def _lint(paths: list[Path]):
    return Engine(REGISTRY, overrides=Overrides(select=("TL0",))).lint(paths)


def summary(plan: Plan) -> dict[str, Any]:
    """What convert must keep, with shared references resolved."""
    return {
        name: (event.description, _properties(event.properties, plan.properties))
        for name, event in plan.events.items()
    }


def _properties(props: Mapping[str, Property], shared: Mapping[str, Property]) -> dict:
    return {name: _property(prop, shared) for name, prop in props.items()}


def _property(prop: Property, shared: Mapping[str, Property]) -> tuple:
    target = shared.get(prop.ref) if prop.ref else None
    # a keyword whose value the native format cannot hold (`maxLength: "10"`) is left out
    schema = {k: prop.schema[k] for k in KEPT if k in prop.schema and _fits(k, prop.schema[k])}
    types = tuple(sorted(t for t in prop.types if t in JSON_TYPES))
    if target is not None and not types and not schema:
        schema = {k: target.schema[k] for k in KEPT if k in target.schema}
        schema = {k: v for k, v in schema.items() if _fits(k, v)}
        types = tuple(sorted(t for t in target.types if t in JSON_TYPES))
    description = prop.description or (target.description if target is not None else None)
    members = prop.properties or (target.properties if target is not None else {})
    items = prop.items or (target.items if target is not None else None)
    return (
        types,
        prop.required,
        description,
        sorted(schema.items(), key=repr),
        _properties(members, shared),
        _property(items, shared) if items is not None else None,
    )


def round_trip(plan: Plan, tmp_path: Path) -> Plan:
    out = tmp_path / "converted.yaml"
    out.write_text(to_native_yaml(plan), encoding="utf-8")
    result = _lint([out])
    assert [f"{f.line}:{f.column} {f.code} {f.message}" for f in result.findings] == []
    (converted,) = result.plans
    return converted


@pytest.mark.parametrize("folder", CORPUS, ids=lambda p: p.name)
def test_every_corpus_plan_converts_and_reads_back_the_same(folder: Path, tmp_path: Path) -> None:
    plans = _lint([folder]).plans  # a file that did not load is not in its plan: not compared
    if not plans:
        pytest.skip(f"{folder.name} is read only with its own configuration")
    for index, plan in enumerate(plans):
        folder = tmp_path / str(index)
        folder.mkdir()
        converted = round_trip(plan, folder)
        assert summary(converted) == summary(plan)


# --- generated plans --------------------------------------------------------------------------

_TRICKY_TEXT = st.sampled_from(
    ["08", "1e5", "0o17", "0x1F", "+1", ".5", "null", "~", "true", "no", "", " x", "a: b",
     "- x", "# x", "'q'", '"q"', "!tag", "&a", "*a", "%x", "@x", "`x", "x\ny", "\t", "é", "9" * 30]
)  # fmt: skip
TEXT = st.one_of(_TRICKY_TEXT, st.text(st.characters(blacklist_categories=("Cs",)), max_size=12))
NAME = TEXT.filter(lambda s: s.strip() == s and s != "")
NUMBER = st.one_of(st.integers(-(10**20), 10**20), st.floats(allow_nan=False, width=64))
TYPE = st.sampled_from(["string", "integer", "number", "boolean", "array", "object"])


@st.composite
def plan_property(draw, depth: int = 0) -> dict[str, Any]:
    kind = draw(TYPE)
    body: dict[str, Any] = {"type": kind}
    if draw(st.booleans()):
        body["description"] = draw(TEXT.filter(bool))
    if draw(st.booleans()):
        body["required"] = True
    if kind == "string":
        if draw(st.booleans()):
            body["enum"] = draw(st.lists(TEXT, min_size=1, max_size=4, unique=True))
        if draw(st.booleans()):
            body["maxLength"] = draw(st.integers(0, 10**6))
    if kind in ("integer", "number") and draw(st.booleans()):
        body["minimum"] = draw(NUMBER if kind == "number" else st.integers(-(10**20), 10**20))
    if kind == "object" and depth < 2:
        body["properties"] = draw(st.dictionaries(NAME, plan_property(depth + 1), max_size=3))
    if kind == "array" and depth < 2 and draw(st.booleans()):
        body["items"] = draw(plan_property(depth + 1))
    return body


PLANS = st.fixed_dictionaries(
    {
        "trackinglint": st.just(1),
        "events": st.dictionaries(
            NAME,
            st.fixed_dictionaries(
                {},
                optional={
                    "description": TEXT.filter(bool),
                    "properties": st.dictionaries(NAME, plan_property(), max_size=4),
                },
            ),
            min_size=1,
            max_size=4,
        ),
    }
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=PLANS)
def test_generated_native_plans_convert_and_read_back_the_same(data, tmp_path_factory) -> None:
    import json

    folder = tmp_path_factory.mktemp("plan")
    source = folder / "plan.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    result = _lint([source])
    if any(f.code in READ_PROBLEMS for f in result.findings):
        return  # not a plan the native reader reads in full: nothing to compare
    (plan,) = result.plans
    assert summary(round_trip(plan, folder)) == summary(plan)


# --- convert fails loudly ---------------------------------------------------------------------


def test_a_file_that_fails_to_parse_stops_the_conversion(cli, write):
    write("good.yaml", "trackinglint: 1\nevents:\n  A Done: {}\n")
    write("bad.yaml", "trackinglint: 1\nevents:\n  B Done: [\n")
    run = cli("convert", "good.yaml", "bad.yaml")
    assert (run.code, run.out) == (1, "")
    assert run.err.splitlines()[-1] == (
        "trackinglint: error: 1 file could not be read in full; nothing was converted "
        "(fix them, or leave them out of the paths)"
    )


def test_output_naming_a_folder_says_to_name_a_file(cli, write, tmp_path):
    write("plan.yaml", "trackinglint: 1\nevents:\n  A Done: {}\n")
    (tmp_path / "out").mkdir()
    run = cli("convert", "plan.yaml", "--output", "out")
    assert (run.code, run.out) == (2, "")
    assert run.err.splitlines()[-1] == (
        "trackinglint: error: --output out is a folder; name the file to write, e.g. plan.yaml"
    )


def test_strings_that_look_like_numbers_stay_strings(cli, write, tmp_path):
    words = ["08", "1e5", "0o17", "0x1F", "+1", ".5", "null", "true", "", "\x85x"]
    write("plan.json", '{"trackinglint": 1, "events": {"A Done": {"properties": {"code": '
          '{"type": "string", "enum": ' + json.dumps(words) + "}}}}}")  # fmt: skip
    run = cli("convert", "plan.json")
    assert run.code == 0
    (tmp_path / "back.yaml").write_text(run.out, encoding="utf-8")
    (plan,) = _lint([tmp_path / "back.yaml"]).plans
    assert plan.events["A Done"].properties["code"].schema["enum"] == words


def test_an_unpaired_surrogate_is_replaced_and_reported(cli, write, tmp_path):
    write("plan.json", '{"trackinglint": 1, "events": {"A\\ud800B": {}}}')
    run = cli("convert", "plan.json")
    assert run.code == 1
    assert run.err == (
        "trackinglint: error: 1 name or text held an unpaired surrogate (\\ud800-\\udfff), which "
        "YAML cannot hold; written as U+FFFD\n"
    )
    (tmp_path / "back.yaml").write_text(run.out, encoding="utf-8")
    (plan,) = _lint([tmp_path / "back.yaml"]).plans
    assert list(plan.events) == ["A\ufffdB"]
