"""tests/data holds copies of real public material: each copy names its source in
tests/data/SOURCES.md, and the licence file that row names is there beside it."""

from __future__ import annotations

import re

from conftest import REPO

DATA = REPO / "tests" / "data"
LICENCE_FILE = re.compile(r"[\w.-]+(?:/[\w.-]+)*/LICENSE[\w.]*")


def _rows() -> dict[str, list[str]]:
    """Each table row of SOURCES.md by its first cell (the folder or file), as cells."""
    rows = {}
    for line in (DATA / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 2 or set(cells[0]) <= set("-: ") or cells[0] == "folder":
            continue
        rows[cells[0].strip("`").rstrip("/")] = cells
    return rows


def test_every_entry_of_tests_data_names_its_source():
    listed = {key.split("/")[0] for key in _rows()}
    entries = sorted(p.name for p in DATA.iterdir() if p.name != "SOURCES.md")
    assert [name for name in entries if name not in listed] == []


def test_every_listed_source_is_there_with_the_licence_it_names():
    for key, cells in _rows().items():
        assert (DATA / key).exists(), f"SOURCES.md lists tests/data/{key}, which is missing"
        licence = cells[-1]
        files = LICENCE_FILE.findall(licence)
        for name in files:
            assert (DATA / name).is_file(), f"{key}: licence file tests/data/{name} is missing"
        # a copy names its licence file; the project's own data, or per-entry licences, say so
        assert files or "this project's" in licence or "each" in licence, (key, licence)
