"""`renstra flush`: Django's flush (empty every table), which must also empty approved
versions and signed Perjanjian Kinerja: the database's freezing triggers (renstra.plans.frozen) stand down for the flush, in
the same transaction, and stand again after it. Emptying the whole database is an operator's
act, not a change of a plan; it is what a restore into a used database needs first."""

from django.core.management.commands import flush
from django.db import connections, transaction

from renstra.lke import frozen as evaluated
from renstra.lkjip import frozen as final
from renstra.plans import frozen
from renstra.sakip import frozen as signed


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        with transaction.atomic(using=connection.alias):
            frozen.uninstall(connection)
            signed.uninstall(connection)
            final.uninstall(connection)
            evaluated.uninstall(connection)
            try:
                return super().handle(**options)
            finally:
                frozen.install(connection)
                signed.install(connection)
                final.install(connection)
                evaluated.install(connection)
