"""Where reports go: the main one on stdout, more into files (`--output FORMAT=FILE`).

One run can feed several consumers, e.g. the readable report in the log and
SARIF for code scanning, without linting twice.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .engine import LintResult
    from .reporters import Reporter


class OutputError(Exception):
    """An output file that cannot be written; the CLI exits with code 2."""


@dataclass(frozen=True, slots=True)
class Output:
    format: str
    file: Path


def output_spec(text: str) -> Output:
    """Parse `FILE` or `FORMAT=FILE` (an argparse `type`).

    `--output` means the same in every command: where output goes. A bare FILE
    takes the main output (the report, in `--output-format`, instead of stdout;
    for `convert`, the plan); FORMAT=FILE writes one more report in FORMAT.
    The format is empty for a bare FILE.
    """
    name, sep, file = text.partition("=")
    if not sep:
        if not text.strip():
            raise argparse.ArgumentTypeError(
                "expected FILE or FORMAT=FILE, e.g. sarif=results.sarif"
            )
        return Output("", Path(text.strip()))
    if not name.strip() or not file.strip():
        raise argparse.ArgumentTypeError(
            f"expected FILE or FORMAT=FILE, e.g. sarif=results.sarif (got {text!r})"
        )
    return Output(name.strip(), Path(file.strip()))


def default_format(environ: Mapping[str, str]) -> str:
    """`github` inside GitHub Actions (annotations on the pull request), else `full`."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "full"


def unknown_formats(outputs: Sequence[Output], reporters: Mapping[str, Reporter]) -> list[str]:
    return [output.format for output in outputs if output.format and output.format not in reporters]


def main_output(outputs: Sequence[Output]) -> Path | None:
    """The file named by a bare `--output FILE`: the main report goes there."""
    return next((output.file for output in outputs if not output.format), None)


def write_outputs(
    result: LintResult, outputs: Sequence[Output], reporters: Mapping[str, Reporter]
) -> None:
    """Write each extra report to its file, without colour."""
    for output in outputs:
        if not output.format:
            continue  # the main report (see `main_output`)
        try:
            output.file.parent.mkdir(parents=True, exist_ok=True)
            # A lone surrogate (legal in JSON text, so in a name) cannot be UTF-8: write it
            # as `\ud800`, which JSON-based formats read back as the same character.
            with output.file.open(
                "w", encoding="utf-8", errors="backslashreplace", newline="\n"
            ) as stream:
                reporters[output.format](result, stream, color=False)
        except OSError as exc:
            raise OutputError(f"cannot write {output.file}: {exc.strerror or exc}") from None


def write_main_output(result: LintResult, reporter: Reporter, file: Path) -> None:
    """The main report into `--output FILE` (no colour), instead of stdout."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with file.open("w", encoding="utf-8", newline="\n") as stream:
            reporter(result, stream, color=False)
    except OSError as exc:
        raise OutputError(f"cannot write {file}: {exc.strerror or exc}") from None
