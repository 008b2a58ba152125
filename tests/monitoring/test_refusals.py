"""What a refused realization is told: a negative value is called negative."""

import pytest

from renstra.monitoring import services
from renstra.monitoring.cells import cell_token
from renstra.monitoring.models import Realization
from renstra.plans.models import Indicator

NEGATIVE = "Realisasi tidak boleh negatif"


@pytest.fixture
def peserta(v2):
    """'Jumlah peserta seleksi penerimaan CPNS' (kegiatan 17.02): counted in orang."""
    return Indicator.objects.get(
        version=v2, activity__code="17.02", name__istartswith="Jumlah peserta seleksi"
    )


@pytest.mark.parametrize(
    "raw", ["-3 kali", "-3", "- 3 orang", "−3 orang", "-2,5 %", "1 orang dan -2 orang"]
)
def test_a_negative_value_is_called_negative(peserta, planner, raw):
    with pytest.raises(services.EntryRefused) as refused:
        services.save_realization(peserta, 2018, 1, raw, user=planner)
    assert str(refused.value) == "{}: '{}'.".format(NEGATIVE, raw)
    assert not Realization.objects.filter(indicator=peserta).exists()


@pytest.mark.parametrize("raw", ["lima ratus", "-BB", "- orang"])
def test_what_is_not_a_negative_number_is_still_unreadable(peserta, raw):
    with pytest.raises(services.EntryRefused, match="tidak dapat dibaca sebagai angka"):
        services.parse_realization(peserta, raw)


def test_a_negative_value_in_a_grid_row_is_refused_with_its_own_message(peserta, planner):
    result = services.save_realization_row(
        indicator=peserta,
        year=2018,
        cells={1: "-3 kali"},
        tokens={1: cell_token(None)},
        user=planner,
    )
    assert result.refused == {1: "{}: '-3 kali'.".format(NEGATIVE)}
