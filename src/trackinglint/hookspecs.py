"""The plugin hooks. Built-in rules, readers and reporters use them too."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .classification import Evidence
    from .config import ConfigTable
    from .model import Event, Plan
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


@hookspec
def event_evidence(event: Event, plan: Plan) -> list[Evidence]:
    """Extra evidence about one event's kind (every plugin's list is combined).

    Weight > 0 points to job completion, < 0 to feature interaction; source
    "plugin" is the convention. A plugin that raises is skipped and reported.
    """


@hookspec
def get_config_tables() -> list[ConfigTable]:
    """Configuration keys this plugin understands, each with its check
    (`trackinglint.config.ConfigTable`)."""


@hookspec(firstresult=True)
def get_classifier() -> object | None:
    """A classifier replacing the built-in one: an object whose `classify(plan)`
    returns a `trackinglint.classification.Classification`. The first plugin
    that returns one wins; None keeps the built-in classifier."""
