"""Needs-assessment fields of the housing, care and accommodation area (HOU)."""

from django.utils.translation import gettext_lazy as _

from reintegra.assessments.catalogue.fields import (
    HOUSING_TYPES,
    LONG_TERM_HOUSING,
    SENSITIVE,
    YES_PARTLY_NO,
    Area,
    FieldSpec,
    Kind,
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
            Kind.MULTI,
            (
                ("not_lost", _("No")),
                ("missed_payments", _("Yes, payments stopped during the exploitation")),
                ("mortgaged_for_migration", _("Yes, mortgaged to pay for migrating")),
                ("other_debt", _("Yes, because of other debt")),
                ("other", _("Yes, another reason")),
                ("unknown", _("Not known")),
            ),
            exclusive_values=("not_lost", "unknown"),
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
