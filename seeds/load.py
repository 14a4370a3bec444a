"""``louzhi load``: validate a roster, plan the changes, and write them in one transaction.

Why the graph is never left half-loaded: everything is read, planned and written inside a single
Neo4j write transaction. If the process is killed or Neo4j stops before the commit, Neo4j
discards the transaction and the graph is as it was. See the README ("Loading") for the sizes
this is meant for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from graph.analysis.gc import paused_gc
from graph.identity import local, prefix
from graph.records.roster_state import GraphState, Key, LoadScope
from graph.records.roster_store import KINDS, NAMED, RosterTransaction, in_one_transaction
from graph.store.connection import Neo4jTarget
from seeds.ledger_plan import LEDGER_KINDS, LedgerPlan, ledger_ids, plan_ledger
from seeds.load_steps import PlainSteps, Steps
from seeds.plan import Plan, desired_state, diff, shared_people
from seeds.rows import Problem, Roster, RosterError

# The summary table's columns (the counts of each kind of record).
COLUMNS = ("新增 created", "变更 changed", "不变 unchanged", "缺少 missing")
KIND_NAMES: dict[str, str] = {
    "areas": "网格单元 areas",
    "buildings": "楼栋 buildings",
    "corridor_buildings": "楼道-楼栋 corridor buildings",
    "organisations": "单位 organisations",
    "party_branches": "党组织 party branches",
    "dwellings": "房屋 dwellings",
    "households": "户 households",
    "people": "人员 people",
    "residents": "居民 residents",
    "dwelling_owners": "面积与业主 areas and owners",
    "roles": "职务 roles",
    "helpers": "结对 helper pairings",
    "visits": "走访 visits",
}


@dataclass
class LoadReport:
    source: str
    plan: Plan
    dry_run: bool
    pruned: bool
    community: str = ""
    ledger: LedgerPlan | None = None  # None when the roster has no ledger sheets' rows

    @property
    def headline(self) -> str:
        verb = "将" if self.dry_run else "已"
        created = self.plan.created + (self.ledger.created if self.ledger else 0)
        changed = self.plan.changed + (self.ledger.changed if self.ledger else 0)
        return (
            f"{created} created, {changed} changed"
            f"{' (dry run: nothing written)' if self.dry_run else ''} / "
            f"{verb}新增 {created}，{verb}修改 {changed}"
        )

    def _shown(self, key: Key) -> str:
        return "/".join(local(self.community, str(p)) for p in key)

    def counts(self) -> list[tuple[str, int, int, int, int]]:
        """Each kind of record: its name, and created, changed, unchanged, missing (a ledger
        is history: what it no longer lists is not missing)."""
        rows = [
            (KIND_NAMES[kind], len(k.created), len(k.changed), k.unchanged, len(k.missing))
            for kind in KINDS
            for k in (self.plan.kinds[kind],)
        ]
        if self.ledger is not None:
            rows += [(name, *self.ledger.counts[kind], 0) for kind, name in LEDGER_KINDS.items()]
        return rows

    def notes(self) -> list[str]:
        """What is no longer in the roster, and what happens to it."""
        out = []
        for kind in ("residents", "people", "roles", "helpers"):
            missing = self.plan.kinds[kind].missing
            if missing:
                action = "ended (--prune)" if self.pruned else "kept; --prune would end them"
                action_zh = "已结束" if self.pruned else "保留；--prune 将结束"
                shown = ", ".join(self._shown(key) for key in missing[:10])
                more = f" … (+{len(missing) - 10})" if len(missing) > 10 else ""
                out.append(
                    f"不在本次名册中（{action_zh}）no longer in the roster, {KIND_NAMES[kind]} "
                    f"({action}): {shown}{more}"
                )
        return out + (self.ledger.notes if self.ledger else [])

    def lines(self) -> list[str]:
        out = [f"{self.source} (社区 community {self.community}): {self.headline}"]
        width = max(len(n) for n in KIND_NAMES.values())
        out.append(f"  {'':{width}}  {'  '.join(COLUMNS)}")
        for name, *counts in self.counts():
            cells = "  ".join(f"{n:{len(c)}}" for n, c in zip(counts, COLUMNS, strict=True))
            out.append(f"  {name:{width}}  {cells}")
        return out + [f"  {note}" for note in self.notes()]


def load_roster(
    target: Neo4jTarget,
    roster: Roster,
    *,
    source: str = "roster",
    dry_run: bool = False,
    prune: bool = False,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
    steps: Steps | None = None,
) -> LoadReport:
    """Bring ``roster``'s community in the graph in line with it; all or nothing. Nothing of
    another community is read, changed or ended. ``steps`` is told of planning and writing
    (default: a line per 10% on stderr for large loads); ``progress`` alone counts rows."""
    with paused_gc():  # a street's load builds millions of small objects (reload: 11 → 7 s)
        return _load(target, roster, source, dry_run, prune, today or date.today(), progress, steps)


def _load(
    target: Neo4jTarget,
    roster: Roster,
    source: str,
    dry_run: bool,
    prune: bool,
    today: date,
    progress: Callable[[int], None] | None,
    steps: Steps | None,
) -> LoadReport:
    roster = with_community(target, roster, source=source)
    wanted = desired_state(roster)
    scope = load_scope(roster)

    def work(tx: RosterTransaction) -> tuple[Plan, LedgerPlan | None]:
        if steps is not None and progress is None:
            steps.step("planning")
        current = tx.read_state(scope)
        _check_levels(current, wanted, source)
        plan = diff(current, wanted, today=today)
        ledger = _plan_ledger(tx, roster, source=source, lock=not dry_run)
        if dry_run:
            return plan, ledger
        if progress is not None:
            bar: Callable[[int], None] = progress
        else:
            bar = steps or PlainSteps()
            bar.step("writing", plan.writes)
        tx.names_ahead(props.get("name") for kind in NAMED for _, props in plan.kinds[kind].writes)
        for kind in KINDS:
            changes = plan.kinds[kind]
            tx.write_kind(kind, changes.merged, today=today, progress=bar, new=changes.new)
        tx.key_names(prefix(roster.community))
        if prune:
            tx.end_missing(
                people=[k[0] for kind in ("residents", "people") for k in plan.kinds[kind].missing],
                roles=plan.kinds["roles"].missing,
                helpers=plan.kinds["helpers"].missing,
                today=today,
            )
        if ledger is not None:
            tx.write_ledger(ledger.writes)
        return plan, ledger

    plan, ledger = in_one_transaction(target, work, write=not dry_run, community=roster.community)
    return LoadReport(
        source=source,
        plan=plan,
        dry_run=dry_run,
        pruned=prune and not dry_run,
        community=roster.community,
        ledger=ledger,
    )


def _plan_ledger(
    tx: RosterTransaction, roster: Roster, *, source: str, lock: bool
) -> LedgerPlan | None:
    """The ledger's writes (None without ledger rows); its references the graph lacks raise."""
    if not any((roster.matters, roster.meetings, roster.decisions, roster.projects)):
        return None
    ledger = plan_ledger(roster, tx.read_ledger(ledger_ids(roster), lock=lock), source=source)
    if ledger.problems:
        raise RosterError(ledger.problems)
    return ledger


# A roster that names no community goes to the graph's only one; into an empty graph, under the
# code rosters had before they could name one, so an existing single-community setup loads on.
UNNAMED_COMMUNITY = "青松社区"


def with_community(target: Neo4jTarget, roster: Roster, *, source: str = "roster") -> Roster:
    """``roster`` with its community: as it names it, or the graph's only community."""
    if roster.community:
        return roster
    codes = in_one_transaction(target, lambda tx: tx.community_codes(), write=False)
    if len(codes) > 1:
        raise RosterError(
            [
                Problem(
                    source,
                    "社区",
                    None,
                    None,
                    "community_missing",
                    "图中已有多个社区，名册须写明所属社区：加一张“社区”表，或用 --community",
                    "the graph holds several communities, so the roster must name its own: "
                    "add a community sheet, or use --community",
                )
            ]
        )
    return replace(roster, community=codes[0] if codes else UNNAMED_COMMUNITY)


def load_scope(roster: Roster) -> LoadScope:
    where = roster.where
    return LoadScope(
        community=roster.community,
        places=tuple(c for c in (where.community, where.street, where.district) if c),
        organisations=tuple(sorted({p.organisation for p in roster.people if p.organisation})),
        shared=tuple(shared_people(roster)),
    )


def _check_levels(current: GraphState, wanted: GraphState, source: str) -> None:
    """A community, street or district code of the roster already used at another level."""
    problems = []
    for key, props in wanted["areas"].items():
        have = current["areas"].get(key)
        if have is None or props["level"] not in _LEVEL_ZH:
            continue  # the community's own grid may move a code from one level to another
        if have.get("level") != props["level"]:
            code, level, was = key[0], props["level"], have.get("level") or ""
            was_zh = _LEVEL_ZH.get(was, was)
            problems.append(
                Problem(
                    source,
                    "社区",
                    None,
                    None,
                    "code_in_use",
                    f"编号 {code} 在图中已是{was_zh}，不能再作{_LEVEL_ZH[level]}",
                    f"the code {code} is already a {was} in the graph, not a {level}",
                )
            )
    if problems:
        raise RosterError(problems)


_LEVEL_ZH = {"district": "区", "street": "街道", "community": "社区"}


def load_path(
    target: Neo4jTarget,
    path: Path,
    *,
    dry_run: bool = False,
    prune: bool = False,
    today: date | None = None,
    community: str | None = None,
    steps: Steps | None = None,
) -> LoadReport:
    """Read, validate and load a workbook or CSV folder; raises RosterError on any problem.
    ``community`` (``--community``) names the roster's community; its community sheet must agree.
    ``steps`` is told of each step: reading, checking, planning, writing."""
    from seeds.reader import read_raw
    from seeds.validate.checker import check_raw

    if steps is not None:
        steps.step("reading")
    with paused_gc():
        raw = read_raw(Path(path))
        if steps is not None:
            steps.step("checking")
        roster, problems = check_raw(raw, today=today, community=community)
    if roster is None:
        raise RosterError(problems)
    return load_roster(
        target, roster, source=str(path), dry_run=dry_run, prune=prune, today=today, steps=steps
    )
