"""Sponsor logos: the box a logo fits in (by its level's logo size and its orientation), the
renditions that fill it, fetched for a whole listing in one query, and the <picture> that
shows them, with the dark version in the dark theme when there is one."""

from collections import defaultdict
from collections.abc import Iterable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from wagtail.images import get_image_model

# What an editor may upload as a logo, said once for the help text and the check.
LOGO_FORMATS = {"png": "PNG", "webp": "WebP", "avif": "AVIF", "jpg": "JPEG", "jpeg": "JPEG"}
LOGO_HELP = (
    "PNG, WebP, AVIF or JPEG, ideally on a transparent background and at least 640 px wide. "
    "SVG is refused for security (an SVG file can carry scripts): export a PNG from the "
    "sponsor's SVG instead."
)
STRIP = "strip"
# (width, height) in CSS pixels of the box a logo fits in, by size then orientation: a tall
# logo gets a taller box, so logos of one level look the same weight. "strip" is the footer's.
BOXES = {
    "large": {"landscape": (320, 160), "square": (200, 200), "portrait": (150, 220)},
    "medium": {"landscape": (240, 120), "square": (150, 150), "portrait": (110, 165)},
    "small": {"landscape": (160, 80), "square": (100, 100), "portrait": (75, 110)},
    STRIP: {"landscape": (120, 48), "square": (56, 56), "portrait": (40, 60)},
}
DARK_THEME = "(prefers-color-scheme: dark)"


def logo_format_error(image) -> str:
    """Why `image` cannot be a logo ("" when it can): its file is not one of LOGO_FORMATS."""
    extension = image.file.name.rsplit(".", 1)[-1].lower() if image and image.file else ""
    if not image or extension in LOGO_FORMATS:
        return ""
    formats = ", ".join(dict.fromkeys(LOGO_FORMATS.values()))
    return f"A logo must be {formats}; this file is {extension.upper() or 'of no known type'}."


def specs(box: str, orientation: str) -> dict[str, str]:
    """The renditions of one logo in one box: WebP at 1x and 2x, PNG (transparency kept) for
    browsers without WebP. Never larger than the upload (Wagtail's max- does not enlarge)."""
    width, height = BOXES[box][orientation]
    return {
        "webp": f"max-{width}x{height}|format-webp",
        "webp2x": f"max-{width * 2}x{height * 2}|format-webp",
        "png": f"max-{width}x{height}|format-png",
    }


def fetch_renditions(sponsors: Iterable, boxes) -> None:
    """One query for the renditions every sponsor's logos need in `boxes(sponsor)`: each logo
    image gets them as Wagtail's `prefetched_renditions`, whatever the number of sponsors.
    A rendition not made yet is made on first use (and found here from then on)."""
    images, wanted = [], set()
    for sponsor in sponsors:
        logos = [image for image in (sponsor.logo, sponsor.logo_dark) if image is not None]
        images += logos
        if logos:
            for box in boxes(sponsor):
                wanted.update(specs(box, sponsor.logo_orientation).values())
    if not images:
        return
    found = defaultdict(list)
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(image_id__in={image.pk for image in images}, filter_spec__in=wanted)
    )
    for rendition in renditions:
        found[rendition.image_id].append(rendition)
    for image in images:
        image.prefetched_renditions = list(found[image.pk])


def sources(image, box: str, orientation: str, media: str = "") -> tuple[list, object]:
    """(the <source> attributes of `image` in `box`, its PNG rendition)."""
    wanted = specs(box, orientation)
    found = image.get_renditions(*wanted.values())
    webp, webp2x, png = (found[wanted[name]] for name in ("webp", "webp2x", "png"))
    webp_set = webp.url if webp2x.width <= webp.width else f"{webp.url} 1x, {webp2x.url} 2x"
    return [(media, "image/webp", webp_set), (media, "", png.url)], png


def logo_picture(sponsor, box: str, alt: str | None = None) -> SafeString:
    """The sponsor's logo as a <picture>, alt text its name unless `alt` says otherwise, lazy,
    with width and height; the dark logo in the dark theme. A sponsor whose logo is missing
    gets its name instead."""
    if sponsor.logo is None:
        return format_html('<span class="sponsor-logo sponsor-logo--text">{}</span>', sponsor.name)
    orientation = sponsor.logo_orientation
    light, png = sources(sponsor.logo, box, orientation)
    dark = sources(sponsor.logo_dark, box, orientation, DARK_THEME)[0] if sponsor.logo_dark else []
    source_tags = format_html_join(
        "",
        '<source{}{} srcset="{}">',
        (
            (
                format_html(' media="{}"', media) if media else "",
                format_html(' type="{}"', kind) if kind else "",
                srcset,
            )
            # The last source of the light logo is its PNG: the <img> below says it.
            for media, kind, srcset in dark + light[:1]
        ),
    )
    # Without a dark version, the logo sits on a light tile in the dark theme (CSS).
    tile = "" if sponsor.logo_dark else " sponsor-logo--tile"
    return format_html(
        '<picture class="sponsor-logo sponsor-logo--{}{}">{}<img src="{}" width="{}" '
        'height="{}" alt="{}" loading="lazy" decoding="async"></picture>',
        orientation,
        tile,
        source_tags,
        png.url,
        png.width,
        png.height,
        sponsor.name if alt is None else alt,
    )
