"""Inline suppressions: same line, line before, whole file, and TL003 for stale ones."""

from __future__ import annotations

import re

BAD = "events:\n  A: {kind: nope}\n"


def concise(cli, *args):
    """Findings of the core rules only: these plans are deliberately minimal."""
    run = cli("check", "plan.yaml", "--output-format", "concise", "--select", "TL0", *args)
    lines = run.out.splitlines()
    if len(lines) == 1 and re.fullmatch(r"Checked .*: all checks passed\.", lines[0]):
        return []  # a clean run says so in one line (tested in test_cli_habits)
    return lines


def test_same_line_suppression(cli, write):
    write(
        "plan.yaml", "trackinglint: 1\nevents:\n  A: {kind: nope}  # trackinglint: ignore[TL002]\n"
    )
    assert concise(cli) == []


def test_line_before_suppression_by_rule_name(cli, write):
    write(
        "plan.yaml",
        "trackinglint: 1\nevents:\n  # trackinglint: ignore[schema-violation]\n  A: {kind: nope}\n",
    )
    assert concise(cli) == []


def test_suppression_does_not_reach_two_lines_down(cli, write):
    write(
        "plan.yaml",
        "trackinglint: 1\n# trackinglint: ignore[TL002]\nevents:\n  A: {kind: nope}\n",
    )
    assert concise(cli) == [
        "plan.yaml:2:1: TL003 suppression of TL002 matches no finding here; remove it",
        'plan.yaml:4:13: TL002 a string ("nope") is not allowed at events.A.kind; '
        "expected one of: job_completion, feature_interaction",
    ]


def test_file_level_suppression(cli, write):
    write("plan.yaml", "# trackinglint: ignore-file[TL002]\ntrackinglint: 1\n" + BAD)
    assert concise(cli) == []


def test_bare_suppression_covers_every_rule_and_unused_bare_is_reported(cli, write):
    write("plan.yaml", "trackinglint: 1\nevents:\n  A: {kind: nope}  # trackinglint: ignore\n")
    assert concise(cli) == []
    write("plan.yaml", "trackinglint: 1  # trackinglint: ignore\n")
    assert concise(cli) == [
        "plan.yaml:1:18: TL003 suppression comment matches no finding; remove it"
    ]


def test_unknown_code_in_suppression(cli, write):
    write("plan.yaml", "trackinglint: 1  # trackinglint: ignore[TL999]\n")
    assert concise(cli) == [
        "plan.yaml:1:18: TL003 suppression names unknown rule 'TL999'; fix or remove it"
    ]


def test_tl003_can_be_ignored(cli, write):
    write("plan.yaml", "trackinglint: 1  # trackinglint: ignore[TL002]\n")
    assert concise(cli, "--ignore", "TL003") == []


def test_text_inside_quotes_is_not_a_suppression(cli, write):
    write(
        "plan.yaml",
        'trackinglint: 1\nevents:\n  A: {kind: nope, description: "see # trackinglint: ignore"}\n',
    )
    assert [line.split(": ")[1] for line in concise(cli)] == [
        'TL002 a string ("nope") is not allowed at events.A.kind; expected one of'
    ]


def test_apostrophe_in_a_double_quoted_value_does_not_hide_a_comment(cli, write):
    write(
        "plan.yaml",
        "trackinglint: 1\nevents:\n"
        '  A: {kind: nope, description: "it\'s"}  # trackinglint: ignore[TL002]\n',
    )
    assert concise(cli) == []


# blocks and entries ---------------------------------------------------------

BLOCK = """\
trackinglint: 1
events:
  # trackinglint: disable[TL002]
  A: {kind: nope}
  B: {kind: nope}
  # trackinglint: enable[TL002]
  C: {kind: nope}
"""


def test_disable_enable_covers_the_lines_between(cli, write):
    write("plan.yaml", BLOCK)
    assert concise(cli) == [
        'plan.yaml:7:13: TL002 a string ("nope") is not allowed at events.C.kind; '
        "expected one of: job_completion, feature_interaction"
    ]


def test_disable_without_enable_runs_to_the_end_of_the_file(cli, write):
    write("plan.yaml", BLOCK.replace("  # trackinglint: enable[TL002]\n", ""))
    assert concise(cli) == []


def test_an_unused_block_and_a_stray_enable_are_tl003(cli, write):
    write(
        "plan.yaml",
        "trackinglint: 1\n# trackinglint: disable[TL204]\nevents: {}\n"
        "# trackinglint: enable[TL204]\n# trackinglint: enable[TL002]\n",
    )
    assert concise(cli) == [
        "plan.yaml:2:1: TL003 suppression of TL204 matches no finding here; remove it",
        "plan.yaml:5:1: TL003 `enable` comment closes no `disable` above it; remove it",
    ]


ENTRY = """\
trackinglint: 1
events:
  A:  # trackinglint: ignore[TL002]
    kind: nope
    properties:
      id: {type: strnig}
  B:
    kind: nope
"""


def test_a_suppression_on_an_entry_key_covers_its_nested_lines(cli, write):
    write("plan.yaml", ENTRY)
    assert concise(cli) == [
        'plan.yaml:8:11: TL002 a string ("nope") is not allowed at events.B.kind; '
        "expected one of: job_completion, feature_interaction"
    ]


def test_a_suppression_above_an_entry_key_covers_it_too(cli, write):
    write(
        "plan.yaml",
        ENTRY.replace(
            "  A:  # trackinglint: ignore[TL002]\n", "  # trackinglint: ignore[TL002]\n  A:\n"
        ),
    )
    assert [line.split(": TL")[0] for line in concise(cli)] == ["plan.yaml:9:11"]
