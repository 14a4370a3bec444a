"""The planted gaps: which places and people get a coverage gap (the plan the generator follows),
and :func:`planted_gaps`, exactly the gaps a correct analysis finds in a generated roster.

Planted gaps
------------
Some coverage gaps are planted on purpose, so that the coverage analysis (``graph.coverage``,
default rules) has something precise to find; everything else is covered, so a correct analysis
reports exactly :func:`planted_gaps` and nothing more. :func:`planted_gaps` applies the same
selection rules the generator used, so it also works on a roster read back from a workbook.
``today`` is the date given to :func:`~seeds.demo.generator.generate`; "active" means
``since <= today`` and (``until`` empty or ``until >= today``); no role or pairing starts or ends
within 14 days of ``today``, so inclusive and exclusive readings of a boundary agree. See
:data:`PLANTED_GAPS` for the rules; in short, at the default size:

* area gaps: the last micro-grid (``QS-MG6``: the townhouses and villas of phase 3) has no active
  second floor chief in any of its 6 corridors and regions, so its 3 blocks and the micro-grid
  itself have no double-registered party member serving (block leaders are never
  double-registered and grid workers are staff, not residents); 2 more corridors elsewhere
  (``QS-B07-C3``, ``QS-B14-C2``) have no second floor chief, and ``QS-B07-C3`` lost its first
  floor chief too (the "bare" corridor). The second-chief gaps cycle through: the role ended,
  there never was one, one is appointed from a future date;
* under-supported elders: in the bare corridor two elders aged 80+ live alone with no family
  doctor and no pairing, so their only helper is the grid worker: one was visited by the grid
  worker last week (too few helpers, too few kinds), the other was not (and also no recent
  contact; a volunteer pairing of theirs has ended); 3 more elders (80+, alone) are well helped
  but nobody visited them in the last 20 days (no recent contact);
* overloaded helpers: the first two volunteers (``V01``, ``V02``) carry 7 and 8 active pairings
  with capacity 5;
* single points of failure: in ``QS-B14-C2`` an elder aged 80+ lives alone with no family
  doctor and no pairing, helped only by the corridor's first floor chief and the grid worker,
  both of whom visited recently; each of those two is a single point of failure for that elder.

Not planted, so a correct analysis reports nothing there: every micro-grid has one active grid
worker, every block one active block leader, every other corridor one active first and one active
second floor chief, living apart (some were replaced, and some hand over on a future date). Every
other vulnerable elder has the corridor's chiefs and grid worker, and 2 or 3 named helpers of at
least two kinds besides, and was visited by two different helpers in the last 10 days; every other
resident aged 60+ was visited by a helper from outside their home in the last 10 days, and in a
corridor without a second floor chief has a family doctor, so that no single departure (not even of
the person an elder lives with) leaves anyone under-supported. Loads stay within capacity: no
corridor holds more than 5 vulnerable elders (households are swapped between corridors to keep it
so, and floor chiefs pair only with elders of their own corridor), no other volunteer carries more
than 5 pairings, no resident more than 2, no doctor more than 128 contracted residents (capacity
150), and no micro-grid more vulnerable elders than its grid worker's capacity (100).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from seeds.demo.constants import RECENT_VISIT_DAYS, VOLUNTEER_CAPACITY
from seeds.demo.dates import active
from seeds.demo.layout import GapPlaces, gap_places
from seeds.demo.residents import age, is_vulnerable
from seeds.rows import GridRow, PersonRow, ResidentRow, RoleRow, Roster

__all__ = [
    "PLANTED_GAPS",
    "UNDER_SUPPORTED_REASONS",
    "Plan",
    "PlantedGaps",
    "gap_plan",
    "planted_gaps",
]

PLANTED_GAPS: dict[str, str] = {
    "corridors_without_first_floor_chief": (
        "the bare corridor: the last corridor of the first block (by code) with 2+ corridors "
        "outside the last micro-grid, at 1/3 of those blocks; its first floor chief's role "
        "ended 30-200 days ago"
    ),
    "corridors_without_second_floor_chief": (
        "every corridor of the last micro-grid, plus the last corridor of two blocks with 2+ "
        "corridors outside it (at 1/3 and 2/3 of those blocks by code: the bare and the thin "
        "corridor); cycling through: the role ended, there never was one, one is appointed "
        "from 15-45 days after today"
    ),
    "blocks_without_serving_party_member": (
        "the blocks of the last micro-grid (no active role there is held by a double-registered "
        "party member)"
    ),
    "micro_grids_without_serving_party_member": "the last micro-grid (by code)",
    "micro_grids_without_grid_worker": "none",
    "under_supported": (
        "in the bare corridor, the heads of its 2nd and 3rd households (aged 80+, alone, no "
        "family doctor, no active pairing): FEW_HELPERS and FEW_KINDS, and the second also "
        f"NO_RECENT_CONTACT (no visit in the last 20 days); 3 more vulnerable elders (80+ and "
        f"alone when there are enough, spread evenly by resident_id, outside the bare and thin "
        f"corridors) with NO_RECENT_CONTACT only: no visit in the last {RECENT_VISIT_DAYS} days "
        "(none in the last 20)"
    ),
    "overloaded_helpers": (
        f"the first two volunteers by person_id, with 7 and 8 active pairings (capacity "
        f"{VOLUNTEER_CAPACITY}); none in a community with fewer than 60 other vulnerable elders"
    ),
    "single_points_of_failure": (
        "the first floor chief of the thin corridor and the grid worker of its micro-grid, each "
        "for the head of the thin corridor's 2nd household (aged 80+, alone, no family doctor, "
        "no pairing; both visited in the last 10 days)"
    ),
}
UNDER_SUPPORTED_REASONS = ("FEW_HELPERS", "FEW_KINDS", "NO_RECENT_CONTACT")


@dataclass(frozen=True)
class PlantedGaps:
    """The gaps planted in one generated roster, by code or id (sorted), in the analysis' terms."""

    corridors_without_first_floor_chief: tuple[str, ...]
    corridors_without_second_floor_chief: tuple[str, ...]
    blocks_without_serving_party_member: tuple[str, ...]
    micro_grids_without_serving_party_member: tuple[str, ...]
    under_supported: tuple[tuple[str, tuple[str, ...]], ...]  # (resident_id, reason codes)
    overloaded_helpers: tuple[tuple[str, int], ...]  # (person_id, vulnerable elders helped)
    single_points_of_failure: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (person, elders)
    micro_grids_without_grid_worker: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "corridors_without_first_floor_chief": self.corridors_without_first_floor_chief,
            "corridors_without_second_floor_chief": self.corridors_without_second_floor_chief,
            "blocks_without_serving_party_member": self.blocks_without_serving_party_member,
            "micro_grids_without_serving_party_member": (
                self.micro_grids_without_serving_party_member
            ),
            "micro_grids_without_grid_worker": self.micro_grids_without_grid_worker,
            "under_supported": dict(self.under_supported),
            "overloaded_helpers": dict(self.overloaded_helpers),
            "single_points_of_failure": dict(self.single_points_of_failure),
        }


def planted_gaps(roster: Roster, *, today: date | None = None) -> PlantedGaps:
    """The gaps :func:`~seeds.demo.generator.generate` planted in ``roster`` (pass the same
    ``today``)."""
    today = today or date.today()
    plan = gap_plan(roster.grid, roster.residents, roster.people, today)
    return plan.gaps(roster.roles, today)


# --- the plan ---------------------------------------------------------------------------------

_NO_CONTACT = 3  # well-helped elders nobody visited lately
_OVERLOAD = (7, 8)  # active pairings of the first two volunteers


@dataclass(frozen=True)
class Plan:
    """Which places and people get a gap: rules on codes and ids only, no randomness."""

    places: GapPlaces
    seen: str  # alone, only the grid worker, visited
    unseen: str  # alone, only the grid worker, not visited
    thin: str  # alone, the first floor chief and the grid worker
    no_contact: tuple[str, ...]
    overloaded: tuple[tuple[str, int], ...]

    @property
    def isolated(self) -> set[str]:
        """Planted elders nobody is paired with."""
        return {e for e in (self.seen, self.unseen, self.thin) if e}

    def gaps(self, roles: list[RoleRow], today: date) -> PlantedGaps:
        under: dict[str, tuple[str, ...]] = {e: ("NO_RECENT_CONTACT",) for e in self.no_contact}
        if self.seen:
            under[self.seen] = ("FEW_HELPERS", "FEW_KINDS")
        if self.unseen:
            under[self.unseen] = UNDER_SUPPORTED_REASONS
        spofs: list[tuple[str, tuple[str, ...]]] = []
        if self.thin:
            corridor, micro = self.places.thin, self.places.micro_of[self.places.thin]
            for role in roles:
                if active(role.since, role.until, today) and (role.role, role.scope) in (
                    ("first_floor_chief", corridor),
                    ("grid_worker", micro),
                ):
                    spofs.append((role.person_id, (self.thin,)))
        p = self.places
        return PlantedGaps(
            corridors_without_first_floor_chief=(p.bare,) if p.bare else (),
            corridors_without_second_floor_chief=p.second,
            blocks_without_serving_party_member=p.gap_blocks,
            micro_grids_without_serving_party_member=(p.gap_micro,),
            under_supported=tuple(sorted(under.items())),
            overloaded_helpers=self.overloaded,
            single_points_of_failure=tuple(sorted(spofs)),
        )


def _heads(residents: list[ResidentRow], corridor: str) -> list[ResidentRow]:
    """The first member of each household of ``corridor``, in household order."""
    heads: dict[str, ResidentRow] = {}
    for r in residents:
        if r.corridor == corridor:
            heads.setdefault(r.household_id, r)
    return [heads[h] for h in sorted(heads)]


def gap_plan(
    grid: list[GridRow], residents: list[ResidentRow], people: list[PersonRow], today: date
) -> Plan:
    places = gap_places(grid)
    bare = _heads(residents, places.bare) if places.bare else []
    thin = _heads(residents, places.thin) if places.thin else []
    special = {places.bare, places.thin}
    vulnerable = sorted(
        r.resident_id for r in residents if is_vulnerable(r, today) and r.corridor not in special
    )
    alone_80 = {
        r.resident_id
        for r in residents
        if age(r, today) >= 80 and "独居" in r.tags and r.resident_id in vulnerable
    }
    pool = [v for v in vulnerable if v in alone_80]
    if len(pool) < _NO_CONTACT:  # a small community: any vulnerable elder will do
        pool += [v for v in vulnerable if v not in alone_80]
    n = min(_NO_CONTACT, len(pool))
    no_contact = tuple(sorted(pool[(2 * i + 1) * len(pool) // (2 * n)] for i in range(n)))
    volunteers = sorted(p.person_id for p in people if p.kind == "volunteer")
    enough = len(vulnerable) >= 4 * sum(_OVERLOAD) and len(volunteers) > 2
    return Plan(
        places=places,
        seen=bare[1].resident_id if len(bare) > 2 else "",
        unseen=bare[2].resident_id if len(bare) > 2 else "",
        thin=thin[1].resident_id if len(thin) > 1 else "",
        no_contact=no_contact,
        overloaded=tuple(zip(volunteers, _OVERLOAD, strict=False)) if enough else (),
    )
