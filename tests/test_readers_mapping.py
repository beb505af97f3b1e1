"""plan-mapping: a team's own YAML or JSON plan read through keys named in the config.

The real file is analyze-tracking's generated schema for its Python fixture
(tests/data/analyze-tracking, MIT): events keyed by name, properties as a mapping."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from trackinglint import Engine, LintResult
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides

from conftest import REPO

REAL = (
    REPO / "tests" / "data" / "analyze-tracking" / "tests" / "fixtures" / "python"
    / "tracking-schema-python.yaml"
)  # fmt: skip
REGISTRY = build_registry(load_entry_points=False)


def lint(*paths: Path, config: Path, select=("TL0",)) -> LintResult:
    engine = Engine(REGISTRY, config_file=config, overrides=Overrides(select=select))
    return engine.lint(list(paths))


def found(result: LintResult) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.line, f.column, f.message) for f in result.findings]


def configure(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "trackinglint.toml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_a_real_schema_keyed_by_name_reads_eight_events_counted_by_hand(tmp_path):
    plan_file = tmp_path / "tracking-schema.yaml"
    shutil.copyfile(REAL, plan_file)
    config = configure(tmp_path, '[plan-mapping]\nevents = "events"\n')
    result = lint(plan_file, config=config)
    assert found(result) == []
    (plan,) = result.plans
    assert list(plan.events) == [
        "User Signed Up", "Purchase Completed", "Button Clicked", "User Logged In",
        "user_signed_up", "user_cancelled_subscription", "add-to-basket", "custom_event",
    ]  # fmt: skip
    purchase = plan.events["Purchase Completed"]
    span = purchase.origin.span()
    assert (span.line, span.column) == (23, 3)
    assert {n: p.types for n, p in purchase.properties.items()} == {
        "distinct_id": ("string",), "plan": ("string",), "price": ("number",),
        "items": ("array",),
    }  # fmt: skip
    assert purchase.properties["items"].items.types == ("string",)
    nested = plan.events["custom_event"].properties["nested"]
    assert nested.properties["a"].items.types == ("number",)
    where = nested.properties["a"].origin.span()
    assert (where.line, where.column) == (123, 11)


def test_the_real_schema_gets_the_findings_its_team_would_act_on(tmp_path):
    plan_file = tmp_path / "tracking-schema.yaml"
    shutil.copyfile(REAL, plan_file)
    config = configure(tmp_path, '[plan-mapping]\nevents = "events"\n')
    result = lint(plan_file, config=config, select=("TL201", "TL202"))
    assert [(code, line) for code, line, _, _ in found(result)] == [("TL201", 68), ("TL202", 116)]


LIST_PLAN = """
tracking:
  events:
    - event_name: Order Completed
      summary: A customer paid.
      status: live
      params:
        - name: order_id
          type: string
          required: true
        - name: total
          type: number
    - event_name: Old Banner Clicked
      status: deleted
    - event_name: Checkout Started
      required: [cart_id]
      params: [cart_id, coupon]
"""


def test_a_list_of_events_with_custom_keys(tmp_path, write):
    path = write("plan.yaml", LIST_PLAN)
    config = configure(
        tmp_path,
        """
        [plan-mapping]
        events = "tracking.events"
        name = "event_name"
        description = "summary"
        properties = "params"
    """,
    )
    result = lint(path, config=config)
    assert found(result) == []
    (plan,) = result.plans
    assert list(plan.events) == ["Order Completed", "Checkout Started"]
    order = plan.events["Order Completed"]
    assert (order.description, order.origin.path) == (
        "A customer paid.",
        "tracking.events[0].event_name",
    )
    assert {n: (p.types, p.required) for n, p in order.properties.items()} == {
        "order_id": (("string",), True), "total": (("number",), False),
    }  # fmt: skip
    checkout = plan.events["Checkout Started"]
    assert {n: p.required for n, p in checkout.properties.items()} == {
        "cart_id": True, "coupon": False,
    }  # fmt: skip
    (old,) = plan.non_events.values()
    assert (old.name, old.status, old.is_event) == ("Old Banner Clicked", "deleted", False)


BROKEN = """
tracking:
  events:
    - event_name: Order Completed
      params:
        - name: order_id
          type: strng
          required: maybe
        - nme: total
    - 42
    - params: []
"""


def test_bad_entries_are_located_findings(tmp_path, write):
    path = write("plan.yaml", BROKEN)
    config = configure(
        tmp_path,
        """
        [plan-mapping]
        events = "tracking.events"
        name = "event_name"
        properties = "params"
    """,
    )
    assert found(lint(path, config=config)) == [
        ("TL008", 6, 17, "property 'order_id' of event 'Order Completed' has type 'strng', "
                         "which is not a JSON type; use string, number, integer, boolean, "
                         "object, array or null"),
        ("TL008", 7, 21, "property 'order_id' of event 'Order Completed' has `required` "
                         "'maybe'; write true or false"),
        ("TL008", 8, 11, "a property of event 'Order Completed' has no `name`; write the "
                         "property's name under `name`"),
        ("TL008", 9, 7, "an event is the number 42; write a mapping"),
        ("TL008", 10, 7, "an event has no `event_name`; `plan-mapping` names it as the key "
                         "of the name"),
    ]  # fmt: skip


def test_a_file_without_the_events_path_is_refused_where_the_path_breaks(tmp_path, write):
    path = write("plan.yaml", "tracking:\n  evts: []\n")
    config = configure(tmp_path, '[plan-mapping]\nevents = "tracking.events"\n')
    assert found(lint(path, config=config)) == [
        ("TL004", 1, 1, "not a tracking plan trackinglint can read: `plan-mapping` puts the "
                        "events at 'tracking.events', but tracking has no 'events' here"),
    ]  # fmt: skip


def test_the_mapping_is_validated_with_located_errors(cli, write):
    write("plan.yaml", LIST_PLAN)
    write("trackinglint.toml", '[plan-mapping]\nevnts = "tracking.events"\n')
    run = cli("check", "plan.yaml")
    assert run.code == 2
    assert "trackinglint.toml:2: 'plan-mapping.evnts': unknown key; did you mean 'events'?" in (
        run.err
    )
    write("trackinglint.toml", '[plan-mapping]\nevents = "tracking..events"\n')
    run = cli("check", "plan.yaml")
    assert run.code == 2
    assert "'plan-mapping.events': 'tracking..events' is not a dotted path of keys" in run.err
    write("trackinglint.toml", '[plan-mapping]\nname = "id"\n')
    run = cli("check", "plan.yaml")
    assert run.code == 2
    assert "'plan-mapping': needs `events`" in run.err


def test_the_cli_reads_a_mapped_plan_found_in_a_folder(cli, write):
    write("tracking/plan.yaml", LIST_PLAN)
    write(
        "trackinglint.toml",
        """
        [plan-mapping]
        events = "tracking.events"
        name = "event_name"
        properties = "params"
    """,
    )
    run = cli("check", ".", "--select", "TL0")
    assert run.code == 0, run.out + run.err
    assert "2 events" in run.out


ONE_EVENT = """\
name: Report Exported
description: A user exported a report to a file
area: reports
properties:
- name: format
  description: The file format chosen
  type: string
  required: true
- name: payload
  description: Whatever the exporter returned
  type: any
  required: false
"""


def test_one_event_per_file_with_events_dot(tmp_path):
    """A plan kept as one YAML file per event (the shape of bufferapp/tracking-plan-kit's
    `events/**/*.yaml`, in our own words): `events = "."` with `files` reads each file as
    one event, and a plan-level file beside them is not taken for one."""
    (tmp_path / "plan.yaml").write_text("display_name: Example\nname: plans/x\n", "utf-8")
    (tmp_path / "events" / "reports").mkdir(parents=True)
    (tmp_path / "events" / "reports" / "report-exported.yaml").write_text(ONE_EVENT, "utf-8")
    config = configure(tmp_path, '[plan-mapping]\nevents = "."\nfiles = ["events/**/*.yaml"]\n')
    result = lint(tmp_path, config=config, select=("TL0", "TL206"))
    (plan,) = result.plans
    (event,) = plan.events.values()
    assert (event.name, event.description) == (
        "Report Exported",
        "A user exported a report to a file",
    )
    assert (event.origin.span().line, event.origin.span().column) == (1, 1)  # `name:`
    fmt, payload = event.properties["format"], event.properties["payload"]
    assert (fmt.types, fmt.required, payload.types) == (("string",), True, ())  # `any`: untyped
    assert found(result) == []


def test_events_dot_needs_files(cli, write):
    write("report.yaml", ONE_EVENT)
    write("trackinglint.toml", '[plan-mapping]\nevents = "."\n')
    run = cli("check", "report.yaml")
    assert run.code == 2
    assert (
        "trackinglint.toml:2: 'plan-mapping.events': \".\" reads each file as one event, so it "
        "needs `files`" in run.err
    )
