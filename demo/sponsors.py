"""The demo edition's sponsors page and its levels, and a logo drawn here for a made-up
sponsor: what the demo's sponsors (written elsewhere) go into.

Idempotent: it creates only what is missing (by slug), so a second run changes nothing and
editors' changes survive."""

import io

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

from sponsors.models import SponsorLevel, SponsorsPage

# name, logo size: the levels of the demo edition, in order.
LEVELS = [
    ("Platinum", "large"),
    ("Gold", "large"),
    ("Silver", "medium"),
    ("Bronze", "small"),
    ("Community", "small"),
]
INTRO = (
    "The conference is run by volunteers and paid for by the companies and groups below: "
    "they keep tickets affordable and fund the opportunity grants."
)


def drawn_logo(name, colour, size=(640, 240)):
    """A wordmark for a made-up sponsor: its name in `colour` beside a square mark, on a
    transparent background (a PNG, as the admin asks of every logo)."""
    width, height = size
    picture = PillowImage.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    mark = height // 2
    draw.rounded_rectangle(
        (height // 4, height // 4, height // 4 + mark, height // 4 + mark), mark // 5, fill=colour
    )
    font = ImageFont.load_default(size=height // 4)
    draw.text(
        (height // 4 + mark + height // 6, height // 2), name, fill=colour, font=font, anchor="lm"
    )
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=f"{name} logo", file=ImageFile(buffer, name=f"{slugify(name)}-logo.png")
    )


def build_sponsor_levels(site):
    """The edition's levels, the missing ones created: {name: level}."""
    levels = {}
    for order, (name, size) in enumerate(LEVELS):
        levels[name], _ = SponsorLevel.objects.get_or_create(
            site=site,
            slug=slugify(name),
            defaults={"name": name, "sort_order": order, "logo_size": size},
        )
    return levels


def build_sponsors_page(home):
    page = SponsorsPage.objects.child_of(home).first()
    if page is None:
        page = SponsorsPage(title="Sponsors", slug="sponsors", intro=INTRO)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def build_sponsors(home):
    """The sponsors page and the levels; returns the levels by name for the sponsors."""
    build_sponsors_page(home)
    return build_sponsor_levels(home.get_site())
