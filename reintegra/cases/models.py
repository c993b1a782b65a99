from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reintegra.cases.vocabularies import (
    NEW_PLAN_DUE_DAYS,
    AgeBand,
    CaseStatus,
    ClosureReason,
    IdentificationStatus,
    IdentifyingAuthorityType,
    LabourIndustry,
    ReopeningReason,
    ReopeningRequester,
    RiskLevel,
    TraffickerRelationship,
)
from reintegra.core.fields import (
    EncryptedDateField,
    EncryptedIntegerField,
    EncryptedJSONField,
    EncryptedModel,
    EncryptedQuerySet,
    EncryptedTextField,
)
from reintegra.core.links import link_by_id

_YOUNGEST_AGE_IN_CHILD_BAND = {AgeBand.UNDER_12: 0, AgeBand.FROM_12: 12, AgeBand.FROM_15: 15}


class Person(EncryptedModel):
    """A person the organisation supports. Every identifier is encrypted, field by field.

    A person belongs to the organisation that registered them: nothing about them is visible
    to another organisation unless the person consents to a referral (a later feature).
    """

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="persons")
    given_name = EncryptedTextField(_("given name"))
    family_name = EncryptedTextField(_("family name"), blank=True, default="")
    other_names = EncryptedJSONField(_("other names and aliases"), default=list, blank=True)
    birth_date = EncryptedDateField(_("date of birth"), null=True, blank=True)
    estimated_birth_year = EncryptedIntegerField(_("estimated year of birth"), null=True, blank=True)
    age_band = EncryptedTextField(_("age band"), blank=True, default="")
    # When the age band was given: a band describes that day, and the person ages from it.
    age_band_on = models.DateField(_("age band given on"), null=True, blank=True)
    # Kept in the clear on purpose: child-protection duties depend on it and it identifies no one.
    age_disputed = models.BooleanField(_("age disputed"), default=False)
    gender = EncryptedTextField(_("sex / gender"), blank=True, default="")
    marital_status = EncryptedTextField(_("marital status"), blank=True, default="")
    nationalities = EncryptedJSONField(_("nationalities"), default=list, blank=True)
    languages = EncryptedJSONField(_("languages"), default=list, blank=True)
    phones = EncryptedJSONField(_("phone numbers"), default=list, blank=True)
    emails = EncryptedJSONField(_("email addresses"), default=list, blank=True)
    addresses = EncryptedJSONField(_("addresses"), default=list, blank=True)
    identity_documents = EncryptedJSONField(_("identity documents"), default=list, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return f"Person {self.pk}"

    @property
    def full_name(self) -> str:
        # Empty once the person's data has been anonymised or erased (privacy.anonymise).
        return " ".join(part for part in (self.given_name, self.family_name) if part) or gettext("(name removed)")

    def is_child_on(self, day: date) -> bool:
        """Under 18 on that day. A disputed age counts as a child's until settled: wrongly
        treating a child as an adult removes protections, the reverse costs little."""
        if self.age_disputed:
            return True
        age = self.age_on(day)
        if age is not None:
            return age < 18
        youngest = _YOUNGEST_AGE_IN_CHILD_BAND.get(self.age_band)
        if youngest is None:
            return False
        if self.age_band_on is None:
            return True
        # Still a child until even the youngest age the band allowed has reached 18.
        years_since = (
            day.year - self.age_band_on.year - ((day.month, day.day) < (self.age_band_on.month, self.age_band_on.day))
        )
        return youngest + max(years_since, 0) < 18

    def age_on(self, day: date) -> int | None:
        if self.birth_date:
            born = self.birth_date
            return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        if self.estimated_birth_year:
            return day.year - self.estimated_birth_year
        return None


class IndexKind(models.TextChoices):
    NAME = "name", _("Name")
    PHONE = "phone", _("Phone number")
    BIRTH_DATE = "birth_date", _("Date of birth")
    DOCUMENT = "document", _("Identity document")
    FAMILY_NAME_AND_BIRTH_DATE = "family_dob", _("Family name and date of birth")
    # One entry per folded token of every name and alias: search by part of a name, and
    # near-duplicate warnings when a name is typed with a part left out.
    NAME_TOKEN = "name_token", _("Part of a name")
    BIRTH_YEAR = "birth_year", _("Year of birth")


class PersonIndexEntry(models.Model):
    """A blind index entry: a keyed hash of one normalised identifier, for exact lookup and
    duplicate warnings without decrypting anything. Rebuilt whenever the person changes."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="index_entries")
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=IndexKind.choices)
    digest = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["organisation", "kind", "digest"], name="person_index_lookup")]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "digest"], name="person_index_unique"),
            models.CheckConstraint(condition=Q(kind__in=IndexKind.values), name="person_index_kind_valid"),
        ]


# What list pages show of a person (Person.full_name); the organisation keeps its key for access checks.
PERSON_LIST_FIELDS = ("given_name", "family_name", "organisation")
CASE_ROW_FIELDS = ("organisation", "person", "number", "status", "closure_reason", "opened_on", "at_risk", "restricted")


class CaseQuerySet(models.QuerySet["Case"]):
    def with_team_member(self, user_id: int) -> CaseQuerySet:
        # A union of two index lookups rather than "manager = u OR EXISTS(team row)": the OR made
        # the database read every case of the organisation, so a worker's caseload slowed down
        # as the organisation grew although the worker's own cases did not.
        case_ids = (
            CaseTeamMember.objects.filter(user_id=user_id)
            .values("case_id")
            .union(Case.objects.filter(supervisor_id=user_id).values("pk"))
        )
        return self.filter(pk__in=case_ids)

    def open(self) -> CaseQuerySet:
        return self.exclude(status=CaseStatus.CLOSED)

    def with_person_names(self) -> CaseQuerySet:
        """Cases with only the person's names loaded, for lists: every other identifier would
        be decrypted for nothing (decryption is most of a list page's cost)."""
        unused = [
            f"person__{field.name}"
            for field in Person._meta.concrete_fields
            if field.name not in PERSON_LIST_FIELDS and not field.primary_key
        ]
        return self.select_related("person").defer(*unused)

    def for_case_list(self) -> CaseQuerySet:
        """The columns a row of a case list shows (cases/_case_table.html) and nothing else: no
        identifier beyond the names is decrypted and no follow-up schedule is decoded."""
        return self.select_related("person", "followup").only(
            *CASE_ROW_FIELDS,
            *(f"person__{name}" for name in PERSON_LIST_FIELDS),
            "followup__case",
            "followup__next_due_on",
            "followup__missed_in_a_row",
        )

    def for_supervision_list(self) -> CaseQuerySet:
        """A supervision row's own columns: number and names (the team comes from CaseTeamMember.names_by_case)."""
        return self.select_related("person").only(
            "organisation", "person", "number", *(f"person__{name}" for name in PERSON_LIST_FIELDS)
        )


class Case(models.Model):
    """One organisation's support of one person, from intake to closure and any reopening."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="cases")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    number = models.CharField(_("case number"), max_length=32)
    status = models.CharField(_("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.INTAKE)
    closure_reason = models.CharField(_("closure reason"), max_length=16, choices=ClosureReason.choices, blank=True)
    opened_on = models.DateField(_("opened on"))
    # Each reopening starts a new episode: a new plan and a new follow-up cycle.
    episode = models.PositiveSmallIntegerField(_("episode"), default=1)
    status_changed_at = models.DateTimeField(_("status changed at"))

    # Identification is recorded, never required: help does not depend on it.
    identification_status = models.CharField(
        _("identification"),
        max_length=16,
        choices=IdentificationStatus.choices,
        default=IdentificationStatus.NOT_IDENTIFIED,
    )
    identified_on = models.DateField(_("identified on"), null=True, blank=True)
    identifying_authority = models.CharField(_("identified by"), max_length=200, blank=True)
    identifying_authority_type = models.CharField(
        _("kind of identifying body"), max_length=40, choices=IdentifyingAuthorityType.choices, blank=True
    )

    # Trafficking profile, in HTCDS vocabulary (lists of codes).
    exploitation_types = models.JSONField(_("forms of exploitation"), default=list, blank=True)
    origin_countries = models.JSONField(_("countries of origin"), default=list, blank=True)
    exploitation_countries = models.JSONField(_("countries of exploitation"), default=list, blank=True)
    exploitation_began = models.DateField(_("exploitation began"), null=True, blank=True)
    exploitation_ended = models.DateField(_("exploitation ended"), null=True, blank=True)
    recruitment_methods = models.JSONField(_("recruitment"), default=list, blank=True)
    recruitment_apps = models.JSONField(_("websites and apps used to recruit"), default=list, blank=True)
    exploitation_apps = models.JSONField(_("websites and apps used to exploit"), default=list, blank=True)
    control_methods = models.JSONField(_("means of control"), default=list, blank=True)
    labour_industry = models.CharField(
        _("industry of forced labour"), max_length=64, choices=LabourIndustry.choices, blank=True
    )
    sexual_exploitation_forms = models.JSONField(_("forms of sexual exploitation"), default=list, blank=True)
    vulnerabilities = models.JSONField(_("vulnerabilities"), default=list, blank=True)
    trafficker_relationship = models.CharField(
        _("relationship to the trafficker"), max_length=16, choices=TraffickerRelationship.choices, blank=True
    )

    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervised_cases",
        verbose_name=_("supervisor"),
    )
    # The guidebook's "case manager": the worker who answers for the case day to day. One of the
    # team; the supervisor oversees the case and the worker.
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_for",
        verbose_name=_("responsible case worker"),
    )
    at_risk = models.BooleanField(_("at risk"), default=False)
    # The earliest date by which one of the case's consents is to be re-confirmed
    # (ConsentQuerySet.awaiting_reconfirmation), kept by the consent and plan workflows through
    # consents.models.keep_reconfirmation_dates. A copy, so that the caseload and supervision lists
    # test a column: as a subquery over every consent it was the dearest warning sign.
    consent_review_on = models.DateField(null=True, blank=True, editable=False)
    # Two more copies from the case's history, for the supervision list's "recent" signs, which
    # then test columns: asked of the history tables they cost the page two queries of their own.
    # The latest setback's date (outcomes.models.keep_last_setback_dates, kept by record_setback)
    # and the moment of the latest reopening (kept by change_status; keep_reopening_dates).
    last_setback_on = models.DateField(null=True, blank=True, editable=False)
    reopened_at = models.DateTimeField(null=True, blank=True, editable=False)
    restricted = models.BooleanField(
        _("restricted"), default=False, help_text=_("Only the named team can open a restricted case.")
    )
    # A copy kept by the safety workflows (reintegra.safety.actions): the highest overall level
    # among the latest risk assessment of each kind. Lists and the access layer test a column.
    risk_level = models.CharField(
        _("risk level"), max_length=8, choices=RiskLevel.choices, blank=True, default=RiskLevel.NOT_ASSESSED
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    # Set by the access layer on each read: the sections this user may see on this request.
    visible_sections: frozenset[str] = frozenset()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["organisation", "status"], name="case_org_status"),
            models.Index(fields=["organisation", "number"], name="case_org_number"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="case_number_unique"),
            # Numbers are stored in capitals, so a search in any case is an exact, indexed match.
            models.CheckConstraint(condition=Q(number=Upper("number")), name="case_number_in_capitals"),
            models.CheckConstraint(condition=Q(status__in=CaseStatus.values), name="case_status_valid"),
            models.CheckConstraint(
                condition=(Q(status=CaseStatus.CLOSED) & Q(closure_reason__in=ClosureReason.values))
                | (~Q(status=CaseStatus.CLOSED) & Q(closure_reason="")),
                name="case_closure_reason_iff_closed",
            ),
            models.CheckConstraint(
                condition=Q(identification_status__in=IdentificationStatus.values), name="case_identification_valid"
            ),
            models.CheckConstraint(
                condition=~Q(identification_status=IdentificationStatus.FORMAL)
                | (Q(identified_on__isnull=False) & ~Q(identifying_authority="")),
                name="case_formal_identification_complete",
            ),
            models.CheckConstraint(
                condition=Q(exploitation_ended__isnull=True)
                | Q(exploitation_began__isnull=True)
                | Q(exploitation_ended__gte=models.F("exploitation_began")),
                name="case_exploitation_period_ordered",
            ),
            models.CheckConstraint(condition=Q(risk_level__in=RiskLevel.values), name="case_risk_level_valid"),
            models.CheckConstraint(
                condition=Q(labour_industry="") | Q(labour_industry__in=LabourIndustry.values),
                name="case_labour_industry_valid",
            ),
            models.CheckConstraint(
                condition=Q(trafficker_relationship="") | Q(trafficker_relationship__in=TraffickerRelationship.values),
                name="case_trafficker_relationship_valid",
            ),
            # A high-risk case stays with its team: the database refuses one that is not restricted.
            models.CheckConstraint(
                condition=~Q(risk_level=RiskLevel.HIGH) | Q(restricted=True), name="case_high_risk_restricted"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return link_by_id("cases:detail", self.pk)

    # For lists: get_status_display() rebuilds a dictionary of every choice on each call, which
    # was a tenth of the caseload's time; an enum lookup is not.
    @property
    def status_label(self) -> str:
        return str(CaseStatus(self.status).label)

    @property
    def closure_label(self) -> str:
        return str(ClosureReason(self.closure_reason).label) if self.closure_reason else ""

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED

    def new_plan_due_on(self) -> date | None:
        """After a reopening, a new plan is due within NEW_PLAN_DUE_DAYS of it (None otherwise:
        the first plan's timing is the assessment's business)."""
        if self.episode < 2:
            return None
        reopened_at = (
            CaseStatusChange.objects.filter(case=self, from_status=CaseStatus.CLOSED)
            .order_by("-changed_at")
            .values_list("changed_at", flat=True)
            .first()
        )
        return timezone.localdate(reopened_at) + timedelta(days=NEW_PLAN_DUE_DAYS) if reopened_at else None


class CaseTeamMember(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team_members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_memberships")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="case_team_member_unique")]
        indexes = [models.Index(fields=["user", "case"], name="case_team_user")]

    @staticmethod
    def names_by_case(case_ids: Iterable[int]) -> dict[int, str]:
        """Each case's team as one line of names, for lists, in one query of plain values."""
        names: dict[int, list[str]] = defaultdict(list)
        rows = (
            CaseTeamMember.objects.filter(case_id__in=list(case_ids))
            .order_by("case_id", "pk")
            .values_list("case_id", "user__first_name", "user__last_name", "user__username")
        )
        for case_id, first, last, username in rows:
            names[case_id].append(f"{first} {last}".strip() or username)
        return {case_id: ", ".join(team) for case_id, team in names.items()}


class EmergencyAccessQuerySet(EncryptedQuerySet):
    def active(self) -> EmergencyAccessQuerySet:
        return self.filter(expires_at__gt=timezone.now())


class EmergencyAccess(EncryptedModel):
    """Break-the-glass: a member of staff opens, for a few hours, a case of their organisation
    whose team they are not on, giving a reason. The case's supervisor is told at once, and the
    opening stays in the case's access log and on the supervision page."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("why it cannot wait for the team"))
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    objects = EmergencyAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at", "-pk"]
        indexes = [models.Index(fields=["user", "expires_at"], name="emergency_access_user")]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("granted_at")), name="emergency_access_expires_after_grant"
            )
        ]


def keep_reopening_dates(case_ids: Iterable[int]) -> None:
    """Copy onto each case the moment of its latest reopening, from its status history: for
    writers of history in bulk (change_status keeps it itself)."""
    latest = (
        CaseStatusChange.objects.filter(case=OuterRef("pk"), from_status=CaseStatus.CLOSED)
        .order_by("-changed_at")
        .values("changed_at")[:1]
    )
    Case.objects.filter(pk__in=list(case_ids)).update(reopened_at=Subquery(latest))


class CaseStatusChange(EncryptedModel):
    """Append-only status history: every move, including the first one and every reopening."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=CaseStatus.choices)
    closure_reason = models.CharField(max_length=16, choices=ClosureReason.choices, blank=True)
    reopening_reason = models.CharField(
        _("why the case is reopened"), max_length=16, choices=ReopeningReason.choices, blank=True
    )
    requested_by = models.CharField(
        _("who asked for it"), max_length=16, choices=ReopeningRequester.choices, blank=True
    )
    episode = models.PositiveSmallIntegerField(_("episode"), default=1)
    note = EncryptedTextField(_("note"), blank=True, default="")
    # Every closing rests on its own final outcome review; reopening and closing again needs a new one.
    final_review = models.ForeignKey(
        "outcomes.Review", on_delete=models.PROTECT, null=True, blank=True, related_name="closings"
    )
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [
            models.Index(fields=["case", "changed_at"], name="case_status_change_case"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(to_status__in=CaseStatus.values), name="status_change_to_valid"),
            models.CheckConstraint(
                condition=(Q(to_status=CaseStatus.CLOSED) & Q(closure_reason__in=ClosureReason.values))
                | (~Q(to_status=CaseStatus.CLOSED) & Q(closure_reason="")),
                name="status_change_reason_iff_closed",
            ),
            models.CheckConstraint(
                condition=(
                    Q(from_status=CaseStatus.CLOSED)
                    & ~Q(to_status=CaseStatus.CLOSED)
                    & Q(reopening_reason__in=ReopeningReason.values)
                    & Q(requested_by__in=ReopeningRequester.values)
                )
                | (~Q(from_status=CaseStatus.CLOSED) & Q(reopening_reason="") & Q(requested_by="")),
                name="status_change_reopening_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(to_status=CaseStatus.CLOSED) | Q(final_review__isnull=False),
                name="status_change_closing_has_final_review",
            ),
            models.UniqueConstraint(
                fields=["final_review"], condition=Q(final_review__isnull=False), name="final_review_closes_once"
            ),
        ]

    @property
    def is_reopening(self) -> bool:
        return self.from_status == CaseStatus.CLOSED


__all__ = ["AgeBand", "Case", "CaseStatusChange", "CaseTeamMember", "IndexKind", "Person", "PersonIndexEntry"]
