# Data only, in a migration of its own: PostgreSQL refuses to alter a table in the transaction
# that just updated its rows through a deferred foreign key.
from django.db import migrations
from django.db.models import Q

# Frozen copies, as they were when this migration was written: the service areas' sections and
# the scopes that carry a section of their own.
AREA_SECTIONS = {
    "HOU": "summary", "MED": "health", "PSY": "mental_health", "EDU": "summary", "ECO": "summary",
    "ADM": "summary", "LEG": "legal", "SAF": "safety", "FAM": "summary", "CAS": "summary",
}
SCOPE_SECTIONS = {"medical_test": "health", "legal_step": "legal", "family_contact": "sensitive"}


def classify_existing(apps, schema_editor):
    """Decisions about plan actions copied the action's description and were shown to anyone who
    could see the case. Link each thread to its action and give it the action's section."""
    Consent = apps.get_model("consents", "Consent")
    Action = apps.get_model("plans", "Action")
    for scope, section in SCOPE_SECTIONS.items():
        Consent.objects.filter(scope=scope).update(section=section)
    for action_id, area, consent_id, first_id in Action.objects.exclude(consent=None).values_list(
        "pk", "area", "consent_id", "consent__first_id"
    ):
        thread = first_id or consent_id
        Consent.objects.filter(Q(pk=thread) | Q(first_id=thread)).update(
            plan_action_id=action_id, section=AREA_SECTIONS[area]
        )



class Migration(migrations.Migration):
    dependencies = [("consents", "0002_section_and_plan_action")]

    operations = [migrations.RunPython(classify_existing, migrations.RunPython.noop)]
