"""Monitoring's part of the plan document (renstra.interchange.jsonio): indicator owners,
realization and budget realization, keyed by the document's item keys.

    "monitoring": {
      "owners": [{"indicator": key, "unit": name | null, "person": username | null}],
      "realizations": [{"indicator": key, "year", "quarter" (0 = year), "raw_text", "note",
                        "deviation_cause", "follow_up", "status", "status_note",
                        "verdict": true | false | null, "is_example",
                        "entered_by": username | null, "decided_by": username | null}],
      "budget": [{"activity": key, "year", "quarter", "raw_text", "amount", "note", "status",
                  "status_note", "is_example", "entered_by", "decided_by"}]
    }

Timestamps are not part of the document: an imported row's history says when it came in.
People are named by user name; a name the target system does not know is an error (create the
account first), so that no "who" is silently lost.
"""

from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model

from renstra.core.numbers import MAX_DIGITS, too_many_digits
from renstra.interchange.plan_checker import YEAR_RANGE, Checker, Problem, plain_decimal
from renstra.monitoring.choices import QUARTER_LABELS, EntryStatus
from renstra.monitoring.models import Assignment, BudgetRealization, Realization
from renstra.plans.models import Activity, Unit
from renstra.plans.services import target_fields

KEY = "monitoring"
REALIZATION_FIELDS = (
    "raw_text",
    "note",
    "deviation_cause",
    "follow_up",
    "status",
    "status_note",
    "verdict",
    "is_example",
)
BUDGET_FIELDS = ("raw_text", "note", "status", "status_note", "is_example")


def _name(user) -> str | None:
    return user.get_username() if user is not None else None


def export_monitoring(version, context) -> dict | None:
    owners = [
        {
            "indicator": context.key_of(a.indicator),
            "unit": a.unit.name if a.unit_id else None,
            "person": _name(a.person),
        }
        for a in Assignment.objects.filter(indicator__version=version)
        .select_related("indicator", "unit", "person")
        .order_by("indicator__order", "indicator_id")
    ]
    realizations = []
    for r in (
        Realization.objects.filter(indicator__version=version)
        .select_related("indicator", "entered_by", "decided_by")
        .order_by("indicator_id", "year", "quarter")
    ):
        item = {"indicator": context.key_of(r.indicator), "year": r.year, "quarter": r.quarter}
        item.update({name: getattr(r, name) for name in REALIZATION_FIELDS})
        item["entered_by"] = _name(r.entered_by)
        item["decided_by"] = _name(r.decided_by)
        realizations.append(item)
    budget = []
    for b in (
        BudgetRealization.objects.filter(activity__program__version=version)
        .select_related("activity", "entered_by", "decided_by")
        .order_by("activity_id", "year", "quarter")
    ):
        item = {"activity": context.key_of(b.activity), "year": b.year, "quarter": b.quarter}
        item.update({name: getattr(b, name) for name in BUDGET_FIELDS})
        item["amount"] = plain_decimal(b.amount)
        item["entered_by"] = _name(b.entered_by)
        item["decided_by"] = _name(b.decided_by)
        budget.append(item)
    if not (owners or realizations or budget):
        return None
    realizations.sort(key=lambda r: (r["indicator"], r["year"], r["quarter"]))
    budget.sort(key=lambda b: (b["activity"], b["year"], b["quarter"]))
    owners.sort(key=lambda o: o["indicator"])
    return {"owners": owners, "realizations": realizations, "budget": budget}


def _problems_of_list(value, path, name) -> tuple[list, list[Problem]]:
    items = value.get(name, []) if isinstance(value, dict) else None
    if not isinstance(items, list):
        return [], [Problem(path + (name,), items, "Harus berupa daftar.")]
    return items, []


def check_monitoring(value, keys) -> list[Problem]:
    problems: list[Problem] = []
    # Texts, numbers and lengths are checked as the core of the document checks them.
    checker = Checker()
    path = (KEY,)
    if not isinstance(value, dict):
        return [Problem(path, value, "Bagian monitoring harus berupa objek.")]
    known_users = set(get_user_model().objects.values_list("username", flat=True))
    statuses = set(EntryStatus.values)
    unit_length = Unit._meta.get_field("name").max_length

    def key_of(item, field, level):
        """The item key in item[field] when it names an item of `level`, else None."""
        key = item.get(field)
        return key if isinstance(key, str) and keys.get(key) == level else None

    def person(item, field, where):
        name = item.get(field)
        if name is not None and not (isinstance(name, str) and name in known_users):
            problems.append(
                Problem(
                    where + (field,),
                    name,
                    "Pengguna '{}' tidak ada di sistem ini; buat akunnya dulu atau kosongkan "
                    "(null).".format(name),
                )
            )

    def text(item, field, where):
        value = item.get(field, "")
        if not isinstance(value, str):
            problems.append(Problem(where + (field,), value, "Harus berupa teks."))
        else:
            checker.text(value, where + (field,), Realization, Realization._meta.get_field(field))

    def common(item, where, level, seen, key_field):
        if not isinstance(item, dict):
            problems.append(Problem(where, item, "Harus berupa objek."))
            return False
        if key_of(item, key_field, level) is None:
            problems.append(
                Problem(
                    where + (key_field,),
                    item.get(key_field),
                    "Tidak ada {} dengan kunci ini di dokumen.".format(level),
                )
            )
            return False
        year, quarter = item.get("year"), item.get("quarter")
        if not isinstance(year, int) or isinstance(year, bool):
            problems.append(Problem(where + ("year",), year, "Tahun harus bilangan bulat."))
            return False
        if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
            problems.append(
                Problem(
                    where + ("year",),
                    year,
                    "Tahun harus antara {} dan {}.".format(YEAR_RANGE[0], YEAR_RANGE[1]),
                )
            )
            return False
        if (
            not isinstance(quarter, int)
            or isinstance(quarter, bool)
            or quarter not in QUARTER_LABELS
        ):
            problems.append(
                Problem(where + ("quarter",), quarter, "Triwulan harus 0 (tahunan) sampai 4.")
            )
            return False
        ident = (item[key_field], year, quarter)
        if ident in seen:
            problems.append(Problem(where, ident, "Periode yang sama tercantum dua kali."))
        seen.add(ident)
        status = item.get("status")
        if not isinstance(status, str) or status not in statuses:
            problems.append(
                Problem(
                    where + ("status",),
                    status,
                    "Status harus salah satu dari {}.".format(", ".join(sorted(statuses))),
                )
            )
        raw = item.get("raw_text")
        if not isinstance(raw, str) or not raw.strip() or len(raw) > 300:
            problems.append(
                Problem(where + ("raw_text",), raw, "Nilai (teks) wajib diisi, maks. 300 karakter.")
            )
        elif checker.storable_text(raw, where + ("raw_text",)) and level == "indicator":
            _realization_value(checker, raw, where + ("raw_text",))
        for field in ("note", "status_note"):
            text(item, field, where)
        person(item, "entered_by", where)
        person(item, "decided_by", where)
        return True

    owners, more = _problems_of_list(value, path, "owners")
    problems += more
    owned = set()
    for i, owner in enumerate(owners):
        where = path + ("owners", i)
        if not isinstance(owner, dict) or key_of(owner, "indicator", "indicator") is None:
            problems.append(Problem(where, owner, "Penanggung jawab tanpa indikator yang dikenal."))
            continue
        if owner["indicator"] in owned:
            problems.append(
                Problem(
                    where + ("indicator",),
                    owner["indicator"],
                    "Indikator ini sudah punya penanggung jawab di daftar ini.",
                )
            )
        owned.add(owner["indicator"])
        unit = owner.get("unit")
        if unit is not None and not isinstance(unit, str):
            problems.append(Problem(where + ("unit",), unit, "Harus berupa teks: nama unit kerja."))
        elif unit and checker.storable_text(unit, where + ("unit",)) and len(unit) > unit_length:
            problems.append(
                Problem(
                    where + ("unit",),
                    unit,
                    "Nama unit kerja terlalu panjang (paling banyak {} karakter).".format(
                        unit_length
                    ),
                )
            )
        person(owner, "person", where)
    realizations, more = _problems_of_list(value, path, "realizations")
    problems += more
    seen: set = set()
    for i, item in enumerate(realizations):
        where = path + ("realizations", i)
        if common(item, where, "indicator", seen, "indicator"):
            for field in ("deviation_cause", "follow_up"):
                text(item, field, where)
            if item.get("verdict") not in (True, False, None):
                problems.append(
                    Problem(
                        where + ("verdict",), item.get("verdict"), "Harus true, false atau null."
                    )
                )
    budget, more = _problems_of_list(value, path, "budget")
    problems += more
    seen = set()
    amount_field = BudgetRealization._meta.get_field("amount")
    for i, item in enumerate(budget):
        where = path + ("budget", i)
        if common(item, where, "activity", seen, "activity"):
            try:
                amount = _amount(item.get("amount"))
            except (InvalidOperation, ValueError):
                problems.append(
                    Problem(
                        where + ("amount",),
                        item.get("amount"),
                        "Jumlah rupiah harus angka desimal tidak negatif, paling banyak dua "
                        'angka di belakang koma (sebagai teks, mis. "125000000.50").',
                    )
                )
            else:
                checker.fits(
                    amount,
                    where + ("amount",),
                    item.get("amount"),
                    amount_field.max_digits,
                    amount_field.decimal_places,
                )
    return problems + checker.problems


def _amount(value) -> Decimal:
    """A budget amount as the document writes it (text or number), or InvalidOperation."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InvalidOperation
    text = str(value).strip()
    if too_many_digits(text):
        raise InvalidOperation
    amount = Decimal(text)
    if not amount.is_finite() or amount < 0 or abs(amount.adjusted()) > MAX_DIGITS:
        raise InvalidOperation
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidOperation
    return amount


def _realization_value(checker: Checker, raw: str, path) -> None:
    """The parse of a realization text must fit its columns, as a target's must."""
    fields = target_fields(raw)
    value_field = Realization._meta.get_field("value")
    if fields["value"] is not None:
        checker.fits(fields["value"], path, raw, value_field.max_digits, value_field.decimal_places)
    units = [fields["unit"]] + [part["unit"] for part in fields["components"]]
    if any(len(unit) > Realization._meta.get_field("unit").max_length for unit in units):
        checker.problem(
            path, raw, "Satuan yang tertulis lebih dari 100 karakter; pisahkan uraian dari nilai."
        )
    for part in fields["components"]:
        checker.fits(
            Decimal(part["value"]),
            path,
            raw,
            value_field.max_digits,
            value_field.decimal_places,
        )


def load_monitoring(value, context) -> None:
    users = {u.get_username(): u for u in get_user_model().objects.all()}
    agency = context.version.plan.agency
    units = {u.name: u for u in Unit.objects.filter(agency=agency)}

    def user(name):
        return users.get(name) if name else None

    for owner in value.get("owners", []):
        unit = None
        if owner.get("unit"):
            unit = units.get(owner["unit"])
            if unit is None:
                unit = units[owner["unit"]] = Unit.objects.create(agency=agency, name=owner["unit"])
        Assignment.objects.create(
            indicator=context.objects[owner["indicator"]],
            unit=unit,
            person=user(owner.get("person")),
        )
    for item in value.get("realizations", []):
        fields = {name: item.get(name, "") for name in REALIZATION_FIELDS}
        fields.update(target_fields(item["raw_text"]))
        fields["is_example"] = bool(item.get("is_example"))
        fields["verdict"] = item.get("verdict") if item.get("verdict") in (True, False) else None
        Realization.objects.create(
            indicator=context.objects[item["indicator"]],
            year=item["year"],
            quarter=item["quarter"],
            entered_by=user(item.get("entered_by")),
            updated_by=user(item.get("entered_by")),
            decided_by=user(item.get("decided_by")),
            **fields,
        )
    for item in value.get("budget", []):
        activity: Activity = context.objects[item["activity"]]
        BudgetRealization.objects.create(
            activity=activity,
            year=item["year"],
            quarter=item["quarter"],
            amount=_amount(item["amount"]),
            entered_by=user(item.get("entered_by")),
            updated_by=user(item.get("entered_by")),
            decided_by=user(item.get("decided_by")),
            **{
                name: item.get(name, "") if name != "is_example" else bool(item.get(name))
                for name in BUDGET_FIELDS
            },
        )
