# Each room and track goes to the edition whose talks and schedule items use it; one used in
# several editions is copied for each (home.edition_rows). A migration of its own: PostgreSQL
# refuses to alter a table in the transaction that updated its rows.

from django.db import migrations

from home.edition_rows import Use, give_rows_to_editions, share_rows_again

ROOM_USES = [
    Use("program.TalkPage", "room"),
    Use("program.ScheduleItem", "room", page="page", inline="schedule_items"),
]
TRACK_USES = [Use("program.TalkPage", "track")]


def forwards(apps, schema_editor):
    give_rows_to_editions(apps, schema_editor, "program.Room", ROOM_USES)
    give_rows_to_editions(apps, schema_editor, "program.Track", TRACK_USES)


def backwards(apps, schema_editor):
    share_rows_again(apps, schema_editor, "program.Room", ROOM_USES)
    share_rows_again(apps, schema_editor, "program.Track", TRACK_USES)


class Migration(migrations.Migration):

    dependencies = [
        ('program', '0002_room_track_site'),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
