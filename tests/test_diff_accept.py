"""`trackinglint diff` with an intended breaking change accepted by code and path."""

from __future__ import annotations

OLD = """\
trackinglint: 1
events:
  Signed In:
    description: A user signed in.
  Legacy Signup:
    description: The old sign-up event.
    properties:
      plan: {type: string}
"""
NEW = """\
trackinglint: 1
events:
  Signed In:
    description: A user signed in.
"""
REMOVED = (
    "new.yaml:2:1: TD001 event 'Legacy Signup' was removed; metrics, dashboards and "
    "destinations that read it break: deprecate it first (`deprecated: true`) and remove "
    "it once nothing reads it"
)
ACCEPT = """\
[[accept]]
change = "event-removed"
path = 'events."Legacy Signup"'
reason = "replaced by Account Created (PR #412)"
"""


def diff(cli, *args):
    run = cli("diff", "old.yaml", "new.yaml", "--output-format", "concise", *args)
    return run.code, run.out.splitlines(), run.err


def test_an_unaccepted_removal_fails(cli, write):
    write("old.yaml", OLD)
    write("new.yaml", NEW)
    assert diff(cli) == (1, [REMOVED], "")


def test_the_accept_file_turns_the_failure_into_an_accepted_change(cli, write):
    write("old.yaml", OLD)
    write("new.yaml", NEW)
    write(".trackinglint-accept.toml", ACCEPT)
    code, lines, err = diff(cli)
    assert (code, err) == (0, "")
    assert lines[1:] == [
        "Accepted 1 change:",
        "  new.yaml:2:1: TD001 (accepted: replaced by Account Created (PR #412)) "
        + REMOVED.split(": TD001 ", 1)[1],
    ]
    assert lines[0].endswith("all checks passed.")


def test_the_accept_flag_names_code_and_path(cli, write):
    write("old.yaml", OLD)
    write("new.yaml", NEW)
    code, lines, _ = diff(cli, "--accept", 'TD001:events."Legacy Signup"')
    assert code == 0
    assert lines[-1].startswith("  new.yaml:2:1: TD001 (accepted) event 'Legacy Signup'")
    # another path is another change: still a failure
    code, lines, _ = diff(cli, "--accept", 'TD001:events."Signed In"')
    assert (code, lines) == (1, [REMOVED])


def test_an_entry_that_accepts_nothing_is_named(cli, write, tmp_path):
    write("old.yaml", OLD)
    write("new.yaml", NEW)
    write(".trackinglint-accept.toml", ACCEPT.replace("Legacy Signup", "Gone Event"))
    code, lines, err = diff(cli)
    assert (code, lines) == (1, [REMOVED])
    assert err == (
        f"trackinglint: warning: {tmp_path / '.trackinglint-accept.toml'}: accept entry 1: "
        'accepts TD001 at events."Gone Event", which is not among the changes; remove it\n'
    )


def test_a_malformed_accept_entry_is_a_clear_error(cli, write, tmp_path):
    write("old.yaml", OLD)
    write("new.yaml", NEW)
    write("accept.toml", '[[accept]]\nchange = "TD11"\npath = "events.x"\n')
    run = cli("diff", "old.yaml", "new.yaml", "--accept-file", "accept.toml")
    assert (run.code, run.err) == (
        2,
        "trackinglint: error: accept.toml: accept entry 1: unknown change 'TD11'; "
        "did you mean 'TD011'?\n",
    )
    run = cli("diff", "old.yaml", "new.yaml", "--accept", "TD001")
    assert run.code == 2
    assert run.err.startswith("trackinglint: error: --accept 'TD001': expected CODE:PATH")
