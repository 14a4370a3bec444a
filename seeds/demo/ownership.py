"""The dwellings sheet of the demo: every dwelling's exclusive floor area, by housing type, and
its owners — usually the head of the household, often with a spouse as co-owner; some dwellings
let by owners who live elsewhere (the people sheet's 业主), one of them owning two; a few vacant
dwellings with an owner but no residents, and a few whose owner the committee does not know.

It draws from a generator of its own, so that adding it changed nothing else of the demo.
"""

from __future__ import annotations

import random
from decimal import Decimal

from seeds.demo.households import draw_name, draw_surname
from seeds.demo.layout import codes
from seeds.rows import DwellingRow, GridRow, PersonRow, ResidentRow

__all__ = ["dwelling_rows"]

# m² of an exclusive part, by housing type (a Shanghai estate of the 2000s).
AREAS: dict[str, tuple[int, int]] = {
    "high_rise": (58, 142),
    "stacked": (118, 196),
    "townhouse": (176, 262),
    "villa": (248, 405),
}
_OWNER_PHONES = 13909500000


def dwelling_rows(
    seed: int, grid: list[GridRow], residents: list[ResidentRow]
) -> tuple[list[DwellingRow], list[PersonRow]]:
    """The dwellings sheet and the non-resident owners it names (to add to the people sheet)."""
    rng = random.Random(f"{seed}/dwellings")
    housing = {g.corridor: g.housing_type for g in grid}
    households: dict[tuple[str, str], list[ResidentRow]] = {}
    for r in residents:
        households.setdefault((r.corridor, r.room), []).append(r)
    dwellings = sorted(households)
    absentees = max(2, len(dwellings) // 40)
    owner_ids = codes("O", absentees, 3)
    owners: list[PersonRow] = []
    for n, pid in enumerate(owner_ids):
        gender = rng.choice(("female", "male"))
        name = draw_name(rng, draw_surname(rng), gender, rng.randint(1950, 1990))
        owners.append(PersonRow(pid, name, "owner", "", str(_OWNER_PHONES + n + 1)))
    let = rng.sample(range(len(dwellings)), min(len(dwellings), absentees + 1))
    landlord = {index: owner_ids[i % absentees] for i, index in enumerate(let)}
    rows: list[DwellingRow] = []
    for index, (corridor, room) in enumerate(dwellings):
        low, high = AREAS[housing[corridor]]
        area = Decimal(rng.randint(low * 100, high * 100)) / 100
        people = households[(corridor, room)]
        chance = rng.random()
        if index in landlord:
            who: tuple[str, ...] = (landlord[index],)
        elif chance < 0.01:
            who = ()  # an owner the committee does not know: still counted in every total
        else:
            head = next((p for p in people if p.relation == "head"), people[0])
            spouse = next((p for p in people if p.relation == "spouse"), None)
            who = (head.resident_id,)
            if spouse is not None and chance < 0.45:
                who += (spouse.resident_id,)
        rows.append(DwellingRow(corridor, room, area, who))
    return rows, owners
