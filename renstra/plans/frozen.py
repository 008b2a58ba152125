"""Frozen means frozen in the database: triggers (SQLite and PostgreSQL) refuse UPDATE and
DELETE on every row of a locked plan version (submitted, verified, approved, superseded) and of
its children, and on approved realization and budget realization. The model's guard
(renstra.plans.guard) stays in front of them for clear messages; these triggers stop every path
that passes it by: `loaddata`, raw SQL, a future bulk path.

A locked version changes only through its lifecycle (renstra.review.services): its status moves
along TRANSITIONS and nothing else about it changes.

The migrations that install the triggers call `install`; a change here needs a new migration
that calls it again (every statement drops what it replaces).
"""

# The lifecycle's own moves out of a locked state (renstra.review.services.TRANSITIONS, and the
# supersession of an approved version when a newer one is approved).
TRANSITIONS = (
    ("submitted", "returned"),
    ("submitted", "verified"),
    ("verified", "returned"),
    ("verified", "approved"),
    ("approved", "superseded"),
)
EDITABLE = ("draft", "returned")
MESSAGE = (
    "renstra: versi Renstra ini terkunci (diajukan, diverifikasi atau ditetapkan); basis data "
    "menolak perubahan. Ubah lewat review (versi baru)."
)
REALIZATION_MESSAGE = "renstra: realisasi yang sudah disetujui tidak dapat diubah atau dihapus."

# For every table below a version: the SQL expression of the row's version id, with {r} for the
# row (OLD or NEW).
_PROGRAM = "(SELECT p.version_id FROM plans_program p WHERE p.id = {r}.program_id)"
_ACTIVITY = (
    "(SELECT p.version_id FROM plans_activity a JOIN plans_program p ON p.id = a.program_id "
    "WHERE a.id = {r}.activity_id)"
)
_SUB_ACTIVITY = (
    "(SELECT p.version_id FROM plans_subactivity s JOIN plans_activity a ON a.id = s.activity_id "
    "JOIN plans_program p ON p.id = a.program_id WHERE s.id = {r}.sub_activity_id)"
)
CHILDREN = {
    "plans_goal": "{r}.version_id",
    "plans_objective": "(SELECT g.version_id FROM plans_goal g WHERE g.id = {r}.goal_id)",
    "plans_strategy": (
        "(SELECT g.version_id FROM plans_objective o JOIN plans_goal g ON g.id = o.goal_id "
        "WHERE o.id = {r}.objective_id)"
    ),
    "plans_policydirection": (
        "(SELECT g.version_id FROM plans_strategy s JOIN plans_objective o ON o.id = s.objective_id "
        "JOIN plans_goal g ON g.id = o.goal_id WHERE s.id = {r}.strategy_id)"
    ),
    "plans_program": "{r}.version_id",
    "plans_activity": _PROGRAM,
    "plans_subactivity": _ACTIVITY,
    "plans_indicator": "{r}.version_id",
    "plans_target": "(SELECT i.version_id FROM plans_indicator i WHERE i.id = {r}.indicator_id)",
    "plans_funding": "COALESCE({}, {}, {})".format(_PROGRAM, _ACTIVITY, _SUB_ACTIVITY),
    "plans_program_objectives": _PROGRAM,
    "plans_planversion_missions": "{r}.planversion_id",
}
# Every column of a version but its status: none of them changes once it is locked.
VERSION_COLUMNS = (
    "plan_id",
    "number",
    "label",
    "revises_id",
    "revision_reason",
    "legal_basis",
    "rpjmd_note",
    "source",
    "is_public",
    "created_at",
    "unplaced_rows",
)
APPROVED_ROWS = ("monitoring_realization", "monitoring_budgetrealization")


def _locked(version_id: str) -> str:
    # NULL (a row whose version is already gone, mid-cascade of a draft) is not locked.
    return "(SELECT v.status FROM plans_planversion v WHERE v.id = {}) NOT IN ({})".format(
        version_id, ", ".join("'{}'".format(s) for s in EDITABLE)
    )


def _moves(old: str, new: str) -> str:
    return " OR ".join(
        "({o}.status = '{a}' AND {n}.status = '{b}')".format(o=old, n=new, a=a, b=b)
        for a, b in TRANSITIONS
    )


def _trigger_names() -> list[tuple[str, str]]:
    names = [("renstra_frozen_{}_{}".format(t, op), t) for t in CHILDREN for op in ("u", "d")]
    names += [
        ("renstra_frozen_plans_planversion_{}".format(op), "plans_planversion") for op in "ud"
    ]
    names += [("renstra_frozen_{}_{}".format(t, op), t) for t in APPROVED_ROWS for op in "ud"]
    return names


def sqlite_statements() -> list[str]:
    statements = ["DROP TRIGGER IF EXISTS {}".format(name) for name, _ in _trigger_names()]
    raise_ = "BEGIN SELECT RAISE(ABORT, '{}'); END".format(MESSAGE)
    for table, version in CHILDREN.items():
        statements.append(
            "CREATE TRIGGER renstra_frozen_{t}_u BEFORE UPDATE ON {t} WHEN {old} OR {new} {r}".format(
                t=table,
                old=_locked(version.format(r="OLD")),
                new=_locked(version.format(r="NEW")),
                r=raise_,
            )
        )
        statements.append(
            "CREATE TRIGGER renstra_frozen_{t}_d BEFORE DELETE ON {t} WHEN {old} {r}".format(
                t=table, old=_locked(version.format(r="OLD")), r=raise_
            )
        )
    unchanged = " AND ".join("NEW.{c} IS OLD.{c}".format(c=c) for c in VERSION_COLUMNS)
    locked_version = "OLD.status NOT IN ({})".format(", ".join("'{}'".format(s) for s in EDITABLE))
    statements.append(
        "CREATE TRIGGER renstra_frozen_plans_planversion_u BEFORE UPDATE ON plans_planversion "
        "WHEN {locked} AND NOT (({unchanged}) AND (NEW.status IS OLD.status OR {moves})) "
        "{r}".format(
            locked=locked_version, unchanged=unchanged, moves=_moves("OLD", "NEW"), r=raise_
        )
    )
    statements.append(
        "CREATE TRIGGER renstra_frozen_plans_planversion_d BEFORE DELETE ON plans_planversion "
        "WHEN {locked} {r}".format(locked=locked_version, r=raise_)
    )
    refuse = "BEGIN SELECT RAISE(ABORT, '{}'); END".format(REALIZATION_MESSAGE)
    for table in APPROVED_ROWS:
        for op, event in (("u", "UPDATE"), ("d", "DELETE")):
            statements.append(
                "CREATE TRIGGER renstra_frozen_{t}_{op} BEFORE {e} ON {t} "
                "WHEN OLD.status = 'approved' {r}".format(t=table, op=op, e=event, r=refuse)
            )
    return statements


def postgresql_statements() -> list[str]:
    statements = [
        "DROP TRIGGER IF EXISTS {} ON {}".format(name, table) for name, table in _trigger_names()
    ]
    raise_ = "RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = '{}';"
    for table, version in CHILDREN.items():
        statements.append(
            """
            CREATE OR REPLACE FUNCTION renstra_frozen_{t}() RETURNS trigger
            LANGUAGE plpgsql AS $body$
            BEGIN
              IF {old} OR (TG_OP = 'UPDATE' AND {new}) THEN {r} END IF;
              IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
              RETURN NEW;
            END
            $body$""".format(
                t=table,
                old=_locked(version.format(r="OLD")),
                new=_locked(version.format(r="NEW")),
                r=raise_.format(MESSAGE),
            )
        )
        for op, event in (("u", "UPDATE"), ("d", "DELETE")):
            statements.append(
                "CREATE TRIGGER renstra_frozen_{t}_{op} BEFORE {e} ON {t} FOR EACH ROW "
                "EXECUTE FUNCTION renstra_frozen_{t}()".format(t=table, op=op, e=event)
            )
    columns = ", ".join(VERSION_COLUMNS)
    statements.append(
        """
        CREATE OR REPLACE FUNCTION renstra_frozen_plans_planversion() RETURNS trigger
        LANGUAGE plpgsql AS $body$
        BEGIN
          IF OLD.status IN ({editable}) THEN
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
          END IF;
          IF TG_OP = 'DELETE' THEN {r} END IF;
          IF ROW({new}) IS DISTINCT FROM ROW({old})
             OR (NEW.status IS DISTINCT FROM OLD.status AND NOT ({moves})) THEN {r} END IF;
          RETURN NEW;
        END
        $body$""".format(
            editable=", ".join("'{}'".format(s) for s in EDITABLE),
            new=", ".join("NEW.{}".format(c) for c in VERSION_COLUMNS),
            old=", ".join("OLD.{}".format(c) for c in VERSION_COLUMNS),
            moves=_moves("OLD", "NEW"),
            r=raise_.format(MESSAGE),
        )
    )
    del columns
    for op, event in (("u", "UPDATE"), ("d", "DELETE")):
        statements.append(
            "CREATE TRIGGER renstra_frozen_plans_planversion_{op} BEFORE {e} ON plans_planversion "
            "FOR EACH ROW EXECUTE FUNCTION renstra_frozen_plans_planversion()".format(
                op=op, e=event
            )
        )
    statements.append(
        """
        CREATE OR REPLACE FUNCTION renstra_frozen_approved_row() RETURNS trigger
        LANGUAGE plpgsql AS $body$
        BEGIN
          IF OLD.status = 'approved' THEN {r} END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END
        $body$""".format(r=raise_.format(REALIZATION_MESSAGE))
    )
    for table in APPROVED_ROWS:
        for op, event in (("u", "UPDATE"), ("d", "DELETE")):
            statements.append(
                "CREATE TRIGGER renstra_frozen_{t}_{op} BEFORE {e} ON {t} FOR EACH ROW "
                "EXECUTE FUNCTION renstra_frozen_approved_row()".format(t=table, op=op, e=event)
            )
    return statements


def drop_statements(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return ["DROP TRIGGER IF EXISTS {} ON {}".format(n, t) for n, t in _trigger_names()]
    return ["DROP TRIGGER IF EXISTS {}".format(name) for name, _ in _trigger_names()]


def install(connection) -> None:
    """Create (or re-create) every trigger on this database."""
    statements = {
        "sqlite": sqlite_statements,
        "postgresql": postgresql_statements,
    }[connection.vendor]()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        for statement in drop_statements(connection.vendor):
            cursor.execute(statement)


def installed(connection) -> set[str]:
    """Names of the freezing triggers present in the database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'renstra_frozen_%%' "
                "AND NOT tgisinternal"
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'renstra_frozen_%%'"
            )
        return {row[0] for row in cursor.fetchall()}
