"""The shapes the roster format is written in: an enumeration (:class:`Enum`), a column, a
sheet. The sheets themselves are :mod:`seeds.columns` and :mod:`seeds.ledger_columns`."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Column", "Enum", "Sheet", "column"]


@dataclass(frozen=True)
class Enum:
    """A closed set of canonical values, each with the words a clerk may write for it."""

    name_zh: str
    name_en: str
    values: dict[str, tuple[str, ...]]  # canonical -> accepted spellings (besides itself)

    def parse(self, text: str) -> str | None:
        """The canonical value for ``text`` (case- and space-insensitive), or None."""
        key = text.strip().lower().replace(" ", "_").replace("-", "_")
        for canonical, words in self.values.items():
            if key == canonical or key in (w.lower() for w in words):
                return canonical
        return None

    def zh(self, canonical: str) -> str:
        """The first Chinese word for a canonical value (used when writing rosters)."""
        return self.values[canonical][0]

    def choices(self) -> str:
        return " / ".join(f"{words[0]} ({c})" for c, words in self.values.items())


@dataclass(frozen=True)
class Column:
    key: str  # canonical English header, also the field name of the row dataclass
    zh: str
    required: bool
    description_zh: str
    description_en: str
    enum: Enum | None = None

    @property
    def headers(self) -> tuple[str, str]:
        return (self.zh, self.key)


@dataclass(frozen=True)
class Sheet:
    key: str  # canonical English sheet name, also the CSV file stem
    zh: str
    description_zh: str
    description_en: str
    columns: tuple[Column, ...] = field(default_factory=tuple)

    def column(self, header: str) -> Column | None:
        """The column a header names, in either language (case- and space-insensitive)."""
        h = header.strip().lower().replace(" ", "_")
        for c in self.columns:
            if h in (c.key, c.zh.lower()):
                return c
        return None

    @property
    def names(self) -> tuple[str, str]:
        return (self.zh, self.key)


def column(
    key: str,
    zh: str,
    required: bool,
    description_zh: str,
    description_en: str,
    enum: Enum | None = None,
) -> Column:
    return Column(key, zh, required, description_zh, description_en, enum)
