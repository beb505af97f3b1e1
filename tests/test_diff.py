"""`trackinglint diff`: pairs of plans with known breaking and non-breaking changes."""

from __future__ import annotations

import json
import os
import re
import subprocess
from functools import cache

import pytest
from jsonschema import Draft4Validator

from trackinglint.diff import DIFF_RULES
from trackinglint.rule_pages import page_path

from conftest import REPO

OLD = """\
trackinglint: 1
events:
  Deal Qualified:
    description: A rep qualified a deal.
    properties:
      deal_id: {type: string, required: true}
      amount: {type: number}
      stage: {type: string, enum: [qualified, disqualified, on_hold]}
      note: {type: [string, "null"], maxLength: 500}
  Report Shared:
    properties:
      report_id: {type: string, required: true}
      recipients: {type: integer}
  Signed In: {}
metrics:
  Deals qualified per week:
    north_star: true
    event: Deal Qualified
    aggregation: count
    per: [week]
  Daily logins:
    event: Signed In
    aggregation: unique_users
"""


def _diff(cli, write, new: str, *args: str, old: str = OLD):
    write("old.yaml", old)
    write("new.yaml", new)
    return cli("diff", "old.yaml", "new.yaml", "--output-format", "json", *args)


def _found(run) -> list[tuple[str, int, int]]:
    return [(f["code"], f["line"], f["column"]) for f in run.json()]


def _replace(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_the_same_plan_rearranged_has_no_changes(cli, write):
    moved = _replace(
        OLD,
        ("  Signed In: {}\n", ""),
        ("events:\n", "# events, sorted by importance\nevents:\n  Signed In: {}\n"),
    )
    write("old.yaml", OLD)
    write("new.yaml", moved)
    run = cli("diff", "old.yaml", "new.yaml")
    assert (run.code, run.out, run.err) == (
        0,
        "Checked 1 plan (1 file, 3 events): all checks passed.\n",
        "",
    )


def test_non_breaking_changes_are_not_reported(cli, write):
    new = _replace(
        OLD,
        ("      deal_id: {type: string, required: true}", "      deal_id: {type: string}"),
        ("      amount: {type: number}", "      amount: {type: [number, string]}"),
        ("on_hold]}", "on_hold, lost]}"),
        ("maxLength: 500}", "maxLength: 1000}"),
        (
            "      recipients: {type: integer}",
            "      recipients: {type: number}\n      channel: {}",
        ),
        ("  Signed In: {}\n", "  Signed In: {}\n  Invoice Paid: {}\n"),
        (
            "    per: [week]\n",
            "    per: [week]\n    target: {value: 40}\n    gaming_test: Audited.\n",
        ),
    )
    run = _diff(cli, write, new)
    assert (run.code, run.json()) == (0, [])


AMOUNT = "amount: {type: number}"
RECIPIENTS = "recipients: {type: integer}"
NORTH_STAR = "    north_star: true\n"
LOGINS = "    aggregation: unique_users\n"
REPORT_SHARED = (
    "  Report Shared:\n    properties:\n      report_id: {type: string, required: true}\n"
    "      recipients: {type: integer}\n"
)
CASES = {
    "event removed": ([(REPORT_SHARED, "")], [("TD001", 2, 1)]),
    "event renamed by name": ([("  Deal Qualified:", "  deal_qualified:")], [("TD002", 3, 3)]),
    "event renamed by properties": ([("  Report Shared:", "  Report Sent:")], [("TD002", 10, 3)]),
    "property removed": ([(f"      {AMOUNT}\n", "")], [("TD003", 5, 5)]),
    "type changed": ([(AMOUNT, "amount: {type: string}")], [("TD004", 7, 16)]),
    "type narrowed": ([('{type: [string, "null"]', "{type: string")], [("TD004", 9, 14)]),
    "number to integer": ([(AMOUNT, "amount: {type: integer}")], [("TD004", 7, 16)]),
    "made required": ([(AMOUNT, "amount: {type: number, required: true}")], [("TD006", 7, 30)]),
    "enum value removed": ([(", on_hold]", "]")], [("TD007", 8, 29)]),
    "enum added": ([(RECIPIENTS, RECIPIENTS[:-1] + ", enum: [1, 2]}")], [("TD005", 13, 35)]),
    "bound tightened": ([("maxLength: 500", "maxLength: 100")], [("TD005", 9, 38)]),
    "north star switched": ([(NORTH_STAR, ""), (LOGINS, LOGINS + NORTH_STAR)], [("TD008", 23, 5)]),
    "north star redefined": (
        [("aggregation: count", "aggregation: unique_users")],
        [("TD008", 19, 5)],
    ),
    "north star removed": ([(NORTH_STAR, "")], [("TD009", 16, 3)]),
    "target on a surface metric": (
        [(LOGINS, LOGINS + "    target: {value: 1}\n")],
        [("TD010", 24, 5)],
    ),
}


@pytest.mark.parametrize(("pairs", "expected"), CASES.values(), ids=CASES.keys())
def test_each_breaking_change_is_reported_where_it_happened(cli, write, pairs, expected):
    run = _diff(cli, write, _replace(OLD, *pairs))
    assert _found(run) == expected
    severity = DIFF_RULES[expected[0][0]].severity.value
    assert run.code == (1 if severity == "error" else 0)


def test_messages_say_what_changed_and_what_to_do(cli, write):
    new = _replace(
        OLD,
        ("  Deal Qualified:", "  deal_qualified:"),
        ('{type: [string, "null"]', "{type: string"),
        (", on_hold]", "]"),
        (
            "    aggregation: unique_users\n",
            "    aggregation: unique_users\n    target: {value: 9}\n",
        ),
    )
    messages = [f["message"] for f in _diff(cli, write, new).json()]
    assert messages == [
        "event 'Deal Qualified' was renamed to 'deal_qualified' (same name apart from case and "
        "separators); data sent under the old name no longer matches the plan, and metrics, "
        "dashboards and destinations keyed on it break: keep the old name, or move every "
        "consumer first",
        "enum value 'on_hold' removed from property 'stage' of event 'deal_qualified'; events "
        "already sent with it no longer validate and reports grouped by it lose a bucket: keep "
        "the value until no sender uses it",
        "type of property 'note' of event 'deal_qualified' narrowed from null or string to "
        "string; events that send null now fail validation: keep the old type, or change every "
        "sender first",
        "target added to surface metric 'Daily logins' (counts motion: unique users of 'Signed "
        "In'); a target on motion gets motion, not progress: move the target to an outcome "
        "metric and keep this one as a diagnostic",
    ]


def test_an_ambiguous_rename_is_reported_as_removals(cli, write):
    old = """\
trackinglint: 1
events:
  A Done:
    properties: &same
      x: {type: string}
      y: {type: string}
  B Done:
    properties: *same
"""
    new = "trackinglint: 1\nevents:\n  C Done:\n    properties:\n      x: {type: string}\n"
    new += "      y: {type: string}\n"
    run = _diff(cli, write, new, old=old)
    assert [f["code"] for f in run.json()] == ["TD001", "TD001"]


def test_a_shared_definition_change_is_reported_per_event_at_the_line_that_changed(cli, write):
    old = """\
trackinglint: 1
properties:
  deal_id: {type: string}
events:
  Deal Qualified:
    properties:
      deal_id: {$ref: deal_id, required: true}
  Deal Won:
    properties:
      deal_id: {$ref: deal_id}
"""
    run = _diff(
        cli, write, old.replace("deal_id: {type: string}", "deal_id: {type: integer}"), old=old
    )
    assert [(f["code"], f["line"], f["column"], f["path"]) for f in run.json()] == [
        ("TD004", 3, 13, "properties.deal_id.type"),
        ("TD004", 3, 13, "properties.deal_id.type"),
    ]
    assert "property 'deal_id' of event 'Deal Won'" in run.json()[1]["message"]


def test_nested_members_and_array_items_are_compared(cli, write):
    old = """\
trackinglint: 1
events:
  Order Completed:
    properties:
      address:
        type: object
        properties:
          city: {type: string}
          zip: {type: string}
      tags: {type: array, items: {type: string}}
"""
    new = old.replace("          city: {type: string}\n", "").replace(
        "items: {type: string}", "items: {type: integer}"
    )
    run = _diff(cli, write, new, old=old)
    assert [(f["code"], f["line"], f["path"]) for f in run.json()] == [
        ("TD003", 7, 'events."Order Completed".properties.address.properties.city'),
        ("TD004", 9, 'events."Order Completed".properties.tags.items.type'),
    ]
    assert run.json()[0]["message"].startswith(
        "property 'address.city' was removed from event 'Order Completed';"
    )
    assert "property 'tags[]' of event 'Order Completed'" in run.json()[1]["message"]


def test_a_target_already_on_a_surface_metric_is_left_to_check(cli, write):
    old = OLD.replace(
        "    aggregation: unique_users\n", "    aggregation: unique_users\n    target: {value: 9}\n"
    )
    assert _diff(cli, write, old, old=old).json() == []
    became_surface = _replace(
        OLD,
        ("    north_star: true\n", ""),
        ("    per: [week]\n", "    per: [week]\n    target: {value: 40}\n"),
    )
    now_surface = became_surface.replace("    event: Deal Qualified\n", "    event: Signed In\n")
    run = _diff(cli, write, now_surface, old=became_surface)
    assert [f["code"] for f in run.json()] == ["TD010"]
    assert run.json()[0]["message"].startswith(
        "metric 'Deals qualified per week' with a target now counts motion ("
    )


def test_severities_are_configurable_and_drive_the_exit_code(cli, write):
    write(
        "trackinglint.toml",
        '[diff-severity]\nTD001 = "warning"\nevent-renamed = "off"\n',
    )
    new = _replace(
        OLD,
        ("  Deal Qualified:", "  deal_qualified:"),
        ("  Signed In: {}\n", ""),
        ("    event: Signed In\n", "    event: Deal Qualified\n"),
    )
    run = _diff(cli, write, new)
    assert [(f["code"], f["severity"]) for f in run.json()] == [("TD001", "warning")]
    assert run.code == 0
    assert _diff(cli, write, new, "--fail-on", "warning").code == 1
    assert _diff(cli, write, new, "--exit-zero", "--fail-on", "warning").code == 0


def test_an_unknown_change_in_the_configuration_is_named(cli, write):
    write("trackinglint.toml", '[diff-severity]\nTD11 = "warning"\n')
    run = _diff(cli, write, OLD)
    assert run.code == 2
    assert re.search(
        r"trackinglint\.toml:2: 'diff-severity\.TD11': unknown change; did you mean 'TD011'\?",
        run.err,
    )
    write("trackinglint.toml", '[diff-severity]\nTD001 = "loud"\n')
    run = _diff(cli, write, OLD)
    assert "'diff-severity.TD001': expected one of error, warning, info, off" in run.err


def test_plans_in_different_formats_compare(cli, write):
    write("old.json", json.dumps({"trackinglint": 1, "events": {"A Done": {}, "B Done": {}}}))
    write("new.yaml", "trackinglint: 1\nevents:\n  A Done: {}\n")
    run = cli("diff", "old.json", "new.yaml", "--output-format", "concise")
    assert run.code == 1
    assert run.out.startswith("new.yaml:2:1: TD001 event 'B Done' was removed;")


def test_folders_compare_file_by_file(cli, write):
    write("old/metrics.yaml", "trackinglint: 1\nmetrics:\n  M:\n    event: A Done\n")
    write("old/events/a.yaml", "trackinglint: 1\nevents:\n  A Done: {}\n  A Undone: {}\n")
    write("old/events/b.yaml", "trackinglint: 1\nevents:\n  B Done: {}\n")
    write("new/metrics.yaml", "trackinglint: 1\nmetrics:\n  M:\n    event: A Done\n")
    write("new/events/a.yaml", "trackinglint: 1\nevents:\n  A Done: {}\n")
    run = cli("diff", "old", "new", "--output-format", "json")
    assert [(f["file"], f["line"], f["path"]) for f in run.json()] == [
        ("new/events/a.yaml", 2, 'events."A Undone"'),  # where it was, in the same file
        ("old/events/b.yaml", 3, 'events."B Done"'),  # its file is gone: where it was before
    ]


def test_a_new_version_that_does_not_parse_stops_the_comparison(cli, write):
    run = _diff(cli, write, "trackinglint: 1\nevents: [\n")
    assert run.code == 1
    assert [f["code"] for f in run.json()] == ["TL001"]


def test_an_old_file_that_does_not_parse_is_noted_and_the_rest_compared(cli, write):
    write("old/a.yaml", "trackinglint: 1\nevents: [\n")
    write("old/b.yaml", "trackinglint: 1\nevents:\n  B Done: {}\n")
    write("new/a.yaml", "trackinglint: 1\nevents:\n  A Done: {}\n")
    write("new/b.yaml", "trackinglint: 1\nevents: {}\n")
    run = cli("diff", "old", "new", "--output-format", "json")
    assert [(f["code"], f["severity"], f["file"]) for f in run.json()] == [
        ("TD001", "error", "new/b.yaml"),
        ("TL001", "info", "old/a.yaml"),
    ]
    assert run.json()[1]["message"].startswith("in the old version: ")


def test_usage_errors(cli, write):
    write("plan.yaml", OLD)
    one = cli("diff", "plan.yaml")
    assert one.code == 2
    assert "diff compares two plans: give OLD and NEW, or --base REV [PATH ...]" in one.err
    missing = cli("diff", "plan.yaml", "nope.yaml")
    assert (missing.code, "no such file or folder: nope.yaml" in missing.err) == (2, True)


# -- every output format -------------------------------------------------------------------


@cache
def _sarif_validator() -> Draft4Validator:
    schema = REPO / "tests" / "data" / "schemas" / "sarif-schema-2.1.0.json"
    return Draft4Validator(json.loads(schema.read_text(encoding="utf-8")))


def test_sarif_lists_the_change_kinds_and_validates(cli, write):
    write("old.yaml", OLD)
    write("new.yaml", _replace(OLD, ("  Deal Qualified:", "  deal_qualified:")))
    run = cli("diff", "old.yaml", "new.yaml", "--output-format", "sarif")
    log = run.json()
    assert not list(_sarif_validator().iter_errors(log))
    [result] = log["runs"][0]["results"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(DIFF_RULES)
    assert rules[result["ruleIndex"]]["helpUri"].endswith("/rules/diff/TD002-event-renamed.md")
    assert rules[result["ruleIndex"]]["fullDescription"]["text"].startswith(
        "Reports an event that was removed and added again under another name."
    )
    assert run.code == 1


def test_github_annotations_and_extra_outputs(cli, write, tmp_path):
    write("old.yaml", OLD)
    write("new.yaml", _replace(OLD, ("  Deal Qualified:", "  deal_qualified:")))
    run = cli(
        "diff", "old.yaml", "new.yaml", "--output-format", "github",
        "--output", "junit=diff.xml", "--output", "gitlab=cq.json",
    )  # fmt: skip
    assert run.out.splitlines()[1].startswith(
        "::error file=new.yaml,line=3,col=3,endLine=3,endColumn=17,title=TD002 event-renamed::"
    )
    assert "TD002 event-renamed" in (tmp_path / "diff.xml").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "cq.json").read_text(encoding="utf-8"))[0]["check_name"] == (
        "TD002 event-renamed"
    )


# -- against git ---------------------------------------------------------------------------


def _git(repo, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path, write):
    write("plans/plan.yaml", OLD)
    write("plans/gone.yaml", "trackinglint: 1\nevents:\n  Gone Event: {}\n")
    write("plans/fixtures/old.yaml", "trackinglint: 1\nevents:\n  Fixture Event: {}\n")
    write("ci.yaml", "jobs: {build: {}}\n")
    write("trackinglint.toml", 'exclude = ["fixtures"]\n')
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "plan")
    return tmp_path


def test_base_compares_the_working_tree_with_a_revision(cli, write, repo):
    write("plans/plan.yaml", _replace(OLD, (", on_hold]", "]")))
    (repo / "plans" / "gone.yaml").unlink()
    (repo / "plans" / "fixtures" / "old.yaml").unlink()  # excluded: never compared
    write("plans/new.yaml", "trackinglint: 1\nevents:\n  Brand New: {}\n")
    run = cli("diff", "--base", "main", "--output-format", "concise")
    assert run.code == 1
    assert [line.split(" ", 2)[:2] for line in run.out.splitlines()] == [
        ["plans/gone.yaml:3:3:", "TD001"],
        ["plans/plan.yaml:8:29:", "TD007"],
    ]
    only_plan = cli("diff", "--base", "main", "plans/plan.yaml", "--output-format", "concise")
    assert only_plan.out.startswith("plans/plan.yaml:8:29: TD007 enum value 'on_hold' removed")
    assert len(only_plan.out.splitlines()) == 1
    added = cli("diff", "--base", "main", "plans/new.yaml")  # not in main: nothing to compare
    assert (added.code, added.out) == (0, "Checked 1 plan (1 file, 1 event): all checks passed.\n")


def test_base_without_changes_is_clean(cli, repo):
    run = cli("diff", "--base", "HEAD", "plans")
    assert (run.code, run.out) == (0, "Checked 1 plan (2 files, 4 events): all checks passed.\n")


def test_base_reports_git_problems_clearly(cli, repo, tmp_path, monkeypatch):
    run = cli("diff", "--base", "no-such-branch")
    assert run.code == 2
    assert run.err == (
        "trackinglint: error: unknown git revision 'no-such-branch' (fetch it first, e.g. "
        "`git fetch origin main`)\n"
    )
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    monkeypatch.chdir(outside)
    run = cli("diff", "--base", "main")
    assert run.code == 2
    assert run.err.startswith(f"trackinglint: error: {outside} is not inside a git repository")


APP_TS = """\
import { analytics } from "./analytics";

export function share(id: string) {
  analytics.track("Report Shared", { report_id: id });
}

export const qualify = () => analytics.track("Deal Qualified", { deal_id: "d1" });
"""

APP_PY = """\
import analytics


def signed_in(user):
    analytics.track(user.id, "Signed In")
    analytics.track(user.id, "Report Shared", {"report_id": "r1"})
"""


def test_base_reports_calls_whose_event_the_change_removed_or_renamed(cli, write, repo):
    write("src/app.ts", APP_TS)
    write("src/jobs/app.py", APP_PY)
    _git(repo, "add", "src")
    _git(repo, "commit", "-q", "-m", "code")
    write("plans/plan.yaml", _replace(
        OLD,
        ("  Report Shared:\n    properties:\n      report_id: {type: string, required: true}\n"
         "      recipients: {type: integer}\n", ""),
        ("  Deal Qualified:\n", "  deal_qualified:\n"),
    ))  # fmt: skip
    run = cli("diff", "--base", "main", "--code", "src", "--output-format", "json")
    assert run.code == 1
    calls = [
        (f["code"], f["file"], f["line"], f["column"], f["severity"])
        for f in run.json()
        if f["code"] == "TD012"
    ]
    assert calls == [
        ("TD012", "src/app.ts", 4, 3, "error"),
        ("TD012", "src/app.ts", 7, 30, "error"),
        ("TD012", "src/jobs/app.py", 6, 5, "error"),
    ]
    messages = {f["line"]: f["message"] for f in run.json() if f["file"] == "src/app.ts"}
    assert messages[4].startswith(
        "event 'Report Shared' is sent here, but this change removes it from the plan; "
    )
    assert messages[7] == (
        "event 'Deal Qualified' is sent here, but this change renames it to 'deal_qualified' "
        "in the plan: send 'deal_qualified' here in the same change, or keep the old name"
    )
    assert {f["path"] for f in run.json() if f["code"] == "TD012"} == {
        'events."Report Shared"',
        'events."Deal Qualified"',
    }
    accepted = cli("diff", "--base", "main", "--code", "src", "--output-format", "json",
                   "--accept", 'TD012:events."Report Shared"')  # fmt: skip
    assert [(f["file"], f["line"]) for f in accepted.json() if f["code"] == "TD012"] == [
        ("src/app.ts", 7)
    ]
    # `code` in the configuration does the same; without code, the calls are not looked at
    write("trackinglint.toml", 'exclude = ["fixtures"]\ncode = ["src"]\n')
    configured = cli("diff", "--base", "main", "--output-format", "json")
    assert [f["code"] for f in configured.json()].count("TD012") == 3
    write("trackinglint.toml", 'exclude = ["fixtures"]\n')
    plain = cli("diff", "--base", "main", "--output-format", "json")
    assert "TD012" not in [f["code"] for f in plain.json()]
    missing = cli("diff", "--base", "main", "--code", "nowhere")
    assert (missing.code, missing.err) == (
        2, "trackinglint: error: code: no such file or folder: nowhere\n"
    )  # fmt: skip


# -- the pages of the change kinds ---------------------------------------------------------

_BLOCK = re.compile(r"^## (Before|After)\n```yaml\n(.*?)^```", re.M | re.S)
_CODE = re.compile(r"^## Code\n```js\n(.*?)^```", re.M | re.S)


@pytest.mark.parametrize("rule", DIFF_RULES.values(), ids=list(DIFF_RULES))
def test_each_change_kind_has_a_page_whose_example_triggers_it(rule, cli, write):
    path = page_path(rule.code)
    assert path is not None and path.relative_to(REPO).as_posix() == (
        f"rules/diff/{rule.code}-{rule.name}.md"
    )
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# {rule.code} {rule.name}\n")
    assert f"**Severity:** {rule.severity.value} · **Group:** diff · **Default:** on" in text
    blocks = dict(_BLOCK.findall(text))
    code = _CODE.search(text)  # a change kind about the code: its call is reported
    if code is not None:
        write("app.js", code.group(1))
    args = ("--code", "app.js") if code is not None else ()
    run = _diff(cli, write, blocks["After"], *args, old=blocks["Before"])
    found = [f["code"] for f in run.json() if code is None or f["file"] == "app.js"]
    assert found == [rule.code]


def test_the_rule_command_prints_a_change_kinds_page(cli):
    run = cli("rule", "TD004")
    assert run.code == 0
    assert run.out.startswith("# TD004 property-type-changed\n")


def test_required_holding_lists_and_mappings_is_not_a_crash(cli, write):
    old = (
        "trackinglint: 1\nevents:\n  A Done:\n    properties:\n"
        "      box: {type: object, required: [[width]], properties: {width: {type: number}}}\n"
    )
    new = old.replace("required: [[width]]", "required: [width, [x], {a: 1}]")
    write("old.yaml", old)
    write("new.yaml", new)
    run = cli("diff", "old.yaml", "new.yaml", "--output-format", "concise")
    assert run.code == 1
    assert run.out.splitlines()[0] == (
        "new.yaml:5:72: TD006 property 'box.width' of event 'A Done' was made required; senders "
        "that leave it out now fail validation: keep it optional, or make every sender send it "
        "before requiring it"
    )
