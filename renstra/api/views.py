"""Token API page: a signed-in person lists, makes and revokes their own API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from renstra.api.models import ApiToken
from renstra.api.tokens import create_token, revoke_token


@login_required
@require_http_methods(["GET", "POST"])
def token_page(request):
    """GET lists the tokens; POST makes one and shows it, once (it is not stored)."""
    created = None
    status = 200
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        if len(name) > 100:
            messages.error(request, _("Nama token paling banyak 100 karakter."))
            status = 422
        else:
            record, token = create_token(user=request.user, name=name)
            created = {"record": record, "token": token}
    tokens = ApiToken.objects.filter(user=request.user).order_by("revoked", "-created_at", "pk")
    response = render(
        request, "api/tokens.html", {"tokens": tokens, "created": created}, status=status
    )
    # A freshly made token appears in this page only: no cache may keep it.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def revoke(request, token_id: int):
    record = ApiToken.objects.filter(pk=token_id, user=request.user).first()
    if record is None:  # someone else's token is as good as none
        raise Http404(_("Token tidak ditemukan."))
    revoke_token(record)
    messages.success(
        request,
        _("Token {}… dicabut; permintaan dengan token itu kini ditolak.").format(record.prefix),
    )
    return redirect("tokens:list")
