"""The demo community's governance ledger (台账): matters at all three levels, a consultation
meeting with the troika, a residents' meeting and two owners' decisions — one passing, one
failing its participation threshold — and projects like Qingsong's (road repair, gate post
renovation, parking widening, rain and sewage separation) with drawn before and after photos.

Written through the same functions as the API (:mod:`graph.governance`), so every rule holds for
it too; dated back from ``today``. A community that already has matters is left as it is, so a
second ``make demo`` changes nothing.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from PIL import Image, ImageDraw

from graph.access.session import GraphSession
from graph.errors import ChangeError
from graph.governance import matters, meetings, photos, projects, votes
from graph.identity import owned, ref
from graph.store.connection import Neo4jTarget
from seeds.rows import Roster

__all__ = ["LedgerSummary", "write_ledger"]

T = TypeVar("T")
HAS_LEDGER = "MATCH (m:Matter) WHERE m.id STARTS WITH $prefix RETURN count(m) > 0 AS has"


@dataclass(frozen=True)
class LedgerSummary:
    matters: int
    meetings: int
    votes: int
    projects: int
    photos: int
    written: bool  # False: the community had a ledger already


def _ok(result: Any) -> Any:
    if isinstance(result, ChangeError):
        raise RuntimeError(f"the demo ledger broke a rule: {result}")
    return result


def _picture(kind: str, after: bool) -> bytes:
    """A plain drawing of the place before and after (no text: no font needed)."""
    image = Image.new("RGB", (640, 400), (196, 206, 214) if after else (150, 146, 140))
    draw = ImageDraw.Draw(image)
    if kind in ("road", "parking"):
        draw.rectangle((0, 150, 640, 400), fill=(60, 62, 66) if after else (118, 112, 104))
        if after:
            for x in range(20, 640, 120):
                draw.rectangle((x, 270, x + 60, 280), fill=(240, 240, 240))
            if kind == "parking":
                for x in range(40, 640, 90):
                    draw.line((x, 160, x, 260), fill=(250, 250, 250), width=4)
        elif kind == "parking":  # cars parked on the narrow verge
            for x in range(30, 640, 110):
                draw.rectangle((x, 190, x + 80, 240), fill=(150, 40, 40))
        else:
            for n in range(12):
                draw.line((40 + 50 * n, 170 + (n % 3) * 60, 80 + 50 * n, 230 + (n % 2) * 70),
                          fill=(70, 66, 60), width=3)  # fmt: skip
    elif kind == "gate":
        colour = (200, 40, 40) if after else (120, 80, 50)
        for x in (180, 420):
            draw.rectangle((x, 80, x + 40, 380), fill=colour)
        draw.rectangle((180, 70, 460, 100), fill=(230, 200, 60) if after else (110, 96, 80))
    else:  # pipes
        draw.rectangle((0, 260, 640, 400), fill=(90, 90, 96))
        if after:
            draw.rectangle((100, 300, 540, 320), fill=(40, 110, 180))
            draw.rectangle((100, 340, 540, 360), fill=(120, 90, 60))
        else:
            draw.ellipse((160, 250, 480, 330), fill=(110, 96, 70))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


async def _ledger(db: GraphSession, roster: Roster, today: date) -> LedgerSummary:
    own = lambda code: ref(roster.community, code)  # noqa: E731
    person = lambda code: owned(roster.community, code)  # noqa: E731
    at = datetime.now(UTC)

    def ago(days: int) -> date:
        return today - timedelta(days=days)

    blocks = sorted({g.block for g in roster.grid})
    corridors = [sorted({g.corridor for g in roster.grid if g.block == b}) for b in blocks]
    staff = {k: person(next(p.person_id for p in roster.people if p.kind == k))
             for k in ("committee_staff", "owners_committee", "property")}  # fmt: skip
    residents = {
        c: [r for r in roster.residents if r.corridor == c] for c in roster_corridors(roster)
    }
    count = {"matters": 0, "meetings": 0, "votes": 0, "projects": 0, "photos": 0}

    async def matter(area: str, title: str, category: str, level: str, raised: int,
                     by: str | None = None) -> str:  # fmt: skip
        row = _ok(await matters.raise_matter(
            db, area=own(area), title=title, description=None, category=category, level=level,
            raised_by=person(by) if by else None, note=None, on=ago(raised), at=at,
            account="demo-committee", person=None,
        ))  # fmt: skip
        count["matters"] += 1
        return str(row.id)

    async def step(m: str, action: str, days: int, text: str | None = None) -> None:
        outcome = text if action in ("resolve", "close") else None
        _ok(await matters.append_step(
            db, matter_id=m, action=action, note=None if outcome else text, outcome=outcome,
            on=ago(days), at=at, account="demo-committee", person=None,
        ))  # fmt: skip

    def first_resident(corridor: str) -> str:
        return residents[corridor][0].resident_id

    # Building level: one solved by the floor chiefs, one open past its 14 days.
    c1, c2, c3 = corridors[0][0], corridors[1][0], corridors[2][0]
    m1 = await matter(c1, "楼道堆物占用消防通道", "safety", "building", 40, first_resident(c1))
    await step(m1, "accept", 39)
    await step(m1, "resolve", 31, "楼组长上门劝导，堆物已清，张贴禁堆提示")
    m2 = await matter(c2, "电动车在楼道充电", "safety", "building", 21, first_resident(c2))
    await step(m2, "accept", 20, "已提醒，仍有住户飞线充电")
    # Consultation: a leak escalated from the building, settled at a meeting with the troika.
    m3 = await matter(c3, "顶楼渗水影响多户", "repairs", "building", 70, first_resident(c3))
    await step(m3, "accept", 68)
    await step(m3, "escalate", 50, "涉及公共部位，楼组无法解决")
    await step(m3, "accept", 49)
    people = [(staff["committee_staff"], "committee_staff"),
              (staff["owners_committee"], "owners_committee"),
              (staff["property"], "property_company"),
              *((person(r.resident_id), "resident") for r in residents[c3][:3])]  # fmt: skip
    _ok(await meetings.record_meeting(
        db, area=own(c3), title="顶楼渗水协商议事会", on=ago(45), place="社区睦邻点",
        matters=[m3], attendees=people,
        decisions=[("物业先行修补屋面防水", "物业公司", ago(30)),
                   ("业委会核实维修资金使用程序", "业委会", ago(20))],
    ))  # fmt: skip
    count["meetings"] += 1
    await step(m3, "resolve", 28, "屋面防水修补完成，回访无渗漏")

    async def ballot(vote: str, elector: Any, choice: str) -> None:
        _ok(await votes.cast_ballot(db, vote_id=vote, voter=sorted(elector.people)[0],
                                    choice=choice, at=at, account="demo-committee"))  # fmt: skip

    # Votes: parking widening passes by the owners; a lift from the maintenance fund fails.
    async def owners_vote(m: str, title: str, rule: str, share: float, yes: float) -> str:
        vote = _ok(await votes.open_vote(db, matter=m, title=title, rule=rule, by=None,
                                         on=ago(25), at=at))  # fmt: skip
        electors = [e for e in vote.electors if e.people]
        taking = electors[: round(len(electors) * share)]
        for n, e in enumerate(taking):
            choice = "yes" if n < round(len(taking) * yes) else "no"
            await ballot(vote.id, e, choice)
        _ok(await votes.close_vote(db, vote_id=vote.id, at=at))
        count["votes"] += 1
        return str(vote.id)

    b1, b2, b3 = blocks[0], blocks[1], blocks[2]
    m4 = await matter(b1, "停车位不足，消防通道被占", "parking", "consultation", 60)
    await step(m4, "accept", 58)
    await step(m4, "escalate", 40, "涉及共有部分改造，提交业主表决")
    passed = await owners_vote(m4, "拓宽停车位（改造共有道路）", "owners_ordinary", 0.9, 0.8)
    await step(m4, "accept", 24)
    await step(m4, "resolve", 10, "业主表决通过，停车位拓宽完成")
    m5 = await matter(b2, "加装电梯（使用维修资金）", "facilities", "community_vote", 35)
    await owners_vote(m5, "动用维修资金加装电梯", "owners_special", 0.5, 0.9)
    await step(m5, "close", 20, "参与表决的业主不足三分之二，未能形成决定")
    # A residents' meeting of a block's households on its road.
    m6 = await matter(b3, "小区道路破损修缮", "environment", "community_vote", 45)
    meeting = _ok(await votes.open_vote(
        db, matter=m6, title="道路修缮方案", rule="residents_meeting", by="households",
        on=ago(30), at=at,
    ))  # fmt: skip
    present = meeting.electors[: len(meeting.electors) * 3 // 4]
    for n, e in enumerate(present):
        await ballot(meeting.id, e, "yes" if n % 5 else "no")
    _ok(await votes.close_vote(db, vote_id=meeting.id, at=at))
    count["votes"] += 1
    await step(m6, "accept", 29)
    await step(m6, "resolve", 5, "居民会议通过，道路已修缮")

    # Projects, with drawn photos before and (when done) after.
    async def project(title: str, kind: str, places: list[str], budget: float, funding: str,
                      decided: str | None, until: str) -> None:  # fmt: skip
        row = _ok(await projects.propose_project(
            db, title=title, kind=kind, places=[own(p) for p in places], budget=budget,
            funding=funding, decided_by=decided, description=None, on=ago(50),
        ))  # fmt: skip
        count["projects"] += 1
        for status, days in (("approved", 40), ("in_progress", 30), ("done", 8)):
            _ok(await projects.advance_project(db, id=row.id, status=status, on=ago(days)))
            if status == until:
                break
        shots = [("before", False), *([("after", True)] if until == "done" else [])]
        for which, after in shots:
            data = _picture(kind, after)
            checked = _ok(photos.check(data))
            photos.store(data, checked)
            _ok(await projects.add_photo(
                db, project=row.id, kind=which, caption=title, photo=checked, at=at,
                account="demo-committee",
            ))  # fmt: skip
            count["photos"] += 1
        if until == "done":
            for r in residents[roster_corridors(roster)[0]][:6]:
                score = 4 + len(r.name) % 2
                _ok(await projects.rate_project(
                    db, project=row.id, resident=person(r.resident_id), score=score, on=ago(3),
                ))  # fmt: skip

    await project("小区道路修缮", "road", corridors[2], 380000, "street_budget", m6, "done")
    await project("单元门岗修缮", "gate", [c3], 26000, "property_company", m3, "done")
    await project("停车位拓宽", "parking", corridors[0], 120000, "maintenance_fund", passed, "done")
    await project("雨污分流改造", "pipes", corridors[1], 650000, "government", None, "in_progress")
    return LedgerSummary(**count, written=True)


def roster_corridors(roster: Roster) -> list[str]:
    return sorted({g.corridor for g in roster.grid})


def once(
    target: Neo4jTarget, roster: Roster, *, has: str, write: Callable[[GraphSession], Awaitable[T]],
    skipped: T,
) -> T:  # fmt: skip
    """``write`` into ``roster``'s community (loaded already) unless ``has`` (a query of
    ``$prefix``, the community's) says it holds such records: ``skipped`` then."""

    async def run() -> T:
        async with target.async_driver() as driver:
            db = GraphSession(driver, database=target.database)
            rows = await db.read(has, prefix=f"{roster.community}/")
            return skipped if rows and rows[0]["has"] else await write(db)

    return asyncio.run(run())


def write_ledger(
    target: Neo4jTarget, roster: Roster, *, today: date | None = None
) -> LedgerSummary:
    """The demo ledger of ``roster``'s community (loaded already), unless it has one."""
    day = today or date.today()
    return once(target, roster, has=HAS_LEDGER, write=lambda db: _ledger(db, roster, day),
                skipped=LedgerSummary(0, 0, 0, 0, 0, written=False))  # fmt: skip
