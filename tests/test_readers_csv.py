"""CSV spreadsheets: the positioned CSV source, and the reader that maps rows to events."""

from __future__ import annotations

import textwrap
from pathlib import Path

from trackinglint import Engine, LintResult
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides
from trackinglint.sources import read_source

REGISTRY = build_registry(load_entry_points=False)


def lint(*paths: Path, config: Path | None = None) -> LintResult:
    engine = Engine(REGISTRY, config_file=config, overrides=Overrides(select=("TL0",)))
    return engine.lint(list(paths))


def sheet(tmp_path: Path, text: str, name: str = "plan.csv") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8", newline="")
    return path


def found(result: LintResult) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.line, f.column, f.message) for f in result.findings]


# -- the source -------------------------------------------------------------------------


def test_cells_keep_their_positions_through_quotes_and_line_breaks(tmp_path):
    path = sheet(
        tmp_path,
        "Event Name,Description,Property\r\n"
        'Order Completed,"Paid, at last",order_id\r\n'
        '"Said ""hi""","two\nlines",x\r\n',
    )
    document = read_source(path, "plan.csv").document
    assert document.data == [
        {"Event Name": "Order Completed", "Description": "Paid, at last", "Property": "order_id"},
        {"Event Name": 'Said "hi"', "Description": "two\nlines", "Property": "x"},
    ]
    assert document.span((0, "Description")) == document.span_at(49, 15)
    cell = document.span((1, "Property"))
    assert (cell.line, cell.column, cell.end_column) == (4, 8, 9)
    header = document.span(())
    assert (header.line, header.column, header.end_column) == (1, 1, 32)


def test_semicolons_tabs_duplicate_headers_and_unclosed_quotes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    semicolons = read_source(sheet(tmp_path, "Event;Property\nA;b\n", "s.csv"), "s.csv")
    assert semicolons.document.data == [{"Event": "A", "Property": "b"}]
    tabs = read_source(sheet(tmp_path, "Event\tProperty\nA\tb,c\n", "t.tsv"), "t.tsv")
    assert tabs.document.data == [{"Event": "A", "Property": "b,c"}]
    result = lint(sheet(tmp_path, "Event,Event\nA,B\n", "dup.csv"))
    assert found(result) == [
        ("TL001", 1, 7, "column 'Event' appears twice in the header (first as column 1); only "
                        "the first is read, so rename one"),
    ]  # fmt: skip
    assert result.plans[0].events.keys() == {"A"}
    broken = lint(sheet(tmp_path, 'Event,Property\n"A,b\n', "open.csv"))
    assert found(broken) == [
        ("TL001", 2, 1, "a quoted cell is never closed; add the closing '\"' (a quote inside a "
                        'cell is written twice: "")'),
    ]  # fmt: skip


# -- the reader -------------------------------------------------------------------------

PLAN = """
    Event Name,Event Description,Property Name,Property Type,Required,Property Description
    Order Completed,A customer paid for an order,order_id,string,yes,The order
    ,,revenue,Decimal,Y,
    ,,items,list of string,no,
    Checkout Started,Checkout opened,,,,
    Order Completed,,placed_at,datetime,always,
"""


def test_rows_become_events_with_typed_properties_and_cell_origins(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = lint(sheet(tmp_path, PLAN))
    assert result.findings == []
    (plan,) = result.plans
    assert list(plan.events) == ["Order Completed", "Checkout Started"]
    order = plan.events["Order Completed"]
    assert order.description == "A customer paid for an order"
    span = order.origin.span()
    assert (span.line, span.column, order.origin.path) == (2, 1, '[0]."Event Name"')
    assert {n: (p.types, p.required) for n, p in order.properties.items()} == {
        "order_id": (("string",), True),
        "revenue": (("number",), True),
        "items": (("array",), False),
        "placed_at": (("string",), True),
    }
    assert order.properties["items"].items.types == ("string",)
    assert order.properties["placed_at"].schema == {"format": "date-time", "type": "string"}
    assert order.properties["order_id"].description == "The order"
    revenue = order.properties["revenue"].origin.span()
    assert (revenue.line, revenue.column) == (3, 3)
    assert plan.events["Checkout Started"].properties == {}


def test_cells_the_reader_cannot_use_are_reported_at_the_cell(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = """
        Event,Property,Type,Required,Kind
        ,orphan,string,yes,
        Signed Up,plan,strnig,maybe,outcome
        Signed Up,plan,string,yes,
        Signed Up,seats,integer,,completion-ish
    """
    result = lint(sheet(tmp_path, text))
    assert found(result) == [
        ("TL008", 2, 1, "row names property 'orphan' but no event, and no event row comes "
                        "before it; fill in the event name"),
        ("TL008", 3, 16, "property 'plan' of event 'Signed Up' has type 'strnig', which "
                         "trackinglint cannot read; use string, number, integer, boolean, object, "
                         "array or 'list of <type>'"),
        ("TL008", 3, 23, "required flag 'maybe' of property 'plan' of event 'Signed Up' is "
                         "neither yes nor no"),
        ("TL008", 4, 11, "property 'plan' of event 'Signed Up' is listed again (first on line "
                         "3); keep one row per event and property"),
        ("TL008", 5, 26, "kind 'completion-ish' is neither job_completion nor "
                         "feature_interaction"),
    ]  # fmt: skip
    (plan,) = result.plans
    assert plan.events["Signed Up"].kind == "job_completion"  # from "outcome" on line 3


def test_a_sheet_without_an_event_column_gets_one_clear_finding(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = lint(sheet(tmp_path, "Hit,Param\nA,b\n"))
    assert found(result) == [
        ("TL004", 1, 1, "not a tracking plan trackinglint can read: the CSV has no event-name "
                        "column; headers: 'Hit', 'Param'. Name one 'Event Name' or map it with "
                        '`csv-columns = {event = "..."}`'),
    ]  # fmt: skip


def test_columns_can_be_mapped_in_the_configuration(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "trackinglint.toml"
    config.write_text('csv-columns = {event = "Hit", property = "Param", type = "Kind of value"}\n')
    result = lint(sheet(tmp_path, "Hit,Param,Kind of value\nOrder Completed,order_id,int\n"))
    assert result.findings == []
    order = result.plans[0].events["Order Completed"]
    assert order.properties["order_id"].types == ("integer",)


def test_a_folder_walk_takes_plan_sheets_and_passes_over_other_csv_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sheet(tmp_path, PLAN)
    sheet(tmp_path, "date,visits\n2024-01-01,3\n", "traffic.csv")
    result = lint(tmp_path)
    assert result.files == ["plan.csv"]


def test_a_sheet_named_by_plan_format_is_found_in_a_folder_whatever_its_headers(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    sheet(tmp_path, "Hit,Param\nOrder Completed,order_id\n", "hits.csv")
    assert lint(tmp_path).files == []  # no header says "event": passed over
    config = tmp_path / "trackinglint.toml"
    config.write_text(
        'plan-format = {"hits.csv" = "csv"}\ncsv-columns = {event = "Hit", property = "Param"}\n'
    )
    result = lint(tmp_path)
    assert result.files == ["hits.csv"]
    assert list(result.plans[0].events["Order Completed"].properties) == ["order_id"]


# -- sheets as teams keep them ------------------------------------------------------------

GA4_SHEET = (
    "# GA4 events for the web shop\r\n"
    "# Owner: web analytics; parameters as in Google's recommended events\r\n"
    "\r\n"
    "Event name;Description;Parameters;Required parameters;Status\r\n"
    'purchase;A user completes a purchase;"transaction_id, value, currency, coupon";'
    "transaction_id, value, currency;live\r\n"
    "add_to_cart;An item is added to the cart;currency | value | items;items;\r\n"
    "view_promotion;A promotion is shown;promotion_id;;deleted\r\n"
)


def test_comment_lines_semicolons_and_lists_of_names_are_read_with_positions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = lint(sheet(tmp_path, GA4_SHEET))
    assert found(result) == []
    (plan,) = result.plans
    assert list(plan.events) == ["purchase", "add_to_cart"]  # view_promotion is deleted
    purchase = plan.events["purchase"]
    assert (purchase.description, purchase.origin.span().line) == (
        "A user completes a purchase",
        5,
    )
    places = {n: (p.required, p.origin.span().line, p.origin.span().column)
              for n, p in purchase.properties.items()}  # fmt: skip
    # each name points at itself inside its cell (the cell is quoted: one column further)
    assert places == {
        "transaction_id": (True, 5, 39), "value": (True, 5, 55), "currency": (True, 5, 62),
        "coupon": (False, 5, 72),
    }  # fmt: skip
    cart = plan.events["add_to_cart"]
    assert {n: p.required for n, p in cart.properties.items()} == {
        "currency": False, "value": False, "items": True,
    }  # fmt: skip
    (deleted,) = plan.non_events.values()
    assert (deleted.name, deleted.status, deleted.title) == (
        "view_promotion", "deleted", "deleted event 'view_promotion'",
    )  # fmt: skip


def test_a_required_name_the_sheet_does_not_list_is_added_where_it_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = 'Event,Parameter,Required parameters\nsign_up,method,"method, user_id"\n'
    (plan,) = lint(sheet(tmp_path, text)).plans
    user_id = plan.events["sign_up"].properties["user_id"]
    span = user_id.origin.span()
    assert (user_id.required, span.line, span.column, span.end_column) == (True, 2, 25, 32)


def test_a_sheet_of_only_comments_is_refused_out_loud(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = lint(sheet(tmp_path, "# Event Name,Property\n# nothing yet\n"))
    assert [f.code for f in result.findings] == ["TL004"]


# Two shapes seen in public repositories whose files carry no licence (so they are not
# copied here): numbered parameter columns (`param_1`, `param_2`, `revenue_param`), and
# GA-style "Event Trigger Description" / "Event Parameter Name" / "Variable Type" headers.


def test_numbered_parameter_columns_each_hold_a_property_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (
        "event_name,platform,param_1,param_2,revenue_param,priority\n"
        "app_open,both,source,medium,,high\n"
        "purchase,both,product_id,category,revenue,critical\n"
    )
    result = lint(sheet(tmp_path, text))
    assert found(result) == []
    (plan,) = result.plans
    places = {
        name: {
            p: (s.line, s.column)
            for p, s in ((k, v.origin.span()) for k, v in e.properties.items())
        }
        for name, e in plan.events.items()
    }
    assert places == {
        "app_open": {"source": (2, 15), "medium": (2, 22)},
        "purchase": {"product_id": (3, 15), "category": (3, 26), "revenue": (3, 35)},
    }


def test_trigger_description_parameter_name_and_variable_type_headers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (
        "Event Name,Event Trigger Description,Event Parameter Name,Event Parameter Description,"
        "Event Parameter Value,Variable Type,Event Parameter Type\n"
        'card_opened,"Sent when a card opens.\n\nTest: once per click.",card_id,The card,c1,'
        "string,event property\n"
        ",,card_position,Index in the list,0,number,event property\n"
    )
    result = lint(sheet(tmp_path, text))
    assert found(result) == []
    card = result.plans[0].events["card_opened"]
    assert card.description == "Sent when a card opens.\n\nTest: once per click."
    assert {n: (p.types, p.description) for n, p in card.properties.items()} == {
        "card_id": (("string",), "The card"),
        "card_position": (("number",), "Index in the list"),
    }


def test_a_required_column_of_names_and_a_notes_column_on_a_one_row_per_event_sheet(
    tmp_path, monkeypatch
):
    """One row per event, no property column: `required` lists the required parameter
    names (`currency;value`), and `note` is the event's description when no description
    column is there. Our own rows, in the shape of a public GA4/Meta consent template
    (montherionlabs/tracking-plan-templates, which carries no licence)."""
    monkeypatch.chdir(tmp_path)
    text = (
        "platform,event,required,count,note\n"
        "ga4,refund,transaction_id;value,once,Refund confirmed\n"
        "ga4,generate_lead,value;currency,at_least_once,Lead form sent\n"
    )
    result = lint(sheet(tmp_path, text))
    assert found(result) == []
    (plan,) = result.plans
    refund = plan.events["refund"]
    assert refund.description == "Refund confirmed"
    places = {n: (p.required, p.origin.span().line, p.origin.span().column)
              for n, p in refund.properties.items()}  # fmt: skip
    assert places == {"transaction_id": (True, 2, 12), "value": (True, 2, 27)}
    assert list(plan.events["generate_lead"].properties) == ["value", "currency"]
