"""Frozen by status, in the database: a set of triggers (SQLite and PostgreSQL) refusing UPDATE
and DELETE of rows whose owner has reached a locked status, for documents other than plan
versions (renstra.plans.frozen holds the versions'): a signed Perjanjian Kinerja and a final
Rencana Aksi (renstra.sakip.frozen), a final LKjIP (renstra.lkjip.frozen). Nothing moves out
of a locked status; a change is a new number of the document.

Each app declares its tables once, {table: (SQL of the owner's status with {r} for the row
(OLD or NEW), the locked status, the message)}, the owner tables among them (an owner is
locked when it was locked before the change; a child also when it is moved under a locked
owner), and a prefix naming its triggers. Its migrations call `install_migration`; `renstra
flush` lifts them with the others.
"""


class StatusFreeze:
    def __init__(self, prefix: str, guarded: dict[str, tuple[str, str, str]], owners: tuple):
        self.prefix, self.guarded, self.owners = prefix, guarded, owners

    def names(self) -> list[tuple[str, str]]:
        return [("{}_{}_{}".format(self.prefix, t, op), t) for t in self.guarded for op in "ud"]

    def _condition(self, table: str, update: bool) -> str:
        expression, locked, _message = self.guarded[table]
        old = "{} = '{}'".format(expression.format(r="OLD"), locked)
        if update and table not in self.owners:
            return "({} OR {} = '{}')".format(old, expression.format(r="NEW"), locked)
        return old

    def sqlite_statements(self) -> list[str]:
        statements = ["DROP TRIGGER IF EXISTS {}".format(name) for name, _ in self.names()]
        for table, (_expression, _locked, message) in self.guarded.items():
            for op, event in (("u", "UPDATE"), ("d", "DELETE")):
                statements.append(
                    "CREATE TRIGGER {p}_{t}_{op} BEFORE {e} ON {t} WHEN {c} "
                    "BEGIN SELECT RAISE(ABORT, '{m}'); END".format(
                        p=self.prefix,
                        t=table,
                        op=op,
                        e=event,
                        c=self._condition(table, op == "u"),
                        m=message,
                    )
                )
        return statements

    def postgresql_statements(self) -> list[str]:
        statements = ["DROP TRIGGER IF EXISTS {} ON {}".format(n, t) for n, t in self.names()]
        for table, (_expression, _locked, message) in self.guarded.items():
            statements.append(
                """
                CREATE OR REPLACE FUNCTION {p}_{t}() RETURNS trigger
                LANGUAGE plpgsql AS $body$
                BEGIN
                  IF (TG_OP = 'DELETE' AND {d}) OR (TG_OP = 'UPDATE' AND {u}) THEN
                    RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = '{m}';
                  END IF;
                  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                  RETURN NEW;
                END
                $body$""".format(
                    p=self.prefix,
                    t=table,
                    d=self._condition(table, False),
                    u=self._condition(table, True),
                    m=message,
                )
            )
            for op, event in (("u", "UPDATE"), ("d", "DELETE")):
                statements.append(
                    "CREATE TRIGGER {p}_{t}_{op} BEFORE {e} ON {t} FOR EACH ROW "
                    "EXECUTE FUNCTION {p}_{t}()".format(p=self.prefix, t=table, op=op, e=event)
                )
        return statements

    def install(self, connection) -> None:
        """Create (or re-create) every trigger on this database."""
        statements = {
            "sqlite": self.sqlite_statements,
            "postgresql": self.postgresql_statements,
        }[connection.vendor]()
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def uninstall(self, connection) -> None:
        with connection.cursor() as cursor:
            for name, table in self.names():
                if connection.vendor == "postgresql":
                    cursor.execute("DROP TRIGGER IF EXISTS {} ON {}".format(name, table))
                else:
                    cursor.execute("DROP TRIGGER IF EXISTS {}".format(name))

    def install_migration(self, apps, schema_editor) -> None:
        self.install(schema_editor.connection)

    def uninstall_migration(self, apps, schema_editor) -> None:
        self.uninstall(schema_editor.connection)
