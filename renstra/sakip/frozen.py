"""Signed means frozen in the database, as approved plans are (renstra.plans.frozen): triggers
on SQLite and PostgreSQL refuse UPDATE and DELETE of a signed Perjanjian Kinerja and of its
targets and budget rows, and of a final Rencana Aksi's targets. The services
(renstra.sakip.agreements) refuse first with a clear message; the triggers stop every path that
passes them by (admin, `loaddata`, raw SQL, a future bulk path).

The only moves out of draft are to signed (a PK) and to final (a Rencana Aksi); nothing moves
back. A change needs a PK Perubahan (a new number). `renstra flush` lifts these with the plans'.
"""

from renstra.plans.status_freeze import StatusFreeze

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


FREEZE = StatusFreeze("renstra_signed", GUARDED, OWNERS)
install, uninstall = FREEZE.install, FREEZE.uninstall
install_migration, uninstall_migration = FREEZE.install_migration, FREEZE.uninstall_migration
