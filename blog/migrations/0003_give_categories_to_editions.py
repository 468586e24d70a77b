# Each news category goes to the edition whose posts use it; one used in several editions is
# copied for each (home.edition_rows). A migration of its own: PostgreSQL refuses to alter a
# table in the transaction that updated its rows.

from django.db import migrations

from home.edition_rows import Use, give_rows_to_editions, share_rows_again

CATEGORY_USES = [Use("blog.AnnouncementPage", "category"), Use("blog.RecapPage", "category")]


def forwards(apps, schema_editor):
    give_rows_to_editions(apps, schema_editor, "blog.BlogCategory", CATEGORY_USES)


def backwards(apps, schema_editor):
    share_rows_again(apps, schema_editor, "blog.BlogCategory", CATEGORY_USES)


class Migration(migrations.Migration):

    dependencies = [
        ('blog', '0002_blogcategory_site'),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
