"""JUnit XML: one failing case per finding, one passing case per clean file."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from trackinglint.engine import LintResult
from trackinglint.findings import Finding, Severity
from trackinglint.reporters.junit import report_junit

BROKEN = """\
trackinglint: 1
events:
  Deal Qualified:  # trackinglint: ignore[TL104]
    properties:
      deal_id: {type: string, requried: true}
"""


def test_one_case_per_finding_and_a_passing_case_per_clean_file(cli, write):
    write("broken.yaml", BROKEN)
    write("clean.yaml", "trackinglint: 1\n")
    run = cli("check", "broken.yaml", "clean.yaml", "--output-format", "junit", "--select", "TL0")
    assert run.code == 1
    assert run.out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    root = ET.fromstring(run.out.split("\n", 1)[1])
    assert root.attrib == {"name": "trackinglint", "tests": "3", "failures": "2", "errors": "0"}
    broken, clean = root.findall("testsuite")
    assert broken.attrib["name"] == "broken.yaml"
    assert (broken.attrib["tests"], broken.attrib["failures"]) == ("2", "2")
    first, second = broken.findall("testcase")
    assert first.attrib == {
        "name": "TL003 unused-suppression at 3:20",
        "classname": "broken.yaml",
        "file": "broken.yaml",
        "line": "3",
    }
    failure = second.find("failure")
    assert failure.attrib == {
        "message": "unknown key 'requried' at events.\"Deal Qualified\".properties.deal_id; "
        "did you mean 'required'?",
        "type": "error",
    }
    assert failure.text == (
        "broken.yaml:5:31: TL002 unknown key 'requried' at "
        "events.\"Deal Qualified\".properties.deal_id; did you mean 'required'?\n"
        'at events."Deal Qualified".properties.deal_id.requried'
    )
    assert first.find("failure").attrib["type"] == "warning"
    assert clean.attrib == {
        "name": "clean.yaml", "tests": "1", "failures": "0", "errors": "0", "skipped": "0",
    }  # fmt: skip
    [passing] = clean.findall("testcase")
    assert passing.attrib == {"name": "no findings", "classname": "clean.yaml"}
    assert list(passing) == []


def test_text_xml_cannot_hold_is_replaced_not_written_raw():
    import io

    finding = Finding(
        "TL001", "parse-error", Severity.ERROR, "control \x01 char & <tag>",
        "a.yaml", 1, 1, 1, 2, "",
    )  # fmt: skip
    stream = io.StringIO()
    report_junit(LintResult(findings=[finding]), stream, color=False)
    root = ET.fromstring(stream.getvalue().split("\n", 1)[1])  # parses: the XML is well formed
    failure = root.find("testsuite/testcase/failure")
    assert failure.attrib["message"] == "control \ufffd char & <tag>"
