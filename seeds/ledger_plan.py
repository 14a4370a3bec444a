"""From the ledger sheets of a roster and what the graph already holds of them, the writes that
add what is new — never more. A ledger is history, so a load only ever adds to the graph's:

- a matter the graph lacks is created with the steps its row gives; one it holds gets the steps
  the row adds after the graph's own (when the graph's, leaving out notes, are the first of the
  row's). If the two histories part, the graph's is kept and the report says so;
- a meeting is created whole; a decision the graph lacks is added to its meeting, and one that
  the ledger says is done is marked done (with a follow-up saying so);
- a project is created at the status its days give, or moved forward to it; it never moves back.

Titles, categories and descriptions follow the ledger. Places, the matters a meeting discussed
and what decided a project are kept as first recorded (the report notes a difference).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import partial
from typing import Any

from graph.governance.projects import DAY_OF, STATUSES
from graph.identity import owned, ref
from seeds.columns import SHEETS
from seeds.ledger_history import Refusal, Step, matter_steps, project_status
from seeds.rows import LedgerMatterRow, LedgerProjectRow, Problem, Roster

__all__ = ["LEDGER_KINDS", "LedgerPlan", "ledger_ids", "plan_ledger"]

# The kinds a load report counts: name, and the sheet each comes from.
LEDGER_KINDS: dict[str, str] = {
    "matters": "议题 matters",
    "matter_steps": "议题步骤 matter steps",
    "meetings": "议事会 meetings",
    "decisions": "决议 decisions",
    "projects": "微更新 projects",
}


@dataclass
class LedgerPlan:
    writes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # kind -> [created, changed, unchanged]
    counts: dict[str, list[int]] = field(
        default_factory=lambda: {kind: [0, 0, 0] for kind in LEDGER_KINDS}
    )
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def add(self, kind: str, row: dict[str, Any]) -> None:
        self.writes.setdefault(kind, []).append(row)

    def count(self, kind: str, index: int, n: int = 1) -> None:
        self.counts[kind][index] += n

    @property
    def created(self) -> int:
        return sum(c[0] for c in self.counts.values())

    @property
    def changed(self) -> int:
        return sum(c[1] for c in self.counts.values())


def _area(community: str, code: str) -> str:
    return code if code == community else ref(community, code)


def _reference(community: str, code: str) -> str:
    """What a reference names: a ledger id or an id as the committee sees it in the API
    (``M-1A2B3C4D``) is the community's own; a full id (``QS/M-1A2B3C4D``) is itself."""
    return code if "/" in code else ref(community, code)


def _own(roster: Roster) -> dict[str, set[str]]:
    """The ids the ledger's own sheets define, by the kind of reference that may name them."""
    own = partial(ref, roster.community)
    matters = {own(m.matter_id) for m in roster.matters}
    return {"matters": matters, "deciders": matters,
            "meetings": {own(g.meeting_id) for g in roster.meetings}}  # fmt: skip


def ledger_ids(roster: Roster) -> dict[str, Any]:
    """The graph ids the ledger names: its own, and those it refers to beyond its sheets."""
    own, defined = partial(ref, roster.community), _own(roster)
    named = {
        "matters": [m for g in roster.meetings for m in g.matters],
        "deciders": [p.decided_by for p in roster.projects if p.decided_by],
        "meetings": [d.meeting_id for d in roster.decisions],
    }
    beyond = {
        kind: sorted({_reference(roster.community, c) for c in codes} - defined[kind])
        for kind, codes in named.items()
    }
    return {
        "matters": sorted(defined["matters"]),
        "meetings": sorted(defined["meetings"] | set(beyond["meetings"])),
        "projects": [own(p.project_id) for p in roster.projects],
        "references": beyond,
    }


def _step_rows(steps: list[Step], first_seq: int) -> list[dict[str, Any]]:
    return [
        {"seq": n, "action": s.action, "on": s.on, "level": s.level, "status": s.status,
         "outcome": s.outcome}
        for n, s in enumerate(steps, start=first_seq)
    ]  # fmt: skip


def _final(steps: list[Step]) -> dict[str, Any]:
    last = steps[-1]
    since = max(s.on for s in steps if s.action in ("raise", "escalate"))
    outcome = last.outcome if last.action in ("resolve", "close") else None
    return {"level": last.level, "status": last.status, "levelSince": since, "outcome": outcome}


class _Planner:
    def __init__(self, roster: Roster, graph: dict[str, Any], source: str) -> None:
        self.roster, self.graph, self.source = roster, graph, source
        self.community = roster.community
        self.own = _own(roster)
        self.plan = LedgerPlan()

    def problem(self, sheet: str, row: int, column: str, zh: str, en: str) -> None:
        self.plan.problems.append(
            Problem(self.source, sheet, row, column, "unknown_reference", zh, en)
        )

    def refused(self, sheet: str, row: int, refusal: Refusal) -> None:
        column = SHEETS[sheet].column(refusal.column)
        header = column.zh if column else refusal.column
        self.plan.problems.append(
            Problem(
                self.source, SHEETS[sheet].zh, row, header, refusal.code, refusal.zh, refusal.en
            )
        )

    def known(self, kind: str, code: str, sheet: str, row: int, column: str) -> bool:
        """Whether a reference names a row of the ledger, or a record of this community the
        graph holds; else a problem at its cell."""
        target = _reference(self.community, code)
        if target in self.own[kind]:
            return True
        if target in self.graph["known"][kind] and target.startswith(self.community + "/"):
            return True
        what = {"matters": ("议题", "matter"), "deciders": ("议题或表决", "matter or vote"),
                "meetings": ("议事会", "meeting")}[kind]  # fmt: skip
        self.problem(
            sheet, row, column,
            f"“{code}”既不在本台账的{what[0]}表中，图中也没有本社区的这个{what[0]}",
            f"“{code}” is neither in the ledger's sheet nor a {what[1]} of this community "
            "in the graph",
        )  # fmt: skip
        return False

    def matters(self) -> None:
        have = self.graph["matters"]
        for row in self.roster.matters:
            steps = matter_steps(row)
            if isinstance(steps, Refusal):  # a roster built in code, not read and checked
                self.refused("matters", row.row, steps)
                continue
            mid = ref(self.community, row.matter_id)
            current = have.get(mid)
            if current is None:
                self._new_matter(mid, row, steps)
            else:
                self._known_matter(mid, row, steps, current)

    def _new_matter(self, mid: str, row: LedgerMatterRow, steps: list[Step]) -> None:
        self.plan.add("matters", {
            "id": mid, "area": _area(self.community, row.place), "title": row.title,
            "description": row.description or None, "category": row.category,
            "raisedAt": datetime.combine(row.raised_on, time()).astimezone(),
            "raisedBy": owned(self.community, row.raised_by) if row.raised_by else None,
            "steps": _step_rows(steps, 1), **_final(steps),
        })  # fmt: skip
        self.plan.count("matters", 0)
        self.plan.count("matter_steps", 0, len(steps))

    def _known_matter(
        self, mid: str, row: LedgerMatterRow, steps: list[Step], current: dict[str, Any]
    ) -> None:
        shown = row.matter_id
        if current["area"] != _area(self.community, row.place):
            self.plan.notes.append(
                f"议题 {shown} 的地点与图中不同，保留图中的 / matter {shown}: its place differs "
                "from the graph's; the graph's is kept"
            )
        wanted = (row.title, row.category, row.description or None)
        if wanted != (current["title"], current["category"], current["description"]):
            update = dict(zip(("title", "category", "description"), wanted, strict=True))
            self.plan.add("matter_updates", {"id": mid, **update})
            self.plan.count("matters", 1)
        else:
            self.plan.count("matters", 2)
        history = [(a, on) for a, on in current["history"]]
        taken = [(a, on) for a, on in history if a != "note"]
        given = [(s.action, s.on) for s in steps]
        if given[: len(taken)] == taken:
            new = steps[len(taken) :]
            if new and new[0].on < max(on for _, on in history):
                self._parted(shown)
            elif new:
                rows = _step_rows(new, current["steps"] + 1)
                self.plan.add("steps", {"id": mid, "steps": rows, "count": current["steps"]
                              + len(new), **_final(steps)})  # fmt: skip
                self.plan.count("matter_steps", 0, len(new))
            self.plan.count("matter_steps", 2, len(taken))
        elif taken[: len(given)] == given:
            self.plan.count("matter_steps", 2, len(given))
        else:
            self._parted(shown)

    def _parted(self, shown: str) -> None:
        self.plan.notes.append(
            f"议题 {shown} 的经过与图中记录不一致，保留图中的记录 / matter {shown}: the ledger's "
            "history differs from the graph's; the graph's is kept"
        )

    def meetings(self) -> None:
        have = self.graph["meetings"]
        by_meeting: dict[str, list[Any]] = {}
        for d in self.roster.decisions:
            if self.known("meetings", d.meeting_id, "决议", d.row, "会议编号"):
                by_meeting.setdefault(_reference(self.community, d.meeting_id), []).append(d)
        for g in self.roster.meetings:
            gid = ref(self.community, g.meeting_id)
            if gid in have:
                self.plan.count("meetings", 2)
                continue
            known = [self.known("matters", m, "议事会", g.row, "议题") for m in g.matters]
            self.plan.add("meetings", {
                "id": gid, "title": g.title, "on": g.date, "venue": g.venue or None,
                "area": _area(self.community, g.place),
                "matters": [_reference(self.community, m) for m, ok in zip(g.matters, known,
                            strict=True) if ok],
                "attendees": [{"person": owned(self.community, p), "as": a}
                              for p, a in g.attendees],
            })  # fmt: skip
            self.plan.count("meetings", 0)
        for gid, decisions in by_meeting.items():
            held = {seq: (done, text) for seq, done, text in have.get(gid, {}).get("decisions", [])}
            for d in decisions:
                if d.seq not in held:
                    self.plan.add("decisions", {"meeting": gid, "seq": d.seq, "text": d.text,
                                  "responsible": d.responsible, "due": d.due,
                                  "doneOn": d.done_on})  # fmt: skip
                    self.plan.count("decisions", 0)
                elif d.done_on is not None and not held[d.seq][0]:
                    entry = f"{d.done_on.isoformat()} 台账记为完成 done, per the ledger"
                    self.plan.add("decisions_done", {"meeting": gid, "seq": d.seq,
                                  "doneOn": d.done_on, "entry": entry})  # fmt: skip
                    self.plan.count("decisions", 1)
                else:
                    self.plan.count("decisions", 2)

    def projects(self) -> None:
        have = self.graph["projects"]
        for p in self.roster.projects:
            pid = ref(self.community, p.project_id)
            reached = project_status(p)
            if isinstance(reached, Refusal):
                self.refused("projects", p.row, reached)
                continue
            decided = p.decided_by and self.known("deciders", p.decided_by, "微更新", p.row,
                                                   "决定依据")  # fmt: skip
            decider = _reference(self.community, p.decided_by) if decided else None
            props = {"title": p.title, "kind": p.kind, "description": p.description or None,
                     "budget": None if p.budget is None else float(p.budget),
                     "funding": p.funding or None}  # fmt: skip
            current = have.get(pid)
            places = sorted(_area(self.community, c) for c in p.places)
            days = [d if i <= reached else None for i, d in enumerate(p.days)]
            if current is None:
                self.plan.add("projects", {"id": pid, "status": STATUSES[reached], "days": days,
                              "places": places, "decidedBy": decider, **props})  # fmt: skip
                self.plan.count("projects", 0)
                continue
            self._known_project(p, pid, reached, days, places, decider, props, current)

    def _known_project(
        self, p: LedgerProjectRow, pid: str, reached: int, days: list[date | None],
        places: list[str], decider: str | None, props: dict[str, Any], current: dict[str, Any],
    ) -> None:  # fmt: skip
        if places != current["places"] or (decider and decider != current["decidedBy"]):
            self.plan.notes.append(
                f"微更新 {p.project_id} 的地点或决定依据与图中不同，保留图中的 / project "
                f"{p.project_id}: its places or decision differ from the graph's; kept"
            )
        now = STATUSES.index(current["status"])
        change = {k: v for k, v in props.items() if current.get(k) != v}
        if reached > now:
            latest = max(d for d in current["days"] if d is not None)
            first_new = days[now + 1]
            assert first_new is not None
            if first_new < latest:
                self.plan.notes.append(
                    f"微更新 {p.project_id} 的日期早于图中已记的阶段，未推进 / project "
                    f"{p.project_id}: its days come before the graph's last status; not moved"
                )
            else:
                change["status"] = STATUSES[reached]
                for i in range(now + 1, reached + 1):
                    change[DAY_OF[STATUSES[i]]] = days[i]
        if change:
            self.plan.add("project_updates", {"id": pid, "props": change})
        self.plan.count("projects", 1 if change else 2)


def plan_ledger(roster: Roster, graph: dict[str, Any], *, source: str) -> LedgerPlan:
    """The writes that bring the graph's ledger up to the roster's (``graph`` as read by
    :func:`graph.records.ledger_store.read_ledger`); ``problems`` names what the ledger refers
    to that the graph lacks."""
    planner = _Planner(roster, graph, source)
    planner.matters()
    planner.meetings()
    planner.projects()
    order = list(SHEETS)
    planner.plan.problems.sort(key=lambda p: (order.index(_SHEET_KEYS[p.sheet]), p.row or 0))
    return planner.plan


_SHEET_KEYS = {s.zh: s.key for s in SHEETS.values()}
