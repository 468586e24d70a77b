"""SVG logos into PNG: Wagtail refuses SVG (an SVG can carry scripts), so the importer renders
a sponsor's SVG to pixels with resvg and stores only the PNG.

The SVG is never trusted: it is only read to be drawn. A file that declares entities or a
DOCTYPE, refers to anything outside itself (a file, a URL, a stylesheet) or is larger than a
logo has any reason to be is refused before resvg sees it, and the longer side of the
picture is at most LONGER_SIDE pixels whatever sizes the file claims."""

import re

# No DOCTYPE, hence no entity, reaches the parser (OUTSIDE_REFERENCE refuses them).
import xml.etree.ElementTree as ET

import resvg_py

LONGER_SIDE = 800
MAX_SVG_BYTES = 2 * 1024 * 1024
# Anything that makes the drawing reach out of the file: a DOCTYPE (entities, external
# subsets), an href to something other than a fragment or inline data, CSS url() or @import.
OUTSIDE_REFERENCE = re.compile(
    r"<!DOCTYPE|<!ENTITY|@import"
    r"|href\s*=\s*[\"']\s*(?!#|data:image/)"
    r"|url\(\s*[\"']?\s*(?!#|data:image/)",
    re.IGNORECASE,
)
LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px|pt|pc|mm|cm|in)?\s*$")
ROOT_TAG = re.compile(r"<svg\b[^>]*>")
# resvg refuses a root width or height in a unit (Illustrator writes `width="388.84pt"`):
# the number alone keeps the drawing's proportions, which is all a logo needs.
ROOT_LENGTH = re.compile(
    r"""\b(width|height)\s*=\s*(["'])\s*([0-9]*\.?[0-9]+)\s*(?:pt|pc|mm|cm|in)\s*\2"""
)


class SVGRefused(ValueError):
    """Why an SVG was not made into a PNG."""


def is_svg(name):
    return str(name).lower().endswith((".svg", ".svgz"))


def svg_size(root):
    """(width, height) the SVG says it is, from its viewBox or its width and height in
    pixels; None when it does not say."""
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            width, height = float(box[2]), float(box[3])
        except ValueError:
            width = height = 0
        if width > 0 and height > 0:
            return width, height
    lengths = [LENGTH.match(root.get(name) or "") for name in ("width", "height")]
    if all(lengths):
        width, height = (float(match.group(1)) for match in lengths)
        if width > 0 and height > 0:
            return width, height
    return None


def rasterise(data):
    """PNG bytes of an SVG logo, its longer side LONGER_SIDE pixels; SVGRefused says why not."""
    if len(data) > MAX_SVG_BYTES:
        raise SVGRefused(f"the SVG is larger than {MAX_SVG_BYTES // 2**20} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SVGRefused("the SVG is not UTF-8 text (a compressed .svgz is not read)") from None
    outside = OUTSIDE_REFERENCE.search(text)
    if outside:
        raise SVGRefused(
            f"the SVG refers to something outside itself ({outside.group(0).strip()!r}); "
            "export a PNG instead"
        )
    try:
        root = ET.fromstring(text)  # noqa: S314 (no DOCTYPE gets here: no entities)
    except ET.ParseError as error:
        raise SVGRefused(f"the SVG cannot be read ({error})") from None
    if not root.tag.endswith("svg"):
        raise SVGRefused("the file is not an SVG drawing")
    text = ROOT_TAG.sub(lambda tag: ROOT_LENGTH.sub(r"\1=\2\3\2", tag.group(0)), text, count=1)
    size = svg_size(root)
    side = {"width": LONGER_SIDE}
    if size and size[1] > size[0]:
        side = {"height": LONGER_SIDE}
    try:
        return bytes(resvg_py.svg_to_bytes(svg_string=text, **side))
    except (ValueError, RuntimeError) as error:
        raise SVGRefused(f"resvg could not draw the SVG ({error})") from None
