"""Needs-assessment fields of the administrative support area (ADM)."""

from django.utils.translation import gettext_lazy as _

from reintegra.assessments.catalogue.fields import DOCUMENT_TYPES, SENSITIVE, Area, FieldSpec, Kind

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
            help=_("Lost, taken, expired or never issued. Plan each application as an action in the plan."),
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
