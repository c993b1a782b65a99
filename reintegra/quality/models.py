"""An organisation's self-assessment against the standards catalogue (quality.catalogue).

Each rating is a record of its own: rating an item again appends one, so the history of how an
organisation saw itself, and what it meant to improve, stays readable. The current rating of an
item is its latest record."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    IN_PLACE = "in_place", _("In place")
    PARTLY = "partly", _("Partly in place")
    NOT_YET = "not_yet", _("Not yet in place")
    NOT_APPLICABLE = "not_applicable", _("Does not apply to us")


# A rating short of "in place" says what will be done about it; one that claims the standard is
# met, or does not apply, says why.
LEVELS_NEEDING_EVIDENCE = (Level.IN_PLACE, Level.PARTLY, Level.NOT_APPLICABLE)
LEVELS_NEEDING_IMPROVEMENT = (Level.PARTLY, Level.NOT_YET)


class RatingQuerySet(models.QuerySet["Rating"]):
    def current(self) -> RatingQuerySet:
        """Each item's latest rating: records no later record of the same item replaces."""
        later = Rating.objects.filter(
            organisation=OuterRef("organisation"), code=OuterRef("code"), pk__gt=OuterRef("pk")
        )
        return self.filter(~Exists(later))


class Rating(models.Model):
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="quality_ratings")
    code = models.CharField(_("standard"), max_length=12)
    level = models.CharField(_("rating"), max_length=16, choices=Level.choices)
    evidence = models.TextField(_("evidence"), blank=True, default="")
    improvement = models.TextField(_("what we will do to improve"), blank=True, default="")
    improve_by = models.DateField(_("improve by"), null=True, blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rated_at = models.DateTimeField(default=timezone.now)

    objects = RatingQuerySet.as_manager()

    class Meta:
        ordering = ["-rated_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "code", "-id"], name="quality_rating_item")]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{3}-[PCA]-[0-9]{2}$"), name="quality_rating_code"),
            models.CheckConstraint(condition=Q(level__in=Level.values), name="quality_rating_level_valid"),
            models.CheckConstraint(
                condition=~Q(level__in=LEVELS_NEEDING_EVIDENCE) | ~Q(evidence=""), name="quality_rating_evidence"
            ),
            models.CheckConstraint(
                condition=~Q(level__in=LEVELS_NEEDING_IMPROVEMENT) | ~Q(improvement=""),
                name="quality_rating_improvement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.level}"
