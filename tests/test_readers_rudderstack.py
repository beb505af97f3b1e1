"""The RudderStack reader: a folder of rudder-cli YAML files read as one plan."""

from __future__ import annotations

import textwrap
from pathlib import Path

from trackinglint import Engine, LintResult
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides

from conftest import REPO

PROJECT = REPO / "tests" / "fixtures" / "rudderstack" / "create"
REGISTRY = build_registry(load_entry_points=False)


def lint(*paths: Path) -> LintResult:
    return Engine(REGISTRY, overrides=Overrides(select=("TL0",))).lint(list(paths))


def where(item) -> tuple[str, int, int]:
    span = item.origin.span()
    return item.origin.document.path.name, span.line, span.column


def found(result: LintResult) -> list[tuple[str, str, int, int, str]]:
    return [(f.code, Path(f.file).name, f.line, f.column, f.message) for f in result.findings]


def test_a_project_folder_is_one_plan_with_references_resolved_across_files():
    result = lint(PROJECT)
    assert result.findings == []
    (plan,) = result.plans
    assert len(plan.documents) == 10
    assert list(plan.events) == [
        "api_tracking", "Login Event", "Logout Event", "Signup", "Checkout",
    ]  # fmt: skip
    # `event_type: page` is a page call, not an event: kept apart, named by its id
    (page,) = plan.non_events.values()
    assert (list(plan.non_events), page.call, page.is_event) == (["page page_view"], "page", False)
    assert where(page) == ("events_v1.yaml", 7, 7)
    signup = plan.events["Signup"]
    assert where(signup) == ("events_v1.yaml", 11, 7)
    assert (signup.description, signup.tags) == (
        "Triggered when a user signs up.",
        ("User Actions",),
    )
    assert {n: (p.types, p.required, p.ref) for n, p in signup.properties.items()} == {
        "Email Address": (("string",), True, "Email Address"),
        "User Metadata": (("object", "null"), False, "User Metadata"),
        "User Profiles": (("array",), False, "User Profiles"),
    }
    assert where(signup.properties["Email Address"]) == ("trackingplan_v1.yaml", 20, 11)
    assert signup.properties["User Profiles"].items.types == ("object",)


def test_shared_properties_carry_their_config_and_custom_types():
    (plan,) = lint(PROJECT).plans
    email = plan.properties["Email Address"]
    assert where(email) == ("properties_v1.yaml", 7, 7)
    assert email.schema == {"format": "email", "minLength": 5, "maxLength": 255, "type": "string"}
    username = plan.properties["Username"]  # type: "#/custom-types/login_elements/email_type"
    assert username.types == ("string",)
    assert username.schema["format"] == "email"
    assert plan.properties["HTTP Retry Count"].schema == {
        "minimum": 0, "maximum": 10, "multipleOf": 2, "type": "integer",
    }  # fmt: skip


def test_legacy_rules_nest_properties_and_variants_add_optional_ones():
    (plan,) = lint(PROJECT).plans
    login = plan.events["Login Event"]
    info = login.properties["Signin Info"]
    assert (info.types, info.required) == (("object",), True)
    assert list(info.properties) == ["Remember Me Checkbox Clicked", "Captcha"]
    captcha = info.properties["Captcha"]
    assert list(captcha.properties) == ["Captcha Solved", "Captcha Info"]
    assert list(captcha.properties["Captcha Info"].properties) == ["Captcha Type"]
    templated = plan.events["api_tracking"]  # name: "{{ .API_TRACKING_NAME }}"
    assert templated.tags == ("User Actions",)
    assert {n: p.required for n, p in templated.properties.items()} == {
        "API Method": True, "API Path": True, "Username": True, "Password": True,
        "User Agent": False, "Host": False,  # from a variant case: required only there
    }  # fmt: skip


def test_a_tracking_plan_linted_alone_finds_its_events_beside_it():
    engine = Engine(REGISTRY, overrides=Overrides(select=("TL0",)))
    result = engine.lint([PROJECT / "trackingplan_v1.yaml"], whole_plan=True)
    assert result.findings == []
    (plan,) = result.plans
    # the rest of the project is read for context; only the named file is reported
    assert [Path(shown).name for shown in result.documents] == ["trackingplan_v1.yaml"]
    assert len(plan.documents) == 10  # the project's folder, as `check FOLDER` reads it
    assert "Signup" in plan.events
    assert where(plan.events["Signup"]) == ("events_v1.yaml", 11, 7)
    assert list(plan.events["Signup"].properties) == [
        "Email Address",
        "User Metadata",
        "User Profiles",
    ]


def _project(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


EVENTS = """
    version: rudder/v1
    kind: events
    metadata:
      name: shop_events
    spec:
      events:
        - id: order_completed
          name: Order Completed
          event_type: track
          category: "#category:checkout"
"""
CATEGORIES = """
    version: rudder/v1
    kind: categories
    metadata:
      name: shop_categories
    spec:
      categories:
        - id: checkout
          name: Checkout
"""
PROPERTIES = """
    version: rudder/v1
    kind: properties
    metadata:
      name: shop_properties
    spec:
      properties:
        - id: order_id
          name: order_id
          type: string
        - id: coupon
          name: coupon
          type: "#custom-type:coupon_code"
"""


def test_references_that_name_nothing_are_reported_with_a_hint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _project(
        tmp_path / "shop",
        {
            "events.yaml": EVENTS,
            "categories.yaml": CATEGORIES,
            "properties.yaml": PROPERTIES,
            "plan.yaml": """
                version: rudder/v1
                kind: tracking-plan
                metadata:
                  name: shop
                spec:
                  id: shop
                  display_name: Shop
                  rules:
                    - type: event_rule
                      id: order_rule
                      event: "#event:order_compelted"
                    - type: event_rule
                      id: order_rule_2
                      event: "#event:order_completed"
                      properties:
                        - property: "#property:order_id"
                          required: true
                        - property: "#property:discount"
                        - property: "#event:order_completed"
            """,
            "legacy.yaml": """
                version: rudder/v0.1
                kind: tp
                metadata:
                  name: legacy
                spec:
                  id: legacy
                  rules:
                    - type: event_rule
                      id: legacy_rule
                      event:
                        $ref: "#/events/web_events/order_completed"
            """,
        },
    )
    result = lint(tmp_path / "shop")
    assert found(result) == [
        ("TL007", "legacy.yaml", 11, 15,
         "'#/events/web_events/order_completed' names no event: 'order_completed' is defined in "
         "group 'shop_events'; did you mean '#/events/shop_events/order_completed'?"),
        ("TL007", "plan.yaml", 11, 14,
         "'#event:order_compelted' names no event in the plan's files; did you mean "
         "'order_completed'?"),
        ("TL007", "plan.yaml", 18, 21,
         "'#property:discount' names no property in the plan's files; define the property or "
         "fix the id"),
        ("TL007", "plan.yaml", 19, 21,
         "'#event:order_completed' names an event, where a property belongs"),
        ("TL007", "properties.yaml", 12, 13,
         "'#custom-type:coupon_code' names no custom type in the plan's files; define the custom "
         "type or fix the id"),
    ]  # fmt: skip
    (plan,) = result.plans
    order = plan.events["Order Completed"]
    assert order.tags == ("Checkout",)
    assert {n: p.required for n, p in order.properties.items()} == {"order_id": True}


def test_entries_rudder_cli_would_reject_are_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _project(
        tmp_path / "shop",
        {
            "events.yaml": """
                version: rudder/v1
                kind: events
                metadata:
                  name: shop_events
                spec:
                  events:
                    - name: No Id
                      event_type: track
                    - id: clicked
                      name: Clicked
                      event_type: click
                    - id: paid
                      event_type: track
            """,
            "more.yaml": """
                version: rudder/v2
                kind: events
                metadata:
                  name: more_events
                spec:
                  events:
                    - id: paid
                      name: Paid Again
                      event_type: track
            """,
            "properties.yaml": """
                version: rudder/v0.1
                kind: properties
                metadata:
                  name: props
                spec:
                  properties:
                    - id: email
                      name: email
                      type: strng
                      propConfig:
                        format: e-mail
            """,
        },
    )
    result = lint(tmp_path / "shop")
    assert found(result) == [
        ("TL008", "events.yaml", 7, 7, "an event has no `id`; rudder-cli requires it"),
        ("TL008", "events.yaml", 11, 19,
         "event 'clicked' has event_type 'click'; use one of track, screen, page, identify, group"),
        ("TL008", "events.yaml", 12, 7,
         "track event 'paid' has no `name`; a track event is sent by name"),
        ("TL008", "more.yaml", 1, 10,
         "unknown rudder-cli version 'rudder/v2'; use one of rudder/0.1, rudder/v0.1, rudder/v1"),
        ("TL008", "more.yaml", 7, 11,
         "event id 'paid' is already defined (at shop/events.yaml:12); rudder-cli needs each id "
         "once per kind, so rename or remove one"),
        ("TL008", "properties.yaml", 9, 13,
         "property 'email' has type 'strng'; use a JSON type or a custom type"),
        ("TL008", "properties.yaml", 11, 17,
         "property 'email' has format 'e-mail', which JSON Schema does not define; use e.g. "
         "email, date-time, uri or uuid"),
    ]  # fmt: skip
    (plan,) = result.plans
    assert list(plan.events) == ["Clicked", "paid"]  # the entry without an id cannot be named


def test_a_plan_split_over_sibling_folders_resolves_when_one_file_is_linted(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _project(
        tmp_path / "project",
        {
            "catalog/events.yaml": EVENTS,
            "catalog/categories.yaml": CATEGORIES,
            "plans/shop.yaml": """
                version: rudder/v1
                kind: tracking-plan
                metadata:
                  name: shop
                spec:
                  id: shop
                  rules:
                    - type: event_rule
                      id: order_rule
                      event: "#event:order_completed"
            """,
        },
    )
    shop = tmp_path / "project" / "plans" / "shop.yaml"
    engine = Engine(REGISTRY, overrides=Overrides(select=("TL0",)))
    result = engine.lint([shop], whole_plan=True)  # as the pre-commit hook reads it
    assert result.findings == []
    (plan,) = result.plans
    assert where(plan.events["Order Completed"]) == ("events.yaml", 7, 7)
    (unresolved,) = lint(shop).findings  # named alone, nothing else is read
    assert unresolved.code == "TL007"


DOCS = REPO / "tests" / "data" / "rudder-iac" / "cli/internal/providers/datacatalog/docs"


def _doc_examples() -> list[tuple[str, str, dict]]:
    import yaml

    cases = []
    for path in sorted(DOCS.glob("*.docs.yaml")):
        for behaviour in yaml.safe_load(path.read_text(encoding="utf-8"))["match_behavior"]:
            for kind in ("valid", "invalid"):
                for example in behaviour.get(kind) or ():
                    cases.append((kind, example["example_id"], example))
    return cases


def test_rudder_clis_own_examples_of_entry_validation(tmp_path, monkeypatch):
    """rudder-cli documents each validation rule with valid and invalid spec files; every
    valid one reads without TL008, and every invalid one about a missing or wrong field of
    an entry gets TL008 inside that entry (duplicates across files are TL201's job)."""
    monkeypatch.chdir(tmp_path)
    checked = {"valid": 0, "invalid": 0}
    for kind, name, example in _doc_examples():
        folder = tmp_path / name / "project"
        _project(folder, {file: text for file, text in example["files"].items()})
        result = lint(folder)
        malformed = [f for f in result.findings if f.code == "TL008"]
        if kind == "valid":
            assert malformed == [], name
            checked["valid"] += 1
            continue
        for expected in example["expected_diagnostics"]:
            message = expected["message_contains"]
            if "duplicate" in message:
                continue
            segments = [s for s in expected["reference"].split("/") if s and s != "spec"]
            pointer = ("spec", segments[0], int(segments[1])) if len(segments) > 1 else ("spec",)
            document = result.documents[f"{name}/project/{expected['file']}"]
            entry = document.span(pointer, "value")
            hits = [f for f in malformed if entry.line <= f.line <= entry.end_line]
            assert hits, (name, expected, malformed)
            field = message.split("'")[1] if "is required" in message else None
            if field:
                assert any(f"`{field}`" in f.message for f in hits), (name, hits)
            elif message != "oneof":
                assert any(message in f.message for f in hits), (name, hits)
            checked["invalid"] += 1
    assert checked == {"valid": 26, "invalid": 17}


def test_projects_side_by_side_keep_their_own_definitions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan = """
        version: rudder/v1
        kind: tracking-plan
        metadata:
          name: shop
        spec:
          id: shop
          rules:
            - type: event_rule
              id: order_rule
              event: "#event:order_completed"
              properties:
                - property: "#property:order_id"
                  required: true
    """
    for project, kind in (("web", "string"), ("app", "integer")):
        props = PROPERTIES.replace("type: string", f"type: {kind}").split("        - id: coupon")[0]
        _project(tmp_path / project, {"events.yaml": EVENTS, "categories.yaml": CATEGORIES,
                                      "properties.yaml": props, "plan.yaml": plan})  # fmt: skip
    result = lint(tmp_path)
    assert result.findings == []  # the same ids in two projects are no duplicates
    app, web = result.plans  # two projects, two plans, each with its own definitions
    assert {d.path.parent.name for d in app.documents} == {"app"}
    assert app.events["Order Completed"].properties["order_id"].types == ("integer",)
    assert web.events["Order Completed"].properties["order_id"].types == ("string",)
    assert app.redefinitions == [] and web.redefinitions == []


def test_early_files_named_by_display_name_read_clean():
    """RudderStack's own GitHub-action example (tests/data/rudder-tracking-plan-action,
    MIT): `rudder/0.1` and `rudder/v0.1` files naming entries with `display_name`. The
    names are read from it, and no entry is reported for lacking `name`."""
    folder = REPO / "tests" / "data" / "rudder-tracking-plan-action" / "tracking-plans"
    result = lint(folder)
    assert found(result) == []
    (plan,) = result.plans
    (event,) = plan.events.values()
    assert (event.name, where(event)) == ("Product Viewed", ("events.yaml", 7, 7))
    assert {n: (p.required, where(p)) for n, p in event.properties.items()} == {
        "SKU": (True, ("trackingplan.yaml", 16, 11)),  # where the rule refers to it
        "Category": (False, ("trackingplan.yaml", 18, 11)),
    }
