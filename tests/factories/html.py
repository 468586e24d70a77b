"""Parsers for what the site sends: Content-Security-Policy headers and HTML audited for
anything a browser could run."""

import json
import re
from html import unescape
from html.parser import HTMLParser


def parse_csp(header):
    policy = {}
    for directive in (header or "").split(";"):
        words = directive.strip().split()
        if words:
            policy.setdefault(words[0].lower(), [w.lower() for w in words[1:]])
    return policy


SCRIPT_URL = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
FORBIDDEN_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "style", "base", "meta",
    "link", "form", "svg", "math", "input", "button", "textarea",
}  # fmt: skip


class Audit(HTMLParser):
    """Everything dangerous a browser could act on in an HTML document."""

    def __init__(self, allowed_scripts=(), head_links=True):
        super().__init__(convert_charrefs=True)
        self.problems, self.allowed_scripts, self.in_body = [], allowed_scripts, False
        self.head_links = head_links
        self.in_site_search = self.in_json_ld = False

    def is_site_chrome(self, tag, attrs):
        """The base template's own search form and JSON-LD blocks; their content is checked."""
        if tag == "form" and attrs.get("class") == "site-search":
            self.in_site_search = attrs.get("action") == "/search/"
            return self.in_site_search
        if self.in_site_search and tag in {"input", "button"}:
            return attrs.get("name") in {"q", None} and attrs.get("type") in {"search", "submit"}
        if tag == "script" and attrs == {"type": "application/ld+json"}:
            self.in_json_ld = True
            return True
        return False

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_site_search = False
        if tag == "script":
            self.in_json_ld = False

    def handle_data(self, data):
        # JSON-LD is inert only while it parses as JSON and cannot close its own element.
        if self.in_json_ld:
            try:
                json.loads(data)
            except ValueError:
                self.problems.append(f"JSON-LD that is not JSON: {data[:80]!r}")
            if "<" in data:
                self.problems.append(f"'<' inside JSON-LD: {data[:80]!r}")

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src") in self.allowed_scripts:
            return
        if self.is_site_chrome(tag, attrs):
            return
        if tag in FORBIDDEN_TAGS and not (tag in {"link", "meta"} and not self.in_body):
            self.problems.append(f"<{tag}> {attrs}")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"{name} on <{tag}>")
            cleaned = re.sub(r"[\x00-\x20]", "", unescape(value or ""))
            if name in URL_ATTRIBUTES and SCRIPT_URL.match(cleaned):
                self.problems.append(f"{name}={value!r} on <{tag}>")
            if name == "style" and "javascript" in cleaned.lower():
                self.problems.append(f"style={value!r} on <{tag}>")


def audit(html):
    parser = Audit()
    parser.feed(html)
    return parser.problems
