"""Every built-in rule has a page, and every page's examples do what they say."""

from __future__ import annotations

import re

import pytest

from trackinglint import Engine
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides
from trackinglint.rule_pages import examples, page_path

from conftest import REPO

REGISTRY = build_registry(load_entry_points=False)
# Rules written as data (the packs) carry their page in the data itself.
BUILTIN = [rule for rule in REGISTRY.rules.values() if rule.page is None]
NO_PLAN_EXAMPLES = {"TL000", "TL009"}  # triggered by code or a baseline, not by plan content
# drift rules: their examples are a plan and source code (tests/test_code_drift.py)
NO_PLAN_EXAMPLES |= {"TL301", "TL302", "TL303", "TL304", "TL305", "TL306"}
REQUIRED_SECTIONS = ("## What it does", "## Why it matters", "## Options")


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.code)
def test_page_exists_and_matches_the_declaration(rule):
    path = page_path(rule.code)
    assert path is not None, f"rules/{rule.code}-{rule.name}.md is missing"
    assert path.name == f"{rule.code}-{rule.name}.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# {rule.code} {rule.name}\n")
    default = "on" if rule.enabled_by_default else "off"
    assert (
        f"**Severity:** {rule.severity.value} · **Group:** {rule.group} · **Default:** {default}"
        in text
    )
    for section in REQUIRED_SECTIONS:
        assert section in text
    for option in rule.options:
        assert f"`{option}`" in text


def test_every_page_belongs_to_a_rule():
    codes = {rule.code for rule in BUILTIN}
    pages = {p.name.split("-")[0] for p in (REPO / "rules").glob("*.md")}
    assert pages <= codes


CASES = [
    (rule, example)
    for rule in BUILTIN
    if rule.code not in NO_PLAN_EXAMPLES
    for example in examples(page_path(rule.code).read_text(encoding="utf-8"))
    if example.kind != "context"
]
CONTEXT = {  # files a page's examples are linted beside (its 'Context' section)
    rule.code: [
        example
        for example in examples(page_path(rule.code).read_text(encoding="utf-8"))
        if example.kind == "context"
    ]
    for rule in BUILTIN
    if rule.code not in NO_PLAN_EXAMPLES
}


def test_every_page_with_plan_examples_has_both_kinds():
    for rule in BUILTIN:
        if rule.code in NO_PLAN_EXAMPLES:
            continue
        kinds = {example.kind for r, example in CASES if r is rule}
        assert kinds == {"bad", "good"}, rule.code


@pytest.mark.parametrize(
    ("rule", "example"), CASES, ids=[f"{r.code}-{e.kind}-{i}" for i, (r, e) in enumerate(CASES)]
)
def test_page_example(rule, example, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for context in CONTEXT[rule.code]:
        (tmp_path / context.path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / context.path).write_text(context.code, encoding="utf-8")
    path = tmp_path / (example.path or f"example.{example.language}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(example.code, encoding="utf-8")
    engine = Engine(REGISTRY, overrides=Overrides(select=("ALL",)))
    linted = tmp_path if CONTEXT[rule.code] else path  # with its context: the folder
    codes = [f.code for f in engine.lint([linted]).findings]
    if example.kind == "bad":
        assert rule.code in codes, f"bad example of {rule.code} does not trigger it: {codes}"
    else:
        assert rule.code not in codes, f"good example of {rule.code} triggers it"


def test_readme_rule_table_lists_every_builtin_rule():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| ((?:TL|IGLU|RS|OTP|AVO|SPC)\d{3}) \| ([a-z-]+) \|", readme, re.M))
    assert listed == {(rule.code, rule.name) for rule in BUILTIN}
