# Data only: existing organisations get their country's main time zone.
from django.db import migrations

from reintegra.core.zones import main_time_zone


def fill(apps, schema_editor):
    Organisation = apps.get_model("orgs", "Organisation")
    for organisation in Organisation.objects.filter(time_zone=""):
        organisation.time_zone = main_time_zone(str(organisation.country))
        organisation.save(update_fields=["time_zone"])


class Migration(migrations.Migration):
    dependencies = [("orgs", "0002_time_zone")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
