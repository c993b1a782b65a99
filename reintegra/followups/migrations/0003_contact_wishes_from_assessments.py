"""Contact wishes recorded in the assessment's case-management area move to the follow-up's
contact preferences, their one home from now on. Where the preferences already say something,
they win: they are what workers have been checking contacts against."""

from django.db import migrations

CHANNELS = {"phone": "phone", "messaging": "message", "meeting_elsewhere": "meeting"}
MONTHLY_OR_MORE = {"weekly", "fortnightly", "monthly"}


def move_contact_wishes(apps, schema_editor):
    Observation = apps.get_model("assessments", "Observation")
    ContactPreference = apps.get_model("followups", "ContactPreference")
    Organisation = apps.get_model("orgs", "Organisation")
    Case = apps.get_model("cases", "Case")
    latest = {}
    fields = ("followup_channels", "followup_frequency", "contact_discretion")
    answers = Observation.objects.filter(area="CAS", field__in=fields).select_related("assessment")
    for answer in answers.order_by("assessment__version", "pk"):
        latest.setdefault(answer.assessment.case_id, {})[answer.field] = answer.value
    for case_id, wishes in latest.items():
        preference = ContactPreference.objects.filter(case_id=case_id).first()
        if preference is None:
            case = Case.objects.get(pk=case_id)
            zone = Organisation.objects.get(pk=case.organisation_id).time_zone or "UTC"
            preference = ContactPreference(case_id=case_id, timezone=zone)
        channels = wishes.get("followup_channels") or []
        if not preference.channels:
            preference.channels = sorted({CHANNELS[c] for c in channels if c in CHANNELS})
        if "home_visit" in channels:
            preference.home_visits_allowed = True
        if preference.preferred_every_months is None and wishes.get("followup_frequency") in MONTHLY_OR_MORE:
            preference.preferred_every_months = 1
        if not preference.what_may_be_said and wishes.get("contact_discretion"):
            preference.what_may_be_said = wishes["contact_discretion"]
        preference.save()


class Migration(migrations.Migration):
    dependencies = [
        ("followups", "0002_contact_wishes_and_cycles"),
        ("assessments", "0004_observation_warning"),
        ("cases", "0009_reopening_reason_constraint"),
    ]

    operations = [migrations.RunPython(move_contact_wishes, migrations.RunPython.noop)]
