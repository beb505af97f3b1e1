"""Ruby."""

from __future__ import annotations

from collections.abc import Iterator

from .. import values as v
from ..values import UNKNOWN, Arg, Value
from .base import Node, Reader


class RubyReader(Reader):
    CALLS = frozenset({"call"})
    FUNCTIONS = frozenset({"method", "singleton_method", "class", "module"})

    def method_name(self, node: Node) -> str | None:
        method = node.child_by_field_name("method")
        return self.text(method) if method is not None else None

    def callee(self, node: Node) -> str | None:
        method = node.child_by_field_name("method")
        receiver = node.child_by_field_name("receiver")
        if method is None:
            return None
        if receiver is None:
            return self.text(method)
        head = self._path(receiver)
        return f"{head}.{self.text(method)}" if head is not None else None

    def _path(self, node: Node | None) -> str | None:
        if node is None:
            return None
        if node.type in ("identifier", "constant", "self", "instance_variable"):
            return self.text(node).lstrip("@")
        if node.type == "scope_resolution":
            scope = node.child_by_field_name("scope")
            name = node.child_by_field_name("name")
            if name is None:
                return None
            head = self._path(scope) if scope is not None else ""
            return f"{head}.{self.text(name)}" if head else self.text(name)
        if node.type == "call":
            callee = self.callee(node)
            has_args = node.child_by_field_name("arguments") is not None
            return f"{callee}()" if callee is not None and has_args else callee
        return None

    def arguments(self, node: Node) -> list[Arg]:
        args = node.child_by_field_name("arguments")
        if args is None:
            return []
        out: list[Arg] = []
        loose: list[tuple[object, Value]] = []
        for child in args.named_children:
            if child.type == "pair":
                key = child.child_by_field_name("key")
                value = self.value(child.child_by_field_name("value"))
                if key is not None and key.type == "hash_key_symbol":
                    out.append([self.text(key), value])
                loose.append((self._key(key), value))
            elif child.type != "comment":
                out.append([None, self.value(child)])
        if loose and not all(name is not None for name, _ in out):
            out.append([None, v.obj(loose)])  # an implicit trailing hash
        return out

    def _key(self, key: Node | None) -> object:
        if key is None:
            return UNKNOWN
        if key.type == "hash_key_symbol":
            return self.text(key)
        return v.key_text(self.value(key))

    def value(self, node: Node | None) -> Value:
        if node is None:
            return UNKNOWN
        kind = node.type
        if kind == "string":
            if any(c.type == "interpolation" for c in node.named_children):
                return ["d", "template"]
            return v.string("".join(self.text(c) for c in node.named_children
                                    if c.type == "string_content"))  # fmt: skip
        if kind == "simple_symbol":
            return v.string(self.text(node)[1:])
        if kind in ("integer", "float"):
            return v.number(self.text(node))
        if kind in ("true", "false"):
            return ["b", kind == "true"]
        if kind == "nil":
            return ["z"]
        if kind == "hash":
            entries: list[tuple[object, Value]] = []
            open_ = False
            for pair in node.named_children:
                if pair.type == "pair":
                    key = pair.child_by_field_name("key")
                    entries.append((self._key(key), self.value(pair.child_by_field_name("value"))))
                elif pair.type != "comment":
                    open_ = True
            return v.obj(entries, open_)
        if kind == "array":
            return ["a", [self.value(c) for c in node.named_children]]
        if kind in ("identifier", "constant", "scope_resolution", "instance_variable"):
            path = self._path(node)
            return v.ref(path) if path is not None else UNKNOWN
        if kind == "call":
            if node.child_by_field_name("arguments") is None:
                path = self._path(node)
                return v.ref(path) if path is not None else UNKNOWN
            callee = self.callee(node)
            return v.call(callee, self.arguments(node)) if callee is not None else UNKNOWN
        if kind == "parenthesized_statements":
            inner = node.named_children
            return self.value(inner[0]) if inner else UNKNOWN
        return UNKNOWN

    def declarations(self, statement: Node) -> Iterator[tuple[str, Value]]:
        if statement.type == "assignment":
            left = statement.child_by_field_name("left")
            if left is not None and left.type in ("identifier", "instance_variable"):
                yield (
                    self.text(left).lstrip("@"),
                    self.value(statement.child_by_field_name("right")),
                )

    def top_level(self, root: Node) -> None:
        self._body(root, self.facts.bindings)

    def _body(self, node: Node, into: dict[str, Value]) -> None:
        for child in node.named_children:
            if child.type == "assignment":
                left = child.child_by_field_name("left")
                right = child.child_by_field_name("right")
                if left is not None and right is not None and left.type == "constant":
                    into[self.text(left)] = self.value(right)
            elif child.type in ("module", "class"):
                name = child.child_by_field_name("name")
                body = child.child_by_field_name("body")
                if name is None:
                    continue
                members: dict[str, Value] = {}
                if body is not None:
                    self._body(body, members)
                if members:
                    value = v.obj(list(members.items()))
                    into[self.text(name).rsplit("::", 1)[-1]] = value
                    self.facts.bindings.setdefault(self.text(name).rsplit("::", 1)[-1], value)
            elif child.type == "body_statement":
                self._body(child, into)
