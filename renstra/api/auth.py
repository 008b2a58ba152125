"""Who calls the API: a bearer token (`Authorization: Bearer rst_…`) acts as its user; a request
without an Authorization header is anonymous and sees what anonymous page visitors see. A token
that is wrong, revoked or sent in another scheme is refused (401) rather than quietly treated as
anonymous, so that a broken integration notices.

Session cookies are ignored: the API does not act as the signed-in page user, so a page cannot be
made to write through the API on a visitor's behalf (no CSRF surface).
"""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from renstra.api.tokens import user_for_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`."""

    def authenticate(self, request, token):
        user = user_for_token(token.strip())
        if user is None:
            raise AuthenticationError(
                message=_(
                    "Token API tidak dikenal, sudah dicabut, atau penggunanya tidak aktif. Buat "
                    "token baru di halaman Token API atau dengan `renstra token create`."
                )
            )
        request.user = user
        return user


def anonymous(request):
    """No Authorization header at all: the caller is the public."""
    if request.headers.get("Authorization"):
        return None  # a header that TokenAuth did not accept (another scheme): 401
    request.user = AnonymousUser()
    return request.user


AUTH = [TokenAuth(), anonymous]
