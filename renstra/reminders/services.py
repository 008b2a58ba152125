"""What a user changes on the reminder pages: marking reminders read, turning kinds off/on."""

from django.db import transaction
from django.utils import timezone

from renstra.reminders.choices import ReminderKind
from renstra.reminders.models import Reminder, ReminderSetting


def mark_read(*, user, reminder_id: int | None = None) -> int:
    """Mark one of `user`'s reminders read (or all of them, without an id); returns how many
    changed. Someone else's reminder is as good as none: nothing changes."""
    unread = Reminder.objects.filter(user=user, read_at__isnull=True)
    if reminder_id is not None:
        unread = unread.filter(pk=reminder_id)
    return unread.update(read_at=timezone.now())


def enabled_kinds(user) -> set[str]:
    """The kinds `user` receives: all but those turned off."""
    off = set(
        ReminderSetting.objects.filter(user=user, enabled=False).values_list("kind", flat=True)
    )
    return {kind for kind in ReminderKind.values if kind not in off}


@transaction.atomic
def set_enabled_kinds(*, user, kinds: set[str]) -> None:
    """Keep that `user` receives exactly `kinds` (unknown kinds ignored)."""
    for kind in ReminderKind.values:
        ReminderSetting.objects.update_or_create(
            user=user, kind=kind, defaults={"enabled": kind in kinds}
        )
