"""Start-up checks for S3 media: a half-configured store fails `manage.py migrate` (the release
step) and `runserver` with a clear error instead of failing on an editor's first upload."""

import socket
from urllib.parse import urlsplit

import boto3
from botocore.exceptions import BotoCoreError
from django.conf import settings
from django.core.checks import Error, register
from django.core.files.storage import storages
from storages.backends.s3 import S3Storage

# A TCP connect only: enough to tell a dead endpoint, and start-up never waits longer.
CONNECT_TIMEOUT = 2.0
UNSET_HINT = "Or unset AWS_STORAGE_BUCKET_NAME to keep media on local disk."


def default_s3_storage():
    """A fresh instance of the default storage when it is S3 (no network needed), else None."""
    storage = storages.create_storage(settings.STORAGES["default"])
    return storage if isinstance(storage, S3Storage) else None


def find_credentials(storage):
    """What boto3 would sign with: settings or environment keys, a profile, or a role."""
    if storage.session_profile:
        session = boto3.Session(profile_name=storage.session_profile)
    else:
        session = boto3.Session(
            aws_access_key_id=storage.access_key,
            aws_secret_access_key=storage.secret_key,
            aws_session_token=storage.security_token,
        )
    return session.get_credentials()


def endpoint_problem(url, timeout=CONNECT_TIMEOUT):
    """None when a TCP connection to the endpoint opens, else why it did not."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return None
    except OSError as error:
        return str(error) or type(error).__name__


@register()
def check_s3_media(app_configs=None, **kwargs):
    storage = default_s3_storage()
    if storage is None:
        return []
    errors = []
    bucket = storage.bucket_name
    if not bucket:
        errors.append(
            Error(
                "The default storage is S3 but no bucket is named.",
                hint="Set AWS_STORAGE_BUCKET_NAME.",
                id="media.E003",
            )
        )
    if bool(storage.access_key) != bool(storage.secret_key):
        errors.append(
            Error(
                f"Media bucket {bucket!r}: only one of AWS_ACCESS_KEY_ID and "
                "AWS_SECRET_ACCESS_KEY is set.",
                hint=f"Set both, or neither to use a profile or an instance role. {UNSET_HINT}",
                id="media.E001",
            )
        )
    else:
        try:
            credentials = find_credentials(storage)
            problem = None if credentials else "no AWS credentials were found"
        except BotoCoreError as error:
            problem = str(error)
        if problem:
            errors.append(
                Error(
                    f"Media bucket {bucket!r} is set but {problem}.",
                    hint=(
                        "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, or "
                        f"run with an instance or task role). {UNSET_HINT}"
                    ),
                    id="media.E001",
                )
            )

    endpoint = storage.endpoint_url
    if endpoint:
        parts = urlsplit(endpoint)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            errors.append(
                Error(
                    f"AWS_S3_ENDPOINT_URL {endpoint!r} is not an http(s) URL.",
                    hint="Write it in full, e.g. https://s3.example.org or http://127.0.0.1:9000.",
                    id="media.E002",
                )
            )
        elif problem := endpoint_problem(endpoint):
            errors.append(
                Error(
                    f"The S3 endpoint {endpoint} does not answer ({problem}).",
                    hint=(
                        "Check AWS_S3_ENDPOINT_URL and that the store is running and reachable "
                        f"from this host. {UNSET_HINT}"
                    ),
                    id="media.E002",
                )
            )

    domain = storage.custom_domain
    if domain and "://" in domain:
        errors.append(
            Error(
                f"AWS_S3_CUSTOM_DOMAIN {domain!r} must not include a scheme.",
                hint="Write the host name only, e.g. media.example.org; URLs use https.",
                id="media.E004",
            )
        )
    return errors
