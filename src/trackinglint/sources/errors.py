"""The one error a loader raises: what went wrong, and where in the text."""

from __future__ import annotations


class SourceError(Exception):
    """A file that cannot be read as a plan; becomes a TL001 finding."""

    def __init__(
        self, message: str, offset: int = 0, length: int = 1, text: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.length = length
        self.text = text  # what the file reads as, when it never became text properly


class LoadProblem:
    """A recoverable defect found while loading (the file still loads)."""

    __slots__ = ("length", "message", "offset")

    def __init__(self, message: str, offset: int, length: int = 1) -> None:
        self.message = message
        self.offset = offset
        self.length = length
