"""The 2020 edition of the Permendagri 90/2019 nomenclature (copied from
shared/reference/permendagri90_nomenklatur_simcan.csv), loaded through the same service as
`renstra nomenclature load`, and a small plan coded by it."""

from pathlib import Path

import pytest

from renstra.nomenclature.index import forget_editions
from renstra.nomenclature.reading import read_rows
from renstra.nomenclature.services import load_edition

SIMCAN_2020 = (
    Path(__file__).parent / "fixtures" / "nomenclature" / "permendagri90_nomenklatur_simcan.csv"
)


def load_2020(name="2020"):
    data = SIMCAN_2020.read_bytes()
    return load_edition(name=name, rows=read_rows(data, SIMCAN_2020.name), source=SIMCAN_2020.name)


@pytest.fixture
def forget():
    """Editions loaded in a test are rolled back with it: this process must forget them too."""
    forget_editions()
    yield
    forget_editions()


@pytest.fixture
def edition_2020(db, forget):
    return load_2020().edition
