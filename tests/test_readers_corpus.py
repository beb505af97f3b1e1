"""The readers over the real plans in tests/data (see tests/data/SOURCES.md): the number
of events read, no crash, and every finding at a line and column that exist in the file it
names. Segment and RudderStack are whole; Iglu Central is a subset of its registry."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from trackinglint import Engine, LintResult
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides
from trackinglint.sources import read_source

from conftest import REPO

CORPUS = REPO / "tests" / "data"
IGLU = CORPUS / "iglu-central"
SEGMENT = CORPUS / "segment-typewriter"
RUDDER = CORPUS / "rudder-iac"
REGISTRY = build_registry(load_entry_points=False)
READER_CODES = ("TL000", "TL004", "TL005", "TL006", "TL007", "TL008")


def lint(*paths: Path, select: tuple[str, ...] | None = None) -> LintResult:
    return Engine(REGISTRY, overrides=Overrides(select=select)).lint(list(paths))


def assert_findings_inside_their_files(result: LintResult) -> None:
    assert result.findings is not None
    for finding in result.findings:
        document = result.documents.get(finding.file)
        if document is None:  # a finding may point into a file read only for context
            document = read_source(Path(finding.file), finding.file).document
        lines = document.lines
        assert 1 <= finding.line <= lines.line_count, finding
        assert 1 <= finding.column <= len(lines.line_text(finding.line)) + 1, finding
        assert (finding.end_line, finding.end_column) > (finding.line, finding.column), finding


def test_the_corpus_is_where_the_tests_expect_it():
    assert {p.name for p in CORPUS.iterdir()} >= {
        "iglu-central",
        "segment-typewriter",
        "rudder-iac",
    }


# -- Snowplow Iglu ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def iglu() -> LintResult:
    return lint(IGLU)  # every rule that is on by default


def _json_schemas() -> list[Path]:
    return sorted(p for p in (IGLU / "schemas").rglob("*") if p.parent.name == "jsonschema")


def test_every_iglu_json_schema_is_read_and_each_schema_is_one_event(iglu):
    schemas = _json_schemas()
    assert len(schemas) == 73  # of the registry's 660; 92 files in all with the 19 below
    assert {Path(f).resolve() for f in iglu.files} == {p.resolve() for p in schemas}
    (plan,) = iglu.plans
    assert len(plan.documents) == 73
    distinct = {(p.parents[2].name, p.parents[1].name) for p in schemas}
    assert len(distinct) == 46  # com.sendgrid alone has 33 versions of 11 schemas
    # Segment's context, page and screen say they are entities ("Schema for Segment page
    # entity"): read, but not events
    assert len(plan.events) == 43
    assert {label: item.entity for label, item in plan.non_events.items()} == {
        "com.segment/context": True,
        "com.segment/page": True,
        "com.segment/screen": True,
    }


def test_iglu_events_are_named_after_the_schema_and_qualified_only_on_a_clash(iglu):
    (plan,) = iglu.plans
    link_click = plan.events["link_click"]
    assert link_click.origin.document.path.name == "1-0-1"  # the newest version
    assert link_click.origin.path == "self.name"
    assert sorted(link_click.properties) == [
        "elementClasses", "elementContent", "elementId", "elementTarget", "targetUrl",
    ]  # fmt: skip
    assert link_click.properties["targetUrl"].required is True
    assert link_click.properties["elementClasses"].items.types == ("string",)
    # "open" (SendGrid) and "OPEN" (Urban Airship) read as one name, so both are qualified
    assert "com.sendgrid/open" in plan.events
    assert "com.urbanairship.connect/OPEN" in plan.events
    assert "open" not in plan.events
    # the same name from two vendors is qualified too; a name without a twin is not
    assert "com.snowplowanalytics.mobile/screen_view" in plan.events
    assert "com.snowplowanalytics.snowplow/screen_view" in plan.events
    assert "screen_view" not in plan.events
    assert "click" in plan.events  # com.sendgrid/click: GA4's `click` is not in this subset


def test_iglu_corpus_findings_are_inside_their_files_and_only_the_known_parse_errors(iglu):
    assert_findings_inside_their_files(iglu)
    codes = Counter(f.code for f in iglu.findings)
    assert not set(codes) & set(READER_CODES)
    parse_errors = [f for f in iglu.findings if f.code == "TL001"]
    assert len(parse_errors) == 32  # two versions repeat keys; every repeat is reported
    broken = sorted(
        {f.file.rsplit("/", 3)[1] + "/" + f.file.rsplit("/", 1)[1] for f in parse_errors}
    )
    assert broken == ["elasticsearch_enriched_event/1-0-1", "elasticsearch_enriched_event/2-0-0"]


def test_iglu_schemas_of_other_formats_are_read_as_schemas_or_reported_once():
    others = sorted(p for p in (IGLU / "schemas").rglob("*") if p.is_file())
    others = [p for p in others if p.parent.name != "jsonschema"]
    assert len(others) == 19
    for path in others:
        result = lint(path, select=("TL0",))
        codes = [f.code for f in result.findings]
        if path.parent.name == "avro":  # Avro schemas have no `self` block
            assert codes == ["TL004"], path
        else:  # self-describing Thrift and Protobuf IDL: a schema, but no event to lint
            assert codes == [], path
            assert [len(p.events) for p in result.plans] == [0]


# -- Segment ------------------------------------------------------------------------------

SEGMENT_PLANS = {
    "examples/local-tracking-plans/tracking-plan-mobile.json": 1,
    "examples/local-tracking-plans/tracking-plan-slothgram.json": 3,
    "examples/local-tracking-plans/tracking-plan-web.json": 3,
    "examples/local-tracking-plans/tracking-plan.json": 1,
    "src/__tests__/__data__/plan-v1.json": 24,
    "src/__tests__/__data__/plan.json": 25,
    "src/analytics/plan.json": 7,
    "src/telemetry/plan.json": 6,
    "test/env/output/plan.json": 24,
    "tests/__fixtures__/tracking-plan-fixture.json": 7,
    "tests/e2e/web-typescript/analytics/plan.json": 24,
}


def test_every_segment_plan_in_the_corpus_is_listed_here():
    found = {
        p.relative_to(SEGMENT).as_posix() for p in SEGMENT.rglob("*.json") if p.name != "LICENSE"
    }
    assert found == set(SEGMENT_PLANS)


@pytest.mark.parametrize(("name", "events"), SEGMENT_PLANS.items())
def test_each_segment_plan_reads_its_events(name, events):
    result = lint(SEGMENT / name)
    (plan,) = result.plans
    assert len(plan.events) == events
    assert not {f.code for f in result.findings} & set(READER_CODES)
    assert_findings_inside_their_files(result)


def test_the_segment_folder_reads_every_plan_and_passes_over_its_config():
    result = lint(SEGMENT)
    read = sorted(Path(f).resolve().relative_to(SEGMENT).as_posix() for f in result.files)
    assert read == sorted(SEGMENT_PLANS)
    assert_findings_inside_their_files(result)


def test_segments_typewriter_config_named_on_its_own_gets_one_clear_finding():
    result = lint(SEGMENT / "typewriter.yml")
    (finding,) = result.findings
    assert (finding.code, finding.line, finding.column) == ("TL004", 1, 1)
    assert "top-level keys: client, trackingPlans" in finding.message


# -- RudderStack --------------------------------------------------------------------------

RUDDER_FOLDERS = {
    "cli/tests/testdata/project/create": 5,  # and a page call (event_type: page)
    "cli/tests/testdata/project/update": 5,
    "cli/internal/providers/datacatalog/localcatalog/testdata": 2,
}
_PROJECT = "cli/tests/testdata/project"
_CATALOG = "cli/internal/providers/datacatalog/localcatalog/testdata"


def _rudder_files() -> list[Path]:
    return sorted(RUDDER.rglob("*.yaml"))


def test_every_rudderstack_file_is_either_read_or_reported_once():
    files = _rudder_files()
    assert len(files) == 41
    docs = 0
    for path in files:  # one file named, as the pre-commit hook names it
        result = Engine(REGISTRY).lint([path], whole_plan=True)
        assert_findings_inside_their_files(result)
        codes = [f.code for f in result.findings]
        if path.name.endswith(".docs.yaml"):  # rudder-cli's rule documentation, not a plan
            docs += 1
            assert [c for c in codes if c.startswith("TL00")] == ["TL004"], path
            continue
        assert not set(codes) & set(READER_CODES), (path, codes)
        (plan,) = result.plans  # the file with the rest of its project, read for context
        folder = path.parent.relative_to(RUDDER).as_posix()
        assert len(plan.events) == RUDDER_FOLDERS[folder], path
    assert docs == 16


@pytest.mark.parametrize(("folder", "events"), RUDDER_FOLDERS.items())
def test_each_rudderstack_project_resolves_across_its_files(folder, events):
    result = lint(RUDDER / folder)
    (plan,) = result.plans
    assert len(plan.events) == events
    assert not {f.code for f in result.findings} & set(READER_CODES)
    assert_findings_inside_their_files(result)


def test_the_whole_rudderstack_corpus_in_one_run():
    result = lint(RUDDER)
    assert len(result.files) == 25  # 41 files, less the 16 rule docs passed over
    # `create/` and `update/` reuse ids: two projects side by side, each resolved on its own
    assert not {f.code for f in result.findings} & set(READER_CODES)
    assert_findings_inside_their_files(result)
