"""The teams and the contributors' approval workflow, described once as data.

The data migrations create the groups from this description; `grant_section_permissions`
gives each group its part of every edition's page tree, and runs again whenever an edition
gets a new home, news, program, presenters or sponsors page (see signals.py)."""

COMMUNICATION_TEAM = "Communication team"
PROGRAM_TEAM = "Program team"
EDITORS = "Editors"
SPONSORSHIP_TEAM = "Sponsorship team"
CONTRIBUTORS = "Contributors"
RECAP_WORKFLOW = "Recap approval"
RECAP_TASK = "Editors review the recap"

# Sponsors and their levels, edited by the Sponsorship team and Editors.
SPONSOR_PERMISSIONS = [
    f"sponsors.{action}_{model}"
    for model in ("sponsor", "sponsorlevel")
    for action in ("add", "change", "delete", "view")
]

# app_label.codename of Django model permissions, per group.
MODEL_PERMISSIONS = {
    COMMUNICATION_TEAM: [
        "wagtailadmin.access_admin",
        "blog.add_blogcategory",
        "blog.change_blogcategory",
        "blog.view_blogcategory",
        # The local guide: the team that writes to attendees keeps it.
        *(f"places.{action}_place" for action in ("add", "change", "delete", "view")),
    ],
    PROGRAM_TEAM: [
        "wagtailadmin.access_admin",
        *(
            f"program.{action}_{model}"
            for model in ("room", "track")
            for action in ("add", "change", "delete", "view")
        ),
    ],
    EDITORS: [
        "wagtailadmin.access_admin",
        "home.change_conferencesettings",
        "home.change_navigationsettings",
        *(
            f"{app}.{action}_{model}"
            for app, model in (
                ("program", "room"),
                ("program", "track"),
                ("blog", "blogcategory"),
                ("organizers", "organizer"),
                ("places", "place"),
            )
            for action in ("add", "change", "delete", "view")
        ),
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        *SPONSOR_PERMISSIONS,
    ],
    CONTRIBUTORS: ["wagtailadmin.access_admin"],
    SPONSORSHIP_TEAM: ["wagtailadmin.access_admin", *SPONSOR_PERMISSIONS],
}

# Image and document permissions are granted on the root collection.
COLLECTION_PERMISSIONS = {
    COMMUNICATION_TEAM: [
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "choose_document",
    ],
    PROGRAM_TEAM: ["add_image", "change_image", "choose_image"],
    EDITORS: [
        "add_image",
        "change_image",
        "choose_image",
        "delete_image",
        "add_document",
        "change_document",
        "choose_document",
        "delete_document",
    ],
    CONTRIBUTORS: ["add_image", "choose_image"],
    # Logos: upload and choose them.
    SPONSORSHIP_TEAM: ["add_image", "choose_image"],
}

# Page permissions (add, change, publish, ...) on the sections of each edition.
SECTION_PERMISSIONS = {
    COMMUNICATION_TEAM: {"news": ["add", "change", "publish"]},
    PROGRAM_TEAM: {
        "program": ["add", "change", "publish"],
        "presenters": ["add", "change", "publish"],
    },
    EDITORS: {"home": ["add", "change", "publish", "lock", "unlock", "bulk_delete"]},
    # Contributors write recaps and submit them; only the workflow's reviewers publish. "add"
    # without "change": Wagtail lets a page's owner edit it, so a contributor edits their own
    # pages and nobody else's (with "change" they could save a draft over any announcement).
    CONTRIBUTORS: {"news": ["add"]},
    # The sponsors page's introduction; the sponsors themselves are snippets.
    SPONSORSHIP_TEAM: {"sponsors": ["change", "publish"]},
}


def create_groups(apps):
    """Create or complete the groups; safe to run again. `apps` may be a migration's."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()
    for name, permissions in MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in permissions:
            app_label, codename = dotted.split(".")
            if not is_migrated(apps, app_label):
                # An app added after the groups: its own editorial migration completes them.
                continue
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            group.permissions.add(permission)
        if root_collection is None:
            continue
        for codename in COLLECTION_PERMISSIONS[name]:
            app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    return create_recap_workflow(apps)


def is_migrated(apps, app_label):
    """Whether `app_label` has its models in `apps` (a migration's apps holds only the apps
    migrated before it)."""
    try:
        apps.get_app_config(app_label)
    except LookupError:
        return False
    return True


def create_recap_workflow(apps):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    workflow, created = Workflow.objects.get_or_create(name=RECAP_WORKFLOW)
    if created or not WorkflowTask.objects.filter(workflow=workflow).exists():
        task_type = ContentType.objects.get_for_model(GroupApprovalTask)
        task, _ = GroupApprovalTask.objects.get_or_create(
            name=RECAP_TASK, defaults={"content_type": task_type}
        )
        task.groups.set([Group.objects.get(name=EDITORS)])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow
