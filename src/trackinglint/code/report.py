"""The `scan` inventory, as a table or as JSON ({"calls": [...]})."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .model import Call


def as_json(calls: Sequence[Call]) -> str:
    return json.dumps({"calls": [call.to_dict() for call in calls]}, ensure_ascii=False)


def as_table(calls: Sequence[Call]) -> str:
    """One line a call: where, SDK, event (or why it is dynamic), properties, function."""
    rows = [("LOCATION", "SDK", "EVENT", "PROPERTIES", "FUNCTION")]
    for call in calls:
        event = call.event if call.event is not None else f"<dynamic: {call.dynamic}>"
        props = ", ".join(
            f"{name}: {kind}" if kind else name for name, kind in call.properties.items()
        )
        if not call.complete:
            props = f"{props}, …" if props else "…"
        rows.append((f"{call.path}:{call.line}:{call.column}", call.sdk, event, props,
                     call.function or "-"))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
        + "  "
        + row[4]
        for row in rows
    ]
    sdks = len({call.sdk for call in calls})
    dynamic = sum(call.event is None for call in calls)
    lines.append("")
    lines.append(f"{len(calls)} call{'s' if len(calls) != 1 else ''}, "
                 f"{len({c.event for c in calls if c.event is not None})} events, "
                 f"{sdks} SDK{'s' if sdks != 1 else ''}, {dynamic} dynamic")  # fmt: skip
    return "\n".join(lines)
