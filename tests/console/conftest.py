import signal
from contextlib import contextmanager

import pytest
from django.core.management import call_command

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@contextmanager
def _worker_signals_restored():
    """db_worker sets its own SIGINT/SIGTERM handlers (to finish the task at hand) and leaves
    them; the test session gets its own back."""
    names = [signal.SIGINT, signal.SIGTERM] + (
        [signal.SIGQUIT] if hasattr(signal, "SIGQUIT") else []
    )
    saved = {name: signal.getsignal(name) for name in names}
    try:
        yield
    finally:
        for name, handler in saved.items():
            signal.signal(name, handler)


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """The production backend: tasks wait in the database until a worker runs them (call the
    fixture's value to run `renstra worker --batch`)."""
    settings.TASKS = DATABASE_TASKS
    # Between tasks the worker drops connections that are not in autocommit; the test's own
    # transaction is such a connection (on PostgreSQL it would be closed under the test).
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def run_worker():
        with _worker_signals_restored():
            call_command("worker", "--batch", "--interval", "0", verbosity=0)

    return run_worker
