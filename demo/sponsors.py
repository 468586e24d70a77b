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

from sponsors.models import Sponsor, SponsorLevel, SponsorsPage

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


# name, level, colour, link, description, jobs link: made-up sponsors of the demo edition.
SPONSORS = [
    (
        "Riverbend Analytics",
        "Platinum",
        "#1d4f91",
        "https://riverbend.example/",
        "Riverbend builds forecasting tools for regional utilities on Django and PostgreSQL. "
        "Its engineers maintain two database packages many of you already depend on.",
        "https://riverbend.example/careers/",
    ),
    (
        "Larkspur Health",
        "Gold",
        "#7a3e9d",
        "https://larkspur.example/",
        "A clinic-scheduling platform used by four hundred practices, with a Django monolith "
        "at its heart and a habit of upstreaming the fixes it needs.",
        "",
    ),
    (
        "Tidewater Hosting",
        "Gold",
        "#0b6e6e",
        "https://tidewater.example/",
        "Managed hosting for Python web applications, with free accounts for the sprint days.",
        "https://tidewater.example/jobs/",
    ),
    (
        "Quillwork",
        "Silver",
        "#a34d00",
        "https://quillwork.example/",
        "Quillwork makes a publishing tool for newsrooms and sponsors the live captions.",
        "",
    ),
    (
        "Beacon Street Labs",
        "Bronze",
        "#8a1c3b",
        "https://beaconstreet.example/",
        "A small studio building accessible websites for libraries and museums.",
        "",
    ),
    (
        "Carolina Python Users",
        "Community",
        "#2f6b2f",
        "https://carolina-python.example/",
        "The regional user group meets monthly and runs the newcomer orientation on day one.",
        "",
    ),
]


def build_demo_sponsors(home):
    """The demo edition's sponsors page, levels and sponsors; only what is missing."""
    levels = build_sponsors(home)
    site = home.get_site()
    for order, (name, level, colour, link, description, jobs) in enumerate(SPONSORS):
        if Sponsor.objects.filter(site=site, slug=slugify(name)).exists():
            continue
        Sponsor.objects.create(
            site=site,
            name=name,
            slug=slugify(name),
            level=levels[level],
            logo=drawn_logo(name, colour),
            link=link,
            link_label=link.split("//", 1)[1].rstrip("/"),
            description=description,
            hiring=bool(jobs),
            jobs_link=jobs,
            sort_order=order,
        )
