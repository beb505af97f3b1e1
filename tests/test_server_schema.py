"""The schema editors use: what yaml-language-server needs from `trackinglint schema`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft7Validator

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
