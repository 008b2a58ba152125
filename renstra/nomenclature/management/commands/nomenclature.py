"""`renstra nomenclature load BERKAS.csv --edition NAMA`, `renstra nomenclature list`"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from renstra.core.errors import ImportRejected
from renstra.nomenclature.models import Edition
from renstra.nomenclature.reading import read_rows
from renstra.nomenclature.services import load_edition


class Command(BaseCommand):
    help = (
        "Nomenklatur Permendagri 90/2019 (urusan, bidang, program, kegiatan, sub kegiatan) per "
        "edisi. `load` memuat satu edisi dari CSV (kolom code, name, level, jns_pemda, id_hkm); "
        "dimuat dua kali tidak mengubah apa pun; semua baris atau tidak sama sekali. `list` "
        "mendaftar edisi yang dimuat."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="load|list")
        load = actions.add_parser("load", help="muat (atau perbarui) satu edisi dari berkas CSV")
        load.add_argument("file", help="berkas CSV, mis. permendagri90_nomenklatur_simcan.csv")
        load.add_argument("--edition", required=True, help="nama edisi, mis. 2020")
        actions.add_parser("list", help="daftar edisi: nama, jumlah kode, terakhir dimuat")

    def handle(self, *args, **options):
        getattr(self, "_" + options["action"])(options)

    def _load(self, options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError("Berkas {} tidak dapat dibaca: {}".format(path, exc)) from exc
        try:
            report = load_edition(
                name=options["edition"], rows=read_rows(data, path.name), source=path.name
            )
        except ImportRejected as exc:
            raise CommandError(str(exc).replace("Impor ditolak", "Pemuatan ditolak")) from exc
        self.stdout.write(str(report))

    def _list(self, options):
        editions = Edition.objects.annotate(codes=Count("entries")).order_by("name")
        if not editions:
            self.stdout.write(
                "Belum ada edisi nomenklatur; muat dengan 'renstra nomenclature load BERKAS.csv "
                "--edition NAMA'."
            )
            return
        self.stdout.write("edisi\tkode\tberkas\tterakhir_dimuat")
        for edition in editions:
            when = edition.loaded_at.strftime("%Y-%m-%d %H:%M") if edition.loaded_at else "-"
            self.stdout.write(
                "\t".join([edition.name, str(edition.codes), edition.source or "-", when])
            )
