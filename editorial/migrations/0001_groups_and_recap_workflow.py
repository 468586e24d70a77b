from django.db import migrations


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from editorial.roles import create_groups as create

    # Model permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    create(apps)
    retire_wagtail_defaults(apps)


def retire_wagtail_defaults(apps):
    """Wagtail's starter "Moderators" group and the approval workflow on the whole tree give
    way to the roles above; an edited site (users in the group) is left as it is."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    moderators = Group.objects.filter(name="Moderators", user__isnull=True).first()
    if moderators is None:
        return
    for workflow in Workflow.objects.filter(name="Moderators approval"):
        WorkflowPage.objects.filter(workflow=workflow).delete()
        workflow.active = False
        workflow.save(update_fields=["active"])
    moderators.delete()


def remove_groups(apps, schema_editor):
    from editorial.roles import MODEL_PERMISSIONS, RECAP_TASK, RECAP_WORKFLOW

    apps.get_model("auth", "Group").objects.filter(name__in=MODEL_PERMISSIONS).delete()
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=RECAP_WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=RECAP_TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("home", "0001_initial"),
        ("program", "0001_initial"),
        ("blog", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
