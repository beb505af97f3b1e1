"""Destination packs: valid data, one breaking and one passing plan per rule, off until named.

Packs are loaded `trusted` at run time (no schema check, to keep startup fast),
so the schema test here is their only guard.
"""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft7Validator, FormatChecker

from trackinglint.declarative.plugin import pack_files
from trackinglint.declarative.spec import FILE_SCHEMA
from trackinglint.plugins import build_registry
from trackinglint.sources import read_source

PACKS = {path.stem: path for path in pack_files()}
PACK_DATA = {name: read_source(path, str(path)).document.data for name, path in PACKS.items()}
REGISTRY = build_registry(load_entry_points=False)
PACK_RULES = {  # the rules written as data; Python rules may join a pack's group (rules/peers)
    code: rule
    for code, rule in REGISTRY.rules.items()
    if rule.group in PACKS and rule.page is not None
}


def test_the_six_destination_packs_ship():
    assert sorted(PACKS) == ["amplitude", "bigquery", "ga4", "mixpanel", "rudderstack", "segment"]


@pytest.mark.parametrize("name", sorted(PACKS))
def test_pack_file_validates_against_the_rule_file_schema(name):
    loaded = read_source(PACKS[name], str(PACKS[name]))
    assert loaded.parse_errors == []
    validator = Draft7Validator(FILE_SCHEMA, format_checker=FormatChecker())
    assert [error.message for error in validator.iter_errors(loaded.document.data)] == []


@pytest.mark.parametrize("name", sorted(PACKS))
def test_pack_header_names_its_source_and_version(name):
    data = PACK_DATA[name]
    assert data["pack"] == name
    assert data["description"].strip()
    assert re.search(r"https://\S+", data["source"])
    assert re.search(r"read 2026-\d\d-\d\d|as published in \w+ 2026", data["source"])
    assert re.fullmatch(r"\d{4}-\d\d", data["version"])
    for table in data["rules"]:
        assert table["summary"].strip() and table["message"].strip(), table["code"]


def test_pack_codes_and_names_are_unique_and_clash_with_no_builtin_rule():
    tables = [table for data in PACK_DATA.values() for table in data["rules"]]
    codes = [table["code"] for table in tables]
    names = [table["name"] for table in tables]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    builtin = {rule.name for rule in REGISTRY.rules.values() if rule.group not in PACKS}
    assert not builtin & set(names)
    assert set(PACK_RULES) == set(codes)


def test_each_pack_keeps_its_code_prefix():
    prefixes = {"amplitude": "AMP", "bigquery": "BQ", "ga4": "GA4", "mixpanel": "MP",
                "rudderstack": "RS", "segment": "SEG"}  # fmt: skip
    for code, rule in PACK_RULES.items():
        assert re.fullmatch(rf"{prefixes[rule.group]}\d{{3}}", code), code


# --- one breaking and one passing plan per rule ---------------------------------------------


def _event(name: str, body: str = "    description: An order was completed.\n") -> str:
    """A plan whose only event is `name`; its key sits at line 3, column 3."""
    return f"trackinglint: 1\nevents:\n  {json.dumps(name)}:\n{body}"


def _prop(name: str, spec: str = "{type: string}") -> str:
    """A plan whose only property is `name`; its key sits at line 5, column 7."""
    head = "trackinglint: 1\nevents:\n  order_completed:\n    properties:\n"
    return f"{head}      {json.dumps(name)}: {spec}\n"


def _many(count: int) -> str:
    props = "".join(f"      p{i}: {{type: string}}\n" for i in range(count))
    return f"trackinglint: 1\nevents:\n  order_completed:\n    properties:\n{props}"


A40, A41 = "a" * 40, "a" * 41
EVENT, PROP = (3, 3), (5, 7)
CASES = [
    # code, plan that breaks the rule, (line, column), message, plan that keeps it
    ("GA4001", _event(A41), EVENT,
     f"event '{A41}' is longer than GA4's 40-character limit; GA4 drops it", _event(A40)),
    ("GA4002", _event("Order Completed"), EVENT,
     "event 'Order Completed' is not a valid GA4 name: start with a letter, then letters, "
     "digits and underscores only (no spaces)", _event("order_completed")),
    ("GA4003", _many(26), EVENT,
     "event 'order_completed' has 26 parameters; GA4 keeps at most 25", _many(25)),
    ("GA4004", _prop(A41), PROP,
     f"parameter '{A41}' of event 'order_completed' is longer than GA4's 40-character limit",
     _prop(A40)),
    ("GA4005", _event("page_view"), EVENT,
     "event 'page_view' is reserved by GA4; events sent with it are dropped or merged with "
     "GA4's own", _event("page_viewed")),
    ("GA4006", _event("firebase_sync"), EVENT,
     "event 'firebase_sync' uses a prefix GA4 reserves (firebase_, google_, ga_)",
     _event("sync_firebase")),
    ("GA4007", _prop("_internal"), PROP,
     "parameter '_internal' of event 'order_completed' uses a prefix GA4 reserves "
     "(_, firebase_, ga_, google_, gtag.)", _prop("internal")),
    ("GA4008", _prop("gclid"), PROP,
     "parameter 'gclid' of event 'order_completed' is reserved by GA4", _prop("click_id")),
    ("BQ001", _prop("smtp-id"), PROP,
     "property 'smtp-id' is not a valid BigQuery column name: use letters, digits and "
     "underscores only, starting with a letter or an underscore", _prop("_smtp_id2")),
    ("BQ002", _prop("a" * 301), PROP,
     f"property '{'a' * 301}' is longer than BigQuery's 300-character column name limit",
     _prop("a" * 300)),
    ("BQ003", _prop("_partitiontime"), PROP,
     "property '_partitiontime' starts with a column-name prefix BigQuery reserves (_TABLE_, "
     "_FILE_, _PARTITION, _ROW_TIMESTAMP, __ROOT__, _COLIDENTIFIER, in any case)",
     _prop("partition_time")),
    ("BQ004", _prop("a" * 256), PROP,
     f"property '{'a' * 256}' is longer than Snowflake's 255-character identifier limit",
     _prop("a" * 255)),
    ("BQ005", _prop("Current_Date"), PROP,
     "property 'Current_Date' is a keyword Snowflake does not accept as a column name",
     _prop("current_day")),
    ("SEG001", _prop("userId"), PROP,
     "property 'userId' becomes a column Segment reserves in its warehouse tables; Segment "
     "discards it there: rename it", _prop("user")),
    ("SEG002", _prop("context_page"), PROP,
     "property 'context_page' becomes a context_ column, the prefix of the context columns "
     "in Segment's warehouse tables; rename it", _prop("contextual_help")),
    ("SEG003", _prop("revenue", "{type: [string, 'null']}"), (5, 25),
     "Segment reserves 'revenue' for a number, but the plan types it string or null",
     _prop("revenue", "{type: number}")),
    ("SEG004", _prop("currency", "{type: number}"), (5, 26),
     "Segment reserves 'currency' for an ISO 4217 code string, but the plan types it number",
     _prop("currency", "{type: string}")),
    ("RS001", _event("a" * 65), EVENT,
     f"event '{'a' * 65}' is longer than the 64 characters rudder-cli accepts for a track "
     "event name", _event("a" * 64)),
    ("RS002", _event(""), EVENT,
     "an event has an empty name; rudder-cli requires 1 to 64 characters for a track event "
     "name", _event("a")),
    ("RS003", _prop("a" * 66), PROP,
     f"property '{'a' * 66}' is longer than the 65 characters rudder-cli accepts for a "
     "property name", _prop("a" * 65)),
    ("RS004", _prop("order id "), PROP,
     "property 'order id ' has leading or trailing whitespace, which rudder-cli rejects",
     _prop("order id")),
    ("RS005", _event("order_completed", "    description: ok\n"), (4, 18),
     "the description of event 'order_completed' must be 3 to 2000 characters long for "
     "rudder-cli", _event("order_completed", "    description: yes\n")),
    ("RS006", _prop("total", "{type: number, description: ok}"), (5, 44),
     "the description of property 'total' must be 3 to 2000 characters long for rudder-cli",
     _prop("total", "{type: number, description: yes}")),
    ("MP001", _prop("a" * 256), PROP,
     f"property '{'a' * 256}' is longer than 255 characters; Mixpanel truncates its name",
     _prop("a" * 255)),
    ("MP002", _many(2001), EVENT,
     "event 'order_completed' has 2001 properties; Mixpanel accepts up to 2000", _many(2000)),
    ("MP003", _prop("$ignore"), PROP,
     "property '$ignore' makes Mixpanel hide or drop the events that carry it; rename it",
     _prop("ignore")),
    ("MP004", _prop("time"), PROP,
     "property 'time' is reserved by Mixpanel for its own processing; use it only for its "
     "documented meaning or rename it", _prop("time_spent")),
    ("MP005", _prop("mp_lib"), PROP,
     "property 'mp_lib' uses a prefix Mixpanel gives its own default properties ($ or mp_); "
     "a custom property should not look like one", _prop("lib")),
    ("AMP001", _event("[Amplitude] Revenue (Verified)"), EVENT,
     "event '[Amplitude] Revenue (Verified)' is reserved by Amplitude for internal use; "
     "rename it", _event("Revenue Verified")),
    ("AMP002", _event("$groupidentify"), EVENT,
     "event '$groupidentify' is Amplitude's predefined $groupidentify call, which sets user "
     "or group properties instead of recording an event; rename it", _event("group_identify")),
]  # fmt: skip


def test_every_pack_rule_has_a_breaking_and_a_passing_case():
    codes = [case[0] for case in CASES]
    assert len(codes) == len(set(codes))
    assert set(codes) == set(PACK_RULES)


FIELDS = ("code", "bad", "where", "message", "good")


def _found(cli, code: str) -> tuple[int, list[tuple[str, int, int, str]]]:
    run = cli("check", "plan.yaml", "--select", code, "--output-format", "json")
    return run.code, [(f["code"], f["line"], f["column"], f["message"]) for f in run.json()]


@pytest.mark.parametrize(FIELDS, CASES, ids=[case[0] for case in CASES])
def test_pack_rule_fires_on_a_breaking_plan(cli, write, code, bad, where, message, good):
    write("plan.yaml", bad)
    exit_code, found = _found(cli, code)
    assert found == [(code, *where, message)]
    assert exit_code == (1 if PACK_RULES[code].severity.value == "error" else 0)


@pytest.mark.parametrize(FIELDS, CASES, ids=[case[0] for case in CASES])
def test_pack_rule_stays_quiet_on_a_passing_plan(cli, write, code, bad, where, message, good):
    write("plan.yaml", good)
    assert _found(cli, code) == (0, [])


# --- the checks behind the cases, on more spellings -------------------------------------------


def _names(cli, write, code: str, names: list[str]) -> list[str]:
    props = "".join(f"      {json.dumps(name)}: {{type: string}}\n" for name in names)
    write("plan.yaml", f"trackinglint: 1\nevents:\n  order_completed:\n    properties:\n{props}")
    return [message.split("'")[1] for _, _, _, message in _found(cli, code)[1]]


SEGMENT_RESERVED = [
    "user_id", "userId", "UserID", "user id", "User-Id", "id", "ID", "event", "Event",
    "event_text", "eventText", "anonymous_id", "anonymousId", "received_at", "receivedAt",
    "sent_at", "sentAt", "timestamp", "original_timestamp", "originalTimestamp", "uuid",
    "uuid_ts", "uuidTs", "loaded_at",
]  # fmt: skip
SEGMENT_FREE = ["userid", "user_ids", "identity", "events", "event_name", "sent", "uuids", "ts"]


def test_segment_reserved_columns_match_after_snake_casing(cli, write):
    assert _names(cli, write, "SEG001", SEGMENT_RESERVED + SEGMENT_FREE) == SEGMENT_RESERVED


def test_segment_context_prefix_matches_after_snake_casing(cli, write):
    names = ["context_app", "contextApp", "Context Page", "context", "contextual", "contexts"]
    assert _names(cli, write, "SEG002", names) == ["context_app", "contextApp", "Context Page"]


def test_bigquery_reserved_prefixes_ignore_case(cli, write):
    names = ["_TABLE_SUFFIX", "_file_name", "_Partition_date", "_ROW_TIMESTAMP", "__root__x",
             "_COLIDENTIFIER1", "_table", "partition", "x_FILE_"]  # fmt: skip
    assert _names(cli, write, "BQ003", names) == names[:6]


def test_bigquery_column_characters(cli, write):
    names = ["9lives", "größe", "a.b", "a b", "a$b", "_ok", "ok_9", "OK"]
    assert _names(cli, write, "BQ001", names) == names[:5]


def test_snowflake_reserved_column_names_ignore_case(cli, write):
    names = ["CONSTRAINT", "current_time", "Current_Timestamp", "CURRENT_USER", "current_dates",
             "constraints", "user"]  # fmt: skip
    assert _names(cli, write, "BQ005", names) == names[:4]


def test_rudderstack_description_length_bounds(cli, write):
    long = "x" * 2001
    write("plan.yaml", (
        "trackinglint: 1\nevents:\n"
        f"  too_long:\n    description: {long}\n"
        f"  at_limit:\n    description: {'x' * 2000}\n"
        "  three:\n    description: abc\n"
        "  empty:\n    description: ''\n"
        "  none: {}\n"
    ))  # fmt: skip
    assert _found(cli, "RS005") == (1, [
        ("RS005", 4, 18, "the description of event 'too_long' must be 3 to 2000 characters "
         "long for rudder-cli"),
    ])  # fmt: skip


def test_top_level_only_rules_skip_nested_members(cli, write):
    write(
        "plan.yaml",
        """\
        trackinglint: 1
        events:
          order_completed:
            properties:
              order:
                type: object
                properties:
                  id: {type: string}
                  time: {type: string}
                  bad-name: {type: string}
              items:
                type: array
                items:
                  type: object
                  properties:
                    revenue: {type: string}
        """,
    )
    run = cli("check", "plan.yaml", "--select", "segment,mixpanel,bigquery", "--output-format",
              "concise")  # fmt: skip
    assert run.out.splitlines() == [
        "plan.yaml:10:11: BQ001 property 'bad-name' is not a valid BigQuery column name: use "
        "letters, digits and underscores only, starting with a letter or an underscore",
    ]


def test_pack_rules_read_every_plan_format(cli, write):
    """A RudderStack (rudder/v1) plan is checked by the same packs as a native one."""
    write(
        "events.yaml",
        """\
        version: rudder/v1
        kind: events
        metadata:
          name: app_events
        spec:
          events:
            - id: long_one
              name: A track event name that is far longer than sixty-four characters allows
              event_type: track
        """,
    )
    run = cli("check", "events.yaml", "--select", "rudderstack", "--output-format", "concise")
    assert (run.code, run.out.splitlines()) == (1, [
        "events.yaml:7:7: RS001 event 'A track event name that is far longer than sixty-four "
        "characters allows' is longer than the 64 characters rudder-cli accepts for a track "
        "event name",
    ])  # fmt: skip


# --- off by default, on by pack name ---------------------------------------------------------

BREAKS_EVERY_PACK = """\
trackinglint: 1
events:
  "[Amplitude] Merged User":
    description: An order was completed in the store.
    properties:
      smtp-id: {type: string}
      userId: {type: string}
      bucket: {type: string}
      " padded": {type: string}
"""


def _pack_codes(run) -> list[str]:
    return [f["code"] for f in run.json() if not f["code"].startswith("TL")]


def test_packs_are_off_by_default(cli, write):
    write("plan.yaml", BREAKS_EVERY_PACK)
    run = cli("check", "plan.yaml", "--output-format", "json")
    assert run.json(), "the outcome rules fire on this small plan, so the run did lint it"
    assert _pack_codes(run) == []
    listed = {line.split()[0]: line.split() for line in cli("rules").out.splitlines()[1:]}
    assert {code: listed[code][-1] for code in PACK_RULES} == dict.fromkeys(PACK_RULES, "off")


@pytest.mark.parametrize(("pack", "codes"), [
    ("amplitude", ["AMP001"]),
    ("bigquery", ["BQ001", "BQ001"]),
    ("mixpanel", ["MP003"]),
    ("rudderstack", ["RS004"]),
    ("segment", ["SEG001"]),
])  # fmt: skip
def test_extend_select_enables_a_pack_by_name(cli, write, pack, codes):
    write("plan.yaml", BREAKS_EVERY_PACK)
    run = cli("check", "plan.yaml", "--extend-select", pack, "--output-format", "json")
    assert _pack_codes(run) == codes


def test_config_enables_packs_and_cli_adds_and_ignores(cli, write):
    write("plan.yaml", BREAKS_EVERY_PACK)
    write("trackinglint.toml", 'extend-select = ["segment", "mixpanel"]\n')
    assert _pack_codes(cli("check", "plan.yaml", "--output-format", "json")) == [
        "SEG001", "MP003",
    ]  # fmt: skip
    run = cli("check", "plan.yaml", "--extend-select", "amplitude", "--ignore", "MP003",
              "--output-format", "json")  # fmt: skip
    assert _pack_codes(run) == ["AMP001", "SEG001"]


def test_pyproject_table_enables_a_pack(cli, write):
    write("plan.yaml", BREAKS_EVERY_PACK)
    write("pyproject.toml", '[tool.trackinglint]\nextend-select = ["rudderstack"]\n')
    assert _pack_codes(cli("check", "plan.yaml", "--output-format", "json")) == ["RS004"]


def test_a_misspelt_pack_name_is_a_usage_error(cli, write):
    write("plan.yaml", BREAKS_EVERY_PACK)
    run = cli("check", "plan.yaml", "--extend-select", "bigqeury")
    assert (run.code, run.err) == (
        2,
        "trackinglint: error: --extend-select: unknown rule 'bigqeury'; did you mean 'bigquery'?\n",
    )


# --- pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(PACK_RULES))
def test_rule_page_names_the_pack_and_its_source(cli, code):
    rule = PACK_RULES[code]
    run = cli("rule", code)
    assert run.code == 0
    assert run.out.startswith(f"# {code} {rule.name}\n\n**Severity:** {rule.severity.value} · ")
    assert f"**Group:** {rule.group} · **Default:** off (select `{rule.group}` or `{code}`)" in (
        run.out
    )
    source = PACK_DATA[rule.group]["source"]
    assert f"\n## Source\n{source}\n" in run.out
    assert cli("rule", rule.name).out == run.out
