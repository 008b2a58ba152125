"""Entering realization, its states, evidence files, and the CSV import."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from renstra.core.errors import ImportRejected
from renstra.monitoring import services
from renstra.monitoring.cells import REFUSED, SAVED, UNCHANGED, cell_token
from renstra.monitoring.choices import YEARLY, EntryStatus
from renstra.monitoring.csv_import import import_realization, read_csv
from renstra.monitoring.evaluation import indicator_year
from renstra.monitoring.models import BudgetRealization, Evidence, Realization
from renstra.plans.models import Activity, Indicator
from tests.growth import unfrozen


@pytest.fixture
def peserta(v2):
    """'Jumlah peserta seleksi penerimaan CPNS' (kegiatan 17.02): 1000 orang in 2018."""
    indicator = Indicator.objects.get(
        version=v2, activity__code="17.02", name__istartswith="Jumlah peserta seleksi"
    )
    assert indicator.targets.get(year=2018).raw_text == "1000 orang"
    return indicator


def test_quarters_roll_up_into_the_year_and_achievement_follows(peserta, planner):
    for quarter, raw in ((1, "200 orang"), (2, "250"), (3, "300 orang")):
        services.save_realization(peserta, 2018, quarter, raw, user=planner)
    result = indicator_year(peserta, 2018)
    assert result.realized.value == Decimal(750)
    assert result.achievement.value == Decimal("75.00")
    # During the year the projection extrapolates the three quarters: 750 * 4 / 3 = 1000.
    assert result.projected.value == Decimal(1000)
    assert result.projected_achievement.value == Decimal("100.00")
    assert not result.complete and not result.at_risk
    services.save_realization(peserta, 2018, 4, "150 orang", user=planner)
    result = indicator_year(peserta, 2018)
    assert result.complete and result.achievement.value == Decimal("90.00")
    assert result.predicate == "tinggi"


def test_a_yearly_value_wins_over_the_quarters(peserta, planner):
    services.save_realization(peserta, 2018, 1, "200", user=planner)
    services.save_realization(peserta, 2018, YEARLY, "980 orang", user=planner)
    assert indicator_year(peserta, 2018).achievement.value == Decimal("98.00")


def test_bad_values_are_refused_in_indonesian(peserta, planner, v1):
    with pytest.raises(services.EntryRefused, match="tidak dapat dibaca sebagai angka"):
        services.save_realization(peserta, 2018, 1, "banyak sekali", user=planner)
    with pytest.raises(services.EntryRefused, match="bukan nilai realisasi"):
        services.save_realization(peserta, 2018, 1, "-", user=planner)
    with pytest.raises(services.EntryRefused, match="Tahun 2030 di luar"):
        services.save_realization(peserta, 2030, 1, "5", user=planner)
    with pytest.raises(services.EntryRefused, match="Triwulan '7'"):
        services.save_realization(peserta, 2018, 7, "5", user=planner)
    superseded = Indicator.objects.filter(version=v1).first()
    with pytest.raises(services.EntryRefused, match="sedang berlaku"):
        services.save_realization(superseded, 2018, 1, "5", user=planner)
    assert not Realization.objects.filter(indicator=peserta).exists()


def test_an_empty_value_clears_an_open_figure(peserta, planner):
    services.save_realization(peserta, 2018, 1, "200", user=planner)
    assert services.save_realization(peserta, 2018, 1, "  ", user=planner) is None
    assert not Realization.objects.filter(indicator=peserta).exists()


def test_a_shortfall_cannot_be_submitted_without_cause_and_follow_up(peserta, planner, head):
    entry = services.save_realization(peserta, 2018, YEARLY, "600 orang", user=planner)
    with pytest.raises(services.EntryRefused, match="uraian deviasi dan tindak lanjut"):
        services.submit([entry], user=planner)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DRAFT
    # The indicator page saves the figure again with its cause and follow-up.
    entry = services.save_realization(
        peserta,
        2018,
        YEARLY,
        "600 orang",
        user=planner,
        deviation_cause="Formasi dari pusat hanya 600.",
        follow_up="Usulan formasi ditambah tahun depan.",
    )
    assert services.submit([entry], user=planner) == 1
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED


def test_submitted_waits_returned_reopens_approved_locks(peserta, planner, head):
    entry = services.save_realization(peserta, 2018, YEARLY, "990 orang", user=planner)
    services.submit([entry], user=planner)
    with pytest.raises(services.EntryRefused, match="sudah diajukan"):
        services.save_realization(peserta, 2018, YEARLY, "995", user=planner)
    with pytest.raises(services.EntryRefused, match="alasan pengembalian"):
        services.decide(entry, user=head, approve=False, note="  ")
    services.decide(entry, user=head, approve=False, note="Lampirkan daftar peserta.")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.RETURNED and entry.status_note
    entry = services.save_realization(peserta, 2018, YEARLY, "995 orang", user=planner)
    assert entry.status == EntryStatus.DRAFT
    services.submit([entry], user=planner)
    services.decide(entry, user=head, approve=True)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.APPROVED and entry.decided_by == head
    with pytest.raises(services.EntryRefused, match="sudah disetujui"):
        services.save_realization(peserta, 2018, YEARLY, "1000", user=planner)
    with pytest.raises(services.EntryRefused, match="sudah disetujui"):
        services.save_realization(peserta, 2018, YEARLY, "", user=planner)
    assert Realization.objects.get(pk=entry.pk).raw_text == "995 orang"
    # Every change is in the history, with who made it.
    assert entry.history.count() >= 6


def test_a_text_target_needs_the_verifiers_verdict(v2, planner, head):
    indicator = Indicator.objects.filter(version=v2).first()
    # The demo has no text target; make one (v2 is frozen, in the database too).
    with unfrozen(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE plans_indicator SET value_type = 'text' WHERE id = %s", [indicator.pk]
        )
    indicator.refresh_from_db()
    entry = services.save_realization(
        indicator, 2018, YEARLY, "Terlaksana sesuai jadwal", user=planner
    )
    entry.status = EntryStatus.SUBMITTED
    entry.save()
    with pytest.raises(services.EntryRefused, match="tercapai"):
        services.decide(entry, user=head, approve=True)
    services.decide(entry, user=head, approve=True, verdict=False)
    assert Realization.objects.get(pk=entry.pk).verdict is False


def test_budget_amounts_are_exact_rupiah(v2, planner):
    activity = Activity.objects.get(program__version=v2, code="17.02")
    entry = services.save_budget(activity, 2018, 1, "Rp 125.000.000,50", user=planner)
    assert entry.amount == Decimal("125000000.50") and entry.raw_text == "Rp 125.000.000,50"
    with pytest.raises(services.EntryRefused, match="dua angka di belakang koma"):
        services.save_budget(activity, 2018, 2, "1.000,505", user=planner)
    with pytest.raises(services.EntryRefused, match="bukan jumlah rupiah"):
        services.save_budget(activity, 2018, 2, "seratus juta", user=planner)
    with pytest.raises(services.EntryRefused, match="negatif"):
        services.save_budget(activity, 2018, 2, "-5.000", user=planner)
    assert BudgetRealization.objects.filter(activity=activity).count() == 1


def _upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_evidence_is_checked_and_stored_under_a_random_name(peserta, planner, media, settings):
    entry = services.save_realization(peserta, 2018, 1, "200", user=planner)
    evidence = services.add_evidence(
        entry, _upload("../../etc/Daftar peserta.pdf", b"%PDF-1.4 isi"), user=planner
    )
    assert evidence.original_name == "Daftar peserta.pdf"
    assert ".." not in evidence.file.name and "Daftar" not in evidence.file.name
    assert evidence.file.name.startswith("evidence/2018/") and evidence.file.name.endswith(".pdf")
    stored = media / evidence.file.name
    assert stored.read_bytes() == b"%PDF-1.4 isi"
    with pytest.raises(services.EntryRefused, match="tidak diterima"):
        services.add_evidence(entry, _upload("skrip.exe", b"MZ\x90"), user=planner)
    with pytest.raises(services.EntryRefused, match="tidak sesuai dengan jenisnya"):
        services.add_evidence(entry, _upload("palsu.pdf", b"<html>"), user=planner)
    settings.EVIDENCE_MAX_BYTES = 10
    with pytest.raises(services.EntryRefused, match="terlalu besar"):
        services.add_evidence(entry, _upload("besar.pdf", b"%PDF-" + b"x" * 20), user=planner)
    assert Evidence.objects.filter(realization=entry).count() == 1


def _rows(text):
    return read_csv(text, "uji.csv")


def test_csv_import_matches_names_loosely_and_writes_everything(v2, planner, peserta):
    count = import_realization(
        v2,
        _rows(
            "kode,indikator,tahun,triwulan,nilai,catatan\n"
            "17.02,  jumlah PESERTA seleksi   penerimaan cpns ,2018,1,200 orang,awal\n"
            "17.02,Jumlah peserta seleksi penerimaan CPNS,2018,2,300,\n"
            ",Jumlah peserta seleksi penerimaan CPNS,2018,,900 orang,setahun\n"
        ),
        user=planner,
    )
    assert count == 3
    entries = {r.quarter: r for r in Realization.objects.filter(indicator=peserta)}
    assert entries[1].raw_text == "200 orang" and entries[1].note == "awal"
    assert entries[YEARLY].value == Decimal(900)


def test_csv_import_with_errors_writes_nothing_and_names_every_bad_cell(v2, planner, peserta):
    text = (
        "kode,indikator,tahun,triwulan,nilai,catatan\n"
        "17.02,Jumlah peserta seleksi penerimaan CPNS,2018,1,200,\n"
        "17.02,Indikator yang tidak ada,2018,1,5,\n"
        "17.02,Jumlah peserta seleksi penerimaan CPNS,dua ribu,1,5,\n"
        "17.02,Jumlah peserta seleksi penerimaan CPNS,2018,5,5,\n"
        "17.02,Jumlah peserta seleksi penerimaan CPNS,2018,1,300,\n"
        "17.02,Jumlah peserta seleksi penerimaan CPNS,2019,1,sedikit,\n"
    )
    with pytest.raises(ImportRejected) as caught:
        import_realization(v2, _rows(text), user=planner)
    found = [(e.row, e.column) for e in caught.value.errors]
    assert found == [(3, "indikator"), (4, "tahun"), (5, "triwulan"), (6, "triwulan"), (7, "nilai")]
    assert "sudah ada di baris 2" in caught.value.errors[3].reason
    assert not Realization.objects.filter(indicator__version=v2).exists()


def test_csv_header_and_ambiguity_are_reported(v2, planner):
    with pytest.raises(ImportRejected) as caught:
        _rows("kode;nama;tahun;nilai\n17.02;x;2018;5\n")
    reasons = " ".join(e.reason for e in caught.value.errors)
    assert "Kolom 'indikator' tidak ada" in reasons and "Kolom tidak dikenal" in reasons
    # The reviewed plan has three indicators named 'Persentase kelulusan peserta diklat': without a
    # code the name alone cannot say which.
    name = "persentase kelulusan peserta DIKLAT"
    assert Indicator.objects.filter(version=v2, name__iexact=name).count() == 3
    with pytest.raises(ImportRejected, match="isi kolom kode"):
        import_realization(
            v2, _rows("indikator,tahun,nilai\n{},2018,5\n".format(name)), user=planner
        )


def test_values_that_would_be_rounded_or_overflow_are_refused(peserta, planner, v2):
    with pytest.raises(services.EntryRefused, match="tanpa pembulatan"):
        services.save_realization(peserta, 2018, 1, "1,23456 orang", user=planner)
    with pytest.raises(services.EntryRefused, match="tanpa pembulatan"):
        services.save_realization(peserta, 2018, 1, "1" * 21, user=planner)
    activity = Activity.objects.get(program__version=v2, code="17.02")
    with pytest.raises(services.EntryRefused, match="terlalu besar"):
        services.save_budget(activity, 2018, 1, "1" * 17, user=planner)
    # Past Python's 4,300-digit conversion limit: a message, not a ValueError.
    with pytest.raises(services.EntryRefused, match="maksimal 300 karakter"):
        services.save_realization(peserta, 2018, 1, "9" * 5000, user=planner)
    with pytest.raises(services.EntryRefused, match="terlalu panjang: 250 angka, paling banyak 24"):
        services.parse_realization(peserta, "9" * 250)
    with pytest.raises(
        services.EntryRefused, match="terlalu panjang: 5000 angka, paling banyak 18"
    ):
        services.save_budget(activity, 2018, 1, "9" * 5000, user=planner)
    assert not Realization.objects.filter(indicator=peserta).exists()
    assert not BudgetRealization.objects.filter(activity=activity).exists()


def test_a_row_saves_its_changed_cells_and_reports_each_refused_one(peserta, planner):
    first = services.save_realization(peserta, 2018, 1, "200 orang", user=planner)
    tokens = {q: cell_token(None) for q in (2, 3, 4, YEARLY)} | {1: cell_token(first)}
    result = services.save_realization_row(
        indicator=peserta,
        year=2018,
        cells={1: " 200 orang ", 2: "lima ratus", 3: "300 orang", 4: "", YEARLY: ""},
        tokens=tokens,
        user=planner,
    )
    assert list(result.refused) == [2] and "tidak dapat dibaca sebagai angka" in result.refused[2]
    assert {q: c.outcome for q, c in result.cells.items()} == {
        1: UNCHANGED,
        2: REFUSED,
        3: SAVED,
        4: UNCHANGED,
        YEARLY: UNCHANGED,
    }
    stored = {r.quarter: r.raw_text for r in Realization.objects.filter(indicator=peserta)}
    assert stored == {1: "200 orang", 3: "300 orang"}
    # The unchanged cell was not written again.
    assert Realization.objects.get(indicator=peserta, quarter=1).history.count() == 1


def test_a_refused_evidence_file_keeps_its_figure_unsaved(peserta, planner):
    with pytest.raises(services.EntryRefused, match="tidak diterima"):
        services.save_with_evidence(
            indicator=peserta,
            year=2018,
            quarter=1,
            raw="200 orang",
            user=planner,
            upload=_upload("skrip.exe", b"MZ\x90"),
        )
    assert not Realization.objects.filter(indicator=peserta).exists()


def _submitted(version, year=2019):
    return Realization.objects.filter(
        indicator__version=version, year=year, status=EntryStatus.SUBMITTED
    )


def test_bulk_approval_is_one_transaction(sample, head, monkeypatch):
    ids = list(_submitted(sample).values_list("indicator_id", flat=True)[:3])
    assert len(ids) == 3
    decide = services.decide
    decided = []

    def failing_third(entry, **kwargs):
        decided.append(entry.pk)
        if len(decided) == 3:
            raise RuntimeError("gangguan basis data")
        return decide(entry, **kwargs)

    monkeypatch.setattr(services, "decide", failing_third)
    with pytest.raises(RuntimeError):
        services.approve_many(version=sample, year=2019, indicator_ids=ids, user=head)
    assert _submitted(sample).filter(indicator_id__in=ids).count() == 3
    monkeypatch.setattr(services, "decide", decide)
    done = services.approve_many(version=sample, year=2019, indicator_ids=ids, user=head)
    assert done == services.BulkApproval(approved=3, skipped=0)
    assert not _submitted(sample).filter(indicator_id__in=ids).exists()


def test_bulk_approval_of_the_budget_approves_every_submitted_budget_figure(sample, head):
    waiting = BudgetRealization.objects.filter(
        activity__program__version=sample, year=2019, status=EntryStatus.SUBMITTED
    )
    count = waiting.count()
    assert count > 0
    done = services.approve_many(
        version=sample, year=2019, indicator_ids=[], budget=True, user=head
    )
    assert done.approved == count and not waiting.exists()


def test_bulk_submission_sends_every_open_figure_or_none(peserta, planner, v2):
    services.save_realization(peserta, 2018, 1, "300 orang", user=planner)
    activity = Activity.objects.get(program__version=v2, code="17.02")
    budget = services.save_budget(activity, 2018, 1, "1.000", user=planner)
    count = services.submit_many(
        version=v2, year=2018, indicator_ids=[peserta.pk], budget=True, user=planner
    )
    assert count == 2
    budget.refresh_from_db()
    assert budget.status == EntryStatus.SUBMITTED
    # A shortfall without its explanation refuses the whole lot, budget included.
    services.save_realization(peserta, 2018, 2, "10 orang", user=planner)
    later = services.save_budget(activity, 2018, 2, "1.000", user=planner)
    with pytest.raises(services.EntryRefused, match="uraian deviasi"):
        services.submit_many(
            version=v2, year=2018, indicator_ids=[peserta.pk], budget=True, user=planner
        )
    later.refresh_from_db()
    assert later.status == EntryStatus.DRAFT
