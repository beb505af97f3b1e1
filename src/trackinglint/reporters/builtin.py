"""Registers the built-in output formats through the reporter hook."""

from __future__ import annotations

from ..hookspecs import hookimpl
from . import Reporter
from .concise import report_concise
from .full import report_full
from .json_report import report_json


@hookimpl
def get_reporters() -> dict[str, Reporter]:
    return {"full": report_full, "concise": report_concise, "json": report_json}
