"""The daily reminders as a task of Django's task framework (django-tasks, database backend,
run by `renstra worker`); `renstra reminders` does the same from cron."""

import logging

from django_tasks import task

from renstra.reminders.daily import run_daily

logger = logging.getLogger(__name__)


@task()
def send_reminders() -> int:
    """Make and mail today's reminders; returns the e-mails sent."""
    sent = run_daily()
    logger.info("pengingat: %s e-mail terkirim", sent)
    return sent
