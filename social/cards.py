"""Social cards: a 1200 x 630 PNG per published revision of a talk, a presenter and an
edition's home page, drawn with Pillow when the page is published (never on a page view)
and stored in the default storage under images/social/, beside the renditions."""

import io
import logging
from functools import lru_cache
from pathlib import Path

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont
from wagtail.search import index

from home.structured_data import Card, StructuredDataMixin
from search import bulk_indexing

from .models import SocialCard
from .seo import CARD_CACHE_SECONDS, SOCIAL_SPEC, card_cache_key

__all__ = ["Card", "card_for_page", "draw_card", "has_card", "make_card"]

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
# The site's colours (static/css/site.css): the accent green, its dark-theme tint, white.
BACKGROUND = (11, 93, 59)
TINT = (111, 211, 164)
TEXT = (255, 255, 255)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@lru_cache(maxsize=16)
def font(size, bold=False):
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    # Pillow's own scalable font where the system has no DejaVu.
    return ImageFont.load_default(size=size)


def wrap(draw, text, typeface, width, max_lines):
    """Greedy word wrap; the last line ends with an ellipsis when the text does not fit."""
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=typeface) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=typeface) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def draw_card(card):
    """The PNG bytes of a card. Flat colours and one pass of text: about 20 ms."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 18, WIDTH, HEIGHT), fill=TINT)
    inner = WIDTH - 2 * MARGIN
    y = MARGIN - 8
    if card.eyebrow:
        draw.text((MARGIN, y), card.eyebrow, font=font(30, bold=True), fill=TINT)
        y += 58
    size = 68
    title_lines = wrap(draw, card.title, font(size, True), inner, 3)
    if len(title_lines) == 3:
        size = 56
        title_lines = wrap(draw, card.title, font(size, True), inner, 3)
    for line in title_lines:
        draw.text((MARGIN, y), line, font=font(size, bold=True), fill=TEXT)
        y += int(size * 1.2)
    y += 18
    for text in card.lines[:3]:
        for line in wrap(draw, text, font(34), inner, 1):
            draw.text((MARGIN, y), line, font=font(34), fill=TEXT)
            y += 46
    if card.footer:
        draw.text((MARGIN, HEIGHT - 84), card.footer, font=font(30, bold=True), fill=TINT)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()


def has_card(page):
    """Whether publishing draws a card for this page (its type says, home.structured_data)."""
    return getattr(page, "has_social_card", False)


def card_for_page(page):
    """The Card of a page (a talk, a presenter, an edition's home page), or None for pages
    that have no card: each page type writes its own card text."""
    return page.social_card() if isinstance(page, StructuredDataMixin) else None


def make_card(page, revision_id, redraw=False):
    """Draw and store the card of one revision (once: an existing card is kept unless
    `redraw`), and delete the cards of older revisions with their files."""
    existing = SocialCard.objects.filter(page_id=page.pk, revision_id=revision_id).first()
    if existing and not redraw:
        return existing
    if existing:
        existing.file.delete(save=False)
        existing.delete()
    card = card_for_page(page)
    if card is None:
        return None
    png = draw_card(card)
    social_card = SocialCard(page_id=page.pk, revision_id=revision_id)
    social_card.file.save(f"{page.pk}-{revision_id}.png", ContentFile(png), save=False)
    social_card.save()
    # Page views read the URL from the cache: publishing fills it, so no view queries for it.
    url = social_card.file.url
    cache.set(card_cache_key(page.pk, revision_id), url, CARD_CACHE_SECONDS)
    if page.card_stands_for_edition:
        cache.set(card_cache_key(page.pk), url, CARD_CACHE_SECONDS)
    old = list(SocialCard.objects.filter(page_id=page.pk).exclude(pk=social_card.pk))
    for stale in old:
        stale.file.delete(save=False)
        stale.delete()
    return social_card


def on_page_published(sender, instance, revision=None, **kwargs):
    # Wagtail indexes a page on post_save, before its child relations (a talk's presenters,
    # its tags) are saved: index it again now that everything is in the database.
    if not bulk_indexing.is_deferred():  # a bulk import indexes once, at its end
        try:
            # A savepoint: a failed index write must not abort the publishing transaction.
            with transaction.atomic():
                index.insert_or_update_object(instance)
        except Exception:  # A search index problem must never block publishing.
            logger.exception("Could not reindex page %s after publishing", instance.pk)
    revision_id = revision.pk if revision else instance.live_revision_id
    if revision_id and has_card(instance):
        try:
            with transaction.atomic():
                make_card(instance, revision_id)
        except Exception:  # Nor must a card that could not be drawn or stored.
            logger.exception("Could not make the social card of page %s", instance.pk)
    if getattr(instance, "social_image_id", None):
        # An uploaded social image: make its rendition now, not on the first page view.
        instance.social_image.get_rendition(SOCIAL_SPEC)


def on_settings_saved(sender, instance, **kwargs):
    """The edition card shows the name, dates and venue: redraw it when they change."""
    site = instance.site
    home = site.root_page.specific if site and site.root_page_id else None
    if home is None or not home.live_revision_id:
        return
    try:
        with transaction.atomic():
            make_card(home, home.live_revision_id, redraw=True)
    except Exception:
        logger.exception("Could not redraw the edition card of site %s", site.pk)
