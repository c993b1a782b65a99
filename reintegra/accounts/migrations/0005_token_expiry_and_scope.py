"""API tokens get an expiry and a scope. Tokens issued before keep working as they did, reading
and writing, for one more lifetime counted from this migration: their owners get time to replace
them rather than an outage."""

from datetime import timedelta

from django.db import migrations, models
from django.utils import timezone

LIFETIME = timedelta(days=90)


def give_existing_tokens_one_lifetime(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=timezone.now() + LIFETIME)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_supervisor_role")]

    operations = [
        migrations.AlterModelOptions(
            name="apitoken",
            options={"ordering": ["-created_at", "-pk"], "verbose_name": "API token", "verbose_name_plural": "API tokens"},
        ),
        migrations.AddField(
            model_name="apitoken",
            name="scope",
            field=models.CharField(
                choices=[("read", "Read only"), ("read_write", "Read and write")],
                default="read_write",
                max_length=10,
                verbose_name="scope",
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.RunPython(give_existing_tokens_one_lifetime, migrations.RunPython.noop),
    ]
