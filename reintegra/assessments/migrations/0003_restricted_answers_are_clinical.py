# Data only: answers to the restricted fields of the mental-health area were filed under that
# area's section, which the whole team opens. They now form the clinical section.
from django.db import migrations

# Frozen: the restricted fields of the health and mental-health areas when this was written.
CLINICAL_FIELDS = {("PSY", "assessment_tool"), ("PSY", "trauma_indicators"), ("PSY", "professional_assessment"), ("PSY", "disclosure_map")}


def reclassify(apps, schema_editor):
    Observation = apps.get_model("assessments", "Observation")
    for area, field in CLINICAL_FIELDS:
        Observation.objects.filter(area=area, field=field).update(section="clinical")


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_clinical_section")]

    operations = [migrations.RunPython(reclassify, migrations.RunPython.noop)]
