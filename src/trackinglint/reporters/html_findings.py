"""The HTML report's findings: counts, the sortable table, and the rule pages it links to.

Counts cover every finding of the run, exactly as `check --output-format json`
lists them. Each rule that fired has its page included in the file, so a
reader offline can follow the link from a finding to the rule's explanation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ..findings import Finding, Severity
from ..rule_pages import page_path, page_text
from ..rules.api import Rule
from .html_assets import PAGE_SIZE
from .html_parts import esc, pager, section_head, tag
from .markdown_html import inline, markdown_to_html

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
SEVERITY_LABELS = {
    Severity.ERROR: "✘ error",
    Severity.WARNING: "▲ warning",
    Severity.INFO: "ℹ info",
}
TABLE_ID = "findings-table"


def severity_tag(severity: Severity) -> str:
    return tag(SEVERITY_LABELS[severity], f"sev-{severity.value}")


def findings_section(
    findings: Sequence[Finding], rules: Mapping[str, Rule], evidence: Mapping[tuple[str, str], str]
) -> str:
    """Counts by severity and by rule, the table, then the rule pages.

    `evidence` maps (file, path of an event in that file) to the id of the
    event's row, so a finding about an event links to why it reads as it does.
    """
    head = section_head("findings", "Findings", level=2)
    if not findings:
        return f'{head}<p data-findings="0">No findings: all checks passed.</p></section>'
    return (
        head
        + _counts(findings, rules)
        + _table(findings, evidence)
        + _rule_pages(sorted({f.code for f in findings}), findings, rules)
        + "</section>"
    )


def _counts(findings: Sequence[Finding], rules: Mapping[str, Rule]) -> str:
    by_severity = Counter(f.severity for f in findings)
    severity_rows = "".join(
        f"<tr><th scope='row'>{severity_tag(s)}</th>"
        f'<td class="num" data-count-severity="{s.value}">{by_severity[s]}</td></tr>'
        for s in SEVERITIES
    )
    severity_rows += (
        f'<tr><th scope="row">Total</th><td class="num" data-count-total>{len(findings)}</td></tr>'
    )
    by_rule = Counter(f.code for f in findings)
    names = {f.code: (f.name, f.severity) for f in findings}
    rule_rows = "".join(
        f'<tr><th scope="row"><a href="#rule-{esc(code)}">{esc(code)}</a></th>'
        f"<td>{esc(names[code][0])}</td><td>{severity_tag(names[code][1])}</td>"
        f'<td class="num" data-count-rule="{esc(code)}">{count}</td></tr>'
        for code, count in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return (
        '<div class="balance"><table id="counts-by-rule"><caption>By rule</caption><thead><tr>'
        '<th scope="col">Rule</th><th scope="col">Name</th><th scope="col">Severity</th>'
        '<th scope="col" class="num">Findings</th></tr></thead>'
        f"<tbody>{rule_rows}</tbody></table>"
        '<table id="counts-by-severity"><caption>By severity</caption><thead><tr>'
        '<th scope="col">Severity</th><th scope="col" class="num">Findings</th></tr></thead>'
        f"<tbody>{severity_rows}</tbody></table></div>"
    )


def _table(findings: Sequence[Finding], evidence: Mapping[tuple[str, str], str]) -> str:
    rows = [
        _row(n, finding, _evidence_row(finding, evidence), n >= PAGE_SIZE)
        for n, finding in enumerate(findings)
    ]
    codes = sorted({f.code for f in findings})
    header = (
        '<th scope="col" data-sortable>Severity</th><th scope="col" data-sortable>Rule</th>'
        '<th scope="col" data-sortable>Message</th><th scope="col" data-sortable>Location</th>'
    )
    return (
        _controls(codes)
        + f'<table id="{TABLE_ID}" data-pageable><caption>Every finding; choose a column '
        "heading to sort, the rule to read its page</caption>"
        f"<thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        + pager(TABLE_ID, len(rows))
    )


def _row(n: int, finding: Finding, event_row: str | None, later: bool) -> str:
    location = (
        f"{finding.file}:{finding.line}:{finding.column}" if finding.in_file else finding.file
    )
    order = f"{finding.file}:{finding.line:09d}:{finding.column:09d}"  # sorts as numbers
    why = f' <a href="#{event_row}">why this reading</a>' if event_row else ""
    css = ' class="later"' if later else ""
    return (
        f'<tr id="f{n + 1}"{css} data-severity="{finding.severity.value}" '
        f'data-rule="{esc(finding.code)}">'
        f'<td data-sort="{finding.severity.rank}">{severity_tag(finding.severity)}</td>'
        f'<td><a href="#rule-{esc(finding.code)}">{esc(finding.code)}</a> '
        f"<small>{esc(finding.name)}</small></td>"
        f"<td>{inline(finding.message)}{why}</td>"
        f'<td data-sort="{esc(order)}"><code>{esc(location)}</code></td></tr>'
    )


def _evidence_row(finding: Finding, evidence: Mapping[tuple[str, str], str]) -> str | None:
    """The events-table row of the event a finding is about, if it is about one."""
    if not evidence or not finding.path or finding.group != "outcome":
        return None  # only outcome findings rest on how an event reads
    path = finding.path
    found = evidence.get((finding.file, path))
    cut = path.rfind(".")
    while found is None and cut > 0:
        path = path[:cut]
        found = evidence.get((finding.file, path))
        cut = path.rfind(".")
    return found


def _controls(codes: Sequence[str]) -> str:
    severities = "".join(f'<option value="{s.value}">{s.value}</option>' for s in SEVERITIES)
    rules = "".join(f'<option value="{esc(c)}">{esc(c)}</option>' for c in codes)
    return (
        f'<div class="controls" data-for="{TABLE_ID}" hidden>'
        f'<label>Filter<input type="search" data-filter="text" aria-controls="{TABLE_ID}">'
        "</label>"
        f'<label>Severity<select data-filter="severity"><option value="">any</option>'
        f"{severities}</select></label>"
        f'<label>Rule<select data-filter="rule"><option value="">any</option>{rules}'
        "</select></label></div>"
    )


def _rule_pages(
    codes: Sequence[str], findings: Sequence[Finding], rules: Mapping[str, Rule]
) -> str:
    names = {f.code: f.name for f in findings}
    pages = []
    for code in codes:
        text = _page(code, rules)
        body = (
            markdown_to_html(text, heading_offset=3)
            if text
            else f"<p>{esc(code)} {esc(names[code])}: this rule has no page.</p>"
        )
        pages.append(
            f'<section class="rule-page" id="rule-{esc(code)}" aria-label="{esc(code)}">'
            f"{body}</section>"
        )
    return section_head("rule-pages", "The rules that fired") + "".join(pages) + "</section>"


def _page(code: str, rules: Mapping[str, Rule]) -> str | None:
    rule = rules.get(code)
    if rule is not None:
        return page_text(rule)
    path = page_path(code)  # e.g. breaking-change codes of `diff`, which are not lint rules
    return path.read_text(encoding="utf-8") if path is not None else None
