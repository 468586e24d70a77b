"""The S3 media storage, with reads that fail the way Wagtail expects when the store is down.

Wagtail renders an image whose original cannot be opened (an `OSError`) as a broken image and
goes on with the page; boto3 raises its own exceptions instead, so a page that needed a new
rendition while the store was down answered 500. Here a read that the store does not answer
is an `OSError`, the response is kept out of the page cache (it lacks an image, which the
next request should have again), and for a few seconds further reads fail at once rather
than each waiting out the connection timeouts and retries.
"""

import logging
import threading
import time

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from storages.backends.s3 import S3Storage

from pagecache.middleware import do_not_store_this_response

logger = logging.getLogger(__name__)


class _Outage:
    """When this process last found the store not answering (monotonic seconds)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._until = 0.0

    def start(self, seconds):
        with self._lock:
            self._until = time.monotonic() + seconds

    def ongoing(self):
        return time.monotonic() < self._until

    def end(self):
        with self._lock:
            self._until = 0.0


outage = _Outage()


class MediaStorage(S3Storage):
    def _open(self, name, mode="rb"):
        if "r" not in mode:
            return super()._open(name, mode)
        if outage.ongoing():
            do_not_store_this_response()
            raise OSError(f"The media store did not answer a moment ago; not reading {name}")
        try:
            opened = super()._open(name, mode)
            # Download now, so that a failure is raised here rather than on the first read.
            opened.file  # noqa: B018
        except ClientError as error:
            # The store answered (the object is gone, or we may not read it): no outage.
            do_not_store_this_response()
            if error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
                raise FileNotFoundError(f"File does not exist: {name}") from error
            raise OSError(f"The media store refused to read {name}: {error}") from error
        except BotoCoreError as error:
            outage.start(settings.MEDIA_STORE_RETRY_AFTER)
            do_not_store_this_response()
            logger.warning("The media store did not answer reading %s: %s", name, error)
            raise OSError(f"The media store did not answer reading {name}: {error}") from error
        return opened
