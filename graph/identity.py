"""How a code is written: the identity of places and people across communities.

A committee numbers its own corridors, blocks, households and residents, so two communities may
both have a corridor ``B01-C1`` and a resident ``R0001``. In the graph every record a community
owns is keyed by its **reference**: the community's code, a slash, and the roster's own code
(``QS/B01-C1``, ``QS/R0001``, a dwelling ``QS/B01-C1/502``). The places above the committees
(districts, streets) and the communities themselves keep their bare codes (``QP``, ``XY``,
``QS``), unique in the deployment. People who work for a street or a district (its family
doctors, grid workers, volunteer team) are written in every roster that names them with that
street's or district's code, ``XY/D01``: one person in every community that lists them.

People read and write codes **relative to their home community** (:class:`Home`): a committee
clerk writes ``B01-C1`` and reads ``B01-C1``; a street planner, who has no single home, reads and
writes ``QS/B01-C1``. A deployment with one community is everyone's home, so nothing changes for
it. A reference is always accepted as it is.

Example::

    >>> home = Home("QS", above=("XY", "QP"))
    >>> home.qualify("B01-C1"), home.qualify("XY/D01"), home.qualify("QS"), home.qualify("XY")
    ('QS/B01-C1', 'XY/D01', 'QS', 'XY')
    >>> home.display("QS/B01-C1/502"), home.display("WB/R0001")
    ('B01-C1/502', 'WB/R0001')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from graph.vocabulary import HELPER_KINDS, ROLES

__all__ = ["NOWHERE", "SEPARATOR", "Home", "local", "owned", "prefix", "ref"]

SEPARATOR = "/"
# Role and pairing ids join references with words and a date: person|role|area|since.
_TIE_SEPARATOR = "|"
_TIE_WORDS = frozenset((*ROLES, *HELPER_KINDS))
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def prefix(community: str) -> str:
    """What every reference of a community's own records starts with."""
    return community + SEPARATOR


def ref(community: str, code: str) -> str:
    """The reference of a community's own code (a roster's corridor, household, resident)."""
    return prefix(community) + code


def owned(community: str, code: str) -> str:
    """The reference of a person id a roster writes: its own id (``D01``) belongs to the
    community, an id qualified by a street or district (``XY/D01``) is that person already."""
    return code if SEPARATOR in code else ref(community, code)


def local(community: str, reference: str) -> str:
    """A reference as the community's roster writes it."""
    p = prefix(community)
    return reference[len(p) :] if reference.startswith(p) else reference


@dataclass(frozen=True)
class Home:
    """The community a reader's codes are relative to, and the places above it (its street and
    district), whose codes and shared people are written as they are. ``Home()``: no home, every
    code is a reference."""

    community: str | None = None
    above: tuple[str, ...] = ()

    def _qualify_one(self, code: str) -> str:
        # A code with a slash is a reference already: a roster's own codes hold none (only the
        # keys of dwellings do, and no argument takes one).
        c = self.community
        if c is None or SEPARATOR in code or code == c or code in self.above:
            return code
        return ref(c, code)

    def _display_one(self, reference: str) -> str:
        return local(self.community, reference) if self.community else reference

    @staticmethod
    def _each(value: str, one: Callable[[str], str]) -> str:
        if _TIE_SEPARATOR not in value:
            return one(value)
        return _TIE_SEPARATOR.join(
            part if part in _TIE_WORDS or _ISO_DATE.fullmatch(part) else one(part)
            for part in value.split(_TIE_SEPARATOR)
        )

    def qualify(self, code: str) -> str:
        """The reference a code written by this reader means."""
        return self._each(code, self._qualify_one)

    def display(self, reference: str) -> str:
        """A reference as this reader writes it."""
        return self._each(reference, self._display_one)

    def text(self, text: str) -> str:
        """A sentence with references in it (an explanation), with this reader's codes."""
        return text.replace(prefix(self.community), "") if self.community else text


NOWHERE = Home()
