"""GitHub Actions output, read back the way the Actions runner reads it.

`parse` follows the runner's parser for `::command props::data` lines
(ActionCommand.TryParseV2 and IssueCommandExtension in actions/runner): the
command info ends at the first `::` after the prefix, properties are split at
`,` and each at its first `=`, empty values are dropped, and escapes are
undone in the runner's order (`%25` last).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trackinglint.findings import Finding, Severity
from trackinglint.reporters.github import escape_data, escape_property, workflow_command

PROPERTY_ESCAPES = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))
DATA_ESCAPES = (("%0D", "\r"), ("%0A", "\n"), ("%25", "%"))
COMMANDS = {"error", "warning", "notice", "group", "endgroup"}


@dataclass
class Command:
    name: str
    properties: dict[str, str] = field(default_factory=dict)
    data: str = ""


def _unescape(text: str, escapes) -> str:
    for escaped, plain in escapes:
        text = text.replace(escaped, plain)
    return text


def parse(line: str) -> Command | None:
    line = line.lstrip()
    if not line.startswith("::"):
        return None
    end = line.find("::", 2)
    if end < 0:
        return None
    info = line[2:end]
    name, _, props = info.partition(" ")
    if name not in COMMANDS:
        return None
    command = Command(name)
    for pair in (p for p in props.strip().split(",") if p):
        key, sep, value = pair.partition("=")
        if key and sep and value:
            command.properties[key] = _unescape(value, PROPERTY_ESCAPES)
    command.data = _unescape(line[end + 2 :], DATA_ESCAPES)
    return command


def parse_output(text: str) -> list[Command | str]:
    return [parse(line) or line for line in text.split("\n") if line]


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


def test_annotations_round_trip_through_the_runner_parser(cli, write):
    write("plan.yaml", PLAN)
    run = cli("check", "plan.yaml", "--output-format", "github", "--select", "TL002,TL003,TL107")
    assert run.code == 1
    commands = parse_output(run.out)
    assert commands[0] == Command("group", {}, "plan.yaml")
    assert commands[1] == Command(
        "warning",
        {
            "file": "plan.yaml",
            "line": "3",
            "col": "20",
            "endLine": "3",
            "endColumn": "49",
            "title": "TL003 unused-suppression",
        },
        "suppression of TL104 matches no finding here; remove it",
    )
    assert commands[2] == Command(
        "error",
        {
            "file": "plan.yaml",
            "line": "5",
            "col": "31",
            "endLine": "5",
            "endColumn": "39",
            "title": "TL002 schema-violation",
        },
        "unknown key 'requried' at events.\"Deal Qualified\".properties.deal_id; "
        "did you mean 'required'?",
    )
    assert commands[3].name == "notice"
    assert commands[3].properties["title"] == "TL107 metric-without-decision"
    assert commands[3].properties["line"] == "7"
    assert commands[4:] == [
        Command("endgroup"),
        "Checked 1 plan (1 file, 1 event): 3 findings in 1 of 1 file (1 error, 1 warning, 1 info).",
    ]


def test_escaping_survives_every_special_character():
    nasty = "100% sure: a, b\r\nnext line :: not a separator %0A stays"
    finding = Finding(
        "TL002", "schema-violation", Severity.ERROR, nasty,
        "odd, name: 100%.yaml", 3, 5, 3, 9, "events",
    )  # fmt: skip
    line = workflow_command(finding)
    assert "\n" not in line and "\r" not in line
    command = parse(line)
    assert command == Command(
        "error",
        {
            "file": "odd, name: 100%.yaml",
            "line": "3",
            "col": "5",
            "endLine": "3",
            "endColumn": "9",
            "title": "TL002 schema-violation",
        },
        nasty,
    )
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert escape_data("a:b,c%d\re") == "a:b,c%25d%0De"


def test_ranges_over_several_lines_have_no_columns():
    """The runner drops columns when line and endLine differ; send lines only."""
    finding = Finding(
        "TL108", "outcome-not-on-top", Severity.WARNING, "m", "p.yaml", 4, 3, 9, 1, "x"
    )
    assert parse(workflow_command(finding)).properties == {
        "file": "p.yaml",
        "line": "4",
        "endLine": "9",
        "title": "TL108 outcome-not-on-top",
    }


def test_findings_are_grouped_per_file(cli, write):
    write("a.yaml", "trackinglint: 1\n# trackinglint: ignore[TL104]\n")
    write("b.yaml", "trackinglint: 1\n# trackinglint: ignore[TL105]\n# trackinglint: ignore\n")
    run = cli("check", "a.yaml", "b.yaml", "--output-format", "github", "--select", "TL0")
    commands = parse_output(run.out)
    shape = [
        (c.name, c.data if c.name == "group" else c.properties.get("file")) for c in commands[:-1]
    ]
    assert shape == [
        ("group", "a.yaml"),
        ("warning", "a.yaml"),
        ("endgroup", None),
        ("group", "b.yaml"),
        ("warning", "b.yaml"),
        ("warning", "b.yaml"),
        ("endgroup", None),
    ]


def test_chosen_automatically_inside_github_actions(cli, write, monkeypatch):
    write("plan.yaml", PLAN)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    run = cli("check", "plan.yaml", "--select", "TL002")
    assert run.out.startswith("::group::plan.yaml\n::error file=plan.yaml,line=5,")
    explicit = cli("check", "plan.yaml", "--select", "TL002", "--output-format", "concise")
    assert explicit.out.startswith("plan.yaml:5:31: TL002 ")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert cli("check", "plan.yaml", "--select", "TL002").out.startswith("error[TL002]")


def test_a_clean_run_prints_only_the_summary(cli, write):
    write("plan.yaml", "trackinglint: 1\n")
    run = cli("check", "plan.yaml", "--output-format", "github", "--select", "TL0")
    assert (run.code, run.out) == (0, "Checked 1 plan (1 file, 0 events): all checks passed.\n")
