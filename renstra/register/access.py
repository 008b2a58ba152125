"""How the register's pages get the agency or region they may use (renstra.register.rules):
404 when the user may not see it (whether it exists is not told), 403 when they may see it but
not do what they ask; and the year asked (?tahun=, this year by default)."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.accounts import access
from renstra.plans.models import Agency, Region

DENIED = {
    "register.upload": gettext_noop(
        "Hanya perencana Perangkat Daerah ini dan administrator yang dapat mengunggah dokumen."
    ),
    "register.remark": gettext_noop(
        "Hanya verifikator Pemerintah Daerah ini dan administrator yang dapat memberi catatan."
    ),
    "register.edit_schedule": gettext_noop(
        "Hanya verifikator Pemerintah Daerah ini dan administrator yang dapat mengubah jadwal."
    ),
}


def agency_for(request, agency_id: int, *, perm: str = "") -> Agency:
    return access.agency_for(request, agency_id, view="register.view", perm=perm, denied=DENIED)


def region_for(request, region_id: int, *, perm: str = "") -> Region:
    region = Region.objects.filter(pk=region_id).first()
    if region is None:
        raise Http404(_("Pemerintah Daerah tidak ditemukan."))
    access.check(
        request,
        region,
        view="register.view_schedule",
        perm=perm,
        denied=DENIED,
        not_found=gettext_noop("Pemerintah Daerah tidak ditemukan."),
    )
    return region


def year_of(data) -> int:
    asked = data.get("tahun", "")
    if not asked:
        return timezone.localdate().year
    if not asked.isdigit() or not 2000 <= int(asked) <= 2100:
        raise Http404(_("Tahun tidak dikenal."))
    return int(asked)
