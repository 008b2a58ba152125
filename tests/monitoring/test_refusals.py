"""What a refused realization is told: a negative value is called negative, the CSV import names
every bad cell of a row, not only the first, and a grid keeps a refused value in its cell with
the reason beside it."""

import pytest

from renstra.core.errors import ImportRejected
from renstra.monitoring import services
from renstra.monitoring.cells import cell_token
from renstra.monitoring.csv_import import import_realization, read_csv
from renstra.monitoring.models import BudgetRealization, Realization
from renstra.plans.models import Activity, Indicator
from tests.monitoring.rows import row_fields

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


def test_csv_row_with_three_bad_cells_lists_all_three(v2, planner, peserta):
    text = (
        "kode,indikator,tahun,triwulan,nilai,catatan\n"
        "17.02,Jumlah peserta seleksi penerimaan CPNS,2018,1,200 orang,\n"
        "17.02,Jumlah peserta seleksi penerimaan CPNS,dua ribu,5,-3 orang,\n"
        "17.02,Indikator yang tidak ada,2030,I,,\n"
    )
    with pytest.raises(ImportRejected) as caught:
        import_realization(v2, read_csv(text, "uji.csv"), user=planner)
    found = [(e.row, e.column, e.value) for e in caught.value.errors]
    assert found == [
        (3, "tahun", "dua ribu"),
        (3, "triwulan", "5"),
        (3, "nilai", "-3 orang"),
        (4, "indikator", "Indikator yang tidak ada"),
        (4, "tahun", "2030"),
        (4, "triwulan", "I"),
        (4, "nilai", ""),
    ]
    reasons = [e.reason for e in caught.value.errors]
    assert reasons[2] == "{}: '-3 orang'.".format(NEGATIVE)
    assert reasons[6] == "Nilai realisasi kosong."
    assert not Realization.objects.filter(indicator__version=v2).exists()


def test_csv_value_of_an_ambiguous_name_is_checked_against_each_indicator_of_it(v2, planner):
    """Three indicators are named 'Persentase kelulusan peserta diklat': the row says which one
    is missing, and that its value cannot be a realization of any of them."""
    name = "Persentase kelulusan peserta diklat"
    assert Indicator.objects.filter(version=v2, name__iexact=name).count() == 3
    rows = read_csv(
        "indikator,tahun,nilai\n{},2018,-\n{},2018,80 %\n".format(name, name), "uji.csv"
    )
    with pytest.raises(ImportRejected) as caught:
        import_realization(v2, rows, user=planner)
    found = [(e.row, e.column) for e in caught.value.errors]
    assert found == [(2, "indikator"), (2, "nilai"), (3, "indikator")]
    assert "bukan nilai realisasi" in caught.value.errors[1].reason


def test_csv_period_given_twice_and_a_bad_value_are_both_said(v2, planner, peserta):
    text = (
        "kode,indikator,tahun,triwulan,nilai\n"
        "17.02,Jumlah peserta seleksi penerimaan CPNS,2018,2,10 orang\n"
        "17.02,Jumlah peserta seleksi penerimaan CPNS,2018,2,lima\n"
    )
    with pytest.raises(ImportRejected) as caught:
        import_realization(v2, read_csv(text, "uji.csv"), user=planner)
    found = [(e.row, e.column) for e in caught.value.errors]
    assert found == [(3, "triwulan"), (3, "nilai")]  # in the order of the columns
    assert "sudah ada di baris 2" in caught.value.errors[0].reason


def _cell(html: str, row_id: str, quarter: int) -> str:
    """The markup of one cell of a grid row."""
    row = html.split('id="{}"'.format(row_id), 1)[1].split("</tr>", 1)[0]
    return row.split('data-quarter="{}"'.format(quarter), 1)[1].split("</td>", 1)[0]


def test_a_refused_grid_value_stays_in_its_cell_marked_with_its_reason(
    client, v2, planner, peserta
):
    client.force_login(planner)
    services.save_realization(peserta, 2018, 1, "200 orang", user=planner)
    page = "/versi/{}/pemantauan/2018/".format(v2.pk)
    url = "/versi/{}/pemantauan/2018/indikator/{}/simpan/".format(v2.pk, peserta.pk)
    row = "ind-{}".format(peserta.pk)
    fields = row_fields(client.get(page).content.decode(), row)
    answer = client.post(url, {**fields, "q1": "-3 orang"}, HTTP_HX_REQUEST="true")
    html = answer.content.decode()
    assert answer.status_code == 200 and row_fields(html, row)["q1"] == "-3 orang"
    cell = _cell(html, row, 1)
    assert 'data-outcome="refused"' in cell and 'aria-invalid="true"' in cell
    assert 'aria-describedby="{}-q1-galat"'.format(row) in cell
    assert '<span class="field-error cell-error" id="{}-q1-galat" role="alert">'.format(row) in cell
    assert "Realisasi tidak boleh negatif: &#x27;-3 orang&#x27;." in cell
    assert "has-unsaved" in html.split(">", 1)[0]
    assert Realization.objects.get(indicator=peserta, quarter=1).raw_text == "200 orang"

    corrected = client.post(
        url, {**row_fields(html, row), "q1": "210 orang"}, HTTP_HX_REQUEST="true"
    )
    html = corrected.content.decode()
    assert "cell-error" not in html and "aria-invalid" not in html and "has-unsaved" not in html
    assert Realization.objects.get(indicator=peserta, quarter=1).raw_text == "210 orang"


def test_a_refused_budget_amount_stays_in_its_cell_with_its_reason(client, v2, planner):
    client.force_login(planner)
    activity = Activity.objects.get(program__version=v2, code="17.02")
    page = "/versi/{}/pemantauan/2018/anggaran/".format(v2.pk)
    url = "/versi/{}/pemantauan/2018/anggaran/{}/simpan/".format(v2.pk, activity.pk)
    row = "keg-{}".format(activity.pk)
    fields = row_fields(client.get(page).content.decode(), row)
    html = client.post(url, {**fields, "q2": "seratus juta"}).content.decode()
    assert row_fields(html, row)["q2"] == "seratus juta"
    cell = _cell(html, row, 2)
    assert 'aria-invalid="true"' in cell and 'aria-describedby="{}-q2-galat"'.format(row) in cell
    assert "bukan jumlah rupiah" in cell
    assert not BudgetRealization.objects.filter(activity=activity).exists()
