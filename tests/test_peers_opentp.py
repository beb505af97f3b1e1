"""The opentp pack replaces `opentp validate`: opentp-cli's own fixture projects run
through the real CLI with the pack selected; the valid one stays clean, and every
error of the invalid one is caught in the file and on the line that holds it."""

from __future__ import annotations

import shutil

from conftest import REPO

FIXTURES = REPO / "tests/data/opentp-cli/tests/data"


def findings(cli, name):
    run = cli("check", str(FIXTURES / name), "--select", "opentp", "--output-format", "json")
    return run, run.json()


def test_opentps_valid_project_is_clean(cli):
    run, found = findings(cli, "coverage-valid")
    assert (run.code, found) == (0, [])


def test_the_project_is_read_as_one_plan_of_events(cli):
    run = cli("check", str(FIXTURES / "coverage-valid"), "--select", "opentp")
    assert "Checked 1 plan (8 files, 3 events): all checks passed." in run.out


def test_every_error_of_opentps_invalid_project_is_caught_where_it_is(cli):
    run, found = findings(cli, "coverage-invalid")
    assert run.code == 1
    located = sorted(
        (f["file"].split("coverage-invalid/")[1], f["line"], f["column"], f["code"]) for f in found
    )
    assert located == EXPECTED


def test_messages_name_the_value_and_the_rule(cli):
    _, found = findings(cli, "coverage-invalid")
    messages = {f["message"] for f in found}
    assert "taxonomy field 'priority_level' 5 is not one of [1, 2, 3]" in messages
    assert (
        "selectors 'mobile' and 'web_ios' share ios but neither contains the other, so which "
        "payload applies is ambiguous"
    ) in messages
    assert 'the fixed value of \'application_id\' is {"foo": "bar"}, not string' in messages


EXPECTED = [
    ("dictionaries/taxonomy/areas.yaml", 7, 7, "OTP006"),
    ("events/auth/1/false/fragments_missing.yaml", 8, 5, "OTP004"),
    ("events/auth/1/false/key_empty.yaml", 4, 3, "OTP003"),
    ("events/auth/1/false/key_mismatch.yaml", 4, 8, "OTP003"),
    ("events/auth/1/false/key_mismatch.yaml", 4, 8, "OTP003"),
    ("events/auth/1/false/optional_constant_missing_value.yaml", 18, 7, "OTP009"),
    ("events/auth/1/false/payload_alias_cycle.yaml", 12, 16, "OTP008"),
    ("events/auth/1/false/payload_alias_cycle.yaml", 13, 10, "OTP008"),
    ("events/auth/1/false/payload_alias_cycle.yaml", 14, 10, "OTP008"),
    ("events/auth/1/false/payload_ambiguous_selectors.yaml", 20, 5, "OTP007"),
    ("events/auth/1/false/payload_missing_required.yaml", 15, 21, "OTP009"),
    ("events/auth/1/false/payload_missing_value_required.yaml", 13, 9, "OTP009"),
    ("events/auth/1/false/payload_ref_cycle.yaml", 14, 15, "OTP008"),
    ("events/auth/1/false/payload_ref_cycle.yaml", 23, 15, "OTP008"),
    ("events/auth/1/false/payload_unknown_selector.yaml", 11, 5, "OTP007"),
    ("events/auth/1/false/payload_value_type_invalid.yaml", 15, 13, "OTP009"),
    ("events/auth/1/false/pii_meta_missing_required.yaml", 21, 11, "OTP010"),
    ("events/auth/1/false/pii_missing_kind.yaml", 21, 11, "OTP010"),
    ("events/auth/1/maybe/boolean_type_violation.yaml", 4, 3, "OTP004"),
    ("events/auth/1/maybe/boolean_type_violation.yaml", 4, 8, "OTP003"),
    ("events/auth/5/false/priority_enum_violation.yaml", 4, 8, "OTP004"),
    ("events/badarea/1/false/area_not_in_dict.yaml", 4, 3, "OTP004"),
    ("opentp.yaml", 77, 13, "OTP005"),
]


def test_a_built_in_check_of_the_taxonomy_is_run(cli, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "coverage-valid", project)
    event = project / "events/auth/2/false/login_button_click.yaml"
    event.write_text(event.read_text().replace("cid_login_button", "login_button"))
    run = cli("check", str(project), "--select", "opentp", "--output-format", "json")
    assert [(f["line"], f["column"], f["message"]) for f in run.json()] == [
        (12, 5, 'taxonomy field \'custom_id\' "login_button" does not start with "cid_"')
    ]
