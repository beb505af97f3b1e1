"""Amplitude Data and Mixpanel Lexicon CSV exports.

No public repository in reach holds a real export of either (searched the code index for
their header rows, and the vendors' docs). The sheets below are written for these tests:
Amplitude's object columns (Object Type, Object Name, Object Description, Event Category,
Tags, Object Owner) as a public export script writes them, the property columns as
Amplitude's export names them to our best knowledge; Mixpanel's Entity/Property columns
likewise. Replace them with a real export when one is found."""

from __future__ import annotations

from pathlib import Path

from trackinglint import Engine, LintResult
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides

REGISTRY = build_registry(load_entry_points=False)


def lint(*paths: Path, select=("TL0",)) -> LintResult:
    return Engine(REGISTRY, overrides=Overrides(select=select)).lint(list(paths))


def found(result: LintResult) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.line, f.column, f.message) for f in result.findings]


AMPLITUDE = (
    "Action,Object Type,Object Name,Event Display Name,Object Owner,Object Description,"
    "Event Category,Tags,Event Status,Property Type,Property Group Names,Event Property Name,"
    "Property Description,Property Value Type,Property Required,Property Is Array,Enum Values\n"
    ",Event,Song Played,,music,A song started,Playback,core,Live,,Song Context,,,,,,\n"
    ",,,,,,,,,Event Property,,song_id,The song,string,TRUE,FALSE,\n"
    ',,,,,,,,,Event Property,,source,Where from,string,FALSE,FALSE,"search,playlist"\n'
    ",Event,Old Event,,,,,,Deleted,,,,,,,,\n"
    ",,,,,,,,,Event Property,,foo,,string,FALSE,FALSE,\n"
    ",Event,Spam Event,,,,,,Blocked,,,,,,,,\n"
    ",Property Group,Song Context,,,,,,,,,,,,,,\n"
    ",,,,,,,,,Event Property,,genre,The genre,string,FALSE,TRUE,\n"
    ",Event,Playlist Created,,,,,,Planned,,Missing Group,,,,,,\n"
    ",,,,,,,,,Event Property,,playlist_id,,strin,maybe,FALSE,\n"
)


def test_amplitude_events_live_deleted_blocked_and_property_groups(tmp_path):
    path = tmp_path / "amplitude-export.csv"
    path.write_text(AMPLITUDE, encoding="utf-8")
    result = lint(path)
    (plan,) = result.plans
    # counted by hand: 4 Event rows, of which 1 deleted and 1 blocked; 1 property group
    assert list(plan.events) == ["Song Played", "Playlist Created"]
    assert {k: v.status for k, v in plan.non_events.items()} == {
        "deleted Old Event": "deleted",
        "blocked Spam Event": "blocked",
    }
    song = plan.events["Song Played"]
    assert (song.owner, song.tags, song.description) == (
        "music",
        ("Playback", "core"),
        "A song started",
    )
    props = {n: (p.types, p.required, p.origin.span().line) for n, p in song.properties.items()}
    assert props == {
        "song_id": (("string",), True, 3),
        "source": (("string",), False, 4),
        "genre": (("array",), False, 9),  # from the group, where the group defines it
    }
    assert song.properties["source"].schema["enum"] == ["search", "playlist"]
    assert song.properties["genre"].items.types == ("string",)
    assert found(result) == [
        ("TL007", 10, 39, "event 'Playlist Created' takes property group 'Missing Group', "
                          "which the export does not define"),
        ("TL008", 11, 39, "property 'playlist_id' of event 'Playlist Created' has type "
                          "'strin', which trackinglint cannot read; use string, number, "
                          "integer, boolean, object, array or 'list of <type>'"),
        ("TL008", 11, 45, "required flag 'maybe' of property 'playlist_id' of event "
                          "'Playlist Created' is neither yes nor no"),
    ]  # fmt: skip


def test_a_deleted_amplitude_event_counts_in_no_event_rule(tmp_path, cli):
    (tmp_path / "amplitude-export.csv").write_text(AMPLITUDE, encoding="utf-8")
    run = cli("classify", "amplitude-export.csv", "--output-format", "json")
    assert sorted(v["name"] for v in run.json()["events"]) == ["Playlist Created", "Song Played"]


def test_an_unknown_object_type_is_reported_and_its_rows_skipped(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "Object Type,Object Name,Event Property Name\nWidget,W,\n,,x\nEvent,E,\n,,y\n",
        encoding="utf-8",
    )
    result = lint(path)
    assert found(result) == [
        ("TL008", 2, 1, "object type 'Widget' of 'W' is neither Event nor Property Group; its "
                        "rows are not read"),
        ("TL008", 3, 3, "property 'x' comes before any event or property group; put it under "
                        "the row of the event it belongs to"),
    ]  # fmt: skip
    assert list(result.plans[0].events["E"].properties) == ["y"]


MIXPANEL = (
    "Entity Type,Entity Name,Entity Display Name,Entity Description,Entity Tags,Entity Hidden,"
    "Entity Dropped,Property Name,Property Display Name,Property Description,Property Type,"
    "Property Hidden,Property Dropped\n"
    "event,Sign Up,Sign up,User created an account,onboarding,false,false,plan,,Chosen plan,"
    "string,false,false\n"
    "event,Sign Up,Sign up,User created an account,onboarding,false,false,referrer,,Where from,"
    "string,false,false\n"
    "event,Legacy Click,,,,false,true,,,,,,\n"
    "custom_event,Activated Users,,,,false,false,,,,,,\n"
    "profile,,,,,false,false,$email,,,string,false,false\n"
    "event,Purchase,,Paid,,false,false,amount,,In cents,number,false,false\n"
    "event,Purchase,,Paid,,false,false,secret,,,string,false,true\n"
)


def test_mixpanel_lexicon_events_dropped_custom_and_profile(tmp_path):
    path = tmp_path / "lexicon.csv"
    path.write_text(MIXPANEL, encoding="utf-8")
    result = lint(path)
    assert found(result) == []
    (plan,) = result.plans
    assert list(plan.events) == ["Sign Up", "Purchase"]  # counted by hand: 4 event rows
    sign_up = plan.events["Sign Up"]
    assert (sign_up.tags, list(sign_up.properties)) == (("onboarding",), ["plan", "referrer"])
    assert list(plan.events["Purchase"].properties) == ["amount"]  # `secret` is dropped
    others = {k: (v.call, v.status, v.title) for k, v in plan.non_events.items()}
    assert others == {
        "event Legacy Click": ("track", "dropped", "dropped event 'Legacy Click'"),
        "custom_event Activated Users": ("track", "custom", "custom event 'Activated Users'"),
        "profile profile": ("profile", "live", "the user profile"),
    }
    email = plan.non_events["profile profile"].properties["$email"]
    span = email.origin.span()
    assert (span.line, span.column) == (6, 25)


def test_audit_logs_with_the_same_first_headers_are_not_plans(tmp_path):
    """Audit-log exports in public code write "Object Type,Object Name" and "Entity
    Type,Entity Name" too; without property columns they are passed over in a folder."""
    (tmp_path / "audit.csv").write_text(
        "Job Name,Object Type,Object Name,Start Time\nnightly,VM,db-1,2024-01-01\n",
        encoding="utf-8",
    )
    (tmp_path / "log.csv").write_text(
        "Timestamp,Entity Type,Entity Name,Action\n2024-01-01,user,ann,CREATE\n",
        encoding="utf-8",
    )
    (tmp_path / "lexicon.csv").write_text(MIXPANEL, encoding="utf-8")
    result = lint(tmp_path)
    assert [Path(f).name for f in result.files] == ["lexicon.csv"]
