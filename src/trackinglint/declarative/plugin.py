"""Registers the destination packs shipped with trackinglint (off until selected)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ..config import ConfigTable
from ..hookspecs import hookimpl
from ..rules.api import Rule
from .compile import compile_rule
from .spec import check_rule_tables, load_rule_file


def pack_files() -> list[Path]:
    folder = Path(str(files(__package__).joinpath("packs")))
    return sorted(folder.glob("*.yaml"))


@hookimpl
def get_config_tables() -> list[ConfigTable]:
    return [ConfigTable(("custom-rules", "rule-files"), check_rule_tables)]


@hookimpl
def get_rules() -> list[Rule]:
    """Every pack's rules; each pack's name is its group, the selector that enables it."""
    return [
        compile_rule(spec)
        for path in pack_files()
        for spec in load_rule_file(path, enabled=False, trusted=True)[1]
    ]
