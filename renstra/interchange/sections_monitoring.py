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

from renstra.interchange.plan_checker import Problem, plain_decimal
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
    path = (KEY,)
    if not isinstance(value, dict):
        return [Problem(path, value, "Bagian monitoring harus berupa objek.")]
    known_users = set(get_user_model().objects.values_list("username", flat=True))
    statuses = set(EntryStatus.values)

    def person(item, field, where):
        name = item.get(field)
        if name is not None and name not in known_users:
            problems.append(
                Problem(
                    where + (field,),
                    name,
                    "Pengguna '{}' tidak ada di sistem ini; buat akunnya dulu atau kosongkan "
                    "(null).".format(name),
                )
            )

    def common(item, where, level, seen, key_field):
        if not isinstance(item, dict):
            problems.append(Problem(where, item, "Harus berupa objek."))
            return False
        if keys.get(item.get(key_field)) != level:
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
        if quarter not in QUARTER_LABELS or isinstance(quarter, bool):
            problems.append(
                Problem(where + ("quarter",), quarter, "Triwulan harus 0 (tahunan) sampai 4.")
            )
            return False
        ident = (item[key_field], year, quarter)
        if ident in seen:
            problems.append(Problem(where, ident, "Periode yang sama tercantum dua kali."))
        seen.add(ident)
        if item.get("status") not in statuses:
            problems.append(
                Problem(
                    where + ("status",),
                    item.get("status"),
                    "Status harus salah satu dari {}.".format(", ".join(sorted(statuses))),
                )
            )
        raw = item.get("raw_text")
        if not isinstance(raw, str) or not raw.strip() or len(raw) > 300:
            problems.append(
                Problem(where + ("raw_text",), raw, "Nilai (teks) wajib diisi, maks. 300 karakter.")
            )
        for text in ("note", "status_note"):
            if not isinstance(item.get(text, ""), str):
                problems.append(Problem(where + (text,), item.get(text), "Harus berupa teks."))
        person(item, "entered_by", where)
        person(item, "decided_by", where)
        return True

    owners, more = _problems_of_list(value, path, "owners")
    problems += more
    for i, owner in enumerate(owners):
        where = path + ("owners", i)
        if not isinstance(owner, dict) or keys.get(owner.get("indicator")) != "indicator":
            problems.append(Problem(where, owner, "Penanggung jawab tanpa indikator yang dikenal."))
            continue
        person(owner, "person", where)
    realizations, more = _problems_of_list(value, path, "realizations")
    problems += more
    seen: set = set()
    for i, item in enumerate(realizations):
        where = path + ("realizations", i)
        if common(item, where, "indicator", seen, "indicator"):
            for text in ("deviation_cause", "follow_up"):
                if not isinstance(item.get(text, ""), str):
                    problems.append(Problem(where + (text,), item.get(text), "Harus berupa teks."))
            if item.get("verdict") not in (True, False, None):
                problems.append(
                    Problem(
                        where + ("verdict",), item.get("verdict"), "Harus true, false atau null."
                    )
                )
    budget, more = _problems_of_list(value, path, "budget")
    problems += more
    seen = set()
    for i, item in enumerate(budget):
        where = path + ("budget", i)
        if common(item, where, "activity", seen, "activity"):
            try:
                amount = Decimal(str(item.get("amount")))
                if (
                    not amount.is_finite()
                    or amount < 0
                    or amount != amount.quantize(Decimal("0.01"))
                ):
                    raise InvalidOperation
            except (InvalidOperation, ValueError):
                problems.append(
                    Problem(
                        where + ("amount",),
                        item.get("amount"),
                        "Jumlah rupiah harus angka desimal tidak negatif, paling banyak dua "
                        'angka di belakang koma (sebagai teks, mis. "125000000.50").',
                    )
                )
    return problems


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
            amount=Decimal(str(item["amount"])),
            entered_by=user(item.get("entered_by")),
            updated_by=user(item.get("entered_by")),
            decided_by=user(item.get("decided_by")),
            **{
                name: item.get(name, "") if name != "is_example" else bool(item.get(name))
                for name in BUDGET_FIELDS
            },
        )
