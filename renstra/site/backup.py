"""Backup and restore of the whole system: every row of every app (statuses, history, comments,
realization, accounts) and every uploaded file, in one archive, and back into an empty database.

The archive (tar + gzip) holds:
    manifest.json   format, when, from which database, the applied migrations, row counts per
                    model, and the size and SHA-256 of every file
    data.json       Django's serialization of every model (natural keys for content types and
                    permissions, so ids may differ between databases)
    media/...       the uploaded files (evidence), under their stored names

Restoring migrates the target, refuses a database that already holds data, loads the rows
without running the models' save guards (they would refuse approved versions: this is the
lifecycle's state being put back, not a change of it) and checks every file against its
SHA-256 before it is written.
"""

import datetime
import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "renstra-backup"
FORMAT_VERSION = 1
# Rebuilt by `migrate` on the target; carried by natural keys in the rows that point at them.
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "admin.logentry")
# Rows that tell whether a database is already in use.
OCCUPYING = ("plans.Region", "plans.Agency", "plans.Plan", "auth.User")


class BackupError(Exception):
    """Said to the user in Indonesian; nothing was changed."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in ("contenttypes", "sessions")
        and model._meta.label not in ("auth.Permission", "admin.LogEntry")
    }


def create_backup(path: Path) -> dict:
    """Write the archive to `path`; returns its manifest."""
    root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        data_path = Path(work) / "data.json"
        # One transaction: the rows and the counts are one moment of the database.
        with transaction.atomic():
            call_command(
                "dumpdata",
                exclude=list(EXCLUDED),
                natural_foreign=True,
                natural_primary=False,
                output=str(data_path),
                verbosity=0,
            )
            counts = _counts()
        files = []
        for file in _media_files():
            content = file.read_bytes()
            relative = file.relative_to(root).as_posix()
            files.append({"path": relative, "size": len(content), "sha256": _sha256(content)})
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": connection.vendor,
            "migrations": sorted(
                "{}.{}".format(app, name)
                for app, name in MigrationRecorder(connection).applied_migrations()
            ),
            "counts": counts,
            "data_sha256": _sha256(data_path.read_bytes()),
            "files": files,
        }
        with tarfile.open(path, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            archive.add(data_path, arcname="data.json")
            for entry in files:
                archive.add(root / entry["path"], arcname="media/" + entry["path"])
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def _read_member(archive: tarfile.TarFile, name: str) -> bytes:
    try:
        member = archive.getmember(name)
    except KeyError as exc:
        raise BackupError("Arsip tidak memuat {}: bukan cadangan Renstra.".format(name)) from exc
    if not member.isfile():
        raise BackupError("{} di arsip bukan berkas biasa.".format(name))
    return archive.extractfile(member).read()


def _check_empty() -> None:
    for label in OCCUPYING:
        model = apps.get_model(label)
        if model._default_manager.exists():
            raise BackupError(
                "Basis data tujuan sudah berisi data ({}). Pulihkan hanya ke basis data kosong: "
                "buat basis data baru, atau kosongkan dengan 'renstra flush'.".format(
                    model._meta.verbose_name_plural
                )
            )


def _safe_media_path(root: Path, relative: str) -> Path:
    target = (root / relative).resolve()
    if root.resolve() not in target.parents:
        raise BackupError("Nama berkas di arsip keluar dari folder media: {}".format(relative))
    return target


def _open_archive(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:gz")  # noqa: SIM115 (closed by the caller's with)
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(
            "Berkas {} tidak dapat dibaca sebagai arsip cadangan.".format(path)
        ) from exc


def _open_archive(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:gz")  # noqa: SIM115 (the caller closes it: with)
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(
            "Berkas {} tidak dapat dibaca sebagai arsip cadangan.".format(path)
        ) from exc


def restore_backup(path: Path) -> dict:
    """Put the archive at `path` back into this (empty) database and media folder."""
    with _open_archive(path) as archive:
        try:
            manifest = json.loads(_read_member(archive, "manifest.json"))
        except ValueError as exc:
            raise BackupError("manifest.json di arsip rusak.") from exc
        if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
            raise BackupError("Arsip ini bukan cadangan Renstra format {}.".format(FORMAT_VERSION))
        data = _read_member(archive, "data.json")
        if _sha256(data) != manifest.get("data_sha256"):
            raise BackupError("data.json tidak sesuai sidik SHA-256 di manifest: arsip rusak.")
        media = {}
        for entry in manifest.get("files", []):
            content = _read_member(archive, "media/" + entry["path"])
            if _sha256(content) != entry["sha256"]:
                raise BackupError("Berkas {} rusak (SHA-256 berbeda).".format(entry["path"]))
            media[entry["path"]] = content
    call_command("migrate", interactive=False, verbosity=0)
    _check_empty()
    root = Path(settings.MEDIA_ROOT)
    targets = {relative: _safe_media_path(root, relative) for relative in media}
    with tempfile.TemporaryDirectory() as work:
        data_path = Path(work) / "data.json"
        data_path.write_bytes(data)
        with transaction.atomic():
            call_command("loaddata", str(data_path), verbosity=0)
            restored = _counts()
            missing = {
                label: count
                for label, count in manifest.get("counts", {}).items()
                if restored.get(label) != count
            }
            if missing:
                raise BackupError(
                    "Jumlah baris setelah pemulihan tidak sama dengan cadangan: {}.".format(
                        ", ".join(
                            "{} {} ≠ {}".format(k, restored.get(k), v) for k, v in missing.items()
                        )
                    )
                )
    for relative, content in media.items():
        targets[relative].parent.mkdir(parents=True, exist_ok=True)
        targets[relative].write_bytes(content)
    return manifest
