"""Needs-assessment fields of the medical assistance area (MED)."""

from django.utils.translation import gettext_lazy as _

from reintegra.assessments.catalogue.fields import ABLE_LIMITED_UNABLE, SENSITIVE, Area, FieldSpec, Kind

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
