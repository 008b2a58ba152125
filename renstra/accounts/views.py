"""Sign in (with throttling), sign out, password change and language, in Indonesian."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.accounts import services


def _key(request, username: str) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return "renstra-login-failures:{}:{}".format(username.strip().lower(), address)


class ThrottledLoginView(auth_views.LoginView):
    """Django's login, refusing a user name from an address after too many failures."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if cache.get(_key(request, username), 0) >= settings.LOGIN_MAX_FAILURES:
            form = self.get_form()
            form.add_error(
                None,
                _(
                    "Terlalu banyak percobaan masuk yang gagal. Coba lagi {} menit lagi atau "
                    "hubungi administrator."
                ).format(settings.LOGIN_LOCK_SECONDS // 60),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        key = _key(self.request, self.request.POST.get("username", ""))
        cache.set(key, cache.get(key, 0) + 1, settings.LOGIN_LOCK_SECONDS)
        return super().form_invalid(form)

    def form_valid(self, form):
        cache.delete(_key(self.request, self.request.POST.get("username", "")))
        return super().form_valid(form)


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
