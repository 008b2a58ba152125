"""The address a request came from, believing X-Forwarded-For only as far as the configured
reverse proxies (settings.TRUSTED_PROXY_COUNT) reach."""

from django.conf import settings


def client_address(request) -> str:
    """With N trusted proxies, each appends the address it received the request from: the
    client is the N-th address from the right. Entries further left were written by the client
    and are never believed."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part
    ]
    if len(forwarded) < count:
        return remote  # not through all the proxies we expect: trust only the connection
    return forwarded[-count]
