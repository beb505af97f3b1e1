"""Configuration keys of the readers, checked for shape when the config loads.

    [tool.trackinglint]
    plan-format = {"legacy/*.json" = "segment"}          # glob -> format name
    csv-columns = {event = "Hit name", property = "Param"}  # field -> CSV header
    plan-mapping = {events = "tracking.events", name = "id"}  # a home-grown plan's keys
    iglu-entities = ["com.acme/*_info"]   # Iglu schemas that are entities, not events
    iglu-events = ["com.acme/*"]          # ... and that are events (wins over the above)

Format names are checked against the registered readers when a file is read
(plugins may add formats); CSV fields are checked here.
"""

from __future__ import annotations

from typing import Any

# format per glob, CSV headers, a home-grown plan's keys, Iglu entities vs events
FORMAT_KEYS = ("plan-format", "csv-columns", "plan-mapping", "iglu-entities", "iglu-events")


def format_settings(settings: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The reader settings' changes for `parse_settings`."""
    changes: dict[str, Any] = {}
    if "plan-format" in values:
        table = values["plan-format"]
        if not isinstance(table, dict) or not all(isinstance(v, str) and v for v in table.values()):
            raise settings.error(
                "plan-format",
                'expected a table of glob = format, e.g. {"legacy/*.json" = "segment"}',
            )
        changes["plan_format"] = dict(table)
    if "csv-columns" in values:
        from ..config import close_match
        from .csv_plan import FIELDS

        table = values["csv-columns"]
        if not isinstance(table, dict):
            raise settings.error("csv-columns", 'expected a table of field = "header"')
        for field, header in table.items():
            if field not in FIELDS:
                hint = close_match(field, FIELDS)
                known = f"did you mean '{hint}'?" if hint else f"known fields: {', '.join(FIELDS)}"
                raise settings.error(f"csv-columns.{field}", f"unknown field; {known}")
            if not isinstance(header, str) or not header.strip():
                raise settings.error(f"csv-columns.{field}", "expected the header text")
        changes["csv_columns"] = dict(table)
    if "plan-mapping" in values:
        from .mapping import parse_mapping

        changes["plan_mapping"] = parse_mapping(settings, values["plan-mapping"])
    for key in ("iglu-entities", "iglu-events"):
        if key in values:
            globs = values[key]
            if not isinstance(globs, list) or not all(isinstance(g, str) and g for g in globs):
                raise settings.error(
                    key, 'expected a list of `vendor/name` globs, e.g. ["com.acme/*_context"]'
                )
            changes[key.replace("-", "_")] = tuple(globs)
    return changes
