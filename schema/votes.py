"""Votes in the API: a vote on a matter with its live tally, and the changes that open it,
record ballots and attendance, and close it.

The tally and its thresholds are read by everyone who may read the matter; who voted how only by
the committee (and the administrator): ``ballots`` is null with FORBIDDEN for any other role.
Every ballot shown is recorded in the audit log as a read of its voter, and every ballot cast
as a ``castBallot`` entry naming the voter; the log never holds a choice.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum
from fractions import Fraction

import strawberry

from graph.analysis import votes as rules
from graph.errors import ChangeError
from graph.governance import votes as store
from graph.governance.matters import matters as matters_in_scope
from graph.governance.votes import VoteRow
from schema.context import Info
from schema.explanations import Language
from schema.mutations import UserError, audited_change
from schema.permissions import Forbidden

__all__ = ["Vote", "VotesMutation", "VotesQuery"]

# Who sees each ballot (the secret of the vote stays with those who run it).
BALLOT_READERS = frozenset({"admin", "committee"})


@strawberry.enum(description="The rule a vote is decided by (its legal source in the docs).")
class VoteRule(Enum):
    RESIDENTS_MEETING = "residents_meeting"
    OWNERS_ORDINARY = "owners_ordinary"
    OWNERS_SPECIAL = "owners_special"


@strawberry.enum(description="A residents' meeting's electorate: adult residents or households.")
class Electorate(Enum):
    RESIDENTS = "residents"
    HOUSEHOLDS = "households"


@strawberry.enum
class Choice(Enum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


@strawberry.enum
class VoteStatus(Enum):
    OPEN = "open"
    CLOSED = "closed"


def _number(x: Fraction) -> float:
    return round(float(x), 2)


def _words(info: Info, zh: str, en: str, language: Language | None) -> str:
    return en if (language.value if language else info.context.language) == "en" else zh


@strawberry.type(description="One legal requirement of the vote, measured now.")
class VoteThreshold:
    key: str = strawberry.field(
        description="attendance, approval (residents' meeting); participation_area, "
        "participation_owners, approval_area, approval_owners (owners)."
    )
    quantity: str = strawberry.field(description="count or area (m²).")
    value: float
    of: float
    ratio: str = strawberry.field(description="1/2, 2/3 or 3/4.")
    inclusive: bool = strawberry.field(description="At least (以上) or more than (过半数).")
    met: bool
    shortfall: float = strawberry.field(description="How much is missing; 0 when met.")
    zh: strawberry.Private[str]
    en: strawberry.Private[str]

    @strawberry.field
    def explanation(self, info: Info, language: Language | None = None) -> str:
        return _words(info, self.zh, self.en, language)


@strawberry.type(description="The count as the ballots stand (final once the vote is closed).")
class VoteTally:
    electors: int
    total_area: float
    present: int = strawberry.field(
        description="Residents' meeting: electors present; owners: electors who took part."
    )
    yes: int
    no: int
    abstain: int
    yes_area: float
    no_area: float
    abstain_area: float
    quorate: bool
    passed: bool
    thresholds: list[VoteThreshold]
    zh: strawberry.Private[str]
    en: strawberry.Private[str]

    @strawberry.field(description="Which threshold fails and by how much, or that all are met.")
    def explanation(self, info: Info, language: Language | None = None) -> str:
        return _words(info, self.zh, self.en, language)

    @classmethod
    def of(cls, t: rules.Tally) -> VoteTally:
        return cls(
            electors=t.electors, total_area=_number(t.total_area), present=t.present,
            yes=t.yes, no=t.no, abstain=t.abstain, yes_area=_number(t.yes_area),
            no_area=_number(t.no_area), abstain_area=_number(t.abstain_area),
            quorate=t.quorate, passed=t.passed, zh=t.zh, en=t.en,
            thresholds=[
                VoteThreshold(
                    key=h.key, quantity=h.quantity, value=_number(h.value), of=_number(h.of),
                    ratio=f"{h.ratio.numerator}/{h.ratio.denominator}", inclusive=h.inclusive,
                    met=h.met, shortfall=_number(h.shortfall), zh=h.zh, en=h.en,
                )
                for h in t.thresholds
            ],
        )  # fmt: skip


@strawberry.type(description="A ballot as cast (a later one of the same elector replaces it).")
class BallotRecord:
    elector: str = strawberry.field(description="The owner unit, resident or household.")
    voter_id: strawberry.ID
    choice: Choice
    at: datetime
    counted: bool = strawberry.field(description="Whether it is the one that counts.")


@strawberry.type(description="A vote (表决) on a matter.")
class Vote:
    id: strawberry.ID
    title: str
    rule: VoteRule
    electorate: Electorate | None = strawberry.field(description="Residents' meetings only.")
    status: VoteStatus
    opens_on: date
    closed_at: datetime | None
    matter_id: strawberry.ID
    unweighed_dwellings: int = strawberry.field(
        description="Dwellings of the place left out of an owners' vote: no recorded area."
    )
    row: strawberry.Private[VoteRow]

    @classmethod
    def of(cls, row: VoteRow) -> Vote:
        return cls(
            id=strawberry.ID(row.id), title=row.title, rule=VoteRule(row.rule),
            electorate=Electorate(row.by) if row.by else None, status=VoteStatus(row.status),
            opens_on=row.opens_on, closed_at=row.closed_at, matter_id=strawberry.ID(row.matter),
            unweighed_dwellings=row.unweighed, row=row,
        )  # fmt: skip

    @strawberry.field
    def tally(self) -> VoteTally:
        return VoteTally.of(store.tally_of(self.row))

    @strawberry.field(description="Who voted how, every ballot cast (committee only; audited).")
    def ballots(self, info: Info) -> list[BallotRecord] | None:
        principal = info.context.principal
        if principal is None or principal.role not in BALLOT_READERS:
            raise Forbidden("Only the committee sees who voted how.", "只有居委会可查看投票明细。")
        counting = {id(b) for b in rules.counted(self.row.electors, self.row.ballots).values()}
        by_person = rules.electors_by_person(self.row.electors)
        shown = []
        for b in self.row.ballots:
            elector = by_person.get(b.voter)
            info.context.audit.read(info, b.voter)
            shown.append(BallotRecord(
                elector=elector.key if elector else "", voter_id=strawberry.ID(b.voter),
                choice=Choice(b.choice), at=b.at, counted=id(b) in counting,
            ))  # fmt: skip
        return shown


@strawberry.input
class OpenVoteInput:
    matter_id: strawberry.ID
    title: str
    rule: VoteRule
    electorate: Electorate = strawberry.field(
        default=Electorate.RESIDENTS, description="For a residents' meeting."
    )
    opens_on: date | None = strawberry.field(default=None, description="Default: today.")


@strawberry.input
class CastBallotInput:
    vote_id: strawberry.ID
    voter_id: strawberry.ID = strawberry.field(
        description="An owner, resident or household member."
    )
    choice: Choice


@strawberry.type
class VotePayload:
    vote: Vote | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def _payload(result: VoteRow | ChangeError) -> VotePayload:
    if isinstance(result, ChangeError):
        return VotePayload(errors=[UserError.of(result)])
    return VotePayload(vote=Vote.of(result))


def _unknown(field: str, key: str) -> ChangeError:
    return ChangeError("NOT_FOUND", field, f"No vote with id {key!r}.", f"找不到表决“{key}”。")


@strawberry.type
class VotesQuery:
    @strawberry.field(description="A vote with its live tally; null outside your scope.")
    async def vote(self, info: Info, id: strawberry.ID) -> Vote | None:
        row = await store.vote_by_id(info.context.db, id=id)
        return Vote.of(row) if row else None


@strawberry.type
class VotesMutation:
    @strawberry.mutation(description="Open a vote on a matter: its electorate is fixed now.")
    async def open_vote(self, info: Info, input: OpenVoteInput) -> VotePayload:
        ctx = info.context

        async def denied() -> ChangeError | None:
            if not await matters_in_scope(ctx.db, id=input.matter_id, first=1):
                return ChangeError("NOT_FOUND", "matterId", f"No matter {input.matter_id!r}.",
                                   f"找不到议题“{input.matter_id}”。")  # fmt: skip
            return None

        async def make() -> VoteRow | ChangeError:
            return await store.open_vote(
                ctx.db, matter=input.matter_id, title=input.title, rule=input.rule.value,
                by=input.electorate.value, on=input.opens_on or ctx.today, at=datetime.now(UTC),
            )  # fmt: skip

        return _payload(await audited_change(info, "openVote", [], denied(), make))

    @strawberry.mutation(description="Record a ballot; an elector's later ballot replaces theirs.")
    async def cast_ballot(self, info: Info, input: CastBallotInput) -> VotePayload:
        ctx = info.context
        principal = ctx.principal

        async def denied() -> ChangeError | None:
            found = await store.vote_by_id(ctx.db, id=input.vote_id)
            return None if found else _unknown("voteId", input.vote_id)

        async def make() -> VoteRow | ChangeError:
            return await store.cast_ballot(
                ctx.db, vote_id=input.vote_id, voter=input.voter_id, choice=input.choice.value,
                at=datetime.now(UTC), account=principal.account_id if principal else None,
            )  # fmt: skip

        result = await audited_change(info, "castBallot", [input.voter_id], denied(), make)
        return _payload(result)

    @strawberry.mutation(description="Mark people present at a residents' meeting.")
    async def record_attendance(
        self, info: Info, vote_id: strawberry.ID, people: list[strawberry.ID]
    ) -> VotePayload:
        ctx = info.context

        async def denied() -> ChangeError | None:
            found = await store.vote_by_id(ctx.db, id=vote_id)
            return None if found else _unknown("voteId", vote_id)

        async def make() -> VoteRow | ChangeError:
            return await store.attend(ctx.db, vote_id=vote_id, people=list(people),
                                      at=datetime.now(UTC))  # fmt: skip

        return _payload(await audited_change(info, "recordAttendance", people, denied(), make))

    @strawberry.mutation(description="Close a vote: no ballot is taken after; the tally is final.")
    async def close_vote(self, info: Info, vote_id: strawberry.ID) -> VotePayload:
        ctx = info.context

        async def denied() -> ChangeError | None:
            found = await store.vote_by_id(ctx.db, id=vote_id)
            return None if found else _unknown("voteId", vote_id)

        async def make() -> VoteRow | ChangeError:
            return await store.close_vote(ctx.db, vote_id=vote_id, at=datetime.now(UTC))

        return _payload(await audited_change(info, "closeVote", [], denied(), make))
