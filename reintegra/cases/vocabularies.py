"""Controlled vocabularies. Values follow HTCDS 2.0 where it has one, so import and export map
one to one; labels are ours."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    FEMININE = "Feminine", _("Female")
    MASCULINE = "Masculine", _("Male")
    TRANSGENDER_FEMININE = "TransgenderFeminine", _("Transgender female")
    TRANSGENDER_MASCULINE = "TransgenderMasculine", _("Transgender male")
    NON_CONFORMING = "NonConforming", _("Non-conforming")
    UNKNOWN = "NonSpecifiedUnknown", _("Not specified or unknown")


class AgeBand(models.TextChoices):
    UNDER_12 = "0-11", _("Under 12")
    FROM_12 = "12-14", _("12 to 14")
    FROM_15 = "15-17", _("15 to 17")
    FROM_18 = "18-24", _("18 to 24")
    FROM_25 = "25-34", _("25 to 34")
    FROM_35 = "35-49", _("35 to 49")
    FROM_50 = "50+", _("50 or older")


class DocumentType(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    NATIONAL_ID = "national_id", _("National identity card")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
    OTHER = "other", _("Other document")


class ExploitationType(models.TextChoices):
    FORCED_LABOUR = "ForcedLabour", _("Forced labour")
    SEXUAL = "SexualExploitation", _("Sexual exploitation")
    CHILD_LABOUR = "ChildLabour", _("Child labour")
    FORCED_MARRIAGE = "ForcedMarriage", _("Forced marriage")
    SERVITUDE = "Servitude", _("Servitude")
    FORCED_MILITARY = "ForcedMilitaryByNonStateActors", _("Forced military service by non-state actors")
    ORGAN_REMOVAL = "OrganRemoval", _("Organ removal")
    FORCED_BEGGING = "ForcedBegging", _("Forced begging")
    FORCED_ADOPTION = "ForcedAdoption", _("Forced adoption")
    SURROGACY = "Surrogacy", _("Surrogacy")
    OTHER = "Other", _("Other")


class RecruitmentMethod(models.TextChoices):
    PLACE_OF_BUSINESS = "AtAPlaceOfBusiness", _("At a place of business")
    EDUCATIONAL_INSTITUTION = "AtAnEducationalInstitution", _("At a school or college")
    AT_WORK = "AtWork", _("At work")
    ONLINE_SOCIAL = "ThroughOnlineSocialNetworks", _("Through online social networks")
    ONLINE_ADVERT = "ThroughAnOnlineAdvertisement", _("Through an online advertisement")
    TV_ADVERT = "ThroughATelevisionAdvert", _("Through a television advertisement")
    NEWSPAPER_ADVERT = "ThroughANewspaperAdvert", _("Through a newspaper advertisement")
    FAMILY = "ThroughFamilyOrFamilyEvents", _("Through family or family events")
    FRIENDS = "ThroughFriendsOrSocialEvents", _("Through friends or social events")
    OTHER = "Other", _("Other")


class IdentificationStatus(models.TextChoices):
    NOT_IDENTIFIED = "not_identified", _("Not identified")
    INFORMAL = "informal", _("Identified informally by an organisation")
    FORMAL = "formal", _("Identified formally by an authority")


class IdentifyingAuthorityType(models.TextChoices):
    """HTCDS vic_TraffickingStatusDecisionMakingOrg."""

    POLICE = "Police", _("Police")
    NGO = "NGO", _("NGO")
    COURT = "CourtOrProsecution", _("Court or prosecution")
    OTHER_GOVERNMENT = "NonPoliceGovernmentalOrganization", _("Other government body")
    OTHER = "Other", _("Other")


class RiskLevel(models.TextChoices):
    """The case's current risk level: the highest overall level among the latest risk assessment
    of each kind (reintegra.safety). Empty until one is recorded: risk is not assumed by default."""

    NOT_ASSESSED = "", _("Not assessed")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class CaseStatus(models.TextChoices):
    INTAKE = "intake", _("Intake")
    ASSESSMENT = "assessment", _("Assessment")
    ACTIVE = "active", _("Active support")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")


class ClosureReason(models.TextChoices):
    REINTEGRATED = "reintegrated", _("Reintegrated")
    DECLINED = "declined", _("Declined further help")
    LOST_CONTACT = "lost_contact", _("Lost contact")
    TRANSFERRED = "transferred", _("Transferred to another organisation")
    MOVED_AWAY = "moved_away", _("Moved away")
    DECEASED = "deceased", _("Deceased")
    OTHER = "other", _("Other")


class ReopeningReason(models.TextChoices):
    NEW_NEED = "new_need", _("A new need or a crisis")
    SAFETY = "safety", _("A safety concern or a threat")
    EXPLOITED_AGAIN = "exploited_again", _("Exploited again, or at risk of it")
    CAME_BACK = "came_back", _("Came back after moving away or losing touch")
    CLOSED_TOO_EARLY = "closed_too_early", _("The case was closed too early")
    OTHER = "other", _("Other")
    # For reopenings recorded before the reason was asked; never offered on a form.
    NOT_RECORDED = "not_recorded", _("Not recorded")


class ReopeningRequester(models.TextChoices):
    PERSON = "person", _("The person")
    FAMILY = "family", _("A relative or guardian")
    PARTNER = "partner", _("A partner organisation")
    AUTHORITY = "authority", _("Police, a court or another authority")
    OUR_TEAM = "our_team", _("Our own team")
    OTHER = "other", _("Someone else")
    NOT_RECORDED = "not_recorded", _("Not recorded")


# Days after reopening by which a new plan should be agreed with the person.
NEW_PLAN_DUE_DAYS = 30
# A case opened more than this many days before it is registered is "backdated" and needs a reason.
BACKDATED_AFTER_DAYS = 7


# Allowed moves between statuses. A closed case can be reopened into any open status: people
# come back after months or years, and their history stays with the case.
OPEN_STATUSES = (CaseStatus.INTAKE, CaseStatus.ASSESSMENT, CaseStatus.ACTIVE, CaseStatus.FOLLOW_UP)
TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.INTAKE: frozenset({CaseStatus.ASSESSMENT, CaseStatus.ACTIVE, CaseStatus.CLOSED}),
    CaseStatus.ASSESSMENT: frozenset({CaseStatus.INTAKE, CaseStatus.ACTIVE, CaseStatus.CLOSED}),
    CaseStatus.ACTIVE: frozenset({CaseStatus.ASSESSMENT, CaseStatus.FOLLOW_UP, CaseStatus.CLOSED}),
    CaseStatus.FOLLOW_UP: frozenset({CaseStatus.ACTIVE, CaseStatus.ASSESSMENT, CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset(OPEN_STATUSES),
}
