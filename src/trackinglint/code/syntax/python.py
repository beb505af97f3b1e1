"""Python."""

from __future__ import annotations

from collections.abc import Iterator

from .. import values as v
from ..values import UNKNOWN, Arg, Value
from .base import Node, Reader


class PythonReader(Reader):
    CALLS = frozenset({"call"})
    FUNCTIONS = frozenset({"function_definition", "class_definition"})
    MEMBER, MEMBER_NAME = "attribute", "attribute"

    def callee(self, node: Node) -> str | None:
        return self._path(node.child_by_field_name("function"))

    def _path(self, node: Node | None) -> str | None:
        if node is None:
            return None
        if node.type == "identifier":
            return self.text(node)
        if node.type == "attribute":
            head = self._path(node.child_by_field_name("object"))
            attr = node.child_by_field_name("attribute")
            return f"{head}.{self.text(attr)}" if head is not None and attr is not None else None
        if node.type == "call":
            head = self._path(node.child_by_field_name("function"))
            return f"{head}()" if head is not None else None
        if node.type == "subscript":
            head = self._path(node.child_by_field_name("value"))
            index = self.value(node.child_by_field_name("subscript"))
            return f"{head}.{index[1]}" if head is not None and index[0] == "s" else None
        return None

    def arguments(self, node: Node) -> list[Arg]:
        args = node.child_by_field_name("arguments")
        if args is None:
            return []
        out: list[Arg] = []
        for child in args.named_children:
            if child.type == "keyword_argument":
                name = child.child_by_field_name("name")
                out.append([self.text(name) if name is not None else None,
                            self.value(child.child_by_field_name("value"))])  # fmt: skip
            elif child.type in ("list_splat", "dictionary_splat"):
                out.append(["**" if child.type == "dictionary_splat" else "*", UNKNOWN])
            elif child.type != "comment":
                out.append([None, self.value(child)])
        return out

    def value(self, node: Node | None) -> Value:
        if node is None:
            return UNKNOWN
        kind = node.type
        if kind == "string":
            if any(c.type == "interpolation" for c in node.named_children):
                return ["d", "template"]
            return v.string(self._string(node))
        if kind == "concatenated_string":
            return v.concatenation([self.value(c) for c in node.named_children])
        if kind == "integer" or kind == "float":
            return v.number(self.text(node))
        if kind in ("true", "false"):
            return ["b", kind == "true"]
        if kind == "none":
            return ["z"]
        if kind == "dictionary":
            entries: list[tuple[object, Value]] = []
            open_ = False
            for pair in node.named_children:
                if pair.type == "pair":
                    key = v.key_text(self.value(pair.child_by_field_name("key")))
                    entries.append((key, self.value(pair.child_by_field_name("value"))))
                elif pair.type == "dictionary_splat":
                    inner = pair.named_children
                    entries.append(("...", self.value(inner[0]) if inner else UNKNOWN))
                elif pair.type != "comment":
                    open_ = True
            return v.obj(entries, open_)
        if kind in ("list", "tuple", "set"):
            return ["a", [self.value(c) for c in node.named_children if c.type != "comment"]]
        if kind in ("identifier", "attribute", "subscript"):
            path = self._path(node)
            return v.ref(path) if path is not None else UNKNOWN
        if kind == "call":
            function = node.child_by_field_name("function")
            if function is not None and function.type == "attribute":
                receiver = self.value(function.child_by_field_name("object"))
                attr = function.child_by_field_name("attribute")
                if attr is not None:
                    built = v.chained(receiver, self.text(attr), self.arguments(node))
                    if built is not None:
                        return built
            callee = self._path(function)
            return v.call(callee, self.arguments(node)) if callee is not None else UNKNOWN
        if kind == "binary_operator":
            operator = node.child_by_field_name("operator")
            if operator is not None and self.text(operator) == "+":
                return v.concatenation(
                    [
                        self.value(node.child_by_field_name("left")),
                        self.value(node.child_by_field_name("right")),
                    ]
                )
            if operator is not None and self.text(operator) == "%":
                return ["d", "template"]
            return UNKNOWN
        if kind == "parenthesized_expression":
            inner = node.named_children
            return self.value(inner[0]) if inner else UNKNOWN
        if kind == "unary_operator" and self.text(node).startswith("-"):
            return v.number(self.text(node).replace(" ", ""))
        return UNKNOWN

    def _string(self, node: Node) -> str:
        parts = []
        for child in node.named_children:
            if child.type == "string_content":
                parts.append(self.text(child))
            elif child.type == "escape_sequence":
                parts.append(_unescape(self.text(child)))
        return "".join(parts)

    def declarations(self, statement: Node) -> Iterator[tuple[str, Value]]:
        if statement.type != "expression_statement":
            return
        for child in statement.named_children:
            if child.type != "assignment":
                continue
            left = child.child_by_field_name("left")
            right = child.child_by_field_name("right")
            if left is None or left.type != "identifier":
                continue
            value = self.value(right)
            annotation = child.child_by_field_name("type")
            if value[0] in ("u", "c", "r") and annotation is not None:
                annotated = _PY_TYPES.get(self.text(annotation).split("[")[0])
                if annotated is not None:
                    value = ["t", annotated, value]
            yield self.text(left), value

    # --- module level ---------------------------------------------------------------
    def top_level(self, root: Node) -> None:
        for node in root.named_children:
            if node.type == "decorated_definition":
                node = node.child_by_field_name("definition") or node
            if node.type == "expression_statement":
                for child in node.named_children:
                    if child.type == "assignment":
                        self._assignment(child, self.facts.bindings)
            elif node.type == "class_definition":
                self._class(node)
            elif node.type == "import_from_statement":
                self._import_from(node)
            elif node.type == "import_statement":
                for name in node.named_children:
                    if name.type == "aliased_import":
                        dotted = name.child_by_field_name("name")
                        alias = name.child_by_field_name("alias")
                        if dotted is not None and alias is not None:
                            self.facts.imports[self.text(alias)] = [self.text(dotted), None]

    def _assignment(self, node: Node, into: dict[str, Value]) -> None:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is not None and right is not None and left.type == "identifier":
            into[self.text(left)] = self.value(right)

    def _class(self, node: Node) -> None:
        name = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name is None or body is None:
            return
        members: dict[str, Value] = {}
        for statement in body.named_children:
            if statement.type == "expression_statement":
                for child in statement.named_children:
                    if child.type == "assignment":
                        self._assignment(child, members)
        if members:
            self.facts.bindings[self.text(name)] = v.obj(list(members.items()))

    def _import_from(self, node: Node) -> None:
        module_node = node.child_by_field_name("module_name")
        if module_node is None:
            return
        module = self.text(module_node).replace(" ", "")
        for child in node.named_children:
            if child == module_node:
                continue
            if child.type == "dotted_name":
                self.facts.imports[self.text(child)] = [module, self.text(child)]
            elif child.type == "aliased_import":
                imported = child.child_by_field_name("name")
                alias = child.child_by_field_name("alias")
                if imported is not None and alias is not None:
                    self.facts.imports[self.text(alias)] = [module, self.text(imported)]


_PY_TYPES = {"str": "string", "int": "integer", "float": "number", "bool": "boolean",
             "list": "array", "List": "array", "dict": "object", "Dict": "object"}  # fmt: skip


def _unescape(text: str) -> str:
    try:
        return text.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except UnicodeDecodeError:
        return text
