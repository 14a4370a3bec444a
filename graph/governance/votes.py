"""Votes (表决) in the graph: ``(:Vote)-[:ON]->(:Matter)``, its electorate fixed when it opens
(``(:Vote)-[:ELECTOR]->(:Elector)``: owner units with their area, or adult residents or
households), and its ballots, appended: ``(:Vote)-[:BALLOT]->(:Ballot {voter, choice, at})``.

A ballot may be changed until the vote closes by casting another; the latest of an elector's
counts (:func:`graph.analysis.votes.counted`), and every one cast stays on record. The tally is
never stored: it is computed from the ballots whenever it is read (:func:`tally_of`), by the same
rules whatever the reader. Casting, attendance and closing each lock the vote first, so that a
ballot cannot slip in after the close.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.access.scope import area_in_scope
from graph.access.session import GraphSession
from graph.analysis import votes as rules
from graph.errors import ChangeError
from graph.records.changes import not_found, one_row
from graph.store.values import run_rows

__all__ = [
    "VoteRow",
    "attend",
    "cast_ballot",
    "close_vote",
    "open_vote",
    "tally_of",
    "vote_by_id",
    "vote_row",
    "votes_by_matter",
]

_IN_AREA = "$area IN [(c)-[:PART_OF*0..6]->(u:Area) | u.code]"
OWNER_DWELLINGS = f"""
    MATCH (d:Dwelling)-[:IN]->(c:Corridor) WHERE {_IN_AREA}
    RETURN d.key AS key, d.exclusiveArea AS area,
           COLLECT {{ MATCH (p:Person)-[:OWNS]->(d) RETURN p.id }} AS owners"""
ADULTS = f"""
    MATCH (p:Resident)-[:MEMBER_OF]->(h:Household)-[l:LIVES_IN]->(:Dwelling)-[:IN]->(c:Corridor)
    WHERE l.until IS NULL AND p.leftOn IS NULL AND p.birthYear <= $bornBy AND {_IN_AREA}
    RETURN p.id AS person, h.id AS household"""
MATTER_AREA = (
    "MATCH (m:Matter {id: $matter})-[:ABOUT]->(a:Area) RETURN a.code AS area, m.status AS status"
)
CREATE_VOTE = """
    MATCH (m:Matter {id: $matter})
    CREATE (v:Vote {id: $id, title: $title, rule: $rule, by: $by, status: 'open', opensOn: $on,
                    openedAt: $at, unweighed: $unweighed})-[:ON]->(m)
    WITH v
    UNWIND $electors AS e
    CREATE (v)-[:ELECTOR]->(:Elector {key: e.key, people: e.people, area: e.area,
                                      dwellings: e.dwellings})"""
_VOTE_FIELDS = """v.id AS id, v.title AS title, v.rule AS rule, v.by AS by, v.status AS status,
    v.opensOn AS opensOn, v.openedAt AS openedAt, v.closedAt AS closedAt,
    v.unweighed AS unweighed, m.id AS matter,
    COLLECT { MATCH (v)-[:ELECTOR]->(e:Elector)
              RETURN e {.key, .people, .area, .dwellings} AS e ORDER BY e.key } AS electors,
    COLLECT { MATCH (v)-[:BALLOT]->(b:Ballot)
              RETURN b {.voter, .choice, .at} AS b ORDER BY b.at, b.seq } AS ballots,
    COLLECT { MATCH (p:Person)-[:ATTENDED]->(v) RETURN p.id } AS present"""
VOTES = f"""
    MATCH (v:Vote)-[:ON]->(m:Matter)-[:ABOUT]->(a:Area)
    WHERE {area_in_scope("a")} AND ($id IS NULL OR v.id = $id)
      AND ($matters IS NULL OR m.id IN $matters)
    RETURN {_VOTE_FIELDS}
    ORDER BY v.openedAt DESC"""
LOCK_VOTE = """
    MATCH (v:Vote {id: $id}) SET v._lock = true REMOVE v._lock
    RETURN v.status AS status, v.rule AS rule,
           COLLECT { MATCH (v)-[:ELECTOR]->(e:Elector) RETURN e {.key, .people, .area} }
           AS electors,
           COUNT { (v)-[:BALLOT]->() } AS ballots"""
CAST = """
    MATCH (v:Vote {id: $id})
    CREATE (v)-[:BALLOT]->(:Ballot {seq: $seq, voter: $voter, choice: $choice, at: $at,
                                    elector: $elector, accountId: $account})"""
ATTEND = """
    MATCH (v:Vote {id: $id}) UNWIND $people AS person
    MATCH (p:Person {id: person}) MERGE (p)-[a:ATTENDED]->(v) ON CREATE SET a.at = $at"""
CLOSE = "MATCH (v:Vote {id: $id}) SET v.status = 'closed', v.closedAt = $at"


@dataclass(frozen=True)
class VoteRow:
    id: str
    title: str
    rule: rules.VoteRule
    by: str | None  # residents' meetings: "residents" or "households"
    status: str  # open | closed
    opens_on: date
    opened_at: datetime
    closed_at: datetime | None
    unweighed: int  # dwellings left out of an owners' vote: no recorded area
    matter: str
    electors: tuple[rules.Elector, ...]
    ballots: tuple[rules.Ballot, ...]  # every one cast, oldest first
    present: tuple[str, ...]


def _elector(row: dict[str, Any]) -> rules.Elector:
    return rules.Elector(
        row["key"], frozenset(row["people"]), Fraction(Decimal(row["area"])),
        tuple(row.get("dwellings") or ()),
    )  # fmt: skip


def vote_row(row: dict[str, Any]) -> VoteRow:
    """A row of :data:`VOTES` as a :class:`VoteRow`."""
    return VoteRow(
        id=row["id"], title=row["title"], rule=row["rule"], by=row["by"], status=row["status"],
        opens_on=row["opensOn"], opened_at=row["openedAt"], closed_at=row["closedAt"],
        unweighed=row["unweighed"] or 0, matter=row["matter"],
        electors=tuple(_elector(e) for e in row["electors"]),
        ballots=tuple(rules.Ballot(b["voter"], b["choice"], b["at"]) for b in row["ballots"]),
        present=tuple(row["present"]),
    )  # fmt: skip


def tally_of(vote: VoteRow) -> rules.Tally:
    """The live tally (the final one once closed: no ballot is taken after the close)."""
    return rules.tally(vote.rule, vote.electors, vote.ballots, present=vote.present)


async def votes_by_matter(db: GraphSession, *, keys: list[str]) -> list[list[VoteRow]]:
    """The votes on each of these matters (in the caller's scope), newest first: one read for
    a whole board (a DataLoader's batch)."""
    found: dict[str, list[VoteRow]] = {k: [] for k in keys}
    for r in await db.read(VOTES, id=None, matters=keys):
        found[r["matter"]].append(vote_row(r))
    return [found[k] for k in keys]


async def vote_by_id(db: GraphSession, *, id: str) -> VoteRow | None:
    rows = await db.read(VOTES, id=id, matters=None)
    return vote_row(rows[0]) if rows else None


async def _read_back(tx: AsyncManagedTransaction, vote_id: str) -> VoteRow:
    rows = await run_rows(tx, VOTES, id=vote_id, matters=None, scope=None)
    return vote_row(rows[0])


def _area_text(area: Fraction) -> str:
    return str(Decimal(area.numerator) / Decimal(area.denominator))


async def _electorate(
    tx: AsyncManagedTransaction, rule: str, by: str, area: str, on: date
) -> tuple[tuple[rules.Elector, ...], int]:
    if rule == "residents_meeting":
        rows = await run_rows(tx, ADULTS, area=area, bornBy=on.year - 18)
        adults = [(r["person"], r["household"]) for r in rows]
        return rules.resident_electors(
            adults, by="households" if by == "households" else "residents"
        ), 0
    rows = await run_rows(tx, OWNER_DWELLINGS, area=area)
    weighed = [r for r in rows if r["area"] is not None]
    dwellings = [
        rules.Dwelling(r["key"], Decimal(repr(float(r["area"]))), tuple(sorted(r["owners"])))
        for r in weighed
    ]
    return rules.owner_electors(dwellings), len(rows) - len(weighed)


async def open_vote(
    db: GraphSession, *, matter: str, title: str, rule: str, by: str | None, on: date,
    at: datetime,
) -> VoteRow | ChangeError:  # fmt: skip
    async def work(tx: AsyncManagedTransaction) -> VoteRow | ChangeError:
        found = await one_row(tx, MATTER_AREA, matter=matter)
        if found is None:
            return not_found("matter", "matter", "议题", matter)
        if found["status"] not in ("raised", "accepted"):
            return ChangeError("INVALID_STEP", "matter", "The matter is no longer open.",
                               "该议题已不在处理中。")  # fmt: skip
        electors, unweighed = await _electorate(tx, rule, by or "residents", found["area"], on)
        if not electors:
            return ChangeError(
                "NO_ELECTORATE", "rule",
                "Nobody may vote on this under that rule: no adult residents, or no dwelling "
                "with a recorded area, in the matter's place.",
                "按此规则无人可投票：议题所涉地点没有成年居民，或没有登记专有面积的房屋。",
            )  # fmt: skip
        vote_id = f"{matter.split('/', 1)[0]}/V-{secrets.token_hex(4).upper()}"
        rows = [{"key": e.key, "people": sorted(e.people), "area": _area_text(e.area),
                 "dwellings": list(e.dwellings)} for e in electors]  # fmt: skip
        await run_rows(tx, CREATE_VOTE, matter=matter, id=vote_id, title=title, rule=rule,
                       by=by if rule == "residents_meeting" else None, on=on, at=at,
                       unweighed=unweighed, electors=rows)  # fmt: skip
        return await _read_back(tx, vote_id)

    return await db.write(work)


async def _locked(tx: AsyncManagedTransaction, vote_id: str) -> dict[str, Any] | ChangeError:
    locked = await one_row(tx, LOCK_VOTE, id=vote_id)
    if locked is None:
        return not_found("voteId", "vote", "表决", vote_id)
    if locked["status"] != "open":
        return ChangeError("VOTE_CLOSED", "voteId", "The vote is closed.", "表决已结束。")
    return locked


async def cast_ballot(
    db: GraphSession, *, vote_id: str, voter: str, choice: str, at: datetime,
    account: str | None,
) -> VoteRow | ChangeError:  # fmt: skip
    async def work(tx: AsyncManagedTransaction) -> VoteRow | ChangeError:
        locked = await _locked(tx, vote_id)
        if isinstance(locked, ChangeError):
            return locked
        elector = rules.elector_of([_elector(e) for e in locked["electors"]], voter)
        if elector is None:
            return ChangeError(
                "NOT_AN_ELECTOR", "voterId",
                f"{voter} casts no ballot in this vote (not an owner of its place, or not an "
                "adult resident of it, when it opened).",
                f"{voter} 不在本次表决的投票人名册中（开始表决时不是该处业主或成年居民）。",
            )  # fmt: skip
        await run_rows(tx, CAST, id=vote_id, seq=locked["ballots"] + 1, voter=voter,
                       choice=choice, at=at, elector=elector.key, account=account)  # fmt: skip
        return await _read_back(tx, vote_id)

    return await db.write(work)


async def attend(
    db: GraphSession, *, vote_id: str, people: list[str], at: datetime
) -> VoteRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> VoteRow | ChangeError:
        locked = await _locked(tx, vote_id)
        if isinstance(locked, ChangeError):
            return locked
        if locked["rule"] != "residents_meeting":
            return ChangeError(
                "WRONG_KIND", "voteId", "Attendance counts at a residents' meeting only.",
                "只有居民会议登记到会。",
            )  # fmt: skip
        roll = rules.electors_by_person(_elector(e) for e in locked["electors"])
        for person in people:
            if person not in roll:
                return ChangeError("NOT_AN_ELECTOR", "people", f"{person} is not on the roll.",
                                   f"{person} 不在本次会议的名册中。")  # fmt: skip
        await run_rows(tx, ATTEND, id=vote_id, people=people, at=at)
        return await _read_back(tx, vote_id)

    return await db.write(work)


async def close_vote(db: GraphSession, *, vote_id: str, at: datetime) -> VoteRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> VoteRow | ChangeError:
        locked = await _locked(tx, vote_id)
        if isinstance(locked, ChangeError):
            return locked
        await run_rows(tx, CLOSE, id=vote_id, at=at)
        return await _read_back(tx, vote_id)

    return await db.write(work)
