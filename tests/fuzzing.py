"""Fuzzing plans: Hypothesis strategies and the checks every run must pass.

Used by tests/test_fuzz_inputs.py (a short fixed-seed campaign in the suite) and
scripts/fuzz.py (a long one with a new seed). A run passes when linting the file:
- raises nothing and reports no TL000 (a reader or rule that crashed);
- finishes within the time limit;
- locates every finding inside its file: 1 <= line <= lines, 1 <= column <= length + 1;
- writes every report format, and `convert` writes YAML that trackinglint reads back.
"""

from __future__ import annotations

import io
import json
import os
import re
import time
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from trackinglint import Engine
from trackinglint.convert import to_native_yaml
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides

REPO = Path(__file__).resolve().parents[1]
REGISTRY = build_registry(load_entry_points=False)
# the issue's bound for one run is 10 s; the suite allows more on a shared, loaded machine
SECONDS = float(os.environ.get("FUZZ_SECONDS", "30"))
_SURROGATE = re.compile("[\ud800-\udfff]")

AVO = {
    "name": "Acme:main",
    "events": [
        {
            "id": "ev1",
            "name": "Order Completed",
            "description": "Paid.",
            "tags": ["Tier 1"],
            "categories": [],
            "sources": [{"id": "web", "name": "Web", "implementWithCodegen": True}],
            "rules": {
                "$schema": "http://json-schema.org/draft-06/schema#",
                "type": "object",
                "properties": {
                    "properties": {
                        "type": "object",
                        "properties": {"total": {"id": "p2", "description": "", "type": "number"}},
                        "required": ["total"],
                    }
                },
            },
        }
    ],
}
CSV = (
    "Event Name,Event Description,Property Name,Property Type,Required,Property Description\n"
    "Order Completed,A customer paid,order_id,string,yes,The order\n"
    ",,revenue,Decimal,Y,\n"
    ",,items,list of string,no,\n"
    "Checkout Started,Checkout opened,,,,\n"
)
INLINE_SEEDS = {"avo.json": json.dumps(AVO, indent=2) + "\n", "plan.csv": CSV}


def seed_files() -> list[tuple[str, str]]:
    """Real plans from the test corpus (small ones), plus inline Avo and CSV plans."""
    roots = [REPO / "tests" / "fixtures", REPO / "tests" / "data", REPO / "examples"]
    found = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            if (
                path.suffix in (".json", ".yaml", ".yml", ".csv")
                and path.is_file()
                and path.stat().st_size < 30_000
                and "classification" not in path.parts
                and "schemas" not in path.parts
            ):
                found.append((path.name, path.read_text(encoding="utf-8", errors="replace")))
    return found + sorted(INLINE_SEEDS.items())


SEEDS = seed_files()

# Text that has crashed, hung or confused a reader before (issue 14), and YAML/JSON syntax.
PAYLOADS = [
    "9" * 4400, "0x" + "f" * 4000, "-0o" + "7" * 5000, "1e999", "-.inf", ".nan", "\\ud800",
    '"\\udc00"', "\ud800", "\x00", "\t", "\r", "\x85", "\u2028", "\ufeff", "{", "}", "[", "]",
    ": ", "- ", "? ", "&a ", "*a", "<<: *a", "!!python/object:os.system ", "!!binary ", "---\n",
    "...\n", "%YAML 1.1\n", "#", "'", '"', ",", "{" * 300, "[" * 300, "required: [[a]]",
    "required: [{a: 1}]", "pattern: '" + "(" * 200 + "'", "pattern: 'a{99999999999999999999}'",
    "pattern: '(a|a)*$'", "$ref: '#/properties/x'", "$ref: '../../etc/passwd'", "type: objectt",
    "enum: []", "minimum: 10\nmaximum: 1", "version: 99999999999-0-0", "x" * 5000,
    " ".join(["word"] * 2000), '"name": "' + "Order " * 3000 + '"', "null", "true", "~", "",
]  # fmt: skip


@st.composite
def mutated(draw: Any) -> tuple[str, str]:
    """A real plan with a few cuts, copies and insertions at random places."""
    name, text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            text = draw(st.sampled_from(PAYLOADS))
            continue
        where = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "copy", "replace-line"]))
        if kind == "insert":
            text = text[:where] + draw(st.sampled_from(PAYLOADS)) + text[where:]
        elif kind == "delete":
            text = text[:where] + text[where + draw(st.integers(1, 200)) :]
        elif kind == "copy":
            piece = text[where : where + draw(st.integers(1, 400))]
            text = text[:where] + piece * draw(st.integers(2, 50)) + text[where:]
        else:
            lines = text.splitlines(keepends=True)
            index = min(where * len(lines) // max(len(text), 1), len(lines) - 1)
            lines[index] = draw(st.sampled_from(PAYLOADS)) + "\n"
            text = "".join(lines)
    return name, text


# --- generated plans in the formats trackinglint reads ------------------------------------

NAMES = st.one_of(
    st.sampled_from(["Order Completed", "order_completed", "Clicked", "08", "true", "", " x "]),
    st.text(max_size=30),
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(), st.text(max_size=20)
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(NAMES, children, max_size=4)
    ),
    max_leaves=20,
)
TYPES = st.one_of(
    st.sampled_from(["string", "integer", "number", "boolean", "object", "array", "null", "x"]),
    st.lists(st.sampled_from(["string", "null", "number"]), max_size=3),
    JSON_VALUES,
)


@st.composite
def property_schema(draw: Any, depth: int = 0) -> dict[str, Any]:
    keys = st.sampled_from(
        ["type", "description", "enum", "minimum", "maximum", "pattern", "required", "$ref",
         "minLength", "maxLength", "items", "properties", "format", "pii", "x-junk"]
    )  # fmt: skip
    body: dict[str, Any] = {}
    for key in draw(st.lists(keys, max_size=6, unique=True)):
        if key == "type":
            body[key] = draw(TYPES)
        elif key in ("properties",) and depth < 3:
            body[key] = draw(st.dictionaries(NAMES, property_schema(depth + 1), max_size=3))
        elif key == "items" and depth < 3:
            body[key] = draw(property_schema(depth + 1))
        elif key == "pattern":
            body[key] = draw(
                st.one_of(st.text(max_size=20), st.sampled_from(["(a|a)*$", "[", "a{5}"]))
            )
        else:
            body[key] = draw(JSON_VALUES)
    return body


@st.composite
def generated(draw: Any) -> tuple[str, str]:
    """A plan built in one of the shapes readers recognise, written as YAML, JSON or CSV."""
    shape = draw(st.sampled_from(["native", "segment", "rudderstack", "iglu", "avo", "csv"]))
    props = draw(st.dictionaries(NAMES, property_schema(), max_size=4))
    names = draw(st.lists(NAMES, min_size=1, max_size=4))
    if shape == "csv":
        rows = ["Event Name,Property Name,Property Type,Required"]
        rows += [f"{n!r},{p},{draw(TYPES)!s},{draw(st.booleans())}" for n in names for p in props]
        return "plan.csv", "\n".join(rows) + "\n"
    data: Any
    if shape == "native":
        data = {"trackinglint": 1, "events": {n: {"properties": props} for n in names}}
    elif shape == "segment":
        rules = {"properties": {"properties": {"properties": props}}}
        data = {"events": [{"name": n, "rules": rules} for n in names]}
    elif shape == "rudderstack":
        data = {
            "version": "rudder/v0.1",
            "kind": draw(st.sampled_from(["properties", "events", "tp", "custom-types"])),
            "metadata": {"name": draw(NAMES)},
            "spec": {"properties": [{"id": n, "name": n, **p} for n, p in props.items()]},
        }
    elif shape == "iglu":
        version = draw(st.sampled_from(["1-0-0", "0-1-0", "1-0", "999999999999-0-0"]))
        data = {
            "$schema": IGLU_META,
            "self": {"vendor": "com.acme", "name": names[0], "format": "jsonschema",
                     "version": version},
            "type": "object",
            "properties": props,
        }  # fmt: skip
    else:
        data = json.loads(json.dumps(AVO))
        data["events"][0]["rules"]["properties"]["properties"]["properties"] = props
    if draw(st.booleans()) and shape != "iglu":
        import yaml

        return "plan.yaml", yaml.safe_dump(data, allow_unicode=True)
    return "plan.json", json.dumps(data)


PLANS = st.one_of(mutated(), generated())
IGLU_META = (
    "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#"
)


# --- the checks ---------------------------------------------------------------------------------


def check_one(folder: Path, name: str, text: str) -> None:
    """Lint, report and convert one file; fail with the reason if any check does not hold."""
    path = folder / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    began = time.perf_counter()
    result = Engine(REGISTRY, overrides=Overrides()).lint([path])
    crashes = [f"{f.code} {f.message}" for f in result.findings if f.code == "TL000"]
    assert crashes == [], crashes
    for finding in result.findings:
        document = result.documents.get(finding.file)
        if document is None or not finding.in_file:
            continue
        lines = document.lines
        assert 1 <= finding.line <= lines.line_count, finding
        assert 1 <= finding.column <= len(lines.line_text(finding.line)) + 1, finding
    for format_name in ("full", "json", "sarif", "junit", "gitlab", "github"):
        REGISTRY.reporters[format_name](result, io.StringIO(), color=False)
    for plan in result.plans:
        converted = to_native_yaml(plan)
        back = folder / "converted.yaml"
        back.write_text(converted, encoding="utf-8", errors="surrogatepass")
        again = Engine(REGISTRY, overrides=Overrides(select=("TL0",))).lint([back])
        if _SURROGATE.search(converted):
            continue  # YAML cannot hold an unpaired surrogate; convert says so
        assert [f for f in again.findings if f.code in ("TL000", "TL001", "TL002")] == [], (
            converted[:2000]
        )
        back.unlink()
    elapsed = time.perf_counter() - began
    assert elapsed < SECONDS, f"{elapsed:.1f} s"
