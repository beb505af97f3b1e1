"""Registers the built-in rules through the same hook as any plugin."""

from __future__ import annotations

from ..hookspecs import hookimpl
from .api import Rule
from .core import CORE_RULES


@hookimpl
def get_rules() -> list[Rule]:
    return list(CORE_RULES)
