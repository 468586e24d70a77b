# Every room and track has its edition now (0003): the site is required, and names and slugs
# are unique per edition.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('program', '0003_give_rooms_and_tracks_to_editions'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AlterField(
            model_name='room',
            name='site',
            field=models.ForeignKey(help_text='The edition (site) this belongs to; only its pages can use it.', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site', verbose_name='edition'),
        ),
        migrations.AlterField(
            model_name='track',
            name='site',
            field=models.ForeignKey(help_text='The edition (site) this belongs to; only its pages can use it.', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site', verbose_name='edition'),
        ),
        migrations.AddConstraint(
            model_name='room',
            constraint=models.UniqueConstraint(fields=('site', 'slug'), name='program_room_slug_per_edition'),
        ),
        migrations.AddConstraint(
            model_name='room',
            constraint=models.UniqueConstraint(fields=('site', 'name'), name='program_room_name_per_edition'),
        ),
        migrations.AddConstraint(
            model_name='track',
            constraint=models.UniqueConstraint(fields=('site', 'slug'), name='program_track_slug_per_edition'),
        ),
        migrations.AddConstraint(
            model_name='track',
            constraint=models.UniqueConstraint(fields=('site', 'name'), name='program_track_name_per_edition'),
        ),
    ]
