"""Every field of every finding, as a JSON array."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..engine import LintResult


def report_json(result: LintResult, stream: TextIO, *, color: bool) -> None:
    json.dump([f.to_dict() for f in result.findings], stream, indent=2, ensure_ascii=False)
    stream.write("\n")
