"""The plugin hooks. Built-in rules, readers and reporters use them too."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .readers import Reader
    from .reporters import Reporter
    from .rules.api import Rule

hookspec = pluggy.HookspecMarker("trackinglint")
hookimpl = pluggy.HookimplMarker("trackinglint")


@hookspec
def get_rules() -> list[Rule]:
    """Rules this plugin provides."""


@hookspec
def get_readers() -> list[Reader]:
    """Plan-file readers this plugin provides (a format each)."""


@hookspec
def get_reporters() -> dict[str, Reporter]:
    """Output formats this plugin provides, keyed by their `--output-format` name."""
