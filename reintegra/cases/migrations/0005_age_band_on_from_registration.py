# Data only: a band given before this field existed is taken as given on the day the person was
# registered (the band is encrypted, so every person's date is set; it is read only with a band).
from django.db import migrations
from django.db.models import F
from django.db.models.functions import TruncDate


def fill(apps, schema_editor):
    Person = apps.get_model("cases", "Person")
    Person.objects.filter(age_band_on__isnull=True).update(age_band_on=TruncDate(F("created_at")))


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_age_band_on")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
