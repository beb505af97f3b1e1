"""The iglu pack replaces `igluctl lint`: run through the real CLI with the pack
selected, on igluctl's own test registries and on one case per check."""

from __future__ import annotations

from collections import Counter

from conftest import REPO

IGLUCTL = REPO / "tests/data/igluctl/schemas"
CASES = REPO / "tests/data/iglu-lint/schemas/com.acme"
CENTRAL = REPO / "tests/data/iglu-central"


def findings(cli, path, *extra):
    run = cli("check", str(path), "--select", "iglu", "--output-format", "json", *extra)
    return run, run.json()


def located(items):
    """(case folder, code, line, column) of each finding but the infos of IGLU009."""
    return sorted(
        (f["file"].split("com.acme/")[1].split("/")[0], f["code"], f["line"], f["column"])
        for f in items
        if f["code"] != "IGLU009"
    )


def test_igluctls_valid_registry_is_clean(cli):
    run, found = findings(cli, IGLUCTL / "valid-schemas")
    assert (run.code, found) == (0, [])


def test_igluctls_warning_registry_reports_the_unbounded_integer_where_igluctl_does(cli):
    run, found = findings(cli, IGLUCTL / "warn-schemas", "--fail-on", "warning")
    assert [(f["code"], f["line"], f["column"], f["severity"]) for f in found] == [
        ("IGLU007", 17, 9, "warning")
    ]
    assert found[0]["message"] == (
        "the number at /properties/user_age should have both minimum and maximum, "
        "so the warehouse column can be sized"
    )
    assert run.code == 1  # like igluctl, once warnings fail the run


def test_one_case_per_igluctl_check_is_caught_at_its_place(cli):
    run, found = findings(cli, CASES)
    assert run.code == 1
    assert located(found) == [
        ("array_keyword_on_object", "IGLU004", 21, 7),
        ("max_length_string", "IGLU012", 15, 20),
        ("max_length_too_big", "IGLU003", 20, 7),
        ("min_items_above_max_items", "IGLU002", 20, 7),
        ("min_length_above_max_length", "IGLU002", 20, 7),
        ("minimum_above_maximum", "IGLU002", 20, 7),
        ("no_description", "IGLU010", 12, 5),
        ("no_schema_uri", "IGLU011", 3, 3),
        ("no_self", "IGLU017", 1, 1),
        ("number_keyword_on_string", "IGLU004", 21, 7),
        ("number_unbounded", "IGLU007", 17, 5),
        ("object_keyword_on_string", "IGLU004", 21, 7),
        ("other_schema_uri", "IGLU011", 2, 14),
        ("required_unknown_nested", "IGLU005", 28, 9),
        ("required_unknown_root", "IGLU005", 20, 5),
        ("root_array", "IGLU001", 10, 3),
        ("self_in_property", "IGLU013", 16, 7),
        ("string_keyword_on_integer", "IGLU004", 22, 7),
        ("string_unbounded", "IGLU008", 17, 5),
        ("superseded_by_dots", "IGLU015", 22, 20),
        ("supersedes_bad", "IGLU015", 24, 5),
        ("too_deep", "IGLU016", 93, 81),
        ("type_unknown", "IGLU012", 14, 15),
        ("unknown_format", "IGLU006", 20, 17),
        ("unknown_keyword_typo", "IGLU013", 16, 7),
        ("vendor_chars", "IGLU014", 5, 15),
        ("version_dots", "IGLU014", 8, 16),
        ("version_leading_zero", "IGLU014", 8, 16),
        ("version_short", "IGLU014", 8, 16),
        ("version_zero", "IGLU014", 8, 16),
    ]
    optional = [f for f in found if f["code"] == "IGLU009"]
    assert {f["file"].split("com.acme/")[1].split("/")[0] for f in optional} >= {
        "optional_not_null"
    }


def test_messages_print_json_values_and_suggest_the_keyword(cli):
    _, found = findings(cli, CASES)
    messages = {f["message"] for f in found}
    assert (
        '`maxLength` at /properties/label is not valid JSON Schema (draft-04): "10" is not of '
        'type "integer"'
    ) in messages
    assert (
        "'maxLenght' is not a JSON Schema keyword at /properties/label, so it validates "
        "nothing; did you mean 'maxLength'?"
    ) in messages
    assert (
        "'missing' is required at the root but is not in its properties, and "
        "additionalProperties is false: no value is valid"
    ) in messages


def test_a_version_that_is_not_schemaver_is_reported_and_the_file_still_linted(cli):
    run = cli(
        "check", str(CASES / "version_dots"), "--extend-select", "iglu", "--output-format", "json"
    )
    codes = Counter(f["code"] for f in run.json())
    assert codes["IGLU014"] == 1 and codes["TL008"] == 1
    assert run.code == 1


def test_the_pack_is_off_until_selected(cli):
    run = cli("check", str(CASES / "minimum_above_maximum"), "--output-format", "json")
    assert not [f for f in run.json() if f["code"].startswith("IGLU")]


def test_published_iglu_central_schemas_raise_no_error(cli):
    run, found = findings(cli, CENTRAL)
    assert [f for f in found if f["severity"] == "error"] == []
    assert run.code == 0
