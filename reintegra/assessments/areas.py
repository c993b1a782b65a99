"""Catalogue of the structured needs-assessment fields, one block per service area.

The catalogue is declarative: forms, models and exports read it, nothing here touches the database.
Each field holds one current value; the storage layer keeps every answer as a dated observation with its
source (the dated-observation pattern of service-areas.md); earlier versions are never changed, and a correction
within the latest version is kept in the audit trail. Repeating records
(episodes, referrals, support items, costs, debts, hearings, incidents) belong to their own features and are
not fields here. Field names and choice values follow the domain catalogue so data can be traced back to it;
labels and help texts are our own.
"""

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


# --- HOU: housing, care and accommodation -----------------------------------------------------------------

HOU = Area(
    code="HOU",
    section="summary",
    label=_("Housing and care"),
    purpose=_("Where the person stays, who with, whether it is safe and affordable, and where they hope to live."),
    fields=(
        FieldSpec(
            "housing_situation",
            _("Where the person lives now"),
            Kind.CHOICE,
            HOUSING_TYPES,
            help=_("Detention or a police station is never a suitable place to stay and needs action."),
        ),
        FieldSpec(
            "living_with",
            _("Who the person lives with"),
            Kind.MULTI,
            (
                ("alone", _("Alone")),
                ("parents", _("Parents")),
                ("spouse_partner", _("Spouse or partner")),
                ("own_children", _("Own children")),
                ("siblings", _("Brothers or sisters")),
                ("in_laws", _("In-laws")),
                ("extended_family", _("Other relatives")),
                ("friends", _("Friends")),
                ("other", _("Other")),
            ),
        ),
        FieldSpec(
            "shelter_regime",
            _("Shelter rules on going out"),
            Kind.CHOICE,
            (
                ("open", _("Open: free to come and go")),
                ("restricted", _("Limited: escorted outings, phone limits")),
                ("closed", _("Closed: cannot leave")),
            ),
            help=_("Only when the person stays in a shelter."),
        ),
        FieldSpec("shelter_can_work", _("Allowed to work while in the shelter"), Kind.BOOL),
        FieldSpec(
            "home_safety",
            _("Is the home safe for the person?"),
            Kind.CHOICE,
            (("safe", _("Safe")), ("unsafe", _("Unsafe")), ("uncertain", _("Not sure"))),
        ),
        FieldSpec(
            "home_unsafe_reasons",
            _("Why the home may be unsafe"),
            Kind.MULTI,
            (
                ("trafficker_threats", _("Threats from traffickers")),
                ("fear_of_traffickers", _("General fear of traffickers")),
                ("family_violence", _("Violence in the family")),
                ("family_rejection", _("Rejected by the family")),
                ("community_hostility", _("Stigma or hostility in the community")),
                ("other", _("Other")),
            ),
            help=_("Serious risks should also be looked at in the safety assessment."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "home_problems",
            _("Problems with the home itself"),
            Kind.MULTI,
            (
                ("no_sanitation", _("No toilet or washing place")),
                ("no_electricity", _("No electricity")),
                ("no_running_water", _("No running water")),
                ("overcrowded", _("Not enough space")),
                ("needs_repair", _("Building needs repair")),
                ("unfit", _("Building not fit to live in")),
                ("other", _("Other")),
            ),
        ),
        FieldSpec(
            "can_pay_housing",
            _("Can the person pay for housing?"),
            Kind.CHOICE,
            YES_PARTLY_NO,
            sensitivity=SENSITIVE,
        ),
        FieldSpec("housing_arrears", _("Behind on rent or housing payments"), Kind.BOOL, sensitivity=SENSITIVE),
        FieldSpec("eviction_risk", _("At risk of losing the home"), Kind.BOOL),
        FieldSpec(
            "home_lost",
            _("Home lost because of the trafficking"),
            Kind.CHOICE,
            (
                ("not_lost", _("No")),
                ("missed_payments", _("Yes, payments stopped during the exploitation")),
                ("mortgaged_for_migration", _("Yes, mortgaged to pay for migrating")),
                ("other_debt", _("Yes, because of other debt")),
                ("other", _("Yes, another reason")),
                ("unknown", _("Not known")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec("long_term_preference", _("Where the person wants to live later"), Kind.CHOICE, LONG_TERM_HOUSING),
        FieldSpec(
            "long_term_recommendation",
            _("Worker's advice on where to live later"),
            Kind.CHOICE,
            LONG_TERM_HOUSING,
        ),
        FieldSpec(
            "long_term_barriers",
            _("What stands in the way of a lasting home"),
            Kind.MULTI,
            (
                ("cost", _("Cost")),
                ("land_title_fees", _("Fees to transfer land or title")),
                ("not_eligible", _("Not eligible for housing schemes")),
                ("no_family", _("No family to live with")),
                ("unsafe_area", _("Area is not safe")),
                ("far_from_work", _("Too far from work")),
                ("other", _("Other")),
            ),
        ),
        FieldSpec(
            "placement_type",
            _("Care arrangement for the child"),
            Kind.CHOICE,
            (
                ("with_parents", _("With parents")),
                ("kinship_care", _("With relatives as carers")),
                ("foster_care", _("Foster family")),
                ("small_group_home", _("Small group home")),
                ("semi_independent_living", _("Semi-independent living")),
                ("shelter", _("Shelter")),
                ("residential_institution", _("Residential institution")),
                ("other", _("Other")),
            ),
            children_only=True,
        ),
        FieldSpec(
            "placement_justification",
            _("Why a shelter or institution, and until when"),
            Kind.NOTE,
            help=_("Needed for a shelter or institution: explain why nothing closer to family works."),
            children_only=True,
        ),
        FieldSpec("placement_changes", _("Times the child has changed placement"), Kind.NUMBER, children_only=True),
        FieldSpec(
            "child_view_on_placement", _("What the child thinks of the placement"), Kind.NOTE, children_only=True
        ),
        FieldSpec("next_placement_review", _("Next placement review"), Kind.DATE, children_only=True),
    ),
)


# --- MED: medical assistance ------------------------------------------------------------------------------

MED = Area(
    code="MED",
    section="health",
    label=_("Physical health"),
    purpose=_("Any health problem the person has, whatever caused it, and whether they can get and afford care."),
    sensitivity=SENSITIVE,
    fields=(
        FieldSpec(
            "health_problem_types",
            _("Kinds of health problems"),
            Kind.MULTI,
            (
                ("none", _("None known")),
                ("injury", _("Injury")),
                ("physical_disability", _("Physical disability")),
                ("infectious", _("Infection (such as HIV, hepatitis, TB, STI)")),
                ("gynaecological_reproductive", _("Gynaecological or reproductive")),
                ("pregnancy", _("Pregnancy")),
                ("chronic_illness", _("Long-lasting illness")),
                ("malnutrition", _("Malnutrition")),
                ("substance_dependency", _("Alcohol or drug dependency")),
                ("dental", _("Teeth")),
                ("other", _("Other")),
            ),
            help=_("Record every problem, whether or not it is linked to the trafficking."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec("urgent_care_needed", _("Needs urgent medical care"), Kind.BOOL, sensitivity=SENSITIVE),
        FieldSpec("untreated_problems", _("Has a health problem not yet treated"), Kind.BOOL, sensitivity=SENSITIVE),
        FieldSpec("long_term_care_needed", _("Needs ongoing or long-term care"), Kind.BOOL, sensitivity=SENSITIVE),
        FieldSpec("takes_medication", _("Takes medicine regularly"), Kind.BOOL, sensitivity=SENSITIVE),
        FieldSpec(
            "initial_health_check",
            _("First health check"),
            Kind.CHOICE,
            (
                ("not_offered", _("Not offered yet")),
                ("offered", _("Offered, no answer yet")),
                ("declined", _("Offered and declined")),
                ("accepted", _("Accepted, not done yet")),
                ("done", _("Done")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "health_coverage",
            _("How health care is paid for"),
            Kind.CHOICE,
            (
                ("free_state_care", _("Free state care")),
                ("insurance", _("Health insurance")),
                ("health_card", _("Health card")),
                ("none", _("No cover")),
                ("unknown", _("Not known")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "care_access_barriers",
            _("What makes it hard to get care"),
            Kind.MULTI,
            (
                ("missing_documents", _("Missing documents")),
                ("procedures", _("Paperwork or office procedures")),
                ("fees", _("Fees")),
                ("transport_cost", _("Cost of travel")),
                ("distance", _("Care is far away")),
                ("language", _("Language")),
                ("other", _("Other")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec("health_debt", _("Borrowed money to pay for care"), Kind.BOOL, sensitivity=SENSITIVE),
        FieldSpec(
            "able_to_work",
            _("Health allows the person to work"),
            Kind.CHOICE,
            ABLE_LIMITED_UNABLE,
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "able_to_study",
            _("Health allows school or training"),
            Kind.CHOICE,
            ABLE_LIMITED_UNABLE,
            sensitivity=SENSITIVE,
        ),
        FieldSpec("daily_life_affected", _("Health gets in the way of daily life"), Kind.BOOL, sensitivity=SENSITIVE),
        FieldSpec(
            "family_health_concern",
            _("Relatives have health needs to consider"),
            Kind.BOOL,
            help=_("For example a risk of passing on TB or HIV, or a relative who needs care."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "child_friendly_protocol",
            _("Child-friendly medical procedure used"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "child_informed",
            _("Child told about their health and asked"),
            Kind.BOOL,
            help=_("The child understands their health and has a say in treatment."),
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "carer_informed",
            _("Parent or guardian informed"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "developmental_concerns",
            _("Concerns about growth or development"),
            Kind.NOTE,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
    ),
)


# --- PSY: psychological support and counselling -----------------------------------------------------------

PSY = Area(
    code="PSY",
    section="mental_health",
    label=_("Emotional well-being and counselling"),
    purpose=_("How the person is coping inside, what weighs on them, and whether they want professional help."),
    sensitivity=SENSITIVE,
    fields=(
        FieldSpec(
            "wellbeing_concerns",
            _("What the person says they struggle with"),
            Kind.MULTI,
            (
                ("stress", _("Stress")),
                ("poor_concentration", _("Forgetting things, hard to concentrate")),
                ("anger", _("Anger")),
                ("anxiety", _("Anxiety")),
                ("low_mood", _("Low mood or depression")),
                ("hopelessness", _("Feeling hopeless")),
                ("shame", _("Shame")),
                ("fear", _("Fear")),
                ("loneliness", _("Loneliness or isolation")),
                ("sleep_problems", _("Trouble sleeping")),
                ("exhaustion", _("Exhaustion")),
                ("substance_use", _("Drinking or drug use")),
                ("other", _("Other")),
            ),
            help=_("In the person's own words; this is not a diagnosis."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "self_harm_thoughts",
            _("Thoughts of suicide or self-harm"),
            Kind.BOOL,
            help=_("If yes, tell your supervisor today and agree next steps."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "distress_sources",
            _("What is causing distress"),
            Kind.MULTI,
            (
                ("trafficking_experience", _("What happened during the trafficking")),
                ("detention_or_deportation", _("Questioning, detention or deportation")),
                ("closed_shelter_stay", _("Having to stay in a closed shelter")),
                ("legal_proceedings", _("The court case")),
                ("returned_without_money", _("Coming back without money")),
                ("debt", _("Debt")),
                ("no_work", _("No work or unable to work")),
                ("family_tension", _("Tension in the family")),
                ("no_emotional_support", _("Nobody to talk to")),
                ("stigma", _("Stigma or being treated badly")),
                ("fear_for_safety", _("Fear for safety")),
                ("separation_from_family", _("Being apart from family or children")),
                ("lack_of_assistance", _("Not getting the help needed")),
                ("other", _("Other")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "support_wanted",
            _("Wants professional counselling"),
            Kind.CHOICE,
            WANTS_SUPPORT,
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "preferred_format",
            _("Preferred kind of support"),
            Kind.MULTI,
            (
                ("individual", _("One to one")),
                ("peer_group", _("Peer or self-help group")),
                ("family_session", _("Together with family")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "preferred_mode",
            _("Preferred way to meet"),
            Kind.MULTI,
            (("in_person", _("In person")), ("phone", _("By phone")), ("video", _("By video call"))),
            sensitivity=SENSITIVE,
        ),
        FieldSpec("preferred_language", _("Language for sessions"), Kind.TEXT, sensitivity=SENSITIVE),
        FieldSpec(
            "preferred_counsellor_gender",
            _("Preferred counsellor"),
            Kind.CHOICE,
            (
                ("female", _("A woman")),
                ("male", _("A man")),
                ("no_preference", _("No preference")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "alternative_methods",
            _("Interest in other ways to feel better"),
            Kind.MULTI,
            (
                ("meditation", _("Meditation")),
                ("yoga", _("Yoga")),
                ("dance", _("Dance")),
                ("art_therapy", _("Art therapy")),
                ("other", _("Other")),
                ("none", _("Not interested")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "assessment_tool",
            _("Assessment tool used"),
            Kind.TEXT,
            help=_("Filled in by a qualified professional only."),
            sensitivity=RESTRICTED,
        ),
        FieldSpec(
            "trauma_indicators",
            _("Signs of trauma found"),
            Kind.MULTI,
            (
                ("none", _("None found")),
                ("ptsd", _("Post-traumatic stress")),
                ("complex_trauma", _("Complex trauma")),
                ("other", _("Other")),
            ),
            help=_("Filled in by a qualified professional only."),
            sensitivity=RESTRICTED,
        ),
        FieldSpec(
            "professional_assessment",
            _("Professional findings and diagnosis"),
            Kind.NOTE,
            help=_("Only a qualified professional may write a diagnosis here."),
            sensitivity=RESTRICTED,
        ),
        FieldSpec(
            "disclosure_map",
            _("What others have been told"),
            Kind.NOTE,
            help=_("What family, friends or neighbours know. Never tell them more than this."),
            sensitivity=RESTRICTED,
        ),
        FieldSpec(
            "child_specialist_counsellor",
            _("Counsellor trained to work with children"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "coping_skills_goals",
            _("Coping skills to work on"),
            Kind.MULTI,
            (
                ("stress", _("Handling stress")),
                ("anger", _("Handling anger")),
                ("conflict", _("Handling conflict")),
                ("other", _("Other")),
            ),
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "child_informed",
            _("Child told about their mental health"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "carer_informed",
            _("Parent or guardian informed"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "child_view_on_support",
            _("What the child thinks about the help offered"),
            Kind.NOTE,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
    ),
)


# --- EDU: education and life skills -----------------------------------------------------------------------

EDU = Area(
    code="EDU",
    section="summary",
    label=_("Education and life skills"),
    purpose=_("What the person has learned so far, what they want to learn next, and what keeps them from it."),
    fields=(
        FieldSpec(
            "education_level",
            _("Highest schooling completed"),
            Kind.CHOICE,
            (
                ("none", _("No schooling")),
                ("some_primary", _("Some primary school")),
                ("primary", _("Primary school")),
                ("lower_secondary", _("Lower secondary school")),
                ("upper_secondary", _("Upper secondary school")),
                ("vocational_certificate", _("Vocational certificate")),
                ("higher", _("College or university")),
                ("unknown", _("Not known")),
            ),
        ),
        FieldSpec("years_of_schooling", _("Years in school"), Kind.NUMBER),
        FieldSpec(
            "attendance",
            _("Current schooling"),
            Kind.CHOICE,
            (
                ("not_enrolled", _("Not enrolled")),
                ("regular", _("Enrolled, goes regularly")),
                ("irregular", _("Enrolled, often misses")),
                ("stopped", _("Enrolled, has stopped going")),
            ),
        ),
        FieldSpec(
            "literacy",
            _("Reading and writing"),
            Kind.CHOICE,
            NONE_BASIC_FUNCTIONAL,
            help=_("In the language the person reads best."),
        ),
        FieldSpec("numeracy", _("Counting and sums"), Kind.CHOICE, NONE_BASIC_FUNCTIONAL),
        FieldSpec(
            "schooling_interrupted",
            _("Why schooling stopped"),
            Kind.MULTI,
            (
                ("not_interrupted", _("It did not stop")),
                ("cost", _("Could not afford it")),
                ("migration", _("Left to migrate")),
                ("trafficking", _("The trafficking")),
                ("family_needed_income", _("Family needed the person to earn")),
                ("other", _("Other")),
            ),
        ),
        FieldSpec(
            "education_goals",
            _("What the person wants to learn"),
            Kind.MULTI,
            (
                ("formal_school_reentry", _("Go back to school")),
                ("catch_up_classes", _("Catch-up classes")),
                ("non_formal_programme", _("Non-formal course")),
                ("informal_learning", _("Learning with a mentor or peers")),
                ("literacy_numeracy", _("Reading, writing and sums")),
                ("adult_education", _("Adult classes: evening, part-time or distance")),
                ("higher_education", _("College or university")),
                ("life_skills", _("Life skills")),
                ("vocational", _("Learn a trade")),
            ),
            help=_("A trade course should come alongside schooling, not replace it."),
        ),
        FieldSpec(
            "life_skills_needs",
            _("Life skills the person wants help with"),
            Kind.MULTI,
            (
                ("budgeting", _("Managing money")),
                ("saving", _("Saving")),
                ("bank_account", _("Using a bank account")),
                ("job_seeking", _("Looking for work")),
                ("communication", _("Talking with others")),
                ("coping", _("Coping with stress, anger or conflict")),
                ("relationships", _("Relationships")),
                ("self_confidence", _("Self-confidence")),
                ("health_hygiene", _("Health and hygiene")),
                ("other", _("Other")),
            ),
        ),
        FieldSpec(
            "education_barriers",
            _("What gets in the way of learning"),
            Kind.MULTI,
            (
                ("missing_documents", _("Missing ID or registration")),
                ("registered_elsewhere", _("Residence registered somewhere else")),
                ("school_refuses", _("School will not enrol")),
                ("too_old", _("Told they are too old")),
                ("too_young", _("Too young for the course")),
                ("fees", _("Fees")),
                ("uniform_books", _("Uniform or books")),
                ("transport", _("Transport")),
                ("adjustment", _("Hard to fit in, classmates much younger")),
                ("stigma_bullying", _("Stigma or bullying")),
                ("health_disability", _("Health or disability")),
                ("family_needs_income", _("Family needs the person to earn")),
                ("distance", _("School too far")),
                ("other", _("Other")),
            ),
        ),
        FieldSpec(
            "family_education_needs",
            _("Children or siblings need help with school"),
            Kind.BOOL,
        ),
        FieldSpec("education_plan", _("Has a personal education plan"), Kind.BOOL, children_only=True),
        FieldSpec(
            "curriculum_aligned",
            _("Plan follows the school system where the child will live"),
            Kind.BOOL,
            children_only=True,
        ),
        FieldSpec(
            "language_support_needed",
            _("Needs help with the school language"),
            Kind.BOOL,
            help=_("Second-language support, or teaching in the child's mother tongue."),
            children_only=True,
        ),
        FieldSpec("school_contact", _("Contact person at the school"), Kind.TEXT, children_only=True),
        FieldSpec(
            "school_told",
            _("What the school has been told"),
            Kind.NOTE,
            help=_("By default the school is not told about the trafficking."),
            sensitivity=SENSITIVE,
            children_only=True,
        ),
    ),
)


# --- ECO: economic empowerment ----------------------------------------------------------------------------

ECO = Area(
    code="ECO",
    section="summary",
    label=_("Work and income"),
    purpose=_("How the person makes a living, what they owe, and which route to a steady income suits them."),
    fields=(
        FieldSpec(
            "work_status",
            _("Current work situation"),
            Kind.CHOICE,
            (
                ("employed_formal", _("Employed with a contract")),
                ("employed_informal", _("Working without a contract")),
                ("self_employed", _("Self-employed")),
                ("unemployed_seeking", _("Looking for work")),
                ("unable_to_work_health", _("Cannot work for health reasons")),
                ("in_training", _("In training")),
                ("studying", _("Studying")),
                ("caring_duties", _("Caring for others at home")),
                ("other", _("Other")),
                ("unknown", _("Not known")),
            ),
        ),
        FieldSpec(
            "personal_income",
            _("Own income per month"),
            Kind.NUMBER,
            help=_("In local currency."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec("dependants_supported", _("People who depend on this income"), Kind.NUMBER, sensitivity=SENSITIVE),
        FieldSpec("has_debt", _("Owes money"), Kind.BOOL, sensitivity=SENSITIVE),
        FieldSpec(
            "debt_reasons",
            _("What the money was borrowed for"),
            Kind.MULTI,
            (
                ("migration_costs", _("Costs of migrating")),
                ("travel_home", _("Getting home")),
                ("ransom_release", _("Paying for release")),
                ("medical", _("Health care")),
                ("housing_mortgage", _("House or mortgage")),
                ("business", _("A business")),
                ("daily_needs", _("Daily needs")),
                ("education", _("Schooling")),
                ("other", _("Other")),
            ),
            help=_("Each debt itself is recorded in the debt list."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "lender_types",
            _("Who the money is owed to"),
            Kind.MULTI,
            (
                ("money_lender", _("Money-lender")),
                ("bank", _("Bank")),
                ("microfinance", _("Microfinance")),
                ("relatives", _("Relatives")),
                ("recruiter_broker", _("Recruiter or broker")),
                ("employer", _("Employer")),
                ("other", _("Other")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "lender_pressure",
            _("Pressured or threatened over a debt"),
            Kind.BOOL,
            help=_("If yes, look at it in the safety assessment too."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec("has_savings", _("Has some savings"), Kind.BOOL, sensitivity=SENSITIVE),
        FieldSpec("has_bank_account", _("Has a bank account"), Kind.BOOL),
        FieldSpec(
            "family_financial_pressure",
            _("Pressure from family to provide money"),
            Kind.CHOICE,
            (("none", _("None")), ("some", _("Some")), ("high", _("A lot")), ("unknown", _("Not known"))),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "skills_and_aspirations",
            _("Skills, past jobs and hopes for work"),
            Kind.NOTE,
            help=_("Include skills picked up abroad and the kind of work the person would like."),
        ),
        FieldSpec(
            "work_constraints",
            _("What limits the person's options"),
            Kind.MULTI,
            (
                ("physical_health", _("Physical health or disability")),
                ("mental_health", _("Emotional health or trauma")),
                ("low_literacy", _("Difficulty reading and writing")),
                ("childcare", _("Looking after children")),
                ("other_caring", _("Caring for someone else")),
                ("transport", _("Distance or transport")),
                ("unsafe_hours", _("Working hours that are not safe")),
                ("needs_income_now", _("Cannot go without income while training")),
                ("stay_near_family", _("Does not want to be away from family")),
                ("no_right_to_work", _("No legal right to work here")),
                ("other", _("Other")),
            ),
        ),
        FieldSpec(
            "pathway_interest",
            _("Routes to income the person is interested in"),
            Kind.MULTI,
            (
                ("vocational_training", _("Trade training")),
                ("apprenticeship_internship", _("Apprenticeship or internship")),
                ("on_the_job_training", _("Training on the job")),
                ("job_readiness", _("Getting ready for work")),
                ("job_placement", _("Help finding a job")),
                ("wage_subsidy", _("Job with wage support")),
                ("business_startup", _("Starting a small business")),
                ("savings_scheme", _("Savings group")),
                ("micro_credit", _("Small loan")),
                ("social_protection", _("State benefits or allowances")),
                ("safe_remigration", _("Migrating again, safely")),
                ("other", _("Other")),
            ),
        ),
        FieldSpec(
            "support_recipient",
            _("Who gets the economic support"),
            Kind.CHOICE,
            (
                ("child", _("The child")),
                ("parent", _("A parent")),
                ("guardian", _("The guardian")),
                ("other", _("Someone else")),
            ),
            children_only=True,
        ),
        FieldSpec(
            "support_controller",
            _("Who controls the money or asset"),
            Kind.CHOICE,
            (
                ("child", _("The child")),
                ("parent", _("A parent")),
                ("guardian", _("The guardian")),
                ("other", _("Someone else")),
            ),
            children_only=True,
        ),
        FieldSpec(
            "benefit_to_child",
            _("How the support should help the child"),
            Kind.TEXT,
            help=_("Include any conditions, such as the child staying in school."),
            children_only=True,
        ),
        FieldSpec("child_view_on_work", _("What the child wants"), Kind.NOTE, children_only=True),
        FieldSpec(
            "working_age_checked",
            _("Legal working age and conditions checked"),
            Kind.BOOL,
            children_only=True,
        ),
    ),
)


# --- ADM: administrative support --------------------------------------------------------------------------

ADM = Area(
    code="ADM",
    section="summary",
    label=_("Documents and registration"),
    purpose=_("The papers the person holds or lacks, because most other help depends on having them."),
    fields=(
        FieldSpec("documents_held", _("Documents the person has"), Kind.MULTI, DOCUMENT_TYPES),
        FieldSpec(
            "documents_needed",
            _("Documents the person needs"),
            Kind.MULTI,
            DOCUMENT_TYPES,
            help=_("Lost, taken, expired or never issued. Each application is tracked separately."),
        ),
        FieldSpec(
            "documents_confiscated",
            _("Papers kept by an employer or exploiter"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "birth_registered",
            _("Birth registered"),
            Kind.CHOICE,
            (("yes", _("Yes")), ("no", _("No")), ("unknown", _("Not known"))),
        ),
        FieldSpec(
            "legal_identity_known",
            _("Person knows their official identity"),
            Kind.BOOL,
            help=_("Some people do not know their own registered name or date of birth."),
        ),
        FieldSpec(
            "children_born_in_trafficking",
            _("Children born during the exploitation"),
            Kind.NUMBER,
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "child_registration_problem",
            _("Any of these children lack registration"),
            Kind.BOOL,
            help=_("Including a risk that the child has no nationality."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "residence_registration",
            _("Where the person is officially registered"),
            Kind.CHOICE,
            (
                ("here", _("Where they live now")),
                ("elsewhere", _("Somewhere else")),
                ("not_registered", _("Not registered")),
                ("unknown", _("Not known")),
            ),
        ),
        FieldSpec(
            "services_blocked",
            _("Services blocked by registration"),
            Kind.MULTI,
            (
                ("school", _("School")),
                ("identity_card", _("Identity card")),
                ("health_care", _("Health care")),
                ("social_protection", _("Benefits")),
                ("other", _("Other")),
            ),
        ),
        FieldSpec(
            "status_abroad",
            _("Residence status in a foreign country"),
            Kind.CHOICE,
            (
                ("not_applicable", _("Not abroad")),
                ("reflection_period", _("In a reflection period")),
                ("temporary_permit", _("Temporary residence permit")),
                ("permit_applied", _("Permit applied for")),
                ("no_status", _("No legal status")),
                ("other", _("Other")),
                ("unknown", _("Not known")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "vot_certification",
            _("Official recognition as a trafficked person"),
            Kind.CHOICE,
            (
                ("not_applied", _("Not applied")),
                ("applied", _("Applied")),
                ("granted", _("Granted")),
                ("refused", _("Refused")),
            ),
        ),
        FieldSpec(
            "other_legal_matters",
            _("Other matters needing papers"),
            Kind.MULTI,
            (
                ("divorce", _("Divorce")),
                ("custody", _("Custody of children")),
                ("land_property", _("Land or property")),
                ("inheritance", _("Inheritance")),
                ("other", _("Other")),
            ),
            help=_("A divorce may need the exploiting spouse's agreement: check safety first."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "admin_barriers",
            _("What makes the paperwork hard"),
            Kind.MULTI,
            (
                ("confusing_procedures", _("Confusing or circular procedures")),
                ("fees", _("Fees")),
                ("hostile_officials", _("Unhelpful or hostile officials")),
                ("distance", _("Long travel")),
                ("lost_income", _("Losing a day's pay")),
                ("childcare", _("Nobody to mind the children")),
                ("other", _("Other")),
            ),
        ),
        FieldSpec("proxy_designated", _("Someone can apply on the person's behalf"), Kind.BOOL),
        FieldSpec("guardian_appointed", _("Guardian appointed"), Kind.BOOL, children_only=True),
        FieldSpec(
            "guardian_appointed_by",
            _("Who appointed the guardian, and when"),
            Kind.TEXT,
            children_only=True,
        ),
        FieldSpec("child_welfare_referred", _("Referred to child welfare services"), Kind.BOOL, children_only=True),
        FieldSpec(
            "separated_child_status",
            _("Residence status of a separated child abroad"),
            Kind.TEXT,
            help=_("Until a lasting solution for the child is found."),
            sensitivity=SENSITIVE,
            children_only=True,
        ),
    ),
)


# --- LEG: legal assistance and support --------------------------------------------------------------------

LEG = Area(
    code="LEG",
    section="legal",
    label=_("Legal cases"),
    purpose=_("Any court or claim the person is part of, and whether they choose it freely with good support."),
    sensitivity=SENSITIVE,
    fields=(
        FieldSpec(
            "proceeding_types",
            _("Legal cases the person is part of"),
            Kind.MULTI,
            (
                ("none", _("None")),
                ("criminal", _("Criminal case")),
                ("civil_compensation", _("Claim for compensation")),
                ("labour_court_wage_claim", _("Claim for unpaid wages")),
                ("mediation", _("Mediation")),
                ("immigration_residence", _("Immigration or residence case")),
                ("family_law", _("Family case")),
                ("other", _("Other")),
            ),
            help=_("Details, hearings and dates of each case are kept in the case list."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "person_role",
            _("The person's role in the main case"),
            Kind.CHOICE,
            (
                ("victim_witness", _("Witness as the harmed party")),
                ("complainant", _("Made the complaint")),
                ("civil_party", _("Joined as a civil party")),
                ("claimant", _("Claimant")),
                ("other", _("Other")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "case_stage",
            _("Stage of the main case"),
            Kind.CHOICE,
            (
                ("investigation", _("Investigation")),
                ("prosecution", _("Charges brought")),
                ("trial", _("Trial")),
                ("appeal", _("Appeal")),
                ("judgement", _("Judgement given")),
                ("enforcement_compensation", _("Collecting compensation")),
                ("closed", _("Closed")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "participation_decision",
            _("Person's decision about taking part"),
            Kind.CHOICE,
            (
                ("undecided", _("Still deciding")),
                ("taking_part", _("Taking part")),
                ("declined", _("Does not want to take part")),
                ("withdrew", _("Has stopped taking part")),
            ),
            help=_("The person may change their mind at any time. Consent is recorded separately."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "fully_informed",
            _("Rights, risks and options explained"),
            Kind.BOOL,
            help=_("Including how long it may take, the chance of losing and the right to stop."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec("has_lawyer", _("Has a lawyer"), Kind.BOOL, sensitivity=SENSITIVE),
        FieldSpec(
            "support_person",
            _("Who supports the person through the case"),
            Kind.CHOICE,
            (
                ("none", _("Nobody")),
                ("social_worker", _("Social worker")),
                ("psychologist", _("Psychologist")),
                ("advocate", _("Support advocate")),
                ("guardian", _("Guardian")),
                ("other", _("Other")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "testimony_arrangements",
            _("How the person will give evidence"),
            Kind.MULTI,
            (
                ("in_person", _("In court")),
                ("video_link", _("By video link")),
                ("recorded_statement", _("Statement recorded in advance")),
                ("closed_hearing", _("Hearing closed to the public")),
                ("screen", _("Behind a screen")),
                ("return_trip", _("Travels back to testify")),
                ("other", _("Other")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec("allowed_to_work", _("Allowed to work during the case"), Kind.BOOL, sensitivity=SENSITIVE),
        FieldSpec("free_movement", _("Free to move around during the case"), Kind.BOOL, sensitivity=SENSITIVE),
        FieldSpec(
            "compensation_status",
            _("Compensation"),
            Kind.CHOICE,
            (
                ("not_claimed", _("Not claimed")),
                ("claimed", _("Claimed, no decision yet")),
                ("awarded", _("Awarded, not paid")),
                ("partly_paid", _("Partly paid")),
                ("paid", _("Fully paid")),
                ("refused", _("Refused")),
                ("unknown", _("Not known")),
            ),
            help=_("Amounts and instalments are recorded separately."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "last_update_shared",
            _("Last time case news was passed on"),
            Kind.DATE,
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "case_stress",
            _("Stress caused by the case"),
            Kind.CHOICE,
            (("none", _("None")), ("some", _("Some")), ("high", _("A lot")), ("unknown", _("Not known"))),
            help=_("As the person describes it. Consider offering counselling."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "mistreated_by_officials",
            _("Treated badly by police, lawyers or court staff"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "best_interests_on_participation",
            _("Best-interests check on taking part done"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "child_skilled_lawyer",
            _("Lawyer experienced with children"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "child_friendly_measures",
            _("Child-friendly steps used in the case"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "schooling_during_case",
            _("Child keeps going to school during the case"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
    ),
)


# --- SAF: safety and security -----------------------------------------------------------------------------

SAF = Area(
    code="SAF",
    section="safety",
    label=_("Safety"),
    purpose=_("Who or what may put the person in danger, how safe they feel, and what protects them."),
    sensitivity=SENSITIVE,
    fields=(
        FieldSpec(
            "assessment_type",
            _("Kind of risk assessment"),
            Kind.CHOICE,
            (
                ("family_risk", _("Family risk, by the case worker")),
                ("security_risk", _("Security risk, by the police")),
                ("joint_bid_risk", _("Joint, within a child's best-interests process")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "risk_level",
            _("Overall risk"),
            Kind.CHOICE,
            (
                ("none", _("None")),
                ("low", _("Low")),
                ("medium", _("Medium")),
                ("high", _("High")),
                ("critical", _("Critical")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "risk_basis",
            _("What the risk rating rests on"),
            Kind.CHOICE,
            (
                ("incidents_reported", _("Things that have happened")),
                ("credible_information", _("Reliable information")),
                ("fear_only", _("The person's fear only")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "person_view_of_risk",
            _("The person's own view of the risks"),
            Kind.NOTE,
            help=_("Always ask; feeling unsafe matters even if no threat is found."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "risk_sources",
            _("Who the danger may come from"),
            Kind.MULTI,
            (
                ("trafficker", _("Recruiter, broker, transporter, employer or exploiter")),
                ("trafficker_associates", _("Their relatives or friends")),
                ("own_family", _("The person's own family")),
                ("spouse_partner", _("Spouse or partner")),
                ("in_laws", _("In-laws")),
                ("community", _("People in the community")),
                ("creditors", _("People owed money")),
                ("law_enforcement", _("Police or officials")),
                ("service_providers", _("Service staff")),
                ("other", _("Other")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "risk_types",
            _("Kinds of danger"),
            Kind.MULTI,
            (
                ("threats", _("Threats")),
                ("physical_violence", _("Physical violence")),
                ("sexual_harassment", _("Sexual harassment")),
                ("domestic_violence", _("Violence at home")),
                ("reprisals_for_testimony", _("Revenge for giving evidence")),
                ("re_trafficking", _("Being trafficked again")),
                ("stigma_harassment", _("Harassment because of stigma")),
                ("other", _("Other")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "trafficker_status",
            _("Where the trafficker is now"),
            Kind.CHOICE,
            (
                ("at_large", _("Free, not arrested")),
                ("arrested", _("Arrested")),
                ("imprisoned", _("In prison")),
                ("released", _("Released")),
                ("unknown", _("Not known")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "trafficker_nearby",
            _("Trafficker lives in or near the community"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "perceived_safety",
            _("How safe the person feels"),
            Kind.CHOICE,
            (
                ("very_unsafe", _("Very unsafe")),
                ("unsafe", _("Unsafe")),
                ("unsure", _("Not sure")),
                ("fairly_safe", _("Fairly safe")),
                ("safe", _("Safe")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "family_restrictions",
            _("Family limits the person's movements out of fear"),
            Kind.BOOL,
            help=_("For example keeping the person at home."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec("safety_plan_in_place", _("Has a safety plan"), Kind.BOOL, sensitivity=SENSITIVE),
        FieldSpec(
            "safety_plan_details",
            _("Safety plan: measures, contacts, safe places"),
            Kind.NOTE,
            help=_("May include where the person can hide; only people who need it can read this."),
            sensitivity=RESTRICTED,
        ),
        FieldSpec(
            "child_consulted",
            _("Child asked about the risks"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "carer_consulted",
            _("Parent or guardian asked"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "caregivers_complicit",
            _("Carers took part in the trafficking"),
            Kind.CHOICE,
            NO_SUSPECTED_YES,
            sensitivity=RESTRICTED,
            children_only=True,
        ),
        FieldSpec(
            "risk_in_best_interests",
            _("Risk assessment is part of the best-interests process"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "risks_explained_to_child",
            _("Date risks were explained to the child"),
            Kind.DATE,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
    ),
)


# --- FAM: family assistance, mediation and counselling ----------------------------------------------------

FAM = Area(
    code="FAM",
    section="summary",
    label=_("Family"),
    purpose=_("How the person gets on with their family, what relatives need, and whether going home is safe."),
    fields=(
        FieldSpec(
            "family_support",
            _("Overall, how supportive is the family?"),
            Kind.CHOICE,
            (
                ("supportive", _("Supportive")),
                ("mixed", _("Some members are, some are not")),
                ("unsupportive", _("Not supportive")),
                ("no_family", _("No family")),
                ("no_contact", _("No contact")),
                ("unknown", _("Not known")),
            ),
            help=_("Each relative's relationship is recorded with that relative."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "family_relations_in_own_words",
            _("How the person describes their family"),
            Kind.NOTE,
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "family_issues",
            _("Problems within the family"),
            Kind.MULTI,
            (
                ("domestic_violence", _("Violence at home")),
                ("substance_abuse", _("Drinking or drug use")),
                ("economic_hardship", _("Money problems")),
                ("debt", _("Debt")),
                ("blame_stigma", _("Blame or stigma")),
                ("rejection", _("Rejection")),
                ("conflict", _("Conflict between members")),
                ("changed_roles", _("Changed roles or less say in decisions")),
                ("estranged_children", _("Children grown distant after a long absence")),
                ("child_not_accepted", _("A child born during the exploitation is not accepted")),
                ("other", _("Other")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "relative_complicit",
            _("A relative took part in the trafficking"),
            Kind.CHOICE,
            NO_SUSPECTED_YES,
            help=_("If yes or suspected, share nothing with that relative and review safety."),
            sensitivity=RESTRICTED,
        ),
        FieldSpec(
            "family_knowledge",
            _("What the family knows about what happened"),
            Kind.CHOICE,
            (
                ("nothing", _("Nothing")),
                ("partly", _("Part of it")),
                ("fully", _("All of it")),
                ("unknown", _("Not known")),
            ),
            help=_("Check what the person has told them before any contact."),
            sensitivity=RESTRICTED,
        ),
        FieldSpec(
            "family_member_needs",
            _("Needs of family members"),
            Kind.MULTI,
            (
                ("economic", _("Work, income or debt")),
                ("health", _("Health")),
                ("substance_treatment", _("Treatment for drinking or drugs")),
                ("education", _("Schooling")),
                ("psychological", _("Emotional support")),
                ("other", _("Other")),
            ),
            help=_("Referrals for relatives are recorded separately."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec("contact_before_return", _("In touch with family before returning"), Kind.BOOL),
        FieldSpec(
            "mediation_wanted",
            _("Wants help talking things through with family"),
            Kind.CHOICE,
            WANTS_SUPPORT,
            help=_("Relatives are only contacted with the person's consent."),
        ),
        FieldSpec(
            "family_assessment_outcome",
            _("Family assessment: can the person go home?"),
            Kind.CHOICE,
            (
                ("not_done", _("Not assessed yet")),
                ("return_advised", _("Yes")),
                ("return_with_support", _("Yes, with support")),
                ("return_not_advised", _("Not advised")),
            ),
            sensitivity=SENSITIVE,
        ),
        FieldSpec(
            "tracing_status",
            _("Search for the child's family"),
            Kind.CHOICE,
            (
                ("not_started", _("Not started")),
                ("in_progress", _("Under way")),
                ("traced", _("Family found")),
                ("not_traced", _("Family not found")),
                ("not_appropriate", _("Not appropriate")),
            ),
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "tracing_safety_checked",
            _("Safety checked before contacting the family"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "child_agrees_to_tracing",
            _("Child understands and agrees to the search"),
            Kind.BOOL,
            children_only=True,
        ),
        FieldSpec(
            "parents_able_to_care",
            _("Parents able to care for and protect the child"),
            Kind.CHOICE,
            YES_PARTLY_NO,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "parents_willing_to_care",
            _("Parents willing to take the child back"),
            Kind.CHOICE,
            YES_PARTLY_NO,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
        FieldSpec(
            "contact_plan",
            _("How the child keeps in touch with family"),
            Kind.NOTE,
            help=_("While they live apart, unless contact would be unsafe."),
            children_only=True,
        ),
        FieldSpec("parenting_support_needed", _("Parents need help with parenting"), Kind.BOOL, children_only=True),
        FieldSpec(
            "parents_livelihood_support_needed",
            _("Parents need help to earn a living"),
            Kind.BOOL,
            sensitivity=SENSITIVE,
            children_only=True,
        ),
    ),
)


# --- CAS: case management ---------------------------------------------------------------------------------

CAS = Area(
    code="CAS",
    section="summary",
    label=_("Case management and follow-up"),
    purpose=_("What matters most to the person, and how and how often they want us to stay in touch."),
    fields=(
        FieldSpec(
            "person_priorities",
            _("What matters most to the person right now"),
            Kind.NOTE,
            help=_("Write it in the person's own words."),
        ),
        FieldSpec("long_term_goals", _("The person's own longer-term goals"), Kind.NOTE),
        FieldSpec(
            "options_explained",
            _("Options, risks and limits explained"),
            Kind.BOOL,
            help=_("The person knows what help is possible and is free to say no."),
        ),
        FieldSpec(
            "intensity",
            _("How much follow-up is needed"),
            Kind.CHOICE,
            (
                ("intensive", _("Intensive")),
                ("regular", _("Regular")),
                ("light", _("Light")),
                ("on_request", _("Only when the person asks")),
            ),
        ),
        FieldSpec(
            "followup_channels",
            _("How the person wants to be contacted"),
            Kind.MULTI,
            (
                ("phone", _("Phone call")),
                ("home_visit", _("Home visit")),
                ("meeting_elsewhere", _("Meeting somewhere else, such as a nearby town")),
                ("messaging", _("Messages")),
                ("none", _("No contact")),
            ),
            help=_("Never plan a home visit if the person has said no to one."),
        ),
        FieldSpec(
            "followup_frequency",
            _("How often to keep in touch"),
            Kind.CHOICE,
            (
                ("weekly", _("Every week")),
                ("fortnightly", _("Every two weeks")),
                ("monthly", _("Every month")),
                ("quarterly", _("Every three months")),
                ("on_request", _("Only when the person asks")),
            ),
        ),
        FieldSpec(
            "contact_discretion",
            _("Rules for contacting the person discreetly"),
            Kind.NOTE,
            help=_("Who may pick up the phone, what can be said, no visible logos."),
            sensitivity=SENSITIVE,
        ),
        FieldSpec("contact_language", _("Language for contact"), Kind.TEXT),
        FieldSpec(
            "specialists_needed",
            _("Specialists needed in the team"),
            Kind.MULTI,
            (
                ("psychologist", _("Psychologist")),
                ("medical", _("Doctor or nurse")),
                ("lawyer", _("Lawyer")),
                ("teacher_trainer", _("Teacher or trainer")),
                ("economic_specialist", _("Work and business adviser")),
                ("guardian", _("Guardian")),
                ("interpreter", _("Interpreter or cultural mediator")),
                ("other", _("Other")),
            ),
        ),
        FieldSpec(
            "knows_how_to_return",
            _("Person knows how to reach us again later"),
            Kind.BOOL,
            help=_("Also after the case is closed."),
        ),
        FieldSpec("guardian_involved", _("Guardian takes part in the case"), Kind.BOOL, children_only=True),
        FieldSpec(
            "best_interests_stage",
            _("Best-interests process"),
            Kind.CHOICE,
            (
                ("not_started", _("Not started")),
                ("assessment_in_progress", _("Assessment under way")),
                ("assessment_done", _("Assessment done")),
                ("determination_in_progress", _("Formal decision under way")),
                ("determination_done", _("Formal decision made")),
            ),
            children_only=True,
        ),
        FieldSpec("child_view", _("The child's own views"), Kind.NOTE, children_only=True),
        FieldSpec(
            "parents_view",
            _("The parents' or guardian's views"),
            Kind.NOTE,
            help=_("Kept apart from the child's views."),
            children_only=True,
        ),
        FieldSpec(
            "child_protection_involved",
            _("Local child protection services involved"),
            Kind.BOOL,
            children_only=True,
        ),
        FieldSpec("next_periodic_review", _("Next review of care and treatment"), Kind.DATE, children_only=True),
    ),
)


AREAS: tuple[Area, ...] = (HOU, MED, PSY, EDU, ECO, ADM, LEG, SAF, FAM, CAS)
AREAS_BY_CODE: dict[str, Area] = {a.code: a for a in AREAS}

# Where an answer came from.
SOURCES = (
    ("self_report", _("Told by the person")),
    ("worker_observation", _("Observed by the worker")),
    ("professional_assessment", _("Professional assessment")),
    ("document", _("Document")),
    ("third_party", _("Third party")),
)
