"""The secretariat's records move here from the council app without losing a row.

The council app created these tables (council 0003); this migration takes them over: first the
models enter this app's state under their old table names (nothing happens to the database), then
each table is renamed to this app's (with its many-to-many tables), and the content types follow, so
generic links (reminder deliveries, history, permissions) keep pointing at the same rows. Council's
0006 then drops the models from its own state.
"""

import datetime
import django.core.validators
import django.db.models.deletion
import secretariat.models
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MODELS = [
    "agreement",
    "commitment",
    "correspondence",
    "actionitem",
    "correspondenceattachment",
    "historicalactionitem",
    "historicalagreement",
    "historicalcommitment",
    "historicalcorrespondence",
    "referencecounter",
]


def move_content_types(from_app: str, to_app: str):
    def move(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType").objects.using(schema_editor.connection.alias)
        # Where both exist (the new app's were made by a migrate that stopped halfway), the old one keeps
        # the links: the new app's empty ones go.
        content_types.filter(app_label=to_app, model__in=MODELS).delete()
        content_types.filter(app_label=from_app, model__in=MODELS).update(app_label=to_app)

    return move


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('assemblies', '0006_calendarfeed_token_hash'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('council', '0005_person_email_sendable'),
        ('teams', '0004_dates_within_span'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='Agreement',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ('title_en', models.CharField(max_length=300, verbose_name='title (English)')),
                    ('title_ko', models.CharField(max_length=300, verbose_name='title (Korean)')),
                    ('title_zh_hans', models.CharField(max_length=300, verbose_name='title (Simplified Chinese)')),
                    ('parties', models.TextField(help_text='One per line.', verbose_name='parties')),
                    ('signed_on', models.DateField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(datetime.date(1900, 1, 1), message='Enter a date between 1900 and 2100.'), django.core.validators.MaxValueValidator(datetime.date(2100, 12, 31), message='Enter a date between 1900 and 2100.')], verbose_name='signed on')),
                    ('signed_place', models.CharField(blank=True, max_length=200, verbose_name='signed at')),
                    ('signatories', models.TextField(blank=True, help_text='One per line.', verbose_name='signatories')),
                    ('status', models.CharField(choices=[('draft', 'Draft'), ('signed', 'Signed'), ('in_force', 'In force'), ('under_review', 'Under review'), ('expired', 'Expired'), ('terminated', 'Terminated')], default='draft', max_length=16, verbose_name='status')),
                    ('review_on', models.DateField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(datetime.date(1900, 1, 1), message='Enter a date between 1900 and 2100.'), django.core.validators.MaxValueValidator(datetime.date(2100, 12, 31), message='Enter a date between 1900 and 2100.')], verbose_name='review date')),
                    ('expires_on', models.DateField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(datetime.date(1900, 1, 1), message='Enter a date between 1900 and 2100.'), django.core.validators.MaxValueValidator(datetime.date(2100, 12, 31), message='Enter a date between 1900 and 2100.')], verbose_name='expiry date')),
                    ('document', models.FileField(blank=True, upload_to='agreements/', verbose_name='signed document')),
                    ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agreements', to='council.council', verbose_name='council')),
                ],
                options={
                    'db_table': 'council_agreement',
                    'verbose_name': 'agreement',
                    'verbose_name_plural': 'agreements',
                    'ordering': ['-signed_on', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='Commitment',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ('clause', models.CharField(blank=True, help_text='e.g. Art. 3', max_length=40, verbose_name='clause')),
                    ('text', models.TextField(verbose_name='commitment')),
                    ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                    ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='commitments', to='secretariat.agreement')),
                    ('exchanges', models.ManyToManyField(blank=True, related_name='commitments', to='teams.exchange', verbose_name='exchanges that carry it out')),
                    ('owner_team', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='commitments', to='teams.team', verbose_name='owner team')),
                ],
                options={
                    'db_table': 'council_commitment',
                    'verbose_name': 'commitment',
                    'verbose_name_plural': 'commitments',
                    'ordering': ['agreement', 'order', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='Correspondence',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ('reference', models.CharField(max_length=60, verbose_name='reference')),
                    ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                    ('number', models.PositiveIntegerField(verbose_name='number')),
                    ('sent_at', models.DateTimeField(validators=[django.core.validators.MinValueValidator(datetime.datetime(1899, 12, 31, 10, 0, tzinfo=datetime.timezone.utc), message='Enter a date between 1900 and 2100.'), django.core.validators.MaxValueValidator(datetime.datetime(2101, 1, 1, 12, 0, tzinfo=datetime.timezone.utc), message='Enter a date between 1900 and 2100.')], verbose_name='date and time')),
                    ('channel', models.CharField(choices=[('letter', 'Official letter'), ('email', 'E-mail'), ('video_call', 'Video call'), ('meeting', 'Meeting'), ('phone', 'Phone')], max_length=16, verbose_name='channel')),
                    ('subject', models.CharField(max_length=300, verbose_name='subject')),
                    ('summary', models.TextField(blank=True, verbose_name='summary')),
                    ('assembly', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='correspondence', to='assemblies.assembly', verbose_name='related assembly')),
                    ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='correspondence', to='council.council', verbose_name='council')),
                    ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('exchange', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='correspondence', to='teams.exchange', verbose_name='related exchange')),
                    ('from_city', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='council.city', verbose_name='from')),
                    ('in_reply_to', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='replies', to='secretariat.correspondence', verbose_name='in reply to')),
                    ('people', models.ManyToManyField(blank=True, related_name='correspondence', to='council.person', verbose_name='people on each side')),
                    ('team', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='correspondence', to='teams.team', verbose_name='team concerned')),
                    ('to_city', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='council.city', verbose_name='to')),
                ],
                options={
                    'db_table': 'council_correspondence',
                    'verbose_name': 'correspondence',
                    'verbose_name_plural': 'correspondence',
                    'ordering': ['-sent_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='ActionItem',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ('title', models.CharField(max_length=300, verbose_name='what')),
                    ('description', models.TextField(blank=True, verbose_name='details')),
                    ('due_on', models.DateField(validators=[django.core.validators.MinValueValidator(datetime.date(1900, 1, 1), message='Enter a date between 1900 and 2100.'), django.core.validators.MaxValueValidator(datetime.date(2100, 12, 31), message='Enter a date between 1900 and 2100.')], verbose_name='due date')),
                    ('status', models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], default='open', max_length=16, verbose_name='status')),
                    ('dropped_reason', models.TextField(blank=True, verbose_name='reason for dropping')),
                    ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='action_items', to='council.council', verbose_name='council')),
                    ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('exchange', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='action_items', to='teams.exchange', verbose_name='exchange')),
                    ('owner', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='action_items', to='council.person', verbose_name='owner')),
                    ('resolution', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='action_items', to='assemblies.resolution', verbose_name='assembly resolution')),
                    ('team', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='action_items', to='teams.team', verbose_name='team')),
                    ('commitment', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='action_items', to='secretariat.commitment', verbose_name='agreement commitment')),
                    ('correspondence', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='action_items', to='secretariat.correspondence', verbose_name='letter or message')),
                ],
                options={
                    'db_table': 'council_actionitem',
                    'verbose_name': 'action item',
                    'verbose_name_plural': 'action items',
                    'ordering': ['due_on', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='CorrespondenceAttachment',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ('original_name', models.CharField(max_length=255, verbose_name='file name')),
                    ('content_type', models.CharField(max_length=100, verbose_name='type')),
                    ('size', models.PositiveIntegerField(verbose_name='size (bytes)')),
                    ('file', models.FileField(upload_to=secretariat.models.correspondence_attachment_path, verbose_name='file')),
                    ('correspondence', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='secretariat.correspondence')),
                    ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'council_correspondenceattachment',
                    'verbose_name': 'attachment',
                    'verbose_name_plural': 'attachments',
                    'ordering': ['created_at'],
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='HistoricalActionItem',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                    ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                    ('title', models.CharField(max_length=300, verbose_name='what')),
                    ('description', models.TextField(blank=True, verbose_name='details')),
                    ('due_on', models.DateField(validators=[django.core.validators.MinValueValidator(datetime.date(1900, 1, 1), message='Enter a date between 1900 and 2100.'), django.core.validators.MaxValueValidator(datetime.date(2100, 12, 31), message='Enter a date between 1900 and 2100.')], verbose_name='due date')),
                    ('status', models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], default='open', max_length=16, verbose_name='status')),
                    ('dropped_reason', models.TextField(blank=True, verbose_name='reason for dropping')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('commitment', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='secretariat.commitment', verbose_name='agreement commitment')),
                    ('correspondence', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='secretariat.correspondence', verbose_name='letter or message')),
                    ('council', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='council.council', verbose_name='council')),
                    ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('exchange', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='teams.exchange', verbose_name='exchange')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('owner', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='council.person', verbose_name='owner')),
                    ('resolution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assemblies.resolution', verbose_name='assembly resolution')),
                    ('team', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='teams.team', verbose_name='team')),
                ],
                options={
                    'db_table': 'council_historicalactionitem',
                    'verbose_name': 'historical action item',
                    'verbose_name_plural': 'historical action items',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalAgreement',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                    ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                    ('title_en', models.CharField(max_length=300, verbose_name='title (English)')),
                    ('title_ko', models.CharField(max_length=300, verbose_name='title (Korean)')),
                    ('title_zh_hans', models.CharField(max_length=300, verbose_name='title (Simplified Chinese)')),
                    ('parties', models.TextField(help_text='One per line.', verbose_name='parties')),
                    ('signed_on', models.DateField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(datetime.date(1900, 1, 1), message='Enter a date between 1900 and 2100.'), django.core.validators.MaxValueValidator(datetime.date(2100, 12, 31), message='Enter a date between 1900 and 2100.')], verbose_name='signed on')),
                    ('signed_place', models.CharField(blank=True, max_length=200, verbose_name='signed at')),
                    ('signatories', models.TextField(blank=True, help_text='One per line.', verbose_name='signatories')),
                    ('status', models.CharField(choices=[('draft', 'Draft'), ('signed', 'Signed'), ('in_force', 'In force'), ('under_review', 'Under review'), ('expired', 'Expired'), ('terminated', 'Terminated')], default='draft', max_length=16, verbose_name='status')),
                    ('review_on', models.DateField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(datetime.date(1900, 1, 1), message='Enter a date between 1900 and 2100.'), django.core.validators.MaxValueValidator(datetime.date(2100, 12, 31), message='Enter a date between 1900 and 2100.')], verbose_name='review date')),
                    ('expires_on', models.DateField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(datetime.date(1900, 1, 1), message='Enter a date between 1900 and 2100.'), django.core.validators.MaxValueValidator(datetime.date(2100, 12, 31), message='Enter a date between 1900 and 2100.')], verbose_name='expiry date')),
                    ('document', models.TextField(blank=True, max_length=100, verbose_name='signed document')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('council', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='council.council', verbose_name='council')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'council_historicalagreement',
                    'verbose_name': 'historical agreement',
                    'verbose_name_plural': 'historical agreements',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalCommitment',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                    ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                    ('clause', models.CharField(blank=True, help_text='e.g. Art. 3', max_length=40, verbose_name='clause')),
                    ('text', models.TextField(verbose_name='commitment')),
                    ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='secretariat.agreement')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('owner_team', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='teams.team', verbose_name='owner team')),
                ],
                options={
                    'db_table': 'council_historicalcommitment',
                    'verbose_name': 'historical commitment',
                    'verbose_name_plural': 'historical commitments',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalCorrespondence',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                    ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                    ('reference', models.CharField(max_length=60, verbose_name='reference')),
                    ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                    ('number', models.PositiveIntegerField(verbose_name='number')),
                    ('sent_at', models.DateTimeField(validators=[django.core.validators.MinValueValidator(datetime.datetime(1899, 12, 31, 10, 0, tzinfo=datetime.timezone.utc), message='Enter a date between 1900 and 2100.'), django.core.validators.MaxValueValidator(datetime.datetime(2101, 1, 1, 12, 0, tzinfo=datetime.timezone.utc), message='Enter a date between 1900 and 2100.')], verbose_name='date and time')),
                    ('channel', models.CharField(choices=[('letter', 'Official letter'), ('email', 'E-mail'), ('video_call', 'Video call'), ('meeting', 'Meeting'), ('phone', 'Phone')], max_length=16, verbose_name='channel')),
                    ('subject', models.CharField(max_length=300, verbose_name='subject')),
                    ('summary', models.TextField(blank=True, verbose_name='summary')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('assembly', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assemblies.assembly', verbose_name='related assembly')),
                    ('council', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='council.council', verbose_name='council')),
                    ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('exchange', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='teams.exchange', verbose_name='related exchange')),
                    ('from_city', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='council.city', verbose_name='from')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('in_reply_to', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='secretariat.correspondence', verbose_name='in reply to')),
                    ('team', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='teams.team', verbose_name='team concerned')),
                    ('to_city', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='council.city', verbose_name='to')),
                ],
                options={
                    'db_table': 'council_historicalcorrespondence',
                    'verbose_name': 'historical correspondence',
                    'verbose_name_plural': 'historical correspondence',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='ReferenceCounter',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('year', models.PositiveSmallIntegerField()),
                    ('last_number', models.PositiveIntegerField(default=0)),
                    ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='council.council')),
                ],
                options={
                    'db_table': 'council_referencecounter',
                },
            ),
            migrations.AddIndex(
                model_name='correspondence',
                index=models.Index(fields=['council', '-sent_at'], name='correspondence_sent'),
            ),
            migrations.AddConstraint(
                model_name='correspondence',
                constraint=models.UniqueConstraint(fields=('council', 'reference'), name='correspondence_reference_unique'),
            ),
            migrations.AddConstraint(
                model_name='correspondence',
                constraint=models.UniqueConstraint(fields=('council', 'year', 'number'), name='correspondence_number_unique'),
            ),
            migrations.AddConstraint(
                model_name='correspondence',
                constraint=models.CheckConstraint(condition=models.Q(('from_city', models.F('to_city')), _negated=True), name='correspondence_two_cities'),
            ),
            migrations.AddIndex(
                model_name='actionitem',
                index=models.Index(fields=['owner', 'status', 'due_on'], name='action_owner_due'),
            ),
            migrations.AddIndex(
                model_name='actionitem',
                index=models.Index(fields=['council', 'status', 'due_on'], name='action_council_due'),
            ),
            migrations.AddConstraint(
                model_name='referencecounter',
                constraint=models.UniqueConstraint(fields=('council', 'year'), name='reference_counter_once_per_year'),
            ),
            ],
        ),
        migrations.AlterModelTable(name='agreement', table=None),
        migrations.AlterModelTable(name='commitment', table=None),
        migrations.AlterModelTable(name='correspondence', table=None),
        migrations.AlterModelTable(name='actionitem', table=None),
        migrations.AlterModelTable(name='correspondenceattachment', table=None),
        migrations.AlterModelTable(name='historicalactionitem', table=None),
        migrations.AlterModelTable(name='historicalagreement', table=None),
        migrations.AlterModelTable(name='historicalcommitment', table=None),
        migrations.AlterModelTable(name='historicalcorrespondence', table=None),
        migrations.AlterModelTable(name='referencecounter', table=None),
        migrations.RunPython(move_content_types("council", "secretariat"), move_content_types("secretariat", "council")),
    ]
