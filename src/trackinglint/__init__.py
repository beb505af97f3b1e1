"""trackinglint: lint analytics tracking plans.

The public API for plugins and embedding; everything else is internal.
"""

__version__ = "0.1.0"

from .engine import Engine, LintResult
from .findings import Finding, Problem, Severity
from .hookspecs import hookimpl, hookspec
from .model import Dashboard, Event, Job, Metric, Origin, Plan, Product, Property
from .rules.api import Option, Rule, RuleContext, rule

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
