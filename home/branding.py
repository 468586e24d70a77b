"""Each edition's own look, set in Conference settings ("Look") without code: its colours as a
stylesheet of the site's custom properties (the Content Security Policy forbids inline
styles), its logo, the favicon, touch icon and web app manifest icons made from its one
square icon, and its home page image; every image from renditions.

The look is read from the settings every page already has, whose images come in the same
query (`ConferenceSettings.select_related`), and the renditions from Wagtail's renditions
cache: an edition with a logo and an icon costs no query more than one without.

The dark scheme keeps the site's own colours. The colours an editor gives are checked on a
light page (home/colours.py), and none could be used in the dark one as well: an accent
readable as links on white (relative luminance at most 0.18) is never readable on the dark
background (which needs 0.21 or more), and the background must suit the site's dark text."""

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property

from django.templatetags.static import static
from django.urls import reverse
from wagtail.images.models import SourceImageIOError

from .colours import given, site_colours
from .edition import ConferenceSettings

# The header's logo: 48 px high, and twice that for sharp screens.
LOGO_FILTERS = ("height-48", "height-96")
# Shown when an edition has no icon of its own: a name badge, drawn for the project.
DEFAULT_ICON = "icons/default-{size}.png"
# How long a browser or CDN may keep what a versioned address names, and a stale one.
LONG_CACHE = 60 * 60 * 24 * 365
SHORT_CACHE = 60 * 5


def icon_filter(size: int) -> str:
    """The rendition of an icon of `size` px: square, PNG (every browser and phone reads it)."""
    return f"fill-{size}x{size}|format-png"


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def declarations(properties: dict[str, str]) -> str:
    return " ".join(f"--{name}: {value};" for name, value in properties.items())


def stylesheet(conference: ConferenceSettings) -> str:
    """The custom properties the edition's colours set, over static/css/site.css's; "" when
    it keeps the site's own."""
    accent = given(conference.accent_colour)
    accent_text = given(conference.accent_text_colour)
    background = given(conference.background_colour)
    light = {}
    if accent:
        light |= {"accent": accent, "link": accent}
    if accent_text:
        light["accent-fg"] = accent_text
    if background:
        light["bg"] = background
    if not light:
        return ""
    return f"@media (prefers-color-scheme: light) {{ :root {{ {declarations(light)} }} }}\n"


def renditions(image, *filters):
    """The image's renditions by filter, or None when its file cannot be read (a missing
    file, the media store down): the page then shows what it shows without the image."""
    if image is None:
        return None
    try:
        return image.get_renditions(*filters)
    except SourceImageIOError:
        return None


@dataclass(frozen=True)
class Icon:
    url: str
    width: int
    height: int

    @property
    def sizes(self) -> str:
        return f"{self.width}x{self.height}"


@dataclass(frozen=True)
class LogoImage:
    """One logo at 1x and 2x: `srcset` and the size the page shows it at."""

    normal: object
    sharp: object

    @property
    def srcset(self) -> str:
        return f"{self.normal.url} 1x, {self.sharp.url} 2x"


@dataclass(frozen=True)
class Logo:
    light: LogoImage
    dark: LogoImage | None


class Look:
    """An edition's look, for its pages' head and header and for the views below."""

    def __init__(self, conference: ConferenceSettings):
        self.conference = conference

    @cached_property
    def stylesheet(self) -> str:
        return stylesheet(self.conference)

    @cached_property
    def stylesheet_url(self) -> str:
        """The stylesheet's address, versioned by its text: a new colour is a new address,
        the same colours keep theirs. "" when there is nothing to link."""
        if not self.stylesheet:
            return ""
        url = reverse("edition-look", args=[self.conference.site_id])
        return f"{url}?v={short_hash(self.stylesheet)}"

    def _logo_image(self, image) -> LogoImage | None:
        found = renditions(image, *LOGO_FILTERS)
        return LogoImage(*found.values()) if found else None

    @cached_property
    def logo(self) -> Logo | None:
        """The logo and its dark-scheme version; None without a (readable) light one, and the
        header then shows the edition's name."""
        light = self._logo_image(self.conference.logo)
        if light is None:
            return None
        return Logo(light, self._logo_image(self.conference.logo_dark))

    def icons(self, *sizes: int) -> dict[int, Icon]:
        """The icons of these sizes from the edition's icon, or the project's default."""
        found = renditions(self.conference.icon, *map(icon_filter, sizes))
        if found:
            return {
                size: Icon(r.url, r.width, r.height)
                for size, r in zip(sizes, found.values(), strict=True)
            }
        return {size: Icon(static(DEFAULT_ICON.format(size=size)), size, size) for size in sizes}

    @cached_property
    def head_icons(self) -> dict[int, Icon]:
        """The favicon (32 px) and the touch icon (180 px) every page links."""
        return self.icons(32, 180)

    @property
    def favicon(self) -> Icon:
        return self.head_icons[32]

    @property
    def touch_icon(self) -> Icon:
        return self.head_icons[180]

    @property
    def theme_colour(self) -> str:
        return given(self.conference.accent_colour) or site_colours()["light"]["accent"]

    @property
    def background_colour(self) -> str:
        return given(self.conference.background_colour) or site_colours()["light"]["bg"]

    @cached_property
    def manifest_version(self) -> str:
        """What the manifest is made of, hashed (its icons' renditions are made only when
        the manifest is asked for, never while a page renders)."""
        icon = self.conference.icon
        parts = [
            self.conference.name,
            self.theme_colour,
            self.background_colour,
            # A replaced file or a moved focal point makes other renditions.
            icon and (icon.pk, icon.file_hash, repr(icon.get_focal_point())),
        ]
        return short_hash(repr(parts))

    @property
    def manifest_url(self) -> str:
        return f"{reverse('web-manifest')}?v={self.manifest_version}"

    def manifest(self) -> str:
        """The web app manifest: the edition's name, colours and 192 and 512 px icons."""
        manifest = {
            "name": self.conference.name,
            "short_name": self.conference.name,
            "start_url": "/",
            "scope": "/",
            "display": "minimal-ui",
            "theme_color": self.theme_colour,
            "background_color": self.background_colour,
            "icons": [
                {"src": icon.url, "sizes": icon.sizes, "type": "image/png"}
                for icon in self.icons(192, 512).values()
            ],
        }
        return json.dumps(manifest, indent=2) + "\n"


LOOK_ON_REQUEST = "_edition_look"


def look_for(conference: ConferenceSettings, request=None) -> Look:
    """The look of `conference`, made once per request (the head and the header share
    it)."""
    cached = getattr(request, LOOK_ON_REQUEST, None)
    if cached is not None and cached.conference is conference:
        return cached
    look = Look(conference)
    if request is not None:
        setattr(request, LOOK_ON_REQUEST, look)
    return look
