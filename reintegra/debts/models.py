"""What the person owes, one record per debt, with its history. Debt keeps people in exploitation
and drives them to migrate again; who is owed and whether they threaten matter as much as the
amount. All of it is sensitive (access.sections)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedModel, EncryptedQuerySet, EncryptedTextField

CURRENCY_PATTERN = r"^[A-Z]{3}$"


class CreditorKind(models.TextChoices):
    MONEY_LENDER = "money_lender", _("Money-lender")
    RECRUITER = "recruiter", _("Recruiter or broker")
    EMPLOYER = "employer", _("Employer")
    FAMILY = "family", _("Family or friends")
    BANK = "bank", _("Bank or microfinance")
    OTHER = "other", _("Other")


class DebtStatus(models.TextChoices):
    OPEN = "open", _("Owed")
    NEGOTIATED = "negotiated", _("Terms negotiated")
    REPAID = "repaid", _("Repaid")
    WRITTEN_OFF = "written_off", _("Written off")


class Pressure(models.TextChoices):
    NONE = "none", _("No")
    PRESSURE = "pressure", _("Pressed to pay")
    THREATS = "threats", _("Threatened")
    UNKNOWN = "unknown", _("Not known")


class Debt(EncryptedModel):
    """One debt as it stands now. Every change of it is a DebtChange, kept forever; the fields here
    repeat the latest change, so that lists and totals need no history."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="debts")
    creditor_kind = models.CharField(_("owed to"), max_length=16, choices=CreditorKind.choices)
    # Who exactly (an uncle, the agency's name): it can identify people, so it is encrypted.
    creditor = EncryptedTextField(_("who, in a few words"), blank=True, default="")
    # Room for any currency: debts in dong or kip run to many digits.
    amount = models.DecimalField(_("amount owed"), max_digits=18, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    since = models.DateField(_("owed since"), null=True, blank=True)
    pressure = models.CharField(_("pressure or threats"), max_length=10, choices=Pressure.choices)
    status = models.CharField(_("status"), max_length=12, choices=DebtStatus.choices, default=DebtStatus.OPEN)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    # The changes one debt's history holds: weekly for ten years, and a debt page stays readable.
    MAX_CHANGES = 500

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(creditor_kind__in=CreditorKind.values), name="debt_creditor_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=DebtStatus.values), name="debt_status_valid"),
            models.CheckConstraint(condition=Q(pressure__in=Pressure.values), name="debt_pressure_valid"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="debt_amount_not_negative"),
            models.CheckConstraint(condition=Q(currency__regex=CURRENCY_PATTERN), name="debt_currency_iso"),
        ]

    @property
    def is_settled(self) -> bool:
        return self.status in (DebtStatus.REPAID, DebtStatus.WRITTEN_OFF)


class DebtChange(EncryptedModel):
    """One entry in a debt's history: how it stood from `changed_on`, and why. Appended, never
    edited; the first entry is the debt as first recorded."""

    debt = models.ForeignKey(Debt, on_delete=models.PROTECT, related_name="changes")
    changed_on = models.DateField(_("as of"))
    status = models.CharField(_("status"), max_length=12, choices=DebtStatus.choices)
    amount = models.DecimalField(_("amount owed"), max_digits=18, decimal_places=2)
    pressure = models.CharField(_("pressure or threats"), max_length=10, choices=Pressure.choices)
    note = EncryptedTextField(_("what happened"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["changed_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=DebtStatus.values), name="debt_change_status_valid"),
            models.CheckConstraint(condition=Q(pressure__in=Pressure.values), name="debt_change_pressure_valid"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="debt_change_amount_not_negative"),
        ]
