"""Values read from source code, as plain lists (so the cache stores them as JSON).

["s", "text"]  ["i", 3]  ["f", 1.5]  ["b", True]  ["z"] (null)
["o", [[key, value], ...], open]   an object/dict/hash/map; open: spread or unknown keys
["a", [value, ...]]                an array/list
["r", "EVENTS.ORDER"]              a name, resolved later (constants, enums, imports)
["c", "callee", [[name, value], ...]]  a call kept whole (BaseEvent(event_type=...))
["d", "template"]                  known not to be static (template, concatenation...)
    ["t", "number"]                    a value of a declared type (an annotation)
    ["p", "name", "string"]            a parameter of the enclosing function (its type or null)
["u"]                              anything else
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Value = list[Any]
Arg = list[Any]  # [keyword or None, value]

UNKNOWN: Value = ["u"]

# calls that build a map of properties from their arguments or from setter calls
MAP_FACTORIES = frozenset(
    {
        "dict", "mapOf", "mutableMapOf", "hashMapOf", "linkedMapOf", "of", "Properties",
        "NewProperties", "HashMap", "LinkedHashMap", "JSONObject", "Bundle", "Traits",
        "Attributes", "buildJsonObject", "Props", "EventProperties", "Map", "NSDictionary",
    }
)  # fmt: skip
_SAME_VALUE = frozenset({"Object.freeze", "Object.seal", "Immutable.Map", "frozenset"})
# Go's pointer helpers: sp.NewString("x"), aws.String("x")
_SAME_VALUE_LAST = frozenset(
    {"NewString", "NewFloat64", "NewInt64", "NewInt", "NewBool", "String", "Float64", "Int64"}
)
MAP_SETTERS = frozenset(
    {"putValue", "put", "Set", "set", "putString", "putInt", "putLong", "putDouble",
     "putBoolean", "putFloat", "param", "setProperty", "addProperty", "add"}
)  # fmt: skip


def string(text: str) -> Value:
    return ["s", text]


def number(text: str) -> Value:
    cleaned = text.replace("_", "").rstrip("lLfFdDuU")
    try:
        return ["i", int(cleaned, 0)]
    except ValueError:
        try:
            return ["f", float(cleaned)]
        except ValueError:
            return UNKNOWN


def obj(entries: Sequence[tuple[Any, Value]], open_: bool = False) -> Value:
    return ["o", [[key, value] for key, value in entries], open_]


def ref(path: str) -> Value:
    return ["r", path]


def call(callee: str, args: Sequence[Arg]) -> Value:
    """A call as a value: a map factory becomes the map it builds."""
    last = callee.rsplit(".", 1)[-1].removesuffix("()")
    if (callee in _SAME_VALUE or last in _SAME_VALUE_LAST) and len(args) == 1:
        return list(args[0][1])
    if last in MAP_FACTORIES:
        return map_from_args(args)
    return ["c", callee, [list(arg) for arg in args]]


def map_from_args(args: Sequence[Arg]) -> Value:
    """`dict(a=1)`, `mapOf("a" to 1)` (pairs arrive as 2-arrays), `Map.of("a", 1)`."""
    entries: list[tuple[Any, Value]] = []
    open_ = False
    positional = [value for name, value in args if name is None]
    for name, value in args:
        if name is not None:
            entries.append((name, value))
    if positional and all(v[0] == "a" and len(v[1]) == 2 for v in positional):
        entries.extend((key_text(v[1][0]), v[1][1]) for v in positional)
    elif positional and len(positional) % 2 == 0 and all(v[0] == "s" for v in positional[::2]):
        entries.extend((k[1], v) for k, v in zip(positional[::2], positional[1::2], strict=True))
    elif len(positional) == 1 and positional[0][0] == "o":
        return positional[0]
    elif positional:
        open_ = True
    return obj(entries, open_)


def chained(receiver: Value, method: str, args: Sequence[Arg]) -> Value | None:
    """`Properties().putValue("a", 1).putValue(...)`: a setter on a map adds an entry."""
    if receiver[0] != "o" or method not in MAP_SETTERS:
        return None
    values = [value for _, value in args]
    entries = list(receiver[1])
    if len(values) >= 2 and values[0][0] == "s":
        entries.append([values[0][1], values[1]])
        return ["o", entries, receiver[2]]
    return ["o", entries, True]


def key_text(value: Value) -> Any:
    """A map key as text when it is a literal, else the value itself (resolved later)."""
    if value[0] == "s":
        return value[1]
    if value[0] in ("i", "f", "b"):
        return str(value[1])
    return value


def concatenation(parts: Sequence[Value]) -> Value:
    """`"a" + "b"` is static; anything else joined is not."""
    if all(part[0] == "s" for part in parts):
        return string("".join(part[1] for part in parts))
    return ["d", "concatenation"]


TYPES = {"s": "string", "i": "integer", "f": "number", "b": "boolean", "z": "null",
         "o": "object", "a": "array"}  # fmt: skip


def type_of(value: Value) -> str | None:
    """The JSON type a literal value (or a type annotation, `["t", type]`) shows, or None
    when the code does not show it."""
    if value[0] == "t":  # ["t", type] or ["t", type, the annotated name's own value]
        return str(value[1])
    if value[0] == "p":  # ["p", name, declared type or None]: a parameter of the function
        return value[2] if len(value) > 2 else None
    return TYPES.get(value[0])
