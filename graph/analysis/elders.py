"""Who helps each elder, who is under-supported and why, who carries too much, who is irreplaceable.

The rules, applied to the facts :mod:`graph.coverage.scope_reads` reads for one scope and day:

* helpers of a resident are found along six paths (:class:`Analysis.ties`): a named pairing
  (HELPS), an adult household member under ``household_max_age``, a floor chief (or a volunteer
  or party member with a role) of the resident's corridor, a grid worker of its micro-grid, and
  the contracted family doctor. Nobody is their own helper; people who left are nobody's.
  A person found along several paths is one helper with every kind those paths give.
* an elder is vulnerable when aged ``elder_age``+ and living alone (nobody else in the household),
  aged ``very_old_age``+, of reduced mobility, or carrying a vulnerable tag.
* a vulnerable elder is under-supported with fewer than ``min_helpers`` helpers, fewer than
  ``min_kinds`` kinds, or no visit by a current helper in the last ``contact_days`` days
  (``as_of - contact_days <= on <= as_of``).
* a helper's load is the number of vulnerable elders they help anywhere, counted against the
  roster capacity, else the volunteer or floor-chief default; more than capacity is overload.
* a single point of failure is a helper whose departure turns elders under-supported; the list
  is exactly what :func:`graph.analysis.report.analyse` with that person removed would add
  (``what-if`` semantics).

Loads and capacities are in :mod:`graph.analysis.loads`; the report that gathers everything is
:mod:`graph.analysis.report`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from functools import cached_property, partial
from typing import TypeVar

from graph.analysis.helper_paths import (
    corridor_role_path,
    doctor_path,
    grid_worker_path,
    household_path,
    pairing_kind,
    pairing_path,
)
from graph.analysis.rules import Rules
from graph.analysis.types import (
    CORRIDOR_ROLE_KINDS,
    GRID_WORKER_ROLE,
    HELPER_KINDS,
    ElderStatus,
    Helper,
    HelperPath,
    Member,
    Reason,
    RoleTerm,
    ScopeData,
    SinglePointOfFailure,
    Visit,
)
from graph.analysis.windows import ALWAYS
from graph.messages import Message, Ref

__all__ = ["Analysis", "spof_detail"]

T = TypeVar("T")


_RANK = {k: i for i, k in enumerate(HELPER_KINDS)}
_ALONE = Message.of("LIVES_ALONE")


def _kind_order(kinds: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(kinds), key=_RANK.__getitem__))


def spof_detail(person_id: str, name: str, elders: int) -> Message:
    """Why someone is a single point of failure."""
    return Message.of("SINGLE_POINT", person=Ref(person_id, name), count=elders)


class Analysis:
    """The rules applied to one :class:`ScopeData` with some people removed (a what-if)."""

    def __init__(
        self, data: ScopeData, rules: Rules, removed: Iterable[str] = (), window: str | None = None
    ) -> None:
        self.data, self.rules, self.day = data, rules, data.as_of
        self.removed = frozenset(removed)
        self.window = window
        self.micro_of: dict[str, str] = {}
        self.block_of: dict[str, str] = {}
        every = {**data.above, **data.areas}
        for a in data.areas.values():
            if a.level == "corridor" and a.parent in every:
                self.block_of[a.code] = a.parent
                self.micro_of[a.code] = every[a.parent].parent or ""
        self.corridor_roles: dict[str, list[RoleTerm]] = defaultdict(list)
        self.grid_workers: dict[str, list[RoleTerm]] = defaultdict(list)
        for r in data.roles:
            if not r.active(self.day) or r.holder_left:
                continue
            level = every[r.area].level
            if r.role in CORRIDOR_ROLE_KINDS and level == "corridor":
                self.corridor_roles[r.area].append(r)
            elif r.role == GRID_WORKER_ROLE and level == "micro_grid":
                self.grid_workers[r.area].append(r)
        # What depends on the structure alone, shared by every analysis of the same facts
        # (ScopeData.memo): kept across visits, which change none of it.
        self._kinds: dict[str, dict[str, set[str]]] = data.memo_part(("kinds", window))
        self._contacts: dict[str, set[str]] = data.memo_part(("contacts", window))
        self._because: dict[str, tuple[Message, ...]] = data.memo_part(("because", rules))
        self._pairing_names: dict[str, str] | None = None
        self.elders = [
            m
            for m in data.members.values()
            if m.id not in self.removed and self.age(m.birth_year) >= rules.elder_age
        ]

    @cached_property
    def statuses(self) -> dict[str, ElderStatus]:
        """Full statuses (paths and all) of the vulnerable elders: the others have no reasons.
        Made when first asked: a support network needs one elder's, not its corridor's. An
        elder's status is a function of the facts, the what-if and the window but for their
        visits: an analysis of the same facts reuses it while their visits are the same."""
        made = self._per_visits("statuses")
        return {
            m.id: made(m, lambda m: self.status(m, self.removed))
            for m in self.elders
            if self.vulnerable_because(m, self.removed)
        }

    def _per_visits(self, part: str) -> Callable[[Member, Callable[[Member], T]], T]:
        """``make(m)`` kept in the memo's ``part`` of this what-if and window, and made again
        only when ``m``'s visits are not those it was made from (a member whose visits read the
        same is the same object: graph/coverage/fact_cache.with_visits)."""
        made = self.data.memo_part((part, self.rules, self.removed, self.window))

        def get(m: Member, make: Callable[[Member], T]) -> T:
            was = made.get(m.id)
            if was is None or (was[0] is not m.visits and was[0] != m.visits):
                was = made[m.id] = (m.visits, make(m))
            found: T = was[1]
            return found

        return get

    def age(self, birth_year: int) -> int:
        return self.data.age_year() - birth_year

    def name(self, person_id: str) -> str:
        found = self.data.people.get(person_id) or self.data.members.get(person_id)
        if found:
            return found.name
        if self._pairing_names is None:
            self._pairing_names = {
                p.helper_id: p.helper_name for m in self.data.members.values() for p in m.pairings
            }
        return self._pairing_names.get(person_id, "")

    def area_name(self, code: str) -> str:
        found = self.data.areas.get(code) or self.data.above.get(code)
        return found.name if found else ""

    # -- helpers -------------------------------------------------------------------------------
    def windows(self, person_id: str) -> frozenset[str]:
        return self.data.available.get(person_id, ALWAYS)

    def _sources(self, m: Member) -> Iterator[tuple[str, str, Callable[[], HelperPath]]]:
        """(helper, kind, path builder) for every way ``m`` is helped (in the analysis'
        window, when it has one)."""
        if self.window is None:
            return self._every_source(m)
        return (s for s in self._every_source(m) if self.window in self.windows(s[0]))

    def _every_source(self, m: Member) -> Iterator[tuple[str, str, Callable[[], HelperPath]]]:
        """(helper, kind, path builder) for every way ``m`` is helped; paths are built lazily
        because only vulnerable elders' paths are ever shown."""
        rules = self.rules
        for p in m.pairings:
            yield p.helper_id, pairing_kind(p.kind), partial(pairing_path, m, p)
        for other in self.data.households.get(m.household, ()):
            age = self.age(self.data.members[other].birth_year)
            if other != m.id and rules.household_min_age <= age < rules.household_max_age:
                name = self.data.members[other].name
                yield other, "family", partial(household_path, m, other, name, age)
        for r in self.corridor_roles.get(m.corridor, ()):
            corridor = self.area_name(m.corridor)
            yield (
                r.person_id,
                CORRIDOR_ROLE_KINDS[r.role],
                partial(corridor_role_path, m, r, corridor),
            )
        micro = self.micro_of.get(m.corridor, "")
        for r in self.grid_workers.get(micro, ()):
            block = self.block_of.get(m.corridor, "")
            where = Ref(micro, self.area_name(micro))
            yield r.person_id, "grid_staff", partial(grid_worker_path, m, block, where, r)
        if m.doctor:
            doctor = Ref(m.doctor, self.name(m.doctor))
            yield m.doctor, "doctor", partial(doctor_path, m, doctor)

    def ties(self, m: Member) -> dict[str, list[HelperPath]]:
        """Every helper of ``m`` and how each was found, before any what-if removal."""
        found: dict[str, list[HelperPath]] = defaultdict(list)
        for h, _, make in self._sources(m):
            if h != m.id:  # nobody is their own helper (an elder who is a floor chief)
                found[h].append(make())
        return dict(found)

    def kinds_of(self, m: Member) -> dict[str, set[str]]:
        """The kinds each helper of ``m`` gives, before any what-if removal (cached)."""
        if m.id not in self._kinds:
            found: dict[str, set[str]] = defaultdict(set)
            for h, kind, _ in self._sources(m):
                if h != m.id:
                    found[h].add(kind)
            self._kinds[m.id] = dict(found)
        return self._kinds[m.id]

    def contacts(self, m: Member) -> set[str]:
        """Whose visits count as ``m``'s contact: every helper, in any window (a visit is a fact
        of the past fortnight, not of a time of day), before any what-if removal (cached)."""
        if self.window is None:
            return set(self.kinds_of(m))
        if m.id not in self._contacts:
            self._contacts[m.id] = {h for h, _, _ in self._every_source(m) if h != m.id}
        return self._contacts[m.id]

    def housemates(self, m: Member, removed: frozenset[str]) -> list[str]:
        return [
            x for x in self.data.households.get(m.household, ()) if x != m.id and x not in removed
        ]

    def vulnerable_because(self, m: Member, removed: frozenset[str]) -> tuple[Message, ...]:
        if m.id not in self._because:  # what no departure changes: age, mobility, tags
            age, rules = self.age(m.birth_year), self.rules
            found: tuple[Message, ...] = ()
            if age >= rules.elder_age:
                found = (Message.of("AGED", age=age),) if age >= rules.very_old_age else ()
                if m.mobility in rules.vulnerable_mobility:
                    found += (Message.of("MOBILITY", mobility=m.mobility),)
                found += tuple(
                    Message.of("TAGGED", tag=t) for t in m.tags if t in rules.vulnerable_tags
                )
            self._because[m.id] = found
        if self.age(m.birth_year) < self.rules.elder_age:
            return ()
        alone = () if self.housemates(m, removed) else (_ALONE,)
        return alone + self._because[m.id]

    def status(self, m: Member, removed: frozenset[str]) -> ElderStatus:
        """The support of ``m`` as if ``removed`` had left."""
        ties = {h: paths for h, paths in self.ties(m).items() if h not in removed}
        contacts = self.contacts(m) - removed
        seen = {v.visitor_id: v for v in m.visits if v.visitor_id in contacts}
        helpers = tuple(
            Helper(h, self.name(h), _kind_order(p.kind for p in paths), tuple(paths), seen.get(h))
            for h, paths in sorted(ties.items())
        )
        kinds = _kind_order(k for h in helpers for k in h.kinds)
        last = max(seen.values(), key=lambda v: (v.on, v.visitor_id), default=None)
        because = self.vulnerable_because(m, removed)
        reasons = self._reasons(helpers, kinds, last) if because else ()
        return ElderStatus(
            m.id, m.name, self.age(m.birth_year), m.corridor, because, helpers, kinds, last, reasons
        )

    def turns_under_supported(self, m: Member, removed: frozenset[str]) -> bool:
        """Whether ``m`` is under-supported with ``removed`` gone: :meth:`status` made cheap."""
        if not self.vulnerable_because(m, removed):
            return False
        kinds = {h: k for h, k in self.kinds_of(m).items() if h not in removed}
        rules = self.rules
        if len(kinds) < rules.min_helpers or len(set().union(*kinds.values())) < rules.min_kinds:
            return True
        since = self.day - timedelta(days=rules.contact_days)
        contacts = self.contacts(m) - removed
        return not any(v.visitor_id in contacts and v.on >= since for v in m.visits)

    def _reasons(
        self, helpers: tuple[Helper, ...], kinds: tuple[str, ...], last: Visit | None
    ) -> tuple[Reason, ...]:
        rules, out = self.rules, []
        if len(helpers) < rules.min_helpers:
            why = Message.of("FEW_HELPERS", count=len(helpers), least=rules.min_helpers)
            out.append(Reason("FEW_HELPERS", why))
        if len(kinds) < rules.min_kinds:
            why = Message.of("FEW_KINDS", count=len(kinds), least=rules.min_kinds, kinds=kinds)
            out.append(Reason("FEW_KINDS", why))
        since = self.day - timedelta(days=rules.contact_days)
        if last is None or last.on < since:
            seen = (
                {"last_on": last.on, "last_by": Ref(last.visitor_id, self.name(last.visitor_id))}
                if last
                else {"never": True}
            )
            why = Message.of("NO_RECENT_CONTACT", since=since, **seen)
            out.append(Reason("NO_RECENT_CONTACT", why))
        return tuple(out)

    # -- loads and single points of failure ----------------------------------------------------
    def single_points_of_failure(self) -> list[SinglePointOfFailure]:
        """Helpers whose departure alone turns elders under-supported, with those elders.

        Exactly what a what-if removing that one person adds, computed without re-running the
        analysis: a vulnerable elder stays vulnerable when someone leaves, so only their
        helpers, kinds and recent visitors change; an elder not yet vulnerable becomes so only
        when the one person they live with leaves.
        """
        made = self._per_visits("failures")  # as statuses are: the same while the visits are
        turned: dict[str, set[str]] = defaultdict(set)
        helpers_here: set[str] = set()
        for m in self.elders:
            ties, turns = made(m, self._failures_of)
            helpers_here.update(ties)
            for h in turns:
                turned[h].add(m.id)
        return [
            SinglePointOfFailure(
                h,
                self.name(h),
                tuple(sorted(elders)),
                spof_detail(h, self.name(h), len(elders)),
            )
            for h, elders in sorted(turned.items())
            if h in helpers_here
        ]

    def _failures_of(self, m: Member) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The helpers of ``m`` (with the what-if's removal), and those of everyone whose
        departure alone turns ``m`` under-supported."""
        rules, removed = self.rules, self.removed
        ties = {h: k for h, k in self.kinds_of(m).items() if h not in removed}
        before = self.statuses.get(m.id)
        if before is None:
            home = self.housemates(m, removed)
            if len(home) == 1 and self.turns_under_supported(m, removed | {home[0]}):
                return tuple(ties), (home[0],)
            return tuple(ties), ()
        if before.under_supported:
            return tuple(ties), ()
        since = self.day - timedelta(days=rules.contact_days)
        count = Counter(k for kinds in ties.values() for k in kinds)
        only = {k for k, n in count.items() if n == 1}  # kinds a single helper gives
        contacts = self.contacts(m) - removed
        recent = {v.visitor_id for v in m.visits if v.visitor_id in contacts and v.on >= since}
        few = len(ties) - 1 < rules.min_helpers
        turns = tuple(
            h
            for h, kinds in ties.items()
            if few or len(count) - len(kinds & only) < rules.min_kinds or recent <= {h}
        )
        return tuple(ties), turns
