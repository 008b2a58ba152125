"""Change history (django-simple-history) with the path a change came through.

Every historical record carries `change_path`: halaman (a page), admin, api, impor, cli, demo or
sistem. The path is a context variable set by the middleware for requests and by the callers of
imports and commands (`with change_path("impor"): ...`).
"""

import contextvars
import datetime
import enum
import time
from contextlib import contextmanager
from decimal import Decimal

from django.db import connections, models, router, transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.signals import pre_create_historical_record
from simple_history.utils import get_change_reason_from_object


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


def bulk_create_with_history(model, objs: list, *, user=None) -> list:
    """bulk_create that also writes the "+" historical records, with the current change path.

    The same rows as simple-history's `bulk_create_with_history` (a test compares them), written
    with one prepared INSERT per model instead of a Django model instance per record: for an
    import of 5,000 indicators the records are half of all rows written, and building and
    compiling them through the ORM took longer than everything else the import does.
    """
    objs = list(objs)
    if not objs:
        return objs
    with transaction.atomic(using=router.db_for_write(model), savepoint=False):
        objs = model._default_manager.bulk_create(objs)
        insert_history(model, objs, "+", user=user)
    return objs


# Values of these types reach the database driver as they are (what Django's get_db_prep_save
# returns for them on SQLite and PostgreSQL); every other value goes through its field.
# (Django registers Decimal with sqlite3 as str; psycopg takes it as it is.)
_PLAIN = (str, int, bool, float, Decimal, type(None))
_PREPARED = (datetime.date, datetime.time, datetime.timedelta)


def insert_history(model, objs: list, history_type: str, *, user=None) -> None:
    """Insert one historical record per saved object of `model`, as simple-history would; by
    `user`, else by the request's user (simple-history's default)."""
    history_model = model.history.model
    using = router.db_for_write(history_model)
    connection = connections[using]
    tracked = {field.attname for field in history_model.tracked_fields}
    now = timezone.now()
    user = user or history_model.get_default_history_user(objs[0])
    fixed = {
        "history_date": now,
        "history_type": history_type,
        "history_user_id": getattr(user, "pk", None),
        "change_path": current_change_path(),
    }
    fields = [f for f in history_model._meta.concrete_fields if f.attname != "history_id"]
    unknown = [f.attname for f in fields if f.attname not in tracked and f.attname not in fixed]
    if unknown != ["history_change_reason"]:  # pragma: no cover - a new column needs a value here
        raise RuntimeError("Kolom riwayat tanpa nilai: {}".format(unknown))

    def prepared(field, value):
        if isinstance(value, enum.Enum):  # choices: their value, as Django would store it
            value = value.value
        if isinstance(value, _PLAIN) and not isinstance(value, _PREPARED):
            return value
        return field.get_db_prep_save(value, connection)

    fixed = {f.attname: prepared(f, fixed[f.attname]) for f in fields if f.attname in fixed}
    own = [(f, f.attname) for f in fields if f.attname in tracked]
    rows = []
    for obj in objs:
        values = {attname: prepared(f, getattr(obj, attname)) for f, attname in own}
        values.update(fixed)
        values["history_change_reason"] = get_change_reason_from_object(obj) or None
        rows.append([values[f.attname] for f in fields])
    table = connection.ops.quote_name(history_model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: the rows stream in one statement; a multi-row INSERT of this size spends
            # longer in the driver's placeholder parsing than in the server.
            statement = "COPY {} ({}) FROM STDIN".format(table, columns)
            start = time.monotonic()
            with cursor.cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
            if connection.queries_logged:  # the raw cursor bypasses Django's log: one statement
                connection.queries_log.append(
                    {"sql": statement, "time": "%.3f" % (time.monotonic() - start)}
                )
            return
        # SQLite: multi-row INSERTs in the backend's batch size.
        head = "INSERT INTO {} ({}) VALUES ".format(table, columns)
        one = "({})".format(", ".join(["%s"] * len(fields)))
        size = max(1, connection.ops.bulk_batch_size(fields, rows))
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            cursor.execute(head + ", ".join([one] * len(batch)), [v for row in batch for v in row])


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
