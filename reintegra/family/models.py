from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.assessments.models import AREA_CHOICES
from reintegra.core.fields import EncryptedModel, EncryptedQuerySet, EncryptedTextField

AREA_CODES = [code for code, _label in AREA_CHOICES]


class Relationship(models.TextChoices):
    CHILD = "child", _("Child")
    # A child born while the person was exploited: often with needs and papers of their own.
    CHILD_BORN_IN_EXPLOITATION = "child_born_in_exploitation", _("Child born during the exploitation")
    STEP_PARENT = "step_parent", _("Step-parent")
    IN_LAW = "in_law", _("In-law")
    PARTNER = "partner", _("Spouse or partner")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Brother or sister")
    GRANDPARENT = "grandparent", _("Grandparent")
    OTHER_RELATIVE = "other_relative", _("Other relative")
    OTHER_DEPENDANT = "other_dependant", _("Other dependant")


class FamilyMember(EncryptedModel):
    """A family member or dependant linked to a case. Their identifiers live in an encrypted
    Person record of the same organisation, and they are reached only through the case, so
    the case's access rules are theirs too."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="family_members")
    person = models.OneToOneField("cases.Person", on_delete=models.PROTECT, related_name="family_link")
    relationship = models.CharField(_("relationship"), max_length=32, choices=Relationship.choices)
    dependant = models.BooleanField(_("depends on the person"), default=False)
    lives_with_person = models.BooleanField(_("lives with the person"), default=False)
    # Unknown counts as unsafe: relatives are sometimes part of the recruitment or the debt.
    safe_to_contact = models.BooleanField(_("safe to contact"), default=False)
    concerns = EncryptedTextField(_("concerns about this relationship"), blank=True, default="")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(relationship__in=Relationship.values), name="family_relationship_valid")
        ]

    def __str__(self) -> str:
        return f"Family member {self.pk}"

    def display_name(self) -> str:
        return f"{self.person.full_name} ({self.get_relationship_display()})"


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Still needed")
    MET = "met", _("Met")
    NO_LONGER = "no_longer", _("No longer needed")


class FamilyNeed(EncryptedModel):
    """A need of one family member, in the same ten service areas as the person's own."""

    member = models.ForeignKey(FamilyMember, on_delete=models.PROTECT, related_name="needs")
    area = models.CharField(_("service area"), max_length=3, choices=AREA_CHOICES)
    description = EncryptedTextField(_("need"))
    noted_on = models.DateField(_("noted on"))
    status = models.CharField(_("status"), max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["area", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(area__in=AREA_CODES), name="family_need_area_valid"),
            models.CheckConstraint(condition=Q(status__in=NeedStatus.values), name="family_need_status_valid"),
        ]
