"""The papers a person and their children need and obtain (identity card, passport, birth
registration...), each with its appended history of steps (fees paid, obstacles met), and scans
of them, encrypted in the database like every other value about the person.

They belong to the identity section: they are identity papers. A document belongs either to the
case's person (no family member) or to one family member of the same case, such as a child born
during the exploitation who has never been registered.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedModel, EncryptedQuerySet, EncryptedTextField


class DocumentKind(models.TextChoices):
    IDENTITY_CARD = "identity_card", _("Identity card")
    PASSPORT = "passport", _("Passport")
    BIRTH_REGISTRATION = "birth_registration", _("Birth registration")
    HOUSEHOLD_REGISTRATION = "household_registration", _("Household or residence registration")
    VICTIM_CERTIFICATION = "victim_certification", _("Certification as a victim of trafficking")
    OTHER = "other", _("Other (described)")


class DocumentStatus(models.TextChoices):
    NEEDED = "needed", _("Needed")
    APPLIED = "applied", _("Applied for")
    OBTAINED = "obtained", _("Obtained")
    NOT_POSSIBLE = "not_possible", _("Cannot be obtained")


# What is still to be done comes first on the page.
STATUS_ORDER: dict[str, int] = {DocumentStatus.NEEDED: 0, DocumentStatus.APPLIED: 1, DocumentStatus.NOT_POSSIBLE: 2}


class Obstacle(models.TextChoices):
    """What stands in the way of papers (the guidebook's ADM-CH-1 to 4)."""

    CONFUSING_PROCEDURE = "confusing_procedure", _("Confusing or circular procedure")
    COSTS = "costs", _("Costs too high (fees, travel, lost income)")
    OBSTRUCTIVE_AUTHORITY = "obstructive_authority", _("Obstructive or discriminatory officials")
    PRACTICAL_BARRIER = "practical_barrier", _("Practical barrier (distance, time off work, childcare)")


class Document(EncryptedModel):
    """One paper for the person or for one of their family members. Its status is the copy of its
    latest step's (or the one it was recorded with); the steps are its history."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="documents")
    # Empty: the case's person. Otherwise a member of the same case's family (actions check it;
    # a composite foreign key would need Django to support one).
    family_member = models.ForeignKey(
        "family.FamilyMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("whose"),
    )
    kind = models.CharField(_("document"), max_length=24, choices=DocumentKind.choices)
    description = EncryptedTextField(_("description"), blank=True, default="")
    status = models.CharField(_("status"), max_length=16, choices=DocumentStatus.choices)
    obtained_on = models.DateField(_("obtained on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # The number and the office that issued it identify the person: encrypted.
    number = EncryptedTextField(_("number"), blank=True, default="")
    issued_by = EncryptedTextField(_("issuing authority"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DocumentKind.values), name="document_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=DocumentStatus.values), name="document_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=DocumentStatus.OBTAINED) | Q(obtained_on__isnull=False),
                name="document_obtained_has_date",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(obtained_on__isnull=True)
                | Q(valid_until__gt=models.F("obtained_on")),
                name="document_valid_after_obtained",
            ),
        ]
        indexes = [models.Index(fields=["case", "status"], name="document_case_status")]

    def __str__(self) -> str:
        return f"Document {self.pk}"

    def name(self) -> str:
        if self.kind == DocumentKind.OTHER and self.description:
            return self.description
        return str(self.get_kind_display())


class DocumentStep(EncryptedModel):
    """One thing done towards a document, appended, never edited: an application filed, a visit
    to an office, a fee paid, an obstacle met. A fee is kept here; when the step names an action
    of the plan in the administrative area, it is also a support item (fee paid) of that action,
    so the case's cost of support counts it (`support_item`)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="steps")
    on = models.DateField(_("on"))
    what = EncryptedTextField(_("what was done"))
    # The status the document moved to with this step; empty when it stayed as it was.
    status = models.CharField(
        _("document's status after it"), max_length=16, choices=DocumentStatus.choices, blank=True
    )
    fee_amount = models.DecimalField(_("fee paid"), max_digits=18, decimal_places=2, null=True, blank=True)
    fee_currency = models.CharField(_("currency"), max_length=3, blank=True)
    obstacle = models.CharField(_("obstacle met"), max_length=24, choices=Obstacle.choices, blank=True)
    obstacle_note = EncryptedTextField(_("about the obstacle"), blank=True, default="")
    support_item = models.ForeignKey(
        "plans.SupportItem", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="") | Q(status__in=DocumentStatus.values), name="document_step_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(obstacle="") | Q(obstacle__in=Obstacle.values), name="document_step_obstacle_valid"
            ),
            models.CheckConstraint(
                condition=(Q(fee_amount__isnull=True) & Q(fee_currency=""))
                | (Q(fee_amount__gte=0) & Q(fee_currency__regex=r"^[A-Z]{3}$")),
                name="document_step_fee_with_currency",
            ),
            models.CheckConstraint(
                condition=Q(support_item__isnull=True) | Q(fee_amount__isnull=False),
                name="document_step_support_only_for_fee",
            ),
        ]

    def __str__(self) -> str:
        return f"Document step {self.pk}"


class AttachmentType(models.TextChoices):
    """The only kinds of scan taken, as read from the file's first bytes."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"


class Attachment(EncryptedModel):
    """A scan of a document. Its bytes are sealed in the database (AES-GCM, bound to this record's
    id like every encrypted value: see core.fields), never written to a file, and read only
    through the case's scope. Lists load it without `content` (the selectors defer it)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="attachments")
    content_type = models.CharField(_("type"), max_length=20, choices=AttachmentType.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    # A file's name often holds the person's name ("passport_Nguyen_Thi_Lan.pdf").
    filename = EncryptedTextField(_("file name"))
    # The file's bytes, in base64, then sealed: a text token like every encrypted column, so that
    # key rotation and the at-rest checks treat it like the rest.
    content = EncryptedTextField(_("content"))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__in=AttachmentType.values), name="attachment_content_type_valid"
            ),
            models.CheckConstraint(condition=Q(size__gte=1), name="attachment_not_empty"),
        ]

    def __str__(self) -> str:
        return f"Attachment {self.pk}"
