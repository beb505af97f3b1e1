"""One plan as the HTML report sees it: the run's plan, its classification, its floor."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from ..classification.verdicts import Classification
from ..model import Plan

if TYPE_CHECKING:
    from ..engine import PlanRun

FLOOR_RULE, FLOOR_OPTION = "TL111", "min-progress-share"


def plan_name(plan: Plan) -> str:
    """The product's name, else the plan's first file."""
    if plan.product is not None and plan.product.name:
        return str(plan.product.name)
    return plan.documents[0].display_path if plan.documents else "plan"


def plan_names(plans: list[Plan]) -> list[str]:
    """Each plan's name; plans that share one also get their first file's folder."""
    names = [plan_name(plan) for plan in plans]
    shared = {name for name in names if names.count(name) > 1}
    return [
        f"{name} ({PurePath(plan.documents[0].display_path).parent.as_posix()})"
        if name in shared and plan.documents
        else name
        for name, plan in zip(names, plans, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class PlanView:
    """One plan as the page shows it; `prefix` keeps ids unique across plans."""

    run: PlanRun
    prefix: str
    event_rows: dict[str, str]  # event name -> id of its row in the events table

    @property
    def plan(self) -> Plan:
        return self.run.plan

    @property
    def classification(self) -> Classification:
        classification: Classification = self.run.facts.classification
        return classification

    @property
    def floor(self) -> float | None:
        """TL111's floor for this plan, or None when the rule is off."""
        if FLOOR_RULE not in self.run.policy.enabled:
            return None
        value = self.run.policy.options.get(FLOOR_RULE, {}).get(FLOOR_OPTION)
        return float(value) if isinstance(value, (int, float)) else None


def plan_view(run: PlanRun, index: int) -> PlanView:
    prefix = f"p{index + 1}"
    rows = {name: f"{prefix}-ev-{n}" for n, name in enumerate(run.plan.events, 1)}
    return PlanView(run, prefix, rows)
