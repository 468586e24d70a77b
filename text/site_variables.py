"""`{{ site.X }}` variables in content, resolved at render time from values passed in (the
edition's settings, looked up by `home.edition`), and the one rule for links.

Content written for Jekyll and Eleventy uses Liquid variables such as `{{ site.ticket_link }}`.
They are replaced with a regex on HTML that has already been sanitized, with each value
escaped; content never goes through Django's template engine, so `{% ... %}` stays text.
"""

import html
import re
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Also matches the HTML-escaped braces some editors produce, e.g. inside attribute values.
SITE_VARIABLE = re.compile(r"\{\{\s*site\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# How a browser reads a link (WHATWG URL standard): C0 controls and spaces around it are
# dropped, tabs and newlines anywhere are dropped, then a scheme is a letter followed by
# letters, digits, "+", "-" or "." up to the first ":".
URL_EDGES = "".join(chr(code) for code in range(0x21))
TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# "//host" and its backslash spellings lead to another site while looking like a path.
PROTOCOL_RELATIVE = re.compile(r"[/\\]{2}")
UNSAFE_LINK_MESSAGE = (
    "Use an http(s), mailto: or tel: address, a /path, #anchor or ?query on this site, or a "
    "site variable; other schemes (javascript:, data:, vbscript:) and //host are refused."
)


def _link_as_browsers_read_it(value):
    return TAB_OR_NEWLINE.sub("", value.strip(URL_EDGES))


def _readable_link_is_safe(value):
    url = _link_as_browsers_read_it(value)
    if PROTOCOL_RELATIVE.match(url):
        return False
    scheme = SCHEME.match(url)
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


def link_is_safe(value: object) -> bool:
    """Whether a browser would follow `value` only to http(s), mailto: or tel:, or within the
    site: the one rule for every link an editor, an import or a setting provides. The form
    with HTML entities decoded is checked too, in case the value ever reaches HTML raw."""
    value = str(value or "")
    return _readable_link_is_safe(value) and _readable_link_is_safe(html.unescape(value))


def validate_link(value: object) -> None:
    """A validator for link fields: refuses what `link_is_safe` refuses, saying why."""
    if not link_is_safe(value):
        raise ValidationError(UNSAFE_LINK_MESSAGE, code="unsafe_link")


def safe_value(value: object) -> str:
    """A settings value fit to drop into text or an href: "" when it is not a safe link."""
    value = str(value or "")
    return value if link_is_safe(value) else ""


def substitute(html: str, variables: Mapping[str, object] | None) -> str:
    """Replace known `{{ site.X }}` in sanitized HTML (or a plain string) with escaped values.

    Unknown names, and names whose value is empty, stay exactly as written so editors and
    readers can see something is missing.
    """
    if not html or "{{" not in html:
        return mark_safe(html or "")  # noqa: S308 (sanitized HTML, see above)

    def replace(match):
        name = match.group(1)
        value = safe_value(variables.get(name)) if variables else ""
        return escape(value) if value else match.group(0)

    # The input is sanitized HTML and every inserted value is escaped.
    return mark_safe(SITE_VARIABLE.sub(replace, str(html)))  # noqa: S308


def substitute_url(url: str, variables: Mapping[str, object] | None) -> str:
    """A link target with its variables resolved; "" when the result is not a safe URL."""
    url = SITE_VARIABLE.sub(
        lambda m: safe_value((variables or {}).get(m.group(1))) or m.group(0), url or ""
    ).strip()
    if SITE_VARIABLE.search(url):
        # An unresolved variable would make a broken relative link; keep the text instead.
        return ""
    return safe_value(url)


def unknown_variables(text: str, known: Iterable[str]) -> list[str]:
    """The `site.X` names in text that are not among `known`, in order of appearance."""
    seen = []
    known = frozenset(known)
    for name in SITE_VARIABLE.findall(text or ""):
        if name not in known and name not in seen:
            seen.append(name)
    return seen
