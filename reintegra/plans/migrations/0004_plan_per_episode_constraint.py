# The constraint in its own migration: PostgreSQL refuses to alter a table with pending
# trigger events from the data migration before it.
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0003_plan_per_episode'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='plan',
            constraint=models.UniqueConstraint(fields=('case', 'episode'), name='plan_one_per_episode'),
        ),
    ]
