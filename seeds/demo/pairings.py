"""Named helpers: 2 or 3 pairings of at least two kinds for every vulnerable elder outside the
planted gaps, the planted overloaded volunteers, and pairings that ended, keeping every active
load within bounds."""

from __future__ import annotations

import random

from seeds.demo.constants import RESIDENT_HELPER_LIMIT, VOLUNTEER_CAPACITY
from seeds.demo.dates import active, days
from seeds.demo.gaps import Plan
from seeds.demo.residents import Community
from seeds.rows import HelperRow, PersonRow, ResidentRow, RoleRow

__all__ = ["helper_rows"]


_HELPER_KINDS = ("family", "neighbour", "volunteer", "party_member", "floor_chief")
_HELPER_WEIGHTS = (30, 30, 20, 12, 8)


class _Pairing:
    """Builds named helper pairings while keeping everyone's active load within bounds."""

    def __init__(
        self, rng: random.Random, com: Community, volunteers: list[str], chiefs: dict[str, str]
    ) -> None:
        self.rng = rng
        self.com = com
        self.open_volunteers = list(volunteers)
        self.load: dict[str, int] = {}
        self.of: dict[str, list[tuple[str, str]]] = {}  # elder -> active (helper, kind)
        self.rows: list[HelperRow] = []
        self.chiefs = chiefs  # active floor chief -> the corridor they serve

    def add(self, helper: str, elder: ResidentRow, kind: str) -> None:
        since = self.com.today - days(self.rng.randint(61, 1500))
        self.rows.append(HelperRow(helper, elder.resident_id, kind, since))
        self.load[helper] = self.load.get(helper, 0) + 1
        self.of.setdefault(elder.resident_id, []).append((helper, kind))

    def ended(self, helper: str, elder: ResidentRow, kind: str) -> None:
        since = self.com.today - days(self.rng.randint(400, 1500))
        until = self.com.today - days(self.rng.randint(30, 360))
        self.rows.append(HelperRow(helper, elder.resident_id, kind, since, until))

    def named(self, elder: ResidentRow) -> list[tuple[str, str]]:
        """The elder's pairings with people who are not already their floor chiefs."""
        return [
            (h, k)
            for h, k in self.of.get(elder.resident_id, ())
            if self.chiefs.get(h) != elder.corridor
        ]

    def enough(self, elder: ResidentRow, target: int) -> bool:
        named = self.named(elder)
        return len(named) >= target and len({k for _, k in named}) >= 2

    def can_help(self, helper: ResidentRow, elder: ResidentRow) -> bool:
        # A floor chief already follows every vulnerable elder of their corridor, up to the
        # floor-chief capacity: they are paired only with elders of that corridor.
        chief_of = self.chiefs.get(helper.resident_id)
        return (
            helper.household_id != elder.household_id
            and self.load.get(helper.resident_id, 0) < RESIDENT_HELPER_LIMIT
            and helper.resident_id not in {h for h, _ in self.of.get(elder.resident_id, ())}
            and chief_of in (None, elder.corridor)
        )

    def pick(self, pool: list[ResidentRow], elder: ResidentRow, older_by: int = 0) -> str | None:
        for _ in range(8):
            if not pool:
                return None
            r = self.rng.choice(pool)
            if self.can_help(r, elder) and self.com.age(elder) - self.com.age(r) >= older_by:
                return r.resident_id
        return None

    def find(self, kind: str, elder: ResidentRow) -> str | None:
        com = self.com
        if kind == "family":  # a son, daughter or nephew living elsewhere in the community
            return self.pick(com.fit_by_surname.get(elder.name[0], []), elder, older_by=20)
        if kind == "neighbour":
            return self.pick(com.fit_in_corridor[elder.corridor], elder)
        if kind == "party_member":
            return self.pick(com.party_in_block[com.block_of[elder.corridor]], elder)
        if kind == "floor_chief":
            fits = [
                r
                for r in com.in_corridor[elder.corridor]
                if self.chiefs.get(r.resident_id) == elder.corridor
            ]
            return self.pick(fits, elder)
        if not self.open_volunteers:
            return None
        volunteer = self.rng.choice(self.open_volunteers)
        if volunteer in {h for h, _ in self.of.get(elder.resident_id, ())}:
            return None
        if self.load.get(volunteer, 0) + 1 >= VOLUNTEER_CAPACITY:
            self.open_volunteers.remove(volunteer)
        return volunteer

    def fallback(self, elder: ResidentRow) -> tuple[str, str] | None:
        # Exhaustive, so every vulnerable elder outside the planted gaps ends up with two named
        # helpers of two kinds (the floor chiefs and the grid worker come on top of those).
        com, used = self.com, {k for _, k in self.named(elder)}
        block = com.block_of[elder.corridor]
        micro = com.micro_of[elder.corridor]
        pools = (
            ("neighbour", com.fit_in_corridor[elder.corridor]),
            ("other", [r for r in com.in_block[block] if com.fit(r)]),
            ("other", [r for r in com.residents if com.micro_of[r.corridor] == micro]),
        )
        for kind, pool in pools:
            if len(used) < 2 and kind in used:
                continue
            for r in pool:
                if (
                    com.fit(r)
                    and self.can_help(r, elder)
                    and self.chiefs.get(r.resident_id) is None
                ):
                    return r.resident_id, kind
        return None


def helper_rows(
    rng: random.Random,
    com: Community,
    plan: Plan,
    people: list[PersonRow],
    roles: list[RoleRow],
) -> list[HelperRow]:
    overloaded = dict(plan.overloaded)
    volunteers = [p.person_id for p in people if p.kind == "volunteer"]
    chiefs = {
        role.person_id: role.scope
        for role in roles
        if role.role in ("first_floor_chief", "second_floor_chief")
        and active(role.since, role.until, com.today)
    }
    pairing = _Pairing(rng, com, [v for v in volunteers if v not in overloaded], chiefs)
    eligible = [r for r in com.vulnerable if r.resident_id not in plan.isolated]
    chosen = rng.sample(eligible, sum(overloaded.values()))
    for volunteer, count in overloaded.items():
        for elder in chosen[:count]:
            pairing.add(volunteer, elder, "volunteer")
        del chosen[:count]
        # An ended pairing besides: it must not count towards the load.
        former = next(
            e
            for e in eligible
            if volunteer not in {h for h, _ in pairing.of.get(e.resident_id, ())}
        )
        pairing.ended(volunteer, former, "volunteer")
    for elder in eligible:
        target = 2 if rng.random() < 0.7 else 3
        for _ in range(12):
            if pairing.enough(elder, target):
                break
            kind = rng.choices(_HELPER_KINDS, _HELPER_WEIGHTS)[0]
            helper = pairing.find(kind, elder)
            if helper:
                pairing.add(helper, elder, kind)
        while not pairing.enough(elder, 2):
            found = pairing.fallback(elder)
            if found is None:
                raise RuntimeError(f"no second helper for {elder.resident_id}")
            pairing.add(found[0], elder, found[1])
        if rng.random() < 0.12:  # an earlier helper who moved away or stopped
            _ended_pairing(rng, com, pairing, elder, volunteers)
    if plan.unseen:  # a planted elder whose only named helper stopped: still a gap today
        elder = next(r for r in com.vulnerable if r.resident_id == plan.unseen)
        pairing.ended(rng.choice(volunteers), elder, "volunteer")
    return pairing.rows


def _ended_pairing(
    rng: random.Random,
    com: Community,
    pairing: _Pairing,
    elder: ResidentRow,
    volunteers: list[str],
) -> None:
    neighbours = [
        r.resident_id
        for r in com.fit_in_corridor[elder.corridor]
        if r.household_id != elder.household_id
    ]
    if neighbours and rng.random() < 0.5:
        pairing.ended(rng.choice(neighbours), elder, "neighbour")
    elif volunteers:
        pairing.ended(rng.choice(volunteers), elder, "volunteer")
