"""Change history (django-simple-history) with the path a change came through.

Every historical record carries `change_path`: halaman (a page), admin, api, impor, cli, demo or
sistem. The path is a context variable set by the middleware for requests and by the callers of
imports and commands (`with change_path("impor"): ...`).
"""

import contextvars
from contextlib import contextmanager

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.signals import pre_create_historical_record
from simple_history.utils import bulk_create_with_history as _bulk_create


class ChangePath(models.TextChoices):
    PAGE = "halaman", _("Halaman")
    ADMIN = "admin", _("Admin Django")
    API = "api", _("API")
    IMPORT = "impor", _("Impor berkas")
    CLI = "cli", _("Perintah CLI")
    DEMO = "demo", _("Data contoh")
    SYSTEM = "sistem", _("Sistem")


_current_path = contextvars.ContextVar("renstra_change_path", default=ChangePath.SYSTEM)


@contextmanager
def change_path(path: str):
    """Record changes made inside the block as coming through `path`."""
    token = _current_path.set(path)
    try:
        yield
    finally:
        _current_path.reset(token)


def current_change_path() -> str:
    return _current_path.get()


def bulk_create_with_history(model, objs: list) -> list:
    """bulk_create that also writes the historical records, with the current change path."""
    objs = list(objs)
    if not objs:
        return objs
    return _bulk_create(objs, model, custom_historical_attrs={"change_path": current_change_path()})


class ChangePathHistory(models.Model):
    """Base of every historical model: through which path the change was made."""

    change_path = models.CharField(
        _("jalur perubahan"), max_length=10, choices=ChangePath.choices, default=ChangePath.SYSTEM
    )

    class Meta:
        abstract = True


@receiver(pre_create_historical_record)
def _record_change_path(sender, history_instance, **kwargs):
    if hasattr(history_instance, "change_path"):
        history_instance.change_path = current_change_path()


class ChangePathMiddleware:
    """Requests under /admin/ change through the admin, /api/ through the API, others a page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/"):
            path = ChangePath.ADMIN
        elif request.path.startswith("/api/"):
            path = ChangePath.API
        else:
            path = ChangePath.PAGE
        with change_path(path):
            return self.get_response(request)
