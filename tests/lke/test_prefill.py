"""The LKE's pre-filled answers (renstra.lke.prefill) on the demo: BKPSDM Bontang's approved
version 2 with its example realization 2017-2019 and its example SAKIP year 2019 (Renja, IKU,
three PKs with their Rencana Aksi). Each expectation is computed here by a direct query or by
the checker itself, never by the rule under test."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from renstra.checks.engine import Severity, run_checks
from renstra.core.lke import SCALES
from renstra.core.targets import TargetKind, parse_target
from renstra.lke.prefill import RULES, UNMEASURABLE_RULES, suggest
from renstra.lkjip.services import create_lkjip, submit_lkjip, verify_lkjip
from renstra.monitoring.models import Realization
from renstra.monitoring.sample import load_sample_realization
from renstra.plans.models import Agency, Indicator, Plan, PlanVersion, Target
from renstra.register.models import Schedule
from renstra.review.models import StatusChange
from renstra.review.services import change_status
from renstra.sakip.agreements import update_agreement_target
from renstra.sakip.chain import check_agreement
from renstra.sakip.demo import load_demo_sakip
from renstra.sakip.models import ActionTarget, AgreementTarget, Iku, PerformanceAgreement

YEAR = 2019
TODAY = datetime.date(2020, 6, 1)  # every quarter of 2019 has ended
YT, AE = SCALES["yt"], SCALES["ae"]
YEARLY_TYPES = ("grade", "composite", "text")


def day(value: datetime.date) -> str:
    with translation.override("id"):
        return formats.date_format(value, "j F Y")


@pytest.fixture
def agency(v2):
    """The demo agency with its example realization and SAKIP year 2019."""
    assert load_sample_realization(v2) > 0
    assert load_demo_sakip(v2.plan)["pk"] == 3
    return v2.plan.agency


@pytest.fixture
def empty(v2):
    """An agency of the demo's region with nothing: no Renstra, no Renja, no PK, no LKjIP."""
    return Agency.objects.create(region=v2.plan.agency.region, name="Dinas Kosong", short_name="DK")


@pytest.fixture
def planner(make_user, v2):
    return make_user("perencana_lke", "planner", v2)


def latest_agreements(agency) -> list[PerformanceAgreement]:
    latest: dict[int, PerformanceAgreement] = {}
    for pk in PerformanceAgreement.objects.filter(agency=agency, year=YEAR).order_by("number"):
        latest[pk.unit_id] = pk
    return list(latest.values())


def test_an_unknown_key_says_nothing(agency):
    assert suggest("tidak_ada", agency, YEAR, YT) is None


@pytest.mark.parametrize("key", sorted(RULES))
def test_every_value_is_a_code_of_the_scale(agency, key):
    for scale in (YT, AE):
        found = suggest(key, agency, YEAR, scale, today=TODAY)
        assert found is not None and found.rule == key
        assert found.value in scale.codes()
        assert found.text.endswith(".") and found.evidence
        assert all(link.url.startswith("/") for link in found.evidence)


def test_renstra_in_force(agency, v2):
    approved = StatusChange.objects.get(version=v2, to_status="approved").changed_at
    found = suggest("renstra_ada", agency, YEAR, YT)
    assert found.text == (
        "Renstra 2016–2021 ditetapkan pada {} (versi 2) dan berlaku untuk tahun 2019.".format(
            day(timezone.localtime(approved).date())
        )
    )
    assert found.value == "Y" and suggest("renstra_ada", agency, YEAR, AE).value == "A"
    assert [link.url for link in found.evidence] == [reverse("plans:version", args=[v2.pk])]


def test_renja_final(agency):
    found = suggest("renja_ada", agency, YEAR, AE)
    assert (found.value, found.text) == ("A", "Renja tahun 2019 (Renja murni) sudah final.")
    assert suggest("renja_ada", agency, 2020, YT).text == "Belum ada Renja tahun 2020."
    assert suggest("renja_ada", agency, 2020, YT).value == "T"


def test_iku(agency):
    count = Iku.objects.filter(agency=agency, year_start__lte=YEAR, year_end__gte=YEAR).count()
    found = suggest("iku_ada", agency, YEAR, YT)
    assert (found.value, found.text) == (
        "Y",
        "{} IKU ditetapkan berlaku untuk tahun 2019.".format(count),
    )


def test_pk_of_the_head_signed_and_the_share_of_signed(agency):
    agreements = latest_agreements(agency)
    signed = sum(1 for a in agreements if a.status == "signed")
    head = next(a for a in agreements if a.level == "kepala")
    assert (signed, len(agreements), head.status) == (2, 3, "signed")
    found = suggest("pk_ada", agency, YEAR, AE)
    assert found.text == (
        "PK kepala Perangkat Daerah tahun 2019 (tanggal 15 April 2019) sudah ditandatangani; "
        "2 dari 3 PK unit kerja tahun 2019 sudah ditandatangani."
    )
    assert found.value == "B"  # 2/3 is nearest 0,75
    assert suggest("pk_ada", agency, YEAR, YT).value == "Y"
    assert found.evidence[0].url == reverse("sakip:pk", args=[head.pk])


def test_renaksi_cells_filled(agency):
    agreements = latest_agreements(agency)
    rows = AgreementTarget.objects.filter(agreement__in=agreements)
    wanted = [
        t
        for t in rows
        if t.target_raw.strip() and parse_target(t.target_raw).kind != TargetKind.NIL
    ]
    cells = 4 * len(wanted)  # the demo's plans are quarterly
    filled = (
        ActionTarget.objects.filter(target__in=wanted, period__lte=4).exclude(target_raw="").count()
    )
    found = suggest("renaksi_ada", agency, YEAR, AE)
    percent = (Decimal(100) * filled / cells).quantize(Decimal(1))
    assert found.text == (
        "Rencana Aksi tahun 2019 terisi {}% ({} dari {} isian target per periode); 3 dari 3 PK "
        "mempunyai Rencana Aksi.".format(percent, filled, cells)
    )
    assert found.value == AE.closest(Decimal(filled) / cells)


def test_targets_without_chain_errors(agency):
    total = wrong = 0
    for agreement in latest_agreements(agency):
        errors = {
            f.location.item_id
            for f in check_agreement(agreement)
            if f.severity == Severity.ERROR and f.location.kind == "indikator"
        }
        targets = list(agreement.targets.all())
        total += len(targets)
        wrong += sum(1 for t in targets if t.pk in errors)
    found = suggest("target_selaras", agency, YEAR, AE)
    assert found.text == (
        "{} dari {} target PK tahun 2019 selaras sepanjang rantai Renstra–Renja–PK–Rencana "
        "Aksi (tanpa galat); {} bergalat.".format(total - wrong, total, wrong)
    )
    assert found.value == AE.closest(Decimal(total - wrong) / total)


def test_a_pk_target_changed_without_reason_is_not_aligned(agency):
    before = suggest("target_selaras", agency, YEAR, AE)
    assert before.text.startswith("17 dari 17 target PK tahun 2019 ")
    draft = next(a for a in latest_agreements(agency) if a.status == "draft")
    target = draft.targets.get(target_raw="8 kali")
    update_agreement_target(target=target, raw="9 kali")  # no reason given: an error
    after = suggest("target_selaras", agency, YEAR, AE)
    assert after.text == (
        "16 dari 17 target PK tahun 2019 selaras sepanjang rantai Renstra–Renja–PK–Rencana "
        "Aksi (tanpa galat); 1 bergalat."
    )
    assert after.value == "A"  # 16/17 is nearest 1
    assert suggest("target_selaras", agency, YEAR, YT).value == "Y"


def test_unmeasurable_indicators_are_the_checkers_findings(agency, v2):
    findings = run_checks(v2, rules=UNMEASURABLE_RULES)
    named = {(f.location.kind, f.location.item_id, f.location.indicator) for f in findings}
    total = Indicator.objects.filter(version=v2).count()
    found = suggest("indikator_terukur", agency, YEAR, AE)
    assert found.text == (
        "{} dari {} indikator Renstra versi 2 tidak terukur (temuan pemeriksa).".format(
            len(named), total
        )
    )
    assert found.value == AE.closest(Decimal(total - len(named)) / total)
    assert found.evidence[0].url == reverse("checks:findings", args=[v2.pk])


def _expected_filled(v2, quarters: tuple[int, ...], year_over: bool) -> tuple[int, int]:
    """(filled, due) by direct queries: the evaluated indicators (tujuan to kegiatan) with a
    target of 2019 that is not '-', their entries of 2019."""
    indicators = Indicator.objects.filter(version=v2, sub_activity__isnull=True)
    targets = dict(
        Target.objects.filter(indicator__in=indicators, year=YEAR).values_list(
            "indicator_id", "raw_text"
        )
    )
    entries: dict[int, set[int]] = {}
    for indicator_id, quarter in Realization.objects.filter(
        indicator__in=indicators, year=YEAR
    ).values_list("indicator_id", "quarter"):
        entries.setdefault(indicator_id, set()).add(quarter)
    filled = due = 0
    for indicator in indicators:
        raw = targets.get(indicator.pk, "")
        if not raw.strip() or parse_target(raw).kind == TargetKind.NIL:
            continue
        got = entries.get(indicator.pk, set())
        if indicator.value_type in YEARLY_TYPES:
            if year_over:
                due += 1
                filled += bool(got)
            continue
        due += len(quarters)
        filled += len(quarters) if 0 in got else len(got & set(quarters))
    return filled, due


def test_realization_filled_for_the_quarters_ended(agency, v2):
    filled, due = _expected_filled(v2, (1, 2, 3, 4), year_over=True)
    found = suggest("realisasi_terisi", agency, YEAR, AE, today=TODAY)
    percent = (Decimal(100) * filled / due).quantize(Decimal(1))
    assert found.text == "Realisasi TW I–IV tahun 2019 terisi {}% ({} dari {} isian).".format(
        percent, filled, due
    )
    assert found.value == AE.closest(Decimal(filled) / due)
    assert found.evidence[0].url == reverse("monitoring:dashboard", args=[v2.pk, YEAR])


def test_realization_during_the_year_counts_the_quarters_ended(agency, v2):
    filled, due = _expected_filled(v2, (1, 2), year_over=False)
    found = suggest("realisasi_terisi", agency, YEAR, YT, today=datetime.date(2019, 8, 15))
    assert found.text.startswith("Realisasi TW I–II tahun 2019 terisi ")
    assert found.text.endswith("({} dari {} isian).".format(filled, due))
    assert suggest("realisasi_terisi", agency, YEAR, YT, today=datetime.date(2019, 2, 1)) is None


def _submit_on(lkjip, when: datetime.datetime, monkeypatch):
    monkeypatch.setattr("renstra.lkjip.services.timezone.now", lambda: when)
    return submit_lkjip(lkjip=lkjip)


def test_lkjip_submitted_by_the_default_deadline(agency, planner, monkeypatch):
    found = suggest("lkjip_tepat_waktu", agency, YEAR, YT, today=TODAY)
    assert (found.value, found.text) == (
        "T",
        "Belum ada LKjIP tahun 2019; batas waktu 29 Februari 2020 (sudah lewat).",
    )
    report = create_lkjip(agency=agency, year=YEAR, user=planner)
    wita = timezone.get_default_timezone()
    _submit_on(report, datetime.datetime(2020, 2, 27, 9, 0, tzinfo=wita), monkeypatch)
    with translation.override("en"):
        found = suggest("lkjip_tepat_waktu", agency, YEAR, AE, today=TODAY)
    assert (found.value, found.text) == (
        "A",
        "LKjIP diajukan 27 Februari 2020, batas waktu 29 Februari 2020.",
    )
    assert found.evidence[0].url == reverse("lkjip:report", args=[report.pk])


def test_lkjip_late_against_the_regions_schedule(agency, planner, monkeypatch):
    Schedule.objects.create(
        region=agency.region, year=YEAR, document_type="lkjip", deadline=datetime.date(2020, 2, 20)
    )
    report = create_lkjip(agency=agency, year=YEAR, user=planner)
    wita = timezone.get_default_timezone()
    _submit_on(report, datetime.datetime(2020, 2, 27, 9, 0, tzinfo=wita), monkeypatch)
    found = suggest("lkjip_tepat_waktu", agency, YEAR, YT, today=TODAY)
    assert (found.value, found.text) == (
        "T",
        "LKjIP diajukan 27 Februari 2020, batas waktu 20 Februari 2020 (terlambat).",
    )


def test_lkjip_exists_verified_or_final(agency, planner, make_user, v2):
    assert suggest("lkjip_ada", agency, YEAR, YT).text == "Belum ada LKjIP tahun 2019."
    assert suggest("lkjip_ada", agency, YEAR, AE).value == "E"
    report = create_lkjip(agency=agency, year=YEAR, user=planner)
    assert suggest("lkjip_ada", agency, YEAR, AE).value == "D"
    report = submit_lkjip(lkjip=report)
    found = suggest("lkjip_ada", agency, YEAR, YT)
    assert (found.value, found.text) == ("T", "LKjIP tahun 2019 berstatus diajukan.")
    with translation.override("en"):  # the sentence is Indonesian whatever the page's language
        assert suggest("lkjip_ada", agency, YEAR, YT).text == found.text
    verify_lkjip(lkjip=report, user=make_user("verifikator_lke", "verifier", v2))
    found = suggest("lkjip_ada", agency, YEAR, YT)
    assert (found.value, found.text) == ("Y", "LKjIP tahun 2019 berstatus diverifikasi.")
    assert suggest("lkjip_ada", agency, YEAR, AE).value == "B"


def test_evaluation_report_status_from_the_realization(agency, v2):
    statuses = set(
        Realization.objects.filter(indicator__version=v2, year=YEAR).values_list(
            "status", flat=True
        )
    )
    final = statuses == {"approved"}
    found = suggest("evaluasi_renja", agency, YEAR, AE)
    assert found.text == "Laporan evaluasi hasil Renja tahun 2019 berstatus {}.".format(
        "ditetapkan" if final else "draf"
    )
    assert found.value == ("A" if final else "D")
    assert suggest("evaluasi_renja", agency, YEAR, YT).value == ("Y" if final else "T")
    assert (
        suggest("evaluasi_renja", agency, 2021, YT).text
        == "Belum ada laporan evaluasi hasil Renja tahun 2021."
    )


EMPTY_TEXTS = {
    "renstra_ada": "Tidak ada Renstra yang periodenya mencakup tahun 2019.",
    "renja_ada": "Belum ada Renja tahun 2019.",
    "iku_ada": "Belum ada IKU yang berlaku untuk tahun 2019.",
    "pk_ada": "Belum ada PK kepala Perangkat Daerah tahun 2019.",
    "renaksi_ada": "Belum ada PK tahun 2019.",
    "indikator_terukur": "Tidak ada Renstra yang periodenya mencakup tahun 2019.",
    "target_selaras": "Belum ada PK tahun 2019.",
    "realisasi_terisi": "Tidak ada Renstra yang periodenya mencakup tahun 2019.",
    "lkjip_tepat_waktu": "Belum ada LKjIP tahun 2019; batas waktu 29 Februari 2020 (sudah lewat).",
    "lkjip_ada": "Belum ada LKjIP tahun 2019.",
    "evaluasi_renja": "Belum ada laporan evaluasi hasil Renja tahun 2019.",
}


@pytest.mark.parametrize("key", sorted(RULES))
def test_an_agency_with_nothing_gets_the_lowest_codes(empty, key):
    assert set(EMPTY_TEXTS) == set(RULES)
    for scale, lowest in ((YT, "T"), (AE, "E")):
        found = suggest(key, empty, YEAR, scale, today=TODAY)
        assert (found.value, found.text) == (lowest, EMPTY_TEXTS[key])


def test_a_renstra_on_its_way_is_not_in_force(empty):
    plan = Plan.objects.create(
        agency=empty, title="Renstra DK", period_start=2019, period_end=2023, baseline_year=2018
    )
    version = PlanVersion.objects.create(plan=plan, number=1, label="Rancangan")
    change_status(version=version, to_status="submitted")
    found = suggest("renstra_ada", empty, YEAR, AE)
    assert (found.value, found.text) == (
        "E",
        "Renstra 2019–2023 belum ditetapkan: versi terakhirnya (versi 1) berstatus Diajukan.",
    )
    assert [link.url for link in found.evidence] == [reverse("plans:version", args=[version.pk])]
    found = suggest("indikator_terukur", empty, YEAR, YT)
    assert (found.value, found.text) == ("T", "Renstra yang mencakup tahun 2019 belum ditetapkan.")
