"""Four answers that can hold several facts at once become multi-choice: a home both mortgaged for
migrating and lost to missed payments, care paid both by the state and by insurance, a person
supported by a social worker and an advocate, a risk rating resting on incidents and on reliable
information. A single answer already recorded becomes a list of one; nothing is lost."""

from django.db import migrations

NOW_MULTI = {("HOU", "home_lost"), ("MED", "health_coverage"), ("LEG", "support_person"), ("SAF", "risk_basis")}


def single_answers_to_lists(apps, schema_editor):
    Observation = apps.get_model("assessments", "Observation")
    for area, field in NOW_MULTI:
        for answer in Observation.objects.filter(area=area, field=field):
            if isinstance(answer.value, str):
                answer.value = [answer.value]
                answer.save(update_fields=["value"])


def lists_to_single_answers(apps, schema_editor):
    Observation = apps.get_model("assessments", "Observation")
    for area, field in NOW_MULTI:
        for answer in Observation.objects.filter(area=area, field=field):
            if isinstance(answer.value, list):
                # Going back keeps the first fact only: the old field had room for one.
                answer.value = answer.value[0] if answer.value else None
                answer.save(update_fields=["value"])


class Migration(migrations.Migration):
    dependencies = [("assessments", "0004_observation_warning")]

    operations = [migrations.RunPython(single_answers_to_lists, lists_to_single_answers)]
