"""The secretariat's records (correspondence, action items, agreements) moved to the secretariat app.

State only: the secretariat's first migration has already taken over their tables and content types
(it runs first, see the dependency), so the council app just stops knowing the models: each one after
those that point at it, so the state never holds a link to a model it has dropped.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0005_person_email_sendable"),
        ("secretariat", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalActionItem"),
                migrations.DeleteModel(name="HistoricalAgreement"),
                migrations.DeleteModel(name="HistoricalCommitment"),
                migrations.DeleteModel(name="HistoricalCorrespondence"),
                migrations.DeleteModel(name="CorrespondenceAttachment"),
                migrations.DeleteModel(name="ActionItem"),
                migrations.DeleteModel(name="Commitment"),
                migrations.DeleteModel(name="Agreement"),
                migrations.DeleteModel(name="Correspondence"),
                migrations.DeleteModel(name="ReferenceCounter"),
            ],
        ),
    ]
