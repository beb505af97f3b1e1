"""The language server's pure parts: positions, buffers, suppression edits, scopes.

The server as a whole is tested over stdio in test_server.py; these pin the
conversions it depends on, where an off-by-one hides easily.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types

from trackinglint import Engine
from trackinglint.plans import sniff_file
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides
from trackinglint.server.actions import suppression_edit
from trackinglint.server.buffers import Buffer, apply_change, edit, line_starts
from trackinglint.server.linting import lint_scope
from trackinglint.server.positions import (
    from_position,
    to_column,
    to_position,
    units_for,
    utf8_units,
    utf16_units,
    utf32_units,
)
from trackinglint.server.scope import folder_scope, untitled_scope
from trackinglint.sources import LineIndex

from conftest import REPO

READERS = build_registry(load_entry_points=False).readers
ALIASES = {"schema-violation": "TL002", "target-on-surface-metric": "TL104"}


# positions ----------------------------------------------------------------


def test_utf16_counts_astral_characters_twice():
    assert utf16_units("a😀b") == 4
    assert utf16_units("é") == 1
    assert utf8_units("é😀") == 6
    assert utf32_units("a😀b") == 3


def test_encoding_names_pick_their_counters():
    assert units_for(types.PositionEncodingKind.Utf8) is utf8_units
    assert units_for("utf-32") is utf32_units
    assert units_for(None) is utf16_units
    assert units_for(types.PositionEncodingKind.Utf16) is utf16_units


def test_character_columns_become_utf16_offsets_after_an_emoji():
    lines = LineIndex('events:\n  "😀 Deal": {kind: nope}\n')
    # column 20 (1-based characters) is the 'n' of nope; the emoji takes two units
    assert lines.line_text(2)[19] == "n"
    assert to_position(lines, 2, 20, utf16_units) == types.Position(1, 20)
    assert to_position(lines, 2, 20, utf32_units) == types.Position(1, 19)
    assert from_position(lines, types.Position(1, 20), utf16_units) == (2, 20)


def test_offsets_inside_a_surrogate_pair_or_past_the_line_clamp():
    lines = LineIndex("a😀b\n")
    assert from_position(lines, types.Position(0, 2), utf16_units) == (1, 3)  # mid-pair
    assert from_position(lines, types.Position(0, 99), utf16_units) == (1, 4)
    assert to_position(lines, 1, 4, utf16_units) == types.Position(0, 4)  # the line break
    assert to_position(lines, 1, 5, utf16_units) == types.Position(0, 5)  # one past it
    assert to_position(lines, 2, 1, utf16_units) == types.Position(1, 0)  # after the last line


# buffers ------------------------------------------------------------------


def _change(start: tuple[int, int], end: tuple[int, int], text: str):
    return types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(*start), types.Position(*end)), text=text
    )


def test_incremental_change_replaces_the_range():
    text = "trackinglint: 1\nevents:\n  A: {requried: true}\n"
    changed = apply_change(text, _change((2, 6), (2, 14), "required"), utf16_units)
    assert changed == "trackinglint: 1\nevents:\n  A: {required: true}\n"


def test_lines_break_only_at_cr_and_lf_like_lsp():
    # U+2028 and a form feed are not line breaks in LSP; str.splitlines says they are
    text = "a: 'x\u2028y'\r\nb: \x0c1\nc: 2\n"
    changed = apply_change(text, _change((2, 3), (2, 4), "3"), utf16_units)
    assert changed == "a: 'x\u2028y'\r\nb: \x0c1\nc: 3\n"


def test_change_positions_count_utf16_units():
    text = "e: 😀x\n"
    assert apply_change(text, _change((0, 5), (0, 6), "y"), utf16_units) == "e: 😀y\n"


def test_full_change_and_edits_at_the_end():
    full = types.TextDocumentContentChangeWholeDocument(text="new")
    assert apply_change("old", full, utf16_units) == "new"
    assert apply_change("a\n", _change((1, 0), (1, 0), "b"), utf16_units) == "a\nb"
    assert apply_change("a\n", _change((5, 0), (5, 0), "b"), utf16_units) == "a\nb"


def _slow(text: str, change: types.TextDocumentContentChangePartial) -> str:
    """An edit the plain way: split all the text into lines first."""
    starts = line_starts(text)

    def offset(position: types.Position) -> int:
        if position.line >= len(starts):
            return len(text)
        begin = starts[position.line]
        end = starts[position.line + 1] if position.line + 1 < len(starts) else len(text)
        return (
            begin + to_column(text[begin:end].rstrip("\r\n"), position.character, utf16_units) - 1
        )

    start = offset(change.range.start)
    return text[:start] + change.text + text[max(offset(change.range.end), start) :]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab\n😀", max_size=40),
    st.lists(
        st.tuples(
            st.integers(0, 8), st.integers(0, 6), st.integers(0, 8), st.integers(0, 6),
            st.text(alphabet="xy\n\r😀", max_size=4),
        ),
        max_size=12,
    ),
)  # fmt: skip
def test_typing_counted_from_the_last_edit_lands_where_a_full_split_puts_it(text, edits):
    buffer = Buffer("file:///p.yaml", text, 1, "yaml", None)
    expected = text
    for line, character, end_line, end_character, typed in edits:
        change = _change((line, character), (end_line, end_character), typed)
        expected = _slow(expected, change)
        buffer.text, buffer.near = edit(buffer.text, change, utf16_units, buffer.near)
        assert buffer.text == expected


# suppression edits ------------------------------------------------------------


def _apply(text: str, edit: types.TextEdit) -> str:
    return apply_change(text, _change(
        (edit.range.start.line, edit.range.start.character),
        (edit.range.end.line, edit.range.end.character),
        edit.new_text,
    ), utf16_units)  # fmt: skip


def test_suppression_goes_at_the_end_of_the_line():
    text = "trackinglint: 1\nevents:\n  A: {kind: nope}   \n"
    edit = suppression_edit(text, 3, "TL002", ALIASES, utf16_units)
    assert edit == types.TextEdit(
        range=types.Range(types.Position(2, 17), types.Position(2, 20)),
        new_text="  # trackinglint: ignore[TL002]",
    )
    assert _apply(text, edit).splitlines()[2] == "  A: {kind: nope}  # trackinglint: ignore[TL002]"


def test_suppression_merges_into_the_comment_on_the_line():
    text = "metrics:\n  M:  # trackinglint: ignore[target-on-surface-metric]\n"
    edit = suppression_edit(text, 2, "TL002", ALIASES, utf16_units)
    assert _apply(text, edit).splitlines()[1] == (
        "  M:  # trackinglint: ignore[target-on-surface-metric, TL002]"
    )
    empty = "metrics:\n  M:  # trackinglint: ignore[]\n"
    edit = suppression_edit(empty, 2, "TL002", ALIASES, utf16_units)
    assert _apply(empty, edit).splitlines()[1] == "  M:  # trackinglint: ignore[TL002]"


def test_suppression_goes_above_a_comment_line_or_an_open_quote():
    text = "events:\n    # a note\n"
    edit = suppression_edit(text, 2, "TL003", ALIASES, utf16_units)
    assert _apply(text, edit) == "events:\n    # trackinglint: ignore[TL003]\n    # a note\n"
    quoted = "events:\n  A:\n    description: 'spans\n      lines'\n"
    edit = suppression_edit(quoted, 3, "TL002", ALIASES, utf16_units)
    assert _apply(quoted, edit).splitlines()[2] == "    # trackinglint: ignore[TL002]"


def test_no_edit_when_already_suppressed():
    text = "events:\n  A: {}  # trackinglint: ignore[TL002]\n"
    assert suppression_edit(text, 2, "TL002", ALIASES, utf16_units) is None
    assert suppression_edit(text, 9, "TL002", ALIASES, utf16_units) is None


@pytest.mark.parametrize("target", [3, 5])
def test_the_engine_honours_the_edited_suppression(write, target):
    text = (
        "trackinglint: 1\n"
        "events:\n"
        "  A: {kind: nope}  # trackinglint: ignore[TL003]\n"
        "  B:\n"
        "    kind: nope\n"
    )
    path = write("plan.yaml", text)
    engine = Engine(overrides=Overrides(select=("TL0",)))
    before = [(f.code, f.line) for f in engine.lint([path]).findings]
    assert before == [("TL002", 3), ("TL003", 3), ("TL002", 5)]
    edit = suppression_edit(text, target, "TL002", ALIASES, utf16_units)
    path.write_text(_apply(text, edit), encoding="utf-8")
    after = [(f.code, f.line) for f in engine.lint([path]).findings]
    # the TL003 comment stays unused either way: it names a rule with no finding there
    assert after == ([("TL003", 3), ("TL002", 5)] if target == 3 else [("TL002", 3), ("TL003", 3)])


# scopes -------------------------------------------------------------------

PLAN = "trackinglint: 1\nevents:\n  A: {}\n"


def _holds(path: Path) -> bool:
    return sniff_file(path, READERS, {})


def test_scope_widens_to_parents_holding_plan_files(write, tmp_path):
    write("repo/notes.yaml", "not: a plan\n")
    write("repo/plan/plan.yaml", PLAN)
    events = write("repo/plan/events/deals.yaml", PLAN)
    scope = folder_scope(events, [], _holds)
    assert scope.folder == tmp_path / "repo" / "plan"
    assert scope.covers(events) and not scope.covers(tmp_path / "repo" / "notes.yaml")


def test_scope_widens_to_sibling_folders_of_one_project(write, tmp_path):
    write("project/properties/props.yaml", PLAN)
    events = write("project/events/deals.yaml", PLAN)
    assert folder_scope(events, [], _holds, siblings=True).folder == tmp_path / "project"
    assert folder_scope(events, [], _holds).folder == tmp_path / "project" / "events"


def test_scope_stops_at_the_workspace_folder(write, tmp_path):
    write("plan.yaml", PLAN)
    events = write("ws/deals.yaml", PLAN)
    assert folder_scope(events, [tmp_path / "ws"], _holds).folder == tmp_path / "ws"
    assert folder_scope(events, [], _holds).folder == tmp_path


def test_scope_stops_at_the_configuration_folder(write, tmp_path):
    write("plan.yaml", PLAN)  # a plan above the project's configuration is not its
    write("project/trackinglint.toml", 'select = ["TL0"]\n')
    write("project/plan.yaml", PLAN)
    events = write("project/events/deals.yaml", PLAN)
    assert folder_scope(events, [], _holds).folder == tmp_path / "project"
    inner = tmp_path / "project" / "events"
    assert folder_scope(events, [inner], _holds).folder == inner  # not above the workspace


def test_unsaved_text_decides_whether_a_file_is_a_plan(write, tmp_path):
    other = write("other.yaml", "not: yet\n")
    assert not sniff_file(other, READERS, {})
    assert sniff_file(other, READERS, {other: PLAN})


def test_a_plan_in_a_busy_folder_is_not_merged_with_plans_further_down(write, tmp_path):
    mine = write("downloads/plan.yaml", "trackinglint: 1\nevents:\n  A: {kind: nope}\n")
    write("downloads/old/project/plan.yaml", "trackinglint: 1\nevents:\n  A: {}\n")
    registry = build_registry(load_entry_points=False)
    scope = folder_scope(mine, [], _holds)
    result = lint_scope(registry, scope, {}).result
    assert [[d.path for d in plan.documents] for plan in result.plans] == [
        [mine],
        [tmp_path / "downloads" / "old" / "project" / "plan.yaml"],
    ]
    mine_only = Engine(registry).lint([mine]).findings
    assert [f for f in result.findings if f.file.endswith("downloads/plan.yaml")] == mine_only
    assert {f.code for f in mine_only} >= {"TL002"}


def test_plan_folders_lint_like_the_folder_when_nothing_else_is_there(tmp_path, write):
    import shutil

    from conftest import REPO

    shutil.copytree(REPO / "examples" / "crm-before", tmp_path / "plan")
    write("plan/events/more.yaml", "trackinglint: 1\nevents:\n  Signed In: {}\n")
    registry = build_registry(load_entry_points=False)
    events = (tmp_path / "plan" / "events" / "more.yaml").resolve()
    scope = folder_scope(events, [], _holds)
    assert scope.folder == (tmp_path / "plan").resolve()
    server = [f.to_dict() for f in lint_scope(registry, scope, {}).result.findings]
    cli = [f.to_dict() for f in Engine(registry).lint([tmp_path / "plan"]).findings]
    # the same findings; the server's carry no related places (diagnostics publish none)
    assert server == [{**finding, "related": []} for finding in cli]
    # the subfolder's file is part of the plan: its event clashes with plan.yaml's
    assert [(f["code"], f["line"]) for f in cli if f["file"].endswith("more.yaml")] == [
        ("TL201", 3)
    ]


def test_a_run_makes_findings_for_the_open_files_only_with_the_whole_plan_read(tmp_path, write):
    import shutil

    from conftest import REPO

    shutil.copytree(REPO / "examples" / "crm-before", tmp_path / "plan")
    more = write("plan/events/more.yaml", "trackinglint: 1\nevents:\n  Signed In: {}\n")
    registry = build_registry(load_entry_points=False)
    scope = folder_scope(more.resolve(), [], _holds)
    everything = lint_scope(registry, scope, {}).result.findings
    shown = lint_scope(registry, scope, {}, shown={more.resolve()}).result.findings
    # the clash with plan.yaml's 'Signed In' needs plan.yaml read; its own findings are unmade
    assert [(f.code, f.file, f.line) for f in shown] == [("TL201", str(more.resolve()), 3)]
    assert [f for f in everything if f.file == str(more.resolve())] == shown
    assert len(everything) > 20
    # diagnostics carry no related places, so the server's run makes none; the CLI's does
    cli = [f for f in Engine(registry).lint([tmp_path / "plan"]).findings if f.code == "TL201"]
    assert [(p.line, p.note) for p in cli[0].related] == [(20, "'Signed In'")]
    assert (shown[0].related, shown[0].message) == ((), cli[0].message)


def test_an_edited_file_replaces_its_cached_read_instead_of_adding_one(tmp_path, write):
    from trackinglint.readcache import ReadCache

    plan = write("plan.yaml", PLAN).resolve()
    registry = build_registry(load_entry_points=False)
    scope = folder_scope(plan, [], _holds)
    cache = ReadCache()
    for n in range(4):  # each version of the text is a new document
        outcome = lint_scope(registry, scope, {plan: PLAN + f"# edit {n}\n"}, cache)
        assert outcome.result is not None and len(outcome.result.plans) == 1
    assert len(cache._reads) == 1  # the latest read of the file, not one per version


def test_nothing_is_linted_when_no_plan_is_left(tmp_path, write):
    gone = write("plan.yaml", "not: a plan any more\n")
    registry = build_registry(load_entry_points=False)
    scope = folder_scope(gone, [tmp_path], lambda folder: False)
    outcome = lint_scope(registry, scope, {})
    assert (outcome.result.findings, outcome.result.documents) == ([], {})


@pytest.mark.parametrize(
    ("uri", "language", "name"),
    [
        ("untitled:Untitled-1", "yaml", "Untitled-1.yaml"),
        ("untitled:Untitled-2", "json", "Untitled-2.json"),
        ("untitled:/home/me/plan.yml", "yaml", "plan.yml"),
        ("untitled:", "plaintext", "untitled.yaml"),
    ],
)
def test_untitled_documents_get_a_file_name_of_their_type(tmp_path, uri, language, name):
    scope = untitled_scope(uri, language, tmp_path)
    assert scope.paths == (tmp_path.resolve() / name,)
    assert scope.alone and scope.key == uri


def _found(outcome) -> list[tuple]:
    return [
        (f.code, f.file, f.line, f.column, f.end_line, f.end_column, f.message)
        for f in outcome.result.findings
    ]


def test_edits_read_from_the_cache_lint_exactly_as_a_fresh_read(tmp_path):
    """The language server splices each edit into the last parse and keeps the
    events it did not touch: its findings must be those of a fresh read."""
    import shutil

    from trackinglint.readcache import ReadCache

    shutil.copytree(REPO / "examples" / "crm-after", tmp_path / "crm")
    (tmp_path / "crm" / "trackinglint.toml").write_text("")
    deals = (tmp_path / "crm" / "events" / "deals.yaml").resolve()
    text = deals.read_text(encoding="utf-8")
    new_event = (
        "  Quote Sent:\n    description: A rep sent a quote.\n    kind: shipped\n"
        "    properties:\n      amount: {type: number, required: true}\n"
    )
    first_event = text.index("  Deal Qualified:")
    versions = [
        text[:first_event] + new_event + text[first_event:],  # a new event, a schema error
        text[:first_event] + new_event.replace("shipped", "job_completion") + text[first_event:],
        text.replace("Expected deal value in USD.", ""),  # an empty description
        text.replace("    owner: sales-analytics\n", "", 1),
        # equal to Python (1 == True) but not to the schema: not the same event
        text.replace(
            "contract_id: {type: string, required: true,",
            "contract_id: {type: string, required: 1,",
        ),
        text[:first_event] + "  Quote Sent:\n    descr",  # does not parse
        text,
    ]
    registry = build_registry(load_entry_points=False)
    scope = folder_scope(deals, [tmp_path], _holds)
    cache = ReadCache()
    lint_scope(registry, scope, {deals: text}, cache)
    for version in versions:
        cached = lint_scope(registry, scope, {deals: version}, cache)
        fresh = lint_scope(registry, scope, {deals: version})
        assert _found(cached) == _found(fresh)
    assert any(f[0] == "TL002" for f in _found(lint_scope(registry, scope, {deals: versions[0]})))


def test_an_edit_keeps_the_events_it_did_not_touch(tmp_path):
    import shutil

    from trackinglint.readcache import ReadCache

    shutil.copytree(REPO / "examples" / "crm-after", tmp_path / "crm")
    deals = (tmp_path / "crm" / "events" / "deals.yaml").resolve()
    text = deals.read_text(encoding="utf-8")
    registry = build_registry(load_entry_points=False)
    scope = folder_scope(deals, [tmp_path], _holds)
    cache = ReadCache()
    before = lint_scope(registry, scope, {deals: text}, cache).result.plans[0].events
    edited = text.replace("Expected deal value in USD.", "Expected value, USD.")
    outcome = lint_scope(registry, scope, {deals: edited}, cache)
    after = outcome.result.plans[0].events
    document = outcome.document(deals)
    assert after["Deal Qualified"] is not before["Deal Qualified"]  # the edited one
    assert after["Deal Closed Won"] is before["Deal Closed Won"]  # kept, and moved
    assert after["Deal Closed Won"].origin.document is document
    amount = after["Deal Closed Won"].properties["amount"]
    assert amount.origin.document is document


@pytest.mark.parametrize(
    ("old", "new", "same"),
    [
        ({"a": 1, "b": [1, 2]}, {"a": 1, "b": [1, 2]}, True),
        ({"required": True}, {"required": 1}, False),  # 1 == True to Python
        ({"minimum": 1}, {"minimum": 1.0}, False),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}, False),  # the order findings follow
        ([{"x": None}], [{"x": None}], True),
        (float("nan"), float("nan"), False),  # never equal: read again
    ],
)
def test_data_is_kept_only_when_it_says_exactly_the_same(old, new, same):
    from trackinglint.sources.sameness import same_data

    assert same_data(old, new) is same
