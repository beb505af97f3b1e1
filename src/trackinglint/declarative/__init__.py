"""Rules written as data: a selector, a check, a severity and a message.

Users write them in configuration (`[[tool.trackinglint.custom-rules]]`) or in
YAML rule files (`rule-files = [...]`); destination packs (ga4, bigquery, ...)
are rule files shipped in the package. Once compiled they are ordinary Rule
objects: same codes, pages, outputs and suppressions as the built-in rules.
"""

from .compile import compile_rule
from .spec import RuleSpecError, load_rule_file, parse_rule_specs

__all__ = ["RuleSpecError", "compile_rule", "load_rule_file", "parse_rule_specs"]
