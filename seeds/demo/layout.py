"""The layout of the grid: areas, micro-grids, blocks, corridors (or villa regions), buildings
and rooms, grown in proportion to the number of households (about 22 per corridor); and where on
it the area gaps fall (:class:`GapPlaces`: rules on the grid's codes only, no randomness)."""

from __future__ import annotations

from dataclasses import dataclass, field

from seeds.demo.constants import DEFAULT_HOUSEHOLDS
from seeds.rows import GridRow

__all__ = ["Corridor", "GapPlaces", "codes", "gap_places", "grid_and_rooms", "half_up", "lay_out"]

# The real community: 58 corridors, 23 blocks, 6 micro-grids, 3 areas for 1,302 households.
_CORRIDORS_PER_HOUSEHOLD = 58 / DEFAULT_HOUSEHOLDS
_BLOCKS_PER_CORRIDOR = 23 / 58
_MICRO_GRIDS_PER_BLOCK = 6 / 23
_MICRO_GRIDS_PER_AREA = 2
# Relative number of households in a corridor (or villa region) of each housing type.
_HOUSING_WEIGHT = {"high_rise": 1.2, "stacked": 0.75, "townhouse": 0.55, "villa": 0.5}
_UNITS_PER_FLOOR = {"high_rise": 2, "stacked": 4}


@dataclass(frozen=True)
class Corridor:
    code: str
    block: str
    micro_grid: str
    area: str
    housing_type: str
    households: int


def half_up(x: float) -> int:
    return int(x + 0.5)


def codes(prefix: str, n: int, width: int) -> list[str]:
    # Zero-padded to one width per roster, so codes sort in numeric order.
    w = max(width, len(str(n)))
    return [f"{prefix}{i:0{w}d}" for i in range(1, n + 1)]


def _split(total: int, parts: int) -> list[int]:
    q, r = divmod(total, parts)
    return [q + (i < r) for i in range(parts)]


def _shape(households: int) -> tuple[int, int, int, int]:
    """Areas, micro-grids, blocks and corridors for a number of households."""
    corridors = half_up(households * _CORRIDORS_PER_HOUSEHOLD)
    blocks = half_up(corridors * _BLOCKS_PER_CORRIDOR)
    micro_grids = max(2, half_up(blocks * _MICRO_GRIDS_PER_BLOCK))
    blocks = max(2 * micro_grids, blocks)
    corridors = max(2 * blocks, corridors)
    areas = max(1, half_up(micro_grids / _MICRO_GRIDS_PER_AREA))
    return areas, micro_grids, blocks, corridors


def _housing_type(area_kind: int, last_micro_grid: bool, position: int, size: int) -> str:
    # Phase 1 is all high-rise, phase 2 adds stacked houses, phase 3 ends in townhouses and villas;
    # larger communities repeat the three phases.
    last = size > 1 and position == size - 1
    if area_kind == 0:
        return "high_rise"
    if area_kind == 1:
        return "stacked" if last_micro_grid and last else "high_rise"
    if last_micro_grid:
        return "townhouse" if position == 0 else "villa"
    return "stacked" if last else "high_rise"


def _apportion(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder), summing exactly."""
    scale = total / sum(weights)
    quotas = [w * scale for w in weights]
    shares = [int(q) for q in quotas]
    by_remainder = sorted(range(len(quotas)), key=lambda i: (shares[i] - quotas[i], i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def lay_out(households: int, prefix: str = "QS-") -> list[Corridor]:
    n_areas, n_micro, n_blocks, n_corridors = _shape(households)
    areas = codes(f"{prefix}P", n_areas, 1)
    micro_grids = codes(f"{prefix}MG", n_micro, 1)
    blocks = codes(f"{prefix}B", n_blocks, 2)
    micro_sizes = _split(n_micro, n_areas)
    block_sizes = _split(n_blocks, n_micro)
    corridor_sizes = _split(n_corridors, n_blocks)
    places: list[tuple[str, str, str, str, str]] = []
    m = b = 0
    for a, area in enumerate(areas):
        for i in range(micro_sizes[a]):
            last_micro_grid = i == micro_sizes[a] - 1
            for _ in range(block_sizes[m]):
                size = corridor_sizes[b]
                numbers = {"C": 0, "R": 0}
                for position in range(size):
                    kind = _housing_type(a % 3, last_micro_grid, position, size)
                    letter = "R" if kind == "villa" else "C"
                    numbers[letter] += 1
                    code = f"{blocks[b]}-{letter}{numbers[letter]}"
                    places.append((code, blocks[b], micro_grids[m], area, kind))
                b += 1
            m += 1
    sizes = _apportion(households, [_HOUSING_WEIGHT[p[4]] for p in places])
    return [Corridor(*p, households=n) for p, n in zip(places, sizes, strict=True)]


def grid_and_rooms(corridors: list[Corridor]) -> tuple[list[GridRow], dict[str, list[str]]]:
    """Grid rows, and the rooms of each corridor (one per household)."""
    rows: list[GridRow] = []
    rooms: dict[str, list[str]] = {}
    buildings: dict[str, int] = {}  # area -> buildings numbered so far
    villas: dict[str, int] = {}
    shared: tuple[str, str, str] | None = None  # (block, housing type, building) with room left
    for c in corridors:

        def row(building: str, c: Corridor = c) -> GridRow:
            return GridRow(c.area, c.micro_grid, c.block, c.code, building, c.housing_type)

        if c.housing_type == "villa":
            # A region of detached villas: one building per household, numbered across the area.
            first = villas.get(c.area, 0) + 1
            villas[c.area] = first + c.households - 1
            numbers = range(first, first + c.households)
            rows.extend(row(f"{c.area}-V{n:02d}") for n in numbers)
            rooms[c.code] = [str(n) for n in numbers]
            continue
        if shared and shared[:2] == (c.block, c.housing_type):
            building, shared = shared[2], None  # the second entrance of a two-corridor building
        else:
            buildings[c.area] = buildings.get(c.area, 0) + 1
            building = f"{c.area}-{buildings[c.area]:02d}"
            shared = (
                (c.block, c.housing_type, building) if c.housing_type in _UNITS_PER_FLOOR else None
            )
        rows.append(row(building))
        rooms[c.code] = _rooms(c.housing_type, c.households)
    return rows, rooms


def _rooms(housing_type: str, households: int) -> list[str]:
    per_floor = _UNITS_PER_FLOOR.get(housing_type)
    if per_floor is None:  # townhouses are numbered along the row
        return [str(k + 1) for k in range(households)]
    return [f"{k // per_floor + 1}{k % per_floor + 1:02d}" for k in range(households)]


# --- where the area gaps fall ----------------------------------------------------------------


@dataclass(frozen=True)
class GapPlaces:
    """Where the area gaps are: rules on the grid's codes only."""

    gap_micro: str
    gap_blocks: tuple[str, ...]
    second: tuple[str, ...]  # corridors without a second floor chief (sorted)
    bare: str  # no first floor chief either ("" in a grid too small for one)
    thin: str  # where the elder with two helpers lives ("" when the grid is too small)
    micro_of: dict[str, str] = field(default_factory=dict)  # corridor -> micro-grid


def gap_places(grid: list[GridRow]) -> GapPlaces:
    micro_of: dict[str, str] = {}
    corridors_of: dict[str, list[str]] = {}
    for g in grid:
        micro_of[g.block] = g.micro_grid
        block_corridors = corridors_of.setdefault(g.block, [])
        if g.corridor not in block_corridors:
            block_corridors.append(g.corridor)
    gap_micro = max(micro_of.values())
    blocks = sorted(corridors_of)
    gap_blocks = tuple(b for b in blocks if micro_of[b] == gap_micro)
    wide = [b for b in blocks if micro_of[b] != gap_micro and len(corridors_of[b]) >= 2]
    picks = [
        max(corridors_of[wide[i]]) for i in dict.fromkeys((len(wide) // 3, 2 * len(wide) // 3))
    ]
    second = [c for b in gap_blocks for c in corridors_of[b]] + picks
    return GapPlaces(
        gap_micro=gap_micro,
        gap_blocks=gap_blocks,
        second=tuple(sorted(second)),
        bare=picks[0] if picks else "",
        thin=picks[1] if len(picks) > 1 else "",
        micro_of={g.corridor: g.micro_grid for g in grid},
    )
