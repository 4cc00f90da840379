from django.db import migrations, models


def reasons_in_their_writers_language(apps, schema_editor):
    """A reason given so far was written in its writer's language: their city's, where known."""
    ScheduleChange = apps.get_model("assemblies", "ScheduleChange")
    Person = apps.get_model("council", "Person")
    languages = dict(Person.objects.filter(user__isnull=False).values_list("user_id", "city__language"))
    for change in ScheduleChange.objects.exclude(by=None).only("pk", "by_id"):
        if languages.get(change.by_id):
            ScheduleChange.objects.filter(pk=change.pk).update(language=languages[change.by_id])


class Migration(migrations.Migration):
    dependencies = [
        ("assemblies", "0007_texts_in_every_language"),
        ("council", "0007_city_language_translator_role"),
    ]

    operations = [
        migrations.AddField(
            model_name="schedulechange",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("ko", "한국어"), ("zh-hans", "简体中文")],
                default="en",
                max_length=8,
                verbose_name="written in",
            ),
        ),
        migrations.RunPython(reasons_in_their_writers_language, migrations.RunPython.noop),
    ]
