"""The engine: plan files in, findings out. The CLI, the LSP server and the
pre-commit hook are thin layers over `Engine.lint`.

    files -> sources (data + positions) -> readers (plan model) -> rules
          -> problems -> findings (selection, severities, suppressions)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .config import ConfigError, forget_config_locations
from .discovery import Discovery, PlanFile, discover
from .findings import Finding, Problem, Severity, located, without_cascades
from .gcpause import gc_paused
from .model import Origin, Plan
from .plans import (
    Member,
    PlanGroup,
    context_folder,
    group_plans,
    membership,
    sniff_file,
    spans_folders,
)
from .plugins import Registry, build_registry
from .policy import Overrides, Policy, build_policy
from .readcache import ReadCache
from .readers import ReadResult
from .readers.selection import choose_reader, named_format, read_documents
from .rules.api import PlanFacts, Rule, RuleContext
from .rules.core import INTERNAL_ERROR, PARSE_ERROR, UNKNOWN_FORMAT, UNUSED_SUPPRESSION
from .sources import Document, Span, read_source
from .suppressions import Suppression, find_suppressions, removal_fix


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
    hidden: int = 0  # findings below --fail-on left out of the report by --quiet
    # named paths that gave no plan: path -> [(file, why it was passed over)]
    unread: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    refused: list[tuple[str, str]] = field(default_factory=list)  # named path -> why not read
    passed: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # for --show-files

    @property
    def files(self) -> list[str]:
        return list(self.documents)

    @property
    def has_internal_errors(self) -> bool:
        return any(f.code == INTERNAL_ERROR.code for f in self.findings)


class Cancelled(BaseException):
    """Raised by a progress watcher to end a run early (the language server's run
    that a newer edit replaced). A BaseException, so no rule's guard swallows it."""


class Engine:
    """Runs every enabled rule over the plans found in the given paths."""

    def __init__(
        self,
        registry: Registry | None = None,
        *,
        config_file: Path | None = None,
        overrides: Overrides | None = None,
        cache: ReadCache | None = None,
    ) -> None:
        self.registry = registry or build_registry()
        self.config_file = config_file
        self.overrides = overrides or Overrides()
        self.cache = cache  # a long-lived process keeps files read by earlier runs
        self._policies: dict[Path | None, Policy] = {}
        # (stage, done, total) for a progress bar (trackinglint.progress); None: nobody watches
        self.progress: Callable[[str, int, int], None] | None = None
        # settings -> the scanned code for the drift rules (TL3xx), or None when no
        # code paths apply; set by the entry points (`check --code`, `code = [...]`)
        self.code_facts: Callable[[Any], Any] | None = None
        # the files whose findings are wanted (the language server shows only the open
        # ones); None: all. Rules still see whole plans; only findings are left unmade.
        self.shown: Callable[[Document], bool] | None = None
        # False: findings carry no related places. The language server publishes none,
        # and placing them (a name undocumented on 170 events has 170) is a third of a
        # re-lint of a 5,000-event file.
        self.related_places = True

    def lint(
        self,
        paths: Sequence[str | Path] = (),
        *,
        contents: Mapping[Path, str] | None = None,
        force_exclude: bool = False,
        skip_unrecognized: bool = False,
        contents_only: bool = False,
        whole_plan: bool = False,
    ) -> LintResult:
        """Lint files and folders; `contents` stands in for unsaved editor buffers.

        Nothing but the named paths is read, unless `whole_plan` asks that each named
        file be linted with the rest of its plan (`plans.context_folder`; the
        pre-commit hook names only the staged files), and then only the named
        files' findings are reported. With `contents_only`, `contents` is the whole
        tree (an old version read from git; see `discover`). Raises ConfigError
        for a bad configuration; every problem with the plans themselves comes
        back as a finding.
        """
        with gc_paused():
            return self._lint(
                paths,
                contents,
                force_exclude,
                skip_unrecognized,
                contents_only,
                context=whole_plan and not contents_only,
            )

    def _lint(
        self,
        paths: Sequence[str | Path],
        contents: Mapping[Path, str] | None,
        force_exclude: bool,
        skip_unrecognized: bool,
        contents_only: bool = False,
        *,
        context: bool = True,
    ) -> LintResult:
        result = LintResult(rules=self.registry.rules)
        run = _Run(result, skip_unrecognized)
        found, groups = self._gather(paths, contents, force_exclude, contents_only, run, context)
        result.refused = found.refused
        groups = [g for g in groups if g.reported]  # (plans read only as context: no findings)
        policies = {id(g): self.policy(g.settings) for g in groups}
        result.fail_on = min(
            (p.fail_on for p in policies.values()),
            key=lambda s: s.rank,
            default=Severity(self.overrides.fail_on or "error"),
        )
        for group in groups:
            self._lint_group(group, policies[id(group)], run)
        for document, problems in run.loose():
            if not self._shows(document):
                continue
            policy = self.policy(run.settings[id(document)])
            result.findings.extend(self._findings(problems, policy, [document]))
        if not skip_unrecognized:
            read = {d.display_path for plan in result.plans for d in plan.documents}
            read |= {f.file for f in result.findings if f.code == PARSE_ERROR.code}
            result.unread = _unread(paths or [Path.cwd()], found, run, read)
        for failure in self.registry.failures:
            result.findings.append(_plugin_failure(failure.plugin, failure.message))
        result.findings.sort(key=Finding.sort_key)
        return result

    def plans(
        self, paths: Sequence[str | Path] = (), *, force_exclude: bool = False
    ) -> tuple[list[PlanGroup], LintResult]:
        """The plans the paths hold and their files, without running a rule
        (`check --show-files`); the result lists what was passed over and why."""
        result = LintResult(rules=self.registry.rules)
        run = _Run(result, skip_unrecognized=False)
        found, groups = self._gather(paths, None, force_exclude, False, run, False)
        result.refused = found.refused
        shown = {m.document.display_path for g in groups for m in g.members}
        result.unread = _unread(paths or [Path.cwd()], found, run, shown)
        for given, passed in run.passed.items():
            found.passed.setdefault(given, []).extend(passed)
        result.passed = found.passed
        return [g for g in groups if g.reported], result

    def _gather(
        self,
        paths: Sequence[str | Path],
        contents: Mapping[Path, str] | None,
        force_exclude: bool,
        contents_only: bool,
        run: _Run,
        context: bool,
    ) -> tuple[Discovery, list[PlanGroup]]:
        """Discovery, reading each file, the context of named files, and grouping."""
        forget_config_locations()
        found = self._discover(paths, contents, force_exclude, contents_only)
        members = [m for file in found.files if (m := self._member(file, run)) is not None]
        if context:
            members += self._context(members, contents, run)
        return found, group_plans(members)

    def _discover(
        self,
        paths: Sequence[str | Path],
        contents: Mapping[Path, str] | None,
        force_exclude: bool,
        contents_only: bool,
    ) -> Discovery:
        return discover(
            paths,
            sniffers=self.registry.readers,
            config_file=self.config_file,
            contents=contents,
            force_exclude=force_exclude,
            contents_only=contents_only,
            forced_format=self.overrides.plan_format,
            respect_gitignore=self.overrides.respect_gitignore,
        )

    def policy(self, settings: Any) -> Policy:
        key = settings.source
        if key not in self._policies:
            self._policies[key] = build_policy(settings, self.registry, self.overrides)
        return self._policies[key]

    def _member(self, file: PlanFile, run: _Run, report: bool = True) -> Member | None:
        """Read one file and choose its reader; what cannot be read is recorded."""
        if self.progress is not None:
            self.progress(f"reading {file.display}", 0, 0)
        load = read_source if self.cache is None else self.cache.source
        loaded = load(file.path, file.display, file.content)
        file.content = None  # the document holds the text now; drop the raw bytes
        document = loaded.document
        if file.explicit:
            run.mark_explicit(document)
        root = Origin(document)
        problems = [
            Problem(message, root, code=PARSE_ERROR.code, span=span)
            for message, span in loaded.parse_errors
        ]
        quiet = run.skip_unrecognized or not report
        if document.data is None:
            if problems or (file.explicit and not quiet):
                run.keep(document, file.settings, report)
            if not problems and file.explicit and not quiet:
                problems.append(_unknown_format(root, "the file is empty"))
            run.problems_of(document).extend(problems)
            return None
        readers = self.registry.readers
        named = named_format(file.path, file.settings, readers, self.overrides.plan_format)
        reader, mismatch = choose_reader(document, readers, named, file.settings)
        if reader is None:
            if (file.explicit or (named and not file.forced)) and not quiet:
                run.keep(document, file.settings, report)
                problems.append(_unknown_format(root, mismatch or _format_hint(document.data)))
            elif report:
                run.passed_over(file, mismatch or "no reader recognised it")
            run.problems_of(document).extend(problems)
            return None
        run.keep(document, file.settings, report)
        run.problems_of(document).extend(problems)
        return Member(document, reader, file.settings, report)

    def _context(
        self, members: list[Member], contents: Mapping[Path, str] | None, run: _Run
    ) -> list[Member]:
        """The rest of the plan of each named file, read for context: its findings are
        not reported. A complete export (Segment, Avo, CSV) needs none."""
        folders: dict[Path, None] = {}
        texts = {p.absolute(): t for p, t in (contents or {}).items()}

        def sniff(path: Path) -> bool:
            return sniff_file(path.absolute(), self.registry.readers, texts)

        for member in members:
            document = member.document
            if member.report and run.explicit(document) and not _alone(member):
                source = member.settings.source
                config_folder = source.parent if source is not None else None
                siblings = spans_folders(member.reader)
                top = context_folder(document.path, sniff, stop=config_folder, siblings=siblings)
                folders[top] = None
        if not folders:
            return []
        known = {m.document.path.absolute() for m in members}
        try:
            found = self._discover(list(folders), contents, False, False)
        except ConfigError:  # a broken configuration further away: lint the files alone
            return []
        extra = []
        for file in found.files:
            if file.path.absolute() in known:
                continue
            known.add(file.path.absolute())
            context = self._member(file, run, report=False)
            if context is not None:
                extra.append(context)
        return extra

    def _lint_group(self, group: PlanGroup, policy: Policy, run: _Run) -> None:
        result = run.result
        plan = Plan(label=group.label)
        problems: list[Problem] = []
        by_reader: dict[int, tuple[Any, list[Document]]] = {}
        for member in group.members:
            by_reader.setdefault(id(member.reader), (member.reader, []))[1].append(member.document)
            problems.extend(run.take_problems(member.document))
        pending = []
        for reader, documents in by_reader.values():  # a reader sees its files together
            for read in self._read(reader, documents, group.settings):
                problems.extend(read.problems)
                pending.extend(read.pending)
                plan.merge(read.plan)
        if plan.documents:
            result.plans.append(plan)
            facts = PlanFacts(plan, self.registry, getattr(group.settings, "lexicon", None))
            facts.keep = self.cache is not None  # the next run meets most objects again
            facts.related = self.related_places
            if self.code_facts is not None:
                facts.code = self.code_facts(group.settings)
            result.runs.append(PlanRun(plan, facts, policy, group.settings.source))
            problems.extend(self._run_rules(plan, policy, facts))
        for collect in pending:
            problems.extend(collect())
        reported = [m.document for m in group.members if m.report and self._shows(m.document)]
        code = result.runs[-1].facts.code if plan.documents else None
        if code is not None:  # source files with calls: findings at the calls
            sources = [d for d in code.documents.values() if self._shows(d)]
            reported += sources
            result.documents.update((d.display_path, d) for d in sources)
        problems = without_cascades(problems, self._groups())
        result.findings.extend(self._findings(problems, policy, reported))

    def _shows(self, document: Document) -> bool:
        return self.shown is None or self.shown(document)

    def _groups(self) -> dict[str, str]:
        return {code: rule.group for code, rule in self.registry.rules.items()}

    def _read(self, reader: Any, documents: list[Document], settings: Any) -> list[ReadResult]:
        """What a reader makes of a plan's files of its format, from the cache when the
        files are unchanged; a reader of single files is cached file by file."""
        if self.cache is None:
            return [read_documents(reader, documents, settings)]
        batches = [documents] if hasattr(reader, "read_all") else [[d] for d in documents]
        return [self._read_cached(reader, batch, settings) for batch in batches]

    def _read_cached(self, reader: Any, batch: list[Document], settings: Any) -> ReadResult:
        assert self.cache is not None
        return self.cache.read(
            reader,
            batch,
            settings,
            lambda earlier: read_documents(reader, batch, settings, earlier),
        )

    def _run_rules(self, plan: Plan, policy: Policy, facts: PlanFacts) -> Iterable[Problem]:
        enabled = sorted(policy.enabled)
        for index, code in enumerate(enabled):
            if self.progress is not None:
                self.progress("checking", index, len(enabled))
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
                yield problem if problem.code else problem.with_code(code)

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
            if file not in by_file:  # a file read only as context for a named one
                continue
            if code in per_file.get(file, ()):
                continue
            span = problem.span or problem.origin.span(problem.focus)
            if any(s.covers(code, span.line) for s in suppressions.get(file, ())):
                continue
            if problem.related and not self.related_places:
                problem = replace(problem, related=())
            findings.append(self._finding(rules[code], policy, problem, span))
        if UNUSED_SUPPRESSION.code in policy.enabled:
            for file, entries in suppressions.items():
                if UNUSED_SUPPRESSION.code in per_file[file] or by_file[file].data is None:
                    continue  # (in a file that does not parse, no rule could have matched)
                findings.extend(self._unused(entries, by_file[file], policy))
        return findings

    def _unused(
        self, entries: list[Suppression], document: Document, policy: Policy
    ) -> Iterable[Finding]:
        for entry in entries:
            for code in entry.unused_codes():
                if entry.kind == "enable":
                    message = "`enable` comment closes no `disable` above it; remove it"
                elif code == "*":
                    message = "suppression comment matches no finding; remove it"
                elif code not in self.registry.rules:
                    message = f"suppression names unknown rule '{code}'; fix or remove it"
                else:
                    message = f"suppression of {code} matches no finding here; remove it"
                fix = removal_fix(entry, document, code)
                problem = Problem(message, Origin(document), span=entry.span, fix=fix)
                yield self._finding(UNUSED_SUPPRESSION, policy, problem, entry.span)

    @staticmethod
    def _finding(rule: Rule, policy: Policy, problem: Problem, span: Span) -> Finding:
        return located(rule, problem, policy.severities.get(rule.code, rule.severity), span)


class _Run:
    """The bookkeeping of one lint run: documents kept for the report, and the
    problems found while reading each file, until its plan's findings are made."""

    def __init__(self, result: LintResult, skip_unrecognized: bool) -> None:
        self.result = result
        self.skip_unrecognized = skip_unrecognized
        self.settings: dict[int, Any] = {}
        self._problems: dict[int, tuple[Document, list[Problem], bool]] = {}
        self._explicit: set[int] = set()
        self.passed: dict[str, list[tuple[str, str]]] = {}

    def keep(self, document: Document, settings: Any, report: bool) -> None:
        self.settings[id(document)] = settings
        if report:
            self.result.documents[document.display_path] = document

    def problems_of(self, document: Document) -> list[Problem]:
        entry = self._problems.setdefault(id(document), (document, [], True))
        return entry[1]

    def take_problems(self, document: Document) -> list[Problem]:
        entry = self._problems.pop(id(document), None)
        return entry[1] if entry else []

    def loose(self) -> Iterable[tuple[Document, list[Problem]]]:
        """Problems of files that joined no plan (a parse error, an unknown format)."""
        for document, problems, _ in self._problems.values():
            if problems and document.display_path in self.result.documents:
                yield document, problems

    def mark_explicit(self, document: Document) -> None:
        self._explicit.add(id(document))

    def explicit(self, document: Document) -> bool:
        return id(document) in self._explicit

    def passed_over(self, file: PlanFile, why: str) -> None:
        self.passed.setdefault(file.given, []).append((file.display, why))


def _alone(member: Member) -> bool:
    return membership(member).alone


def _unread(
    paths: Sequence[str | Path], found: Discovery, run: _Run, read: set[str]
) -> dict[str, list[tuple[str, str]]]:
    """Named paths that gave no plan (no file of theirs in `read`: files of a plan, or
    with a located parse error), with why each candidate file was passed over."""
    result = run.result
    refused = {given for given, _ in found.refused}
    unread: dict[str, list[tuple[str, str]]] = {}
    for given in dict.fromkeys(str(p) for p in paths):
        if given in refused:
            continue
        files = [f for f in found.files if f.given == given]
        if any(f.display in read for f in files):
            continue
        reasons = found.passed.get(given, []) + run.passed.get(given, [])
        for file in files:
            if file.display in result.documents:
                reasons.append((file.display, "not a plan in a format trackinglint reads (TL004)"))
        unread[given] = reasons
    return unread


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
