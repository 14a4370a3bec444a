"""GraphQL types of the coverage analyses: thin views of :mod:`graph.analysis.types`.

Every gap and every helper carries its reason: ``message`` as data (code and parameters,
:mod:`schema.explanations`), ``detail``/``explanation`` in the reader's words, and for helpers
the path in the graph that found them.
"""

from __future__ import annotations

from datetime import date

import strawberry

from graph.analysis import types as g
from graph.analysis.rules import Rules
from graph.messages import Message
from schema.codes import shown_text
from schema.context import Info
from schema.enums import (
    AreaGapRule,
    AreaLevel,
    HelperKind,
    HelperVia,
    SupportKind,
    UnderSupportReason,
    Window,
)
from schema.explanations import Explanation, explained, worded, worded_all
from schema.fields import DETAIL, age_band
from schema.permissions import Audited, PersonalDetail, reads_details


@strawberry.type(description="The rules a report was computed under (see RulesInput).")
class CoverageRules:
    elder_age: int
    very_old_age: int
    vulnerable_tags: list[str]
    vulnerable_mobility: list[str]
    household_min_age: int
    household_max_age: int
    min_helpers: int
    min_kinds: int
    contact_days: int
    volunteer_capacity: int
    floor_chief_capacity: int
    suggestion_kinds: list[str]
    plan_mobility: list[str]
    plan_alone_age: int
    plan_tags: list[str]
    responder_capacity: int
    party_double_windows: list[str]
    working_age_windows: list[str]
    working_age_until: int
    doctor_windows: list[str]
    grid_worker_windows: list[str]
    committee_staff_windows: list[str]

    @classmethod
    def of(cls, rules: Rules) -> CoverageRules:
        return cls(
            **{k: list(v) if isinstance(v, tuple) else v for k, v in rules.as_dict().items()}
        )


@strawberry.type(description="A visit, call or WeChat contact by a helper.")
class Contact:
    visitor_id: strawberry.ID
    on: date
    mode: str

    @classmethod
    def of(cls, v: g.Visit | None) -> Contact | None:
        return cls(visitor_id=strawberry.ID(v.visitor_id), on=v.on, mode=v.mode) if v else None


@strawberry.type(description="One way a helper was found: the rule, the kind, the graph path.")
class HelperPath:
    via: HelperVia
    kind: SupportKind
    path: strawberry.Private[list[str]]
    why: strawberry.Private[Message]

    @strawberry.field(
        description="Nodes and relationships from the resident outwards, in the graph model's "
        "notation (labels, relationship types, codes), e.g. 'Resident R1', "
        "'<-HELPS(volunteer, since 2024-01-01)-', 'Person V01'; without household ids for "
        "roles that read no personal details."
    )
    def steps(self, info: Info) -> list[str]:
        text = [shown_text(s) for s in self.path]
        if reads_details(info.context.principal):
            return text
        return [s.split(" ")[0] if s.startswith("Household ") else s for s in text]

    @strawberry.field(
        description="The path in words, in the reader's language; for roles that read no "
        "personal details, a household member's age as an age band and no household id."
    )
    def explanation(self, info: Info) -> str:
        return worded(info, self.why)

    @strawberry.field(description="The path's explanation as data.")
    def message(self) -> Explanation:
        return explained(self.why)


@strawberry.type(description="Someone who helps a resident, with every path that found them.")
class SupportHelper:
    person_id: strawberry.ID
    name: str = strawberry.field(extensions=[Audited()])
    kinds: list[SupportKind]
    paths: list[HelperPath]
    last_visit: Contact | None = strawberry.field(
        description=f"Their latest visit to the elder. {DETAIL}", extensions=[PersonalDetail()]
    )

    @strawberry.field(
        description="When they can be reached: the roster's windows, else the rules' default "
        "for who they are."
    )
    async def windows(self, info: Info) -> list[Window]:
        found = await info.context.loaders.windows_by_person.load(str(self.person_id))
        return [Window(w) for w in found]

    @classmethod
    def of(cls, h: g.Helper) -> SupportHelper:
        paths = [
            HelperPath(
                via=HelperVia(p.via),
                kind=SupportKind(p.kind),
                path=list(p.steps),
                why=p.explanation,
            )
            for p in h.paths
        ]
        return cls(
            person_id=strawberry.ID(h.person_id),
            name=h.name,
            kinds=[SupportKind(k) for k in h.kinds],
            paths=paths,
            last_visit=Contact.of(h.last_visit),
        )


@strawberry.type
class Explained:
    """Something with a reason: ``detail`` in the reader's words, ``message`` as data."""

    why: strawberry.Private[Message]

    @strawberry.field(
        description="Why, in the reader's language; for roles that read no personal details "
        "without a visit's date and visitor, and an age as its band."
    )
    def detail(self, info: Info) -> str:
        return worded(info, self.why)

    @strawberry.field(description="Why, as data (docs/messages.md lists the codes).")
    def message(self) -> Explanation:
        return explained(self.why)


@strawberry.type
class GapReason(Explained):
    code: UnderSupportReason


@strawberry.type(description="A resident aged 60+ (by the rules) and the help around them.")
class ElderSupport:
    resident_id: strawberry.ID
    name: str = strawberry.field(extensions=[Audited()])
    age: int | None = strawberry.field(description=DETAIL, extensions=[PersonalDetail()])
    age_band: str = strawberry.field(description="60-69, 70-79, 80-89 or 90+.")
    corridor: strawberry.ID
    because: strawberry.Private[tuple[Message, ...]]

    @strawberry.field(
        description=f"Why the elder counts as vulnerable (living alone, age, mobility, tags), in "
        f"the reader's language; empty when they do not. {DETAIL}",
        extensions=[PersonalDetail()],
    )
    def vulnerable_because(self, info: Info) -> list[str] | None:
        return worded_all(info, self.because)

    @strawberry.field(
        description=f"Why the elder counts as vulnerable, as data (LIVES_ALONE, AGED, MOBILITY, "
        f"TAGGED). {DETAIL}",
        extensions=[PersonalDetail()],
    )
    def vulnerable_reasons(self) -> list[Explanation] | None:
        return [explained(m) for m in self.because]

    under_supported: bool
    reasons: list[GapReason] = strawberry.field(description="Empty when supported.")
    helper_count: int
    kinds: list[SupportKind]
    helpers: list[SupportHelper]
    last_contact: Contact | None = strawberry.field(
        description=f"The latest visit by a helper. {DETAIL}", extensions=[PersonalDetail()]
    )

    @classmethod
    def of(cls, s: g.ElderStatus) -> ElderSupport:
        return cls(
            resident_id=strawberry.ID(s.id),
            name=s.name,
            age=s.age,
            age_band=age_band(s.age) or "",
            corridor=strawberry.ID(s.corridor),
            because=s.vulnerable_because,
            under_supported=s.under_supported,
            reasons=[GapReason(code=UnderSupportReason(r.code), why=r.message) for r in s.reasons],
            helper_count=len(s.helpers),
            kinds=[SupportKind(k) for k in s.kinds],
            helpers=[SupportHelper.of(h) for h in s.helpers],
            last_contact=Contact.of(s.last_contact),
        )


@strawberry.type(description="Actual against expected, e.g. corridors with both chiefs 51/58.")
class Ratio:
    actual: int
    expected: int

    @strawberry.field(description="actual / expected; 1.0 when nothing is expected.")
    def ratio(self) -> float:
        return self.actual / self.expected if self.expected else 1.0


def _ratio(r: g.Ratio) -> Ratio:
    return Ratio(actual=r.actual, expected=r.expected)


@strawberry.type(description="The figures of one area, counted over it and everything below it.")
class AreaCoverage:
    code: strawberry.ID
    level: AreaLevel
    name: str
    parent_code: strawberry.ID | None
    corridors_with_both_chiefs: Ratio
    corridors_with_first_chief: Ratio
    corridors_with_second_chief: Ratio
    blocks_with_party_member: Ratio = strawberry.field(
        description="Blocks where a double-registered party member holds a role."
    )
    micro_grids_with_party_member: Ratio
    micro_grids_with_grid_worker: Ratio
    elders_supported: Ratio = strawberry.field(
        description="Vulnerable elders not under-supported, of all vulnerable elders."
    )
    elders_with_recent_contact: Ratio
    overloaded_helpers: int = strawberry.field(
        description="Overloaded helpers of at least one vulnerable elder here."
    )
    single_points_of_failure: int = strawberry.field(
        description="Single points of failure for at least one elder here."
    )

    @classmethod
    def of(cls, a: g.AreaCoverage) -> AreaCoverage:
        return cls(
            code=strawberry.ID(a.code),
            level=AreaLevel(a.level),
            name=a.name,
            parent_code=strawberry.ID(a.parent) if a.parent else None,
            corridors_with_both_chiefs=_ratio(a.corridors_with_both_chiefs),
            corridors_with_first_chief=_ratio(a.corridors_with_first_chief),
            corridors_with_second_chief=_ratio(a.corridors_with_second_chief),
            blocks_with_party_member=_ratio(a.blocks_with_party_member),
            micro_grids_with_party_member=_ratio(a.micro_grids_with_party_member),
            micro_grids_with_grid_worker=_ratio(a.micro_grids_with_grid_worker),
            elders_supported=_ratio(a.elders_supported),
            elders_with_recent_contact=_ratio(a.elders_with_recent_contact),
            overloaded_helpers=a.overloaded_helpers,
            single_points_of_failure=a.single_points_of_failure,
        )


@strawberry.type(description="An area that breaks a coverage rule, and why.")
class AreaGap(Explained):
    code: strawberry.ID
    level: AreaLevel
    rule: AreaGapRule

    @classmethod
    def of(cls, a: g.AreaGap) -> AreaGap:
        return cls(
            code=strawberry.ID(a.area),
            level=AreaLevel(a.level),
            rule=AreaGapRule(a.rule),
            why=a.message,
        )


@strawberry.type(description="A helper with more vulnerable elders than their capacity.")
class OverloadedHelper(Explained):
    person_id: strawberry.ID
    name: str = strawberry.field(extensions=[Audited()])
    capacity: int
    capacity_source: str = strawberry.field(
        description="roster, volunteer default or floor chief default"
    )
    load: int = strawberry.field(description="Vulnerable elders they help, anywhere.")
    elder_ids: list[strawberry.ID] = strawberry.field(description="Those of them in the scope.")

    @classmethod
    def of(cls, o: g.OverloadedHelper) -> OverloadedHelper:
        return cls(
            person_id=strawberry.ID(o.person_id),
            name=o.name,
            capacity=o.capacity,
            capacity_source=o.capacity_source,
            load=o.load,
            elder_ids=[strawberry.ID(e) for e in o.elders],
            why=o.message,
        )


@strawberry.type(
    description="A helper whose departure alone would make these elders under-supported."
)
class SinglePointOfFailure(Explained):
    person_id: strawberry.ID
    name: str = strawberry.field(extensions=[Audited()])
    elder_ids: list[strawberry.ID]

    @classmethod
    def of(cls, s: g.SinglePointOfFailure) -> SinglePointOfFailure:
        return cls(
            person_id=strawberry.ID(s.person_id),
            name=s.name,
            elder_ids=[strawberry.ID(e) for e in s.elders],
            why=s.message,
        )


@strawberry.type(description="A proposed pairing, to record with addHelper.")
class AssignmentProposal:
    helper_id: strawberry.ID
    helper_name: str = strawberry.field(extensions=[Audited("helper_id")])
    resident_id: strawberry.ID
    resident_name: str = strawberry.field(extensions=[Audited()])
    kind: HelperKind
    cost: int = strawberry.field(
        description="1 same corridor, 2 same block, 3 same micro-grid, 4 elsewhere."
    )
    near: strawberry.Private[Message]
    why: strawberry.Private[Message]

    @strawberry.field(description="How near, in the reader's language (同一楼道 …).")
    def proximity(self, info: Info) -> str:
        return worded(info, self.near)

    @strawberry.field(description="Why this pairing, in the reader's language.")
    def explanation(self, info: Info) -> str:
        return worded(info, self.why)

    @strawberry.field(description="Why this pairing, as data.")
    def message(self) -> Explanation:
        return explained(self.why)


@strawberry.type
class NotAssignable:
    resident_id: strawberry.ID
    why: strawberry.Private[Message]

    @strawberry.field(description="Why no pairing helps, in the reader's language.")
    def reason(self, info: Info) -> str:
        return worded(info, self.why)

    @strawberry.field(description="Why no pairing helps, as data.")
    def message(self) -> Explanation:
        return explained(self.why)
