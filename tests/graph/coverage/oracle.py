"""An independent oracle for the coverage analysis, which ``test_gaps_oracle`` checks the API
against.

The oracle is plain Python over the rows of a :class:`~seeds.rows.Roster`, written from the
definitions of the coverage issue and not from ``graph/``: it shares no code with the Cypher or
the analysis, and computes everything the slow, obvious way (a single point of failure is found
by re-running the whole verdict without that person).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from seeds.rows import HelperRow, RoleRow, Roster, VisitRow

DAY = date(2025, 6, 15)
VULNERABLE_TAGS = ("独居", "高龄", "残疾")
PAIRING_KINDS = ("family", "neighbour", "volunteer", "party_member", "floor_chief", "other")
# The week's windows, and who can be reached when unless the roster says (the defaults).
WINDOWS = ("weekday_day", "weekday_evening", "night", "weekend")
OFFICE_HOURS = ("doctor", "grid_worker", "committee_staff")  # non-residents: weekday days only
CORRIDOR_ROLES = {
    "first_floor_chief": "floor_chief",
    "second_floor_chief": "floor_chief",
    "volunteer": "volunteer",
    "party_member": "party_member",
}


# --- the oracle -------------------------------------------------------------------------------


@dataclass
class Verdict:
    """What the oracle says about one scope."""

    area_gaps: set[tuple[str, str]] = field(default_factory=set)
    helpers: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # vulnerable elders
    under: dict[str, tuple[str, ...]] = field(default_factory=dict)
    overloaded: dict[str, tuple[int, int]] = field(default_factory=dict)  # load, capacity
    spofs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    figures: dict[str, dict[str, tuple[int, int] | int]] = field(default_factory=dict)


def on(day: date, since: date, until: date | None) -> bool:
    return since <= day and (until is None or day <= until)


class Oracle:
    """The coverage definitions applied to roster rows, with people gone (left or removed).

    Every verdict is computed from the rows: indexes only group rows by resident, household and
    area so that a full-size demo can be checked too.
    """

    def __init__(self, roster: Roster, day: date = DAY, left: set[str] = frozenset()) -> None:
        self.r, self.day, self.left = roster, day, set(left)
        self.parent: dict[str, str | None] = {roster.community: None}
        self.level: dict[str, str] = {roster.community: "community"}
        for g in roster.grid:
            for code, level, up in (
                (g.area, "residential_area", roster.community),
                (g.micro_grid, "micro_grid", g.area),
                (g.block, "block", g.micro_grid),
                (g.corridor, "corridor", g.block),
            ):
                self.parent[code], self.level[code] = up, level
        self.residents = {x.resident_id: x for x in roster.residents}
        self.staff = {p.person_id: p for p in roster.people}
        self.everyone = set(self.residents) | set(self.staff)
        self.household: dict[str, list[str]] = defaultdict(list)
        for x in roster.residents:
            self.household[x.household_id].append(x.resident_id)
        self.pairings: dict[str, list[HelperRow]] = defaultdict(list)
        for h in roster.helpers:
            if on(day, h.since, h.until):
                self.pairings[h.resident_id].append(h)
        self.visits: dict[str, list[VisitRow]] = defaultdict(list)
        for v in roster.visits:
            self.visits[v.resident_id].append(v)

    # the plain facts
    def age(self, rid: str) -> int:
        return self.day.year - self.residents[rid].birth_year

    def here(self, pid: str, gone: set[str]) -> bool:
        return pid in self.everyone and pid not in self.left and pid not in gone

    def corridor(self, rid: str) -> str:
        c = self.residents[rid].corridor
        return c if self.level.get(c) == "corridor" else ""

    def within(self, code: str, area: str) -> bool:
        while code:
            if code == area:
                return True
            code = self.parent.get(code) or ""
        return False

    def roles(self, gone: set[str]) -> list[RoleRow]:
        return [
            x
            for x in self.r.roles
            if on(self.day, x.since, x.until)
            and self.here(x.person_id, gone)
            and x.scope in self.level
        ]

    def reachable(self, pid: str, window: str | None) -> bool:
        """Whether ``pid`` can be reached in ``window`` (None: any time counts)."""
        if window is None:
            return True
        if pid in self.residents:
            x = self.residents[pid]
            if x.availability is not None:
                return window in x.availability
            at_work = x.party == "double" or 18 <= self.age(pid) < 60
            return not (at_work and window == "weekday_day")
        if pid in self.staff:
            p = self.staff[pid]
            if p.availability is not None:
                return window in p.availability
            return p.kind not in OFFICE_HOURS or window == "weekday_day"
        return True

    # the definitions
    def helpers_of(
        self, e: str, gone: set[str], roles: list[RoleRow], window: str | None = None
    ) -> dict[str, set[str]]:
        every = self._helpers_of(e, gone, roles)
        return {h: k for h, k in every.items() if self.reachable(h, window)}

    def _helpers_of(self, e: str, gone: set[str], roles: list[RoleRow]) -> dict[str, set[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        me = self.residents[e]
        corridor = self.corridor(e)
        micro = self.parent.get(self.parent.get(corridor) or "") if corridor else None
        for h in self.pairings[e]:
            if self.here(h.helper_id, gone):
                found[h.helper_id].add(h.kind if h.kind in PAIRING_KINDS else "other")
        for x in self.household[me.household_id]:
            if self.here(x, gone) and 18 <= self.age(x) < 75:
                found[x].add("family")
        for role in roles:
            if role.role in CORRIDOR_ROLES and role.scope == corridor:
                found[role.person_id].add(CORRIDOR_ROLES[role.role])
            if role.role == "grid_worker" and role.scope == micro:
                found[role.person_id].add("grid_staff")
        if me.family_doctor and self.here(me.family_doctor, gone):
            found[me.family_doctor].add("doctor")
        found.pop(e, None)
        return dict(found)

    def vulnerable(self, e: str, gone: set[str]) -> bool:
        me = self.residents[e]
        if self.age(e) < 60:
            return False
        housemates = [x for x in self.household[me.household_id] if x != e and self.here(x, gone)]
        return (
            not housemates
            or self.age(e) >= 80
            or me.mobility in ("assisted", "dependent")
            or bool(set(me.tags) & set(VULNERABLE_TAGS))
        )

    def reasons(
        self, e: str, gone: set[str], roles: list[RoleRow], window: str | None = None
    ) -> tuple[str, ...]:
        helpers = self.helpers_of(e, gone, roles, window)
        kinds = {k for ks in helpers.values() for k in ks}
        anyone = self.helpers_of(e, gone, roles)  # a visit counts whenever it was made
        out = []
        if len(helpers) < 2:
            out.append("FEW_HELPERS")
        if len(kinds) < 2:
            out.append("FEW_KINDS")
        fortnight = self.day - timedelta(days=14)
        if not any(
            v.visitor_id in anyone and fortnight <= v.date <= self.day for v in self.visits[e]
        ):
            out.append("NO_RECENT_CONTACT")
        return tuple(out)

    def elders(self, scope: str, gone: set[str]) -> list[str]:
        """Residents aged 60+ in the scope who are still here."""
        return sorted(
            e
            for e in self.residents
            if self.here(e, gone) and self.age(e) >= 60 and self.within(self.corridor(e), scope)
        )

    def under(
        self, e: str, gone: set[str], roles: list[RoleRow], window: str | None = None
    ) -> tuple[str, ...]:
        return self.reasons(e, gone, roles, window) if self.vulnerable(e, gone) else ()

    def capacity(self, pid: str, roles: list[RoleRow]) -> int | None:
        if pid in self.staff and self.staff[pid].capacity is not None:
            return self.staff[pid].capacity
        if pid in self.staff and self.staff[pid].kind == "volunteer":
            return 5
        chief = any(
            x.person_id == pid and x.role in ("first_floor_chief", "second_floor_chief")
            for x in roles
        )
        return 5 if chief else None

    def area_gaps(self, scope: str, roles: list[RoleRow]) -> set[tuple[str, str]]:
        gaps = set()
        for code, level in self.level.items():
            if not self.within(code, scope):
                continue
            held = {x.role for x in roles if x.scope == code}
            if level == "corridor":
                if "first_floor_chief" not in held:
                    gaps.add((code, "NO_FIRST_FLOOR_CHIEF"))
                if "second_floor_chief" not in held:
                    gaps.add((code, "NO_SECOND_FLOOR_CHIEF"))
            if level in ("block", "micro_grid") and not any(
                self.within(x.scope, code)
                and x.person_id in self.residents
                and self.residents[x.person_id].party == "double"
                for x in roles
            ):
                gaps.add((code, "NO_PARTY_MEMBER"))
            if level == "micro_grid" and "grid_worker" not in held:
                gaps.add((code, "NO_GRID_WORKER"))
        return gaps

    def verdict(
        self, scope: str | None, removed: set[str] = frozenset(), window: str | None = None
    ) -> Verdict:
        """Everything the coverage report says about ``scope``, as if ``removed`` had left,
        counting only the helpers who can be reached in ``window`` when one is given."""
        scope, gone, w = scope or self.r.community, set(removed), window
        roles = self.roles(gone)
        v = Verdict(area_gaps=self.area_gaps(scope, roles))
        elders = self.elders(scope, gone)
        v.under = {e: why for e in elders if (why := self.under(e, gone, roles, w))}
        mine = [e for e in elders if self.vulnerable(e, gone)]
        v.helpers = {e: self.helpers_of(e, gone, roles, w) for e in mine}
        helped_by: dict[str, set[str]] = defaultdict(set)
        for e in self.elders(self.r.community, gone):
            if self.vulnerable(e, gone):
                for h in self.helpers_of(e, gone, roles, w):
                    helped_by[h].add(e)
        for h, helped in helped_by.items():
            cap = self.capacity(h, roles)
            if cap is not None and len(helped) > cap and helped & set(mine):
                v.overloaded[h] = (len(helped), cap)
        # A departure changes the verdict only of the people one helps or lives with.
        touched: dict[str, set[str]] = defaultdict(set)
        for e in elders:
            for h in self.helpers_of(e, gone, roles, w):
                touched[h].add(e)
            for x in self.household[self.residents[e].household_id]:
                touched[x].add(e)
        helpers_here = {h for e in elders for h in self.helpers_of(e, gone, roles, w)}
        for h in sorted(helpers_here):
            without = gone | {h}
            after_roles = self.roles(without)
            turned = tuple(
                sorted(
                    e
                    for e in touched[h] - {h}
                    if e not in v.under and self.under(e, without, after_roles, w)
                )
            )
            if turned:
                v.spofs[h] = turned
        v.figures = self.figures(scope, v)
        return v

    def figures(self, scope: str, v: Verdict) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        helped_here = {
            h: [e for e, helpers in v.helpers.items() if h in helpers] for h in v.overloaded
        }
        for area in (c for c in self.level if self.within(c, scope)):
            inner = [c for c in self.level if self.within(c, area)]

            def ratio(level: str, *rules: str, inner: list[str] = inner) -> tuple[int, int]:
                places = [c for c in inner if self.level[c] == level]
                ok = [c for c in places if not any((c, r) in v.area_gaps for r in rules)]
                return len(ok), len(places)

            def touching(lists: dict[str, Any], area: str = area) -> int:
                return sum(
                    any(self.within(self.corridor(e), area) for e in es) for es in lists.values()
                )

            elders = [e for e in v.helpers if self.within(self.corridor(e), area)]
            out[area] = {
                "corridorsWithBothChiefs": ratio(
                    "corridor", "NO_FIRST_FLOOR_CHIEF", "NO_SECOND_FLOOR_CHIEF"
                ),
                "corridorsWithFirstChief": ratio("corridor", "NO_FIRST_FLOOR_CHIEF"),
                "corridorsWithSecondChief": ratio("corridor", "NO_SECOND_FLOOR_CHIEF"),
                "blocksWithPartyMember": ratio("block", "NO_PARTY_MEMBER"),
                "microGridsWithPartyMember": ratio("micro_grid", "NO_PARTY_MEMBER"),
                "microGridsWithGridWorker": ratio("micro_grid", "NO_GRID_WORKER"),
                "eldersSupported": (len([e for e in elders if e not in v.under]), len(elders)),
                "eldersWithRecentContact": (
                    len([e for e in elders if "NO_RECENT_CONTACT" not in v.under.get(e, ())]),
                    len(elders),
                ),
                "overloadedHelpers": touching(helped_here),
                "singlePointsOfFailure": touching(dict(v.spofs)),
            }
        return out
