"""The Snowplow Iglu reader: schemas as events, `self` against the path, SchemaVer gaps."""

from __future__ import annotations

import json
from pathlib import Path

from trackinglint import Engine, LintResult
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides

from conftest import REPO

REGISTRY_ROOT = REPO / "tests" / "fixtures" / "iglu" / "schemas"
LINK_CLICK = REGISTRY_ROOT / "com.snowplowanalytics.snowplow" / "link_click" / "jsonschema"
REGISTRY = build_registry(load_entry_points=False)


def lint(*paths: Path) -> LintResult:
    return Engine(REGISTRY, overrides=Overrides(select=("TL0",))).lint(list(paths))


def found(result: LintResult) -> list[tuple[str, str, int, int, str]]:
    return [(f.code, f.file, f.line, f.column, f.message) for f in result.findings]


def schema(vendor: str, name: str, version: str, properties: dict | None = None) -> str:
    data = {
        "$schema": "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/"
        "jsonschema/1-0-0#",
        "description": f"{name} {version}",
        "self": {"vendor": vendor, "name": name, "format": "jsonschema", "version": version},
        "type": "object",
        "properties": properties or {"deal_id": {"type": "string"}},
        "required": ["deal_id"],
        "additionalProperties": False,
    }
    return json.dumps(data, indent=2) + "\n"


def registry(root: Path, files: dict[str, str]) -> Path:
    """Write schemas at `schemas/<path>`; returns the schemas folder."""
    for relative, text in files.items():
        path = root / "schemas" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "schemas"


DEAL = "com.acme/deal_qualified/jsonschema"


def test_a_registry_folder_is_found_without_file_extensions_and_the_newest_version_wins():
    result = lint(REGISTRY_ROOT)
    assert result.findings == []
    assert sorted(Path(f).name for f in result.files) == ["1-0-0", "1-0-1"]
    (plan,) = result.plans
    (event,) = plan.events.values()
    assert event.name == "link_click"
    assert event.description == "Schema for a link click event"
    assert event.tags == ("com.snowplowanalytics.snowplow",)
    span = event.origin.span()
    assert (event.origin.document.path.name, span.line, span.column) == ("1-0-1", 6, 3)
    assert {n: (p.types, p.required) for n, p in event.properties.items()} == {
        "elementId": (("string",), False),
        "elementClasses": (("array",), False),
        "elementTarget": (("string",), False),
        "targetUrl": (("string",), True),
        "elementContent": (("string",), False),
    }
    assert event.properties["elementClasses"].items.types == ("string",)
    assert event.properties["targetUrl"].schema["minLength"] == 1
    assert event.properties["targetUrl"].origin.span().line == 25


def test_self_that_disagrees_with_the_path_is_reported_at_each_field(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = schema("com.acme", "deal_qualifed", "1-0-0")
    folder = registry(tmp_path, {f"{DEAL}/1-0-1": text})
    result = lint(folder)
    path = f"schemas/{DEAL}/1-0-1"
    assert found(result) == [
        ("TL005", path, 6, 13,
         "`self.name` is 'deal_qualifed' but the path says 'deal_qualified' "
         "(…/com.acme/deal_qualified/jsonschema/1-0-1); Iglu finds a schema by its path, so "
         "move the file or fix `self`"),
        ("TL005", path, 8, 16,
         "`self.version` is '1-0-0' but the path says '1-0-1' "
         "(…/com.acme/deal_qualified/jsonschema/1-0-1); Iglu finds a schema by its path, so "
         "move the file or fix `self`"),
    ]  # fmt: skip


def test_a_missing_version_is_reported_at_the_version_after_the_gap(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    versions = ("1-0-0", "1-0-1", "1-0-3", "2-0-0")
    folder = registry(
        tmp_path, {f"{DEAL}/{v}": schema("com.acme", "deal_qualified", v) for v in versions}
    )
    result = lint(folder)
    assert found(result) == [
        ("TL006", f"schemas/{DEAL}/1-0-3", 8, 16,
         "schema com.acme/deal_qualified goes from 1-0-1 to 1-0-3; the next version after "
         "1-0-1 is 1-0-2 or 1-1-0 or 2-0-0, so a version is missing"),
    ]  # fmt: skip
    (plan,) = result.plans
    assert plan.events["deal_qualified"].origin.document.path.name == "2-0-0"


def test_versions_compare_as_numbers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    versions = ["1-0-0", *(f"1-0-{n}" for n in range(1, 12))]  # 1-0-10 follows 1-0-9
    folder = registry(
        tmp_path, {f"{DEAL}/{v}": schema("com.acme", "deal_qualified", v) for v in versions}
    )
    result = lint(folder)
    assert result.findings == []
    (plan,) = result.plans
    assert plan.events["deal_qualified"].origin.document.path.name == "1-0-11"


def test_a_schema_that_does_not_start_at_1_0_0(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = registry(tmp_path, {f"{DEAL}/1-0-1": schema("com.acme", "deal_qualified", "1-0-1")})
    assert found(lint(folder)) == [
        ("TL006", f"schemas/{DEAL}/1-0-1", 8, 16,
         "schema com.acme/deal_qualified starts at 1-0-1; there is no 1-0-0, so data written "
         "with the first version cannot be validated: add 1-0-0 or renumber"),
    ]  # fmt: skip


def test_one_file_linted_alone_is_checked_against_the_versions_beside_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = registry(
        tmp_path,
        {f"{DEAL}/{v}": schema("com.acme", "deal_qualified", v) for v in ("1-0-0", "1-0-2")},
    )
    newest = folder / DEAL / "1-0-2"
    assert [f.code for f in lint(newest).findings] == ["TL006"]  # 1-0-1 is missing before it
    assert lint(folder / DEAL / "1-0-0").findings == []  # the gap is not in this file
    (folder / DEAL / "1-0-1").write_text(schema("com.acme", "deal_qualified", "1-0-1"))
    assert lint(newest).findings == []


def test_a_lone_schema_file_outside_a_registry_is_not_held_to_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "deal_qualified.json"
    path.write_text(schema("com.acme", "deal_qualified", "1-0-3"), encoding="utf-8")
    result = lint(path)
    assert result.findings == []
    assert list(result.plans[0].events) == ["deal_qualified"]


def test_a_self_block_that_cannot_be_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = json.loads(schema("com.acme", "deal_qualified", "1.0.0"))
    del data["self"]["vendor"]
    path = tmp_path / "deal.json"
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    result = lint(path)
    assert found(result) == [
        ("TL008", "deal.json", 4, 3, "`self` has no vendor"),
        ("TL008", "deal.json", 7, 16,
         "version '1.0.0' is not SchemaVer; write MODEL-REVISION-ADDITION starting at 1-0-0, "
         "e.g. 1-0-2"),
    ]  # fmt: skip
    assert result.plans[0].events == {}
