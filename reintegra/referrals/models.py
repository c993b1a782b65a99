"""Referrals to a service of another organisation in this installation (R3), each with the
sections of the case it shares, the person's consent to that sharing, and its history.

A referral moves through its states by the workflows in `actions.py`, each appending a
ReferralEvent; the fields here repeat where it stands so that lists need no history. While a
referral is sent, accepted or in service, the receiving organisation's service-provider users open
the shared sections of the case, and only those, through the one access layer
(`cases.access.get_case_for_user`); once it ends, they keep only what they recorded on it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.access.sections import Section
from reintegra.core.fields import EncryptedModel, EncryptedQuerySet, EncryptedTextField
from reintegra.directory.models import AREA_CHOICES, AREA_CODES


class ReferralReason(models.TextChoices):
    """Why a referral is made, in HTCDS's codes (cas_ReasonForOutgoingReferral and
    cas_ReasonForIncomingReferral share them)."""

    MORE_SERVICES = "AdditionalServicesRequired", _("The person needs services we do not give")
    MOVING = "MigrationOrChangeOfLocation", _("The person is moving or has moved")
    OTHER = "Other", _("Another reason")


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SENT = "sent", _("Sent, waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused_by_provider", _("Refused by the provider")
    IN_SERVICE = "in_service", _("In service")
    COMPLETED = "completed", _("Completed")
    DROPPED = "dropped", _("Dropped")
    DECLINED = "declined_by_person", _("Declined by the person")
    WITHDRAWN = "withdrawn", _("Withdrawn by the sender")


# Who may move a referral from each state, and to which. "sender": the case's team;
# "receiver": the receiving organisation's service-provider users.
TRANSITIONS: dict[str, dict[str, str]] = {
    ReferralStatus.PROPOSED: {ReferralStatus.SENT: "sender", ReferralStatus.WITHDRAWN: "sender"},
    ReferralStatus.SENT: {
        ReferralStatus.ACCEPTED: "receiver",
        ReferralStatus.REFUSED: "receiver",
        ReferralStatus.WITHDRAWN: "sender",
    },
    ReferralStatus.ACCEPTED: {
        ReferralStatus.IN_SERVICE: "receiver",
        ReferralStatus.DECLINED: "either",
        ReferralStatus.DROPPED: "receiver",
        ReferralStatus.WITHDRAWN: "sender",
    },
    ReferralStatus.IN_SERVICE: {
        ReferralStatus.COMPLETED: "receiver",
        ReferralStatus.DROPPED: "receiver",
        ReferralStatus.DECLINED: "either",
    },
}
# While a referral stands in one of these, its receiver opens the shared sections.
OPEN_TO_RECEIVER = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.IN_SERVICE)
ENDED = (
    ReferralStatus.REFUSED,
    ReferralStatus.COMPLETED,
    ReferralStatus.DROPPED,
    ReferralStatus.DECLINED,
    ReferralStatus.WITHDRAWN,
)
# What a referral may share. The access log and clinical findings never leave the team.
SHAREABLE_SECTIONS = (
    Section.SUMMARY,
    Section.IDENTITY,
    Section.TRAFFICKING,
    Section.HEALTH,
    Section.MENTAL_HEALTH,
    Section.LEGAL,
    Section.SAFETY,
    Section.SENSITIVE,
)
# The minimum, proposed by default: the case number and status, and who the person is.
MINIMUM_SECTIONS = (Section.SUMMARY, Section.IDENTITY)


class ReferralQuerySet(EncryptedQuerySet):
    def open_to_receiver(self) -> ReferralQuerySet:
        return self.filter(status__in=OPEN_TO_RECEIVER)

    def received_by(self, organisation_id: int) -> ReferralQuerySet:
        return self.filter(to_organisation_id=organisation_id).exclude(status=ReferralStatus.PROPOSED)


class Referral(EncryptedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="referrals")
    # The plan action it delivers, when it came from the plan.
    action = models.ForeignKey("plans.Action", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    family_member = models.ForeignKey(
        "family.FamilyMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    service = models.ForeignKey("directory.Service", on_delete=models.PROTECT, related_name="referrals")
    # The receiver: an organisation of this installation, or a partner of another installation
    # (the referral then travels as a package, reintegra.exchange). Exactly one of the two.
    to_organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_partner = models.ForeignKey(
        "exchange.Partner", on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    area = models.CharField(_("service area"), max_length=3, choices=AREA_CHOICES)
    reason = EncryptedTextField(_("what the person is referred for"))
    reason_kind = models.CharField(
        _("why the referral is made"),
        max_length=32,
        choices=ReferralReason.choices,
        default=ReferralReason.MORE_SERVICES,
    )
    shared_sections = models.JSONField(_("sections shared"), default=list)
    consent = models.ForeignKey(
        "consents.Consent", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("consent")
    )
    # Sending a child's referral without consent, to protect the child: who decided, and why.
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    override_justification = EncryptedTextField(_("why it is sent without consent"), blank=True, default="")
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED
    )
    refusal_reason = EncryptedTextField(_("why the provider refused"), blank=True, default="")
    outcome = EncryptedTextField(_("outcome"), blank=True, default="")
    feedback = EncryptedTextField(_("feedback to the sender"), blank=True, default="")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # When the provider accepted or refused it; never set by a withdrawal.
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reason_kind__in=ReferralReason.values), name="referral_reason_kind_valid"
            ),
            models.CheckConstraint(condition=Q(status__in=ReferralStatus.values), name="referral_status_valid"),
            models.CheckConstraint(condition=Q(area__in=AREA_CODES), name="referral_area_valid"),
            # Nothing is sent without the person's recorded consent, or a recorded override.
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(consent__isnull=False) | Q(override_by__isnull=False),
                name="referral_sent_with_consent_or_override",
            ),
            models.CheckConstraint(
                condition=Q(to_organisation__isnull=False, to_partner__isnull=True)
                | Q(to_organisation__isnull=True, to_partner__isnull=False),
                name="referral_one_receiver",
            ),
        ]
        indexes = [
            models.Index(fields=["to_organisation", "status", "sent_at"], name="referral_inbox"),
            # The inbox's "in service" and "ended" lists: the first and the last few, of thousands,
            # each read in order from its own small index instead of sorted whole.
            models.Index(
                fields=["to_organisation", "sent_at", "id"],
                name="referral_inbox_in_service",
                condition=Q(status__in=["accepted", "in_service"]),
            ),
            models.Index(
                fields=["to_organisation", "-ended_at", "-id"],
                name="referral_inbox_ended",
                condition=Q(ended_at__isnull=False),
            ),
        ]

    def for_whom(self, *, with_name: bool) -> str:
        """Who the referral is for, when it is a family member: the relationship, and the name if
        the reader may see it (the sender; a receiver only while identity is shared and open)."""
        member = self.family_member
        if member is None:
            return ""
        relationship = str(member.get_relationship_display())
        return f"{member.person.full_name} ({relationship})" if with_name else relationship

    def shares_identity_with_receiver(self) -> bool:
        return Section.IDENTITY in self.shared_sections and not self.is_ended

    @property
    def is_transnational(self) -> bool:
        return self.to_partner_id is not None

    @property
    def is_ended(self) -> bool:
        return self.status in ENDED

    def shared_section_labels(self) -> list[str]:
        return [str(Section(code).label) for code in self.shared_sections if code in Section.values]


class ReferralEvent(EncryptedModel):
    """One step of a referral, appended, never edited."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=20, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    note = EncryptedTextField(blank=True, default="")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(to_status__in=ReferralStatus.values), name="referral_event_status_valid")
        ]
