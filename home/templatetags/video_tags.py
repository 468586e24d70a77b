from django import template
from django.core.exceptions import ValidationError

from text.video import embed_url, normalize_video_url

register = template.Library()


@register.inclusion_tag("components/video_facade.html")
def video_facade(url, title=""):
    """A click-to-load player: nothing is requested from YouTube until the visitor asks."""
    try:
        return {"embed": embed_url(url), "watch": normalize_video_url(url), "title": title}
    except ValidationError:
        return {"embed": "", "watch": "", "title": title}
