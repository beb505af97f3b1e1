"""The schema editors use: what yaml-language-server needs from `trackinglint schema`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft7Validator

from trackinglint.schema import validate_native
from trackinglint.sources import read_source

from conftest import REPO


def _printed(cli) -> dict[str, Any]:
    run = cli("schema")
    assert run.code == 0
    return json.loads(run.out)


def _keys(schema: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """Every key a plan may write (each `properties` entry), with where it sits."""
    if not isinstance(schema, dict):
        return
    for name, child in (schema.get("properties") or {}).items():
        yield f"{where}.{name}", child
        yield from _keys(child, f"{where}.{name}")
    for keyword in ("additionalProperties", "items"):
        yield from _keys(schema.get(keyword), f"{where}/{keyword}")
    for index, branch in enumerate(schema.get("anyOf") or ()):
        yield from _keys(branch, f"{where}/anyOf[{index}]")
    for name, definition in (schema.get("definitions") or {}).items():
        yield from _keys(definition, f"#{name}")


def _described(schema: dict[str, Any], node: dict[str, Any]) -> bool:
    """A description of its own, or the one of the definition it refers to."""
    ref = node.get("$ref", "")
    if ref.startswith("#/definitions/"):
        node = schema["definitions"][ref.rsplit("/", 1)[1]]
    return bool(node.get("description"))


def test_schema_is_draft_07_with_an_id(cli):
    schema = _printed(cli)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$id"] == "https://trackinglint.dev/schema/native-plan-1.json"
    Draft7Validator.check_schema(schema)


def test_every_key_has_a_description_for_completion_and_hover(cli):
    schema = _printed(cli)
    keys = list(_keys(schema))
    assert len(keys) > 60
    assert [where for where, node in keys if not _described(schema, node)] == []
    for name, definition in schema["definitions"].items():
        assert definition.get("description"), name


def test_the_shipped_examples_are_valid_against_the_printed_schema(cli):
    validator = Draft7Validator(_printed(cli))
    files = sorted((REPO / "examples").glob("crm-*/**/*.yaml"))
    assert len(files) == 4
    for path in files:
        data = read_source(path, path.name).document.data
        assert data.get("trackinglint") == 1, path
        assert list(validator.iter_errors(data)) == [], path


def test_validating_does_not_change_the_printed_schema(cli):
    """The compiled validator must not rewrite the shared schema's `$ref`s to
    absolute URLs: an editor would then try to fetch them."""
    shipped = json.loads(
        (REPO / "src" / "trackinglint" / "schema" / "native-plan.schema.json").read_text()
    )
    problems = validate_native({"trackinglint": 1, "metrics": {"M": {"target": {"valu": 1}}}})
    assert [p.message for p in problems] == [
        "missing required key 'value' at metrics.M.target",
        "unknown key 'valu' at metrics.M.target; did you mean 'value'?",
    ]
    printed = _printed(cli)
    assert printed == shipped
    assert printed["definitions"]["metric"]["properties"]["target"] == {
        "$ref": "#/definitions/target"
    }
