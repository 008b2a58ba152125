"""Sign in (with throttling), sign out, password change and language, in Indonesian."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.accounts import services


class ThrottledLoginView(auth_views.LoginView):
    """Django's login; django-axes (settings.AXES_*) refuses a user name from an address after
    too many failures and answers with `locked_out`."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def locked_out(request, original_response=None, credentials=None):
    """The answer to a refused sign-in: the login form with the reason, status 429."""
    refusal = _(
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi {} menit lagi atau "
        "hubungi administrator."
    ).format(settings.LOGIN_LOCK_SECONDS // 60)
    context = {"form": AuthenticationForm(request), "refusal": refusal}
    return render(request, "accounts/login.html", context, status=429)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("plans:list")

    def form_valid(self, form):
        messages.success(self.request, _("Kata sandi diganti."))
        return super().form_valid(form)


@login_required
@require_POST
def set_language(request):
    services.set_language(user=request.user, language=request.POST.get("language", "id"))
    # Back to the page the user came from, never to another site ("//host" included).
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return redirect(target)
