"""`check --fix` and `check --diff`: the safe autofixes, through the real CLI.

The shipped before-example is fixed in a copy: only the lines a fix names
change (comments, order and quoting stay), every fixed finding is gone, and a
second run finds nothing more to fix.
"""

from __future__ import annotations

import json
import shutil

from trackinglint.fixes.files import Snapshot, write_atomically

from conftest import REPO


def findings(cli, *args):
    run = cli("check", "plan.yaml", "--output-format", "json", *args)
    return {(f["code"], f["path"]) for f in run.json()}


def test_fix_on_the_crm_before_example_changes_only_what_the_fixes_name(cli, tmp_path):
    shutil.copy(REPO / "examples/crm-before/plan.yaml", tmp_path / "plan.yaml")
    before = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    found = findings(cli)
    assert ("TL113", 'metrics."Help center engagement".direction') in found
    assert ("TL108", 'dashboards."Sales leadership".metrics[0]') in found

    run = cli("check", "plan.yaml", "--fix", "--output-format", "concise")
    assert run.code == 1  # findings without a safe fix remain
    assert run.err == "trackinglint: fixed 2 findings in 1 file\n"
    after = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    friction = "    event: Help Center Visited\n    aggregation: count\n    direction: "
    board = "    metrics:\n      - Sessions per user\n      - Daily logins\n      - Time in app\n"
    expected = before.replace(friction + "increase\n", friction + "decrease\n").replace(
        board,
        "    metrics:\n      - Time in app\n      - Sessions per user\n      - Daily logins\n",
    )
    assert expected != before
    assert after == expected  # every comment, blank line, flow mapping and date kept

    left = findings(cli)
    assert not any(code in ("TL113", "TL108") for code, _ in left)
    assert left == found - {
        ("TL113", 'metrics."Help center engagement".direction'),
        ("TL108", 'dashboards."Sales leadership".metrics[0]'),
    }
    again = cli("check", "plan.yaml", "--diff")
    assert (again.code, again.out, again.err) == (0, "", "trackinglint: would fix 0 findings\n")


HAND_WRITTEN = """\
trackinglint: 1
events:
  Help Center Visited:
    descripton: 'Someone opened the help center.'   # spelled as typed
    properties:
      topic: {type: string, descripton: "what they looked for"}
  # trackinglint: disable[TL211]
  Signed In:
    description: A user signed in.
  # trackinglint: enable[TL211]
  Report Exported:  # trackinglint: ignore[TL206, TL999]
    description: "A report was exported."
metrics:
  Help visits:
    description: Visits to the help center.
    decision: Staff the help desk.
    event: Help Center Visited
    aggregation: count
    direction: "increase"   # quoted on purpose
"""

FIXED = """\
trackinglint: 1
events:
  Help Center Visited:
    description: 'Someone opened the help center.'   # spelled as typed
    properties:
      topic: {type: string, description: "what they looked for"}
  Signed In:
    description: A user signed in.
  Report Exported:
    description: "A report was exported."
metrics:
  Help visits:
    description: Visits to the help center.
    decision: Staff the help desk.
    event: Help Center Visited
    aggregation: count
    direction: "decrease"   # quoted on purpose
"""


def test_diff_previews_the_fixes_and_leaves_the_file_alone(cli, write):
    path = write("plan.yaml", HAND_WRITTEN)
    run = cli("check", "plan.yaml", "--diff", "--select", "TL0,TL113,TL206")
    assert run.code == 1
    assert run.out == (
        "--- a/plan.yaml\n"
        "+++ b/plan.yaml\n"
        "@@ -1,14 +1,12 @@\n"
        " trackinglint: 1\n"
        " events:\n"
        "   Help Center Visited:\n"
        "-    descripton: 'Someone opened the help center.'   # spelled as typed\n"
        "+    description: 'Someone opened the help center.'   # spelled as typed\n"
        "     properties:\n"
        '-      topic: {type: string, descripton: "what they looked for"}\n'
        "-  # trackinglint: disable[TL211]\n"
        '+      topic: {type: string, description: "what they looked for"}\n'
        "   Signed In:\n"
        "     description: A user signed in.\n"
        "-  # trackinglint: enable[TL211]\n"
        "-  Report Exported:  # trackinglint: ignore[TL206, TL999]\n"
        "+  Report Exported:\n"
        '     description: "A report was exported."\n'
        " metrics:\n"
        "   Help visits:\n"
        "@@ -16,4 +14,4 @@\n"
        "     decision: Staff the help desk.\n"
        "     event: Help Center Visited\n"
        "     aggregation: count\n"
        '-    direction: "increase"   # quoted on purpose\n'
        '+    direction: "decrease"   # quoted on purpose\n'
    )
    assert run.err == "trackinglint: would fix 6 findings\n"
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN


def test_fix_applies_every_safe_fix_keeping_comments_and_quotes(cli, write):
    path = write("plan.yaml", HAND_WRITTEN)
    run = cli("check", "plan.yaml", "--fix", "--select", "TL0,TL113,TL206", "-q")
    assert run.code == 0
    assert run.err == "trackinglint: fixed 6 findings in 1 file\n"
    assert path.read_text(encoding="utf-8") == FIXED
    assert cli("check", "plan.yaml", "--diff", "--select", "TL0,TL113,TL206").out == ""


def test_a_partly_used_suppression_loses_only_the_unused_codes(cli, write):
    path = write(
        "plan.yaml",
        "trackinglint: 1\nevents:\n"
        "  A: {kind: nope}  # trackinglint: ignore[TL206, TL002, TL204]\n",
    )
    run = cli("check", "plan.yaml", "--fix", "--select", "TL0", "--output-format", "concise")
    assert (run.code, run.out) == (0, "Checked 1 plan (1 file, 1 event): all checks passed.\n")
    assert path.read_text(encoding="utf-8") == (
        "trackinglint: 1\nevents:\n  A: {kind: nope}  # trackinglint: ignore[TL002]\n"
    )


def test_renames_that_would_change_what_passes_are_not_offered(cli, write):
    """`requried` -> `required` would make a property required (a breaking change
    `trackinglint diff` reports as TD006); `tpye` -> `type` would type it."""
    text = (
        "trackinglint: 1\nevents:\n  A:\n    properties:\n"
        "      id: {tpye: string, requried: true}\n"
    )
    path = write("plan.yaml", text)
    run = cli("check", "plan.yaml", "--diff", "--select", "TL0")
    assert (run.code, run.out) == (0, "")
    assert path.read_text(encoding="utf-8") == text
    # `evnets` -> `events` would add every event to what the plan says is sent
    write("plan.yaml", "trackinglint: 1\nevnets:\n  A: {}\n")
    run = cli("check", "plan.yaml", "--diff", "--select", "TL0")
    assert (run.code, run.out) == (0, "")


def test_json_keys_are_renamed_in_place(cli, write):
    text = '{\n  "trackinglint": 1,\n  "events": {"A": {"descripton": "a"}}\n}\n'
    path = write("plan.json", text)
    run = cli("check", "plan.json", "--fix", "--select", "TL0", "--output-format", "concise")
    assert run.code == 0
    assert path.read_text(encoding="utf-8") == text.replace("descripton", "description")


def test_a_dashboard_in_json_gets_its_outcome_metric_on_top(cli, write):
    plan = {
        "trackinglint": 1,
        "events": {"Deal Closed": {"kind": "job_completion"}, "Page Viewed": {}},
        "metrics": {
            "Views": {"event": "Page Viewed", "aggregation": "count"},
            "Deals closed": {"event": "Deal Closed", "aggregation": "count", "north_star": True},
        },
        "dashboards": {"Board": {"metrics": ["Views", "Deals closed"]}},
    }
    text = json.dumps(plan, indent=2) + "\n"
    path = write("plan.json", text)
    run = cli("check", "plan.json", "--fix", "--select", "TL108")
    assert run.code == 0
    plan["dashboards"]["Board"]["metrics"] = ["Deals closed", "Views"]
    assert path.read_text(encoding="utf-8") == json.dumps(plan, indent=2) + "\n"


def test_a_file_changed_since_it_was_read_is_left_alone(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    snapshot = Snapshot.read(path)
    assert snapshot is not None
    path.write_text("a: 2\n", encoding="utf-8")  # someone saved meanwhile
    assert write_atomically(snapshot, "a: 3\n") is False
    assert path.read_text(encoding="utf-8") == "a: 2\n"
    fresh = Snapshot.read(path)
    assert write_atomically(fresh, "a: 3\n") is True
    assert path.read_text(encoding="utf-8") == "a: 3\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]  # no temporary left
