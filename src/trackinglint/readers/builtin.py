"""Registers the vendor-format readers, and the rules they report under, through
the same hooks as any plugin (the native reader registers itself)."""

from __future__ import annotations

from ..config import ConfigTable
from ..hookspecs import hookimpl
from ..rules.api import Rule
from .avo import AvoReader
from .csv_plan import CsvPlanReader
from .iglu import IgluReader
from .mapping import MappedPlanReader
from .opentp import OpenTrackPlanReader
from .reader_rules import READER_RULES
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


@hookimpl
def get_rules() -> list[Rule]:
    return list(READER_RULES)
