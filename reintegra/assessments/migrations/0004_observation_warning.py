# Whether an answer is a warning sign, stored beside the encrypted value so that the supervision
# query finds it in SQL; existing answers are marked from their decrypted values.
from django.db import migrations, models

# Frozen: the only field with warning answers when this was written (the other, ECO
# remigration_plans, is new and has no answers yet).
WARNING_ANSWERS = {("SAF", "risk_level"): {"high", "critical"}}


def mark_warnings(apps, schema_editor):
    Observation = apps.get_model("assessments", "Observation")
    for (area, field), values in WARNING_ANSWERS.items():
        warning_ids = [
            pk
            for pk, value in Observation.objects.filter(area=area, field=field).values_list("pk", "value").iterator()
            if value in values
        ]
        for start in range(0, len(warning_ids), 500):  # within any backend's limit of parameters
            Observation.objects.filter(pk__in=warning_ids[start : start + 500]).update(warning=True)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0003_restricted_answers_are_clinical")]

    operations = [
        migrations.AddField(model_name="observation", name="warning", field=models.BooleanField(default=False)),
        migrations.RunPython(mark_warnings, migrations.RunPython.noop),
    ]
