"""The lock on plan versions, enforced where every write passes: model save/delete and the
QuerySet bulk paths (update, delete, bulk_create, bulk_update). Pages, API, imports, the CLI and
the admin all write through these, so none of them can change a locked version."""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

from renstra.plans.choices import EDITABLE_STATUSES


class VersionLocked(PermissionDenied):
    """Raised with an Indonesian message when a write touches a locked plan version."""


def _message(status_label: str) -> str:
    return _(
        "Versi Renstra ini berstatus '{}' sehingga tidak dapat diubah. Perubahan hanya dapat "
        "dilakukan pada versi berstatus Draf atau Dikembalikan; untuk Renstra yang sudah "
        "ditetapkan, buat review (versi baru)."
    ).format(status_label)


def assert_versions_editable(version_ids) -> None:
    # By name: renstra.plans.models builds its models on this module's GuardedModel.
    PlanVersion = apps.get_model("plans", "PlanVersion")  # noqa: N806
    ids = {v for v in version_ids if v is not None}
    if not ids:
        return
    locked = PlanVersion.objects.filter(pk__in=ids).exclude(status__in=EDITABLE_STATUSES).first()
    if locked is not None:
        raise VersionLocked(_message(locked.get_status_display()))


class GuardedQuerySet(models.QuerySet):
    """Bulk writes check the versions of every row they touch before touching any."""

    def _touched_versions(self) -> set:
        ids = set()
        for path in self.model.VERSION_PATHS:
            ids.update(self.values_list(path, flat=True))
        return ids

    def update(self, **kwargs):
        assert_versions_editable(self._touched_versions())
        return super().update(**kwargs)

    def delete(self):
        assert_versions_editable(self._touched_versions())
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        assert_versions_editable(obj.plan_version_id() for obj in objs)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, *args, **kwargs):
        objs = list(objs)
        assert_versions_editable(obj.plan_version_id() for obj in objs)
        return super().bulk_update(objs, *args, **kwargs)


class GuardedModel(models.Model):
    """A plan item: saving or deleting it checks that its version may change."""

    VERSION_PATHS: tuple[str, ...] = ()
    objects = GuardedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        assert_versions_editable([self.plan_version_id()])
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        assert_versions_editable([self.plan_version_id()])
        return super().delete(*args, **kwargs)

    def plan_version_id(self):  # pragma: no cover - each model defines it
        raise NotImplementedError
