"""Apply import records to one site, in one transaction: all of a run or nothing of it."""

import datetime
import hashlib
import io
import json
import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import IntegrityError, transaction
from slugify import slugify
from tqdm import tqdm
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.utils.file import hash_filelike

from blog.models import AnnouncementPage, BlogCategory, NewsIndexPage, RecapPage
from editions.start import EditionRefused, start_edition
from home.edition import SITE_VARIABLE_FIELDS, validate_time_zone
from home.models import ConferenceSettings, Phase, StandardPage
from organizers.models import Organizer, TeamPage
from places.models import LocalGuidePage, Place
from program.models import (
    Difficulty,
    ItemKind,
    PresenterIndexPage,
    PresenterPage,
    ProgramPage,
    Room,
    ScheduleItem,
    TalkPage,
    TalkPresenter,
    Track,
)
from program.validators import schedule_errors
from search import bulk_indexing
from sponsors.models import Sponsor, SponsorLevel, SponsorsPage
from text.site_variables import UNSAFE_LINK_MESSAGE, link_is_safe

from . import edition_rows, sources
from .errors import ImportProblem, raise_problems
from .markdown import body_blocks, post_url_names, replace_post_urls
from .models import ImportedItem
from .pretalx import read_schedule
from .svg import SVGRefused, is_svg, rasterise

TRACK_CODE = re.compile(r"^t(\d+)$", re.IGNORECASE)
# Site variables a site.json or _config.yml sets, from the one mapping of home.edition: all but
# the edition's name (set by whoever creates the site) and `cfp_link` (an alias of
# `cfp_application`, which imported sites use).
NOT_IMPORTED_VARIABLES = frozenset({"name", "cfp_link"})
SETTINGS_FIELDS = {
    name: field
    for name, field in SITE_VARIABLE_FIELDS.items()
    if name not in NOT_IMPORTED_VARIABLES
}
ITEM_KIND_BY_WORD = {
    "lunch": ItemKind.MEAL,
    "breakfast": ItemKind.MEAL,
    "dinner": ItemKind.MEAL,
    "meal": ItemKind.MEAL,
    "registration": ItemKind.REGISTRATION,
    "social": ItemKind.SOCIAL,
    "night": ItemKind.SOCIAL,
    "party": ItemKind.SOCIAL,
    "sprint": ItemKind.SPRINT,
    "break": ItemKind.BREAK,
    "coffee": ItemKind.BREAK,
}
SOCIAL_URLS = {
    "github": "https://github.com/{}",
    "x": "https://x.com/{}",
    "bluesky": "https://bsky.app/profile/{}",
}
# The `social` mapping of a site.json, into the edition's social links.
SOCIAL_SETTINGS = {
    "mastodon": "mastodon_url",
    "bluesky": "bluesky_url",
    "github": "github_url",
    "linkedin": "linkedin_url",
    "x": "x_url",
}
ROW_NORMALIZERS = {
    "sponsor": edition_rows.normalize_sponsor,
    "organizer": edition_rows.normalize_organizer,
    "place": edition_rows.normalize_place,
}
RECORD_ORDER = [
    "settings",
    "pretalx",
    "presenter",
    "organizer",
    "sponsor",
    "place",
    "talk",
    "tutorial",
    "schedule_item",
    "announcement",
    "recap",
    "page",
]


def source_hostname(data):
    """The host name a source's settings give: Jekyll's `url`, Eleventy's `domain`."""
    for key in ("url", "domain"):
        value = str(data.get(key) or "").strip()
        if value:
            return urlsplit(value if "//" in value else f"//{value}").hostname
    return None


def edition_name(data, hostname):
    """`title` and `conf_year` ("DjangoCon US" and 2023), or the host name."""
    name = str(data.get("title") or "").strip() or hostname
    year = str(data.get("conf_year") or "").strip()
    return f"{name} {year}" if year and year not in name else name


def day_span(days):
    """(first, last) of a set of days, (None, None) for none."""
    return (min(days), max(days)) if days else (None, None)


def program_part(kind):
    """The part of the program a session of this kind (TalkPage.kind) belongs to."""
    return kind if kind in {"tutorial", "sprint"} else "conference"


class DryRunRollback(Exception):
    """Raised at the end of a dry run so the transaction rolls everything back."""


@dataclass
class Action:
    verb: str  # create, update, unchanged, unpublish
    kind: str
    target: str
    source: str
    detail: str = ""

    def __str__(self):
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.verb:<9} {self.kind:<13} {self.target}  <- {self.source}{detail}"


def fingerprint(data):
    encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


class ContentImport:
    """One run into one edition: `site`, or with `site=None` the edition named by `hostname`
    or, without it, by the source's own settings (`url` or `domain`); an edition that does
    not exist yet is started from those settings, with the dates of the program imported."""

    def __init__(
        self, site=None, *, hostname=None, dry_run=False, forced_kind=None, progress=False
    ):
        self.hostname = hostname
        self.dry_run = dry_run
        self.forced_kind = forced_kind
        self.progress = progress
        self.actions = []
        # What a run could not bring in but did not stop for (a logo resvg cannot draw, a
        # photo not found): `path:line: field: problem`, printed with the run's output.
        self.warnings = []
        self.roots = []
        self.level_order = []
        self.stored_files = []
        self.new_edition = None  # what start_edition() is given, when the edition is new
        self.site = None
        if site is not None:
            self.use_site(site)

    def use_site(self, site):
        self.site = site
        self.conference = ConferenceSettings.for_site(site)
        self.tz = self.conference.tzinfo
        self._parents = {}
        # Read once per run rather than once per file: what was imported before, the children
        # of each parent (by slug) and the site's redirects.
        self._items = {item.identity: item for item in ImportedItem.objects.filter(site=site)}
        self._children = {}
        self._redirects = None
        self._categories = {}
        # The edition's own rooms and tracks: another edition's of the same name are not these.
        self._rooms = {room.name: room for room in Room.objects.for_site(site)}
        self._tracks = {track.slug: track for track in Track.objects.for_site(site)}
        self._levels = None
        self._sponsor_order = {}

    # -- the run ------------------------------------------------------------------------

    def run(self, paths):
        records = self.read(paths)
        try:
            with transaction.atomic():
                if self.new_edition is not None:
                    self.start_new_edition()
                with bulk_indexing.deferred():
                    for record in tqdm(
                        records, desc="Importing", unit="file", disable=not self.progress
                    ):
                        self.apply(record)
                if self.dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            self.delete_stored_files()
        except BaseException:
            self.delete_stored_files()
            raise
        return self.actions

    def read(self, paths):
        """Parse and check every file before anything is written; every problem found is
        reported at once."""
        records, problems = [], []
        # A site-root reference (`/static/img/sponsors/x.png`) is looked up under the folder
        # given, never above it.
        self.roots = [
            path.absolute() if path.is_dir() else path.absolute().parent
            for path in map(Path, paths)
        ]
        for path in sources.iter_source_files(paths):
            try:
                records.extend(sources.load_documents(path, self.forced_kind))
            except ImportProblem as problem:
                problems.append(problem)
        raise_problems(problems)
        if self.site is None:
            self.find_or_plan_edition(records)
        for record in records:
            try:
                self.normalize(record)
            except ImportProblem as problem:
                # A file with several problems tells them all.
                problems.extend(getattr(problem, "problems", [problem]))
        raise_problems(problems)
        self.plan_levels(records)
        if self.new_edition is not None:
            self.plan_dates(records)
        raise_problems(self.schedule_problems(records))
        self.post_names = {
            record.path.stem: record.normalized["slug"]
            for record in records
            if record.kind in {"announcement", "recap"}
        }
        return sorted(records, key=lambda record: RECORD_ORDER.index(record.kind))

    def normalize(self, record):
        if record.kind not in RECORD_ORDER:
            raise ImportProblem(record.path, f"unknown kind {record.kind!r}", field="--as")
        if record.kind in {"talk", "tutorial"}:
            record.normalized = sources.normalize_talk(record, self.tz)
            self.check_choices(record)
        elif record.kind == "presenter":
            record.normalized = sources.normalize_presenter(record)
        elif record.kind in {"announcement", "recap", "page"}:
            record.normalized = sources.normalize_post(record, self.tz)
        elif record.kind == "schedule_item":
            record.normalized = sources.normalize_schedule_item(record, self.tz)
        elif record.kind == "pretalx":
            record.normalized = read_schedule(record.path, record.data)
        elif record.kind in ROW_NORMALIZERS:
            record.normalized = ROW_NORMALIZERS[record.kind](record)
        else:
            record.normalized = record.data

    # -- the edition ----------------------------------------------------------------------

    def find_or_plan_edition(self, records):
        """The edition to import into; when it does not exist yet, what to start it with."""
        settings = [record for record in records if record.kind == "settings"]
        data = {}
        for record in settings:
            if isinstance(record.data, dict):
                data.update(record.data)
        hostname = self.hostname or source_hostname(data)
        if hostname is None:
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
            if site is None:
                raise ImportProblem("--site", "there is no default site; name one with --site")
            return self.use_site(site)
        site = Site.objects.filter(hostname=hostname).select_related("root_page").first()
        if site is not None:
            return self.use_site(site)
        if not settings:
            names = ", ".join(Site.objects.values_list("hostname", flat=True))
            raise ImportProblem(
                "--site",
                f"no site is called {hostname!r} (sites: {names}), and the source has no "
                "_config.yml or site.json to start that edition from",
            )
        source = settings[0]
        time_zone = str(data.get("timezone") or "America/New_York").strip()
        try:
            validate_time_zone(time_zone)
        except ValidationError as error:
            raise source.problem("timezone", error.messages[0]) from None
        phase = str(data.get("phase") or Phase.UPCOMING).strip()
        if phase not in Phase.values:
            raise source.problem("phase", f"{phase!r} is not one of {', '.join(Phase.values)}")
        self.new_edition = {
            "hostname": hostname,
            "name": edition_name(data, hostname),
            "time_zone": time_zone,
            "phase": phase,
            "source": source.path,
        }
        self.tz = zoneinfo.ZoneInfo(time_zone)

    def plan_dates(self, records):
        """A new edition's days, in its zone: the tutorials' days, the sprints' days and, for
        its own dates, the other sessions' days (`program_part`). A break or meal counts
        toward those only on a day of neither tutorials nor sprints (breakfast on a tutorial
        day is part of it). Should the days not make tutorial and sprint days the rules
        accept (ConferenceSettings.extra_days_errors), the edition runs from the first day of
        its program to the last."""
        days = {"conference": set(), "tutorial": set(), "sprint": set(), "item": set()}
        for record in records:
            for slot, part in self.program_slots(record):
                days[part].update(
                    value.astimezone(self.tz).date()
                    for value in (slot["start"], slot["end"])
                    if isinstance(value, datetime.datetime)
                )
        tutorials, sprints = days["tutorial"], days["sprint"]
        own = days["conference"] | (days["item"] - tutorials - sprints)
        plan = self.new_edition
        conference = ConferenceSettings(name=plan["name"], time_zone=plan["time_zone"])
        conference.start_date, conference.end_date = day_span(own)
        for part, fields in ConferenceSettings.EXTRA_DAYS.items():
            for field, day in zip(fields, day_span(days[part]), strict=True):
                setattr(conference, field, day)
        if not own or conference.extra_days_errors():
            conference = ConferenceSettings(name=plan["name"], time_zone=plan["time_zone"])
            conference.start_date, conference.end_date = day_span(set().union(*days.values()))
        self.new_edition["dates"] = {
            field: getattr(conference, field) for field in ConferenceSettings.DATE_FIELDS
        }
        self.conference = conference

    def program_slots(self, record):
        """(slot, part of the program) of a record: "tutorial", "sprint", "conference" for
        the other sessions, or "item" for breaks, meals and the like."""
        if record.kind in {"talk", "tutorial"}:
            return [(record.normalized, program_part(record.normalized["kind"]))]
        if record.kind == "schedule_item":
            sprint = self.item_kind(record.normalized) == ItemKind.SPRINT
            return [(record.normalized, "sprint" if sprint else "item")]
        if record.kind == "pretalx":
            schedule = record.normalized
            return [(slot, program_part(slot["kind"])) for slot in schedule["talks"]] + [
                (slot, "item") for slot in schedule["breaks"]
            ]
        return []

    def start_new_edition(self):
        plan = self.new_edition
        dates = plan["dates"]
        try:
            edition = start_edition(
                plan["hostname"],
                plan["name"],
                dates["start_date"],
                dates["end_date"],
                time_zone=plan["time_zone"],
                phase=plan["phase"],
            )
        except EditionRefused as refused:
            raise ImportProblem(plan["source"], str(refused)) from None
        # Tutorial and sprint days, checked by plan_dates against the same rules.
        for field, value in dates.items():
            setattr(edition.conference, field, value)
        edition.conference.save()
        self.use_site(edition.site)
        for line in edition.report():
            verb_kind, _, rest = line.partition(" ")
            self.log("create", verb_kind, rest.strip(), plan["source"])

    def schedule_problems(self, records):
        """The admin's rules for a talk's or schedule item's times (program.validators), as
        `path:line: field: problem`, checked before anything is written."""
        problems = []
        for record in records:
            if record.kind in {"talk", "tutorial", "schedule_item"}:
                data = record.data
                fields = {
                    "start": "start_datetime" if "start_datetime" in data else "date",
                    "end": "end_datetime" if "end_datetime" in data else "end_date",
                }
                start, end = record.normalized["start"], record.normalized["end"]
                for name, messages in schedule_errors(self.conference, start, end).items():
                    problems.extend(record.problem(fields[name], text) for text in messages)
            elif record.kind == "pretalx":
                schedule = record.normalized
                for slot in [*schedule["talks"], *schedule["breaks"]]:
                    errors = schedule_errors(self.conference, slot["start"], slot["end"])
                    for name, messages in errors.items():
                        field = "date" if name == "start" else "duration"
                        problems.extend(
                            ImportProblem(record.path, f"talk {slot['code']}: {text}", field=field)
                            for text in messages
                        )
        return problems

    def check_choices(self, record):
        difficulty = record.normalized["difficulty"]
        if difficulty and difficulty not in Difficulty.values:
            choices = ", ".join(Difficulty.values)
            raise record.problem("difficulty", f"{difficulty!r} is not one of {choices}")

    def apply(self, record):
        handler = {
            "settings": self.apply_settings,
            "pretalx": self.apply_pretalx,
            "presenter": self.apply_presenter,
            "talk": self.apply_talk,
            "tutorial": self.apply_talk,
            "schedule_item": self.apply_schedule_item,
            "announcement": self.apply_post,
            "recap": self.apply_post,
            "page": self.apply_standard_page,
            "sponsor": self.apply_sponsor,
            "organizer": self.apply_organizer,
            "place": self.apply_place,
        }[record.kind]
        handler(record)

    def log(self, verb, kind, target, source, detail=""):
        self.actions.append(Action(verb, kind, target, str(source), detail))

    def url(self, page):
        """The page's path on its site, as visitors see it."""
        root = self.site.root_page.url_path
        return "/" + page.url_path[len(root) :] if page.url_path.startswith(root) else page.url_path

    # -- parents and snippets -----------------------------------------------------------

    def parent(self, model, slug, title):
        """The edition's index page of a type, created when the site has none."""
        if model not in self._parents:
            home = self.site.root_page
            page = model.objects.child_of(home).first()
            if page is None:
                page = model(title=title, slug=slug)
                self.add_child(home, page)
                page.save_revision().publish()
                self.log("create", model._meta.verbose_name, self.url(page), "(needed)")
            self._parents[model] = page
        return self._parents[model]

    @staticmethod
    def next_order(known):
        return 1 + max((item.sort_order for item in known.values()), default=-1)

    def room(self, name):
        if not name:
            return None
        if name not in self._rooms:
            slug = slugify(name, max_length=100) or "room"
            room, _ = Room.objects.get_or_create(
                site=self.site,
                slug=slug,
                defaults={"name": name, "sort_order": self.next_order(self._rooms)},
            )
            self._rooms[name] = room
        return self._rooms[name]

    def track(self, value):
        if not value:
            return None
        code = TRACK_CODE.match(value)
        slug = f"t{code.group(1)}" if code else slugify(value, max_length=100)
        if slug not in self._tracks:
            name = f"Track {int(code.group(1)) + 1}" if code else value
            track, _ = Track.objects.get_or_create(
                site=self.site,
                slug=slug,
                defaults={"name": name, "sort_order": self.next_order(self._tracks)},
            )
            self._tracks[slug] = track
        return self._tracks[slug]

    def category(self, name):
        slug = slugify(name, max_length=80)
        if slug not in self._categories:
            self._categories[slug], _ = BlogCategory.objects.get_or_create(
                site=self.site, slug=slug, defaults={"name": name[:80]}
            )
        return self._categories[slug]

    # -- pages --------------------------------------------------------------------------

    def children(self, parent):
        """{slug: page id} of the parent's children, kept up to date as pages are added."""
        if parent.pk not in self._children:
            self._children[parent.pk] = dict(parent.get_children().values_list("slug", "pk"))
        return self._children[parent.pk]

    def child(self, model, parent, slug):
        """The parent's child of this type with this slug, if there is one."""
        pk = self.children(parent).get(slug)
        return model.objects.filter(pk=pk).first() if pk else None

    def add_child(self, parent, page):
        parent.add_child(instance=page)
        self.children(parent)[page.slug] = page.pk

    def upsert(
        self, record, *, model, parent, identity, slug, fields, draft, data, group="", kind=""
    ):
        """Create or update one page; a page whose source has not changed is left alone."""
        item = self._items.get(identity)
        page = model.objects.filter(pk=item.page_id).first() if item and item.page_id else None
        if page is None:
            page = self.child(model, parent, slug)
        print_ = fingerprint({"data": data, "parent": parent.pk, "draft": draft})
        if page is not None and item is not None and item.fingerprint == print_:
            self.log("unchanged", kind or record.kind, self.url(page), record.path)
            return page, False
        creating = page is None
        if creating:
            page = model(slug=self.free_slug(model, parent, slug, identity), live=False)
        before = self.describe(page) if not creating else None
        relations = fields.pop("_relations", {})
        for name, value in fields.items():
            setattr(page, name, value)
        if creating:
            self.add_child(parent, page)
        for name, value in relations.items():
            if name == "tags":
                page.tags.set(value)
            else:
                setattr(page, name, value)
        # As in the admin: a new page is logged as created (by add_child) and published, an
        # existing one as edited. add_child() validated the new page a moment ago: once is
        # enough.
        revision = page.save_revision(log_action=not creating, clean=not creating)
        if not draft:
            # Publishing keeps the revision's first_published_at: the source's own date.
            revision.publish()
        else:
            if page.live:
                page.unpublish()
            if fields.get("first_published_at") and not creating:
                # A draft's row keeps its old date until it is published: give it the source's.
                Page.objects.filter(pk=page.pk).update(
                    first_published_at=fields["first_published_at"]
                )
        item = item or ImportedItem(site=self.site, identity=identity)
        item.kind, item.page, item.source = kind or record.kind, page, str(record.path)
        item.fingerprint, item.group = print_, group
        item.save()
        self._items[identity] = item
        detail = "draft" if draft else ""
        if before is not None:
            changes = [
                f"{key} {before[key]} -> {value}"
                for key, value in self.describe(page).items()
                if before[key] != value
            ]
            detail = "; ".join(filter(None, [detail, ", ".join(changes)]))
        self.log(
            "create" if creating else "update",
            kind or record.kind,
            self.url(page),
            record.path,
            detail,
        )
        return page, True

    def describe(self, page):
        """What a schedule change report names: where and when a talk is."""
        if isinstance(page, TalkPage):
            local = page.start.astimezone(self.tz) if page.start else None
            return {
                "room": page.room.name if page.room_id else "-",
                "start": f"{local:%a %H:%M}" if local else "-",
                "title": page.title,
            }
        return {"title": page.title}

    def free_slug(self, model, parent, slug, identity):
        """The slug, unless another page already has it under the same parent."""
        if slug not in self.children(parent):
            return slug
        suffix = slugify(identity.rsplit(":", 1)[-1])[:20] or "2"
        return f"{slug[:70]}-{suffix}"

    def add_redirects(self, page, old_paths):
        if self._redirects is None:
            self._redirects = {
                redirect.old_path: redirect for redirect in Redirect.objects.filter(site=self.site)
            }
        new_path = Redirect.normalise_path(self.url(page))
        for old in old_paths:
            old_path = Redirect.normalise_path(old)
            if not old_path or old_path == new_path:
                continue
            redirect = self._redirects.get(old_path)
            if redirect is None:
                self._redirects[old_path] = Redirect.objects.create(
                    site=self.site, old_path=old_path, redirect_page=page, is_permanent=True
                )
            elif (redirect.redirect_page_id, redirect.redirect_link, redirect.is_permanent) != (
                page.pk,
                "",
                True,
            ):
                redirect.redirect_page, redirect.redirect_link = page, ""
                redirect.is_permanent = True
                redirect.save(update_fields=["redirect_page", "redirect_link", "is_permanent"])

    # -- media --------------------------------------------------------------------------

    def image(self, path, title):
        """The image library's copy of a file, reused when the same bytes were imported."""
        return self.image_of_bytes(path.read_bytes(), path.name, title or path.stem)

    def image_of_bytes(self, content, name, title):
        """The image library's copy of `content` (a file's bytes, or a PNG drawn from an
        SVG), reused when the same bytes were imported."""
        Image = get_image_model()
        file_hash = hash_filelike(io.BytesIO(content))
        existing = Image.objects.filter(file_hash=file_hash).first()
        if existing:
            return existing
        image = Image(title=title[:255], file=ImageFile(io.BytesIO(content), name=name))
        image.file_hash = file_hash
        image.save()
        self.stored_files.append(image.file.name)
        return image

    def delete_stored_files(self):
        storage = get_image_model()._meta.get_field("file").storage
        for name in self.stored_files:
            storage.delete(name)
        self.stored_files.clear()

    def body(self, record, title, text):
        """StreamField data for a markdown body; images beside the file are imported."""
        stream, hashes = [], []
        for block in body_blocks(title, text):
            if block.type == "heading":
                stream.append(
                    ("heading", {"text": block.text, "level": f"h{block.level}", "anchor": ""})
                )
            elif block.type == "markdown":
                stream.append(("markdown", block.text))
            else:
                path = self.local_file(record.path, block.ref)
                if path is None:
                    stream.append(("markdown", self.missing_image(block)))
                    continue
                hashes.append(hashlib.sha1(path.read_bytes(), usedforsecurity=False).hexdigest())
                image = self.image(path, block.caption or block.alt or path.stem)
                alt = block.alt or block.caption
                stream.append(
                    (
                        "image",
                        {
                            "image": image,
                            "alt_text": alt[:255],
                            "decorative": not alt,
                            "caption": block.caption[:500],
                            "credit": block.credit[:255],
                        },
                    )
                )
        return stream, hashes

    @staticmethod
    def missing_image(block):
        caption = f" {block.caption}" if block.caption else ""
        credit = f" (photo credit: {block.credit})" if block.credit else ""
        return (
            f"> **Image not imported:** `{block.ref}` was not found beside the file."
            f"{caption}{credit}"
        )

    def local_file(self, source, ref):
        """A file referenced by a relative path from the markdown file, if it is there; a
        site-root path (`/static/img/x.png`, `/assets/x.png`) is also looked for in the
        folders above the file, up to the folder the run was given."""
        if re.match(r"^[a-z][a-z0-9+.-]*:", ref, re.IGNORECASE) or ref.startswith("//"):
            return None
        base = source.parent.resolve()
        candidate = (base / ref.lstrip("/")).resolve()
        # Never follow a reference out of the folder the markdown file is in.
        if not candidate.is_relative_to(base) or not candidate.is_file():
            sources.refuse_linked_file(source, ref)
            return self.site_root_file(source, ref) if ref.startswith("/") else None
        return candidate

    def site_root_file(self, source, ref):
        """A site-root reference in the nearest folder above `source` that holds it, never
        out of the folder the run was given (nor through a link out of it)."""
        source = source.absolute()
        roots = [root for root in self.roots if source.is_relative_to(root)]
        if not roots:
            return None
        root = max(roots, key=lambda path: len(path.parts))
        real_root = root.resolve()
        for folder in source.parent.parents:
            if not folder.is_relative_to(root):
                break
            candidate = (folder / ref.lstrip("/")).resolve()
            if candidate.is_relative_to(real_root) and candidate.is_file():
                return candidate
        return None

    # -- kinds --------------------------------------------------------------------------

    def apply_settings(self, record):
        data = record.normalized
        conference = self.conference
        changed = []
        social = data.get("social") if isinstance(data.get("social"), dict) else {}
        for network, field in SOCIAL_SETTINGS.items():
            value = social.get(network)
            if value and getattr(conference, field) != str(value).strip():
                setattr(conference, field, str(value).strip())
                changed.append(field)
        for key, field in SETTINGS_FIELDS.items():
            value = data.get(key)
            if value is None:
                continue
            value = str(value).strip()
            if field == "phase" and value not in Phase.values:
                raise record.problem(key, f"{value!r} is not one of {', '.join(Phase.values)}")
            if getattr(conference, field) != value:
                setattr(conference, field, value)
                changed.append(field)
        if changed:
            conference.full_clean(exclude=["site"])
            conference.save()
        verb = "update" if changed else "unchanged"
        self.log(verb, "settings", self.site.hostname, record.path, ", ".join(changed))

    def apply_presenter(self, record, data=None, *, identity=None, group=""):
        data = data or record.normalized
        parent = self.parent(PresenterIndexPage, "presenters", "Presenters")
        links = {}
        for network, value in data.get("links", {}).items():
            if network in SOCIAL_URLS and not value.startswith("http"):
                value = SOCIAL_URLS[network].format(value.lstrip("@"))
            if not link_is_safe(value):
                raise ImportProblem(record.path, UNSAFE_LINK_MESSAGE, field=f"links.{network}")
            links[network] = value
        photo_path = self.local_file(record.path, data["photo"]) if data.get("photo") else None
        bio, hashes = self.body(record, data["name"], data.get("body", ""))
        fields = {
            "title": data["name"],
            "pronouns": data.get("pronouns", ""),
            "company": data.get("company", ""),
            "role": data.get("role", ""),
            "bio": bio,
            "github_url": links.get("github", ""),
            "mastodon_url": links.get("mastodon", ""),
            "bluesky_url": links.get("bluesky", ""),
            "x_url": links.get("x", ""),
            "website_url": links.get("website", ""),
        }
        if photo_path:
            fields["photo"] = self.image(photo_path, data["name"])
            hashes.append(fields["photo"].file_hash)
        fingerprint_data = {**data, "images": hashes}
        page, _ = self.upsert(
            record,
            model=PresenterPage,
            parent=parent,
            identity=identity or f"presenter:{data['slug']}",
            slug=data["slug"],
            fields=fields,
            draft=data.get("draft", False),
            data=fingerprint_data,
            group=group,
        )
        if data.get("permalink"):
            self.add_redirects(page, [data["permalink"]])
        return page

    def presenter_for(self, record, slug):
        """The presenter page for a slug; a stub named from the slug when none exists yet."""
        parent = self.parent(PresenterIndexPage, "presenters", "Presenters")
        page = self.child(PresenterPage, parent, slug)
        if page:
            return page
        page = PresenterPage(title=slug.replace("-", " ").title(), slug=slug)
        self.add_child(parent, page)
        page.save_revision(clean=False).publish()
        # No fingerprint: the presenter's own file, when it arrives, fills the stub in.
        identity = f"presenter:{slug}"
        item = self._items.get(identity) or ImportedItem(site=self.site, identity=identity)
        item.kind, item.page, item.source = "presenter", page, str(record.path)
        item.fingerprint = ""
        item.save()
        self._items[identity] = item
        self.log("create", "presenter", self.url(page), record.path, "stub named from the slug")
        return page

    def apply_talk(self, record):
        data = record.normalized
        if not data["start"] or not data["end"]:
            missing = "date" if not data["start"] else "end_date"
            raise record.problem(missing, "a talk needs a start and an end")
        parent = self.parent(ProgramPage, "schedule", "Schedule")
        presenters = [self.presenter_for(record, slug) for slug in data["presenter_slugs"]]
        abstract, hashes = self.body(record, data["title"], data["body"])
        fields = {
            **self.talk_fields(data, data["summary"], abstract, presenters),
            "difficulty": data["difficulty"],
            "video_url": data["video_url"],
            "slides_url": data["slides_url"],
        }
        fields["_relations"]["tags"] = data["tags"]
        identity = f"talk:{data['permalink'] or data['slug']}"
        page, _ = self.upsert(
            record,
            model=TalkPage,
            parent=parent,
            identity=identity,
            slug=data["slug"],
            fields=fields,
            draft=data["draft"],
            data={**data, "images": hashes},
        )
        self.add_redirects(page, [data["permalink"], *data["redirect_from"]])

    def talk_fields(self, data, summary, abstract, presenters):
        """What a talk page takes from any source, markdown or pretalx."""
        return {
            "title": data["title"],
            "kind": data["kind"],
            "summary": summary,
            "abstract": abstract,
            "start": data["start"],
            "end": data["end"],
            "room": self.room(data["room"]),
            "track": self.track(data["track"]),
            "_relations": {
                "talk_presenters": [
                    TalkPresenter(presenter=presenter, sort_order=number)
                    for number, presenter in enumerate(presenters)
                ]
            },
        }

    def apply_schedule_item(self, record):
        self.apply_schedule_items(record, [record.normalized])

    def apply_schedule_items(self, record, items):
        program = self.parent(ProgramPage, "schedule", "Schedule")
        existing = {(item.title, item.start): item for item in program.schedule_items.all()}
        changed = False
        for data in items:
            key = (data["title"], data["start"])
            item = existing.get(key) or ScheduleItem(title=data["title"], start=data["start"])
            values = {
                "end": data["end"],
                "room": self.room(data["room"]),
                "kind": self.item_kind(data),
                "link": data["link"]
                if data["link"].startswith("http") and link_is_safe(data["link"])
                else "",
            }
            if item.pk is None or any(getattr(item, k) != v for k, v in values.items()):
                for name, value in values.items():
                    setattr(item, name, value)
                program.schedule_items.add(item)
                changed = True
                verb = "create" if item.pk is None else "update"
            else:
                verb = "unchanged"
            when = f"{data['start'].astimezone(self.tz):%a %H:%M}"
            self.log(verb, "schedule item", f"{data['title']} ({when})", record.path)
        if changed:
            program.save_revision(log_action=True).publish()

    @staticmethod
    def item_kind(data):
        words = f"{data.get('category', '')} {data['title']}".lower()
        return next((kind for word, kind in ITEM_KIND_BY_WORD.items() if word in words), "other")

    def apply_post(self, record):
        data = record.normalized
        parent = self.parent(NewsIndexPage, "news", "News")
        body_text = self.resolve_post_urls(record, data["body"], parent)
        body, hashes = self.body(record, data["title"], body_text)
        category = self.category(data["category"]) if data["category"] else None
        cover = self.local_file(record.path, data["cover_url"]) if data["cover_url"] else None
        fields = {
            "title": data["title"],
            "author": data["author"],
            "date": data["published"],
            "first_published_at": data["published"],
            "category": category,
            "excerpt": data["excerpt"][:600],
            "body": body,
            "_relations": {"tags": data["tags"]},
        }
        if cover:
            fields["cover_image"] = self.image(cover, data["cover_alt"] or data["title"])
            fields["cover_alt"] = data["cover_alt"] or data["title"]
            hashes.append(fields["cover_image"].file_hash)
        model = RecapPage if record.kind == "recap" else AnnouncementPage
        page, _ = self.upsert(
            record,
            model=model,
            parent=parent,
            identity=f"post:{data['permalink'] or data['slug']}",
            slug=data["slug"],
            fields=fields,
            draft=data["draft"],
            data={**data, "body": body_text, "images": hashes, "kind": record.kind},
        )
        self.add_redirects(page, [data["permalink"], *data["redirect_from"]])

    def resolve_post_urls(self, record, text, news):
        for name in post_url_names(text):
            if name not in self.post_names and not self.existing_post(name):
                raise record.problem("post_url", f"no imported post is named {name}")

        def url(name):
            slug = self.post_names.get(name) or self.existing_post(name).slug
            return f"{self.url(news)}{slug}/"

        return replace_post_urls(text, url)

    def existing_post(self, name):
        match = sources.JEKYLL_POST_NAME.match(name)
        slug = match.group("slug") if match else name
        news = self.parent(NewsIndexPage, "news", "News")
        return self.child(AnnouncementPage, news, slug) or self.child(RecapPage, news, slug)

    def apply_standard_page(self, record):
        data = record.normalized
        body, hashes = self.body(record, data["title"], data["body"])
        fields = {
            "title": data["title"],
            "intro": data["excerpt"],
            "body": body,
            "first_published_at": data["published"],
        }
        page, _ = self.upsert(
            record,
            model=StandardPage,
            parent=self.site.root_page.specific,
            identity=f"page:{data['permalink'] or data['slug']}",
            slug=data["slug"],
            fields=fields,
            draft=data["draft"],
            data={**data, "images": hashes},
        )
        self.add_redirects(page, [data["permalink"], *data["redirect_from"]])

    def apply_pretalx(self, record):
        schedule = record.normalized
        group = f"pretalx:{schedule['acronym']}"
        # New rooms go after the ones the site has, in the schedule's order.
        for name in schedule["rooms"]:
            self.room(name)
        for name in schedule["tracks"]:
            self.track(name)
        presenters = {}
        for code, person in schedule["persons"].items():
            data = {
                "slug": person["slug"],
                "name": person["name"],
                "body": person["biography"],
                "links": {},
            }
            presenters[code] = self.apply_presenter(
                record, data, identity=f"presenter:{person['slug']}", group=group
            )
        parent = self.parent(ProgramPage, "schedule", "Schedule")
        seen = set()
        for talk in schedule["talks"]:
            identity = f"{group}:{talk['code']}"
            seen.add(identity)
            body, _ = self.body(record, talk["title"], talk["body"])
            speakers = [presenters[code] for code in talk["person_codes"]]
            fields = self.talk_fields(talk, talk["subtitle"], body, speakers)
            self.upsert(
                record,
                model=TalkPage,
                parent=parent,
                identity=identity,
                slug=talk["slug"],
                fields=fields,
                draft=False,
                data=talk,
                group=group,
                kind="talk",
            )
        gone = ImportedItem.objects.filter(site=self.site, group=group, kind="talk").exclude(
            identity__in=seen
        )
        for item in gone.select_related("page"):
            page = item.page
            if page is not None and page.live:
                page.specific.unpublish()
                self.log(
                    "unpublish", "talk", self.url(page), record.path, "no longer in the schedule"
                )
        if schedule["breaks"]:
            self.apply_schedule_items(record, schedule["breaks"])

    # -- rows of the edition: sponsors, organizers, places ---------------------------------

    def plan_levels(self, records):
        """The order of the sponsor levels this run names: the source's `sponsorsOrder`
        (site.json), else edition_rows.DEFAULT_LEVEL_ORDER, then alphabetically."""
        given = []
        for record in records:
            if record.kind == "settings" and isinstance(record.data, dict):
                order = record.data.get("sponsorsOrder")
                if isinstance(order, list):
                    given = order
        names = [record.normalized["level"] for record in records if record.kind == "sponsor"]
        self.level_order = edition_rows.level_order(names, given)

    def level(self, name):
        """The edition's level of this name (any case), made in the planned order when it is
        new; an existing level keeps the order editors gave it."""
        if self._levels is None:
            self._levels = {
                level.name.lower(): level for level in SponsorLevel.objects.for_site(self.site)
            }
            # New levels come after the edition's own, in the planned order.
            self._first_new_level = 1 + max(
                (level.sort_order for level in self._levels.values()), default=-1
            )
        if name.lower() not in self._levels:
            planned = [level.lower() for level in self.level_order]
            order = planned.index(name.lower()) if name.lower() in planned else len(planned)
            level = SponsorLevel.objects.create(
                site=self.site,
                name=name[:100],
                slug=slugify(name, max_length=100) or "level",
                sort_order=self._first_new_level + order,
            )
            self._levels[name.lower()] = level
            self.log("create", "sponsor level", f"{name} (order {level.sort_order})", "(needed)")
        return self._levels[name.lower()]

    def picture(self, record, ref, field_name, title):
        """The image of a row's photo or logo, and the hash the fingerprint keeps: None when
        the file is not there, or is an SVG resvg cannot draw (reported, not fatal)."""
        if not ref:
            return None, ""
        path = self.local_file(record.path, ref)
        if path is None:
            self.warn(record, field_name, f"{ref} was not found; imported without it")
            return None, ""
        content = path.read_bytes()
        source_hash = hashlib.sha1(content, usedforsecurity=False).hexdigest()
        name = path.name
        if is_svg(name):
            try:
                content = rasterise(content)
            except SVGRefused as refused:
                self.warn(record, field_name, f"{ref}: {refused}; imported without a logo")
                return None, source_hash
            name = f"{path.stem}.png"
        return self.image_of_bytes(content, name, title), source_hash

    def warn(self, record, field_name, message):
        self.warnings.append(record.problem(field_name, message))

    def upsert_row(self, record, model, fields, data, target=""):
        """Create or update one row of the edition, found by what the last import made of
        the same file, else by its slug or name; a row whose source has not changed is left
        alone."""
        kind = model._meta.verbose_name
        identity = f"{record.kind}:{data['slug']}"
        item = self._items.get(identity)
        rows = model.objects.for_site(self.site)
        row = rows.filter(slug=data["slug"]).first()
        print_ = fingerprint(data)
        target = target or fields["name"]
        if item is not None and row is not None and item.fingerprint == print_:
            self.log("unchanged", record.kind, target, record.path)
            return row
        creating = row is None
        row = row or model(site=self.site, slug=data["slug"])
        for name, value in fields.items():
            setattr(row, name, value)
        try:
            # An image not found or not drawn leaves the row without one (reported above).
            optional = [name for name in ("logo", "photo") if fields.get(name, "") is None]
            row.full_clean(
                exclude=["site", *optional], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            problems = [
                ImportProblem(record.path, message, field=name if name != "__all__" else "")
                for name, messages in error.message_dict.items()
                for message in messages
            ]
            raise_problems(problems)
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            message = f"another {kind} of this edition is called {fields['name']!r}"
            raise record.problem("name", message) from None
        item = item or ImportedItem(site=self.site, identity=identity)
        item.kind, item.page, item.source = record.kind, None, str(record.path)
        item.fingerprint, item.group = print_, ""
        item.save()
        self._items[identity] = item
        self.log("create" if creating else "update", record.kind, target, record.path)
        return row

    def apply_sponsor(self, record):
        data = record.normalized
        self.parent(SponsorsPage, "sponsors", "Sponsors")
        level = self.level(data["level"])
        name = data["name"]
        # One sponsor at two levels (2023: Six Feet Up, Gold and Coffee) is two files, and a
        # name is unique in an edition: the second is named with its level.
        taken = Sponsor.objects.for_site(self.site).filter(name=name).exclude(slug=data["slug"])
        if taken.exists():
            name = f"{name} ({level.name})"[:255]
        logo, logo_hash = self.picture(record, data["logo"], data["logo_field"], data["name"])
        self._sponsor_order[level.pk] = self._sponsor_order.get(level.pk, -1) + 1
        fields = {
            "name": name,
            "level": level,
            "logo": logo,
            "logo_orientation": data["logo_orientation"],
            "link": data["link"],
            "link_label": data["link_label"],
            "description": data["description"],
            "hiring": data["hiring"],
            "jobs_link": data["jobs_link"],
            "hidden": data["hidden"],
            "sort_order": self._sponsor_order[level.pk],
        }
        order = fields["sort_order"]
        self.upsert_row(
            record,
            Sponsor,
            fields,
            {**data, "logo": logo_hash, "order": order, "at": level.pk},
            target=f"{data['name']} ({level.name})",
        )

    def apply_organizer(self, record):
        data = record.normalized
        self.parent(TeamPage, "team", "Team")
        photo, photo_hash = self.picture(record, data["photo"], data["photo_field"], data["name"])
        links = data["links"]
        presenter = self.existing_presenter(data["slug"])
        fields = {
            "name": data["name"],
            "kind": data["kind"],
            "roles": data["roles"],
            "pronouns": data["pronouns"],
            "photo": photo,
            "bio": data["bio"],
            "mastodon_url": links.get("mastodon", ""),
            "bluesky_url": links.get("bluesky", ""),
            "github_url": links.get("github", ""),
            "linkedin_url": links.get("linkedin", ""),
            "x_url": links.get("x", ""),
            "website_url": links.get("website", ""),
            "presenter": presenter,
            "hidden": data["hidden"],
        }
        presenter_pk = presenter.pk if presenter else None
        self.upsert_row(
            record, Organizer, fields, {**data, "photo": photo_hash, "presenter": presenter_pk}
        )

    def existing_presenter(self, slug):
        """The edition's presenter page of this slug, when there is one: an organizer who
        also speaks links to it (two entries, never one merged presenter)."""
        index = PresenterIndexPage.objects.child_of(self.site.root_page).first()
        return self.child(PresenterPage, index, slug) if index else None

    def apply_place(self, record):
        data = record.normalized
        self.parent(LocalGuidePage, "local-guide", "Local guide")
        photo, photo_hash = self.picture(record, data["photo"], data["photo_field"], data["name"])
        fields = {
            "name": data["name"],
            "category": data["category"],
            "photo": photo,
            "address": data["address"],
            "distance": data["distance"],
            "map_link": data["map_link"],
            "website": data["website"],
            "text": data["text"],
            "hidden": data["hidden"],
        }
        self.upsert_row(record, Place, fields, {**data, "photo": photo_hash})
