"""Writes of the accounts app: every page, command and test changes a user's data here."""

from django.conf import settings
from django.db import transaction

from renstra.accounts.models import Profile


@transaction.atomic
def set_language(*, user, language: str) -> bool:
    """Remember the user's language; False (and nothing stored) for a language we do not offer."""
    if language not in dict(settings.LANGUAGES):
        return False
    Profile.objects.update_or_create(user=user, defaults={"language": language})
    return True
