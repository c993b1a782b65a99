import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from reintegra.core.money import main_currency
from reintegra.core.zones import available_zones, main_time_zone


def validate_time_zone(value: str) -> None:
    if value not in available_zones():
        raise ValidationError(_("Choose a time zone from the list, for example Asia/Bangkok."))


class OrganisationType(models.TextChoices):
    """HTCDS 2.0 org_Type values."""

    NGO = "NGO", _("NGO")
    LAW_ENFORCEMENT = "LawEnforcement", _("Law enforcement")
    HEALTH_SERVICE = "HealthServiceOrganisation", _("Health service organisation")
    CENTRAL_GOVERNMENT = "CentralGovernmentOrganisation", _("Central government organisation")
    LOCAL_GOVERNMENT = "LocalGovernmentOrganisation", _("Local government organisation")
    IMMIGRATION = "ImmigrationService", _("Immigration service")
    LEGAL = "LegalService", _("Legal service")
    BUSINESS = "CorporateBusiness", _("Corporate business")
    SCHOOL = "SchoolOrCollege", _("School or college")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.SlugField(
        _("code"), max_length=12, unique=True, help_text=_("Short prefix of this organisation's case numbers.")
    )
    org_type = models.CharField(_("type"), max_length=40, choices=OrganisationType.choices)
    country = CountryField(_("country"))
    # "Today", "due" and "overdue" are decided in this zone, and times are shown and typed in it.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Leave empty for the main time zone of the organisation's country."),
    )
    holds_cases = models.BooleanField(
        _("holds cases"),
        default=True,
        help_text=_("Off for organisations that only provide services on referral."),
    )
    # The last case number issued; bumped under a row lock so numbers never repeat.
    last_case_sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(org_type__in=OrganisationType.values), name="organisation_type_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if not self.time_zone:
            self.time_zone = main_time_zone(str(self.country))
        super().save(*args, **kwargs)

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone or main_time_zone(str(self.country)))

    @property
    def currency(self) -> str:
        """What forms offer for an amount until the worker says otherwise."""
        return main_currency(str(self.country))

    def reserve_case_sequences(self, count: int) -> range:
        """`count` case numbers' sequences at once (bulk import, synthetic data), under the same
        row lock as issue_case_number. Must run inside a transaction."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("Case numbers are issued inside the transaction that opens the cases.")
        Organisation.objects.filter(pk=self.pk).update(last_case_sequence=F("last_case_sequence") + count)
        last = Organisation.objects.select_for_update().values_list("last_case_sequence", flat=True).get(pk=self.pk)
        return range(last - count + 1, last + 1)

    def case_number(self, year: int, sequence: int) -> str:
        return f"{self.code.upper()}-{year}-{sequence:05d}"

    def issue_case_number(self, year: int) -> str:
        """The next case number, e.g. SHL-2026-00042. Must run inside a transaction."""
        return self.case_number(year, self.reserve_case_sequences(1)[0])
