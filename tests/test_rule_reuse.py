"""Rules keep what they derived from an unchanged event for the language server's next
run (`rules.reuse`): after every kind of edit, its findings must be a fresh lint's,
to the line, column and word."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from trackinglint.plugins import build_registry
from trackinglint.readcache import ReadCache
from trackinglint.rules.api import PlanFacts, RuleContext
from trackinglint.rules.reuse import kept
from trackinglint.server.linting import lint_scope
from trackinglint.server.scope import folder_scope

from conftest import REPO
from source_helpers import GEN_PLAN

# Events a kept event's findings come from: contradictions (nested, under
# additionalProperties and patternProperties), undocumented and personal properties,
# spellings and types that differ, references to shared and missing definitions.
BLOCK = """\
  Invoice Sent:
    description: An invoice went out.
    properties:
      invoice_id: {type: string, required: true}
      Invoice-Id: {type: integer}
      total: {type: number, minimum: 10, maximum: 1, description: Total.}
      email: {type: string, description: The payer's email.}
      code: {type: string, pattern: "a(?=b)", description: A code.}
      lines:
        type: array
        description: Invoice lines.
        items:
          type: object
          properties:
            sku: {type: string, minLength: 3, maxLength: 1}
            qty: {type: integer, format: email}
      meta:
        type: object
        description: Extra fields.
        required: [missing_member]
        additionalProperties: {type: string, minimum: 3}
        patternProperties:
          "^x_": {type: integer, enum: [a, 1]}
      rep_id: {$ref: rep_id}
      amount: {type: string, description: Amount as text.}
      loose: {minLength: 5, maxLength: 1, enum: [1, a], pattern: "(?<!x)y", description: Any.}
  Invoice Viewed:
    properties:
      invoice_id: {type: string}
      phone_number: {type: string}
      stray: {$ref: nowhere}
  Invoice Paid:
    description: The payer paid an invoice.
    kind: job_completion
    properties:
      receipt_id: {type: string, description: The receipt.}
"""
UNUSED = "  unused_id: {type: string, description: Used by no event.}\n"
REUSED = {"TL112", "TL202", "TL203", "TL206", "TL208", "TL209", "TL210", "TL212"}


def _found(outcome):
    return [
        (f.code, f.file, f.line, f.column, f.end_line, f.end_column, f.message)
        for f in outcome.result.findings
    ]


def _holds(path: Path) -> bool:
    return path.suffix in (".yaml", ".yml")


def _assert_edits_lint_as_fresh(scope, path, versions) -> set[str]:
    """Lint each version with one cache, and again without: the same findings."""
    registry = build_registry(load_entry_points=False)
    cache = ReadCache()
    codes = set()
    for version in versions:
        contents = {path: version} if isinstance(version, str) else version
        cached = _found(lint_scope(registry, scope, contents, cache))
        assert cached == _found(lint_scope(registry, scope, contents))
        codes |= {finding[0] for finding in cached}
    return codes


def test_edits_around_kept_events_lint_exactly_as_a_fresh_lint(tmp_path):
    shutil.copytree(REPO / "examples" / "crm-after", tmp_path / "crm")
    (tmp_path / "crm" / "trackinglint.toml").write_text('select = ["ALL"]\n')
    deals = (tmp_path / "crm" / "events" / "deals.yaml").resolve()
    plan = (tmp_path / "crm" / "plan.yaml").resolve()
    shared = plan.read_text(encoding="utf-8")
    text = deals.read_text(encoding="utf-8") + BLOCK
    deals.write_text(text, encoding="utf-8")
    first = text.index("  Deal Closed Won:")
    untyped = shared.replace(
        "  rep_id: {type: string, description: Identifier of the sales rep.}\n", ""
    )
    versions = [
        text,
        text.replace("    tags: [pipeline]\n", "    tags: [pipeline]\n    owner: sales\n", 1),
        text.replace("  Deal Qualified:\n", "  Deal Qualified:\n    kind: feature_interaction\n"),
        text.replace("      stray: {$ref: nowhere}\n", "      stray: {$ref: deal_id}\n"),
        text.replace("phone_number: {type: string}", "phone_number: {type: string, pii: true}"),
        text[:first]
        + "  Deal Lost:\n    properties:\n      amount: {type: boolean}\n"
        + text[first:],
        {deals: text, plan: untyped},  # a shared definition the kept events use is gone
        {deals: text, plan: shared.replace("rep_id: {type: string", "rep_id: {type: integer")},
        {deals: text, plan: shared.replace("properties:\n", f"properties:\n{UNUSED}", 1)},
        text.replace("minimum: 10, maximum: 1", "minimum: 1, maximum: 10"),
        text.replace("Invoice lines.", ""),
        text[:first] + "  Deal Lost:\n    descr",  # does not parse
        text,
    ]
    codes = _assert_edits_lint_as_fresh(folder_scope(deals, [tmp_path], _holds), deals, versions)
    assert codes >= REUSED


def test_edits_of_a_generated_plan_lint_exactly_as_a_fresh_lint(tmp_path):
    made = subprocess.run(
        [sys.executable, str(GEN_PLAN), "150"], capture_output=True, text=True, check=True
    )
    folder = tmp_path / "generated"
    folder.mkdir()
    (folder / "trackinglint.toml").write_text('select = ["ALL"]\n')
    path = (folder / "plan.yaml").resolve()
    text = made.stdout
    path.write_text(text, encoding="utf-8")
    top = text.index("\nevents:\n") + len("\nevents:\n")
    versions = [
        text,
        text[:top] + BLOCK + text[top:],
        text[:top] + BLOCK.replace("Total.", "Total due.") + text[top:],
        text[:top] + BLOCK.replace("  Invoice Viewed:\n", "  Invoice Seen:\n") + text[top:],
        text[:top] + "  Typed Event:\n    description: d\n" + BLOCK + text[top:],
        text,
    ]
    codes = _assert_edits_lint_as_fresh(folder_scope(path, [tmp_path], _holds), path, versions)
    assert codes >= REUSED - {"TL209"}


def test_a_result_is_reused_only_for_the_very_object(tmp_path):
    from trackinglint.model import Event, Origin, Plan
    from trackinglint.sources import Document

    document = Document(tmp_path / "p.yaml", "p.yaml", "", {}, None)  # type: ignore[arg-type]
    plan = Plan(documents=[document])
    calls: list[str] = []

    def compute(event: Event) -> str:
        calls.append(event.name)
        return event.name.upper()

    one, two = Event("a", Origin(document)), Event("a", Origin(document))
    assert kept("TEST1", plan, compute, True)(one) == "A"
    assert kept("TEST1", plan, compute, True)(one) == "A"  # kept: not computed again
    assert kept("TEST1", plan, compute, True)(two) == "A"  # an equal object is not the same
    assert calls == ["a", "a"]
    assert kept("TEST1", plan, compute, True).each([one, two]) == [(one, "A"), (two, "A")]
    assert calls == ["a", "a", "a"]  # only what the last run met is kept: `two`
    assert kept("TEST1", plan, compute, True).each([two, one]) == [(two, "A"), (one, "A")]
    assert calls == ["a", "a", "a"]
    assert kept("TEST1", plan, compute, False)(two) == "A"  # a one-off run keeps nothing
    assert calls == ["a"] * 4
    facts = PlanFacts(plan)
    assert RuleContext(plan, {}, facts).kept("TEST1", compute)(two) == "A"
    assert calls == ["a"] * 5  # keeping is the engine's choice: off by default


def test_a_one_off_lint_lists_every_other_place_of_a_spelling_or_type(tmp_path):
    """The language server's findings carry no related places, so TL202 and TL203
    list them only for a lint whose findings show them (the CLI's)."""
    from trackinglint import Engine

    shutil.copytree(REPO / "examples" / "crm-after", tmp_path / "crm")
    deals = tmp_path / "crm" / "events" / "deals.yaml"
    deals.write_text(deals.read_text(encoding="utf-8") + BLOCK, encoding="utf-8")
    result = Engine(build_registry(load_entry_points=False)).lint([tmp_path / "crm"])
    found = {
        f.code: (f.line, f.column, [(p.line, p.column, p.note) for p in f.related])
        for f in result.findings
        if f.code in ("TL202", "TL203")
    }
    assert found == {
        "TL202": (46, 7, [(45, 7, "'invoice_id'"), (70, 7, "'invoice_id'")]),
        "TL203": (66, 7, [(13, 7, "number"), (23, 7, "number")]),
    }
