"""Needs-assessment fields of the case management area (CAS)."""

from django.utils.translation import gettext_lazy as _

from reintegra.assessments.catalogue.fields import Area, FieldSpec, Kind

# --- CAS: case management ---------------------------------------------------------------------------------

CAS = Area(
    code="CAS",
    section="summary",
    label=_("Case management and follow-up"),
    # How, when and how often to get in touch is recorded once, as the follow-up's contact
    # preferences (safety section): the area links there instead of keeping a second copy.
    purpose=_("What matters most to the person, and how much follow-up they need."),
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
