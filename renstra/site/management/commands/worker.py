"""`renstra worker`: the task worker (imports, whole-plan files), django-tasks-db's db_worker
under the project's name. One machine: `renstra serve` starts one itself. Several machines sharing one
database: run `renstra serve --no-worker` for the web and `renstra worker` wherever tasks should
run (any number; each task is claimed by one worker)."""

import os
import socket

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend


def queued_in_database() -> bool:
    """Do tasks wait in the database for a worker (RENSTRA_TASKS=database)?"""
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def worker_id() -> str:
    """Readable in the task table (which machine and process ran a task), and unique there."""
    return "{}-{}".format(socket.gethostname(), os.getpid())[-64:]


class Command(BaseCommand):
    help = (
        "Jalankan pekerja latar: mengerjakan tugas (impor Renstra, PDF/Excel seluruh Renstra) "
        "yang menunggu di basis data. "
        "Berhenti dengan Ctrl+C atau SIGTERM setelah tugas yang sedang berjalan selesai."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            action="store_true",
            help="kerjakan semua tugas yang menunggu, lalu berhenti",
        )
        parser.add_argument(
            "--max-tasks",
            type=int,
            default=None,
            help="berhenti setelah sekian tugas (mis. agar dimulai ulang oleh pengelola layanan)",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="detik menunggu sebelum memeriksa antrean lagi bila kosong (bawaan 1)",
        )

    def handle(self, *args, **options):
        if not queued_in_database():
            raise CommandError(
                "Tugas tidak diantrekan di basis data (RENSTRA_TASKS={}): setiap tugas sudah "
                "dikerjakan saat diminta, tidak ada yang perlu dikerjakan pekerja.".format(
                    os.environ.get("RENSTRA_TASKS", "")
                )
            )
        if options["max_tasks"] is not None and options["max_tasks"] < 1:
            raise CommandError("--max-tasks harus 1 atau lebih.")
        if options["interval"] < 0:
            raise CommandError("--interval tidak boleh negatif.")
        call_command(
            "db_worker",
            batch=options["batch"],
            max_tasks=options["max_tasks"],
            interval=options["interval"],
            # The code does not change under a running install; reloading would also stop a
            # task half way.
            reload=False,
            startup_delay=not options["batch"],
            worker_id=worker_id(),
            verbosity=options["verbosity"],
            stdout=self.stdout,
            stderr=self.stderr,
        )
