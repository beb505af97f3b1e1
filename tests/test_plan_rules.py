"""The consistency, naming, hygiene and schema rules TL201-TL213: exact findings."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from trackinglint import Engine
from trackinglint.config import ConfigError
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides

REGISTRY = build_registry(load_entry_points=False)


@pytest.fixture
def lint(tmp_path, monkeypatch):
    """Lint plan files (name -> text) with one rule selected: (file, line, col, message)."""
    monkeypatch.chdir(tmp_path)

    def run(files: dict[str, str] | str, code: str, config: str = ""):
        if isinstance(files, str):
            files = {"plan.yaml": files}
        for name, text in files.items():
            (tmp_path / name).write_text(textwrap.dedent(text).lstrip("\n"))
        (tmp_path / "trackinglint.toml").write_text(textwrap.dedent(config))
        result = Engine(REGISTRY, overrides=Overrides(select=(code,))).lint([tmp_path])
        assert {f.code for f in result.findings} <= {code}
        run.findings = result.findings  # type: ignore[attr-defined]
        return [(f.file, f.line, f.column, f.message) for f in result.findings]

    yield run
    # Leave no configuration behind: a later test's plan must not pick it up.
    (tmp_path / "trackinglint.toml").unlink(missing_ok=True)


def related(finding) -> list[tuple[str, int, int, str]]:
    return [(p.file, p.line, p.column, p.note) for p in finding.related]


def test_tl201_case_and_separator_variants_across_files(lint):
    found = lint(
        {
            "a.yaml": "trackinglint: 1\nevents:\n  App Opened: {}\n  Order Completed: {}\n",
            "b.yaml": "trackinglint: 1\nevents:\n  app_opened: {}\n  appOpened: {}\n",
        },
        "TL201",
    )
    assert found == [
        ("b.yaml", 3, 3, "events 'App Opened', 'app_opened', 'appOpened' differ only in case or "
         "separators; analyses split one behaviour in two: keep one name and send it everywhere"),
    ]  # fmt: skip
    [finding] = lint.findings
    assert related(finding) == [("a.yaml", 3, 3, "'App Opened'"), ("b.yaml", 4, 3, "'appOpened'")]


def test_tl201_same_event_defined_in_two_files(lint):
    found = lint(
        {"a.yaml": "trackinglint: 1\nevents:\n  Signed In: {}\n",
         "b.yaml": "trackinglint: 1\nevents:\n  Signed In: {}\n"},
        "TL201",
    )  # fmt: skip
    assert [f[:3] for f in found] == [("b.yaml", 3, 3)]
    assert found[0][3].startswith("event 'Signed In' is defined 2 times; ")
    assert related(lint.findings[0]) == [("a.yaml", 3, 3, "'Signed In'")]


def test_tl202_property_spelled_three_ways_reported_once(lint):
    plan = """
    trackinglint: 1
    events:
      A Done:
        properties: {site_id: {type: string}, other: {type: string}}
      B Done:
        properties: {siteId: {type: string}}
      C Done:
        properties: {site_id: {type: string}, "site id": {type: string}}
    """
    assert lint(plan, "TL202") == [
        ("plan.yaml", 6, 18, "property spelled 3 ways: 'site_id' (2 places), 'siteId' (1 place), "
         "'site id' (1 place); pick one spelling (most used: 'site_id') so the columns line up "
         "downstream"),
    ]  # fmt: skip
    assert related(lint.findings[0]) == [  # the less used spellings first
        ("plan.yaml", 8, 43, "'site id'"), ("plan.yaml", 4, 18, "'site_id'"),
        ("plan.yaml", 8, 18, "'site_id'"),
    ]  # fmt: skip


def test_tl203_type_conflict_once_per_property_with_every_place(lint):
    plan = """
    trackinglint: 1
    properties:
      amount: {type: number}
    events:
      A Done:
        properties: {amount: {$ref: amount}, count: {type: integer}}
      B Done:
        properties: {amount: {type: string}, count: {type: [integer, "null"]}}
      C Done:
        properties: {amount: {type: string}}
    """
    assert lint(plan, "TL203") == [
        ("plan.yaml", 8, 18, "property 'amount' has 2 types: number (2 places), string (2 places); "
         "give it one type everywhere, or rename the ones that mean something else"),
    ]  # fmt: skip
    assert related(lint.findings[0]) == [
        ("plan.yaml", 10, 18, "string"), ("plan.yaml", 6, 18, "number"),
        ("plan.yaml", 3, 3, "number"),
    ]  # fmt: skip


def test_tl203_compares_the_same_field_in_the_same_role(lint):
    """Nested fields under different parents are different fields; untyped is not a type."""
    plan = """
    trackinglint: 1
    properties:
      address: {type: object, properties: {zip: {type: string}}}
    events:
      A Done:
        properties:
          cart: {type: object, properties: {price: {type: number}}}
          refund: {type: object, properties: {price: {type: string}}}
          price: {type: integer}
          zip: {type: integer}
      B Done:
        properties:
          cart: {type: object, properties: {price: {type: string}}}
          price: {description: untyped}
          zip: {type: string}
    """
    assert [message.split(";")[0] for *_, message in lint(plan, "TL203")] == [
        "property 'zip' has 2 types: integer (1 place), string (1 place)",
    ]  # the shared object's member `address.zip` is another field


def test_tl204_majority_style_and_suggestion(lint):
    plan = (
        "trackinglint: 1\nevents:\n  Order Completed: {}\n  Cart Viewed: {}\n  cart_emptied: {}\n"
    )
    assert lint(plan, "TL204") == [
        ("plan.yaml", 5, 3, "event name 'cart_emptied' is not Title Case, but the plan's event "
         "names are mostly Title Case (\"Object Action\") (2 of the 3 whose style is clear); "
         "rename it to match, e.g. 'Cart Emptied'"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ('convention = "snake_case"', ["Order Completed", "Cart Viewed", "Checkout"]),
        ('convention = "title-object-action"', ["cart_emptied", "Checkout"]),
        ('pattern = "[A-Z][a-z]+( [A-Z][a-z]+)*"', ["cart_emptied"]),
    ],
)
def test_tl204_configured_conventions(lint, options, expected):
    plan = (
        "trackinglint: 1\nevents:\n  Order Completed: {}\n  Cart Viewed: {}\n"
        "  cart_emptied: {}\n  Checkout: {}\n"
    )
    found = lint(plan, "TL204", f"[options.TL204]\n{options}\n")
    assert [message.split("'")[1] for *_, message in found] == expected


def test_tl204_rejects_an_unknown_convention(lint):
    with pytest.raises(ConfigError, match=r"'options\.TL204\.convention': use one of"):
        lint("trackinglint: 1\n", "TL204", '[options.TL204]\nconvention = "shouting"\n')


def test_tl205_property_convention(lint):
    plan = """
    trackinglint: 1
    events:
      A Done:
        properties: {order_id: {type: string}, total_amount: {type: number}, couponCode: {}}
    """
    [(_, line, column, message)] = lint(plan, "TL205")
    assert (line, column) == (4, 74)
    assert message == (
        "property name 'couponCode' is not snake_case, but the plan's property names are mostly "
        "snake_case (2 of the 3 whose style is clear); rename it to match, e.g. 'coupon_code'"
    )


def test_tl206_kinds_option_and_ref_descriptions(lint):
    plan = """
    trackinglint: 1
    properties:
      deal_id: {type: string, description: The deal.}
    jobs:
      qualify: {}
    events:
      A Done:
        description: Done.
        properties: {deal_id: {$ref: deal_id}, note: {type: string}}
    metrics:
      M: {event: A Done}
    """
    found = lint(plan, "TL206")
    assert [(line, message.split(";")[0]) for _, line, _, message in found] == [
        (5, "job 'qualify' has no description"),
        (9, "event 'A Done' has 1 property without a description (note)"),
        (11, "metric 'M' has no description"),
    ]
    only_events = lint(plan, "TL206", '[options.TL206]\nkinds = ["event"]\n')
    assert only_events == []


def test_tl206_a_name_undocumented_on_several_events_is_one_finding(lint):
    plan = """
    trackinglint: 1
    events:
      A Done: {description: a, properties: {user_id: {type: string}, note: {type: string}}}
      B Done: {description: b, properties: {user_id: {type: string}}}
      C Done: {properties: {user_id: {type: string, description: The user.}}}
    """
    assert [(line, message.split(";")[0]) for _, line, _, message in lint(plan, "TL206")] == [
        (3, "property 'user_id' has no description on 2 events ('A Done', 'B Done')"),
        (3, "event 'A Done' has 1 property without a description (note)"),
        (5, "event 'C Done' has no description"),
    ]
    assert related(lint.findings[0]) == [("plan.yaml", 4, 41, "event 'B Done'")]


def test_tl206_asks_nothing_of_properties_only_listed_by_name(lint):
    """Names in a sheet's cell, or a list of names: nothing beside the name could hold a
    description (field test: a GA4/Meta sheet listing `currency;value;items`, and a
    home-grown plan whose parameters are described in a separate dictionary)."""
    sheet = (
        "event,required,note\n"
        "purchase,transaction_id;value,Order confirmed\n"
        "refund,transaction_id,\n"
    )
    found = lint({"plan.csv": sheet}, "TL206")
    assert [(line, message.split(";")[0]) for _, line, _, message in found] == [
        (3, "event 'refund' has no description"),
    ]
    listed = (
        "events:\n  - event_name: search\n    trigger: A search was sent\n"
        "    parameters: [search_term, page_title]\n"
    )
    mapping = (
        '[plan-mapping]\nevents = "events"\nname = "event_name"\ndescription = "trigger"\n'
        'properties = "parameters"\n'
    )
    found = lint({"own.yaml": listed}, "TL206", mapping)  # plan.csv is still beside it
    assert [(Path(file).name, line) for file, line, _, _ in found] == [("plan.csv", 3)]


def test_tl207_is_off_by_default_and_works_when_selected(lint, tmp_path):
    plan = "trackinglint: 1\nevents:\n  A Done: {owner: billing}\n  B Done: {}\n"
    assert lint(plan, "TL207") == [
        ("plan.yaml", 4, 3, "event 'B Done' has no owner; name the team that answers for it"),
    ]
    result = Engine(REGISTRY).lint([tmp_path / "plan.yaml"])
    assert "TL207" not in {f.code for f in result.findings}


def test_tl208_every_kind_of_reference(lint):
    plan = """
    trackinglint: 1
    properties:
      deal_id: {type: string}
    jobs:
      qualify: {completion: Deal Qualified}
    events:
      Deal Qualified:
        job: qualfy
        properties: {deal_id: {$ref: deal_ids}}
    metrics:
      Deals: {event: Deal Qualifed, numerator: Deal Qualified, denominator: Nothing Here}
    dashboards:
      D: {metrics: [Deals, Dealz]}
    """
    found = [(line, column, message) for _, line, column, message in lint(plan, "TL208")]
    assert found == [
        (8, 10, "event 'Deal Qualified' refers to job 'qualfy', which the plan does not define; "
                "did you mean 'qualify'?"),
        (9, 34, "property 'deal_id' of event 'Deal Qualified' refers to shared property "
                "'deal_ids', which the plan does not define; did you mean 'deal_id'?"),
        (11, 18, "metric 'Deals' refers to event 'Deal Qualifed', which the plan does not "
                 "define; did you mean 'Deal Qualified'?"),
        (11, 73, "metric 'Deals' refers to event 'Nothing Here', which the plan does not "
                 "define; define the event or fix the name"),
        (13, 24, "dashboard 'D' refers to metric 'Dealz', which the plan does not define; "
                 "did you mean 'Deals'?"),
    ]  # fmt: skip


def test_tl209_unused_shared_property_and_metric(lint):
    plan = """
    trackinglint: 1
    properties:
      used: {type: string}
      spare: {type: string}
    events:
      A Done: {properties: {used: {$ref: used}}}
    metrics:
      Shown: {event: A Done}
      Hidden: {event: A Done}
      Star: {event: A Done, north_star: true}
    dashboards:
      D: {metrics: [Shown]}
    """
    found = [(line, message.split(";")[0]) for _, line, _, message in lint(plan, "TL209")]
    assert found == [
        (4, "shared property 'spare' is not used by any event"),
        (9, "metric 'Hidden' is on no dashboard"),
    ]


@pytest.mark.parametrize(
    ("name", "flagged"),
    [
        ("email", True), ("user_email_address", True), ("phoneNumber", True),
        ("first_name", True), ("DateOfBirth", True), ("ip_address", True), ("zip_code", True),
        ("shipping_address", True), ("ssn", True), ("creditCardNumber", True),
        ("product_name", False), ("is_mobile", False), ("zip_file", False),
        ("email_opt_in_count", False), ("tipping_point", False), ("plan_name", False),
        ("anonymizeIp", False), ("ip_isp", False), ("latitudeLongitudeAccuracy", False),
        ("ipOverride", True), ("geo_latitude", True),
    ],
)  # fmt: skip
def test_tl210_personal_data_names(lint, name, flagged):
    plan = f"trackinglint: 1\nevents:\n  A Done:\n    properties:\n      {name}: {{type: string}}\n"
    assert bool(lint(plan, "TL210")) is flagged


def test_tl210_a_declaration_either_way_is_enough(lint):
    plan = "trackinglint: 1\nevents:\n  A:\n    properties:\n      email: {pii: false}\n"
    assert lint(plan, "TL210") == []


def test_tl211_untyped_property(lint):
    plan = """
    trackinglint: 1
    properties:
      typed: {type: string}
    events:
      A Done:
        properties:
          total: {description: Amount.}
          shared: {$ref: typed}
          level: {enum: [1, 2]}
    """
    assert lint(plan, "TL211") == [
        ("plan.yaml", 7, 7, "property 'total' of event 'A Done' has no type; every destination "
         "guesses differently: declare one (string, integer, number, boolean, object, array)"),
    ]  # fmt: skip


def test_tl212_contradictions(lint):
    plan = """
    trackinglint: 1
    events:
      A Done:
        properties:
          quantity: {type: integer, minimum: 10, maximum: 1}
          code: {type: number, minLength: 2}
          coupon: {type: string, pattern: "^(?!TEST)"}
          broken: {type: string, pattern: "([a-z"}
          level: {enum: [1, 2]}
          tier: {type: string, enum: [gold, 3]}
          box: {type: object, required: [width], properties: {height: {type: number}}}
    """
    found = [(line, message) for _, line, _, message in lint(plan, "TL212")]
    assert [line for line, _ in found] == [5, 6, 7, 8, 10, 11]  # untyped enum: no contradiction
    assert found[0][1] == (
        "property 'quantity': minimum 10 is greater than maximum 1; no value can satisfy both"
    )
    assert found[1][1] == (
        "property 'code': `minLength` applies to string values, but the type is number"
    )
    assert "uses a lookahead or lookbehind" in found[2][1]
    assert "does not compile" in found[3][1]
    assert found[4][1] == "property 'tier': enum value 3 is not of type string"
    assert found[5][1] == (
        "property 'box': `required` names 'width', which is not one of its properties"
    )


def test_tl212_hostile_patterns_and_required_entries_are_findings_not_crashes(lint):
    deep = "(" * 60 + "a" + ")" * 60
    plan = f"""
    trackinglint: 1
    events:
      A Done:
        properties:
          huge: {{type: string, pattern: "a{{99999999999999999999}}"}}
          deep: {{type: string, pattern: "{deep}"}}
          box: {{type: object, required: [{{width: 1}}, height], properties: {{height: {{}}}}}}
    """
    found = [(line, col, message) for _, line, col, message in lint(plan, "TL212")]
    assert found == [
        (5, 28, "property 'huge': pattern 'a{99999999999999999999}' repeats "
         "99,999,999,999,999,999,999 times at '{99999999999999999999}'; counts are limited "
         "to 100,000 (see README, Limits)"),
        (6, 28, f"property 'deep': pattern {deep[:76]!r}"[:-1] + "… nests groups 60 deep; "
         "patterns are limited to 50 (see README, Limits)"),
        (7, 27, "property 'box': `required` lists {\"width\": 1}, which is not a property name"),
    ]  # fmt: skip


def test_tl212_judges_open_members_and_prints_json_values(lint):
    plan = """
    trackinglint: 1
    events:
      Form Sent:
        properties:
          answers:
            type: object
            additionalProperties: {type: integer, minimum: 5, maximum: 1}
            patternProperties:
              "^x_": {type: string, enum: [a, null]}
    """
    found = [(line, col, message) for _, line, col, message in lint(plan, "TL212")]
    assert found == [
        (7, 47, "property 'answers' (additionalProperties): minimum 5 is greater than "
         "maximum 1; no value can satisfy both"),
        (9, 33, "property 'answers' (patternProperties/^x_): enum value null is not of type "
         "string"),
    ]  # fmt: skip


def test_tl212_judges_the_event_root(lint):
    schema = """
    {
      "$schema": "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#",
      "self": {"vendor": "com.acme", "name": "ev", "format": "jsonschema", "version": "1-0-0"},
      "type": "object",
      "properties": {"a": {"type": "string", "maxLength": 10}},
      "required": ["a", "b"],
      "additionalProperties": false
    }
    """
    found = [(line, col, message) for _, line, col, message in lint({"ev.json": schema}, "TL212")]
    assert found == [(6, 3, "event 'ev': `required` names 'b', which is not one of its properties")]


def test_tl213_nesting_depth_and_option(lint):
    plan = """
    trackinglint: 1
    events:
      A Done:
        properties:
          order:
            type: object
            properties:
              customer:
                type: object
                properties:
                  address:
                    type: object
                    properties:
                      city: {type: string}
    """
    found = lint(plan, "TL213")
    assert [(line, column) for _, line, column, _ in found] == [(14, 19)]
    assert found[0][3].startswith("property 'city' is nested 4 levels deep (limit 3);")
    assert lint(plan, "TL213", "[options.TL213]\nmax-depth = 4\n") == []
