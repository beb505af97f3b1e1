"""The engine: plan files in, findings out. The CLI, the LSP server and the
pre-commit hook are thin layers over `Engine.lint`.

    files -> sources (data + positions) -> readers (plan model) -> rules
          -> problems -> findings (selection, severities, suppressions)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import forget_config_locations
from .discovery import PlanFile, discover
from .findings import Finding, Problem, Severity, located
from .gcpause import gc_paused
from .model import Origin, Plan
from .plugins import Registry, build_registry
from .policy import Overrides, Policy, build_policy
from .readers.selection import choose_reader, named_format, read_documents
from .rules.api import PlanFacts, Rule, RuleContext
from .rules.core import INTERNAL_ERROR, PARSE_ERROR, UNKNOWN_FORMAT, UNUSED_SUPPRESSION
from .sources import Document, Span, read_source
from .suppressions import Suppression, find_suppressions


@dataclass(slots=True)
class PlanRun:
    """What the run knew about one plan, for reports that show more than findings
    (the HTML report): the shared classification, the policy, the config file."""

    plan: Plan
    facts: PlanFacts
    policy: Policy
    config: Path | None = None  # the configuration file that applied, if any
    code_drift: Any = None  # filled by code scanning when code paths are configured


@dataclass(slots=True)
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)  # display path -> document
    plans: list[Plan] = field(default_factory=list)
    fail_on: Severity = Severity.ERROR
    rules: Mapping[str, Rule] = field(default_factory=dict)  # what the run knew: SARIF lists it
    runs: list[PlanRun] = field(default_factory=list)  # one per plan, in the order of `plans`

    @property
    def files(self) -> list[str]:
        return list(self.documents)

    @property
    def has_internal_errors(self) -> bool:
        return any(f.code == INTERNAL_ERROR.code for f in self.findings)


class Engine:
    """Runs every enabled rule over the plans found in the given paths."""

    def __init__(
        self,
        registry: Registry | None = None,
        *,
        config_file: Path | None = None,
        overrides: Overrides | None = None,
    ) -> None:
        self.registry = registry or build_registry()
        self.config_file = config_file
        self.overrides = overrides or Overrides()
        self._policies: dict[Path | None, Policy] = {}

    def lint(
        self,
        paths: Sequence[str | Path] = (),
        *,
        contents: Mapping[Path, str] | None = None,
        force_exclude: bool = False,
        skip_unrecognized: bool = False,
        contents_only: bool = False,
    ) -> LintResult:
        """Lint files and folders; `contents` stands in for unsaved editor buffers.

        With `contents_only`, `contents` is the whole tree (an old version read
        from git; see `discover`). Raises ConfigError for a bad configuration;
        every problem with the plans themselves comes back as a finding.
        """
        with gc_paused():
            return self._lint(paths, contents, force_exclude, skip_unrecognized, contents_only)

    def _lint(
        self,
        paths: Sequence[str | Path],
        contents: Mapping[Path, str] | None,
        force_exclude: bool,
        skip_unrecognized: bool,
        contents_only: bool = False,
    ) -> LintResult:
        forget_config_locations()
        files = discover(
            paths,
            sniffers=self.registry.readers,
            config_file=self.config_file,
            contents=contents,
            force_exclude=force_exclude,
            contents_only=contents_only,
        )
        result = LintResult(rules=self.registry.rules)
        groups: dict[Path | None, list[PlanFile]] = {}
        for file in files:
            groups.setdefault(file.settings.source, []).append(file)
        policies = [self.policy(group[0]) for group in groups.values()]
        result.fail_on = min(
            (p.fail_on for p in policies),
            key=lambda s: s.rank,
            default=Severity(self.overrides.fail_on or "error"),
        )
        for group, policy in zip(groups.values(), policies, strict=True):
            self._lint_group(group, policy, result, skip_unrecognized)
        for failure in self.registry.failures:
            result.findings.append(_plugin_failure(failure.plugin, failure.message))
        result.findings.sort(key=Finding.sort_key)
        return result

    def policy(self, file: PlanFile) -> Policy:
        key = file.settings.source
        if key not in self._policies:
            self._policies[key] = build_policy(file.settings, self.registry, self.overrides)
        return self._policies[key]

    def _lint_group(
        self, files: list[PlanFile], policy: Policy, result: LintResult, skip_unrecognized: bool
    ) -> None:
        plan = Plan()
        problems: list[Problem] = []
        seen_before = len(result.documents)
        by_reader: dict[int, tuple[Any, list[Document]]] = {}
        for file in files:
            loaded = read_source(file.path, file.display, file.content)
            file.content = None  # the document holds the text now; drop the raw bytes
            document = loaded.document
            root = Origin(document)
            for message, span in loaded.parse_errors:
                problems.append(Problem(message, root, code=PARSE_ERROR.code, span=span))
            if document.data is None:
                if loaded.parse_errors or (not skip_unrecognized and file.explicit):
                    result.documents[file.display] = document
                if not loaded.parse_errors and file.explicit and not skip_unrecognized:
                    problems.append(_unknown_format(root, "the file is empty"))
                continue
            readers = self.registry.readers
            named = named_format(file.path, file.settings, readers, self.overrides.plan_format)
            reader, mismatch = choose_reader(document, readers, named)
            if reader is None:
                if (file.explicit or named) and not skip_unrecognized:
                    result.documents[file.display] = document
                    why = mismatch or _format_hint(document.data)
                    problems.append(_unknown_format(root, why))
                continue
            result.documents[file.display] = document
            by_reader.setdefault(id(reader), (reader, []))[1].append(document)
        pending = []
        for reader, documents in by_reader.values():  # a reader sees its files together
            read = read_documents(reader, documents, files[0].settings)
            problems.extend(read.problems)
            pending.extend(read.pending)
            plan.merge(read.plan)
        if plan.documents:
            result.plans.append(plan)
            facts = PlanFacts(plan, self.registry, getattr(files[0].settings, "lexicon", None))
            result.runs.append(PlanRun(plan, facts, policy, files[0].settings.source))
            problems.extend(self._run_rules(plan, policy, facts))
        for collect in pending:
            problems.extend(collect())
        documents = list(result.documents.values())[seen_before:]
        result.findings.extend(self._findings(problems, policy, documents))

    def _run_rules(self, plan: Plan, policy: Policy, facts: PlanFacts) -> Iterable[Problem]:
        for code in sorted(policy.enabled):
            rule = self.registry.rules[code]
            if rule.check is None:
                continue
            context = RuleContext(plan, policy.options[code], facts)
            try:
                found = list(rule.check(context))
            except Exception as exc:  # one broken rule must not stop the others
                yield _rule_crash(rule, exc, plan.documents[0])
                continue
            for problem in found:
                if not isinstance(problem, Problem):
                    error = TypeError(f"yielded {type(problem).__name__}, not a Problem")
                    yield _rule_crash(rule, error, plan.documents[0])
                    break
                yield problem if problem.code else _with_code(problem, code)

    def _findings(
        self, problems: list[Problem], policy: Policy, documents: list[Document]
    ) -> list[Finding]:
        rules = self.registry.rules
        aliases = {rule.name: code for code, rule in rules.items()}
        by_file = {document.display_path: document for document in documents}
        suppressions = {file: find_suppressions(doc, aliases) for file, doc in by_file.items()}
        per_file = {file: policy.ignored_in(doc.path) for file, doc in by_file.items()}
        findings = []
        for problem in problems:
            code = problem.code or INTERNAL_ERROR.code
            if code not in policy.enabled and code != INTERNAL_ERROR.code:
                continue
            file = problem.origin.document.display_path
            if code in per_file.get(file, ()):
                continue
            span = problem.span or problem.origin.span(problem.focus)
            if any(s.covers(code, span.line) for s in suppressions.get(file, ())):
                continue
            findings.append(self._finding(rules[code], policy, problem, span))
        if UNUSED_SUPPRESSION.code in policy.enabled:
            for file, entries in suppressions.items():
                if UNUSED_SUPPRESSION.code in per_file[file]:
                    continue
                findings.extend(self._unused(entries, by_file[file], policy))
        return findings

    def _unused(
        self, entries: list[Suppression], document: Document, policy: Policy
    ) -> Iterable[Finding]:
        for entry in entries:
            for code in entry.unused_codes():
                if code == "*":
                    message = "suppression comment matches no finding; remove it"
                elif code not in self.registry.rules:
                    message = f"suppression names unknown rule '{code}'; fix or remove it"
                else:
                    message = f"suppression of {code} matches no finding here; remove it"
                problem = Problem(message, Origin(document), span=entry.span)
                yield self._finding(UNUSED_SUPPRESSION, policy, problem, entry.span)

    @staticmethod
    def _finding(rule: Rule, policy: Policy, problem: Problem, span: Span) -> Finding:
        return located(rule, problem, policy.severities.get(rule.code, rule.severity), span)


def _with_code(problem: Problem, code: str) -> Problem:
    return Problem(problem.message, problem.origin, problem.focus, code, problem.span)


def _unknown_format(origin: Origin, why: str) -> Problem:
    return Problem(
        f"not a tracking plan trackinglint can read ({why}); native plans start with "
        "'trackinglint: 1', and Segment, RudderStack, Snowplow Iglu, Avo and CSV plans are "
        "recognised by their content (or name the format with --plan-format)",
        origin,
        code=UNKNOWN_FORMAT.code,
        span=Span(1, 1, 1, 2),
    )


def _format_hint(data: Any) -> str:
    if isinstance(data, dict):
        keys = ", ".join(list(map(str, data))[:5])
        return f"top-level keys: {keys}" if keys else "an empty mapping"
    return f"the top level is {type(data).__name__}, not a mapping"


def _rule_crash(rule: Rule, exc: Exception, document: Document) -> Problem:
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return Problem(
        f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}{where}; "
        "the other rules still ran; please report this to the rule's authors",
        Origin(document),
        code=INTERNAL_ERROR.code,
        span=Span(1, 1, 1, 2),
    )


def _plugin_failure(plugin: str, message: str) -> Finding:
    return Finding(
        code=INTERNAL_ERROR.code,
        name=INTERNAL_ERROR.name,
        severity=Severity.ERROR,
        message=f"plugin '{plugin}' {message}; it was skipped",
        file=f"<plugin {plugin}>",
        line=1,
        column=1,
        end_line=1,
        end_column=2,
        path="",
        group=INTERNAL_ERROR.group,
    )
