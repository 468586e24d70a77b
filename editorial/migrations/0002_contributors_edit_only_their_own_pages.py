from django.db import migrations

from editorial.roles import CONTRIBUTORS


def withdraw_change_from_contributors(apps, schema_editor):
    """Installs made before this migration gave Contributors "change" on every news index,
    which let them save drafts over anyone's announcement; "add" alone leaves them their own
    pages (Wagtail's owner rule)."""
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(
        group__name=CONTRIBUTORS,
        permission__content_type__app_label="wagtailcore",
        permission__codename="change_page",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("editorial", "0001_groups_and_recap_workflow")]

    # Going back does not give the insecure permission again.
    operations = [migrations.RunPython(withdraw_change_from_contributors, migrations.RunPython.noop)]
