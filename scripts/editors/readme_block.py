#!/usr/bin/env python3
"""Print a set-up block from README.md, so the editor scripts test the README word for word.

    python scripts/editors/readme_block.py NAME

The block is the first fenced code block after the line
`<!-- editor-setup: NAME -->` in README.md (the marker does not show on a
rendered page). Exits 2 if there is no such block.
"""

from __future__ import annotations

import sys
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def block(name: str, text: str) -> str | None:
    lines = text.splitlines()
    marker = f"<!-- editor-setup: {name} -->"
    if marker not in lines:
        return None
    rest = lines[lines.index(marker) + 1 :]
    fences = [i for i, line in enumerate(rest) if line.startswith("```")]
    if len(fences) < 2:
        return None
    return "\n".join(rest[fences[0] + 1 : fences[1]]) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    found = block(argv[0], README.read_text(encoding="utf-8"))
    if found is None:
        print(f"README.md: no block marked <!-- editor-setup: {argv[0]} -->", file=sys.stderr)
        return 2
    sys.stdout.write(found)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
