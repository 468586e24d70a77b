"""YouTube links in one canonical form, and the privacy-enhanced embed address."""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError

VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
CANONICAL_PREFIX = "https://youtu.be/"
EMBED_PREFIX = "https://www.youtube-nocookie.com/embed/"


def youtube_id(value: str) -> str:
    """The 11-character video ID of a youtu.be link, a watch/embed/shorts URL or a bare ID."""
    value = (value or "").strip()
    if not value:
        return ""
    if VIDEO_ID.match(value):
        return value
    url = urlparse(value if "//" in value else f"https://{value}")
    host = (url.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    candidate = ""
    if host == "youtu.be":
        candidate = url.path.strip("/").split("/")[0]
    elif host in {"youtube.com", "youtube-nocookie.com", "music.youtube.com"}:
        if url.path == "/watch":
            candidate = parse_qs(url.query).get("v", [""])[0]
        else:
            parts = url.path.strip("/").split("/")
            if len(parts) >= 2 and parts[0] in {"embed", "shorts", "live", "v"}:
                candidate = parts[1]
    if VIDEO_ID.match(candidate):
        return candidate
    raise ValidationError(
        "%(value)s is not a YouTube video link; paste a youtu.be or youtube.com/watch link, "
        "or the 11-character video ID.",
        params={"value": value},
    )


def normalize_video_url(value: str) -> str:
    """The canonical `https://youtu.be/ID` form, or "" for an empty value."""
    video_id = youtube_id(value)
    return f"{CANONICAL_PREFIX}{video_id}" if video_id else ""


def embed_url(value: str) -> str:
    video_id = youtube_id(value)
    return f"{EMBED_PREFIX}{video_id}" if video_id else ""
