from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.assessments.models import AREA_CHOICES
from reintegra.core.fields import EncryptedModel, EncryptedQuerySet, EncryptedTextField

AREA_CODES = [code for code, _label in AREA_CHOICES]


class Plan(EncryptedModel):
    """The individual reintegration plan, made with the person. One per episode of a case: it
    changes as the episode goes on (every change is in the audit trail); when a closed case is
    reopened, the earlier plan is kept as it was and a new one is made."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="plans")
    episode = models.PositiveSmallIntegerField(_("episode"), default=1)
    in_own_words = EncryptedTextField(_("what the person wants, in their words"), blank=True, default="")
    agreed_on = models.DateField(_("agreed with the person on"), null=True, blank=True)
    review_on = models.DateField(_("review the plan by"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EncryptedQuerySet.as_manager()

    # Bounds on what one plan holds, so that a plan page, its printout and its API answer stay a
    # size a person can read (ten areas, a handful of goals and steps each, with room to spare).
    MAX_GOALS = 100
    MAX_ACTIONS = 300

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "episode"], name="plan_one_per_episode")]

    def __str__(self) -> str:
        return f"Plan for {self.case}"


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Working on it")
    ACHIEVED = "achieved", _("Achieved")
    CHANGED = "changed", _("Changed or dropped")


class Goal(EncryptedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    area = models.CharField(_("service area"), max_length=3, choices=AREA_CHOICES)
    description = EncryptedTextField(_("goal"))
    status = models.CharField(_("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["area", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(area__in=AREA_CODES), name="goal_area_valid"),
            models.CheckConstraint(condition=Q(status__in=GoalStatus.values), name="goal_status_valid"),
        ]


class Delivery(models.TextChoices):
    OUR_TEAM = "our_team", _("Our team")
    REFERRAL = "referral", _("Referral to another provider")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("Under way")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Agreement(models.TextChoices):
    NOT_ASKED = "not_asked", _("Not discussed yet")
    AGREED = "agreed", _("Agreed")
    DECLINED = "declined", _("Declined")


class Action(EncryptedModel):
    """What will be done, by whom and by when. The person agrees or declines each action; the
    decision is kept as a consent record (informed consent, one decision per purpose). Declining is respected and never penalised."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions")
    area = models.CharField(_("service area"), max_length=3, choices=AREA_CHOICES)
    description = EncryptedTextField(_("what"))
    delivery = models.CharField(_("delivered by"), max_length=10, choices=Delivery.choices, default=Delivery.OUR_TEAM)
    # The seam for the referral workflow: who is to provide it. The referral itself (with its
    # own consent to share information) is a separate record attached later.
    provider = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provider"),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_actions", verbose_name=_("responsible")
    )
    # Set when the action is for a family member or dependant rather than the person.
    family_member = models.ForeignKey(
        "family.FamilyMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("for family member"),
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    agreement = models.CharField(
        _("the person's decision"), max_length=10, choices=Agreement.choices, default=Agreement.NOT_ASKED
    )
    consent = models.ForeignKey(
        "consents.Consent", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("consent")
    )
    declined_reason = EncryptedTextField(_("reason given for declining"), blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    # Support given under one action; more is recorded under a new action (see Plan.MAX_GOALS).
    MAX_SUPPORT_ITEMS = 200

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(area__in=AREA_CODES), name="action_area_valid"),
            models.CheckConstraint(condition=Q(status__in=ActionStatus.values), name="action_status_valid"),
            models.CheckConstraint(condition=Q(agreement__in=Agreement.values), name="action_agreement_valid"),
            models.CheckConstraint(
                condition=Q(delivery=Delivery.OUR_TEAM) | Q(provider__isnull=False), name="action_referral_has_provider"
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(starts_on__isnull=True) | Q(due_on__gte=models.F("starts_on")),
                name="action_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(agreement=Agreement.NOT_ASKED) | Q(consent__isnull=False), name="action_decision_recorded"
            ),
        ]


class SupportKind(models.TextChoices):
    CASH = "cash", _("Cash")
    IN_KIND = "in_kind", _("In kind")
    FEE_PAID = "fee_paid", _("Fee paid")
    TRANSPORT = "transport", _("Transport")
    GRANT = "grant", _("Grant")
    LOAN = "loan", _("Loan")
    STIPEND = "stipend", _("Stipend")
    SUBSIDY = "subsidy", _("Subsidy")


_ONE_KIND = "(" + "|".join(SupportKind.values) + ")"
KINDS_PATTERN = rf"^{_ONE_KIND}(,{_ONE_KIND})*$"


class SupportItem(EncryptedModel):
    """Material support given under an action, with its cost, for the cost of support per case. One
    item may be of several kinds at once: a grant given in kind, a loan paid as a fee."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="support_items")
    # The kinds, comma-separated in choice order ("in_kind,grant"): a handful of fixed codes that
    # lists show and totals group by, checked by the database like a single choice would be.
    kinds = models.CharField(_("kinds"), max_length=100)
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    # Room for any currency: a year's support in dong or kip runs to many digits.
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    given_on = models.DateField(_("given on"))
    purpose = EncryptedTextField(_("purpose"), blank=True, default="")
    funding_line = models.CharField(_("funding line"), max_length=100, blank=True)
    family_assistance = models.BooleanField(_("for a family member"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["given_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kinds__regex=KINDS_PATTERN), name="support_kinds_valid"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="support_amount_not_negative"),
            models.CheckConstraint(condition=Q(currency__regex=r"^[A-Z]{3}$"), name="support_currency_iso"),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gte=1), name="support_quantity_positive"
            ),
        ]

    @staticmethod
    def join_kinds(kinds: Iterable[str]) -> str:
        chosen = set(kinds)
        return ",".join(value for value in SupportKind.values if value in chosen)

    def kind_list(self) -> list[str]:
        return self.kinds.split(",") if self.kinds else []

    def kinds_display(self) -> str:
        labels = dict(SupportKind.choices)
        return ", ".join(str(labels.get(kind, kind)) for kind in self.kind_list())
