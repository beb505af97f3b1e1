"""Reporters render a LintResult; each output format is one small module."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from ..engine import LintResult


class Reporter(Protocol):
    def __call__(self, result: LintResult, stream: TextIO, *, color: bool) -> None: ...
