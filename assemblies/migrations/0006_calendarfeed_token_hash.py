"""Calendar feeds keep a hash of their token, never the token.

Every existing feed is removed: its token has travelled in access logs, and a hash could not be made
to match an address derived afresh anyway. Each person's calendar page makes a new address at the next
visit; calendar apps must subscribe again with it. The same on the way back.
"""

from django.db import migrations, models


def remove_feeds(apps, schema_editor):
    apps.get_model("assemblies", "CalendarFeed").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assemblies", "0005_dates_within_span"),
    ]

    operations = [
        migrations.RunPython(remove_feeds, migrations.RunPython.noop),
        migrations.RemoveField(model_name="calendarfeed", name="token"),
        migrations.AddField(
            model_name="calendarfeed",
            name="nonce",
            field=models.CharField(default="", max_length=64, verbose_name="nonce"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(default="", max_length=64, unique=True, verbose_name="token hash"),
            preserve_default=False,
        ),
        # Backwards, the old token column comes back unique: no rows may be there when it does.
        migrations.RunPython(migrations.RunPython.noop, remove_feeds),
    ]
