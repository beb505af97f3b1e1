"""A third-party plugin as users would write one: one rule, one option."""

from trackinglint import Option, RuleContext, Severity, hookimpl, rule


@rule(
    "XT001",
    "short-event-description",
    severity=Severity.WARNING,
    group="sample",
    options={"min-length": Option(10, "Shortest acceptable description.")},
)
def short_event_description(ctx: RuleContext):
    """An event's description is too short to tell anyone what it means."""
    for event in ctx.plan.events.values():
        if len(event.description or "") < ctx.options["min-length"]:
            yield ctx.problem(event.origin, f"description of '{event.name}' is too short")


@hookimpl
def get_rules():
    return [short_event_description]
