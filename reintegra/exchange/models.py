"""Referrals between two separate Reintegra installations (a TRM across a border), and files of
case records brought in from spreadsheets (ImportBatch, at the end).

Each organisation of this installation that exchanges referrals has its own key pairs: one to
sign what it sends, one to open what is sealed for it. Their secret halves are stored encrypted
like any personal identifier. A partner is an organisation of another installation whose public
keys were checked out of band (read aloud, compared on paper) and pinned here; a package from
anyone else is refused. Every package opened here leaves a receipt, so none is opened twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from reintegra.core.fields import EncryptedJSONField, EncryptedModel, EncryptedQuerySet, EncryptedTextField
from reintegra.directory.models import AREA_CHOICES, AREA_CODES
from reintegra.referrals.models import ReferralReason


class OrganisationKeys(EncryptedModel):
    organisation = models.OneToOneField("orgs.Organisation", on_delete=models.PROTECT, related_name="exchange_keys")
    signing_secret = EncryptedTextField()  # Ed25519 seed, base64
    box_secret = EncryptedTextField()  # X25519 private key, base64
    signing_public = models.CharField(max_length=64, unique=True)
    box_public = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()


class Partner(models.Model):
    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"))
    signing_public = models.CharField(_("signing key"), max_length=64, unique=True)
    box_public = models.CharField(_("encryption key"), max_length=64, unique=True)
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pinned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def signing_fingerprint(self) -> str:
        from reintegra.exchange.packages import fingerprint

        return fingerprint(self.signing_public)


class PackageKind(models.TextChoices):
    REFERRAL = "referral", _("Referral")
    ANSWER = "answer", _("Answer to a referral")


class PackageReceipt(models.Model):
    """A package opened here: the same package is never opened twice."""

    package_id = models.UUIDField(unique=True)
    kind = models.CharField(max_length=10, choices=PackageKind.choices)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(kind__in=PackageKind.values), name="receipt_kind_valid")]


class IncomingStatus(models.TextChoices):
    # The values are the sender's ReferralStatus values, so that a step means the same on both sides.
    PENDING = "sent", _("Waiting for your answer")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused_by_provider", _("Refused")
    IN_SERVICE = "in_service", _("In service")
    COMPLETED = "completed", _("Completed")
    DROPPED = "dropped", _("Dropped")
    DECLINED = "declined_by_person", _("Declined by the person")


# The receiver's moves, as inside one installation (referrals.models.TRANSITIONS, receiver's side).
INCOMING_TRANSITIONS: dict[str, tuple[str, ...]] = {
    IncomingStatus.PENDING: (IncomingStatus.ACCEPTED, IncomingStatus.REFUSED),
    IncomingStatus.ACCEPTED: (IncomingStatus.IN_SERVICE, IncomingStatus.DROPPED, IncomingStatus.DECLINED),
    IncomingStatus.IN_SERVICE: (IncomingStatus.COMPLETED, IncomingStatus.DROPPED, IncomingStatus.DECLINED),
}
INCOMING_ENDED = (IncomingStatus.REFUSED, IncomingStatus.COMPLETED, IncomingStatus.DROPPED, IncomingStatus.DECLINED)


class IncomingReferralQuerySet(EncryptedQuerySet):
    def for_organisation(self, organisation_id: int) -> IncomingReferralQuerySet:
        return self.filter(to_organisation_id=organisation_id)


class IncomingReferral(EncryptedModel):
    """A referral that reached one of this installation's organisations from a partner abroad.
    It holds what the person agreed to share, as sent, until it ends; then only the bare facts
    and what the provider recorded itself (outcome, feedback, its steps) stay."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="incoming")
    to_organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    # The sender's own number for the referral, which the answer names.
    remote_referral_id = models.PositiveBigIntegerField()
    package_id = models.UUIDField(unique=True)
    area = models.CharField(_("service area"), max_length=3, choices=AREA_CHOICES)
    service_name = models.CharField(_("service"), max_length=200)
    reason = EncryptedTextField(_("what the person is referred for"))
    reason_kind = models.CharField(
        _("why the referral is made"),
        max_length=32,
        choices=ReferralReason.choices,
        default=ReferralReason.MORE_SERVICES,
    )
    content = EncryptedJSONField(_("what was shared"), default=dict)
    sent_at = models.DateTimeField(_("sent"))
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=IncomingStatus.choices, default=IncomingStatus.PENDING
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = EncryptedTextField(_("why it is refused"), blank=True, default="")
    outcome = EncryptedTextField(_("outcome"), blank=True, default="")
    feedback = EncryptedTextField(_("feedback to the sender"), blank=True, default="")
    # Every step taken here, in order: [{"status", "at", "note"}]. The answer package carries all
    # of them, so the sender catches up from wherever its copy stands.
    steps = EncryptedJSONField(default=list)

    objects = IncomingReferralQuerySet.as_manager()

    @property
    def is_ended(self) -> bool:
        return self.status in INCOMING_ENDED

    def next_statuses(self) -> tuple[str, ...]:
        return INCOMING_TRANSITIONS.get(self.status, ())

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=IncomingStatus.values), name="incoming_status_valid"),
            models.CheckConstraint(condition=Q(area__in=AREA_CODES), name="incoming_area_valid"),
            # A referral sent again in a fresh package is still one referral.
            models.UniqueConstraint(fields=["partner", "remote_referral_id"], name="incoming_once_per_referral"),
            models.CheckConstraint(
                condition=Q(status=IncomingStatus.PENDING, answered_at__isnull=True)
                | (~Q(status=IncomingStatus.PENDING) & Q(answered_at__isnull=False)),
                name="incoming_answered_when_not_pending",
            ),
        ]


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("Being checked")
    CHECKED = "checked", _("Checked: ready to import")
    REFUSED = "refused", _("Has problems: nothing imported")
    IMPORTING = "importing", _("Being imported")
    IMPORTED = "imported", _("Imported")
    FAILED = "failed", _("Failed: nothing imported")


class ImportBatch(EncryptedModel):
    """A file of case records on its way in: checked first (the dry run), imported only once the
    importer has read the check and confirmed. The file is kept encrypted until then and erased
    once it is imported or refused, so no second copy of the records outlives its use; the
    batch keeps its name, its digest and what came of it."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filename = EncryptedTextField(_("file"))
    content = EncryptedTextField(blank=True, default="")  # the file, base64; empty once done with
    sha256 = models.CharField(max_length=64)
    month_first = models.BooleanField(_("dates are written month first"), default=False)
    status = models.CharField(max_length=12, choices=ImportStatus.choices, default=ImportStatus.CHECKING)
    rows_read = models.PositiveIntegerField(default=0)
    # The check's findings (problems by row and column, possible duplicates): they quote the file.
    report = EncryptedJSONField(default=dict, blank=True)
    duplicates_seen = models.BooleanField(default=False)
    imported_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ImportStatus.values), name="import_batch_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=ImportStatus.IMPORTED) | Q(imported_count__gt=0),
                name="import_batch_imported_has_records",
            ),
        ]

    @property
    def in_progress(self) -> bool:
        return self.status in (ImportStatus.CHECKING, ImportStatus.IMPORTING)
