"""The native format's JSON Schema, and validation that explains itself.

A compiled validator (fastjsonschema) answers "is this plan valid?" in a few
milliseconds; only when the answer is no does jsonschema walk the document
and say precisely what is wrong and where.
"""

from __future__ import annotations

import json
import os
import pickle
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from ..config import close_match
from ..sources import Focus, Pointer
from ..sources.sameness import same_data

SCHEMA_FILE = "native-plan.schema.json"
_FORK_THRESHOLD = 1_000_000  # characters; below this a fork costs more than it saves
_JSON_TYPE_NAMES = {
    dict: "a mapping",
    list: "a list",
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    type(None): "null",
}
_SCHEMA_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "boolean": "true or false",
    "integer": "an integer",
    "number": "a number",
    "null": "null",
}


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    pointer: Pointer
    message: str
    focus: Focus
    rename: str | None = None  # an unknown key's one likely spelling: a safe autofix


@cache
def native_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of the native plan format, as shipped."""
    return json.loads(files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))


@cache
def _fast_validator() -> Callable[[Any], Any]:
    import copy

    import fastjsonschema

    # compile() rewrites every `$ref` in place to an absolute URI under `$id`;
    # the shared schema must stay as shipped (`trackinglint schema` prints it)
    return fastjsonschema.compile(copy.deepcopy(native_schema()))


def start_validation(data: Any, size: int) -> Callable[[], list[SchemaProblem]]:
    """Start checking a document; call the result for its problems.

    A large document is checked in a forked child while this process builds
    the model and runs the rules on the other core. Only a single-threaded
    process forks (a lock held by another thread would deadlock the child),
    and any failure in the child falls back to checking here.
    """
    if size < _FORK_THRESHOLD or not hasattr(os, "fork") or threading.active_count() > 1:
        problems = validate_native(data)
        return lambda: problems
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: check, send the result, leave without cleanup
        os.close(read_end)
        try:
            payload = pickle.dumps(validate_native(data))
        except BaseException:
            payload = b""
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(write_end)

    def collect() -> list[SchemaProblem]:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(pid, 0)
        return pickle.loads(payload) if payload else validate_native(data)

    return collect


MAX_PROBLEMS = 1000  # schema violations listed per document (explaining each costs time)
_ABSENT = object()


def validate_native_again(
    data: Any, earlier: Any, found: list[SchemaProblem]
) -> list[SchemaProblem] | None:
    """`validate_native(data)`, given the problems `found` in an earlier version
    `earlier` of the document (the language server's last read): only the events
    that changed are checked again.
    An event is checked against its own schema alone, so its problems depend on
    it alone. None when the whole document must be checked."""
    if not (isinstance(data, dict) and isinstance(earlier, dict)):
        return None
    events, old_events = data.get("events"), earlier.get("events")
    if not (isinstance(events, dict) and isinstance(old_events, dict)):
        return None
    if len(found) >= MAX_PROBLEMS:
        return None
    changed = {
        name for name, body in events.items() if not same_data(old_events.get(name, _ABSENT), body)
    }
    kept = [
        problem
        for problem in found
        if len(problem.pointer) > 1
        and problem.pointer[0] == "events"
        and problem.pointer[1] in events
        and problem.pointer[1] not in changed
    ]
    fresh = validate_native({**data, "events": {name: events[name] for name in changed}})
    problems = sorted(set(kept + fresh), key=lambda p: [str(s) for s in p.pointer])
    return problems if len(problems) < MAX_PROBLEMS else None


def validate_native(data: Any) -> list[SchemaProblem]:
    """Every schema violation in one native document, in document order."""
    import fastjsonschema

    try:
        _fast_validator()(data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    from jsonschema import Draft7Validator

    validator = Draft7Validator(native_schema())
    problems: list[SchemaProblem] = []
    for error in validator.iter_errors(data):
        problems.extend(_explain(error))
        if len(problems) >= MAX_PROBLEMS:  # a document broken throughout: say so, stop early
            problems = problems[:MAX_PROBLEMS]
            problems.append(
                SchemaProblem(
                    (),
                    f"more than {MAX_PROBLEMS} schema violations: only the first ones are "
                    "listed; is this a native plan? (fix these, or name the format)",
                    "key",
                )
            )
            break
    return sorted(set(problems), key=lambda p: [str(s) for s in p.pointer])


def _explain(error: Any) -> Iterator[SchemaProblem]:
    pointer = tuple(error.absolute_path)
    instance, keyword, schema = error.instance, error.validator, error.schema
    where = _where(pointer)
    if keyword == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}))
        patterns = tuple(p.strip("^") for p in schema.get("patternProperties", {}))
        for key in instance:
            if key in allowed or (patterns and str(key).startswith(patterns)):
                continue
            hint = close_match(str(key), allowed)
            suggestion = (
                f"did you mean '{hint}'?" if hint else f"expected one of: {', '.join(allowed)}"
            )
            message = f"unknown key '{key}'{where}; {suggestion}"
            yield SchemaProblem((*pointer, key), message, "key", _only_spelling(key, allowed))
    elif keyword == "required":
        for name in error.validator_value:
            if isinstance(instance, dict) and name not in instance:
                yield SchemaProblem(pointer, f"missing required key '{name}'{where}", "key")
    elif keyword == "anyOf" and error.context:
        yield from _explain_any_of(error, pointer, where)
    else:
        yield SchemaProblem(pointer, _describe(keyword, error, where), "value")


def _only_spelling(key: Any, allowed: list[str]) -> str | None:
    """The one close spelling of an unknown key, when there is exactly one and it is free."""
    import difflib

    if not isinstance(key, str):
        return None
    found = difflib.get_close_matches(key, allowed, n=2)
    return found[0] if len(found) == 1 else None


def _explain_any_of(error: Any, pointer: Pointer, where: str) -> Iterator[SchemaProblem]:
    """Report the branch the value was meant for, or list the accepted shapes."""
    instance = error.instance
    for branch_index, branch in enumerate(error.validator_value):
        if _matches_type(instance, branch.get("type")):
            nested = [e for e in error.context if e.schema_path[0] == branch_index]
            for sub in nested:
                yield from _explain(sub)
            if nested:
                return
    shapes = " or ".join(_shape(branch) for branch in error.validator_value)
    yield SchemaProblem(pointer, f"expected {shapes}{where}, got {_show(instance)}", "value")


def _describe(keyword: str, error: Any, where: str) -> str:
    value, expected = error.instance, error.validator_value
    shown = _show(value)
    if keyword == "type":
        return f"expected {_type_phrase(expected)}{where}, got {shown}"
    if keyword == "enum":
        return f"{shown} is not allowed{where}; expected one of: {', '.join(map(str, expected))}"
    if keyword == "const":
        return f"expected {json.dumps(expected)}{where}, got {shown}"
    if keyword == "minLength" and expected == 1:
        return f"must not be empty{where}"
    if keyword == "minItems":
        return f"must list at least {expected} item{'s' if expected != 1 else ''}{where}"
    if keyword in ("minimum", "exclusiveMinimum"):
        strict = "greater than" if keyword == "exclusiveMinimum" else "at least"
        return f"must be {strict} {expected}{where}, got {shown}"
    return f"{error.message}{where}"


def _where(pointer: Pointer) -> str:
    from ..sources import format_pointer

    return f" at {format_pointer(pointer)}" if pointer else " at the top level"


def _matches_type(value: Any, expected: Any) -> bool:
    kinds = expected if isinstance(expected, list) else [expected]
    checks = {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "boolean": lambda v: isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    }
    return any(checks.get(kind, lambda v: False)(value) for kind in kinds if kind)


def _shape(branch: dict[str, Any]) -> str:
    kind = branch.get("type")
    if kind == "array" and isinstance(branch.get("items"), dict):
        inner = branch["items"].get("type")
        return f"a list of {_type_phrase(inner).removeprefix('a ').removeprefix('an ')}s"
    return _type_phrase(kind) if kind else "a value"


def _type_phrase(expected: Any) -> str:
    kinds = expected if isinstance(expected, list) else [expected]
    return " or ".join(_SCHEMA_TYPE_NAMES.get(kind, str(kind)) for kind in kinds)


def _show(value: Any) -> str:
    kind = _JSON_TYPE_NAMES.get(type(value), type(value).__name__)
    if isinstance(value, (dict, list)):
        return kind
    text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{kind} ({text})"
