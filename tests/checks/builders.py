"""A small, clean plan (no finding at all) and a way to break it one rule at a time."""

import copy
from decimal import Decimal

from renstra.interchange.plan_data import create_version
from renstra.plans.models import (
    Agency,
    Funding,
    Indicator,
    Mission,
    Plan,
    Region,
    RegionalPlan,
    SubActivity,
    Target,
)

YEARS = [2017, 2018, 2019, 2020, 2021]


def each_year(text):
    return {year: text for year in YEARS}


def clean_version_data() -> dict:
    """One tujuan, sasaran, strategi, arah kebijakan, program and kegiatan, all consistent."""
    return {
        "number": 1,
        "label": "uji",
        "missions": ["I"],
        "goals": [
            {
                "number": "1",
                "name": "Meningkatnya kualitas layanan kepegawaian",
                "indicators": [
                    {
                        "name": "Indeks kepuasan layanan",
                        "baseline": "70",
                        "targets": each_year("80"),
                    }
                ],
                "objectives": [
                    {
                        "number": "1.1",
                        "name": "Meningkatnya kompetensi ASN",
                        "indicators": [
                            {
                                "name": "Persentase ASN kompeten",
                                "baseline": "60 %",
                                "targets": each_year("80 %"),
                            }
                        ],
                        "strategies": [
                            {
                                "name": "Peningkatan kompetensi ASN",
                                "policy_directions": [{"name": "Diklat berbasis kompetensi"}],
                            }
                        ],
                    }
                ],
            }
        ],
        "programs": [
            {
                "code": "05",
                "name": "Program peningkatan kapasitas sumber daya aparatur",
                "objectives": ["1.1"],
                "funding": each_year("100.000.000"),
                "indicators": [
                    {
                        "name": "Persentase kelulusan diklat",
                        "baseline": "90 %",
                        "targets": each_year("100 %"),
                    }
                ],
                "activities": [
                    {
                        "code": "05.01",
                        "name": "Pendidikan dan pelatihan formal",
                        "funding": each_year("60.000.000"),
                        "indicators": [
                            {
                                "name": "Jumlah peserta diklat",
                                "baseline": "10 orang",
                                "targets": each_year("20 orang"),
                            }
                        ],
                    },
                    {
                        "code": "05.02",
                        "name": "Diklat teknis",
                        "funding": each_year("40.000.000"),
                        "indicators": [
                            {
                                "name": "Jumlah peserta diklat teknis",
                                "baseline": "5 orang",
                                "targets": each_year("8 orang"),
                            }
                        ],
                    },
                ],
            }
        ],
    }


def build_plan(data: dict, *, code_scheme: str = "pmdn13", name: str = "Uji"):
    """Create a plan with one version from `data` through the importers' create_version."""
    region, _ = Region.objects.get_or_create(name="Kota Uji", defaults={"kind": "kota"})
    regional_plan, created = RegionalPlan.objects.get_or_create(
        region=region,
        name="RPJMD Kota Uji",
        defaults={"period_start": 2016, "period_end": 2021, "vision": "Visi"},
    )
    if created:
        Mission.objects.create(regional_plan=regional_plan, number="I", text="Misi satu")
    agency = Agency.objects.create(region=region, short_name=name, name="Badan " + name)
    plan = Plan.objects.create(
        agency=agency,
        regional_plan=regional_plan,
        title="Renstra " + name,
        period_start=2016,
        period_end=2021,
        baseline_year=2016,
        code_scheme=code_scheme,
    )
    return create_version(plan=plan, data=copy.deepcopy(data), source="uji")


def pmdn90_version(name="Uji90"):
    """The clean plan coded in the Permendagri 90/2019 scheme."""
    data = clean_version_data()
    program = data["programs"][0]
    program["code"] = "5.01.01"
    program["activities"][0]["code"] = "5.01.01.2.01"
    program["activities"][1]["code"] = "5.01.01.2.02"
    return build_plan(data, code_scheme="pmdn90", name=name)


def add_sub_activity(version, *, code="5.01.01.2.01.0001", targets=YEARS, baseline="2 dokumen"):
    """A sub kegiatan under the first kegiatan, funded every year, with one output indicator
    (the importers' data has no sub kegiatan: they are added through the models)."""
    activity = version.programs.get().activities.order_by("order", "pk").first()
    sub = SubActivity.objects.create(activity=activity, code=code, name="Penyusunan modul diklat")
    for year in YEARS:
        Funding.objects.create(sub_activity=sub, year=year, raw_text="1.000", amount=Decimal(1000))
    indicator = Indicator.objects.create(
        version=version,
        sub_activity=sub,
        name="Jumlah modul diklat",
        kind="output",
        unit="dokumen",
        baseline_raw=baseline,
    )
    for year in targets:
        Target.objects.create(
            indicator=indicator,
            year=year,
            raw_text="2 dokumen",
            kind="number",
            value=2,
            unit="dokumen",
        )
    return sub
