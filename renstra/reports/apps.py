from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "renstra.reports"
    verbose_name = "Laporan"
