"""Names to values: constants and enums in the same file, or imported from the project's
own files (relative imports, Python packages, TypeScript path aliases), or qualified by a
class, object or package anywhere in the scanned code (Java, Kotlin, Swift, Go, Ruby).

Only scanned files are consulted: nothing outside the named paths is read.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from pathlib import PurePosixPath

from .model import FileFacts
from .tsconfig import Aliases
from .values import Value

_JS_SUFFIXES = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")
_MODULE_LANGUAGES = frozenset({"javascript", "typescript", "tsx", "python"})
_DEPTH = 12


class Resolver:
    """Resolves `["r", "A.B"]` values in the context of the file they come from."""

    def __init__(
        self,
        files: Mapping[str, FileFacts],
        aliases: Aliases | None = None,
        global_names: dict[str, Value] | None = None,
    ) -> None:
        self.files = files  # posix absolute path -> facts
        self.aliases = aliases or Aliases({})
        self._global_names = global_names  # (from the cache, while no interface changed)

    @property
    def global_names(self) -> dict[str, Value]:
        """Top-level names of the languages without module imports, built on first use."""
        if self._global_names is None:
            self._global_names = {}
            for path in self.files:
                try:
                    facts = self.files[path]
                except KeyError:
                    continue
                if facts.language in _MODULE_LANGUAGES:
                    continue
                for name, value in facts.bindings.items():
                    self._global_names.setdefault(name, value)
                    if facts.package:
                        self._global_names.setdefault(f"{facts.package}.{name}", value)
        return self._global_names

    def resolve(self, value: Value, path: str, depth: int = 0) -> Value:
        """The value a name stands for, as far as the code shows it (else the name)."""
        if value[0] == "t" and len(value) > 2:  # an annotated name: its value, else its type
            inner = self.resolve(value[2], path, depth + 1)
            return inner if inner[0] in "sifbzoa" else ["t", value[1]]
        if value[0] != "r" or depth > _DEPTH:
            return value
        parts = value[1].split(".")
        try:
            facts = self.files[path]
        except KeyError:
            return value
        if facts.language == "python" and len(parts) > 1 and parts[-1] in ("value", "name"):
            parts = parts[:-1]  # Events.ORDER.value
        found = self._lookup(parts, path, facts, depth)
        return value if found is None else found

    def _lookup(self, parts: list[str], path: str, facts: FileFacts, depth: int) -> Value | None:
        head, rest = parts[0], parts[1:]
        if head in ("this", "self") and rest and head not in facts.bindings:
            head, rest = rest[0], rest[1:]
        if head in facts.bindings:
            start = self.resolve(facts.bindings[head], path, depth + 1)
            return self._walk(start, rest, path, depth)
        if head in facts.imports:
            module, name = facts.imports[head]
            target = self.locate(module, path, facts.language)
            if target is None:
                return None
            if name is None:  # a namespace: `import * as E`, `import events`
                if not rest:
                    return None
                name, rest = rest[0], rest[1:]
            inner = self.resolve(["r", ".".join([name, *rest])], target, depth + 1)
            return None if inner[0] == "r" else inner
        for size in range(len(parts), 0, -1):  # `Events.ORDER`, `events.OrderCompleted`
            qualified = ".".join(parts[:size])
            if qualified in self.global_names:
                start = self.resolve(self.global_names[qualified], path, depth + 1)
                return self._walk(start, parts[size:], path, depth)
        return None

    def _walk(self, value: Value, keys: list[str], path: str, depth: int) -> Value | None:
        for key in keys:
            if value[0] != "o":
                return None
            for entry_key, entry in value[1]:
                if entry_key == key:
                    value = self.resolve(entry, path, depth + 1)
                    break
            else:
                return None
        return value

    def locate(self, module: str, path: str, language: str) -> str | None:
        """The scanned file a module specifier names, if any."""
        if language == "python":
            return self._python_module(module, path)
        folder = posixpath.dirname(path)
        if module.startswith("."):
            return self._js_file(posixpath.normpath(posixpath.join(folder, module)))
        for candidate in self.aliases.candidates(module, path):
            found = self._js_file(candidate)
            if found is not None:
                return found
        return None

    def _js_file(self, base: str) -> str | None:
        if base in self.files:
            return base
        stem = base.rsplit(".", 1)[0] if base.endswith((".js", ".jsx", ".mjs")) else base
        for suffix in _JS_SUFFIXES:
            for candidate in (stem + suffix, f"{base}/index{suffix}"):
                if candidate in self.files:
                    return candidate
        return None

    def _python_module(self, module: str, path: str) -> str | None:
        level = len(module) - len(module.lstrip("."))
        dotted = module[level:]
        tail = dotted.replace(".", "/")
        if level:
            base = PurePosixPath(path).parents[level - 1]
            folders = [base]
        else:
            folders = list(PurePosixPath(path).parents)
        for folder in folders:
            for candidate in (f"{folder}/{tail}.py", f"{folder}/{tail}/__init__.py"):
                candidate = candidate.replace("//", "/")
                if candidate in self.files:
                    return candidate
        return None


def static_text(value: Value) -> str | None:
    return value[1] if value[0] == "s" else None


def describe(value: Value) -> str:
    """Why a value is not a static name, for the dynamic-name note."""
    kind = value[0]
    if kind == "d":
        return "a concatenation" if value[1] == "concatenation" else "a template"
    if kind == "r":
        return f"the variable {value[1]}"
    if kind == "c":
        return f"the result of {value[1]}()"
    if kind in ("i", "f", "b", "z", "o", "a"):
        return "not a string"
    if kind == "t":
        return f"a variable of type {value[1]}"
    if kind == "p":
        return f"the parameter {value[1]} of the function around it"
    return "an expression"
