"""An edition's sponsors: levels, sponsors with small real logos, the sponsors page."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from sponsors.models import Sponsor, SponsorLevel, SponsorsPage

LEVELS = (("Gold", "large"), ("Silver", "medium"), ("Community", "small"))


def logo_image(title, colour=(20, 90, 160), size=(400, 200), extension="png"):
    """A logo in the image library: a transparent PNG (or `extension`) of `size`."""
    # Transactional (browser) tests flush the root collection that migrations made.
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    buffer = io.BytesIO()
    mode = "RGBA" if extension == "png" else "RGB"
    picture = PillowImage.new(mode, size, (0, 0, 0, 0) if mode == "RGBA" else (255, 255, 255))
    picture.paste(colour, (size[0] // 8, size[1] // 4, size[0] * 7 // 8, size[1] * 3 // 4))
    pillow_format = {"png": "PNG", "gif": "GIF", "jpg": "JPEG", "webp": "WEBP"}[extension]
    picture.save(buffer, format=pillow_format)
    slug = title.lower().replace(" ", "-")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{slug}.{extension}")
    )


def make_levels(site, levels=LEVELS):
    """The edition's levels, in the given order."""
    return [
        SponsorLevel.objects.create(site=site, name=name, sort_order=order, logo_size=size)
        for order, (name, size) in enumerate(levels)
    ]


def make_sponsor(level, name, *, logo=True, **fields):
    """A sponsor of the level's edition, with a logo of its own unless `logo` says otherwise."""
    if logo is True:
        logo = logo_image(f"{name} logo")
    fields.setdefault("link", f"https://{name.lower().replace(' ', '-')}.example.com/")
    return Sponsor.objects.create(
        site_id=level.site_id, level=level, name=name, logo=logo, **fields
    )


def make_sponsors(levels, count, **fields):
    """`count` sponsors spread over the levels in turn, numbered from 1."""
    return [
        make_sponsor(levels[number % len(levels)], f"Sponsor {number + 1:02d}", **fields)
        for number in range(count)
    ]


def make_sponsors_page(home, title="Sponsors", slug="sponsors", **fields):
    page = SponsorsPage(title=title, slug=slug, **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    return SponsorsPage.objects.get(pk=page.pk)
