"""The LKE worksheet from a YAML file into the database (LkeTemplate and its components,
sub-components and criteria), all or nothing.

The file:

    key: permenpanrb-88-2021          # a slug; a new regulation (or year) is a new key
    name: LKE AKIP Perangkat Daerah
    regulation: PermenPAN-RB Nomor 88 Tahun 2021
    first_year: 2022                  # used for evaluations of this year on
    source: https://...               # optional
    components:
      - code: "1"
        name: Perencanaan Kinerja
        weight: '30'
        sub_components:
          - code: 1.a
            name: Dokumen perencanaan kinerja telah tersedia
            weight: '6'
            criteria:
              - {code: 1.a.1, text: ..., scale: yt, guidance: ..., prefill: renstra_ada}

Everything is checked before anything is written, and every error is reported (an Indonesian
sentence naming its place: "komponen 2, subkomponen 2.b: ..."): the weights (components sum to
100, each component's sub-components to 20/30/50 % of it, renstra.core.lke.check_weights), unique
codes (criteria across the template), known scales and pre-fill rules (renstra.lke.prefill), at
least one criterion per sub-component, and a key not loaded yet: a loaded template never changes, evaluations stand on it.
"""

from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from renstra.core.lke import SCALES, check_weights
from renstra.lke.models import LkeComponent, LkeCriterion, LkeSubComponent, LkeTemplate
from renstra.lke.prefill import RULES as PREFILL_RULES

DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "data" / "permenpanrb-88-2021.yaml"
_PLACES = Decimal("0.0001")


class TemplateError(Exception):
    """A template file that cannot be loaded; `errors` lists every reason, in Indonesian."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


def _text(item: dict, name: str, place: str, errors: list[str], limit: int, required=True) -> str:
    value = item.get(name)
    text = "" if value is None else str(value).strip()
    if required and not text:
        errors.append("{}: {} belum diisi.".format(place, name))
    elif len(text) > limit:
        errors.append("{}: {} paling panjang {} karakter.".format(place, name, limit))
    return text


def _weight(item: dict, place: str, errors: list[str]) -> Decimal | None:
    raw = item.get("weight")
    try:
        weight = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        errors.append("{}: bobot '{}' bukan angka.".format(place, raw))
        return None
    if not weight.is_finite() or weight <= 0:
        errors.append("{}: bobot harus lebih dari 0, bukan {}.".format(place, raw))
        return None
    if weight != weight.quantize(_PLACES) or weight >= 1000:
        errors.append(
            "{}: bobot {} terlalu teliti atau terlalu besar (paling banyak 4 angka di belakang "
            "koma, di bawah 1000).".format(place, raw)
        )
        return None
    return weight


def _list(item: dict, name: str, place: str, errors: list[str], what: str) -> list:
    value = item.get(name)
    if not isinstance(value, list) or not value:
        errors.append("{}: belum ada {} ({}).".format(place, what, name))
        return []
    return value


def _criteria(sub: dict, sub_place: str, errors: list[str], seen: dict[str, str]) -> list[dict]:
    rows = []
    for k, criterion in enumerate(_list(sub, "criteria", sub_place, errors, "kriteria"), 1):
        if not isinstance(criterion, dict):
            errors.append("{}, kriteria ke-{}: bukan isian kriteria.".format(sub_place, k))
            continue
        code = _text(criterion, "code", "{}, kriteria ke-{}".format(sub_place, k), errors, 20)
        place = "{}, kriteria {}".format(sub_place, code or "ke-{}".format(k))
        if code and code in seen:
            errors.append("{}: kode kriteria sudah dipakai di {}.".format(place, seen[code]))
        elif code:
            seen[code] = sub_place
        scale = str(criterion.get("scale") or "").strip().lower()
        if scale not in SCALES:
            errors.append(
                "{}: skala '{}' tidak dikenal (pilih {}).".format(
                    place, criterion.get("scale") or "", " atau ".join(SCALES)
                )
            )
        rule = _text(criterion, "prefill", place, errors, 60, required=False)
        if rule and rule not in PREFILL_RULES:
            errors.append(
                "{}: aturan usulan '{}' tidak dikenal (renstra.lke.prefill).".format(place, rule)
            )
        rows.append(
            {
                "code": code,
                "text": _text(criterion, "text", place, errors, 5000),
                "scale": scale,
                "guidance": _text(criterion, "guidance", place, errors, 5000, required=False),
                "prefill_rule": rule,
            }
        )
    return rows


def _unique(code: str, codes: set[str], place: str, what: str, errors: list[str]) -> bool:
    if code in codes:
        errors.append("{}: kode {} sudah dipakai.".format(place, what))
        return False
    codes.add(code)
    return True


def parse_template(data) -> dict:
    """The checked content of a template file's `data` (as read from YAML), ready to be
    written; raises TemplateError with every error found."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise TemplateError(["Berkas templat harus berisi pemetaan (key, name, ..., components)."])
    head = {
        "key": _text(data, "key", "templat", errors, 60),
        "name": _text(data, "name", "templat", errors, 200),
        "regulation": _text(data, "regulation", "templat", errors, 200),
        "source": _text(data, "source", "templat", errors, 300, required=False),
    }
    if head["key"] and slugify(head["key"]) != head["key"]:
        errors.append(
            "templat: key '{}' harus berupa slug (huruf kecil, angka, tanda hubung).".format(
                head["key"]
            )
        )
    first_year = data.get("first_year")
    if not isinstance(first_year, int) or isinstance(first_year, bool) or first_year < 2000:
        errors.append("templat: first_year '{}' bukan tahun.".format(first_year))
    head["first_year"] = first_year
    components, weights, seen = [], {}, {}
    # The weights are checked together once every one of them is a number under a unique code.
    weights_known = True
    component_codes: set[str] = set()
    for i, component in enumerate(_list(data, "components", "templat", errors, "komponen"), 1):
        if not isinstance(component, dict):
            errors.append("komponen ke-{}: bukan isian komponen.".format(i))
            continue
        code = _text(component, "code", "komponen ke-{}".format(i), errors, 10)
        place = "komponen {}".format(code or "ke-{}".format(i))
        weights_known &= _unique(code, component_codes, place, "komponen", errors)
        row = {
            "code": code,
            "name": _text(component, "name", place, errors, 300),
            "weight": _weight(component, place, errors),
            "sub_components": [],
        }
        sub_codes: set[str] = set()
        for j, sub in enumerate(
            _list(component, "sub_components", place, errors, "subkomponen"), 1
        ):
            if not isinstance(sub, dict):
                errors.append("{}, subkomponen ke-{}: bukan isian subkomponen.".format(place, j))
                continue
            sub_code = _text(sub, "code", "{}, subkomponen ke-{}".format(place, j), errors, 10)
            sub_place = "{}, subkomponen {}".format(place, sub_code or "ke-{}".format(j))
            weights_known &= _unique(sub_code, sub_codes, sub_place, "subkomponen", errors)
            sub_row = {
                "code": sub_code,
                "name": _text(sub, "name", sub_place, errors, 300),
                "weight": _weight(sub, sub_place, errors),
                "criteria": _criteria(sub, sub_place, errors, seen),
            }
            weights_known &= sub_row["weight"] is not None
            row["sub_components"].append(sub_row)
        weights_known &= row["weight"] is not None
        components.append(row)
        weights[code or "ke-{}".format(i)] = (
            row["weight"] or Decimal(0),
            {s["code"]: s["weight"] or Decimal(0) for s in row["sub_components"]},
        )
    if weights_known and components:
        errors.extend(check_weights(weights))
    if head["key"] and LkeTemplate.objects.filter(key=head["key"]).exists():
        errors.append(
            "templat: key '{}' sudah dimuat; templat yang sudah dimuat tidak diubah. Beri key "
            "baru untuk peraturan atau tahun yang baru.".format(head["key"])
        )
    if errors:
        raise TemplateError(errors)
    return {**head, "components": components}


@transaction.atomic
def _write(content: dict) -> LkeTemplate:
    template = LkeTemplate.objects.create(
        **{k: content[k] for k in ("key", "name", "regulation", "first_year", "source")}
    )
    criteria = []
    for i, component in enumerate(content["components"], 1):
        component_row = LkeComponent.objects.create(
            template=template,
            code=component["code"],
            name=component["name"],
            weight=component["weight"],
            order=i,
        )
        for j, sub in enumerate(component["sub_components"], 1):
            sub_row = LkeSubComponent.objects.create(
                component=component_row,
                code=sub["code"],
                name=sub["name"],
                weight=sub["weight"],
                order=j,
            )
            criteria.extend(
                LkeCriterion(sub_component=sub_row, order=k, **criterion)
                for k, criterion in enumerate(sub["criteria"], 1)
            )
    LkeCriterion.objects.bulk_create(criteria)
    return template


def load_template_data(data) -> LkeTemplate:
    """Check and write a template read from YAML (`data`), all or nothing."""
    content = parse_template(data)
    try:
        return _write(content)
    except IntegrityError as exc:
        # Another load of the same key won the race between the check and the write.
        raise TemplateError(
            [
                "templat: key '{}' sudah dimuat bersamaan; tidak ada yang diubah.".format(
                    content["key"]
                )
            ]
        ) from exc


def read_file(path: Path | str):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(["Berkas {} tidak dapat dibaca: {}.".format(path, exc)]) from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise TemplateError(["Berkas {} bukan YAML yang sah: {}".format(path.name, exc)]) from exc


def load_template(path: Path | str) -> LkeTemplate:
    """Load the template file at `path` (the YAML format above); raises TemplateError listing
    every error, with nothing written."""
    return load_template_data(read_file(path))


def ensure_default_template() -> LkeTemplate:
    """The worksheet of PermenPAN-RB 88/2021 (renstra/lke/data/permenpanrb-88-2021.yaml),
    loaded when its key is not in the database yet; the loaded one otherwise."""
    data = read_file(DEFAULT_TEMPLATE)
    key = data.get("key") if isinstance(data, dict) else None
    existing = LkeTemplate.objects.filter(key=key).first() if key else None
    return existing or load_template_data(data)
