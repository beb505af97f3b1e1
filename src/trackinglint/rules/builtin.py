"""Registers the built-in rules through the same hook as any plugin."""

from __future__ import annotations

from ..classification.lexicon import check_lexicon_table
from ..config import ConfigTable
from ..diff.codes import check_diff_severity_table
from ..hookspecs import hookimpl
from . import (
    code_drift,
    consistency,
    conventions,
    hygiene,
    outcome_dashboards,
    outcome_events,
    outcome_jobs,
    outcome_metrics,
    references,
    schema_checks,
    undeclared_kind,
)
from .api import Rule
from .core import CORE_RULES
from .peers import (
    avo_audit,
    iglu_lint,
    iglu_syntax,
    opentp_events,
    opentp_payload,
    rudder_catalog,
    rudder_plans,
    rudder_project,
    schema_hygiene,
)


@hookimpl
def get_config_tables() -> list[ConfigTable]:
    """The classifier's lexicons, which the outcome rules read, and the severities of
    `trackinglint diff`'s changes, which reuse the rules' severities."""
    return [
        ConfigTable(("lexicon",), check_lexicon_table),
        ConfigTable(("diff-severity",), check_diff_severity_table),
    ]


@hookimpl
def get_rules() -> list[Rule]:
    return [
        *CORE_RULES,
        *outcome_metrics.RULES,
        *outcome_dashboards.RULES,
        *undeclared_kind.RULES,
        *outcome_events.RULES,
        *outcome_jobs.RULES,
        *consistency.RULES,
        *references.RULES,
        *conventions.RULES,
        *hygiene.RULES,
        *schema_checks.RULES,
        *code_drift.RULES,
        *iglu_lint.RULES,
        *iglu_syntax.RULES,
        *rudder_project.RULES,
        *rudder_catalog.RULES,
        *rudder_plans.RULES,
        *opentp_events.RULES,
        *opentp_payload.RULES,
        *avo_audit.RULES,
        *schema_hygiene.RULES,
    ]
