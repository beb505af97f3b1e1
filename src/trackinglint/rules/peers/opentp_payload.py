"""The opentp pack, payloads: target selectors, version aliases and `$ref`s, the
fields an event's payload sets against the base payload, and PII metadata."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Problem, Severity
from ...model import Origin, value_at
from ..api import RuleContext, rule
from .messages import shown
from .opentp_events import _TYPES, GROUP, _constraints
from .opentp_project import EventFile, Project, project

_BLOCK_KEYS = ("schema", "meta", "$ref")


def _targets(found: Project) -> tuple[set[str], dict[str, set[str]]]:
    """The platforms, and every selector with the platforms it names."""
    groups = found.section("spec", "events", "payload", "targets")
    platforms = {p for members in groups.values() if isinstance(members, list) for p in members}
    platforms |= set(found.section("spec", "targets"))
    selectors = {name: set(m) for name, m in groups.items() if isinstance(m, list)}
    selectors.update({p: {p} for p in platforms})
    return platforms, selectors


def _selectors(event: EventFile) -> Iterator[tuple[str, dict, Origin]]:
    payload = event.body.get("payload")
    for name, block in payload.items() if isinstance(payload, dict) else ():
        if name != "schema" and isinstance(block, dict):
            yield str(name), block, event.origin.child("payload", name)


@rule("OTP007", "opentp-payload-selector", severity=Severity.ERROR, group=GROUP, enabled=False)
def payload_selector(ctx: RuleContext) -> Iterator[Problem]:
    """A payload keyed by a target selector the config does not define, or two
    selectors that share targets without one containing the other (ambiguous)."""
    found = project(ctx.plan)
    if found is None:
        return
    _, selectors = _targets(found)
    for event in found.events:
        used = list(_selectors(event))
        for name, _, at in used:
            if name not in selectors:
                yield ctx.problem(
                    at,
                    f"unknown target selector '{name}'; the config defines "
                    f"{', '.join(sorted(selectors))}",
                )
        known = [(n, at) for n, _, at in used if n in selectors]
        for index, (name, at) in enumerate(known):
            for other, _ in known[:index]:
                mine, theirs = selectors[name], selectors[other]
                if mine & theirs and not (mine <= theirs or theirs <= mine):
                    yield ctx.problem(
                        at,
                        f"selectors '{other}' and '{name}' share "
                        f"{', '.join(sorted(mine & theirs))} but neither contains the other, so "
                        "which payload applies is ambiguous",
                    )


@rule("OTP008", "opentp-payload-versions", severity=Severity.ERROR, group=GROUP, enabled=False)
def payload_versions(ctx: RuleContext) -> Iterator[Problem]:
    """Version aliases (`current: stable`) or `$ref`s that go round in a cycle, or
    that name a version that does not exist."""
    found = project(ctx.plan)
    if found is None:
        return
    for event in found.events:
        blocks = {name: block for name, block, _ in _selectors(event)}
        for name, block, at in _selectors(event):
            aliases = {k: v for k, v in block.items() if isinstance(v, str) and k != "$ref"}
            versions = {k for k, v in block.items() if isinstance(v, dict) and k not in _BLOCK_KEYS}
            for alias, target in aliases.items():
                trail = _follow(alias, aliases)
                if trail is None:
                    yield ctx.problem(
                        at.child(alias),
                        f"version alias '{alias}' in '{name}' goes round in a cycle",
                        "value",
                    )
                elif trail not in versions:
                    yield ctx.problem(
                        at.child(alias),
                        f"version alias '{alias}' names '{target}', which "
                        f"is no version of '{name}'",
                        "value",
                    )
            for version in versions:
                yield from _refs(ctx, name, version, block, blocks, at)


def _follow(alias: str, aliases: dict[str, str]) -> str | None:
    seen = {alias}
    current = aliases[alias]
    while current in aliases:
        if current in seen:
            return None
        seen.add(current)
        current = aliases[current]
    return current


def _refs(
    ctx: RuleContext, name: str, version: str, block: dict, blocks: dict, at: Origin
) -> Iterator[Problem]:
    seen = {(name, version)}
    where = (name, version)
    first = block.get(version, {}).get("$ref")
    while True:
        entry = blocks.get(where[0], {}).get(where[1])
        ref = entry.get("$ref") if isinstance(entry, dict) else None
        if not isinstance(ref, str):
            return
        head, _, tail = ref.rpartition("::")
        target = (head, tail) if head else (where[0], ref)
        if not isinstance(blocks.get(target[0], {}).get(target[1]), dict):
            if where == (name, version):
                yield ctx.problem(
                    at.child(version, "$ref"), f"$ref '{ref}' names no version", "value"
                )
            return
        if target in seen:
            if where == (name, version) or target == (name, version):
                yield ctx.problem(
                    at.child(version, "$ref"),
                    f"$ref '{first}' of version '{version}' leads back to it (a cycle)",
                    "value",
                )
            return
        seen.add(target)
        where = target


@rule("OTP009", "opentp-payload-fields", severity=Severity.ERROR, group=GROUP, enabled=False)
def payload_fields(ctx: RuleContext) -> Iterator[Problem]:
    """A payload field that weakens the base payload (`required: false` on a
    required field, another type), a fixed value of the wrong type, or a field
    whose base needs a fixed value (`valueRequired`) written without one."""
    found = project(ctx.plan)
    if found is None:
        return
    base = found.section("spec", "events", "payload", "schema")
    needing_value = [
        name
        for name, declared in base.items()
        if isinstance(declared, dict)
        and declared.get("required") is True
        and declared.get("valueRequired") is True
    ]
    for event in found.events:
        for at, schema in _schemas(event):
            for name, field in schema.items():
                declared = base.get(name)
                if isinstance(field, dict) and isinstance(declared, dict):
                    yield from _against_base(ctx, at.child(name), str(name), field, declared)
            if not _complete(event, at):
                continue  # a version built on another by `$ref` takes its values from there
            for name in needing_value:
                if schema.get(name) is None:  # a field written without `value`: see above
                    yield ctx.problem(
                        at, f"'{name}' needs a fixed value (valueRequired) in every payload"
                    )


def _schemas(event: EventFile) -> Iterator[tuple[Origin, dict]]:
    payload = event.body.get("payload")
    if not isinstance(payload, dict):
        return
    if isinstance(payload.get("schema"), dict):
        yield event.origin.child("payload", "schema"), payload["schema"]
    for name, block in payload.items():
        if name == "schema" or not isinstance(block, dict):
            continue
        if isinstance(block.get("schema"), dict):
            yield event.origin.child("payload", name, "schema"), block["schema"]
        for version, entry in block.items():
            if isinstance(entry, dict) and isinstance(entry.get("schema"), dict):
                yield event.origin.child("payload", name, version, "schema"), entry["schema"]


def _complete(event: EventFile, at: Origin) -> bool:
    """A schema that stands alone: not a version built on another by `$ref`."""
    node = value_at(event.body, at.pointer[1:-1])
    return not (isinstance(node, dict) and "$ref" in node)


def _against_base(
    ctx: RuleContext, at: Origin, name: str, field: dict, declared: dict
) -> Iterator[Problem]:
    kind = declared.get("type")
    if "type" in field and kind is not None and field["type"] != kind:
        yield ctx.problem(
            at.child("type"),
            f"'{name}' is {kind} in the base payload; an event cannot make "
            f"it {shown(field['type'])}",
            "value",
        )
    if declared.get("required") is True and field.get("required") is False:
        yield ctx.problem(
            at.child("required"),
            f"'{name}' is required in the base payload; an event cannot make it optional",
            "value",
        )
    if "value" in field:
        allowed = _TYPES.get(kind) if isinstance(kind, str) else None
        value = field["value"]
        if allowed and (
            not isinstance(value, allowed) or (isinstance(value, bool) and kind != "boolean")
        ):
            yield ctx.problem(
                at.child("value"),
                f"the fixed value of '{name}' is {shown(value)}, not {kind}",
                "value",
            )
        else:
            yield from _constraints(ctx, at.child("value"), f"'{name}'", value, declared)
    elif declared.get("valueRequired") is True:
        yield ctx.problem(at, f"'{name}' needs a fixed value here (valueRequired); add `value:`")


@rule("OTP010", "opentp-pii", severity=Severity.ERROR, group=GROUP, enabled=False)
def pii(ctx: RuleContext) -> Iterator[Problem]:
    """PII metadata on a payload field without the config's required fields (its
    `kind` and the governance fields), or with values outside their dictionaries
    or constraints."""
    found = project(ctx.plan)
    if found is None:
        return
    rules = found.section("spec", "events", "pii")
    schema_rules = rules.get("schema")
    governance: dict = schema_rules if isinstance(schema_rules, dict) else {}
    top = {k: v for k, v in rules.items() if k != "schema" and isinstance(v, dict)}
    for event in found.events:
        for at, schema in _schemas(event):
            for name, field in schema.items():
                meta = field.get("pii") if isinstance(field, dict) else None
                if not isinstance(meta, dict):
                    continue
                where = at.child(name, "pii")
                for key, definition in (*top.items(), *governance.items()):
                    if not isinstance(definition, dict):
                        continue
                    if key not in meta:
                        if definition.get("required") is True:
                            yield ctx.problem(where, f"PII metadata of '{name}' lacks '{key}'")
                        continue
                    value = meta[key]
                    values = found.dictionary(definition.get("dict"))
                    if values is not None and value not in values:
                        yield ctx.problem(
                            where.child(key),
                            f"PII {key} {shown(value)} is not in dictionary '{definition['dict']}'",
                            "value",
                        )
                    yield from _constraints(ctx, where.child(key), f"PII {key}", value, definition)


RULES = (payload_selector, payload_versions, payload_fields, pii)
