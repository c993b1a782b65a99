"""Data protection records: legal holds that keep a case's data from anonymisation, the trace an
anonymisation leaves (with no identifier in it), and the data-sharing agreements between
organisations that figures across organisations rest on."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedModel, EncryptedQuerySet, EncryptedTextField


class LegalHoldQuerySet(EncryptedQuerySet):
    def active(self) -> LegalHoldQuerySet:
        return self.filter(lifted_at__isnull=True)


class LegalHold(EncryptedModel):
    """While a hold is on (court proceedings, an investigation, a claim), nothing of the person is
    anonymised, by the retention rules or on request. Placing and lifting are both kept."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="legal_holds")
    reason = EncryptedTextField(_("why the data must be kept"))
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(default=timezone.now)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = EncryptedTextField(_("why the hold is lifted"), blank=True, default="")

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-placed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lifted_at__isnull=True, lifted_by__isnull=True)
                | Q(lifted_at__isnull=False, lifted_by__isnull=False),
                name="legal_hold_lifted_together",
            )
        ]


class AnonymisationReason(models.TextChoices):
    RETENTION = "retention", _("The retention period ended")
    ERASURE = "erasure", _("Erased at the person's request or by law")


class ErasureBasis(models.TextChoices):
    REQUEST = "request", _("The person asked for their data to be erased, and nothing requires keeping it")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("The person withdrew their consent and no other basis remains")
    COURT = "court", _("A court or the data protection authority ordered it")
    UNLAWFUL = "unlawful", _("The data should never have been recorded")


class Anonymisation(models.Model):
    """The trace left when a person's identifiable data is removed: when, why, on what basis and
    by whom (nobody: the retention job), and how much was removed. It names nobody; the person's
    row stays, emptied, so that the counts built on their cases stay true."""

    person = models.OneToOneField("cases.Person", on_delete=models.PROTECT, related_name="anonymisation")
    reason = models.CharField(max_length=12, choices=AnonymisationReason.choices)
    basis = models.CharField(max_length=20, choices=ErasureBasis.choices, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    values_cleared = models.PositiveIntegerField(default=0)
    records_touched = models.PositiveIntegerField(default=0)
    audit_details_erased = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at"]
        constraints = [
            models.CheckConstraint(condition=Q(reason__in=AnonymisationReason.values), name="anonymisation_reason"),
            # An erasure says on what basis and who decided it; the retention job needs neither.
            models.CheckConstraint(
                condition=Q(reason=AnonymisationReason.RETENTION, basis="")
                | Q(reason=AnonymisationReason.ERASURE, basis__in=ErasureBasis.values, by__isnull=False),
                name="anonymisation_erasure_basis",
            ),
        ]


class SharingPurpose(models.TextChoices):
    NETWORK_REPORTS = "network_reports", _("Anonymised figures in the network's monitoring reports")


class DataSharingAgreementQuerySet(models.QuerySet["DataSharingAgreement"]):
    def in_force(self, on: date) -> DataSharingAgreementQuerySet:
        return self.filter(starts_on__lte=on, ended_on__isnull=True).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=on)
        )


class DataSharingAgreement(models.Model):
    """A signed agreement between an organisation and another (for the network's figures: the
    organisation of the network's coordinators) to share data for one purpose, for a period.
    Recorded by the sharing organisation's administrator; ending it early is recorded beside it."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    with_organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("with")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=SharingPurpose.choices)
    reference = models.CharField(
        _("reference of the signed agreement"), max_length=200, help_text=_("Where the signed copy is filed.")
    )
    signed_on = models.DateField(_("signed on"))
    starts_on = models.DateField(_("in force from"))
    ends_on = models.DateField(_("in force until"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    ended_on = models.DateField(_("ended early on"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = DataSharingAgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(purpose__in=SharingPurpose.values), name="dsa_purpose_valid"),
            models.CheckConstraint(condition=~Q(organisation=models.F("with_organisation")), name="dsa_two_parties"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")), name="dsa_period"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, ended_by__isnull=True)
                | Q(ended_on__isnull=False, ended_by__isnull=False),
                name="dsa_ended_together",
            ),
        ]


def organisations_sharing_with(organisation_id: int, purpose: str, on: date) -> set[int]:
    """The organisations whose agreement with this one, for this purpose, is in force on `on`;
    the organisation itself needs none with itself."""
    bound = DataSharingAgreement.objects.in_force(on).filter(with_organisation_id=organisation_id, purpose=purpose)
    return {*bound.values_list("organisation_id", flat=True), organisation_id}
