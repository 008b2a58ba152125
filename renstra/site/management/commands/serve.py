from django.core.management import call_command
from django.core.management.base import BaseCommand

from renstra.plans.models import Plan


class Command(BaseCommand):
    help = "Migrasi basis data, muat contoh bila kosong, lalu layani aplikasi dengan gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not Plan.objects.exists():
            call_command("demo", stdout=self.stdout)
        bind = "{}:{}".format(options["host"], options["port"])
        self.stdout.write("Renstra melayani di http://{}/".format(bind))
        self.stdout.flush()
        serve_with_gunicorn(bind, options["workers"])


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
