from django.db import migrations


def create_head(apps, schema_editor):
    # The writers lock this row; creating it up front avoids a race on the very first record.
    apps.get_model("audit", "AuditChainHead").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
