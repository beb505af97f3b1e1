"""Which files form a plan, and never a silent pass (trackinglint.plans, discovery).

Independent plans side by side are linted apart; a plan split over files is
one plan; a named path that yields no plan is refused with reasons.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from trackinglint import Engine
from trackinglint.plans import sniff_file
from trackinglint.plugins import build_registry
from trackinglint.server.linting import lint_scope
from trackinglint.server.scope import folder_scope

from conftest import REPO

REGISTRY = build_registry(load_entry_points=False)

SHOP = """\
trackinglint: 1
product: {name: Shop, job: Get the order delivered}
jobs:
  deliver: {description: The order reaches the buyer., completion: Order Delivered}
events:
  Order Delivered:
    description: The carrier confirmed delivery.
    properties:
      order_id: {type: string, required: true, description: The order.}
metrics:
  Orders delivered per week:
    north_star: true
    event: Order Delivered
    aggregation: count
    per: [week]
    direction: increase
    description: Orders that reached buyers.
    decision: Where to add carriers.
"""
BLOG = SHOP.replace("Shop", "Blog").replace("Orders delivered per week", "Deliveries weekly")
SEGMENT = {
    "events": [
        {
            "name": "Order Delivered",
            "description": "Delivered.",
            "rules": {"properties": {"order_id": {"type": "string"}}},
        }
    ]
}


def _by_file(findings, name):
    return [(f.code, f.line, f.column, f.message) for f in findings if f.file.endswith(name)]


def test_independent_plans_in_one_folder_never_see_each_other(write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write("shop.yaml", SHOP)
    write("blog.yaml", BLOG)
    write("export.json", json.dumps(SEGMENT))
    engine = Engine(REGISTRY)
    together = engine.lint([tmp_path])
    assert [p.label for p in together.plans] == ["Blog", "export.json", "Shop"]
    codes = {f.code for f in together.findings}
    assert "TL102" not in codes and "TL201" not in codes  # no competing stars, no duplicates
    for name in ("shop.yaml", "blog.yaml", "export.json"):
        alone = Engine(REGISTRY).lint([tmp_path / name])
        assert _by_file(together.findings, name) == _by_file(alone.findings, name)


def test_the_server_reports_for_a_file_what_check_on_its_folder_reports(write, tmp_path):
    shop = write("plans/shop.yaml", SHOP.replace("description: Orders", "descripton: Orders"))
    write("plans/blog.yaml", BLOG)
    write("plans/export.json", json.dumps(SEGMENT))
    scope = folder_scope(shop, [], lambda p: sniff_file(p, REGISTRY.readers, {}))
    served = lint_scope(REGISTRY, scope, {}).result
    checked = Engine(REGISTRY).lint([tmp_path / "plans"])
    for name in ("shop.yaml", "blog.yaml", "export.json"):
        assert _by_file(served.findings, name) == _by_file(checked.findings, name)
    assert ("TL002", 17, 5) in [f[:3] for f in _by_file(checked.findings, "shop.yaml")]


def test_a_split_plan_is_one_plan_and_a_named_file_is_linted_with_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "examples" / "crm-after", tmp_path / "plan")
    (plan,) = Engine(REGISTRY).lint([tmp_path / "plan"]).plans
    assert plan.label == "Acme CRM" and len(plan.documents) == 3
    deals = tmp_path / "plan" / "events" / "deals.yaml"
    one = Engine(REGISTRY).lint([deals], whole_plan=True)
    assert one.findings == [] and list(one.documents) == ["plan/events/deals.yaml"]
    assert len(one.plans[0].documents) == 3  # read for context, reported for one file
    alone = Engine(REGISTRY).lint([deals])  # by default nothing but the named file is read
    assert [len(plan.documents) for plan in alone.plans] == [1]


def test_plans_named_in_the_configuration(write, cli):
    write("trackinglint.toml", 'plans = {web = ["web/**"]}\nselect = ["TL1"]\n')
    write("web/a.yaml", SHOP)
    write("web/b.yaml", BLOG)  # a second product, but the configuration says one plan
    run = cli("check", ".", "--select", "TL102", "--output-format", "concise")
    assert run.out.splitlines()[0].startswith("web/b.yaml:12:5: TL102 ")
    shown = cli("check", ".", "--show-files")
    assert shown.out.splitlines()[:3] == [
        "plan Shop (native; 2 file(s))",
        "  web/a.yaml",
        "  web/b.yaml",
    ]


def test_a_configured_plan_with_a_bad_value_is_a_located_error(write, cli):
    write("trackinglint.toml", 'plans = {web = "web/**"}\n')
    write("plan.yaml", SHOP)
    run = cli("check", "plan.yaml")
    assert run.code == 2
    assert "trackinglint.toml:1: 'plans.\"web\"': expected a non-empty list of globs" in run.err


# never a silent pass ----------------------------------------------------------


def test_an_empty_folder_is_refused(tmp_path, cli):
    (tmp_path / "empty").mkdir()
    run = cli("check", "empty")
    assert run.code == 2
    assert run.err.splitlines()[0] == (
        "trackinglint: error: no tracking plan found in 'empty': "
        "no candidate plan files (YAML, JSON, CSV) there"
    )


def test_a_folder_of_other_yaml_is_refused_with_each_reason(write, cli):
    write("ci/workflow.yml", "on: [push]\n")
    write("ci/notes.json", '{"a": 1}\n')
    run = cli("check", "ci")
    assert run.code == 2
    assert run.err.splitlines()[:3] == [
        "trackinglint: error: no tracking plan found in 'ci'; passed over:",
        "  ci/notes.json: no reader recognised it",
        "  ci/workflow.yml: no reader recognised it",
    ]


def test_a_folder_with_a_plan_passes_over_other_files_quietly(write, cli):
    write("repo/plan.yaml", SHOP)
    write("repo/ci.yml", "on: [push]\n")
    run = cli("check", "repo", "--select", "TL0")
    assert (run.code, run.err) == (0, "")


def test_skip_unrecognized_keeps_its_meaning_for_the_hook(write, cli):
    write("ci.yml", "on: [push]\n")
    assert cli("check", "ci.yml", "--skip-unrecognized").code == 0


def test_plan_format_applies_to_every_file_of_a_folder(write, cli):
    # an Iglu schema kept as YAML: no sniff knows it (they look for JSON's quotes)
    write(
        "exports/schema.yaml",
        "self: {vendor: com.acme, name: signed_up, format: jsonschema, version: 1-0-0}\n"
        "type: object\nproperties: {}\n",
    )
    unread = cli("check", "exports")
    assert unread.code == 2
    run = cli("check", "exports", "--plan-format", "iglu", "--select", "TL0")
    assert (run.code, run.err) == (0, "")


def test_csv_columns_apply_in_a_folder_walk(write, cli):
    write("trackinglint.toml", 'csv-columns = {event = "Hit"}\nselect = ["TL0"]\n')
    write("sheets/plan.csv", "Hit,Notes\nSigned Up,first\n")
    run = cli("check", "sheets", "--output-format", "json")
    assert (run.code, run.json(), run.err) == (0, [], "")


# what a folder walk reads -------------------------------------------------------


def test_gitignored_files_are_passed_over_unless_asked(write, cli, tmp_path):
    (tmp_path / ".git").mkdir()
    write(".gitignore", "generated/\n*.gen.yaml\n!keep.gen.yaml\n")
    write("plan.yaml", SHOP)
    write("generated/plan.yaml", SHOP.replace("trackinglint: 1", "trackinglint: 1\nbogus: 1"))
    write("old.gen.yaml", SHOP.replace("trackinglint: 1", "trackinglint: 1\nbogus: 1"))
    write("keep.gen.yaml", BLOG)
    run = cli("check", ".", "--select", "TL002", "--output-format", "concise")
    assert (run.code, run.out.count("TL002")) == (0, 0)
    shown = cli("check", ".", "--show-files")
    assert "passed over generated/: ignored by .gitignore  (under .)" in shown.out
    assert "passed over old.gen.yaml: ignored by .gitignore  (under .)" in shown.out
    assert "  keep.gen.yaml" in shown.out
    every = cli(
        "check", ".", "--no-respect-gitignore", "--select", "TL002", "--output-format", "concise"
    )
    assert every.out.count("TL002") == 2


@pytest.mark.skipif(os.name == "nt", reason="symbolic links and FIFOs")
def test_links_out_of_the_folder_loops_and_fifos_are_passed_over(write, cli, tmp_path):
    outside = write("outside/secret.yaml", SHOP)
    write("plans/plan.yaml", BLOG)
    (tmp_path / "plans" / "link.yaml").symlink_to(outside)
    (tmp_path / "plans" / "loop.yaml").symlink_to(tmp_path / "plans" / "loop.yaml")
    (tmp_path / "plans" / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "plans" / "pipe.yaml")
    (tmp_path / "plans" / "inside.yaml").symlink_to(tmp_path / "plans" / "plan.yaml")
    shown = cli("check", "plans", "--show-files")
    assert shown.code == 0
    assert (
        "passed over plans/link.yaml: a symbolic link to a file outside the paths named"
        in shown.out
    )
    assert "passed over plans/loop.yaml: a symbolic link loop or a broken link" in shown.out
    assert "passed over plans/pipe.yaml: not a regular file (a FIFO, device or socket)" in shown.out
    assert (
        "passed over plans/zero.yaml: a symbolic link to a file outside the paths named"
        in shown.out
    )
    assert "  plans/inside.yaml" in shown.out  # a link within the named folder is read
    fifo = cli("check", "plans/pipe.yaml")
    assert fifo.code == 2
    assert fifo.err.startswith(
        "trackinglint: error: cannot read 'plans/pipe.yaml': not a regular file"
    )


def test_readme_shows_the_grouping_of_the_shipped_examples(monkeypatch, capsys):
    from trackinglint.cli import main

    monkeypatch.chdir(REPO)
    assert main(["check", "examples", "--show-files"]) == 0
    shown = capsys.readouterr().out
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ trackinglint check examples --show-files\n", 1)[1].split("```", 1)[0]
    assert shown == block


def test_a_file_that_does_not_parse_gets_no_findings_about_its_suppressions(write, cli):
    write("plan.yaml", "trackinglint: 1  # trackinglint: ignore[TL101]\nevents: [unclosed\n")
    run = cli("check", "plan.yaml", "--output-format", "concise")
    assert [line.split(" ")[1] for line in run.out.splitlines() if ": TL" in line] == ["TL001"]


def test_two_copies_of_a_rudderstack_project_side_by_side_are_two_plans(tmp_path):
    project = REPO / "tests" / "fixtures" / "rudderstack" / "create"
    shutil.copytree(project, tmp_path / "create")
    shutil.copytree(project, tmp_path / "update")
    result = Engine(REGISTRY).lint([tmp_path])
    folders = [{d.path.parent.name for d in plan.documents} for plan in result.plans]
    assert folders == [{"create"}, {"update"}]
    assert "TL201" not in {f.code for f in result.findings}


def test_a_rudderstack_project_in_sibling_folders_is_one_plan(tmp_path):
    project = REPO / "tests" / "fixtures" / "rudderstack" / "create"
    for name in ("events_v1.yaml", "properties_v1.yaml", "trackingplan_v1.yaml"):
        folder = tmp_path / "project" / name.split("_")[0]
        folder.mkdir(parents=True)
        shutil.copy(project / name, folder / name)
    (plan,) = Engine(REGISTRY).lint([tmp_path / "project"]).plans
    assert len(plan.documents) == 3


def test_segment_rules_kept_one_yaml_file_per_event_form_one_plan_per_folder(write, tmp_path):
    for name in ("Order Completed", "Order Refunded"):
        write(
            f"rules/{name.split()[1].lower()}.yml",
            f"rules:\n  - key: {name}\n    type: TRACK\n    description: x\n"
            "    properties:\n      order_id: {type: string, description: The order.}\n",
        )
    write("exports/a.json", json.dumps(SEGMENT))
    write("exports/b.json", json.dumps(SEGMENT))
    result = Engine(REGISTRY).lint([tmp_path])
    by_files = sorted(sorted(d.path.name for d in p.documents) for p in result.plans)
    assert by_files == [["a.json"], ["b.json"], ["completed.yml", "refunded.yml"]]
