"""trackinglint: lint analytics tracking plans.

The public API for plugins and embedding; everything else is internal.

The names are imported on first use (PEP 562), so importing the package runs
nothing else: `python -m trackinglint` imports this file while the current
folder is still on the import path, and `__main__` must get the chance to drop
that folder before any dependency is imported (README, "Security").
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .engine import Engine, LintResult
    from .findings import Finding, Problem, Severity
    from .hookspecs import hookimpl, hookspec
    from .model import Dashboard, Event, Job, Metric, Origin, Plan, Product, Property
    from .rules.api import Option, Rule, RuleContext, rule

_HOMES = {
    **dict.fromkeys(("Engine", "LintResult"), ".engine"),
    **dict.fromkeys(("Finding", "Problem", "Severity"), ".findings"),
    **dict.fromkeys(("hookimpl", "hookspec"), ".hookspecs"),
    **dict.fromkeys(
        ("Dashboard", "Event", "Job", "Metric", "Origin", "Plan", "Product", "Property"), ".model"
    ),
    **dict.fromkeys(("Option", "Rule", "RuleContext", "rule"), ".rules.api"),
}

__all__ = [
    "Dashboard",
    "Engine",
    "Event",
    "Finding",
    "Job",
    "LintResult",
    "Metric",
    "Option",
    "Origin",
    "Plan",
    "Problem",
    "Product",
    "Property",
    "Rule",
    "RuleContext",
    "Severity",
    "__version__",
    "hookimpl",
    "hookspec",
    "rule",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'trackinglint' has no attribute {name!r}")
    value = getattr(import_module(home, __name__), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value
