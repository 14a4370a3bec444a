"""Emergency events in the graph::

    (:EmergencyEvent {id, kind, title, note, startedAt, window, closedAt, closeNote, marks})
        -[:FOR]->(:Area)
    (:EmergencyEvent)-[:INCLUDES {corridor, first, backup, complete, problems}]->(:Resident)
    (:EmergencyEvent)-[:MARKED]->(:EventMark {key, seq, elder, status, at, note, accountId,
                                              personId})-[:ABOUT]->(:Resident)

Starting an event takes in every elder of the area who needs a plan, with the plan as it stood
then (:mod:`graph.analysis.events`). A mark is one write transaction that locks its event (so
marks made at once are numbered one after the other) and only ever creates: nothing here
changes or deletes a mark, and ``EventMark.key`` (event id # number) is unique, so not even a
raced write could number two alike. A closed event takes no more marks.

What a caller reads of an event: the elders of it who live in their scope, and those whose
plan names the caller's own person as a responder (a responder marks the elders they answer
for, wherever they live).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.access.scope import area_in_scope, area_visible
from graph.access.session import GraphSession
from graph.analysis.events import Included, Mark
from graph.analysis.rules import Rules
from graph.analysis.windows import BEIJING, window_at
from graph.emergency.plans import plan_board, statuses
from graph.errors import ChangeError
from graph.governance.places import communities_of
from graph.records.changes import not_found, one_row
from graph.store.values import run_rows

__all__ = ["EventRow", "close_event", "events", "mark_elder", "start_event"]


@dataclass(frozen=True)
class EventRow:
    id: str
    kind: str
    title: str
    note: str | None
    area: str
    started_at: datetime
    window: str
    closed_at: datetime | None
    close_note: str | None
    included: tuple[Included, ...]
    marks: tuple[Mark, ...]
    names: dict[str, str]  # the elders', responders' and markers' names

    @property
    def open(self) -> bool:
        return self.closed_at is None


_YOURS = "($person IS NOT NULL AND $person IN [i.first, i.backup])"
EVENTS = f"""
    MATCH (ev:EmergencyEvent)-[:FOR]->(a:Area)
    WHERE ($id IS NULL OR ev.id = $id) AND ($open IS NULL OR (ev.closedAt IS NULL) = $open)
      AND ({area_visible("a")} OR EXISTS {{ MATCH (ev)-[i:INCLUDES]->() WHERE {_YOURS} }})
    WITH ev, a ORDER BY ev.startedAt DESC LIMIT $first
    RETURN ev {{.id, .kind, .title, .note, .startedAt, .window, .closedAt, .closeNote}} AS event,
           a.code AS area,
           COLLECT {{ MATCH (ev)-[i:INCLUDES]->(r:Resident), (c:Corridor {{code: i.corridor}})
                      WHERE {area_in_scope("c")} OR {_YOURS}
                      RETURN {{elder: r.id, name: r.name, corridor: i.corridor, first: i.first,
                              backup: i.backup, complete: i.complete, problems: i.problems,
                              firstName: head(COLLECT {{ MATCH (x:Person {{id: i.first}})
                                                   RETURN x.name }}),
                              backupName: head(COLLECT {{ MATCH (x:Person {{id: i.backup}})
                                                    RETURN x.name }})}} }}
           AS included,
           COLLECT {{ MATCH (ev)-[:MARKED]->(m:EventMark)
                      RETURN m {{.seq, .elder, .status, .at, .note, .accountId, .personId,
                                 by: head(COLLECT {{ MATCH (p:Person {{id: m.personId}})
                                              RETURN p.name }})}} AS m
                      ORDER BY m.seq }} AS marks"""
CREATE_EVENT = """
    MATCH (a:Area {code: $area})
    CREATE (ev:EmergencyEvent {id: $id, kind: $kind, title: $title, note: $note,
                               startedAt: $at, window: $window, marks: 0, accountId: $account})
    CREATE (ev)-[:FOR]->(a)
    WITH ev
    UNWIND $included AS e
    MATCH (r:Resident {id: e.elder})
    CREATE (ev)-[:INCLUDES {corridor: e.corridor, first: e.first, backup: e.backup,
                            complete: e.complete, problems: e.problems}]->(r)"""
LOCK_EVENT = """
    MATCH (ev:EmergencyEvent {id: $id}) SET ev._lock = true REMOVE ev._lock
    RETURN ev.closedAt AS closedAt, ev.marks AS marks, ev.startedAt AS startedAt,
           [(ev)-[:INCLUDES]->(r:Resident) WHERE r.id = $elder | r.id][0] AS elder"""
CREATE_MARK = """
    MATCH (ev:EmergencyEvent {id: $id}), (r:Resident {id: $elder})
    SET ev.marks = $seq
    CREATE (ev)-[:MARKED]->(m:EventMark {key: $id + '#' + toString($seq), seq: $seq,
                                        elder: $elder, status: $status, at: $at, note: $note,
                                        accountId: $account, personId: $person})-[:ABOUT]->(r)"""
CLOSE_EVENT = """
    MATCH (ev:EmergencyEvent {id: $id})
    SET ev.closedAt = $at, ev.closeNote = $note, ev.closedBy = $account"""


def _event(row: dict[str, Any]) -> EventRow:
    ev = row["event"]
    names: dict[str, str] = {}
    included = []
    for i in row["included"]:
        names[i["elder"]] = i["name"]
        for who, name in ((i["first"], i["firstName"]), (i["backup"], i["backupName"])):
            if who and name:
                names[who] = name
        included.append(Included(i["elder"], i["corridor"], i["first"], i["backup"],
                                 bool(i["complete"]), tuple(i["problems"] or ())))  # fmt: skip
    seen = {i.elder_id for i in included}
    marks = []
    for m in row["marks"]:
        if m["elder"] in seen:
            marks.append(Mark(m["seq"], m["elder"], m["status"], m["at"], m.get("personId"),
                              m.get("accountId"), m.get("note")))  # fmt: skip
            if m.get("personId") and m.get("by"):
                names[m["personId"]] = m["by"]
    return EventRow(ev["id"], ev["kind"], ev["title"], ev.get("note"), row["area"],
                    ev["startedAt"], ev["window"], ev.get("closedAt"), ev.get("closeNote"),
                    tuple(included), tuple(marks), names)  # fmt: skip


async def events(
    db: GraphSession, *, person: str | None, id: str | None = None, open: bool | None = None,
    first: int = 50,
) -> list[EventRow]:  # fmt: skip
    """The events the caller sees (newest first), each with the elders of it they see."""
    rows = await db.read(EVENTS, id=id, open=open, first=first, person=person)
    return [_event(r) for r in rows]


async def start_event(
    db: GraphSession, *, area: str, kind: str, title: str, note: str | None, at: datetime,
    account: str | None, rules: Rules,
) -> str | ChangeError:  # fmt: skip
    """Start an event for ``area``: its elders who need a plan are taken in as their plans stand
    (complete or not in the window of ``at``). The event's id, or why not."""
    on, window = at.astimezone(BEIJING).date(), window_at(at)
    board = await plan_board(db, rules=rules, on=on, year=on.year, below=area)
    judged = statuses(board, rules=rules, window=window)
    included = []
    for e in board.elders:
        if e.id not in judged:
            continue
        s = judged[e.id]
        included.append({"elder": e.id, "corridor": e.corridor,
                         "first": e.plan.first if e.plan else None,
                         "backup": e.plan.backup if e.plan else None, "complete": s.complete,
                         "problems": list(dict.fromkeys(c for c, _ in s.problems))})  # fmt: skip

    async def work(tx: AsyncManagedTransaction) -> str | ChangeError:
        found = await communities_of(tx, [area])
        if area not in found:
            return not_found("area", "area", "网格单元", area)
        event_id = f"{found[area] or area}/E-{secrets.token_hex(4).upper()}"
        await run_rows(tx, CREATE_EVENT, id=event_id, area=area, kind=kind, title=title,
                       note=note, at=at, window=window, account=account,
                       included=included)  # fmt: skip
        return event_id

    return await db.write(work)


def _closed(event: str) -> ChangeError:
    return ChangeError("EVENT_CLOSED", "eventId", f"The event {event!r} is closed.",
                       f"事件“{event}”已结束。")  # fmt: skip


async def mark_elder(
    db: GraphSession, *, event: str, elder: str, status: str, note: str | None, at: datetime,
    account: str | None, person: str | None,
) -> int | ChangeError:  # fmt: skip
    """Append a mark; its number in the event, or why not. The caller checks it may mark."""

    async def work(tx: AsyncManagedTransaction) -> int | ChangeError:
        locked = await one_row(tx, LOCK_EVENT, id=event, elder=elder)
        if locked is None:
            return not_found("eventId", "event", "事件", event)
        if locked["closedAt"] is not None:
            return _closed(event)
        if locked["elder"] is None:
            return ChangeError("NOT_IN_EVENT", "residentId",
                               f"{elder!r} is not one of the event's elders.",
                               f"“{elder}”不在本次事件的老人名单中。")  # fmt: skip
        if at < locked["startedAt"]:
            return ChangeError("INVALID_DATES", "at", "A mark cannot precede the event.",
                               "标记时间不能早于事件开始。")  # fmt: skip
        seq = int(locked["marks"]) + 1
        await run_rows(tx, CREATE_MARK, id=event, elder=elder, seq=seq, status=status, at=at,
                       note=note, account=account, person=person)  # fmt: skip
        return seq

    return await db.write(work)


async def close_event(
    db: GraphSession, *, event: str, note: str | None, at: datetime, account: str | None
) -> str | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> str | ChangeError:
        locked = await one_row(tx, LOCK_EVENT, id=event, elder="")
        if locked is None:
            return not_found("eventId", "event", "事件", event)
        if locked["closedAt"] is not None:
            return _closed(event)
        await run_rows(tx, CLOSE_EVENT, id=event, at=at, note=note, account=account)
        return event

    return await db.write(work)
