"""The avo pack (Avo's audit) and the spectral pack (JSON Schema hygiene), run
through the real CLI with the pack selected, on an Avo export and a native plan."""

from __future__ import annotations

from conftest import REPO

AVO = REPO / "tests/data/avo-audit/plan.json"
NATIVE = REPO / "tests/data/schema-hygiene/plan.yaml"


def located(run):
    return [(f["line"], f["column"], f["code"], f["message"]) for f in run.json()]


def test_avo_audit_on_an_avo_export_with_required_custom_fields(cli):
    run = cli(
        "check", str(AVO), "--select", "avo", "--output-format", "json",
        "--config", 'options.AVO002.event-fields=["owner"]',
    )  # fmt: skip
    assert located(run) == [
        (7, 7, "AVO002", "event 'Order Completed' has no owner"),
        (12, 9, "AVO003", "property 'order_id' does not say whether it holds personal data; "
         "declare pii: true or pii: false"),
        (16, 7, "AVO002", "event 'Cart Viewed' has no owner"),
        (24, 7, "AVO001", "event 'Coupon Applied' is in no category; put it in one, so it is "
         "found with the events of its feature"),
        (24, 7, "AVO002", "event 'Coupon Applied' has no owner"),
    ]  # fmt: skip
    assert run.code == 0  # warnings


def test_avo_audit_on_a_native_plan(cli):
    run = cli("check", str(NATIVE), "--select", "avo", "--output-format", "json")
    assert located(run) == [
        (16, 3, "AVO005", "event 'EMAIL_UPDATE' holds the words of 'UPDATE_EMAIL' in another "
         "order; keep one order (object then action, or action then object) for every event"),
        (21, 9, "AVO004", "property 'email_kind' is described differently here than at "
         "line 6; one name, one meaning"),
        (23, 7, "AVO003", "property 'user_email' does not say whether it holds personal data; "
         "declare pii: true or pii: false"),
    ]  # fmt: skip


def test_schema_hygiene(cli):
    run = cli("check", str(NATIVE), str(AVO), "--select", "spectral", "--output-format", "json")
    assert [(f["file"].split("/")[-1], f["line"], f["column"], f["code"]) for f in run.json()] == [
        ("plan.json", 19, 22, "SPC004"),
        ("plan.yaml", 9, 28, "SPC001"),
        ("plan.yaml", 10, 18, "SPC003"),
        ("plan.yaml", 13, 9, "SPC002"),
    ]
    messages = [f["message"] for f in run.json()]
    assert messages[2] == (
        'the default "office" does not fit its own schema: it is not one of '
        '["work", "home", "work"]'
    )
