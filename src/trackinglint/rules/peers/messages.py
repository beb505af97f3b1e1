"""How the peer packs write values and places in their messages."""

from __future__ import annotations

import json
from typing import Any

from ...model import Origin


def shown(value: Any) -> str:
    """A value as JSON writes it (`null`, `true`, `"10"`), cut short."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def place(where: Origin, here: Origin) -> str:
    """How a message names another place: `line 6` in the same file, else `path:6`."""
    line = where.span().line
    if where.document is here.document:
        return f"line {line}"
    return f"{where.document.display_path}:{line}"
