"""What monitoring reports count from, and the organisations' agreement to be counted in the
network's figures.

Person details are encrypted at rest and cannot be grouped in SQL. CaseStatistics keeps, for each
case, a few coarse categories in the clear, so that reports count them in the database: no name,
no exact date, no free text. It is derived data, rebuilt from the case and the person at any time
(reintegra.reports.statistics, `manage.py rebuild_statistics`)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.cases.vocabularies import Gender


class ReportAgeBand(models.TextChoices):
    """Age at the opening of the case, in the bands reports publish."""

    UNDER_12 = "0-11", _("Under 12")
    FROM_12 = "12-17", _("12 to 17")
    FROM_18 = "18-24", _("18 to 24")
    FROM_25 = "25-34", _("25 to 34")
    FROM_35 = "35-49", _("35 to 49")
    FROM_50 = "50+", _("50 or older")
    UNKNOWN = "unknown", _("Age not known")


class CaseStatistics(models.Model):
    """One case's counting categories. Nothing here names or dates anyone: the month the case
    opened, not the day; an age band, not a birth date; one nationality."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="statistics")
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="+")
    opened_month = models.DateField(_("month opened"), help_text=_("The first day of the month the case opened."))
    sex = models.CharField(_("sex / gender"), max_length=24, choices=Gender.choices, default=Gender.UNKNOWN)
    age_band = models.CharField(
        _("age band at opening"), max_length=8, choices=ReportAgeBand.choices, default=ReportAgeBand.UNKNOWN
    )
    # The first nationality recorded (ISO 3166-1 alpha-2), or empty when none is.
    nationality = models.CharField(_("nationality"), max_length=2, blank=True, default="")
    child = models.BooleanField(_("a child at opening"), default=False)

    class Meta:
        verbose_name = _("case statistics")
        verbose_name_plural = _("case statistics")
        indexes = [models.Index(fields=["organisation", "opened_month"], name="reports_stats_org_month")]
        constraints = [
            models.CheckConstraint(condition=Q(sex__in=Gender.values), name="reports_stats_sex_valid"),
            models.CheckConstraint(condition=Q(age_band__in=ReportAgeBand.values), name="reports_stats_age_valid"),
            models.CheckConstraint(
                condition=Q(nationality="") | Q(nationality__regex=r"^[A-Z]{2}$"), name="reports_stats_nationality_iso"
            ),
            models.CheckConstraint(condition=Q(opened_month__day=1), name="reports_stats_month_first_day"),
        ]


class StatisticsAgreement(models.Model):
    """An organisation's decision to be counted in the network's figures, or to stop. Appended,
    never changed: the latest decision counts, and the history shows who decided when."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    agreed = models.BooleanField(_("shares its statistics with the network"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("agreement to share statistics")
        verbose_name_plural = _("agreements to share statistics")
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-decided_at"], name="reports_agreement_latest")]

    @classmethod
    def agreeing_organisation_ids(cls) -> list[int]:
        """Organisations whose latest decision is to share (one query)."""
        latest = cls.objects.filter(organisation=models.OuterRef("organisation")).order_by("-decided_at", "-pk")
        return list(
            cls.objects.annotate(latest=models.Subquery(latest.values("pk")[:1]))
            .filter(pk=models.F("latest"), agreed=True)
            .values_list("organisation_id", flat=True)
        )

    @classmethod
    def current(cls, organisation_id: int) -> StatisticsAgreement | None:
        return cls.objects.filter(organisation_id=organisation_id).first()


class ReportRunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be prepared")


class ReportRun(models.Model):
    """A printable report prepared in the background for the user who asked for it: building
    every section and laying out the PDF takes longer than a page may. It holds figures only,
    suppressed like the page's; the scope is checked again when the file is fetched."""

    # Random, so that the address of a run tells nothing of how many others were asked for.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    # The filter's value (an organisation's id, or "network") and the organisations it counted
    # when asked for: the agreements to share may change while the run waits.
    choice = models.CharField(max_length=16)
    organisation_ids = models.JSONField(default=list)
    name = models.CharField(_("whose figures"), max_length=300)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    language = models.CharField(max_length=16)
    # The asker's time zone, as their page had it: the job runs in the server's, and a period's
    # first and last days, "today" and the time printed on the file are the office's.
    time_zone = models.CharField(max_length=64, default="UTC")
    status = models.CharField(
        _("status"), max_length=8, choices=ReportRunStatus.choices, default=ReportRunStatus.QUEUED
    )
    sections_done = models.PositiveSmallIntegerField(default=0)
    sections_total = models.PositiveSmallIntegerField(default=0)
    pdf = models.BinaryField(blank=True, default=b"")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["requested_by", "-requested_at"], name="reports_run_user_latest")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ReportRunStatus.values), name="reports_run_status_valid"),
            models.CheckConstraint(condition=Q(period_start__lte=models.F("period_end")), name="reports_run_period"),
            models.CheckConstraint(
                condition=Q(sections_done__lte=models.F("sections_total")), name="reports_run_progress"
            ),
            # A run is finished exactly when it is ready or failed.
            models.CheckConstraint(
                condition=Q(status__in=[ReportRunStatus.READY, ReportRunStatus.FAILED], finished_at__isnull=False)
                | Q(status__in=[ReportRunStatus.QUEUED, ReportRunStatus.RUNNING], finished_at__isnull=True),
                name="reports_run_finished",
            ),
        ]

    @property
    def in_progress(self) -> bool:
        return self.status in (ReportRunStatus.QUEUED, ReportRunStatus.RUNNING)
