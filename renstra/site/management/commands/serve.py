import logging
import os
import subprocess
import sys
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

from renstra.plans.models import Plan
from renstra.site.management.commands.worker import queued_in_database

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Migrasi basis data, muat contoh bila kosong, lalu layani aplikasi dengan gunicorn, "
        "dengan satu pekerja latar (renstra worker) di sampingnya."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="tanpa pekerja latar (jalankan renstra worker sendiri, mis. di mesin lain)",
        )
        parser.add_argument(
            "--no-demo",
            action="store_true",
            help="jangan muat Renstra contoh walaupun basis data belum berisi Renstra (produksi)",
        )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not options["no_demo"] and not Plan.objects.exists():
            call_command("demo", stdout=self.stdout)
        # The connection opened for the migration and the check above must not be inherited by
        # the forked gunicorn workers: sharing one connection breaks on PostgreSQL (psycopg
        # "can't change autocommit now", lost saves).
        connections.close_all()
        bind = "{}:{}".format(options["host"], options["port"])
        worker = None
        if not options["no_worker"] and queued_in_database():
            worker = BackgroundWorker([sys.executable, "-m", "renstra.cli", "worker"])
            worker.start()
            self.stdout.write("Pekerja latar berjalan (pid {}).".format(worker.pid))
        self.stdout.write("Renstra melayani di http://{}/".format(bind))
        self.stdout.flush()
        try:
            serve_with_gunicorn(bind, options["workers"])
        finally:
            if worker is not None:
                worker.stop()


class BackgroundWorker:
    """The task worker as a child process of `renstra serve`: started beside gunicorn, started
    again if it dies (a task left half done is rolled back by its transaction), stopped when
    serve stops.

    The child has a session of its own, so a Ctrl+C in the terminal reaches serve only; serve
    then sends one SIGTERM, on which the worker finishes the task at hand and exits (a second
    signal would cut that task short)."""

    RESTART_DELAY = 5.0

    def __init__(self, command: list[str], stop_timeout: float = 120.0):
        self.command = command
        self.stop_timeout = stop_timeout
        self.process: subprocess.Popen | None = None
        self.stopping = threading.Event()
        # Held while the process is replaced or stopped, so that stop() never misses a worker
        # the watcher has just started.
        self.lock = threading.Lock()
        self.watcher: threading.Thread | None = None
        self.owner = os.getpid()

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, start_new_session=True)
        self.watcher = threading.Thread(target=self._watch, name="renstra-worker", daemon=True)
        self.watcher.start()

    def _watch(self) -> None:
        while not self.stopping.is_set():
            # gunicorn's arbiter reaps any child that exits; wait() then answers 0, which is
            # enough here: the worker is gone either way.
            code = self.process.wait()
            if self.stopping.wait(self.RESTART_DELAY):
                return
            with self.lock:
                if self.stopping.is_set():
                    return
                logger.warning("task worker exited (%s); starting it again", code)
                self.process = subprocess.Popen(self.command, start_new_session=True)

    def stop(self) -> None:
        if os.getpid() != self.owner:
            # A gunicorn worker: forked from serve, it leaves through the same `finally` when it
            # exits, with a copy of this object; the worker process is not its to stop.
            return
        with self.lock:
            self.stopping.set()
            process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=self.stop_timeout)
        except subprocess.TimeoutExpired:
            logger.warning("task worker did not stop in %s s; killing it", self.stop_timeout)
            process.kill()
            process.wait()


def serve_with_gunicorn(bind: str, workers: int) -> None:
    # Imported here so that the other commands never load gunicorn; renstra.wsgi calls
    # get_wsgi_application(), which must not run while this command module is being loaded.
    from gunicorn.app.base import BaseApplication

    from renstra.wsgi import application

    class RenstraServer(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", bind)
            self.cfg.set("workers", workers)
            self.cfg.set("accesslog", "-")

        def load(self):
            return application

    RenstraServer().run()
