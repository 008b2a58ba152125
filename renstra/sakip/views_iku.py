"""The IKU page of an agency (the IKU form as a table) and its form: mark an indicator of the
Renstra as IKU with definition, formula, data source and responsible unit; change; remove."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.render.formats import CONTENT_TYPES, render_table
from renstra.render.renderers.html import render_html_fragment
from renstra.sakip.access import agency_for, iku_for
from renstra.sakip.forms import IkuForm, add_service_errors
from renstra.sakip.iku import delete_iku, save_iku
from renstra.sakip.models import Iku
from renstra.sakip.tables import agency_ikus, iku_table


def iku_list(request, agency_id: int):
    agency = agency_for(request, agency_id)
    ikus = agency_ikus(agency)
    return render(
        request,
        "sakip/iku_list.html",
        {
            "agency": agency,
            "ikus": ikus,
            "table_html": render_html_fragment(iku_table(agency, ikus)),
            "may_edit": request.user.has_perm("sakip.edit", agency),
        },
    )


def iku_create(request, agency_id: int):
    agency = agency_for(request, agency_id, edit=True)
    return _iku_form(request, agency, Iku(agency=agency), _("Tambah IKU"))


def iku_edit(request, agency_id: int, iku_id: int):
    agency = agency_for(request, agency_id, edit=True)
    iku = iku_for(agency, iku_id)
    return _iku_form(request, agency, iku, _("Ubah IKU {}").format(iku.name))


def _iku_form(request, agency, iku: Iku, title: str):
    form = IkuForm(request.POST or None, instance=iku, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            save_iku(iku=form.instance)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("IKU {} disimpan.").format(form.instance.name))
            return redirect("sakip:iku_list", agency.pk)
    return render(request, "sakip/iku_form.html", {"agency": agency, "form": form, "title": title})


@require_POST
def iku_delete(request, agency_id: int, iku_id: int):
    agency = agency_for(request, agency_id, edit=True)
    iku = iku_for(agency, iku_id)
    delete_iku(iku=iku)
    messages.success(request, _("{} tidak lagi IKU.").format(iku.name))
    return redirect("sakip:iku_list", agency.pk)


def iku_download(request, agency_id: int, fmt: str):
    agency = agency_for(request, agency_id)
    if fmt not in CONTENT_TYPES:
        raise Http404(_("Format tidak dikenal."))
    response = HttpResponse(render_table(iku_table(agency), fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = 'attachment; filename="iku-{}.{}"'.format(
        agency.short_name.lower(), fmt
    )
    return response
