"""Rules: the declaration API and the built-in rule set."""

from .api import Option, Rule, RuleContext, rule

__all__ = ["Option", "Rule", "RuleContext", "rule"]
