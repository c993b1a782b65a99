"""Languages recorded as a regional variant (en-gb, pt-br, zh-hans) become the language alone,
the ISO 639 code HTCDS asks for and the only kind the forms now offer."""

from django.db import migrations


def to_iso_639(apps, schema_editor):
    Person = apps.get_model("cases", "Person")
    # The historical model reads encrypted values sealed: the field opens them with the record's id.
    field = Person._meta.get_field("languages")
    for person in Person.objects.only("pk", "languages").iterator(chunk_size=500):
        languages = list(field.open(person.languages, person.pk) or [])
        cleaned = list(dict.fromkeys(code.split("-")[0].lower() for code in languages))
        if cleaned != languages:
            person.languages = cleaned
            person.save(update_fields=["languages"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0016_htcds_profile")]

    operations = [migrations.RunPython(to_iso_639, migrations.RunPython.noop, elidable=True)]
