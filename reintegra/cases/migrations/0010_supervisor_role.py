# The role that oversees cases and workers is called what the field calls it: the supervisor.
# (In the guidebook, the case manager is the worker responsible for a case.) A rename keeps the data.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0009_reopening_reason_constraint'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name='case', old_name='case_manager', new_name='supervisor'),
        migrations.AlterField(
            model_name='case',
            name='supervisor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='supervised_cases', to=settings.AUTH_USER_MODEL, verbose_name='supervisor'),
        ),
    ]
