"""Helpers shared by the source-loader tests: load text, expect one error or none."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from trackinglint.sources import LoadedSource, Span, read_source

from conftest import REPO

GEN_PLAN = REPO / "benchmarks" / "gen_plan.py"


def load(source: str | bytes, name: str) -> LoadedSource:
    return read_source(Path(name), name, source)


def only_error(loaded: LoadedSource) -> tuple[str, Span]:
    assert len(loaded.parse_errors) == 1, loaded.parse_errors
    return loaded.parse_errors[0]


def start(span: Span) -> tuple[int, int]:
    return span.line, span.column


def clean(source: str | bytes, name: str) -> LoadedSource:
    loaded = load(source, name)
    assert loaded.parse_errors == []
    return loaded


def walk(node: object, pointer: tuple = ()):
    """Every (pointer, value) below `node`, depth first."""
    items: Iterable[tuple[Any, Any]]
    if isinstance(node, dict):
        items = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return
    for key, child in items:
        yield (*pointer, key), child
        yield from walk(child, (*pointer, key))
