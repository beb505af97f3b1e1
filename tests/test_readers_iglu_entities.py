"""Iglu entity (context) schemas are read but are not events: not in TL111, TL112 or
`classify`. Real schemas from Iglu Central in tests/data/iglu-entities (SOURCES.md)."""

from __future__ import annotations

import json
from pathlib import Path

from trackinglint import Engine, LintResult
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides
from trackinglint.readers.iglu import looks_like_entity

from conftest import REPO

DATA = REPO / "tests" / "data" / "iglu-entities"
SCHEMAS = DATA / "schemas"
REGISTRY = build_registry(load_entry_points=False)


def lint(*paths: Path, select: tuple[str, ...] = ("TL0",), config: Path | None = None):
    engine = Engine(REGISTRY, config_file=config, overrides=Overrides(select=select))
    return engine.lint(list(paths))


def only_plan(result: LintResult):
    (plan,) = result.plans
    return plan


def test_the_registry_subset_holds_three_events_and_five_entities_counted_by_hand():
    result = lint(DATA)
    assert result.findings == []
    plan = only_plan(result)
    assert len(plan.documents) == 9  # link_click has two versions
    # "Schema for a link click event"; "Records completion of an agent invocation ...";
    # "Agent self-tracking: logs a decision ..., including reasoning and context."
    assert sorted(plan.events) == ["agent_completion", "agent_decision_logged", "link_click"]
    assert {label: item.entity for label, item in plan.non_events.items()} == {
        "com.snowplowanalytics.mobile/application_lifecycle": True,  # "Entity that indicates"
        "com.snowplowanalytics.snowplow.ecommerce/product": True,  # "a product entity"
        "com.snowplowanalytics.snowplow/activity_metrics": True,  # "attached to page_ping"
        "com.snowplowanalytics.snowplow/ua_parser_context": True,  # the name
        "com.snowplowanalytics.snowplow/web_page": True,  # "a web page context"
    }


def test_an_entity_is_located_at_its_name_and_keeps_its_properties():
    plan = only_plan(lint(DATA))
    web_page = plan.non_events["com.snowplowanalytics.snowplow/web_page"]
    span = web_page.origin.span()
    assert (web_page.origin.document.path.name, span.line, span.column) == ("1-0-0", 6, 9)
    assert web_page.origin.path == "self.name"
    assert list(web_page.properties) == ["id"]
    assert (web_page.is_event, web_page.title) == (False, "entity 'web_page'")


def test_entities_count_in_no_event_rule_and_not_in_classify(cli):
    run = cli("classify", str(DATA), "--output-format", "json")
    assert run.code == 0, run.err
    assert sorted(v["name"] for v in run.json()["events"]) == [
        "agent_completion", "agent_decision_logged", "link_click",
    ]  # fmt: skip
    motion = lint(DATA, select=("TL111",))
    assert [f.message for f in motion.findings] == []  # 1 of 3 events completes a job: 33%


def test_configuration_overrides_the_evidence_both_ways(tmp_path):
    config = tmp_path / "trackinglint.toml"
    config.write_text(
        'iglu-entities = ["com.snowplow.agent.tracking/agent_*"]\niglu-events = ["web_page"]\n',
        encoding="utf-8",
    )
    plan = only_plan(lint(DATA, config=config))
    assert sorted(plan.events) == ["link_click", "web_page"]
    assert "com.snowplow.agent.tracking/agent_completion" in plan.non_events


def test_a_bad_entity_setting_is_a_located_configuration_error(cli, write):
    write("trackinglint.toml", 'iglu-entities = "com.acme/*"\n')
    run = cli("check", str(DATA), "--config", "trackinglint.toml")
    assert run.code == 2
    assert "trackinglint.toml:1: 'iglu-entities': expected a list of `vendor/name` globs" in run.err


def test_snowplow_metadata_decides_in_a_data_structure_file(tmp_path):
    """A data structure as snowplow-cli keeps it: `meta.schemaType` wins over the name."""
    real = json.loads((SCHEMAS / "com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1")
                      .read_text(encoding="utf-8"))  # fmt: skip
    folder = tmp_path / "data-structures" / "com.snowplowanalytics.snowplow"
    folder.mkdir(parents=True)
    wrapped = {"apiVersion": "v1", "resourceType": "data-structure",
               "meta": {"hidden": False, "schemaType": "entity", "customData": {}},
               "data": real}  # fmt: skip
    (folder / "link_click.json").write_text(json.dumps(wrapped, indent=2), encoding="utf-8")
    bad = dict(wrapped, meta={"schemaType": "widget"})
    bad["data"] = dict(real, self=dict(real["self"], name="link_clack"))
    (folder / "link_clack.json").write_text(json.dumps(bad, indent=2), encoding="utf-8")
    result = lint(tmp_path / "data-structures")
    plan = only_plan(result)
    assert sorted(plan.non_events) == ["com.snowplowanalytics.snowplow/link_click"]
    assert list(plan.events) == ["link_clack"]  # an unknown schemaType: the evidence decides
    clack = plan.events["link_clack"]
    assert clack.origin.path == "data.self.name"
    assert sorted(clack.properties) == sorted(real["properties"])
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == [
        ("TL008", 5, 19, "`meta.schemaType` is the string 'widget'; Snowplow knows event and "
                         "entity"),
    ]  # fmt: skip


def test_naming_rules_judge_the_schema_name_not_the_vendor_label(tmp_path):
    """Two vendors' `click` are `com.a/click` and `com.b/click` in the plan; TL204 reads
    `click` in both, so neither breaks the plan's snake_case."""
    for vendor in ("com.a", "com.b"):
        folder = tmp_path / "schemas" / vendor / "click" / "jsonschema"
        folder.mkdir(parents=True)
        (folder / "1-0-0").write_text(json.dumps({
            "$schema": "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#",
            "description": "Schema for a click event",
            "self": {"vendor": vendor, "name": "click", "format": "jsonschema", "version": "1-0-0"},
            "type": "object", "properties": {},
        }), encoding="utf-8")  # fmt: skip
    result = lint(tmp_path, select=("TL204",))
    plan = only_plan(result)
    assert sorted(plan.events) == ["com.a/click", "com.b/click"]
    assert [e.sent_name for e in plan.events.values()] == ["click", "click"]
    assert result.findings == []


def test_the_evidence_reads_what_the_schema_is_not_what_it_mentions():
    assert looks_like_entity("web_page", "Schema for a web page context")
    assert looks_like_entity("geo", "Entity that indicates where the user is")
    assert looks_like_entity("session_context", None)
    assert looks_like_entity("metrics", "Metrics attached to page_ping events")
    assert not looks_like_entity("screen_view", "Schema for a screen view event")
    assert not looks_like_entity(
        "ready", "Media player event fired when it is attached to the page"
    )
    assert not looks_like_entity("decision", "Logs a decision, including reasoning and context.")
    assert not looks_like_entity("step", "Records a step. Agent context provides the ids.")
    assert not looks_like_entity("order", None)


def test_a_vendor_named_for_entities_holds_entities(tmp_path):
    """`com.acme.entity/shopper`: the vendor's last part says what its schemas are (as in
    a public Adobe Commerce registry, `com.adobe.magento.entity/shopper`); a sibling
    vendor's schema stays an event. Our own content, in that registry's shape."""
    for vendor, name in (("com.acme.entity", "shopper"), ("com.acme", "cart_checked_out")):
        folder = tmp_path / "schemas" / vendor / name / "jsonschema"
        folder.mkdir(parents=True)
        schema = {
            "$schema": "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#",
            "description": "Written for this test",
            "self": {"vendor": vendor, "name": name, "format": "jsonschema", "version": "1-0-0"},
            "type": "object",
            "properties": {"shopperId": {"type": "string", "description": "who"}},
            "additionalProperties": False,
        }  # fmt: skip
        (folder / "1-0-0").write_text(json.dumps(schema, indent=2), encoding="utf-8")
    plan = only_plan(lint(tmp_path / "schemas"))
    assert list(plan.events) == ["cart_checked_out"]
    assert sorted(plan.non_events) == ["com.acme.entity/shopper"]
