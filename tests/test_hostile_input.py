"""Hostile and broken input (issue 14): each case is a finding or a clear refusal, never a crash.

The smallest inputs that once crashed or hung a run are kept here as regressions;
tests/fuzz/ generates more.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import xml.dom.minidom
from pathlib import Path

import pytest

from trackinglint.reporters.full import SHOWN_WIDTH

PLAN = "trackinglint: 1\nevents:\n  Order Completed:\n    description: x\n    properties:\n"


def _concise(cli, *paths: str) -> tuple[int, list[str]]:
    run = cli("check", *paths, "--output-format", "concise")
    assert "Traceback" not in run.err
    return run.code, [line for line in run.out.splitlines() if ": TL" in line]


# --- python -m trackinglint in an untrusted checkout ------------------------------------------


@pytest.mark.parametrize("module", ["yaml", "pluggy", "jsonschema"])
def test_python_m_does_not_import_a_shadowing_module_from_the_current_folder(
    tmp_path: Path, module: str
) -> None:
    (tmp_path / f"{module}.py").write_text(
        "import pathlib\npathlib.Path('pwned').write_text('ran')\nraise SystemExit(99)\n"
    )
    (tmp_path / "plan.yaml").write_text(PLAN + "      amount: {type: number}\n")
    run = subprocess.run(
        [sys.executable, "-m", "trackinglint", "check", "plan.yaml", "--select", "TL0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert not (tmp_path / "pwned").exists()
    assert (run.returncode, run.stderr) == (0, "")
    assert "all checks passed" in run.stdout


# --- output files with names that UTF-8 cannot hold -----------------------------------------


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "sarif", "github", "junit", "gitlab"])
def test_a_lone_surrogate_in_a_name_is_written_in_every_output_format(cli, write, fmt):
    write(
        "plan.json",
        '{"trackinglint": 1, "events": {"A\\ud800B": {"properties": {"x": {"type": "strin"}}}}}',
    )
    run = cli("check", "plan.json", "--output", f"{fmt}=out.{fmt}")
    assert run.code == 1
    text = Path(f"out.{fmt}").read_text(encoding="utf-8")
    assert "\\ud800" in text or fmt == "junit"  # XML cannot hold it at all: U+FFFD
    if fmt in ("json", "sarif", "gitlab"):
        assert "A\ud800B" in json.dumps(json.loads(text), ensure_ascii=False)
    if fmt == "junit":
        xml.dom.minidom.parseString(text)


def test_a_lone_surrogate_survives_a_baseline_round_trip(cli, write):
    write(
        "plan.json",
        '{"trackinglint": 1, "events": {"A\\ud800B": {"properties": {"x": {"type": "strin"}}}}}',
    )
    assert cli("check", "plan.json", "--write-baseline", "baseline.json").code == 0
    run = cli("check", "plan.json", "--baseline", "baseline.json", "--output-format", "concise")
    assert run.code == 0
    assert "TL009" not in run.out


# --- the full report on a minified plan ---------------------------------------------------------


def test_full_report_shows_a_window_of_a_huge_line_around_the_column(cli, write):
    padding = ", ".join(f'"p{i}": {{"type": "string", "description": "d"}}' for i in range(3000))
    properties = padding + ', "z": {"type": "strin"}, ' + padding.replace('"p', '"q')
    write(
        "plan.json", '{"trackinglint": 1, "events": {"A B": {"properties": {' + properties + "}}}}"
    )
    run = cli("check", "plan.json", "--select", "TL002")
    lines = run.out.splitlines()
    source = next(line for line in lines if line.startswith("1 | "))
    caret = lines[lines.index(source) + 1]
    assert len(source) == len("1 | ") + 1 + SHOWN_WIDTH + 1
    assert source[4] == "…" and source.endswith("…")
    assert source[caret.index("^") : caret.index("^") + 7] == '"strin"'


# --- limits: each a located finding -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            PLAN + "      amount: {type: integer, maximum: 0x" + "f" * 3600 + "}\n",
            "plan.yaml:6:40: TL001 an integer of 3,602 characters; numbers are limited to "
            "4,300 digits (see README, Limits)",
        ),
        (
            "a0: &a0 [" + ", ".join(["x"] * 100) + "]\n"
            + "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 100) + "]\n" for i in (1, 2)),
            "plan.yaml:3:50: TL001 aliases expand to more than 100,000 nodes; refusing to load "
            "(billion-laughs guard; see README, Limits)",
        ),
    ],
)  # fmt: skip
def test_limits_are_located_parse_errors(cli, write, text, expected):
    write("plan.yaml", text)
    code, lines = _concise(cli, "plan.yaml")
    assert (code, lines) == (1, [expected])


def test_json_deeper_than_the_limit_is_a_located_parse_error_in_check_and_convert(cli, write):
    prop = '{"type": "string"}'
    for _ in range(120):
        prop = '{"type": "object", "properties": {"p": ' + prop + "}}"
    write(
        "plan.json", '{"trackinglint": 1, "events": {"A B": {"properties": {"x": ' + prop + "}}}}"
    )
    code, lines = _concise(cli, "plan.json")
    assert code == 1
    assert lines == [
        "plan.json:1:3882: TL001 nested more than 200 levels deep; a plan never needs that "
        "(see README, Limits)"
    ]


def test_many_duplicate_keys_are_reported_in_linear_time(cli, write):
    write(
        "plan.yaml", PLAN + "".join(f"      p{i % 500}: {{type: string}}\n" for i in range(20_000))
    )
    began = time.perf_counter()
    code, lines = _concise(cli, "plan.yaml")
    assert time.perf_counter() - began < 10
    assert code == 1
    assert len([line for line in lines if "duplicate key" in line]) == 19_500


def test_a_large_csv_sheet_takes_a_few_bytes_of_memory_per_byte(tmp_path: Path) -> None:
    import tracemalloc

    from trackinglint.sources import read_source

    rows = ["Event Name,Event Description,Property Name,Property Type,Required"]
    rows += [
        f"Event {e} Done,Event {e} happened,p{p},string,yes" for e in range(800) for p in range(8)
    ]
    text = "\n".join(rows) + "\n"
    tracemalloc.start()
    try:
        loaded = read_source(tmp_path / "plan.csv", "plan.csv", text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(loaded.document.data) == 6400
    assert loaded.document.span((6399, "Property Name")).line == 6401
    assert peak / len(text) < 10  # the loader alone took 16 before issue 14


def test_a_name_of_a_million_words_is_read_up_to_the_limit(cli, write):
    name = " ".join(["order", "completed", "Reviewed", "x"] * 250_000)
    write("plan.json", json.dumps({"trackinglint": 1, "events": {name: {"description": "x"}}}))
    began = time.perf_counter()
    run = cli("classify", "plan.json")
    assert time.perf_counter() - began < 10
    assert run.code == 0
    assert "read only the first 40 words (300 characters) of a long name (see README, Limits)" in (
        run.out
    )
