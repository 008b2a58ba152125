"""Fixtures of the nomenclature (tests/nomenclature_data.py) for the tests here (the crosswalk)."""

from tests.nomenclature_data import edition_2020, forget  # noqa: F401
