"""Which files form one plan. The CLI, the language server and the pre-commit
hook all group files here, so a file gets the same findings from each.

The rules, in order (README, "Which files form a plan"):

1. **Named in configuration.** `plans = {web = ["web/**"]}` makes the files a
   glob matches one plan, whatever their format.
2. **Complete exports are plans of their own**: a Segment or Avo export, a CSV
   sheet (a reader marks this with `self_contained = True`).
3. **Families.** Files a reader ties together form one plan: an Iglu registry
   (one `schemas/` tree), a RudderStack project (files that refer to each
   other, and the files of one folder).
4. **Native plans.** A native file with `product:` roots a plan; the native
   files of its folder tree without a `product:` of their own belong to the
   nearest root above them. Native files with no root above them form one plan
   per folder, joined by the subfolders below it that hold such files too.
5. **Companions.** A native file with no events (only a product, jobs, metrics
   or dashboards) beside a plan of another format joins that plan, so a
   metrics file can sit beside a Segment export (`examples/segment-with-metrics`).

Independent plans linted in one run never see each other: every rule runs
once per plan.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import DEFAULT_EXCLUDE
from .globs import GlobSet
from .readers import Membership
from .readers.selection import sniffs
from .sources import Document

SNIFF_BYTES = 65536  # enough to see a plan's marker near the top of a file


@dataclass(slots=True)
class Member:
    """One readable file of a run, with the reader chosen for it."""

    document: Document
    reader: Any
    settings: Any
    report: bool = True  # False: read only as context for a named file's plan


@dataclass(slots=True)
class PlanGroup:
    """The files of one plan, in the order they were found."""

    label: str
    members: list[Member] = field(default_factory=list)

    @property
    def settings(self) -> Any:
        return self.members[0].settings

    @property
    def reported(self) -> bool:
        return any(m.report for m in self.members)


def membership(member: Member) -> Membership:
    """How a reader says its file relates to others (see `readers.Membership`)."""
    reader = member.reader
    if getattr(reader, "self_contained", False):
        return Membership(alone=True)
    describe = getattr(reader, "membership", None)
    if describe is None:
        return Membership()
    try:
        found = describe(member.document)
    except Exception:  # a plugin's bug must not cost the run: treat it as a plain member
        return Membership()
    return found if isinstance(found, Membership) else Membership()


def group_plans(members: Sequence[Member]) -> list[PlanGroup]:
    """Group the readable files of a run into plans (the module docstring's rules)."""
    roles = [membership(m) for m in members]
    folders = [m.document.path.parent.absolute() for m in members]
    sets = _UnionFind(len(members))
    fixed: set[int] = set()  # placed by configuration or as a complete export

    named: dict[tuple[str, str], int] = {}
    for index, member in enumerate(members):
        plan = _configured_plan(member)
        if plan is not None:
            sets.union(named.setdefault(plan, index), index)
            fixed.add(index)
    for index, role in enumerate(roles):
        if index not in fixed and role.alone:
            fixed.add(index)
    free = [i for i in range(len(members)) if i not in fixed]

    _join_families(free, members, roles, folders, sets)
    companions = []
    for index in free:
        beside = (
            _other_formats_beside(index, members, roles, folders) if roles[index].companion else []
        )
        if beside:
            sets.union(_best_match(index, beside, members, roles), index)
            companions.append(index)
    rest = [i for i in free if i not in companions]
    _join_roots(rest, members, roles, folders, sets)

    groups: dict[int, PlanGroup] = {}
    for index, member in enumerate(members):
        top = sets.find(index)
        group = groups.get(top)
        if group is None:
            group = groups[top] = PlanGroup(_label(index, members, roles))
        group.members.append(member)
    for group in groups.values():
        if len(group.members) > 1 and not any(r.root for r in _roles(group, members, roles)):
            group.label = _common_folder(group)
    return list(groups.values())


def _roles(group: PlanGroup, members: Sequence[Member], roles: Sequence[Membership]) -> list:
    index = {id(m): i for i, m in enumerate(members)}
    return [roles[index[id(m)]] for m in group.members]


def _configured_plan(member: Member) -> tuple[str, str] | None:
    """(config file, plan name) of the first `plans` entry whose globs match the file."""
    settings = member.settings
    table: Mapping[str, Sequence[str]] = getattr(settings, "plans", None) or {}
    for name, globs in table.items():
        if GlobSet(globs).matches(member.document.path, settings.root):
            return (str(settings.source), name)
    return None


def _join_families(
    free: Sequence[int],
    members: Sequence[Member],
    roles: Sequence[Membership],
    folders: Sequence[Path],
    sets: _UnionFind,
) -> None:
    """Same reader and same family key, or one file needing a name another provides."""
    families: dict[tuple[str, str], int] = {}
    providers: dict[tuple[str, str], list[int]] = {}
    for index in free:
        role, reader = roles[index], _reader_name(members[index])
        if role.family is not None:
            sets.union(families.setdefault((reader, role.family), index), index)
        for name in role.provides if role.links else ():
            providers.setdefault((reader, name), []).append(index)
    for index in free:
        role, reader = roles[index], _reader_name(members[index])
        if not role.links:
            continue
        for name in role.needs:
            # the nearest definition only: two copies of a project side by side (a
            # `create/` and an `update/` folder) define the same names
            for other in _nearest(index, providers.get((reader, name), ()), folders):
                sets.union(other, index)
        same_folder = families.setdefault((reader, f"folder:{folders[index]}"), index)
        sets.union(same_folder, index)


def _nearest(index: int, candidates: Sequence[int], folders: Sequence[Path]) -> list[int]:
    """The candidates whose folder shares the longest path with the file's."""
    if len(candidates) < 2:
        return list(candidates)

    def shared(other: int) -> int:
        a, b = folders[index].parts, folders[other].parts
        return next(
            (n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
        )

    best = max(shared(other) for other in candidates)
    return [other for other in candidates if shared(other) == best]


def _other_formats_beside(
    index: int, members: Sequence[Member], roles: Sequence[Membership], folders: Sequence[Path]
) -> list[int]:
    """Files of another format in a companion's folder (not companions themselves)."""
    reader = _reader_name(members[index])
    return [
        other
        for other in range(len(members))
        if folders[other] == folders[index]
        and _reader_name(members[other]) != reader
        and not roles[other].companion
    ]


def _best_match(
    index: int, beside: Sequence[int], members: Sequence[Member], roles: Sequence[Membership]
) -> int:
    """The plan beside a companion whose events its metrics and jobs name most."""
    needs = roles[index].needs
    if len(beside) == 1 or not needs:
        return beside[0]
    return max(beside, key=lambda other: (len(needs & _event_names(members[other])), -other))


def _event_names(member: Member) -> frozenset[str]:
    """The events a file defines, for matching a companion to it (read only when a
    companion has several candidates beside it)."""
    try:
        read = member.reader.read(member.document)
        return frozenset(read.plan.events)
    except Exception:
        return frozenset()


def _join_roots(
    rest: Sequence[int],
    members: Sequence[Member],
    roles: Sequence[Membership],
    folders: Sequence[Path],
    sets: _UnionFind,
) -> None:
    """Each root keeps its plan; other files join the nearest root above them, or
    form one plan per folder tree with the other rootless files of their format."""
    roots: dict[Path, list[int]] = {}
    for index in rest:
        if roles[index].root:
            roots.setdefault(folders[index], []).append(index)
    orphans: list[int] = []
    for index in rest:
        if roles[index].root or roles[index].links or roles[index].family is not None:
            continue
        root = _nearest_root(index, members, roles, folders, roots)
        if root is None:
            orphans.append(index)
        else:
            sets.union(root, index)
    # a folder of rootless files joins its parent's when the parent holds some too, so a
    # plan in a busy folder is not merged with plans further down, below folders of none
    tops: dict[tuple[str, Path], int] = {}
    for index in sorted(orphans, key=lambda i: len(folders[i].parts)):
        reader, folder = _reader_name(members[index]), folders[index]
        top = tops.get((reader, folder), tops.get((reader, folder.parent)))
        if top is None:
            tops[(reader, folder)] = index
        else:
            tops.setdefault((reader, folder), top)
            sets.union(top, index)


def _nearest_root(
    index: int,
    members: Sequence[Member],
    roles: Sequence[Membership],
    folders: Sequence[Path],
    roots: Mapping[Path, list[int]],
) -> int | None:
    """The root of the same format in the file's folder or the closest folder above.
    Where a folder holds several roots, the one whose names the file shares wins;
    a tie leaves the file without a root rather than guessing."""
    reader = _reader_name(members[index])
    for folder in (folders[index], *folders[index].parents):
        here = [r for r in roots.get(folder, ()) if _reader_name(members[r]) == reader]
        if len(here) == 1:
            return here[0]
        if here:
            mine = roles[index].provides | roles[index].needs
            scored = sorted(
                ((len(mine & (roles[r].needs | roles[r].provides)), r) for r in here),
                reverse=True,
            )
            if scored[0][0] > scored[1][0]:
                return scored[0][1]
            return None
    return None


def _reader_name(member: Member) -> str:
    return str(getattr(member.reader, "name", type(member.reader).__name__))


def _label(index: int, members: Sequence[Member], roles: Sequence[Membership]) -> str:
    return roles[index].label or members[index].document.display_path


def _common_folder(group: PlanGroup) -> str:
    paths = [m.document.display_path for m in group.members]
    try:
        common = os.path.commonpath(paths)
    except ValueError:
        return paths[0]
    if common in paths:  # one file inside the others' folder: name the folder
        common = os.path.dirname(common)
    return (common or ".").rstrip("/") + "/"


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def union(self, keep: int, other: int) -> None:
        """Join two sets; the earlier file's set gives the plan its order and label."""
        a, b = self.find(keep), self.find(other)
        if a != b:
            first, second = min(a, b), max(a, b)
            self.parent[second] = first


# -- the plan around one file ---------------------------------------------------


def context_folder(
    path: Path,
    sniff: Callable[[Path], bool],
    *,
    stop: Path | None = None,
    siblings: bool = False,
) -> Path:
    """The folder to read so that a named file is linted with its whole plan.

    The file's folder, widened to its parent while the parent holds plan files
    of its own (a plan file above an `events/` folder); with `siblings` (a
    format whose projects keep their files in folders side by side, such as a
    RudderStack project's `events/` and `properties/`), the first step also
    when a folder beside the file's holds plan files. Never above
    `stop` (the configuration's folder, an editor's workspace folder), a
    repository's top or the home folder.
    """
    top = path.absolute().parent
    limits = {Path.home().absolute()}
    if stop is not None:
        limits.add(stop.absolute())
    first = True
    while (
        top not in limits
        and top.parent != top
        and not (top / ".git").exists()
        and _holds_plan(top.parent, sniff, beside=top if first and siblings else None)
    ):
        top, first = top.parent, False
    return top


def _holds_plan(folder: Path, sniff: Callable[[Path], bool], *, beside: Path | None) -> bool:
    """Whether `folder` holds a plan file, or (given `beside`) a subfolder other than
    `beside` does."""
    try:
        with os.scandir(folder) as entries:
            found = list(entries)
    except OSError:
        return False
    files = [Path(e.path) for e in found if e.is_file(follow_symlinks=False)]
    if any(sniff(path) for path in files):
        return True
    if beside is None:
        return False
    for entry in found:
        sub = Path(entry.path)
        skip = entry.name.startswith(".") or entry.name in DEFAULT_EXCLUDE
        if sub == beside or skip or not entry.is_dir(follow_symlinks=False):
            continue
        try:
            with os.scandir(sub) as entries:
                if any(e.is_file(follow_symlinks=False) and sniff(Path(e.path)) for e in entries):
                    return True
        except OSError:
            continue
    return False


def spans_folders(reader: Any) -> bool:
    """Whether a format's projects keep their files in folders side by side."""
    return bool(getattr(reader, "spans_folders", False))


def sniff_file(path: Path, readers: Sequence[Any], texts: Mapping[Path, str]) -> bool:
    """Whether a file is a plan by a reader's cheap text sniff (editor text first)."""
    text = texts.get(path)
    if text is None:
        try:
            with open(path, "rb") as handle:
                text = handle.read(SNIFF_BYTES).decode("utf-8", errors="replace")
        except OSError:
            return False
    return any(sniffs(reader, path, text) for reader in readers)
