"""Making, checking and revoking API tokens: the one way the page, the command and the API's
authentication handle them."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from renstra.api.models import ApiToken

TOKEN_START = "rst_"
PREFIX_LENGTH = len(TOKEN_START) + 8
# Writing last_used_at on every request would turn every read into a write; once a minute is
# precise enough to tell a token in use from a forgotten one.
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_token(token: str) -> str:
    """The stored form of a token. A token carries 256 random bits, so a plain SHA-256 cannot be
    reversed by guessing, and a lookup by hash needs no per-token salt."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def create_token(*, user, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`: the stored record, and the token itself (shown once, never
    stored)."""
    while True:
        token = TOKEN_START + secrets.token_urlsafe(32)
        prefix = token[:PREFIX_LENGTH]
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    record = ApiToken.objects.create(
        user=user, name=(name or "").strip()[:100], prefix=prefix, key_hash=hash_token(token)
    )
    return record, token


def revoke_token(record: ApiToken) -> ApiToken:
    """Revoke a token for good (it stays listed, marked revoked)."""
    if not record.revoked:
        record.revoked = True
        record.revoked_at = timezone.now()
        record.save(update_fields=["revoked", "revoked_at"])
    return record


def user_for_token(token: str):
    """The active user a token belongs to, or None when the token is unknown, revoked, or its
    user is inactive."""
    if not token or not token.startswith(TOKEN_START) or len(token) > 200:
        return None
    record = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(token), revoked=False)
        .first()
    )
    if record is None or not record.user.is_active:
        return None
    now = timezone.now()
    if record.last_used_at is None or now - record.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return record.user
