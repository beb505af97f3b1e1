"""`convert --from-code`: a native plan drafted from the calls, for teams with no plan yet.

Each event the code sends becomes an entry with the properties sent with it (typed when
every call that sends it shows the same type) and where it is sent; calls whose event
name is dynamic are listed in the header, not guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from .model import Call


def plan_from_calls(calls: Sequence[Call]) -> dict[str, Any]:
    events: dict[str, dict[str, Any]] = {}
    types: dict[str, dict[str, set[str | None]]] = {}
    places: dict[str, list[str]] = {}
    for call in calls:
        if call.event is None:
            continue
        seen = types.setdefault(call.event, {})
        for name, kind in call.properties.items():
            seen.setdefault(name, set()).add(kind)
        places.setdefault(call.event, []).append(f"{call.path}:{call.line} ({call.sdk})")
    for event in sorted(types, key=str.casefold):
        where = places[event]
        more = f" and {len(where) - 3} more places" if len(where) > 3 else ""
        entry: dict[str, Any] = {"description": f"Sent at {', '.join(where[:3])}{more}."}
        properties: dict[str, Any] = {}
        for name, kinds in types[event].items():
            known = sorted(k for k in kinds if k is not None)
            if len(known) == 1 and None not in kinds:
                properties[name] = {"type": known[0]}
            elif known and None not in kinds:
                properties[name] = {"type": known}
            else:
                properties[name] = {}
        if properties:
            entry["properties"] = properties
        events[event] = entry
    return {"trackinglint": 1, "events": events}


def plan_yaml(calls: Sequence[Call], paths: Sequence[str]) -> str:
    """The drafted plan as YAML, with a header saying where it came from."""
    dynamic = [call for call in calls if call.event is None]
    lines = [
        f"# Drafted by `trackinglint convert --from-code {' '.join(paths)}` from "
        f"{len(calls) - len(dynamic)} calls.",
        "# Say what each event means, and mark the required properties.",
    ]
    if dynamic:
        noun = "call whose event name is" if len(dynamic) == 1 else "calls whose event name is"
        lines.append(f"# Left out: {len(dynamic)} {noun} dynamic:")
        lines += [f"#   {c.path}:{c.line}:{c.column} ({c.dynamic})" for c in dynamic[:20]]
        if len(dynamic) > 20:
            lines.append(f"#   … and {len(dynamic) - 20} more")
    body = yaml.safe_dump(plan_from_calls(calls), sort_keys=False, allow_unicode=True, width=100)
    return "\n".join(lines) + "\n" + body
