"""`renstra token create NAMA [--name N]`, `renstra token list NAMA`, `renstra token revoke AWALAN`"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from renstra.api.models import ApiToken
from renstra.api.tokens import create_token, revoke_token


class Command(BaseCommand):
    help = "Mengelola token API: membuat (ditampilkan sekali), mendaftar, dan mencabut."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="create|list|revoke")
        create = actions.add_parser(
            "create", help="buat token untuk pengguna; token dicetak sekali"
        )
        create.add_argument("username")
        create.add_argument("--name", default="", help="nama token, mis. 'skrip laporan'")
        listing = actions.add_parser("list", help="daftar token pengguna (awalan, bukan token)")
        listing.add_argument("username")
        revoke = actions.add_parser("revoke", help="cabut token menurut awalannya")
        revoke.add_argument("prefix", help="awalan token seperti di daftar, mis. rst_AbCd1234")

    def handle(self, *args, **options):
        getattr(self, "_" + options["action"])(options)

    def _user(self, username):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError("Pengguna '{}' tidak ditemukan.".format(username))
        return user

    def _create(self, options):
        user = self._user(options["username"])
        if len(options["name"]) > 100:
            raise CommandError("Nama token paling banyak 100 karakter.")
        record, token = create_token(user=user, name=options["name"])
        self.stderr.write(
            "Token {}… untuk '{}' dibuat. Simpan sekarang: token tidak akan ditampilkan lagi.".format(
                record.prefix, user.get_username()
            )
        )
        self.stdout.write(token)

    def _list(self, options):
        user = self._user(options["username"])
        tokens = ApiToken.objects.filter(user=user).order_by("created_at", "pk")
        if not tokens:
            self.stdout.write("'{}' belum punya token API.".format(user.get_username()))
            return
        self.stdout.write("awalan\tnama\tdibuat\tterakhir_dipakai\tstatus")
        for token in tokens:
            self.stdout.write(
                "\t".join(
                    [
                        token.prefix,
                        token.name or "-",
                        _when(token.created_at),
                        _when(token.last_used_at),
                        "dicabut" if token.revoked else "aktif",
                    ]
                )
            )

    def _revoke(self, options):
        prefix = options["prefix"].rstrip("…").strip()
        record = ApiToken.objects.filter(prefix=prefix).select_related("user").first()
        if record is None:
            raise CommandError("Tidak ada token dengan awalan '{}'.".format(prefix))
        if record.revoked:
            self.stdout.write("Token {}… sudah dicabut sebelumnya.".format(record.prefix))
            return
        revoke_token(record)
        self.stdout.write(
            "Token {}… milik '{}' dicabut.".format(record.prefix, record.user.get_username())
        )


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "-"
