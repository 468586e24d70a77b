"""What a page tells search engines and social networks: description, canonical URL, the
OpenGraph / Twitter card image, and JSON-LD built with json.dumps (never a template)."""

import json

from django.core.cache import cache
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.models import Site

from home.models import ConferenceSettings
from home.structured_data import StructuredDataMixin

from .models import SocialCard

# Social networks crop to 1.91:1; 1200 x 630 is what they all accept.
SOCIAL_SPEC = "fill-1200x630|format-jpeg"
DESCRIPTION_LENGTH = 160
CARD_CACHE_SECONDS = 60 * 60 * 24
# Escapes that keep a JSON document inside <script> from ending it or opening a comment.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def description_of(page):
    """The first of the texts an editor wrote to summarise the page, as one short line."""
    if page is None:
        return ""
    for name in ("search_description", "social_text", "listing_summary", "summary", "excerpt"):
        text = getattr(page, name, "") or ""
        if text.strip():
            break
    else:
        text = getattr(page, "intro", "") or getattr(page, "tagline", "") or ""
    text = " ".join(strip_tags(text).split())
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def absolute(request, url):
    if not url or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url)


def card_cache_key(page_id, revision_id=None):
    # revision_id None: the edition card, whichever revision of the home page drew it.
    return f"social-card:{page_id}:{revision_id or 'edition'}"


def card_url(page_id, revision_id=None):
    """The stored URL of a card ("" when there is none): from the cache, which make_card
    fills on publish, else one query."""
    key = card_cache_key(page_id, revision_id)
    url = cache.get(key)
    if url is None:
        cards = SocialCard.objects.filter(page_id=page_id)
        if revision_id:
            cards = cards.filter(revision_id=revision_id)
        card = cards.order_by("-revision_id").first()
        url = card.file.url if card else ""
        cache.set(key, url, CARD_CACHE_SECONDS)
    return url


def social_image(page, request):
    """(absolute URL, width, height, alt) of the image shown when the page is shared: its own
    upload, its generated card, the edition's default image, then the edition's card. Reads
    stored files only, and usually no query (see card_url)."""
    settings = ConferenceSettings.for_request(request)
    if page is not None and getattr(page, "social_image_id", None):
        rendition = page.social_image.get_rendition(SOCIAL_SPEC)
        return absolute(request, rendition.url), 1200, 630, page.social_image.default_alt_text
    if page is not None and page.live_revision_id and has_social_card(page.specific_class):
        own = card_url(page.pk, page.live_revision_id)
        if own:
            return absolute(request, own), 1200, 630, f"{page.title}, {settings.name}"
    if settings.default_social_image_id:
        image = settings.default_social_image
        rendition = image.get_rendition(SOCIAL_SPEC)
        return absolute(request, rendition.url), 1200, 630, image.default_alt_text
    site = Site.find_for_request(request)
    edition = card_url(site.root_page_id) if site else ""
    if edition:
        return absolute(request, edition), 1200, 630, settings.name
    return "", None, None, ""


def has_social_card(page_class):
    """Whether publishing draws a card for pages of this class (None: a removed model)."""
    return getattr(page_class, "has_social_card", False)


def page_meta(context):
    """Everything components/meta.html prints, from the template context."""
    request = context.get("request")
    page = context.get("page")
    if request is None or not hasattr(page, "live_revision_id"):
        page = None
    meta = {"description": description_of(page), "type": "website", "canonical": ""}
    if request is None:
        return meta
    if page is not None and page.pk:
        meta["canonical"] = page.get_full_url(request) or ""
        meta["type"] = getattr(page.specific_class, "open_graph_type", "website")
        image = social_image(page, request)
        meta["image"], meta["image_width"], meta["image_height"], meta["image_alt"] = image
        meta["jsonld"] = jsonld_script(structured_data(page, request, meta, context))
    else:
        image = social_image(None, request)
        meta["image"], meta["image_width"], meta["image_height"], meta["image_alt"] = image
    return meta


# -- JSON-LD ------------------------------------------------------------------------------


def jsonld_script(data):
    """The JSON-LD document, escaped so that no string in it can close the <script>."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Safe inside <script type="application/ld+json">: SCRIPT_ESCAPES turns <, > and & into
    # JSON escapes, so no string can end the element or open a comment.
    return mark_safe(text.translate(SCRIPT_ESCAPES))  # noqa: S308


def structured_data(page, request, meta, context=None):
    """The schema.org object of a page (each page type writes its own, see
    home.structured_data), with the sharing image and without empty values; None for pages
    that are not one of schema.org's things."""
    specific = page.specific_deferred if type(page).__name__ == "Page" else page
    if not isinstance(specific, StructuredDataMixin):
        return None
    data = specific.structured_data(
        request, url=meta["canonical"], description=meta["description"], context=context
    )
    if data is None:
        return None
    if meta.get("image"):
        data["image"] = [meta["image"]]
    return {key: value for key, value in data.items() if value not in (None, "", [])}
