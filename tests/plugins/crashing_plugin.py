"""A plugin whose rule raises: the engine must report it and run the others."""

from trackinglint import Severity, hookimpl, rule


@rule("XT900", "always-crashes", severity=Severity.ERROR, group="sample")
def always_crashes(ctx):
    """Raises on every plan."""
    raise ZeroDivisionError("boom")


@hookimpl
def get_rules():
    return [always_crashes]
