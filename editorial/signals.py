from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from .sections import SECTION_MODELS, grant_section_permissions


def section_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_section_permissions([instance])


for model in SECTION_MODELS.values():
    post_save.connect(section_created, sender=model, dispatch_uid=f"roles-{model.__name__}")


@receiver(post_migrate, dispatch_uid="roles-after-migrate")
def sections_after_migrate(sender, app_config=None, **kwargs):
    if app_config is not None and app_config.label == "editorial":
        grant_section_permissions()
