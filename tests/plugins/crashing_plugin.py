"""A plugin whose rule raises: the engine must report it and run the others."""

from trackinglint import Severity, hookimpl, rule


@rule("XT900", "always-crashes", severity=Severity.ERROR, group="sample")
def always_crashes(ctx):
    """Raises on every plan."""
    raise ZeroDivisionError("boom")


@rule("XT901", "yields-garbage", severity=Severity.ERROR, group="sample")
def yields_garbage(ctx):
    """Yields something that is not a Problem."""
    yield "not a problem"


@hookimpl
def get_rules():
    return [always_crashes, yields_garbage]
