"""A support item can be of several kinds (a grant given in kind): the one kind recorded so far
becomes the first of its kinds."""

from django.db import migrations, models


def copy_kind(apps, schema_editor):
    SupportItem = apps.get_model("plans", "SupportItem")
    for item in SupportItem.objects.all():
        item.kinds = item.kind
        item.save(update_fields=["kinds"])


def copy_first_kind_back(apps, schema_editor):
    SupportItem = apps.get_model("plans", "SupportItem")
    for item in SupportItem.objects.all():
        item.kind = item.kinds.split(",")[0]
        item.save(update_fields=["kind"])


class Migration(migrations.Migration):
    dependencies = [("plans", "0004_plan_per_episode_constraint")]

    operations = [
        migrations.AddField(
            model_name="supportitem",
            name="kinds",
            field=models.CharField(default="", max_length=100, verbose_name="kinds"),
            preserve_default=False,
        ),
        migrations.RunPython(copy_kind, copy_first_kind_back),
    ]
