"""What the console keeps per version (renstra.console.cache): in the database rather than in
settings.CACHES, because the task worker that computes it ahead of the first request
(renstra.console.tasks) may run on another machine and shares only the database with the web,
and because a city of 400 agencies needs more entries than the file cache keeps before it
culls some at random."""

from django.db import models

from renstra.plans.models import PlanVersion


class KeptFigures(models.Model):
    """One version's error findings (year 0) or its figures of one year, as the console computed
    them, under the digest of everything they are made of: a row whose digest is not the one
    asked for is never read, and is replaced when computed again."""

    ERRORS = 0  # the year of the error findings, which no year changes

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    digest = models.CharField(max_length=64)
    payload = models.BinaryField()  # pickled; read only under a digest of the code that made it
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "year"], name="console_kept_version_year")
        ]
        indexes = [models.Index(fields=["digest"], name="console_kept_digest")]

    def __str__(self) -> str:
        return "{} {}".format(self.version_id, self.year or "galat")
