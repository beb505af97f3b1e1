"""TypeScript path aliases (`compilerOptions.paths` and `baseUrl`) from tsconfig.json or
jsconfig.json files among the scanned paths, so `@/analytics/events` resolves."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

_COMMENT_OR_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|//[^\n]*|/\*.*?\*/', re.S)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
NAMES = ("tsconfig.json", "jsconfig.json")


def read_jsonc(text: str) -> Any:
    """JSON with comments and trailing commas, as tsconfig.json allows."""
    stripped = _COMMENT_OR_STRING.sub(lambda m: m[0] if m[0].startswith('"') else "", text)
    return json.loads(_TRAILING_COMMA.sub(r"\1", stripped))


class Aliases:
    """Per tsconfig folder: (base folder, [(pattern, [targets])])."""

    def __init__(self, configs: dict[str, tuple[str, list[tuple[str, list[str]]]]]) -> None:
        self.configs = configs

    @classmethod
    def load(cls, files: Iterable[Path]) -> Aliases:
        configs: dict[str, tuple[str, list[tuple[str, list[str]]]]] = {}
        for file in files:
            try:
                data = read_jsonc(file.read_text(encoding="utf-8"))
                options = data.get("compilerOptions") or {}
            except (OSError, ValueError, AttributeError):
                continue
            folder = file.parent.absolute().as_posix()
            base = posixpath.normpath(posixpath.join(folder, str(options.get("baseUrl", "."))))
            paths = options.get("paths") or {}
            if not isinstance(paths, dict):
                continue
            rules = [(str(k), [str(t) for t in v]) for k, v in paths.items() if isinstance(v, list)]
            if rules or "baseUrl" in options:
                configs[folder] = (base, rules)
        return cls(configs)

    def key(self) -> str:
        """Changes when any alias does (the scan cache reuses calls only while it holds)."""
        return json.dumps(self.configs, sort_keys=True)

    def candidates(self, module: str, path: str) -> Iterator[str]:
        """Where a non-relative import may point, by the nearest tsconfig above `path`."""
        folder = posixpath.dirname(path)
        while True:
            if folder in self.configs:
                base, rules = self.configs[folder]
                for pattern, targets in rules:
                    rest = _match(pattern, module)
                    if rest is not None:
                        for target in targets:
                            yield posixpath.normpath(
                                posixpath.join(base, target.replace("*", rest))
                            )
                yield posixpath.normpath(posixpath.join(base, module))
                return
            parent = posixpath.dirname(folder)
            if parent == folder:
                return
            folder = parent


def _match(pattern: str, module: str) -> str | None:
    if "*" not in pattern:
        return "" if pattern == module else None
    prefix, suffix = pattern.split("*", 1)
    if module.startswith(prefix) and module.endswith(suffix) and len(module) >= len(pattern) - 1:
        return module[len(prefix) : len(module) - len(suffix)]
    return None
