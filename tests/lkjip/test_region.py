"""The Pemda's LKjIP (issue 20): on the RPJMD, kept by the agency holding it (Bappeda). Its Bab
III says what the RPJMD's evaluation says, and what the agencies bring to each RPJMD sasaran is
what Bappeda's console rolls up for the same year; national standards are compared with the
realization by the evaluation's own formula; earlier years' achievement is printed."""

import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from pypdf import PdfReader

from renstra.console.service import region_console
from renstra.interchange.region_demo import generate_region
from renstra.lkjip.choices import LkjipScope
from renstra.lkjip.content import lkjip_content
from renstra.lkjip.lkjip_docx import lkjip_docx
from renstra.lkjip.lkjip_pdf import lkjip_pdf
from renstra.lkjip.parts import percent_text, predicate_text
from renstra.lkjip.services import (
    create_region_lkjip,
    finalize_lkjip,
    save_standards,
    submit_lkjip,
    verify_lkjip,
)
from renstra.monitoring.evaluation import evaluate
from renstra.monitoring.export import show
from renstra.monitoring.sample import load_sample_realization
from renstra.plans.choices import PlanKind, VersionStatus
from renstra.plans.models import Indicator, PlanVersion

YEAR = 2018


@pytest.fixture
def rpjmd(v2):
    return PlanVersion.objects.select_related("plan__agency__region").get(
        plan__kind=PlanKind.RPJMD, status=VersionStatus.APPROVED
    )


@pytest.fixture
def realized(sample, rpjmd):
    """Example realization on both the agency's Renstra and the RPJMD."""
    assert load_sample_realization(rpjmd) > 0
    return rpjmd


@pytest.fixture
def city(v2):
    """Three generated agencies beside the demo; their sasaran name the RPJMD's (the demo's
    own Renstra names none, as its document does not)."""
    return generate_region(template=v2, agencies=3, realization=True).versions


@pytest.fixture
def bappeda_planner(make_user, rpjmd):
    return make_user("perencana_bappeda", "planner", rpjmd)


@pytest.fixture
def pemda(realized, bappeda_planner):
    return create_region_lkjip(region=realized.plan.agency.region, year=YEAR, user=bappeda_planner)


def test_the_pemda_lkjip_is_on_the_rpjmd_kept_by_its_holder(pemda, rpjmd, lkjip):
    assert pemda.scope == LkjipScope.REGION and pemda.is_region
    assert pemda.version == rpjmd
    assert pemda.agency == rpjmd.plan.agency
    with pytest.raises(ValidationError, match="belum final"):
        create_region_lkjip(region=rpjmd.plan.agency.region, year=YEAR, user=None)
    assert str(pemda) == "LKjIP {} {}".format(rpjmd.plan.agency.region.name, YEAR)


def test_no_rpjmd_for_the_year_is_refused_with_the_reason(rpjmd):
    with pytest.raises(ValidationError, match="Tidak ada RPJMD yang ditetapkan"):
        create_region_lkjip(region=rpjmd.plan.agency.region, year=2030, user=None)


def test_bab_iii_is_the_rpjmd_evaluation_and_the_consoles_rollup(pemda, realized, city):
    content = lkjip_content(pemda)
    region = realized.plan.agency.region
    evaluation = evaluate(realized, YEAR)
    results = evaluation.by_indicator()
    lines = [line for section in content.objectives for line in section.indicators]
    assert lines, "the RPJMD's sasaran indicators are reported"
    assert sum(1 for line in lines if line.achievement is not None) >= 3
    for line in lines:
        result = results[line.indicator_id]
        assert (line.target, line.realized, line.achievement, line.predicate) == (
            result.target_raw,
            show(result.realized),
            result.achievement.value,
            predicate_text(result.predicate),
        )
    console = region_console(region, YEAR, years=[YEAR])
    rolled = {row.sasaran.number: row for row in console.rollup.rows}
    supported = 0
    for section, found in zip(content.objectives, evaluation.objectives, strict=False):
        row = rolled.get(found.objective.number.strip())
        if row is None or not row.agencies:
            # No agency names it: no support table, the report says so instead.
            assert section.support is None
            continue
        supported += 1
        assert section.support.agencies == tuple(a.short_name for a in row.agencies)
        assert section.support.indicators == row.indicators
        assert section.support.achievement == row.achievement.value
        assert section.support.predicate == row.predicate_label
    assert supported >= 1, "the generated agencies' sasaran name RPJMD sasaran"
    by_agency = {line.agency: line for line in content.agencies}
    for row in console.rows:
        assert by_agency[row.agency.name].achievement == row.average
    assert content.support_rule == console.rollup.rule
    assert content.is_region and content.agency.startswith("Pemerintah ")
    assert content.plan_title.startswith("RPJMD ")
    assert content.agreement is None and "Kepala Daerah" in content.agreement_note


def test_earlier_years_achievement_is_printed_with_their_realization(pemda, realized):
    content = lkjip_content(pemda)
    earlier = evaluate(realized, YEAR - 1).by_indicator()
    printed = 0
    for line in (line for section in content.objectives for line in section.indicators):
        before = earlier[line.indicator_id]
        if before.achievement.value is None:
            continue
        printed += 1
        assert (
            "{}: {} ({} %)".format(
                YEAR - 1, show(before.realized), percent_text(before.achievement.value)
            )
            in line.prior_text
        )
    assert printed >= 1


def test_a_national_standard_is_compared_by_the_evaluations_formula(pemda, realized):
    content = lkjip_content(pemda)
    line = next(
        line
        for section in content.objectives
        for line in section.indicators
        if line.realized and line.achievement is not None
    )
    result = evaluate(realized, YEAR).by_indicator()[line.indicator_id]
    # The standard is the year's own target: the comparison equals the achievement.
    save_standards(
        lkjip=pemda, standards={line.indicator_id: (result.target_raw, "SPM uji, Permen X/2018")}
    )
    pemda.refresh_from_db()
    again = lkjip_content(pemda)
    compared = next(i for s in again.objectives for i in s.standards)
    assert compared.indicator_id == line.indicator_id
    assert compared.standard == result.target_raw
    assert compared.standard_achievement == result.achievement.value
    assert compared.standard_cells[-1] == "SPM uji, Permen X/2018"
    with pytest.raises(ValidationError, match="tidak terbaca"):
        save_standards(lkjip=pemda, standards={line.indicator_id: ("baik sekali", "x")})
    with pytest.raises(ValidationError, match="sumber"):
        save_standards(lkjip=pemda, standards={line.indicator_id: ("80", "")})
    # Emptying the value removes it.
    save_standards(lkjip=pemda, standards={line.indicator_id: ("", "")})
    pemda.refresh_from_db()
    assert pemda.standards == {}


def test_the_documents_read_back_with_the_pemdas_chapters_and_figures(pemda, realized, city):
    content = lkjip_content(pemda)
    pdf = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(lkjip_pdf(content))).pages)
    flat = " ".join(pdf.split())
    docx = Document(io.BytesIO(lkjip_docx(content)))
    words = " ".join(
        [p.text for p in docx.paragraphs]
        + [c.text for t in docx.tables for r in t.rows for c in r.cells]
    )
    for text in (
        "2.1 Rencana Pembangunan Jangka Menengah Daerah",
        "3.4 Capaian Kinerja Perangkat Daerah",
        "Dukungan Perangkat Daerah",
        content.agency.upper(),
    ):
        assert text in flat, text
        assert text in words, text
    supported = next(s.support for s in content.objectives if s.support and s.support.agencies)
    for name in supported.agencies:
        assert name in flat and name in words
    for line in content.agencies:
        if line.achievement is not None:
            assert percent_text(line.achievement) in flat
            assert percent_text(line.achievement) in words


def test_the_pemda_lkjip_follows_the_lifecycle_and_freezes(pemda, bappeda_planner, make_user):
    verifier = make_user("verifikator_pemda", "verifier", pemda.version)
    submit_lkjip(lkjip=pemda)
    verify_lkjip(lkjip=pemda, user=verifier)
    finalize_lkjip(lkjip=pemda)
    with pytest.raises(ValidationError, match="final"):
        save_standards(lkjip=pemda, standards={})


def test_the_region_page_lists_and_creates_for_bappeda(client, realized, bappeda_planner, planner):
    region = realized.plan.agency.region
    client.force_login(bappeda_planner)
    page = client.get("/wilayah/{}/lkjip/".format(region.pk))
    assert page.status_code == 200
    assert "Buat LKjIP" in page.content.decode()
    answer = client.post("/wilayah/{}/lkjip/baru/".format(region.pk), {"year": YEAR})
    assert answer.status_code == 302
    report = client.get(answer["Location"])
    body = report.content.decode()
    assert "Dukungan Perangkat Daerah" in body
    assert "Capaian kinerja Perangkat Daerah" in body
    assert "Standar nasional" in body
    # An agency's planner (not Bappeda's) does not find the Pemda's LKjIP page.
    client.force_login(planner)
    assert client.get("/wilayah/{}/lkjip/".format(region.pk)).status_code == 404
    # The agency's own list does not show the Pemda's report.
    client.force_login(bappeda_planner)
    own = client.get("/perangkat-daerah/{}/lkjip/".format(realized.plan.agency_id))
    assert "lkjip/{}/".format(answer["Location"].strip("/").split("/")[-1]) not in (
        own.content.decode()
    )


def test_standards_are_saved_from_the_page(client, pemda, bappeda_planner):
    content = lkjip_content(pemda)
    line = next(line for s in content.objectives for line in s.indicators)
    client.force_login(bappeda_planner)
    answer = client.post(
        "/lkjip/{}/standar/".format(pemda.pk),
        {
            "standar_{}".format(line.indicator_id): "70",
            "sumber_{}".format(line.indicator_id): "SPM",
        },
    )
    assert answer.status_code == 302
    pemda.refresh_from_db()
    assert pemda.standards == {str(line.indicator_id): {"value": "70", "source": "SPM"}}


def test_a_standard_for_an_indicator_of_another_plan_is_refused_from_the_page(
    client, pemda, bappeda_planner, v2
):
    # An indicator of the agency's Renstra, not of the RPJMD the report is on.
    other_id = Indicator.objects.filter(version=v2).values_list("pk", flat=True).first()
    client.force_login(bappeda_planner)
    answer = client.post(
        "/lkjip/{}/standar/".format(pemda.pk),
        {"standar_{}".format(other_id): "70", "sumber_{}".format(other_id): "SPM"},
        follow=True,
    )
    assert "tidak ada di rencana LKjIP ini" in answer.content.decode()
    pemda.refresh_from_db()
    assert pemda.standards == {}
