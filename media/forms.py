"""Admin upload forms that turn an unreachable media store into a form error, not a 500."""

import logging

from botocore.exceptions import BotoCoreError, ClientError
from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

logger = logging.getLogger(__name__)

# What S3Storage raises when the store is down, refuses us, or the disk is full.
STORAGE_ERRORS = (BotoCoreError, ClientError, OSError)

STORAGE_UNREACHABLE = (
    "The file could not be saved: the media storage did not answer (%(reason)s). "
    "Nothing was uploaded. Try again in a few minutes; if it keeps failing, tell the "
    "site's maintainers."
)


class StorageCheckMixin:
    """Asks the storage whether the upload's name is taken, which S3Storage does anyway before
    saving (file_overwrite off). Done during validation, a failure becomes an error on the file
    field, which both the single and the multiple upload views show to the editor."""

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("file")
        if upload and "file" in self.changed_data and not self.has_error("file"):
            field = self.instance._meta.get_field("file")
            try:
                field.storage.exists(field.generate_filename(self.instance, upload.name))
            except STORAGE_ERRORS as error:
                logger.warning("Media storage unreachable during an upload: %s", error)
                self.add_error(
                    "file",
                    ValidationError(
                        STORAGE_UNREACHABLE,
                        code="storage_unreachable",
                        params={"reason": type(error).__name__},
                    ),
                )
        return cleaned_data


class ImageForm(StorageCheckMixin, BaseImageForm):
    pass


class DocumentForm(StorageCheckMixin, BaseDocumentForm):
    pass
