from django.contrib.auth.management import create_permissions
from django.db import migrations

from editorial.roles import create_groups


def complete_groups(apps, schema_editor):
    """Editors edit the team and the local guide, the Communication team the local guide:
    the groups get the permissions of the models that organizers and places brought."""
    # Model permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    create_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_contributors_edit_only_their_own_pages"),
        ("organizers", "0001_initial"),
        ("places", "0001_initial"),
    ]

    # Going back leaves the permissions: their models go with their own migrations.
    operations = [migrations.RunPython(complete_groups, migrations.RunPython.noop)]
