"""Registers the vendor-format readers through the same hooks as any plugin (the
native reader registers itself; the rules they report under are in rules/core.py)."""

from __future__ import annotations

from ..config import ConfigTable
from ..hookspecs import hookimpl
from .avo import AvoReader
from .csv_plan import CsvPlanReader
from .iglu import IgluReader
from .mapping import MappedPlanReader
from .opentp import OpenTrackPlanReader
from .rudderstack import RudderStackReader
from .segment import SegmentReader
from .settings import FORMAT_KEYS, format_settings
from .vendor_sheets import AmplitudeReader, MixpanelReader


@hookimpl
def get_readers() -> list[object]:
    return [
        AvoReader(),
        SegmentReader(),
        IgluReader(),
        RudderStackReader(),
        OpenTrackPlanReader(),
        AmplitudeReader(),
        MixpanelReader(),
        CsvPlanReader(),
        MappedPlanReader(),
    ]


@hookimpl
def get_config_tables() -> list[ConfigTable]:
    return [ConfigTable(FORMAT_KEYS, format_settings)]
