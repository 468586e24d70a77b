"""Read source files, tell their dialect and kind, and normalize their fields.

Nothing here touches the database: every file becomes a plain record first, so a bad file
is reported before anything is written."""

import datetime
import html
import json
import os
import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import ftfy
import yaml
from django.core.exceptions import ValidationError
from frontmatter.default_handlers import YAMLHandler
from slugify import slugify

from text.markdown import MAX_MARKDOWN_CHARS, markdown_problem, pelican_footnotes
from text.video import normalize_video_url

from .errors import ImportProblem
from .markdown import body_blocks, split_excerpt, unwrap_raw

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".txt", ""}
DATA_SUFFIXES = {".json", ".yml", ".yaml"}
KINDS = (
    "talk",
    "tutorial",
    "presenter",
    "announcement",
    "recap",
    "page",
    "schedule_item",
    "settings",
    "pretalx",
    "sponsor",
    "organizer",
    "place",
)
# Rows of the edition (snippets), told from the folder the file is in.
ROW_FOLDERS = {
    "_sponsors": "sponsor",
    "sponsors": "sponsor",
    "_organizers": "organizer",
    "organizers": "organizer",
    "_places": "place",
    "places": "place",
}
# What an Eleventy folder data file (`sponsors.json`) holds: settings for its folder's pages,
# not content.
FOLDER_DATA_KEYS = {"permalink", "sitemap", "eleventyExcludeFromCollections", "layout", "tags"}
PELICAN_HEADER = re.compile(r"^(?P<key>[A-Z][A-Za-z_ ]{0,30}):\s*(?P<value>.*)$")
PUBLISHED_LINE = re.compile(
    r"^\s*Published\s+(?:on\s+)?(?P<date>[A-Z][a-z]+\.? \d{1,2},? \d{4})\s*$"
)
JEKYLL_POST_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>.+)$")
MAX_FILE_BYTES = 20 * 1024 * 1024
# A page's markdown is tens of kilobytes; megabytes of it are a mistake that would hold the
# import (and its one transaction) for minutes. JSON schedules may use MAX_FILE_BYTES.
MAX_MARKDOWN_BYTES = 1024 * 1024
BREAK_CATEGORIES = {"break", "lunch", "social-event", "social", "meal", "registration"}
# YAML aliases (`*name`) let a few lines stand for billions of values ("billion laughs");
# site settings and front matter need a handful at most.
MAX_YAML_ALIASES = 20


class TooManyAliases(yaml.composer.ComposerError):
    pass


class BoundedSafeLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing a document with more than MAX_YAML_ALIASES aliases
    while it is being read, before any of them is expanded."""

    aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_YAML_ALIASES:
                raise TooManyAliases(
                    None,
                    None,
                    f"more than {MAX_YAML_ALIASES} aliases (*name); write the values out",
                    self.peek_event().start_mark,
                )
        return super().compose_node(parent, index)


class BoundedYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler, reading with BoundedSafeLoader."""

    def load(self, fm, **kwargs):
        return super().load(fm, Loader=BoundedSafeLoader, **kwargs)


@dataclass
class Record:
    """One thing to import: a page, a schedule item, the edition's settings or a schedule."""

    kind: str
    path: Path
    dialect: str
    data: dict = field(default_factory=dict)
    body: str = ""
    lines: dict = field(default_factory=dict)
    body_line: int = 1  # the line of the file the body starts on

    def problem(self, field_name, message):
        return ImportProblem(self.path, message, field=field_name, line=self.lines.get(field_name))

    @property
    def identity(self):
        return self.data.get("slug", "")


def read_text(path):
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise ImportProblem(path, f"file is larger than {MAX_FILE_BYTES // 2**20} MB")
    if path.suffix.lower() in {".md", ".markdown"} and len(raw) > MAX_MARKDOWN_BYTES:
        raise ImportProblem(
            path,
            f"markdown file is larger than {MAX_MARKDOWN_BYTES // 2**20} MB "
            f"({len(raw) / 2**20:.1f} MB): split it into several pages",
        )
    if b"\x00" in raw:
        raise ImportProblem(path, "file holds NUL bytes; is it a binary file?")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"not UTF-8 text ({error.reason} at byte {error.start})"
        raise ImportProblem(path, message) from None
    # Mojibake such as "√Ålvaro" (UTF-8 read as Mac Roman) is repaired here, once.
    return ftfy.fix_text(text.replace("\r\n", "\n"), normalization="NFC")


def iter_source_files(paths):
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise ImportProblem(path, "no such file or folder")
        if path.is_dir():
            folder = path.resolve()
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                readable = child.suffix.lower() in MARKDOWN_SUFFIXES | DATA_SUFFIXES
                if child.is_file() and readable and not hidden:
                    refuse_outside_link(child, folder)
                    yield child
        else:
            yield path


def refuse_outside_link(path, folder):
    """A symbolic link may point anywhere (`post.md -> /srv/app/.env`): only what stays in
    the folder being imported is read, and published."""
    target = path.resolve()
    if not target.is_relative_to(folder):
        raise ImportProblem(
            path, f"is a symbolic link to {target}, outside the folder {folder}: not imported"
        )


def refuse_linked_file(source, ref):
    """A file the markdown refers to (an image) that is a symbolic link, in the markdown's
    folder, to a file outside it: refused rather than imported, or silently left out."""
    folder = source.parent.absolute()
    linked = Path(os.path.normpath(folder / ref.lstrip("/")))
    target = linked.resolve()
    if linked.is_relative_to(folder) and target.is_file():
        raise ImportProblem(
            source,
            f"{ref} is a symbolic link to {target}, outside the folder {folder.resolve()}: "
            "not imported",
            field="image",
        )


def front_matter_lines(text):
    """Map each top-level front matter key to its line number in the file."""
    lines = {}
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if line.strip() == "---":
            break
        match = re.match(r"^([A-Za-z_][\w-]*):", line)
        if match:
            lines.setdefault(match.group(1), number)
    return lines


SETTING_LINE = re.compile(r'^\s{0,2}"?([A-Za-z_][\w-]*)"?\s*:')


def setting_lines(text):
    """Map each key of a _config.yml or site.json to the first line it is on."""
    lines = {}
    for number, line in enumerate(text.split("\n"), start=1):
        match = SETTING_LINE.match(line)
        if match:
            lines.setdefault(match.group(1), number)
    return lines


def is_folder_readme(path, text):
    """A note for the site's maintainers (`SPONSORS`, `_PLACE`): no suffix, a name in capitals
    or starting with "_", and no front matter. Not content."""
    name = path.name
    return (
        not path.suffix
        and (name.isupper() or name.startswith("_"))
        and not text.startswith("---\n")
    )


def is_folder_data(path, data):
    """An Eleventy folder data file (`sponsors.json` holding `{"permalink": false}`)."""
    return (
        path.name.lower() != "site.json"
        and isinstance(data, dict)
        and bool(data)
        and set(data) <= FOLDER_DATA_KEYS
    )


def load_documents(path, forced_kind=None):
    """Every record one file holds (a schedule file holds many); none for a file that is not
    content (a folder's README or data file)."""
    text = read_text(path)
    name = path.name.lower()
    suffix = path.suffix.lower()
    if is_folder_readme(path, text):
        return []
    if name in {"_config.yml", "_config.yaml", "site.json"}:
        data = parse_data(path, text)
        return [Record("settings", path, "site-variables", data=data, lines=setting_lines(text))]
    if suffix == ".json":
        data = parse_data(path, text)
        if is_folder_data(path, data):
            return []
        if isinstance(data, dict) and "schedule" in data:
            return [Record("pretalx", path, "pretalx", data=data)]
        raise ImportProblem(path, "JSON file is neither a pretalx schedule nor site.json")
    if suffix in {".yml", ".yaml"}:
        data = parse_data(path, text)
        if isinstance(data, list):
            return [schedule_item_record(path, item, number) for number, item in enumerate(data, 1)]
        if isinstance(data, dict):
            return [Record("settings", path, "site-variables", data=data)]
        raise ImportProblem(path, "YAML file is neither a schedule list nor site variables")
    if text.startswith("---\n"):
        record = front_matter_record(path, text)
    elif is_pelican(text):
        record = pelican_record(path, text)
    else:
        record = plain_record(path, text)
    if forced_kind:
        record.kind = forced_kind
    return [record]


def parse_data(path, text):
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return yaml.load(text, Loader=BoundedSafeLoader)  # noqa: S506 (a SafeLoader)
    except json.JSONDecodeError as error:
        raise ImportProblem(path, f"invalid JSON: {error.msg}", line=error.lineno) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        message = f"invalid YAML: {getattr(error, 'problem', error)}"
        raise ImportProblem(path, message, line=line) from None


def front_matter_record(path, text):
    try:
        post = frontmatter.loads(text, handler=BoundedYAMLHandler())
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        # The front matter starts on line 2; a parse error's mark is past the problem.
        offset = 1 if isinstance(error, TooManyAliases) else 2
        line = mark.line + offset if mark else None
        message = f"invalid YAML front matter: {getattr(error, 'problem', error)}"
        raise ImportProblem(path, message, line=line) from None
    meta = dict(post.metadata)
    parts = {part.lower() for part in path.parts}
    eleventy = (
        "src" in parts
        or "_content" in parts
        or any(key in meta for key in ("start_datetime", "published_datetime", "cover", "social"))
    )
    record = Record(
        kind=front_matter_kind(path, meta),
        path=path,
        dialect="eleventy" if eleventy else "jekyll",
        data=meta,
        body=post.content,
        lines=front_matter_lines(text),
        body_line=line_of(text, post.content),
    )
    return record


def front_matter_kind(path, meta):
    folders = [part.lower() for part in path.parent.parts]
    category = str(meta.get("category") or "").lower()
    if path.parent.name.lower() in ROW_FOLDERS:
        return ROW_FOLDERS[path.parent.name.lower()]
    if "_presenters" in folders or "presenters" in folders:
        return "presenter"
    if "_posts" in folders or "posts" in folders:
        return "announcement"
    if category in BREAK_CATEGORIES:
        return "schedule_item"
    schedule_folders = {"_schedule", "schedule", "talks", "tutorials", "sprints"}
    if schedule_folders.intersection(folders):
        return "tutorial" if category == "tutorials" else "talk"
    if meta.get("layout") == "session-details" or "presenter_slugs" in meta:
        return "tutorial" if category == "tutorials" else "talk"
    if "start_datetime" in meta or "end_date" in meta:
        return "tutorial" if category == "tutorials" else "talk"
    if "name" in meta and "title" not in meta:
        return "presenter"
    if meta.get("layout") == "post" or "published_datetime" in meta or "author" in meta:
        return "announcement"
    return "page"


def is_pelican(text):
    first = text.split("\n", 1)[0]
    match = PELICAN_HEADER.match(first)
    return bool(match) and match.group("key").lower() == "title"


def pelican_record(path, text):
    head, _, body = text.partition("\n\n")
    meta, lines = {}, {}
    for number, line in enumerate(head.split("\n"), 1):
        match = PELICAN_HEADER.match(line)
        if not match:
            raise ImportProblem(path, f"cannot read header line {line!r}", line=number)
        key = match.group("key").strip().lower()
        meta[key], lines[key] = match.group("value").strip(), number
    kind = "recap"
    if str(meta.get("status", "")).lower() not in {"", "published", "draft", "hidden"}:
        line = lines["status"]
        raise ImportProblem(path, "must be published or draft", field="Status", line=line)
    return Record(
        kind, path, "pelican", data=meta, body=body, lines=lines, body_line=line_of(text, body)
    )


def plain_record(path, text):
    lines = text.split("\n")
    title, date, kept = "", None, []
    for number, line in enumerate(lines, 1):
        if not title and line.startswith("# "):
            title = line[2:].strip()
            continue
        published = PUBLISHED_LINE.match(line)
        if published and date is None and number < 10:
            date = parse_plain_date(path, published.group("date"), number)
            continue
        kept.append(line)
    if not title:
        title = path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    kind = "recap" if "recap" in title.lower() else "page"
    data = {"title": title, "date": date, "slug": slugify(title, max_length=80)}
    body = "\n".join(kept).strip("\n") + "\n"
    return Record(kind, path, "markdown", data=data, body=body, body_line=line_of(text, body))


def line_of(text, part):
    """The line of `text` that `part` (cut from it) starts on; 1 when it cannot be found."""
    index = text.find(part.strip("\n")[:200]) if part.strip() else -1
    return text.count("\n", 0, index) + 1 if index > 0 else 1


def check_markdown(record, field_name, text, title=""):
    """Refuse markdown that python-markdown would take minutes over, or a block of it larger
    than the site renders: `path:line: field: problem`, before anything is written."""
    first_line = record.body_line if field_name == "body" else record.lines.get(field_name)
    problem = markdown_problem(text)
    if problem and problem[0]:
        line = first_line + problem[0] - 1 if first_line else None
        raise ImportProblem(record.path, problem[1], field=field_name, line=line)
    for block in body_blocks(title, text):
        if block.type == "markdown" and len(block.text) > MAX_MARKDOWN_CHARS:
            offset = text.count("\n", 0, max(text.find(block.text[:200]), 0))
            line = first_line + offset if first_line else None
            message = (
                f"{len(block.text):,} characters without a heading; at most "
                f"{MAX_MARKDOWN_CHARS:,}: add headings or split the file"
            )
            raise ImportProblem(record.path, message, field=field_name, line=line)


def parse_plain_date(path, value, line):
    for pattern in ("%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b. %d, %Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ImportProblem(path, f"cannot read the date {value!r}", field="Published", line=line)


def schedule_item_record(path, item, number):
    if not isinstance(item, dict):
        raise ImportProblem(path, f"entry {number} is not a mapping", line=None)
    return Record("schedule_item", path, "eleventy-manual", data=item, lines={})


# Field normalization -------------------------------------------------------------------


def clean_title(value):
    """Titles may carry HTML entities (`&lt;`) and stray whitespace."""
    return " ".join(html.unescape(str(value or "")).split())


def as_datetime(record, field_name, value, tz):
    """An aware datetime; a value without offset is in the edition's zone."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        result = value
    elif isinstance(value, datetime.date):
        result = datetime.datetime.combine(value, datetime.time())
    else:
        try:
            result = datetime.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            raise record.problem(field_name, f"{value!r} is not a date and time") from None
    if result.tzinfo is None:
        result = result.replace(tzinfo=tz)
    return result


def as_date(record, field_name, value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise record.problem(field_name, f"{value!r} is not a date") from None


def as_list(record, field_name, value):
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        return [str(item).strip() for item in value if item not in (None, "")]
    raise record.problem(field_name, "must be a list")


def as_text(record, field_name, value, max_length=None):
    if value is None:
        return ""
    if isinstance(value, dict | list):
        raise record.problem(field_name, "must be text")
    text = str(value).strip()
    if max_length and len(text) > max_length:
        raise record.problem(field_name, f"is {len(text)} characters long; at most {max_length}")
    return text


def slug_from_permalink(permalink):
    parts = [part for part in str(permalink or "").split("/") if part]
    return slugify(parts[-1]) if parts else ""


def talk_kind(record, category, title):
    lowered = title.lower()
    if category == "tutorials" or record.kind == "tutorial":
        return "tutorial"
    if category == "sprints":
        return "sprint"
    if "keynote" in lowered:
        return "keynote"
    if "lightning talk" in lowered:
        return "lightning"
    if lowered.startswith("panel") or "panel discussion" in lowered:
        return "panel"
    return "talk"


def start_and_end(record, tz):
    """Jekyll says date/end_date, Eleventy start_datetime/end_datetime; the end comes after."""
    data = record.data
    start_key = "start_datetime" if "start_datetime" in data else "date"
    end_key = "end_datetime" if "end_datetime" in data else "end_date"
    start = as_datetime(record, start_key, data.get(start_key), tz)
    end = as_datetime(record, end_key, data.get(end_key), tz)
    if start and end and end <= start:
        raise record.problem(
            end_key,
            f"ends at {end.isoformat()} but starts at {start.isoformat()}: the end must come "
            "after the start",
        )
    return start, end


def normalize_talk(record, tz):
    data = record.data
    title = clean_title(data.get("title"))
    if not title:
        raise record.problem("title", "is missing")
    start, end = start_and_end(record, tz)
    body = record.body.strip() or str(data.get("abstract") or "").replace("\r\n", "\n")
    check_markdown(record, "body" if record.body.strip() else "abstract", body, title)
    try:
        video = normalize_video_url(as_text(record, "video_url", data.get("video_url")))
    except ValidationError as error:
        raise record.problem("video_url", error.messages[0]) from None
    slug = slugify(str(data.get("slug") or "")) or slug_from_permalink(data.get("permalink"))
    presenters = data.get("presenter_slugs")
    if presenters is None:
        presenters = data.get("presenters") or []
    return {
        "kind": talk_kind(record, str(data.get("category") or "").lower(), title),
        "title": title,
        "slug": slug or slugify(record.path.stem),
        "permalink": as_text(record, "permalink", data.get("permalink")),
        "redirect_from": as_list(record, "redirect_from", data.get("redirect_from")),
        "start": start,
        "end": end,
        "presenter_slugs": [
            slugify(item) for item in as_list(record, "presenter_slugs", presenters)
        ],
        "room": as_text(record, "room", data.get("room"), 100),
        "track": as_text(record, "track", data.get("track"), 100),
        "tags": as_list(record, "tags", data.get("tags")),
        "difficulty": as_text(record, "difficulty", data.get("difficulty")).lower(),
        "video_url": video,
        "slides_url": as_text(record, "slides_url", data.get("slides_url")),
        "summary": as_text(record, "summary", data.get("summary")),
        "body": unwrap_raw(body),
        "draft": is_draft(data),
    }


def is_draft(data):
    """`published: false`, `hidden: true`, `accepted: false` and `Status: draft` stay drafts."""
    return (
        data.get("published") is False
        or data.get("hidden") is True
        or data.get("accepted") is False
        or str(data.get("status", "")).lower() in {"draft", "hidden"}
    )


def normalize_presenter(record):
    data = record.data
    name = clean_title(data.get("name") or data.get("title"))
    if not name:
        raise record.problem("name", "is missing")
    check_markdown(record, "body", record.body, name)
    social = data.get("social") or {}
    if not isinstance(social, dict):
        raise record.problem("social", "must be a mapping of network to address")
    links = {}
    for network in ("github", "mastodon", "bluesky", "instagram", "twitter", "x", "website"):
        value = social.get(network) or data.get(network)
        if value:
            links["x" if network == "twitter" else network] = as_text(record, network, value)
    slug = slug_from_permalink(data.get("permalink")) or slugify(record.path.stem)
    photo = data.get("photo_url") or data.get("photo") or ""
    return {
        "slug": slug,
        "name": name,
        "pronouns": as_text(record, "pronouns", data.get("pronouns"), 64),
        "company": as_text(record, "company", data.get("company"), 255),
        "role": as_text(record, "role", data.get("role"), 255),
        "photo": as_text(record, "photo", photo),
        "links": links,
        "body": unwrap_raw(record.body.strip()),
        "draft": is_draft(data),
        "permalink": as_text(record, "permalink", data.get("permalink")),
    }


def normalize_post(record, tz):
    data = record.data
    title = clean_title(data.get("title"))
    if not title:
        raise record.problem("title", "is missing")
    check_markdown(record, "body", record.body, title)
    name_match = JEKYLL_POST_NAME.match(record.path.stem)
    if data.get("slug"):
        slug = str(data["slug"])
    elif name_match:
        slug = name_match.group("slug")
    elif record.dialect == "eleventy":
        slug = record.path.stem  # Eleventy serves posts at news/<file name>/
    else:
        slug = slug_from_permalink(data.get("permalink")) or title
    date_key = next((key for key in ("published_datetime", "date") if data.get(key)), "date")
    date_value = data.get(date_key) or (name_match.group("date") if name_match else None)
    published = as_datetime(record, date_key, date_value, tz) if date_value else None
    cover = data.get("cover") or {}
    if not isinstance(cover, dict):
        cover = {"url": cover}
    body = pelican_footnotes(unwrap_raw(record.body))
    excerpt, body = split_excerpt(body)
    return {
        "title": title,
        "slug": slugify(slug, max_length=80, word_boundary=True),
        "published": published,
        "author": as_text(record, "author", data.get("author") or data.get("author_name"), 255),
        "category": as_text(record, "category", data.get("category"), 100),
        "tags": as_list(record, "tags", data.get("tags")),
        "cover_url": as_text(record, "cover", cover.get("url") or data.get("post_photo_url")),
        "cover_alt": as_text(record, "cover", cover.get("alt") or data.get("post_photo_alt")),
        "excerpt": excerpt or as_text(record, "summary", data.get("summary")),
        "body": body,
        "draft": is_draft(data),
        "permalink": as_text(record, "permalink", data.get("permalink")),
        "redirect_from": as_list(record, "redirect_from", data.get("redirect_from")),
        "featured": bool(data.get("featured")),
    }


def normalize_schedule_item(record, tz):
    data = record.data
    title = clean_title(data.get("title"))
    if not title:
        raise record.problem("title", "is missing")
    start, end = start_and_end(record, tz)
    if start is None:
        raise record.problem("start_datetime" if "start_datetime" in data else "date", "is missing")
    return {
        "title": title,
        "start": start,
        "end": end or start,
        "room": as_text(record, "room", data.get("room"), 100),
        "track": as_text(record, "track", data.get("track"), 100),
        "link": as_text(record, "permalink", data.get("permalink") or data.get("link")),
        "category": str(data.get("category") or "").lower(),
    }


def edition_zone(name):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")
