"""Sponsors, organizers and places: source records that become rows of the edition (snippets)
rather than pages. Their fields, in the spellings of the 2023 Jekyll site and of the 2024 and
2025 Eleventy sites, are normalized here, before anything is written."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from slugify import slugify

from text.site_variables import UNSAFE_LINK_MESSAGE, link_is_safe

from .errors import ImportProblem, raise_problems
from .markdown import unwrap_raw
from .sources import JEKYLL_POST_NAME, as_text, check_markdown, clean_title

# The levels of a source that does not give their order (2023's site has it in a template):
# these first, then the others alphabetically.
DEFAULT_LEVEL_ORDER = ["Diamond", "Platinum", "Gold", "Silver", "Bronze", "Community", "Media"]
ORIENTATIONS = {"landscape", "square", "portrait"}
# A handle (`webology`, `@webology`) on a network, as the address of its profile.
PROFILE_URLS = {
    "github": "https://github.com/{}",
    "x": "https://x.com/{}",
    "bluesky": "https://bsky.app/profile/{}",
    "linkedin": "https://www.linkedin.com/in/{}",
}
# The networks an organizer's `social` (or its top-level keys, in 2023) may name, by field.
ORGANIZER_NETWORKS = {
    "mastodon": "mastodon",
    "bluesky": "bluesky",
    "github": "github",
    "linkedin": "linkedin",
    "twitter": "x",
    "x": "x",
    "website": "website",
}
MASTODON_HANDLE = re.compile(r"^@?(?P<user>[\w.]+)@(?P<host>[\w.-]+\.[a-z]{2,})$", re.IGNORECASE)
# The local guide's categories, told from the words of a place that does not say (the first
# that matches wins: "Museum, Hotel, and Restaurant" is a hotel).
CATEGORY_WORDS = [
    ("hotel", r"hotel|\binn\b|hostel|suites|lodg"),
    ("coffee", r"coffee|caf[eé]|espresso|roaster|tea house"),
    (
        "food",
        r"restaurant|\bbar\b|pub|brew|beer|pizza|rotisserie|grill|kitchen|diner|bakery|"
        r"ice cream|chocolate|taco|burger|food|eat|dining|cocktail|wine|soul|tavern|arcade",
    ),
    (
        "sights",
        r"museum|park|tower|skydeck|riverwalk|pier|gallery|theat|cruise|boat|garden|"
        r"observation|landmark|tour",
    ),
]
PLACE_CATEGORIES = {"food", "coffee", "hotel", "sights", "other"}
CATEGORY_ALIASES = {"restaurant": "food", "drinks": "food", "hotels": "hotel", "sight": "sights"}


def link_problem(record, field_name, top, message):
    return ImportProblem(record.path, message, field=field_name, line=record.lines.get(top))


def as_link(record, field_name, value, top=None):
    """A web address, or "" when there is none; refused when it is not one, or not safe."""
    top = top or field_name
    if value in (None, "", False):
        return ""
    if isinstance(value, dict | list | bool):
        raise link_problem(record, field_name, top, "must be a web address")
    url = str(value).strip()
    if not link_is_safe(url):
        raise link_problem(record, field_name, top, UNSAFE_LINK_MESSAGE)
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise link_problem(record, field_name, top, f"{url!r} is not a web address") from None
    return url


def missing(record, field_name):
    """A field the file does not give: told at its first line (its front matter's)."""
    return ImportProblem(
        record.path, "is missing", field=field_name, line=record.lines.get(field_name) or 1
    )


def as_flag(record, field_name, value):
    if value in (None, ""):
        return False
    if not isinstance(value, bool):
        raise record.problem(field_name, "must be true or false")
    return value


def as_mapping(record, field_name, value):
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise record.problem(field_name, "must be a mapping of keys to values")
    return value


def name_of(record, limit):
    name = clean_title(record.data.get("name") or record.data.get("title"))
    if not name:
        raise missing(record, "name")
    if len(name) > limit:
        raise record.problem("name", f"is {len(name)} characters long; at most {limit}")
    return name


def row_slug(record, name):
    """The file's name without a Jekyll date (`2023-09-11-wagtail` is wagtail), else the
    name's."""
    stem = record.path.stem
    match = JEKYLL_POST_NAME.match(stem)
    return slugify(match.group("slug") if match else stem, max_length=100) or slugify(name)[:100]


def text_of(record, field_name="description"):
    """The markdown of a row: the body, or the `description` 2023 keeps in its front matter."""
    body = record.body.strip()
    if body:
        check_markdown(record, "body", body)
        return unwrap_raw(body)
    text = as_text(record, field_name, record.data.get(field_name))
    check_markdown(record, field_name, text)
    return unwrap_raw(text)


def picture_reference(record, *fields):
    """The file a row names for its picture (`photo`, `photo_url`, a logo's `filename`) and
    the field it came from."""
    for field_name in fields:
        value = record.data.get(field_name)
        if isinstance(value, dict):
            value = value.get("filename")
        if value not in (None, "", False):
            return as_text(record, field_name, value), field_name
    return "", fields[0]


class Collected:
    """The problems of one record, gathered so that a file's every problem is told at once."""

    def __init__(self, record):
        self.record, self.problems = record, []

    def take(self, function, *args, default=""):
        try:
            return function(self.record, *args)
        except ImportProblem as problem:
            self.problems.append(problem)
            return default

    def add(self, problem):
        self.problems.append(problem)

    def raise_any(self):
        raise_problems(self.problems)


def normalize_sponsor(record):
    data = record.data
    found = Collected(record)
    name = found.take(name_of, 255)
    level = data.get("level")
    if level in (None, ""):
        found.add(missing(record, "level"))
    elif isinstance(level, dict | list | bool):
        found.add(record.problem("level", "must be the name of a level, e.g. Gold"))
    logo = data.get("logo")
    nested_logo = isinstance(logo, dict)
    orientation = str(
        (logo.get("orientation") if nested_logo else None)
        or data.get("logo_orientation")
        or "landscape"
    ).lower()
    if orientation not in ORIENTATIONS:
        field_name, top = ("logo.orientation", "logo") if nested_logo else ("logo_orientation",) * 2
        message = f"{orientation!r} is not one of {', '.join(sorted(ORIENTATIONS))}"
        found.add(link_problem(record, field_name, top, message))
    # 2023: url_target and url_friendly; later: url: {target, label}.
    url = data.get("url") if isinstance(data.get("url"), dict) else {}
    if url:
        link = found.take(as_link, "url.target", url.get("target"), "url")
        label = found.take(as_text, "url", url.get("label"), 100)
    else:
        link = found.take(as_link, "url_target", data.get("url_target") or data.get("url"))
        label = found.take(as_text, "url_friendly", data.get("url_friendly"), 100)
    # `hiring: true` with `hiring_url` (or a jobs link in `hiring` itself); without a link,
    # there is nothing to show.
    jobs_field = next(
        (key for key in ("hiring_url", "jobs_url", "jobs") if data.get(key)), "hiring_url"
    )
    jobs = data.get(jobs_field)
    if isinstance(data.get("hiring"), str):
        jobs_field, jobs = "hiring", data["hiring"]
    jobs_link = found.take(as_link, jobs_field, jobs)
    description = found.take(text_of)
    hidden = found.take(as_flag, "hidden", data.get("hidden"), default=False)
    logo_ref, logo_field = found.take(picture_reference, "logo", default=("", "logo"))
    found.raise_any()
    return {
        "slug": row_slug(record, name),
        "name": name,
        "level": " ".join(str(level).split()),
        "logo": logo_ref,
        "logo_field": logo_field,
        "logo_orientation": orientation,
        "link": link,
        "link_label": label,
        "description": description,
        "hiring": bool(jobs_link),
        "jobs_link": jobs_link,
        "hidden": hidden,
    }


def profile_link(record, network, value, top):
    """The address of a profile given as an address or, on most networks, as a handle."""
    field_name = f"social.{network}" if top == "social" else network
    network = ORGANIZER_NETWORKS.get(network, network)  # twitter is x
    if isinstance(value, str):
        handle = value.strip()
        mastodon = MASTODON_HANDLE.match(handle) if network == "mastodon" else None
        if mastodon:
            value = f"https://{mastodon.group('host')}/@{mastodon.group('user')}"
        elif network in PROFILE_URLS and handle and "/" not in handle and "." not in handle:
            value = PROFILE_URLS[network].format(handle.lstrip("@"))
        elif network in PROFILE_URLS and handle and not handle.startswith("http"):
            value = f"https://{handle}" if "." in handle.split("/")[0] else handle
    return as_link(record, field_name, value, top)


def normalize_organizer(record):
    data = record.data
    found = Collected(record)
    name = found.take(name_of, 100)
    roles = data.get("roles", data.get("role"))
    if isinstance(roles, list):
        roles = ", ".join(str(role).strip() for role in roles if role not in (None, ""))
    roles = found.take(as_text, "roles" if "roles" in data else "role", roles, 255)
    social = found.take(as_mapping, "social", data.get("social"), default={})
    # Keys as written (`Linkedin:` in one 2024 file); 2023 keeps them at the top level.
    given = {str(key).lower(): value for key, value in data.items()}
    given_social = {str(key).lower(): value for key, value in social.items()}
    links = {}
    for key, network in ORGANIZER_NETWORKS.items():
        value, top = given_social.get(key), "social"
        if value in (None, ""):
            value, top = given.get(key), key
        if value not in (None, "") and not links.get(network):
            links[network] = found.take(profile_link, key, value, top)
    photo, photo_field = found.take(picture_reference, "photo", "photo_url", default=("", "photo"))
    kind = str(data.get("kind") or "").lower()
    volunteer = kind == "volunteer" or data.get("volunteer") is True
    bio = found.take(text_of, "bio")
    hidden = found.take(as_flag, "hidden", data.get("hidden"), default=False)
    pronouns = found.take(as_text, "pronouns", data.get("pronouns"), 50)
    found.raise_any()
    return {
        "slug": row_slug(record, name),
        "name": name,
        "kind": "volunteer" if volunteer else "organizer",
        "roles": roles,
        "pronouns": pronouns,
        "photo": photo,
        "photo_field": photo_field,
        "links": links,
        "bio": bio,
        "hidden": hidden,
    }


def place_category(record, name, text):
    """The place's category as the file gives it, else told from its words, else "other"."""
    given = str(record.data.get("category") or record.data.get("type") or "").strip().lower()
    if given:
        given = CATEGORY_ALIASES.get(given, given)
        if given not in PLACE_CATEGORIES:
            choices = ", ".join(sorted(PLACE_CATEGORIES))
            raise record.problem("category", f"{given!r} is not one of {choices}")
        return given
    words = f"{name} {text}".lower()
    return next(
        (category for category, pattern in CATEGORY_WORDS if re.search(pattern, words)),
        "other",
    )


def normalize_place(record):
    data = record.data
    found = Collected(record)
    name = found.take(name_of, 150)
    text = found.take(text_of)
    category = found.take(place_category, name, text, default="other")
    address_field = "location" if "location" in data else "address"
    address = found.take(as_text, address_field, data.get(address_field))
    distance = found.take(as_text, "distance", data.get("distance"), 100)
    map_link = found.take(as_link, "map", data.get("map") or data.get("map_link"))
    website = found.take(as_link, "website", data.get("website"))
    photo, photo_field = found.take(picture_reference, "photo", "photo_url", default=("", "photo"))
    hidden = found.take(as_flag, "hidden", data.get("hidden"), default=False)
    found.raise_any()
    return {
        "slug": row_slug(record, name),
        "name": name,
        "category": category,
        "address": address,
        "distance": distance,
        "map_link": map_link,
        "website": website,
        "photo": photo,
        "photo_field": photo_field,
        "text": text,
        "hidden": hidden,
    }


def level_order(names, given=None):
    """The levels in the order the source's settings give (`sponsorsOrder`), then the others
    in DEFAULT_LEVEL_ORDER, then alphabetically. Names are matched regardless of case."""
    ranked = [str(name) for name in (given or []) if isinstance(name, str)]
    ranked += [
        name for name in DEFAULT_LEVEL_ORDER if name.lower() not in {r.lower() for r in ranked}
    ]
    position = {name.lower(): number for number, name in enumerate(ranked)}
    return sorted(
        dict.fromkeys(names),
        key=lambda name: (position.get(name.lower(), len(position)), name.lower()),
    )
