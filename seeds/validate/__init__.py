"""Checking a roster and turning it into typed rows.

:func:`read_roster` reads a workbook or a folder of CSV files and returns a :class:`Roster`, or
raises :class:`RosterError` listing every problem found, each located by file, sheet, row and
column and explained in Chinese and English in the clerk's words. Nothing is loaded from a
roster with problems: a half-loaded roster would show gaps that are not there.

Example::

    >>> roster = read_roster(Path("roster.xlsx"), today=date(2026, 3, 1))  # doctest: +SKIP
    >>> roster.residents[0].birth_year  # doctest: +SKIP
    1938

Problem codes, besides those of :mod:`seeds.reader` (``unreadable``, ``bad_encoding``,
``duplicate_sheet``, ``duplicate_column``, ``too_large``): ``missing_sheet``, ``missing_column``,
``required``, ``unknown_value``, ``bad_date``, ``bad_year``, ``bad_number``, ``duplicate_id``,
``two_households``, ``household_two_dwellings``, ``grid_conflict``, ``unknown_corridor``,
``unknown_person``, ``wrong_kind``, ``unknown_resident``, ``unknown_scope``, ``wrong_scope``,
``until_before_since``, ``self_help``, ``too_long`` (over the text's limit in
:data:`graph.vocabulary.TEXT_LIMITS`), ``control_character`` (NUL, an ANSI escape, a bidi
override), and ``date_in_id`` (Excel turned a code such as 12-1 into a date).

Messages never quote a value holding a long run of digits: that may be a phone or an identity
card number, and problems end up in logs. The row and column still point at the cell.

May import: ``graph.vocabulary`` and the rest of ``seeds`` (``columns``, ``cell_values``,
``messages``, ``reader``, ``rows``); never ``schema/`` nor ``server/``. Inside, a module imports
only those before it: state → cells → the checks of each sheet group (grid, residents and
people, dwellings, roles/helpers/visits) → checker.
"""

from seeds.validate.checker import check_raw, check_roster, read_roster

__all__ = ["check_raw", "check_roster", "read_roster"]
