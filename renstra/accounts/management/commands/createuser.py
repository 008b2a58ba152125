"""`renstra createuser NAME --role planner --agency BKPSDM --region "Kota Bontang"`"""

import getpass
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from renstra.accounts.choices import Role
from renstra.accounts.models import Membership
from renstra.plans.models import Agency, Region


class Command(BaseCommand):
    help = "Membuat pengguna dengan perannya (perencana, kepala, verifikator, auditor, admin)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[r.value for r in Role])
        parser.add_argument(
            "--agency", help="singkatan Perangkat Daerah (untuk perencana dan kepala)"
        )
        parser.add_argument("--region", help="nama Pemda, mis. 'Kota Bontang'")
        parser.add_argument("--password", help="kata sandi (bila kosong, ditanyakan)")
        parser.add_argument("--email", default="")

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError("Pengguna '{}' sudah ada.".format(options["username"]))
        region = None
        if options["region"]:
            region = Region.objects.filter(name=options["region"]).first()
            if region is None:
                raise CommandError("Pemda '{}' tidak ditemukan.".format(options["region"]))
        agency = None
        if options["agency"]:
            agencies = Agency.objects.filter(short_name=options["agency"])
            if region:
                agencies = agencies.filter(region=region)
            if agencies.count() != 1:
                raise CommandError(
                    "Perangkat Daerah '{}' tidak ditemukan atau tidak tunggal; sebutkan --region.".format(
                        options["agency"]
                    )
                )
            agency = agencies.get()
            region = region or agency.region
        role = options["role"]
        if role in (Role.PLANNER, Role.HEAD) and agency is None:
            raise CommandError("Peran {} memerlukan --agency.".format(role))
        if role == Role.VERIFIER and region is None:
            raise CommandError("Peran verifier memerlukan --region.")
        password = options["password"]
        if not password:
            if not sys.stdin.isatty():
                raise CommandError(
                    "Tanpa terminal kata sandi tidak dapat ditanyakan: berikan --password SANDI."
                )
            password = getpass.getpass("Kata sandi: ")
        user = User.objects.create_user(
            options["username"],
            email=options["email"],
            password=password,
            is_staff=(role == Role.ADMIN),
            is_superuser=(role == Role.ADMIN),
        )
        Membership.objects.create(
            user=user,
            role=role,
            agency=agency if role in (Role.PLANNER, Role.HEAD) else None,
            region=region if role in (Role.VERIFIER,) else None,
        )
        self.stdout.write(
            "Pengguna '{}' dibuat sebagai {}.".format(user.username, Role(role).label)
        )
