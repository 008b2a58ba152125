"""The LKE template of PermenPAN-RB 88/2021 (renstra/lke/data/permenpanrb-88-2021.yaml) as data:
its shape, its weights (components sum to 100, sub-components 20/30/50 % of their component, by
renstra.core.lke.check_weights), its criteria (codes unique, text, a known scale) and its prefill
rule keys. No database: the file is read with yaml.safe_load."""

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from renstra.core.lke import SCALES, check_weights

TEMPLATE = Path(__file__).resolve().parents[2] / "renstra/lke/data/permenpanrb-88-2021.yaml"

PREFILL_KEYS = {
    "renstra_ada",
    "renja_ada",
    "iku_ada",
    "pk_ada",
    "renaksi_ada",
    "indikator_terukur",
    "target_selaras",
    "realisasi_terisi",
    "lkjip_tepat_waktu",
    "lkjip_ada",
    "evaluasi_renja",
}
TOP_KEYS = {"key", "name", "regulation", "first_year", "source", "components"}
COMPONENT_KEYS = {"code", "name", "weight", "sub_components"}
SUB_COMPONENT_KEYS = {"code", "name", "weight", "criteria"}
CRITERION_KEYS = {"code", "text", "scale"}
CRITERION_OPTIONAL = {"guidance", "prefill"}
# The expected layout: component -> (weight, its sub-components' weights).
WEIGHTS = {
    "1": ("30", ("6", "9", "15")),
    "2": ("30", ("6", "9", "15")),
    "3": ("15", ("3", "4.5", "7.5")),
    "4": ("25", ("5", "7.5", "12.5")),
}


@pytest.fixture(scope="module")
def template():
    with TEMPLATE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def sub_components(template):
    for component in template["components"]:
        yield from component["sub_components"]


def criteria(template):
    for sub in sub_components(template):
        yield from sub["criteria"]


def test_top_level_keys(template):
    assert set(template) >= TOP_KEYS
    assert template["key"] == "permenpanrb-88-2021"
    for key in ("name", "regulation", "source"):
        assert isinstance(template[key], str) and template[key].strip()
    # the model's column sizes (renstra.lke.models.LkeTemplate)
    assert len(template["key"]) <= 60
    assert len(template["name"]) <= 200
    assert len(template["regulation"]) <= 200
    assert len(template["source"]) <= 300
    assert isinstance(template["first_year"], int) and template["first_year"] >= 2021


def test_components_and_sub_components_have_their_keys(template):
    assert [component["code"] for component in template["components"]] == ["1", "2", "3", "4"]
    for component in template["components"]:
        assert set(component) >= COMPONENT_KEYS
        assert isinstance(component["weight"], str)
        assert component["name"].strip() and len(component["name"]) <= 300
        for sub in component["sub_components"]:
            assert set(sub) >= SUB_COMPONENT_KEYS
            assert isinstance(sub["weight"], str)
            assert sub["code"].startswith(component["code"] + ".")
            assert sub["name"].strip() and len(sub["name"]) <= 300


def test_weights(template):
    components = {
        component["code"]: (
            Decimal(component["weight"]),
            {sub["code"]: Decimal(sub["weight"]) for sub in component["sub_components"]},
        )
        for component in template["components"]
    }
    assert check_weights(components) == []
    assert sum(weight for weight, _parts in components.values()) == Decimal(100)
    for code, (weight, parts) in WEIGHTS.items():
        assert components[code][0] == Decimal(weight)
        assert tuple(components[code][1].values()) == tuple(Decimal(part) for part in parts)


def test_every_sub_component_has_criteria(template):
    for sub in sub_components(template):
        assert len(sub["criteria"]) >= 1, sub["code"]


def test_criteria(template):
    codes = [criterion["code"] for criterion in criteria(template)]
    assert len(codes) == len(set(codes)), "criterion codes repeat"
    for sub in sub_components(template):
        for criterion in sub["criteria"]:
            assert set(criterion) >= CRITERION_KEYS, criterion
            assert set(criterion) <= CRITERION_KEYS | CRITERION_OPTIONAL, criterion
            assert criterion["code"].startswith(sub["code"] + ".")
            assert len(criterion["code"]) <= 20
            assert isinstance(criterion["text"], str) and criterion["text"].strip()
            assert criterion["scale"] in SCALES, criterion["code"]
            if "guidance" in criterion:
                assert isinstance(criterion["guidance"], str) and criterion["guidance"].strip()


def test_prefill_keys(template):
    used = [criterion["prefill"] for criterion in criteria(template) if "prefill" in criterion]
    assert used, "no criterion has a prefill rule"
    for key in used:
        assert key in PREFILL_KEYS, key
