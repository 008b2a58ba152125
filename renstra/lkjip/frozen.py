"""Final means frozen in the database, as signed Perjanjian Kinerja are (renstra.sakip.frozen):
triggers on SQLite and PostgreSQL refuse UPDATE and DELETE of a final LKjIP. The services
(renstra.lkjip.services) refuse first with a clear message; the triggers stop every path that
passes them by (admin, `loaddata`, raw SQL, a future bulk path). A correction is a new number.
`renstra flush` lifts them with the others.
"""

from renstra.plans.status_freeze import StatusFreeze

MESSAGE = (
    "renstra: LKjIP ini sudah final; basis data menolak perubahan. "
    "Buat perbaikan (nomor baru) untuk mengubahnya."
)
TABLE = "lkjip_lkjip"
FREEZE = StatusFreeze("renstra_final", {TABLE: ("{r}.status", "final", MESSAGE)}, (TABLE,))
install, uninstall = FREEZE.install, FREEZE.uninstall
install_migration, uninstall_migration = FREEZE.install_migration, FREEZE.uninstall_migration
