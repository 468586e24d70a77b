from django.contrib.auth.management import create_permissions
from django.db import migrations

from editorial.roles import SPONSORSHIP_TEAM, create_groups


def complete_groups(apps, schema_editor):
    """The Sponsorship team, and the sponsor permissions of Editors: the models the sponsors
    app brought. Its section (change and publish on each sponsors page) follows from
    SECTION_PERMISSIONS after migrating, as every group's does (editorial.signals)."""
    # Model permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    create_groups(apps)


def remove_team(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=SPONSORSHIP_TEAM).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_team_and_local_guide_permissions"),
        ("sponsors", "0001_initial"),
    ]

    operations = [migrations.RunPython(complete_groups, remove_team)]
