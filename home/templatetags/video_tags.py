from django import template
from django.core.exceptions import ValidationError
from django.templatetags.static import static
from django.utils.html import format_html

from text.video import embed_url, normalize_video_url

register = template.Library()

# Set on the request by every facade rendered, so base.html adds the player's script once,
# and only to pages that show a video. The request is the one object the page's template
# and each body block's own template context share.
USES_VIDEO_FACADE = "uses_video_facade"


@register.inclusion_tag("components/video_facade.html", takes_context=True)
def video_facade(context, url, title=""):
    """A click-to-load player: nothing is requested from YouTube until the visitor asks."""
    try:
        facade = {"embed": embed_url(url), "watch": normalize_video_url(url), "title": title}
    except ValidationError:
        return {"embed": "", "watch": "", "title": title}
    request = context.get("request")
    if request is not None:
        setattr(request, USES_VIDEO_FACADE, True)
    return facade


@register.simple_tag(takes_context=True)
def video_facade_script(context):
    """The facade's script, once, at the end of a page that rendered at least one facade."""
    if not getattr(context.get("request"), USES_VIDEO_FACADE, False):
        return ""
    return format_html('<script src="{}" defer></script>', static("js/video-facade.js"))
