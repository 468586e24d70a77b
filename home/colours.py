"""An edition's colours against WCAG 2 AA: the contrast formula, the site's own colours (read
from static/css/site.css, the one place they are set) and the pairs of colours an edition's
accent, accent text and background must keep readable. Queries nothing."""

import functools
import math
import re
from dataclasses import dataclass

from django.contrib.staticfiles import finders

# WCAG 2 AA for ordinary text (success criterion 1.4.3).
AA_TEXT = 4.5
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
SITE_STYLESHEET = "css/site.css"

_ROOT_BLOCK = re.compile(r":root\s*\{(?P<body>[^}]*)\}")
_DARK_BLOCK = re.compile(
    r"@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{(?P<body>[^}]*)\}"
)
_VARIABLE = re.compile(r"--(?P<name>[\w-]+)\s*:\s*(?P<value>#[0-9a-fA-F]{6})\s*;")


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a "#rrggbb" colour, from 0 (black) to 1 (white)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2's contrast ratio of two colours, from 1 to 21, whichever is lighter."""
    lighter, darker = sorted(map(relative_luminance, (first, second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def written_ratio(ratio: float) -> str:
    """The ratio as "4.4:1", rounded down: a pair just short of 4.5 never reads as 4.5:1."""
    return f"{math.floor(ratio * 10) / 10:.1f}:1"


def _variables(block: re.Match | None) -> dict[str, str]:
    body = block["body"] if block else ""
    return {match["name"]: match["value"].lower() for match in _VARIABLE.finditer(body)}


@functools.cache
def site_colours() -> dict[str, dict[str, str]]:
    """The site's own colours by scheme ("light", "dark") and custom property name ("bg",
    "fg", "accent", ...), as static/css/site.css sets them on :root."""
    path = finders.find(SITE_STYLESHEET)
    with open(path, encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    light = _variables(_ROOT_BLOCK.search(css))
    return {"light": light, "dark": {**light, **_variables(_DARK_BLOCK.search(css))}}


@dataclass(frozen=True)
class Pair:
    """Text (or links) of one colour on a background of another, and the field an editor
    changes when they do not contrast enough."""

    what: str
    field: str
    text: str
    background: str

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.text, self.background)

    @property
    def readable(self) -> bool:
        return self.ratio >= AA_TEXT

    @property
    def problem(self) -> str:
        return (
            f"{self.what}: {self.text} on {self.background} has a contrast of "
            f"{written_ratio(self.ratio)}; it needs at least {AA_TEXT}:1 (WCAG AA)."
        )


def given(colour: str) -> str:
    """A colour the editor gave, lower-cased, or "" (left empty, or not a colour at all: the
    field's own validator refuses that)."""
    return colour.lower() if colour and HEX_COLOUR.fullmatch(colour) else ""


def pairs_to_check(accent: str, accent_text: str, background: str) -> list[Pair]:
    """Every pair the given colours appear in, on a light page (the one they are shown on):
    button text on the accent; links (the accent) on the page's background and on the
    surface of the footer, notices and home page header; the site's text on a given
    background. A colour left empty is the site's own, and two of those are never compared."""
    accent, accent_text, background = given(accent), given(accent_text), given(background)
    site = site_colours()["light"]
    pairs = []
    if accent or accent_text:
        pairs.append(
            Pair(
                "Button text on the accent colour",
                "accent_text_colour" if accent_text else "accent_colour",
                accent_text or site["accent-fg"],
                accent or site["accent"],
            )
        )
    if accent or background:
        pairs.append(
            Pair(
                "Links on the background",
                "accent_colour" if accent else "background_colour",
                accent or site["link"],
                background or site["bg"],
            )
        )
    if accent:
        pairs.append(
            Pair("Links on the footer's background", "accent_colour", accent, site["surface"])
        )
    if background:
        for name, what in (("fg", "The site's text"), ("muted", "The site's quieter text")):
            pairs.append(
                Pair(f"{what} on the background", "background_colour", site[name], background)
            )
    return pairs


def contrast_errors(accent: str, accent_text: str, background: str) -> dict[str, list[str]]:
    """The problems of every pair below WCAG AA, by the field to change."""
    errors: dict[str, list[str]] = {}
    for pair in pairs_to_check(accent, accent_text, background):
        if not pair.readable:
            errors.setdefault(pair.field, []).append(pair.problem)
    return errors
