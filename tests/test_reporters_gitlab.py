"""GitLab Code Quality JSON with fingerprints that do not change when lines move."""

from __future__ import annotations

PLAN = """\
trackinglint: 1
events:
  Deal Qualified:  # trackinglint: ignore[TL104]
    properties:
      deal_id: {type: string, requried: true}
metrics:
  Signups:
    event: Deal Qualified
"""
SELECT = ("--select", "TL002,TL003,TL107")


def test_code_quality_issues(cli, write):
    write("plan.yaml", PLAN)
    run = cli("check", "plan.yaml", "--output-format", "gitlab", *SELECT)
    assert run.code == 1
    issues = run.json()
    assert [(i["check_name"], i["severity"], i["location"]["path"]) for i in issues] == [
        ("TL003 unused-suppression", "minor", "plan.yaml"),
        ("TL002 schema-violation", "major", "plan.yaml"),
        ("TL107 metric-without-decision", "info", "plan.yaml"),
    ]
    assert [i["location"]["lines"] for i in issues] == [
        {"begin": 3, "end": 3},
        {"begin": 5, "end": 5},
        {"begin": 7, "end": 7},
    ]
    assert issues[0]["description"] == (
        "TL003 suppression of TL104 matches no finding here; remove it"
    )
    prints = [issue["fingerprint"] for issue in issues]
    assert len(set(prints)) == 3 and all(len(p) == 32 for p in prints)


def test_fingerprints_are_stable_when_lines_move_and_match_sarif(cli, write):
    write("plan.yaml", PLAN)
    before = [
        i["fingerprint"]
        for i in cli("check", "plan.yaml", "--output-format", "gitlab", *SELECT).json()
    ]
    write("plan.yaml", "# moved\n# down\n" + PLAN.replace("metrics:", "# note\nmetrics:"))
    after = cli("check", "plan.yaml", "--output-format", "gitlab", *SELECT).json()
    assert [i["location"]["lines"]["begin"] for i in after] == [5, 7, 10]
    assert [i["fingerprint"] for i in after] == before
    sarif = cli("check", "plan.yaml", "--output-format", "sarif", *SELECT).json()
    results = sarif["runs"][0]["results"]
    assert [r["partialFingerprints"]["trackinglint/v1"] for r in results] == before


def test_a_clean_run_is_an_empty_list(cli, write):
    write("plan.yaml", "trackinglint: 1\n")
    run = cli("check", "plan.yaml", "--output-format", "gitlab", "--select", "TL0")
    assert (run.code, run.out) == (0, "[]\n")
