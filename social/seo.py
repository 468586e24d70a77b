"""What a page tells search engines and social networks: description, canonical URL, the
OpenGraph / Twitter card image, and JSON-LD built with json.dumps (never a template)."""

import json

from django.core.cache import cache
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.models import Site

from home.models import ConferenceSettings

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
    from .models import SocialCard

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
    if page is not None and page.live_revision_id and page.specific_class in carded_models():
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


def carded_models():
    from home.models import HomePage
    from program.models import PresenterPage, TalkPage

    return (HomePage, PresenterPage, TalkPage)


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
        meta["type"] = "article" if page.specific_class.__name__ in POST_TYPES else "website"
        image = social_image(page, request)
        meta["image"], meta["image_width"], meta["image_height"], meta["image_alt"] = image
        meta["jsonld"] = jsonld_script(
            structured_data(page, request, meta, presenters=context.get("presenters"))
        )
    else:
        image = social_image(None, request)
        meta["image"], meta["image_width"], meta["image_height"], meta["image_alt"] = image
    return meta


# -- JSON-LD ------------------------------------------------------------------------------

POST_TYPES = {"AnnouncementPage": "NewsArticle", "RecapPage": "BlogPosting"}


def jsonld_script(data):
    """The JSON-LD document, escaped so that no string in it can close the <script>."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(SCRIPT_ESCAPES))


def iso(value, tz):
    return timezone.localtime(value, tz).isoformat() if value else None


def place(settings, room=None):
    name = ", ".join(part for part in (room, settings.venue_name) if part)
    if not name:
        return None
    location = {"@type": "Place", "name": name}
    if settings.venue_address:
        location["address"] = " ".join(settings.venue_address.split())
    return location


def person(presenter, request):
    data = {"@type": "Person", "name": presenter.title}
    url = presenter.get_full_url(request) if presenter.live else None
    if url:
        data["url"] = url
    return data


def structured_data(page, request, meta, presenters=None):
    """The schema.org object of a page, or None for pages that are not one of these."""
    from blog.models import PostPage
    from home.models import HomePage
    from program.models import PresenterPage, TalkPage

    settings = ConferenceSettings.for_request(request)
    tz = settings.tzinfo
    specific = page.specific_deferred if type(page).__name__ == "Page" else page
    url = meta["canonical"]
    image = [meta["image"]] if meta.get("image") else None
    organizer = {"@type": "Organization", "name": settings.name}
    if isinstance(specific, HomePage):
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": settings.name,
            "url": url,
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "organizer": organizer,
        }
        if settings.start_date:
            data["startDate"] = settings.start_date.isoformat()
            data["endDate"] = (settings.end_date or settings.start_date).isoformat()
        if meta["description"]:
            data["description"] = meta["description"]
        if settings.ticket_link:
            data["offers"] = {"@type": "Offer", "url": settings.ticket_link}
    elif isinstance(specific, TalkPage):
        # Only presenters whose own page is public (program.models.visible_presenter_links);
        # the talk page's context holds that list already, which saves a query.
        if presenters is None:
            presenters = specific.presenter_links()
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": specific.title,
            "url": url,
            "startDate": iso(specific.start, tz),
            "endDate": iso(specific.end, tz),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "performer": [person(presenter, request) for presenter in presenters],
            "superEvent": {"@type": "Event", "name": settings.name, "url": page_root(request)},
            "organizer": organizer,
        }
        location = place(settings, specific.room.name if specific.room_id else None)
        if location:
            data["location"] = location
        if meta["description"]:
            data["description"] = meta["description"]
    elif isinstance(specific, PostPage):
        published = specific.date or specific.first_published_at
        data = {
            "@context": "https://schema.org",
            "@type": POST_TYPES.get(type(specific).__name__, "Article"),
            "headline": Truncator(specific.title).chars(110),
            "url": url,
            "mainEntityOfPage": url,
            "datePublished": iso(published, tz),
            "dateModified": iso(specific.last_published_at or published, tz),
            "author": (
                {"@type": "Person", "name": specific.author} if specific.author else organizer
            ),
            "publisher": organizer,
        }
        if meta["description"]:
            data["description"] = meta["description"]
    elif isinstance(specific, PresenterPage):
        data = {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": specific.title,
            "url": url,
        }
        if specific.role:
            data["jobTitle"] = specific.role
        if specific.company:
            data["worksFor"] = {"@type": "Organization", "name": specific.company}
        same_as = [link for _label, link, _me in specific.social_links]
        if same_as:
            data["sameAs"] = same_as
        if meta["description"]:
            data["description"] = meta["description"]
    else:
        return None
    if image:
        data["image"] = image
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def page_root(request):
    site = Site.find_for_request(request)
    return f"{site.root_url}/" if site else None
