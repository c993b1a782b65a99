# The constraint in its own migration: PostgreSQL refuses to alter a table with pending
# trigger events from the data migration before it.
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0008_reopening_episodes'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='casestatuschange',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('from_status', 'closed'), models.Q(('to_status', 'closed'), _negated=True), ('reopening_reason__in', ['new_need', 'safety', 'exploited_again', 'came_back', 'closed_too_early', 'other', 'not_recorded']), ('requested_by__in', ['person', 'family', 'partner', 'authority', 'our_team', 'other', 'not_recorded'])), models.Q(models.Q(('from_status', 'closed'), _negated=True), ('reopening_reason', ''), ('requested_by', '')), _connector='OR'), name='status_change_reopening_has_reason'),
        ),
    ]
