"""What every language reader shares: positions, enclosing functions, the call loop."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from ..model import FileFacts, RawCall
from ..values import UNKNOWN, Arg, Value

Node = Any  # tree_sitter.Node
_PARAMETER_LISTS = frozenset(
    {"formal_parameters", "parameters", "parameter_list", "function_value_parameters",
     "method_parameters", "lambda_parameters"}
)  # fmt: skip
_NAME_NODES = frozenset({"identifier", "simple_identifier"})
_SCALAR_TYPES = {
    "string": "string", "str": "string", "number": "number", "float": "number",
    "float64": "number", "float32": "number", "double": "number", "int": "integer",
    "int64": "integer", "int32": "integer", "integer": "integer", "long": "integer",
    "bool": "boolean", "boolean": "boolean",
}  # fmt: skip


def json_type(annotation: str) -> str | None:
    """The JSON type a declared type shows (`float64`, `[]string`, `Dict[str, Any]`)."""
    text = annotation.lstrip(":").strip().removesuffix("?").strip()
    for prefix in ("typing.", "Optional[", "?"):
        text = text.removeprefix(prefix)
    lowered = text.lower().rstrip("]")
    if lowered in _SCALAR_TYPES:
        return _SCALAR_TYPES[lowered]
    if text.startswith("[]") or text.endswith("[]") or (text.startswith("[") and ":" not in text):
        return "array"
    if lowered.startswith(("list", "array", "readonlyarray", "set", "sequence", "tuple")):
        return "array"
    if text.startswith(("map[", "{", "[")) or lowered.startswith(
        ("dict", "record", "map", "mapping", "hash")
    ):
        return "object"
    return None


_ARGUMENT_HOLDERS = frozenset(
    {"arguments", "argument_list", "value_argument", "value_arguments", "call_suffix"}
)


def _walk_keys(value: Value, keys: list[str]) -> Value:
    for key in keys:
        if value[0] != "o":
            return UNKNOWN
        for entry_key, entry in value[1]:
            if entry_key == key:
                value = entry
                break
        else:
            return UNKNOWN
    return value


class Reader:
    """Subclasses name their call node types and say how to read callees, arguments
    and values; `read` walks the tree once."""

    CALLS: frozenset[str] = frozenset()
    FUNCTIONS: frozenset[str] = frozenset()  # node types that name an enclosing function

    def __init__(self, language: str, source: bytes, methods: Collection[str]) -> None:
        self.language = language
        self.source = source
        self.methods = methods
        self.facts = FileFacts(language)

    # --- the walk -------------------------------------------------------------------
    def read(self, root: Node) -> FileFacts:
        if root.has_error:
            self.facts.syntax_error = self._first_error(root)
        self.top_level(root)
        for node in self._calls(root):
            if self.skip(node):
                continue
            method = self.method_name(node)
            if method is None or method not in self.methods:
                continue
            callee = self.callee(node)
            if callee is None:
                continue
            line, column = self.position(node)
            end_line, end_column = self.end_position(node)
            args = [[name, self.localize(value, node, 0)] for name, value in self.arguments(node)]
            raw = RawCall(callee, args, line, column, self.function_of(node), end_line, end_column)
            outer = self._outer_call(node)
            if outer is not None:
                raw.outer = [*self.position(outer), *self.end_position(outer)]
            self.facts.calls.append(raw)
        return self.facts

    def _outer_call(self, node: Node) -> Node | None:
        """The call `node` is passed to directly: `client.track(BaseEvent(...))`."""
        parent = node.parent
        for _ in range(3):
            if parent is None:
                return None
            if parent.type in self.CALLS:
                return parent
            if parent.type not in _ARGUMENT_HOLDERS:
                return None
            parent = parent.parent
        return None

    def _calls(self, root: Node) -> Iterator[Node]:
        cursor = root.walk()
        calls = self.CALLS
        visited = False
        while True:
            if not visited:
                if cursor.node.type in calls:
                    yield cursor.node
                if cursor.goto_first_child():
                    continue
            if cursor.goto_next_sibling():
                visited = False
                continue
            if not cursor.goto_parent():
                return
            visited = True

    def _first_error(self, root: Node) -> tuple[int, int]:
        node = root
        while True:
            if node.type == "ERROR" or node.is_missing:
                return self.position(node)
            for child in node.children:
                if child.has_error or child.is_missing:
                    node = child
                    break
            else:
                return self.position(node)

    # --- local variables --------------------------------------------------------------
    def localize(self, value: Value, at: Node, depth: int) -> Value:
        """Names declared in the scopes around the call (before it) replaced by their
        values: `const props = {...}; analytics.track("X", props)`."""
        kind = value[0]
        if depth > 4:
            return value
        if kind == "r":
            head, _, rest = value[1].partition(".")
            found = self.local(head, at)
            if found is None:
                return value
            local = self.localize(found, at, depth + 1)
            if not rest:
                return local
            if local[0] == "r":
                return ["r", f"{local[1]}.{rest}"]
            return _walk_keys(local, rest.split("."))
        if kind == "o":
            return ["o", [[k, self.localize(v, at, depth + 1)] for k, v in value[1]], value[2]]
        if kind == "a":
            return ["a", [self.localize(v, at, depth + 1) for v in value[1]]]
        if kind == "c":
            return ["c", value[1], [[n, self.localize(v, at, depth + 1)] for n, v in value[2]]]
        return value

    def local(self, name: str, at: Node) -> Value | None:
        """The value of the last declaration of `name` before `at` in a scope around it."""
        start = at.start_byte
        child = at
        scope = at.parent
        while scope is not None:
            if scope.type in self.FUNCTIONS:
                parameters = self.parameters(scope)
                if name in parameters:  # known by its declared type at most
                    return ["p", name, parameters[name]]
            found: Value | None = None
            for statement in scope.named_children:
                if statement.start_byte >= start or statement == child:
                    break
                for declared, value in self.declarations(statement):
                    if declared == name:
                        found = value
            if found is not None:
                return found
            child, scope = scope, scope.parent
        return None

    def declarations(self, statement: Node) -> Iterator[tuple[str, Value]]:
        """Names a statement declares, with their values (none by default)."""
        return iter(())

    def parameters(self, function: Node) -> dict[str, str | None]:
        """A function's parameters, with the JSON type their declared type shows."""
        found: dict[str, str | None] = {}
        holders = [c for c in function.named_children if c.type in _PARAMETER_LISTS]
        if self.language == "swift":  # (its parameters sit in the declaration itself)
            holders = [function]
        for holder in holders:
            for parameter in holder.named_children:
                if holder is function and parameter.type != "parameter":
                    continue
                if parameter.type in _NAME_NODES:  # (untyped: `function f(name)`)
                    found[self.text(parameter)] = None
                    continue
                named = parameter.child_by_field_name("name") or parameter.child_by_field_name(
                    "pattern"
                )  # fmt: skip
                names = [c for c in parameter.named_children if c.type in _NAME_NODES]
                if named is not None and named.type in _NAME_NODES:
                    names = [
                        named,
                        *(
                            n
                            for n in names
                            if n != named and parameter.type in ("parameter_declaration",)
                        ),
                    ]  # (Go: `b, c float64`)
                types = [c for c in parameter.named_children if c.type not in _NAME_NODES]
                if parameter.type == "parameter" and self.language == "swift":
                    names = parameter.children_by_field_name("name")[:1]
                    types = parameter.children_by_field_name("name")[1:]
                kind = json_type(self.text(types[0])) if types else None
                for name in names[:1] if parameter.type != "parameter_declaration" else names:
                    found[self.text(name)] = kind
        return found

    # --- helpers --------------------------------------------------------------------
    def text(self, node: Node) -> str:
        return self.source[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def position(self, node: Node) -> tuple[int, int]:
        row, column_bytes = node.start_point
        start = node.start_byte
        prefix = self.source[start - column_bytes : start].decode("utf-8", "replace")
        return row + 1, len(prefix) + 1

    def end_position(self, node: Node) -> tuple[int, int]:
        row, column_bytes = node.end_point
        end = node.end_byte
        prefix = self.source[end - column_bytes : end].decode("utf-8", "replace")
        return row + 1, len(prefix) + 1

    def function_of(self, node: Node) -> str:
        """The name of the innermost named function, method or class around `node`."""
        parent = node.parent
        while parent is not None:
            if parent.type in self.FUNCTIONS:
                name = self.function_name(parent)
                if name:
                    return name
            parent = parent.parent
        return ""

    def function_name(self, node: Node) -> str:
        name = node.child_by_field_name("name")
        return self.text(name) if name is not None else ""

    # --- what each language says ----------------------------------------------------
    def skip(self, node: Node) -> bool:
        """A call node that is part of another call node (Kotlin's trailing lambdas)."""
        return False

    def top_level(self, root: Node) -> None:
        """Record constants, enums and imports (module level)."""

    MEMBER = ""  # the node type of `object.name` in this language's grammar
    MEMBER_NAME = ""  # the field of that node holding `name`

    def method_name(self, node: Node) -> str | None:
        """The called function's own name: `track` in `analytics.track(...)`."""
        function = node.child_by_field_name("function")
        if function is None:
            return None
        if function.type == "identifier":
            return self.text(function)
        if self.MEMBER and function.type == self.MEMBER:
            name = function.child_by_field_name(self.MEMBER_NAME)
            return self.text(name) if name is not None else None
        return None

    def callee(self, node: Node) -> str | None:
        raise NotImplementedError

    def arguments(self, node: Node) -> list[Arg]:
        raise NotImplementedError

    def value(self, node: Node | None) -> Value:
        return UNKNOWN
