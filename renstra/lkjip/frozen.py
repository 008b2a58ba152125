"""Final means frozen in the database, as signed Perjanjian Kinerja are (renstra.sakip.frozen):
triggers on SQLite and PostgreSQL refuse UPDATE and DELETE of a final LKjIP. The services
(renstra.lkjip.services) refuse first with a clear message; the triggers stop every path that
passes them by (admin, `loaddata`, raw SQL, a future bulk path). A correction is a new number.
`renstra flush` lifts them with the others.
"""

MESSAGE = (
    "renstra: LKjIP ini sudah final; basis data menolak perubahan. "
    "Buat perbaikan (nomor baru) untuk mengubahnya."
)
TABLE = "lkjip_lkjip"
NAMES = ("renstra_final_lkjip_u", "renstra_final_lkjip_d")


def sqlite_statements() -> list[str]:
    statements = ["DROP TRIGGER IF EXISTS {}".format(name) for name in NAMES]
    for name, event in zip(NAMES, ("UPDATE", "DELETE"), strict=True):
        statements.append(
            "CREATE TRIGGER {n} BEFORE {e} ON {t} WHEN OLD.status = 'final' "
            "BEGIN SELECT RAISE(ABORT, '{m}'); END".format(n=name, e=event, t=TABLE, m=MESSAGE)
        )
    return statements


def postgresql_statements() -> list[str]:
    statements = ["DROP TRIGGER IF EXISTS {} ON {}".format(name, TABLE) for name in NAMES]
    statements.append(
        """
        CREATE OR REPLACE FUNCTION renstra_final_lkjip() RETURNS trigger
        LANGUAGE plpgsql AS $body$
        BEGIN
          IF OLD.status = 'final' THEN
            RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = '{m}';
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END
        $body$""".format(m=MESSAGE)
    )
    for name, event in zip(NAMES, ("UPDATE", "DELETE"), strict=True):
        statements.append(
            "CREATE TRIGGER {n} BEFORE {e} ON {t} FOR EACH ROW "
            "EXECUTE FUNCTION renstra_final_lkjip()".format(n=name, e=event, t=TABLE)
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
        for name in NAMES:
            if connection.vendor == "postgresql":
                cursor.execute("DROP TRIGGER IF EXISTS {} ON {}".format(name, TABLE))
            else:
                cursor.execute("DROP TRIGGER IF EXISTS {}".format(name))


def install_migration(apps, schema_editor) -> None:
    install(schema_editor.connection)


def uninstall_migration(apps, schema_editor) -> None:
    uninstall(schema_editor.connection)
