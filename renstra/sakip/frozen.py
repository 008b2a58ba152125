"""Signed means frozen in the database, as approved plans are (renstra.plans.frozen): triggers
on SQLite and PostgreSQL refuse UPDATE and DELETE of a signed Perjanjian Kinerja and of its
targets and budget rows, and of a final Rencana Aksi's targets. The services
(renstra.sakip.agreements) refuse first with a clear message; the triggers stop every path that
passes them by (admin, `loaddata`, raw SQL, a future bulk path).

The only moves out of draft are to signed (a PK) and to final (a Rencana Aksi); nothing moves
back. A change needs a PK Perubahan (a new number). `renstra flush` lifts these with the plans'.
"""

MESSAGE = (
    "renstra: Perjanjian Kinerja ini sudah ditandatangani; basis data menolak perubahan. "
    "Buat PK Perubahan untuk mengubahnya."
)
ACTION_MESSAGE = (
    "renstra: Rencana Aksi ini sudah final; basis data menolak perubahan target dan aksinya."
)

_AGREEMENT = "(SELECT a.status FROM sakip_performanceagreement a WHERE a.id = {r}.agreement_id)"
_PLAN = "(SELECT p.status FROM sakip_actionplan p WHERE p.id = {r}.plan_id)"
# table: (status expression of the row's owner, locked status, message)
GUARDED = {
    "sakip_performanceagreement": ("{r}.status", "signed", MESSAGE),
    "sakip_agreementtarget": (_AGREEMENT, "signed", MESSAGE),
    "sakip_agreementbudget": (_AGREEMENT, "signed", MESSAGE),
    "sakip_actionplan": ("{r}.status", "final", ACTION_MESSAGE),
    "sakip_actiontarget": (_PLAN, "final", ACTION_MESSAGE),
}
# The owner rows themselves: locked when the row was locked before (OLD); a child also when it
# is moved under a locked owner (NEW).
OWNERS = ("sakip_performanceagreement", "sakip_actionplan")


def _names() -> list[tuple[str, str]]:
    return [("renstra_signed_{}_{}".format(t, op), t) for t in GUARDED for op in "ud"]


def _condition(table: str, update: bool) -> str:
    expression, locked, _message = GUARDED[table]
    old = "{} = '{}'".format(expression.format(r="OLD"), locked)
    if update and table not in OWNERS:
        return "({} OR {} = '{}')".format(old, expression.format(r="NEW"), locked)
    return old


def sqlite_statements() -> list[str]:
    statements = ["DROP TRIGGER IF EXISTS {}".format(name) for name, _ in _names()]
    for table, (_expression, _locked, message) in GUARDED.items():
        for op, event in (("u", "UPDATE"), ("d", "DELETE")):
            statements.append(
                "CREATE TRIGGER renstra_signed_{t}_{op} BEFORE {e} ON {t} WHEN {c} "
                "BEGIN SELECT RAISE(ABORT, '{m}'); END".format(
                    t=table, op=op, e=event, c=_condition(table, op == "u"), m=message
                )
            )
    return statements


def postgresql_statements() -> list[str]:
    statements = ["DROP TRIGGER IF EXISTS {} ON {}".format(n, t) for n, t in _names()]
    for table, (_expression, _locked, message) in GUARDED.items():
        statements.append(
            """
            CREATE OR REPLACE FUNCTION renstra_signed_{t}() RETURNS trigger
            LANGUAGE plpgsql AS $body$
            BEGIN
              IF (TG_OP = 'DELETE' AND {d}) OR (TG_OP = 'UPDATE' AND {u}) THEN
                RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = '{m}';
              END IF;
              IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
              RETURN NEW;
            END
            $body$""".format(
                t=table,
                d=_condition(table, False),
                u=_condition(table, True),
                m=message,
            )
        )
        for op, event in (("u", "UPDATE"), ("d", "DELETE")):
            statements.append(
                "CREATE TRIGGER renstra_signed_{t}_{op} BEFORE {e} ON {t} FOR EACH ROW "
                "EXECUTE FUNCTION renstra_signed_{t}()".format(t=table, op=op, e=event)
            )
    return statements


def install(connection) -> None:
    statements = {"sqlite": sqlite_statements, "postgresql": postgresql_statements}[
        connection.vendor
    ]()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        for name, table in _names():
            if connection.vendor == "postgresql":
                cursor.execute("DROP TRIGGER IF EXISTS {} ON {}".format(name, table))
            else:
                cursor.execute("DROP TRIGGER IF EXISTS {}".format(name))


def install_migration(apps, schema_editor) -> None:
    install(schema_editor.connection)


def uninstall_migration(apps, schema_editor) -> None:
    uninstall(schema_editor.connection)
