"""The demo community's fixed numbers and names: its default and smallest size, the tags that
make an elder vulnerable, the capacities every load stays within, and the organisations its
people work for."""

__all__ = [
    "COMMUNITY",
    "DEFAULT_HOUSEHOLDS",
    "DOCTOR_CAPACITY",
    "FLOOR_CHIEF_CAPACITY",
    "GRID_ORG",
    "GRID_WORKER_CAPACITY",
    "HEALTH_ORG",
    "MIN_HOUSEHOLDS",
    "OWNERS_ORG",
    "PLACE",
    "PROPERTY_ORG",
    "RECENT_VISIT_DAYS",
    "RESIDENT_HELPER_LIMIT",
    "STAFF_ORG",
    "VOLUNTEER_CAPACITY",
    "VOLUNTEER_ORG",
    "VULNERABLE_TAGS",
]

DEFAULT_HOUSEHOLDS = 1302
MIN_HOUSEHOLDS = 50  # below this the grid cannot hold every kind of planted gap
COMMUNITY = "QS"
# The demo community's place in the city: Qingsong Community of Xiayang Street, Qingpu District.
PLACE = ("QS", "青松社区", "XY", "夏阳街道", "QP", "青浦区")

# Vulnerability: a resident aged 60+ with one of these tags or with assisted/dependent mobility.
# The generator gives these tags and reduced mobility only to people aged 60+, and tags 独居
# exactly the elders who live alone, so the analysis' "lives alone" finds the same people.
VULNERABLE_TAGS = ("独居", "高龄", "残疾")
RECENT_VISIT_DAYS = 14

VOLUNTEER_CAPACITY = 5
FLOOR_CHIEF_CAPACITY = 5  # the analysis' default for floor chiefs, who have no roster capacity
DOCTOR_CAPACITY = 150
# Roomy enough that no micro-grid has more vulnerable elders than its grid worker can follow.
GRID_WORKER_CAPACITY = 100
RESIDENT_HELPER_LIMIT = 2  # residents have no capacity column; keep every one well below any limit

STAFF_ORG = "青松居委会"
GRID_ORG = "夏阳街道网格化管理中心"
HEALTH_ORG = "夏阳街道社区卫生服务中心"
VOLUNTEER_ORG = "青松社区志愿服务队"
PROPERTY_ORG = "青松物业"
OWNERS_ORG = "青松社区业委会"
