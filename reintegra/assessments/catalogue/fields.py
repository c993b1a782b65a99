"""The building blocks of the needs-assessment catalogue: field kinds, sensitivity classes, the
field and area specifications, and the choice sets several areas share. Declarative: nothing here
touches the database."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class Kind:  # field kinds
    CHOICE = "choice"  # one of choices
    MULTI = "multi"  # several of choices
    BOOL = "bool"  # yes / no / unknown
    TEXT = "text"  # short free text (max 500 chars)
    NOTE = "note"  # long free text
    NUMBER = "number"  # integer >= 0
    DATE = "date"


class Sensitivity:  # the sensitivity classes of service-areas.md
    STANDARD = "standard"
    SENSITIVE = "sensitive"
    RESTRICTED = "restricted"


@dataclass(frozen=True)
class FieldSpec:
    name: str  # snake_case, unique within its area
    label: object  # gettext_lazy string
    kind: str
    choices: tuple[tuple[str, object], ...] = ()  # (value, gettext_lazy label); required for CHOICE/MULTI
    help: object = ""  # optional gettext_lazy short help
    sensitivity: str = Sensitivity.STANDARD
    children_only: bool = False  # shown only for persons under 18 (section 0.3 / "Children (additional)")
    # Answers that are a warning sign for supervision (reintegra.supervision.queries). Answers are
    # encrypted, so whether an answer is one of these is stored beside it (Observation.warning)
    # for the supervision query to find it in SQL.
    warning_values: tuple[str, ...] = ()
    # MULTI only: answers that say "none of these" or "not known", so they cannot stand beside another.
    exclusive_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Area:
    code: str  # "HOU", "MED", ... exactly the ten codes
    section: str  # access section: "summary", "health", "mental_health", "legal" or "safety"
    label: object
    purpose: object  # one plain-language sentence of what the area is about
    fields: tuple[FieldSpec, ...]
    sensitivity: str = Sensitivity.STANDARD  # the area's default class


SENSITIVE = Sensitivity.SENSITIVE
RESTRICTED = Sensitivity.RESTRICTED

# --- Choice sets used by more than one field -------------------------------------------------------------

YES_PARTLY_NO = (
    ("yes", _("Yes")),
    ("partly", _("Partly")),
    ("no", _("No")),
    ("unknown", _("Not known")),
)

ABLE_LIMITED_UNABLE = (
    ("yes", _("Yes")),
    ("limited", _("Only partly")),
    ("no", _("No")),
    ("unknown", _("Not known")),
)

NONE_BASIC_FUNCTIONAL = (
    ("none", _("None")),
    ("basic", _("Basic")),
    ("functional", _("Good enough for daily life")),
    ("unknown", _("Not known")),
)

NO_SUSPECTED_YES = (
    ("no", _("No")),
    ("suspected", _("Suspected")),
    ("yes", _("Yes")),
    ("unknown", _("Not known")),
)

WANTS_SUPPORT = (
    ("yes", _("Yes")),
    ("no", _("No")),
    ("not_now", _("Not now, ask again later")),
)

HOUSING_TYPES = (
    ("specialised_shelter", _("Specialist anti-trafficking shelter")),
    ("general_shelter", _("General or social shelter")),
    ("transit_or_reception_centre", _("Transit or reception centre")),
    ("emergency_hotel", _("Hotel or other emergency stay")),
    ("detention_or_police_custody", _("Detention, prison or police station")),
    ("with_family", _("With family")),
    ("with_friends", _("With friends")),
    ("employer_provided", _("Housing given by an employer")),
    ("independent_rented", _("Own rented home")),
    ("independent_owned", _("Own home, owned")),
    ("state_subsidised_housing", _("State or subsidised housing")),
    ("semi_independent_living", _("Semi-independent living for young people")),
    ("kinship_care", _("Cared for by relatives")),
    ("foster_care", _("Foster family")),
    ("small_group_home", _("Small group home")),
    ("residential_institution", _("Children's residential institution")),
    ("homeless", _("No home (street or public place)")),
    ("other", _("Other")),
    ("unknown", _("Not known")),
)

# A plan can never be detention, so that value is left out of the long-term options.
LONG_TERM_HOUSING = (
    *(choice for choice in HOUSING_TYPES if choice[0] != "detention_or_police_custody"),
    ("undecided", _("Not decided yet")),
)

DOCUMENT_TYPES = (
    ("national_id", _("National identity card")),
    ("passport", _("Passport")),
    ("birth_certificate", _("Birth certificate")),
    ("household_registration", _("Household registration or family book")),
    ("residence_registration", _("Proof of registered residence")),
    ("marriage_certificate", _("Marriage certificate")),
    ("divorce_decree", _("Divorce papers")),
    ("custody_order", _("Custody order")),
    ("work_permit", _("Work permit or migrant worker card")),
    ("temporary_residence_permit", _("Temporary residence permit")),
    ("reflection_period_document", _("Reflection period paper")),
    ("vot_certification", _("Official trafficking certificate")),
    ("health_card", _("Health card")),
    ("welfare_certificate", _("Welfare or poor-household certificate")),
    ("school_certificate", _("School certificate")),
    ("land_title", _("Land title")),
    ("other", _("Other")),
)
