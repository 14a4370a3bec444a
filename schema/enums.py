"""GraphQL enumerations; their values are the canonical words of the graph (graph/vocabulary)."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(
    description="Level of a place: district, street (or town), community, and the four-level "
    "grid below it."
)
class AreaLevel(Enum):
    DISTRICT = "district"
    STREET = "street"
    COMMUNITY = "community"
    RESIDENTIAL_AREA = "residential_area"
    MICRO_GRID = "micro_grid"
    BLOCK = "block"
    CORRIDOR = "corridor"


@strawberry.enum
class HousingType(Enum):
    HIGH_RISE = "high_rise"
    STACKED = "stacked"
    TOWNHOUSE = "townhouse"
    VILLA = "villa"


@strawberry.enum(
    description="A role held in a place: floor chiefs serve corridors, a grid "
    "worker a micro-grid, a block leader a block."
)
class Role(Enum):
    FIRST_FLOOR_CHIEF = "first_floor_chief"
    SECOND_FLOOR_CHIEF = "second_floor_chief"
    GRID_WORKER = "grid_worker"
    BLOCK_LEADER = "block_leader"


@strawberry.enum
class HelperKind(Enum):
    FAMILY = "family"
    NEIGHBOUR = "neighbour"
    VOLUNTEER = "volunteer"
    PARTY_MEMBER = "party_member"
    FLOOR_CHIEF = "floor_chief"
    OTHER = "other"


@strawberry.enum
class VisitMode(Enum):
    HOME = "home"
    PHONE = "phone"
    WECHAT = "wechat"


@strawberry.enum
class Mobility(Enum):
    INDEPENDENT = "independent"
    ASSISTED = "assisted"
    DEPENDENT = "dependent"


@strawberry.enum(
    description="Party registration: DOUBLE is an in-service member registered "
    "both at work and at home."
)
class PartyKind(Enum):
    DOUBLE = "double"
    RETIRED = "retired"
    COMMUNITY = "community"


@strawberry.enum
class PersonKind(Enum):
    RESIDENT = "resident"
    COMMITTEE_STAFF = "committee_staff"
    GRID_WORKER = "grid_worker"
    DOCTOR = "doctor"
    VOLUNTEER = "volunteer"
    PROPERTY = "property"
    OWNERS_COMMITTEE = "owners_committee"
    OWNER = "owner"


@strawberry.enum
class Gender(Enum):
    FEMALE = "female"
    MALE = "male"


@strawberry.enum
class ResidentSortField(Enum):
    NAME = "name"
    AGE = "age"
    AREA = "area"


@strawberry.enum(description="The kind of help a helper gives (a pairing of kind other: OTHER).")
class SupportKind(Enum):
    FAMILY = "family"
    NEIGHBOUR = "neighbour"
    FLOOR_CHIEF = "floor_chief"
    PARTY_MEMBER = "party_member"
    GRID_STAFF = "grid_staff"
    DOCTOR = "doctor"
    VOLUNTEER = "volunteer"
    OTHER = "other"


@strawberry.enum(description="How a helper was found.")
class HelperVia(Enum):
    PAIRING = "pairing"
    HOUSEHOLD = "household"
    CORRIDOR_ROLE = "corridor_role"
    GRID_WORKER_ROLE = "grid_worker_role"
    FAMILY_DOCTOR = "family_doctor"


@strawberry.enum(description="Why a vulnerable elder is under-supported.")
class UnderSupportReason(Enum):
    FEW_HELPERS = "FEW_HELPERS"
    FEW_KINDS = "FEW_KINDS"
    NO_RECENT_CONTACT = "NO_RECENT_CONTACT"


@strawberry.enum(description="The rule an area breaks.")
class AreaGapRule(Enum):
    NO_FIRST_FLOOR_CHIEF = "NO_FIRST_FLOOR_CHIEF"
    NO_SECOND_FLOOR_CHIEF = "NO_SECOND_FLOOR_CHIEF"
    NO_PARTY_MEMBER = "NO_PARTY_MEMBER"
    NO_GRID_WORKER = "NO_GRID_WORKER"


@strawberry.enum(
    description="A window of the week in which a helper can be reached: weekday days "
    "(Mon–Fri 8:00–18:00), weekday evenings (18:00–22:00), nights (22:00–8:00), weekends "
    "(Sat–Sun 8:00–22:00)."
)
class Window(Enum):
    WEEKDAY_DAY = "weekday_day"
    WEEKDAY_EVENING = "weekday_evening"
    NIGHT = "night"
    WEEKEND = "weekend"
