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


class MaritalStatus(models.TextChoices):
    """HTCDS prs_MaritalStatus."""

    SINGLE = "Single", _("Single")
    MARRIED = "Married", _("Married")
    WIDOWED = "Widowed", _("Widowed")
    DIVORCED = "Divorced", _("Divorced")
    SEPARATED = "Separated", _("Separated")
    REGISTERED_PARTNERSHIP = "RegisteredPartnership", _("Registered partnership")


class ControlMethod(models.TextChoices):
    """HTCDS vic_MethodsOfControl: how the trafficker kept the person."""

    PHYSICAL_THREATS = "PhysicalThreats", _("Threats of violence")
    LAW_ENFORCEMENT_THREATS = "ThreatsLawEnforcement", _("Threats of the police or deportation")
    FAMILY_THREATS = "ThreatensChildrenFamily", _("Threats against children or family")
    # The standard spells this code with a trailing space; the code map (exchange.htcds) writes it so.
    DEBT_BONDAGE = "DebtBondage", _("Debt bondage")
    FALSE_PROMISES = "FalsePromises", _("False promises")
    PHYSICAL_ABUSE = "PhysicalAbuse", _("Physical abuse")
    SEXUAL_ABUSE = "SexualAbuse", _("Sexual abuse")
    TAKES_EARNINGS = "TakesEarnings", _("Takes the person's earnings")
    RESTRICTS_MONEY = "RestrictsFinancialAccess", _("Keeps the person from their money")
    RESTRICTS_MEDICAL = "RestrictsMedicalCare", _("Keeps the person from medical care")
    WITHHOLDS_NECESSITIES = "WithholdsNecessities", _("Withholds food, sleep or other necessities")
    PSYCHOLOGICAL_ABUSE = "PsychologicalAbuse", _("Psychological abuse")
    SUBSTANCES = "PsychoactiveSubstance", _("Drugs or alcohol")
    EXCESSIVE_HOURS = "ExcessiveWorkingHours", _("Excessive working hours")
    WITHHOLDS_DOCUMENTS = "WithholdsDocuments", _("Keeps the person's documents")
    OTHER = "Other", _("Other")


class LabourIndustry(models.TextChoices):
    """HTCDS vic_ForcedLabourIndustry: the sections of the UN's industry classification (ISIC)."""

    AGRICULTURE = "A_AgricultureForestryAndFishing", _("Farming, forestry and fishing")
    MINING = "B_MiningAndQuarrying", _("Mining and quarrying")
    MANUFACTURING = "C_Manufacturing", _("Factories and manufacturing")
    ENERGY = "D_ElectricityGasSteamAndAirConditioningSupply", _("Electricity, gas and heating supply")
    WATER = "E_WaterSupplySewerageWasteManagement", _("Water, sewerage and waste")
    CONSTRUCTION = "F_Construction", _("Construction")
    TRADE = "G_WholesaleAndRetailTradeRepairOfMotorVehicles", _("Shops, trade and vehicle repair")
    TRANSPORT = "H_TransportationAndStorage", _("Transport and storage")
    HOSPITALITY = "I_AccommodationAndFoodServiceActivities", _("Hotels, restaurants and food stalls")
    INFORMATION = "J_InformationAndCommunication", _("Information and communication")
    FINANCE = "K_FinancialAndInsuranceActivities", _("Finance and insurance")
    REAL_ESTATE = "L_RealEstateActivities", _("Real estate")
    PROFESSIONAL = "M_ProfessionalScientificAndTechnicalActivities", _("Professional and technical services")
    ADMINISTRATIVE = "N_AdministrativeAndSupportServiceActivities", _("Office and support services")
    PUBLIC = "O_PublicAdministrationAndDefence", _("Public administration and defence")
    EDUCATION = "P_Education", _("Education")
    HEALTH = "Q_HumanHealthAndSocialWorkActivities", _("Health and social work")
    ARTS = "R_ArtsEntertainmentAndRecreation", _("Arts, entertainment and recreation")
    OTHER_SERVICES = "S_OtherServiceActivities", _("Other services")
    DOMESTIC = "T_ActivitiesOfHouseholdsAsEmployers", _("Domestic work for a household")
    EXTRATERRITORIAL = "U_ActivitiesOfExtraterritorialOrganizations", _("Embassies and international bodies")


class SexualExploitationForm(models.TextChoices):
    """HTCDS vic_TypeOfSexExploitation."""

    PROSTITUTION = "Prostitution", _("Prostitution")
    PORNOGRAPHY = "Pornography", _("Pornography")
    REMOTE = "RemoteInteractiveServices", _("Online or remote interactive services")
    PRIVATE = "PrivateSexualServices", _("Private sexual services")


class Vulnerability(models.TextChoices):
    """HTCDS vic_Vulnerabilities: what made the person easier to exploit."""

    ADDICTION = "Addiction", _("Addiction")
    SOCIAL_GROUP = "SocialGroup", _("Belonging to a targeted social group")
    DISCRIMINATION = "Discrimination", _("Discrimination")
    POVERTY = "Poverty", _("Poverty")
    DISABILITY = "DisabilityAndPhysicalHealth", _("Disability or physical health")
    MENTAL_HEALTH = "MentalHealth", _("Mental health")
    MIGRATION = "Migration", _("Migration")
    HOMELESSNESS = "Homelessness", _("Homelessness")
    ONLINE_ABUSE = "AbuseSocialMedia", _("Abuse through social media")
    PHYSICAL_ABUSE = "AbusePhysical", _("Physical abuse")
    EDUCATION = "Education", _("Little or no schooling")
    WORK = "WorkEnvironment", _("Working conditions")


class TraffickerRelationship(models.TextChoices):
    """HTCDS vic_RelationshipToTrafficker (the standard spells "Unaquainted" so; the code map
    writes it as the standard does)."""

    FAMILY = "Familial", _("Family")
    ACQUAINTANCE = "Acquainted", _("Someone the person knew")
    STRANGER = "Unacquainted", _("A stranger")


class WebsiteOrApp(models.TextChoices):
    """HTCDS vic_RecruitmentWebsitesAndApps and vic_ExploitationWebsitesAndApps. Product names
    are not translated."""

    FACEBOOK = "Facebook", "Facebook"
    INSTAGRAM = "Instagram", "Instagram"
    WHATSAPP = "WhatsApp", "WhatsApp"
    TELEGRAM = "Telegram", "Telegram"
    MESSENGER = "FacebookMessenger", "Facebook Messenger"
    VIBER = "Viber", "Viber"
    SNAPCHAT = "SnapChat", "Snapchat"
    LINE = "Line", "LINE"
    FOR_SALE = "4Sale", "4Sale"
    WECHAT = "WeChat", "WeChat"
    QQ = "QQ", "QQ"
    QZONE = "QZone", "Qzone"
    TIKTOK = "TikTok", "TikTok"
    TWITTER = "Twitter", "Twitter (X)"
    OTHER = "Other", _("Other")


class IdentificationStatus(models.TextChoices):
    NOT_IDENTIFIED = "not_identified", _("Not identified")
    INFORMAL = "informal", _("Identified informally by an organisation")
    FORMAL = "formal", _("Identified formally by an authority")
    # Screened and found not to be trafficked: some are still helped (an exploited migrant, a
    # person at risk), and HTCDS counts them apart.
    NOT_TRAFFICKED = "not_trafficked", _("Assessed as not trafficked")


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
