from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "renstra.interchange"
    verbose_name = "Impor dan ekspor"
