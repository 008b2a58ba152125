"""Final means frozen in the database, as a final LKjIP is (renstra.lkjip.frozen): triggers on
SQLite and PostgreSQL refuse UPDATE and DELETE of a final LKE evaluation and of its answers,
their evidence and its recommendations. The services (renstra.lke.services) refuse first with a
clear message; the triggers stop every path that passes them by (admin, `loaddata`, raw SQL, a
future bulk path). Recommendations not done are followed up in the next year's evaluation, where
they are carried. `renstra flush` lifts these with the others.
"""

from renstra.plans.status_freeze import StatusFreeze

MESSAGE = (
    "renstra: evaluasi SAKIP (LKE) ini sudah final; basis data menolak perubahan. "
    "Tindak lanjut rekomendasinya dicatat pada evaluasi tahun berikutnya."
)
_EVALUATION = "(SELECT e.status FROM lke_lkeevaluation e WHERE e.id = {r}.evaluation_id)"
_ANSWER = (
    "(SELECT e.status FROM lke_lkeevaluation e JOIN lke_lkeanswer a ON a.evaluation_id = e.id "
    "WHERE a.id = {r}.answer_id)"
)
# table: (status expression of the row's owner, locked status, message)
GUARDED = {
    "lke_lkeevaluation": ("{r}.status", "final", MESSAGE),
    "lke_lkeanswer": (_EVALUATION, "final", MESSAGE),
    "lke_lkeevidence": (_ANSWER, "final", MESSAGE),
    "lke_lkerecommendation": (_EVALUATION, "final", MESSAGE),
}
# The owner row itself: locked when it was final before the change; a child also when it is
# moved under a final evaluation.
OWNERS = ("lke_lkeevaluation",)

FREEZE = StatusFreeze("renstra_lke_final", GUARDED, OWNERS)
install, uninstall = FREEZE.install, FREEZE.uninstall
install_migration, uninstall_migration = FREEZE.install_migration, FREEZE.uninstall_migration
