"""The schedule of an edition as slots: talks and schedule items merged once, into one type,
here, for the schedule page, the iCalendar files and the frab JSON alike.

The queries are the program's own (`ProgramPage.talks()`, `schedule_talks()`, `items()`);
this module takes their results and imports no model, so the models may import it."""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.models import Site

from home.models import ConferenceSettings

from .enums import TalkKind


@dataclass(frozen=True)
class Tag:
    pk: int
    name: str
    slug: str


@dataclass(frozen=True)
class Person:
    """A presenter as a slot names them: a name, and a link while their page is public."""

    title: str
    url: str = ""
    # The PresenterPage itself, for the exports that show more (a photo, a biography).
    page: object = None


def plain_text(stream) -> str:
    """A StreamField body as plain text, for calendar descriptions and JSON."""
    text = strip_tags(str(stream)) if stream else ""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


@dataclass
class Slot:
    """One talk or schedule item, with its times in the edition's zone."""

    uid: str
    code: str
    pk: int
    is_talk: bool
    kind: str
    kind_label: str
    title: str
    start: datetime.datetime
    end: datetime.datetime
    room: object = None
    track: object = None
    url: str = ""
    slug: str = ""
    summary: str = ""
    presenters: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    # (title, url) of a recording, slides...
    links: list = field(default_factory=list)
    published: datetime.datetime | None = None
    # A talk's abstract, rendered only by the exports that show it (see `description`).
    body: object = None

    @property
    def room_key(self) -> tuple:
        room = self.room
        return (room.sort_order, room.name, room.pk) if room else (0, "", 0)

    @property
    def description(self) -> str:
        return plain_text(self.body)


class PageUrls:
    """Page URLs from `url_path`, the way `Page.get_url(request)` builds them, for the rows
    of a values() query: instantiating 150 talks and their presenters as Page objects only to
    ask for their URLs costs more than the rest of the schedule page together."""

    def __init__(self, request):
        site = Site.find_for_request(request)
        # The request's own site first: Wagtail prefers it when a page is under several.
        self.roots = sorted(
            (
                (root.root_path, root.root_url, root.site_id == getattr(site, "pk", None))
                for root in Site.get_site_root_paths()
            ),
            key=lambda root: not root[2],
        )
        self.serve_root = reverse("wagtail_serve", args=("",))
        self.single_site = len(self.roots) == 1

    def __call__(self, url_path: str) -> str:
        for root_path, root_url, current in self.roots:
            if url_path.startswith(root_path):
                path = self.serve_root + url_path[len(root_path) :]
                return path if current or self.single_site else root_url + path
        return ""


ROOM_FIELDS = ("name", "slug", "sort_order")
TRACK_FIELDS = ("name", "slug", "colour", "sort_order")


def related(row, name, model, fields, known):
    """The room or track a values() row names, as one unsaved instance per pk, shared by
    every talk that names it."""
    pk = row[f"{name}_id"]
    if pk is None:
        return None
    if pk not in known:
        known[pk] = model(pk=pk, **{field: row[f"{name}__{field}"] for field in fields})
    return known[pk]


class ScheduleData:
    """The slots of one program (or of single talks, `program=None`) for one request."""

    def __init__(self, request, program=None):
        self.request, self.program = request, program
        self.conference = ConferenceSettings.for_request(request)
        self.tz = self.conference.tzinfo
        site = Site.find_for_request(request)
        self.host = site.hostname if site else request.get_host().split(":")[0]

    def local(self, moment: datetime.datetime) -> datetime.datetime:
        return timezone.localtime(moment, self.tz)

    def talk_uid(self, pk: int) -> str:
        return f"talk-{pk}@{self.host}"

    def item_uid(self, pk: int) -> str:
        return f"schedule-item-{pk}@{self.host}"

    # -- one talk, one item --------------------------------------------------------------

    def talk_slot(self, talk) -> Slot:
        """A TalkPage as a slot, with absolute URLs (the exports)."""
        links = [("Video", talk.video_url), ("Slides", talk.slides_url)]
        return Slot(
            uid=self.talk_uid(talk.pk),
            code=f"T{talk.pk}",
            pk=talk.pk,
            is_talk=True,
            kind=talk.kind,
            kind_label=talk.get_kind_display(),
            title=talk.title,
            start=self.local(talk.start),
            end=self.local(talk.end),
            room=talk.room,
            track=talk.track,
            url=talk.get_full_url(self.request),
            slug=talk.slug,
            summary=talk.summary,
            presenters=[
                Person(p.title, p.get_full_url(self.request) if p.live else "", page=p)
                for p in talk.presenter_links()
            ],
            links=[(title, url) for title, url in links if url],
            published=talk.last_published_at,
            body=talk.abstract,
        )

    def item_slot(self, item) -> Slot:
        return Slot(
            uid=self.item_uid(item.pk),
            code=f"S{item.pk}",
            pk=item.pk,
            is_talk=False,
            kind=item.kind,
            kind_label=item.get_kind_display(),
            title=item.title,
            start=self.local(item.start),
            end=self.local(item.end),
            room=item.room,
            url=item.link,
            slug=slugify(f"{item.title}-{item.pk}"),
            published=self.program.last_published_at if self.program else None,
        )

    def item_slots(self) -> list[Slot]:
        return [self.item_slot(item) for item in self.program.items()]

    # -- the whole program ---------------------------------------------------------------

    def export_talk_slots(self, talks=None) -> list[Slot]:
        """Talks as page objects (`ProgramPage.talks()` unless given), for the exports."""
        talks = self.program.talks() if talks is None else talks
        return [self.talk_slot(talk) for talk in talks]

    def page_talk_slots(self) -> list[Slot]:
        """The schedule page's talks from one values() query, rooms and tracks included, with
        URLs as the page links them."""
        queryset = self.program.schedule_talks()
        room_model = queryset.model._meta.get_field("room").related_model
        track_model = queryset.model._meta.get_field("track").related_model
        page_url = PageUrls(self.request)
        rooms, tracks = {}, {}
        kind_labels = dict(TalkKind.choices)
        columns = ["pk", "title", "slug", "url_path", "start", "end", "kind", "summary"]
        columns += ["presenter_rows", "tag_rows", "last_published_at"]
        columns += ["room_id", *(f"room__{name}" for name in ROOM_FIELDS)]
        columns += ["track_id", *(f"track__{name}" for name in TRACK_FIELDS)]
        return [
            Slot(
                uid=self.talk_uid(row["pk"]),
                code=f"T{row['pk']}",
                pk=row["pk"],
                is_talk=True,
                kind=row["kind"],
                kind_label=kind_labels.get(row["kind"], row["kind"]),
                title=row["title"],
                start=self.local(row["start"]),
                end=self.local(row["end"]),
                room=related(row, "room", room_model, ROOM_FIELDS, rooms),
                track=related(row, "track", track_model, TRACK_FIELDS, tracks),
                url=page_url(row["url_path"]),
                slug=row["slug"],
                summary=row["summary"],
                presenters=people_from_rows(row["presenter_rows"], page_url),
                tags=tags_from_rows(row["tag_rows"]),
                published=row["last_published_at"],
            )
            for row in queryset.values(*columns)
        ]


def people_from_rows(rows, page_url) -> list[Person]:
    """Presenters from the JSON of ProgramPage.schedule_talks(), in the talk's order."""
    rows = sorted(rows or [], key=lambda row: (row["order"], row["pk"]))
    return [Person(row["title"], page_url(row["url_path"]) if row["live"] else "") for row in rows]


def tags_from_rows(rows) -> list[Tag]:
    return sorted(
        (Tag(row["pk"], row["name"], row["slug"]) for row in rows or []), key=lambda t: t.name
    )
