"""Registers the built-in output formats through the reporter hook."""

from __future__ import annotations

from ..hookspecs import hookimpl
from . import Reporter
from .concise import report_concise
from .full import report_full
from .github import report_github
from .gitlab import report_gitlab
from .html import report_html
from .json_report import report_json
from .junit import report_junit
from .sarif import report_sarif


@hookimpl
def get_reporters() -> dict[str, Reporter]:
    return {
        "full": report_full,
        "concise": report_concise,
        "json": report_json,
        "sarif": report_sarif,
        "github": report_github,
        "junit": report_junit,
        "gitlab": report_gitlab,
        "html": report_html,
    }
