"""Sections of a case, and the one rule that maps them to users.

Every kind of record that hangs off a case belongs to a section (see `reintegra.access.scope`).
A user who may see a case may open its sections according to their roles and, for the sensitive
ones, whether they are on the case's team. This module imports no app but accounts, so every app
(the audit trail included) can use it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import CASEWORK_ROLES, Role, User


class Section(models.TextChoices):
    """Parts of a case, for access rules and for the access log."""

    SUMMARY = "summary", _("Case summary")
    IDENTITY = "identity", _("Personal identifiers")
    # Where the person lives and can be found now (Person.addresses). Not granted by role: it goes
    # with IDENTITY, except that on a high-risk case only the team opens it, so whoever else may
    # read the person's name (a supervisor elsewhere, a provider receiving a referral) never learns
    # where to find them. Decided in one place: cases.access.get_case_for_user.
    LOCATION = "location", _("Current address and whereabouts")
    TRAFFICKING = "trafficking", _("Trafficking profile")
    HEALTH = "health", _("Health")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    LEGAL = "legal", _("Legal")
    SAFETY = "safety", _("Safety")
    # Guardian, best-interests assessments and determinations, family tracing, care placements.
    CHILD_PROTECTION = "child_protection", _("Child protection")
    # Sensitive details inside otherwise ordinary areas: finances, family conflict, documents.
    SENSITIVE = "sensitive", _("Sensitive details")
    # A qualified professional's own assessment (a diagnosis, a clinical opinion): restricted
    # fields of the catalogue. Only team members with the clinical role open it.
    CLINICAL = "clinical", _("Clinical assessment")
    ACCESS_LOG = "access_log", _("Access log")


# Sections that stay with the case's team: a supervisor supervising a case they are not on
# sees its summary and identifiers, but not its health, legal or safety records.
TEAM_ONLY = frozenset(
    {
        Section.HEALTH,
        Section.MENTAL_HEALTH,
        Section.LEGAL,
        Section.SAFETY,
        Section.CHILD_PROTECTION,
        Section.SENSITIVE,
        Section.CLINICAL,
    }
)

# The sections the records of the ten service areas fall into: a page that lists such records
# asks for all of them, and the scope shows each record only where its own section is granted.
SERVICE_AREA_SECTIONS = (
    Section.SUMMARY,
    Section.HEALTH,
    Section.MENTAL_HEALTH,
    Section.LEGAL,
    Section.SAFETY,
    Section.SENSITIVE,
)

# Which roles may open which section of a case they can see (team membership on top, above).
SECTION_ROLES: dict[str, frozenset[str]] = {
    Section.SUMMARY: CASEWORK_ROLES,
    Section.IDENTITY: CASEWORK_ROLES,
    Section.TRAFFICKING: CASEWORK_ROLES,
    Section.HEALTH: CASEWORK_ROLES,
    Section.MENTAL_HEALTH: CASEWORK_ROLES,
    Section.LEGAL: CASEWORK_ROLES,
    Section.SAFETY: CASEWORK_ROLES,
    Section.CHILD_PROTECTION: CASEWORK_ROLES,
    Section.SENSITIVE: CASEWORK_ROLES,
    Section.CLINICAL: frozenset({Role.CLINICIAN}),
    Section.ACCESS_LOG: frozenset({Role.SUPERVISOR}),
}


def sections_granted(user: User, *, on_team: bool) -> frozenset[str]:
    """The sections of a case this user may open, for a case they can see."""
    allowed = {section for section, roles in SECTION_ROLES.items() if user.has_role(*roles)}
    if not on_team:
        allowed -= TEAM_ONLY
    return frozenset(allowed)
