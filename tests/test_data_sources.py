"""tests/data holds copies of real public material: each copy names its source in
tests/data/SOURCES.md, and each copied project keeps its licence beside it."""

from __future__ import annotations

import re

from conftest import REPO

DATA = REPO / "tests" / "data"


def _listed() -> dict[str, str]:
    """First cell of each table row (the folder or file) -> the whole row."""
    rows = {}
    for line in (DATA / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*`?([^|`]+?)`?\s*\|", line)
        if match and not set(match.group(1)) <= set("-: "):
            rows[match.group(1).rstrip("/")] = line
    return rows


def test_every_entry_of_tests_data_names_its_source():
    listed = _listed()
    entries = sorted(p.name for p in DATA.iterdir() if p.name != "SOURCES.md")
    unlisted = [name for name in entries if not any(key.split("/")[0] == name for key in listed)]
    assert unlisted == []


def test_every_copied_project_keeps_its_licence():
    for key in _listed():
        path = DATA / key
        if path.is_dir() and path.parent == DATA and key not in ("classification", "schemas"):
            assert list(path.glob("LICENSE*")), f"tests/data/{key} has no LICENSE"
    assert (DATA / "schemas" / "LICENSE.md").is_file()  # the SARIF schema's, OASIS
