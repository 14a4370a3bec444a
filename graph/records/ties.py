"""Ties that change between roster loads: roles held, helper pairings, visits.

As in :mod:`graph.records.changes`: each change is one managed write transaction that checks
before it writes, and expected failures come back as a :class:`~graph.errors.ChangeError`. A
role or a pairing is named by its id (``a|b|c|since``, :func:`parse_tie_id`); ending one records
``until``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from neo4j import AsyncManagedTransaction

from graph.access.session import GraphSession
from graph.errors import ChangeError
from graph.records.changes import (
    FIND_PERSON,
    LOCK_AREA,
    LOCK_PERSON,
    check_dates,
    not_found,
    one_row,
)
from graph.records.people import PairingRow, RoleRow, VisitRow
from graph.store.values import run_rows
from graph.vocabulary import ROLE_SCOPE_LEVEL

__all__ = ["add_pairing", "assign_role", "end_pairing", "end_role", "parse_tie_id", "record_visit"]

# Another holder of the same role in the same place whose time overlaps [since, until].
OVERLAPPING_ROLE = """
    MATCH (p:Person)-[s:SERVES {role: $role}]->(:Area {code: $scope})
    WHERE s.since <= coalesce($until, date('9999-12-31'))
      AND coalesce(s.until, date('9999-12-31')) >= $since
    RETURN p.id AS person, s.since AS since, s.until AS until LIMIT 1"""
CREATE_ROLE = """
    MATCH (p:Person {id: $person}), (a:Area {code: $scope})
    CREATE (p)-[:SERVES {role: $role, since: $since, until: $until}]->(a)"""
FIND_ROLE = """
    MATCH (:Person {id: $person})-[s:SERVES {role: $role, since: $since}]->(:Area {code: $scope})
    RETURN s.until AS until"""
END_ROLE = """
    MATCH (:Person {id: $person})-[s:SERVES {role: $role, since: $since}]->(:Area {code: $scope})
    SET s.until = $until"""
OVERLAPPING_PAIRING = """
    MATCH (:Person {id: $helper})-[h:HELPS]->(:Resident {id: $resident})
    WHERE h.since <= coalesce($until, date('9999-12-31'))
      AND coalesce(h.until, date('9999-12-31')) >= $since
    RETURN h.kind AS kind, h.since AS since LIMIT 1"""
CREATE_PAIRING = """
    MATCH (p:Person {id: $helper}), (r:Resident {id: $resident})
    CREATE (p)-[:HELPS {kind: $kind, since: $since, until: $until}]->(r)"""
FIND_PAIRING = """
    MATCH (:Person {id: $helper})-[h:HELPS {kind: $kind, since: $since}]->(r:Resident)
    WHERE r.id = $resident
    RETURN h.until AS until"""
END_PAIRING = """
    MATCH (:Person {id: $helper})-[h:HELPS {kind: $kind, since: $since}]->(r:Resident)
    WHERE r.id = $resident
    SET h.until = $until"""
RECORD_VISIT = """
    MATCH (p:Person {id: $visitor}), (r:Resident {id: $resident})
    MERGE (p)-[v:VISITED {on: $on, mode: $mode}]->(r)
    SET v.note = $note"""


def parse_tie_id(tie_id: str) -> tuple[str, str, str, date] | None:
    """A role or pairing id is ``a|b|c|since``, as :attr:`RoleRow.id` writes it."""
    parts = tie_id.split("|")
    if len(parts) != 4:
        return None
    try:
        return parts[0], parts[1], parts[2], date.fromisoformat(parts[3])
    except ValueError:
        return None


def _already_ended(current: date | None, until: date, today: date) -> ChangeError | None:
    """A tie may be ended once; a planned end still ahead may be brought forward. Ending it again
    with the date it already has is harmless (the answer is what is stored)."""
    if current is None or current == until:
        return None
    if current < until or current <= today:
        return ChangeError(
            "ALREADY_ENDED",
            "until",
            f"It already ended on {current}.",
            f"已于 {current} 结束。",
        )
    return None


_LEVEL_ZH = {
    "community": "社区",
    "residential_area": "小区",
    "micro_grid": "微网格",
    "block": "责任块",
    "corridor": "楼道",
}


async def assign_role(
    db: GraphSession, *, person_id: str, role: str, scope: str, since: date, until: date | None
) -> RoleRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> RoleRow | ChangeError:
        if (bad := check_dates(since, until)) is not None:
            return bad
        person = await one_row(tx, FIND_PERSON, id=person_id)
        if person is None:
            return not_found("personId", "person", "人员", person_id)
        area = await one_row(tx, LOCK_AREA, key=scope)  # before the check for another holder
        if area is None:
            return not_found("scope", "area", "网格单元", scope)
        wanted = ROLE_SCOPE_LEVEL[role]
        if area["level"] != wanted:
            return ChangeError(
                "WRONG_SCOPE",
                "scope",
                f"A {role} serves a {wanted}; {scope} is a {area['level']}.",
                f"该职务应在{_LEVEL_ZH[wanted]}任职，而 {scope} 是{_LEVEL_ZH[area['level']]}。",
            )
        held = await one_row(tx, OVERLAPPING_ROLE, role=role, scope=scope, since=since, until=until)
        if held is not None:
            return ChangeError(
                "ROLE_ALREADY_HELD",
                "scope",
                f"{scope} already has a {role} ({held['person']}, since {held['since']}) "
                "in that period: end that role first.",
                f"{scope} 在该时段已有此职务（{held['person']}，自 {held['since']}），"
                "请先结束原任职。",
            )
        await run_rows(
            tx, CREATE_ROLE, person=person_id, role=role, scope=scope, since=since, until=until
        )
        return RoleRow(person_id, role, scope, since, until)

    return await db.write(work)


T = TypeVar("T")


async def _end_tie(
    db: GraphSession,
    *,
    tie_id: str,
    until: date,
    today: date,
    lock: tuple[str, str],
    find: str,
    end: str,
    names: tuple[str, str, str],
    what: tuple[str, str],
    row: Callable[[str, str, str, date, date | None], T],
) -> T | ChangeError:
    """End a role or a pairing named by its id (``a|b|c|since``): check, then record ``until``."""
    key = parse_tie_id(tie_id)
    if key is None:
        return not_found("id", what[0], what[1], tie_id)
    first, second, third, since = key
    params: dict[str, Any] = {**dict(zip(names, key[:3], strict=True)), "since": since}

    lock_query, lock_key = lock

    async def work(tx: AsyncManagedTransaction) -> T | ChangeError:
        await one_row(tx, lock_query, key=params[lock_key])
        found = await one_row(tx, find, **params)
        if found is None:
            return not_found("id", what[0], what[1], tie_id)
        ended = _already_ended(found["until"], until, today)
        if (bad := check_dates(since, until) or ended) is not None:
            return bad
        await run_rows(tx, end, **params, until=until)
        return row(first, second, third, since, until)

    return await db.write(work)


async def end_role(
    db: GraphSession, *, role_id: str, until: date, today: date
) -> RoleRow | ChangeError:
    return await _end_tie(
        db,
        tie_id=role_id,
        until=until,
        today=today,
        lock=(LOCK_AREA, "scope"),
        find=FIND_ROLE,
        end=END_ROLE,
        names=("person", "role", "scope"),
        what=("role", "任职"),
        row=RoleRow,
    )


async def add_pairing(
    db: GraphSession,
    *,
    helper_id: str,
    resident_id: str,
    kind: str,
    since: date,
    until: date | None,
) -> PairingRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> PairingRow | ChangeError:
        if helper_id == resident_id:
            return ChangeError(
                "SELF_HELP", "helperId", "Nobody can be their own helper.", "帮扶人不能是本人。"
            )
        if (bad := check_dates(since, until)) is not None:
            return bad
        if await one_row(tx, FIND_PERSON, id=helper_id) is None:
            return not_found("helperId", "person", "人员", helper_id)
        resident = await one_row(tx, LOCK_PERSON, key=resident_id)  # before the check for a clash
        if resident is None or not resident["resident"]:
            return not_found("residentId", "resident", "居民", resident_id)
        clash = await one_row(
            tx,
            OVERLAPPING_PAIRING,
            helper=helper_id,
            resident=resident_id,
            since=since,
            until=until,
        )
        if clash is not None:
            return ChangeError(
                "ALREADY_PAIRED",
                "helperId",
                f"{helper_id} already helps {resident_id} in that period "
                f"({clash['kind']}, since {clash['since']}).",
                f"{helper_id} 在该时段已与 {resident_id} 结对（自 {clash['since']}）。",
            )
        await run_rows(
            tx,
            CREATE_PAIRING,
            helper=helper_id,
            resident=resident_id,
            kind=kind,
            since=since,
            until=until,
        )
        return PairingRow(helper_id, resident_id, kind, since, until)

    return await db.write(work)


async def end_pairing(
    db: GraphSession, *, pairing_id: str, until: date, today: date
) -> PairingRow | ChangeError:
    return await _end_tie(
        db,
        tie_id=pairing_id,
        until=until,
        today=today,
        lock=(LOCK_PERSON, "resident"),
        find=FIND_PAIRING,
        end=END_PAIRING,
        names=("helper", "resident", "kind"),
        what=("helper pairing", "结对"),
        row=PairingRow,
    )


async def record_visit(
    db: GraphSession,
    *,
    visitor_id: str,
    resident_id: str,
    on: date,
    mode: str,
    note: str | None,
    today: date,
) -> VisitRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> VisitRow | ChangeError:
        if on > today:
            return ChangeError(
                "INVALID_DATES",
                "on",
                f"A visit cannot be in the future ({on}).",
                f"走访日期 {on} 不能晚于今天。",
            )
        if await one_row(tx, FIND_PERSON, id=visitor_id) is None:
            return not_found("visitorId", "person", "人员", visitor_id)
        resident = await one_row(tx, FIND_PERSON, id=resident_id)
        if resident is None or not resident["resident"]:
            return not_found("residentId", "resident", "居民", resident_id)
        await run_rows(
            tx, RECORD_VISIT, visitor=visitor_id, resident=resident_id, on=on, mode=mode, note=note
        )
        return VisitRow(visitor_id, resident_id, on, mode, note)

    # Nothing but a VISITED relationship is written: the scopes' structural facts stay good.
    return await db.write(work, visits_only=True)
