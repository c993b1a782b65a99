# Data only: add the new index entries (name tokens, birth year) for persons registered before.
# Uses the historical models, whose encrypted fields decrypt as the real ones do, and the index
# key from the environment, like the application itself.
from django.db import migrations

from reintegra.cases.indexing import digest, identifier_keys

NEW_KINDS = ("name_token", "birth_year")


def add_entries(apps, schema_editor):
    Person = apps.get_model("cases", "Person")
    PersonIndexEntry = apps.get_model("cases", "PersonIndexEntry")
    for person in Person.objects.iterator(chunk_size=500):
        keys = identifier_keys(
            given_name=person.given_name,
            family_name=person.family_name,
            other_names=person.other_names or [],
            birth_date=person.birth_date,
        )
        PersonIndexEntry.objects.bulk_create(
            [
                PersonIndexEntry(
                    person_id=person.pk,
                    organisation_id=person.organisation_id,
                    kind=kind,
                    digest=digest(person.organisation_id, kind, value),
                )
                for kind, value in sorted(keys)
                if kind in NEW_KINDS
            ],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_name_tokens")]

    operations = [migrations.RunPython(add_entries, migrations.RunPython.noop)]
