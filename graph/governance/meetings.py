"""Consultation meetings (协商议事会) in the graph: ``(:Meeting)-[:AT]->(:Area)`` (the place it is
of), ``-[:DISCUSSED]->(:Matter)``, who took part and as what,
``(:Person)-[:TOOK_PART {as}]->(:Meeting)``, and its decisions,
``-[:DECIDED]->(:Decision {seq, text, responsible, due, done, doneOn, followUps})``.

A meeting is recorded once it has been held, whole (one transaction). The troika — the
neighbourhood committee, the owners' committee and the property company — is present when
someone took part for each. A decision's follow-ups are appended (never edited), and the last
may mark it done.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.access.scope import area_in_scope
from graph.access.session import GraphSession
from graph.errors import ChangeError
from graph.governance.places import communities_of
from graph.records.changes import not_found, one_row
from graph.store.values import run_rows

__all__ = [
    "CAPACITIES",
    "TROIKA",
    "DecisionRow",
    "MeetingRow",
    "follow_up",
    "meetings",
    "meetings_by_matter",
    "record_meeting",
]

# As what someone takes part; the three of the troika (三驾马车) among them.
CAPACITIES = ("resident", "floor_chief", "party_member", "committee_staff", "owners_committee",
              "property_company", "other")  # fmt: skip
TROIKA = ("committee_staff", "owners_committee", "property_company")
_ALL = 100_000  # no LIMIT of a batch: every meeting of the matters asked


@dataclass(frozen=True)
class DecisionRow:
    seq: int
    text: str
    responsible: str
    due: date | None
    done: bool
    done_on: date | None
    follow_ups: tuple[str, ...]  # "YYYY-MM-DD note", oldest first


@dataclass(frozen=True)
class MeetingRow:
    id: str
    title: str
    on: date
    place: str | None  # where it was held (a room, the estate's hall)
    area: str
    matters: tuple[str, ...]
    attendees: tuple[tuple[str, str], ...]  # (person id, as what)
    decisions: tuple[DecisionRow, ...]

    @property
    def troika(self) -> tuple[str, ...]:
        present = {capacity for _, capacity in self.attendees}
        return tuple(t for t in TROIKA if t in present)


MEETINGS = f"""
    MATCH (g:Meeting)-[:AT]->(a:Area)
    WHERE {area_in_scope("a")} AND ($id IS NULL OR g.id = $id)
      AND ($matters IS NULL
           OR EXISTS {{ MATCH (g)-[:DISCUSSED]->(x:Matter) WHERE x.id IN $matters }})
      AND ($below IS NULL OR $below IN [(a)-[:PART_OF*0..6]->(u:Area) | u.code])
    RETURN g.id AS id, g.title AS title, g.on AS on, g.place AS place, a.code AS area,
           COLLECT {{ MATCH (g)-[:DISCUSSED]->(m:Matter) RETURN m.id ORDER BY m.id }} AS matters,
           COLLECT {{ MATCH (p:Person)-[t:TOOK_PART]->(g) RETURN [p.id, t.as] ORDER BY p.id }}
           AS attendees,
           COLLECT {{ MATCH (g)-[:DECIDED]->(d:Decision)
                      RETURN d {{.seq, .text, .responsible, .due, .done, .doneOn, .followUps}}
                      ORDER BY d.seq }} AS decisions
    ORDER BY g.on DESC, g.id LIMIT $first"""
KNOWN = """
    RETURN [id IN $matters WHERE NOT EXISTS { (:Matter {id: id}) }] AS matters,
           [id IN $people WHERE NOT EXISTS { (:Person {id: id}) }] AS people"""
CREATE = """
    MATCH (a:Area {code: $area})
    CREATE (g:Meeting {id: $id, title: $title, on: $on, place: $place})-[:AT]->(a)
    WITH g
    CALL (g) { UNWIND $matters AS m MATCH (x:Matter {id: m}) CREATE (g)-[:DISCUSSED]->(x) }
    CALL (g) { UNWIND $attendees AS t MATCH (p:Person {id: t.person})
               CREATE (p)-[:TOOK_PART {as: t.as}]->(g) }
    CALL (g) { UNWIND $decisions AS d
               CREATE (g)-[:DECIDED]->(:Decision {seq: d.seq, text: d.text,
                   responsible: d.responsible, due: d.due, done: false, followUps: []}) }"""
LOCK_DECISION = """
    MATCH (g:Meeting {id: $id})-[:DECIDED]->(d:Decision {seq: $seq})
    SET d._lock = true REMOVE d._lock
    RETURN d.done AS done, g.on AS on"""
FOLLOW_UP = """
    MATCH (:Meeting {id: $id})-[:DECIDED]->(d:Decision {seq: $seq})
    SET d.followUps = d.followUps + [$entry],
        d.done = d.done OR $done,
        d.doneOn = CASE WHEN $done AND d.doneOn IS NULL THEN $on ELSE d.doneOn END"""


def _decision(d: dict[str, Any]) -> DecisionRow:
    follow_ups = tuple(d.get("followUps") or ())
    return DecisionRow(
        d["seq"], d["text"], d["responsible"], d.get("due"), bool(d.get("done")),
        d.get("doneOn"), follow_ups,
    )  # fmt: skip


def _meeting(row: dict[str, Any]) -> MeetingRow:
    decisions = tuple(_decision(d) for d in row["decisions"])
    return MeetingRow(
        id=row["id"], title=row["title"], on=row["on"], place=row["place"], area=row["area"],
        matters=tuple(row["matters"]), attendees=tuple((p, a) for p, a in row["attendees"]),
        decisions=decisions,
    )  # fmt: skip


async def meetings(
    db: GraphSession, *, id: str | None = None, below: str | None = None, first: int = 100
) -> list[MeetingRow]:
    rows = await db.read(MEETINGS, id=id, matters=None, below=below, first=first)
    return [_meeting(r) for r in rows]


async def meetings_by_matter(db: GraphSession, *, keys: list[str]) -> list[list[MeetingRow]]:
    """The meetings that discussed each of these matters, newest first: one read for a whole
    board (a DataLoader's batch); a meeting of two of them is in both lists."""
    found: dict[str, list[MeetingRow]] = {k: [] for k in keys}
    rows = await db.read(MEETINGS, id=None, matters=keys, below=None, first=_ALL)
    for meeting in map(_meeting, rows):
        for matter in meeting.matters:
            if matter in found:
                found[matter].append(meeting)
    return [found[k] for k in keys]


async def _read_back(tx: AsyncManagedTransaction, meeting: str) -> MeetingRow:
    rows = await run_rows(tx, MEETINGS, id=meeting, matters=None, below=None, first=1, scope=None)
    return _meeting(rows[0])


async def record_meeting(
    db: GraphSession, *, area: str, title: str, on: date, place: str | None, matters: list[str],
    attendees: list[tuple[str, str]], decisions: list[tuple[str, str, date | None]],
) -> MeetingRow | ChangeError:  # fmt: skip
    async def work(tx: AsyncManagedTransaction) -> MeetingRow | ChangeError:
        community = (await communities_of(tx, [area])).get(area)
        if community is None:
            return not_found("area", "area", "网格单元", area)
        people = [p for p, _ in attendees]
        if len(set(people)) < len(people):
            return ChangeError("BAD_USER_INPUT", "attendees", "Each person is listed once.",
                               "每人只列一次。")  # fmt: skip
        unknown = await one_row(tx, KNOWN, matters=matters, people=people)
        assert unknown is not None
        if unknown["matters"]:
            return not_found("matters", "matter", "议题", unknown["matters"][0])
        if unknown["people"]:
            return not_found("attendees", "person", "人员", unknown["people"][0])
        for _, _, due in decisions:
            if due is not None and due < on:
                return ChangeError("INVALID_DATES", "decisions", f"A decision is due after {on}.",
                                   f"决议的完成期限不能早于会议日期 {on}。")  # fmt: skip
        meeting = f"{community}/G-{secrets.token_hex(4).upper()}"
        await run_rows(
            tx, CREATE, id=meeting, area=area, title=title, on=on, place=place, matters=matters,
            attendees=[{"person": p, "as": a} for p, a in attendees],
            decisions=[{"seq": n, "text": text, "responsible": who, "due": due}
                       for n, (text, who, due) in enumerate(decisions, start=1)],
        )  # fmt: skip
        return await _read_back(tx, meeting)

    return await db.write(work)


async def follow_up(
    db: GraphSession, *, meeting: str, seq: int, note: str, done: bool, on: date
) -> MeetingRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> MeetingRow | ChangeError:
        locked = await one_row(tx, LOCK_DECISION, id=meeting, seq=seq)
        if locked is None:
            return not_found("decision", "decision", "决议", f"{meeting}#{seq}")
        if on < locked["on"]:
            return ChangeError("INVALID_DATES", "on", "A follow-up comes after the meeting.",
                               "跟进日期不能早于会议。")  # fmt: skip
        entry = f"{on.isoformat()} {note}"
        await run_rows(tx, FOLLOW_UP, id=meeting, seq=seq, entry=entry, done=done, on=on)
        return await _read_back(tx, meeting)

    return await db.write(work)
