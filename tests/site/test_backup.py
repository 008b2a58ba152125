"""`renstra backup` then `renstra restore` into an empty database, as an operator would, on the
database the suite runs on (a new SQLite file, or a new PostgreSQL database beside the test
one): the JSON export of every version and every evidence file are identical before and after,
approved versions stay approved, and a database that already holds data is refused."""

import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import pytest
from django.db import connection

EVIDENCE_SCRIPT = """
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from renstra.monitoring import services
from renstra.plans.models import Indicator
user = get_user_model().objects.get(username="perencana")
indicator = Indicator.objects.filter(version__number=2, targets__year=2020).order_by("pk").first()
entry = services.save_realization(indicator, 2020, 1, "1", user=user)
for name, content in (("laporan.pdf", b"%PDF-1.4 laporan triwulan"), ("daftar.csv", b"nama,nip\\nA,1\\n")):
    services.add_evidence(entry, SimpleUploadedFile(name, content), user=user)
print(entry.pk)
"""


def _run(env, *args, check=True):
    result = subprocess.run(
        [sys.executable, "-m", "renstra.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            "renstra {} failed:\n{}\n{}".format(args, result.stdout, result.stderr)
        )
    return result


def _python(env, script):
    code = "import django; django.setup()\n" + script
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


class Databases:
    """Two new, empty databases of the vendor the suite runs on, removed afterwards."""

    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        self.vendor = connection.vendor
        self.created = []

    def url(self, name: str) -> str:
        if self.vendor == "sqlite":
            return "sqlite:///{}".format(self.tmp / "{}.sqlite3".format(name))
        settings = dj_database_url.parse(os.environ["DATABASE_URL"])
        database = "renstra_{}_{}".format(name, uuid.uuid4().hex[:8])
        with connection.cursor() as cursor:
            cursor.execute('CREATE DATABASE "{}"'.format(database))
        self.created.append(database)
        user = settings["USER"] or "postgres"
        return "postgres://{}@{}:{}/{}".format(
            user, settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432, database
        )

    def drop(self):
        with connection.cursor() as cursor:
            for database in self.created:
                cursor.execute('DROP DATABASE IF EXISTS "{}" WITH (FORCE)'.format(database))


@pytest.fixture
def databases(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        made = Databases(tmp_path)
        yield made
        if made.vendor == "postgresql":
            made.drop()


def _environment(url: str, var: Path) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "RENSTRA_VAR_DIR": str(var)}
    env["DJANGO_SETTINGS_MODULE"] = "renstra.settings"
    return env


def _snapshot(env, media: Path) -> dict:
    listed = json.loads(_run(env, "plans", "--json").stdout)
    exports = {
        version["id"]: _run(env, "export", "--plan", str(version["id"]), "--format", "json").stdout
        for version in listed
    }
    files = {
        path.relative_to(media).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }
    statuses = {version["id"]: version.get("status") for version in listed}
    return {"exports": exports, "files": files, "statuses": statuses}


def test_backup_then_restore_gives_back_every_version_and_file(databases, tmp_path):
    source = _environment(databases.url("sumber"), tmp_path / "sumber")
    _run(source, "migrate", "-v0")
    _run(source, "demo", "--with-sample-realization")
    _python(source, EVIDENCE_SCRIPT)
    before = _snapshot(source, tmp_path / "sumber" / "media")
    # The demo's two versions and the region's example RPJMD; two evidence files.
    assert len(before["exports"]) == 3 and len(before["files"]) == 2

    archive = tmp_path / "cadangan.tar.gz"
    said = _run(source, "backup", "-o", str(archive)).stdout
    assert "Cadangan ditulis" in said and "2 berkas" in said

    target = _environment(databases.url("tujuan"), tmp_path / "tujuan")
    restored = _run(target, "restore", str(archive))
    assert "Dipulihkan" in restored.stdout
    after = _snapshot(target, tmp_path / "tujuan" / "media")
    assert after == before
    # The approved versions came back approved: the lock holds on the restored database.
    blocked = _python(
        target,
        "from renstra.plans.models import PlanVersion, Target\n"
        "from django.db import connection\n"
        "v = PlanVersion.objects.get(number=2)\n"
        "print(v.status)\n"
        "try:\n"
        "    with connection.cursor() as c:\n"
        "        c.execute(\"UPDATE plans_target SET raw_text = 'X' WHERE indicator_id IN "
        '(SELECT id FROM plans_indicator WHERE version_id = %s)", [v.pk])\n'
        "    print('changed')\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__)\n",
    )
    assert blocked.split() == ["approved", "IntegrityError"]

    # A database already in use is never overwritten.
    again = _run(target, "restore", str(archive), check=False)
    assert again.returncode != 0
    assert "sudah berisi data" in again.stderr


def test_a_damaged_archive_is_refused_and_nothing_is_written(databases, tmp_path):
    archive = tmp_path / "rusak.tar.gz"
    archive.write_bytes(b"bukan arsip")
    target = _environment(databases.url("kosong"), tmp_path / "kosong")
    result = _run(target, "restore", str(archive), check=False)
    assert result.returncode != 0
    assert "tidak dapat dibaca sebagai arsip cadangan" in result.stderr
