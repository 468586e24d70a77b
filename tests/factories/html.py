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
REFRESH_URL = re.compile(r"url\s*=(.*)", re.IGNORECASE | re.DOTALL)
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
        # A tag name holding "<" is a filter-evasion split (<scr<script>ipt>).
        if "<" in tag:
            self.problems.append(f"split tag <{tag}>")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            refresh_to = REFRESH_URL.search(attrs.get("content") or "")
            target = unescape(refresh_to.group(1)) if refresh_to else ""
            target = re.sub(r"[\x00-\x20'\"]", "", target)
            if SCRIPT_URL.match(target):
                self.problems.append(f"refresh to a script URL: {attrs}")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"{name} on <{tag}>")
            cleaned = re.sub(r"[\x00-\x20]", "", unescape(value or ""))
            if name in URL_ATTRIBUTES and SCRIPT_URL.match(cleaned):
                self.problems.append(f"{name}={value!r} on <{tag}>")
            if name == "style" and "javascript" in cleaned.lower():
                self.problems.append(f"style={value!r} on <{tag}>")
            # A backtick read as an attribute: markup that breaks out where IE quoted with them.
            if "`" in name:
                self.problems.append(f"backtick attribute {name!r} on <{tag}>")

    def handle_comment(self, data):
        # Markup in a comment runs as soon as anything unwraps the comment.
        inner = Audit(allowed_scripts=self.allowed_scripts)
        inner.feed(data)
        self.problems += [f"in a comment: {problem}" for problem in inner.problems]


def audit(html):
    parser = Audit()
    parser.feed(html)
    return parser.problems
