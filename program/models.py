"""The program of one edition: the schedule, its talks, presenters, rooms and tracks."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Prefetch
from django.db.models.functions import JSONObject
from django.http import JsonResponse
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.mixins import (
    EditionOwned,
    ListingMixin,
    SocialMixin,
    edition_site_id,
    other_edition_errors,
)
from home.models import ConferenceSettings
from home.structured_data import (
    EVENT_SCHEDULED,
    IN_PERSON,
    SCHEMA_CONTEXT,
    Card,
    StructuredDataMixin,
    iso,
    organization,
    person,
    place,
    site_root_url,
)
from home.visibility import VisiblePageManager, visible_through
from text.plain_text import plain, stream_text
from text.site_variables import link_is_safe
from text.video import normalize_video_url

from .enums import Difficulty, ItemKind, TalkKind
from .exports import (
    frab_schedule,
    ics_response,
    presenter_calendar,
    program_calendar,
    talk_calendar,
)
from .forms import ProgramPageForm, TalkPageForm
from .schedule_page import schedule_context
from .validators import schedule_errors, validate_slug_is_not_a_route

# Importers of the enums from here keep working; they live in .enums (no model import).
__all__ = ["Difficulty", "ItemKind", "TalkKind"]

# Sizes the templates ask for; the listings prefetch exactly these renditions.
PHOTO_SMALL = "fill-96x96"
PHOTO_FORMATS = ("avif", "webp", "jpeg")


def rendition_specs(size):
    # The spec strings the `{% picture ... format-{avif,webp,jpeg} fill-NxN %}` tag looks up.
    return [f"format-{fmt}|{size}" for fmt in PHOTO_FORMATS]


def photos_with_renditions(size, lookup="photo"):
    """Presenter photos and their renditions in two queries, whatever the number of photos."""
    images = get_image_model().objects.prefetch_renditions(*rendition_specs(size))
    return Prefetch(lookup, queryset=images)


hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a colour such as #0b5d3b.")


class Room(EditionOwned):
    """A room of one edition's venue; its name and slug are unique within the edition."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    sort_order = models.IntegerField(
        default=0, help_text="Rooms are shown left to right by this number."
    )
    capacity = models.PositiveIntegerField(null=True, blank=True)

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
        "capacity",
    ]

    class Meta(EditionOwned.Meta):
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Track(EditionOwned):
    """A track of one edition's program; its name and slug are unique within the edition."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    colour = models.CharField(
        max_length=7, blank=True, validators=[hex_colour], help_text="e.g. #0b5d3b"
    )
    sort_order = models.IntegerField(default=0)

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("colour"),
        "sort_order",
    ]

    class Meta(EditionOwned.Meta):
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


def card_time(start, tz):
    """When a talk starts, as a social card prints it."""
    local = timezone.localtime(start, tz)
    return f"{local:%A %-d %B %Y, %-I:%M %p}"


def visible_presenter_links(queryset):
    """TalkPresenter rows whose presenter page visitors may see: a presenter in a draft,
    scheduled or private page is not named on a talk, in the schedule or in the exports until
    that page is public."""
    return visible_through("presenter__", queryset)


class JSONGroupArray(models.Aggregate):
    """The grouped values as one JSON array (SQLite json_group_array, PostgreSQL jsonb_agg):
    lets the schedule read each talk's presenters and tags in the talks query itself."""

    function = "JSON_GROUP_ARRAY"
    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def json_rows(queryset, link, **fields):
    """A subquery: the rows of `queryset` linked to the outer talk, as a JSON array."""
    return models.Subquery(
        queryset.filter(**{link: models.OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(rows=JSONGroupArray(JSONObject(**fields)))
        .values("rows")
    )


class ProgramPage(StructuredDataMixin, RoutablePageMixin, SocialMixin, Page):
    """The schedule of one edition. Its children are the talks; breaks are schedule items."""

    objects = VisiblePageManager()

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel(
            "schedule_items",
            label="Schedule item",
            heading="Breaks, meals, registration, socials and sprint rooms",
        ),
    ]
    promote_panels = Page.promote_panels + SocialMixin.social_panels
    base_form_class = ProgramPageForm

    parent_page_types = ["home.HomePage"]
    subpage_types = ["program.TalkPage"]
    # Its only parent type is the edition's HomePage, so this means one schedule per edition.
    max_count_per_parent = 1

    class Meta:
        verbose_name = "program page"

    # -- data ---------------------------------------------------------------------------

    def talks(self):
        """Every public talk with its room, track, tags and presenters (the exports)."""
        presenters = visible_presenter_links(
            TalkPresenter.objects.select_related("presenter").order_by("sort_order", "pk")
        )
        return (
            TalkPage.objects.child_of(self)
            .visible_to_visitors(ancestors_checked=True)
            .select_related("room", "track")
            .prefetch_related("tags", Prefetch("talk_presenters", queryset=presenters))
            .order_by("start", "room__sort_order", "room__name", "pk")
        )

    def schedule_talks(self):
        """The same talks for the schedule page in a single query: presenters and tags come
        as JSON arrays, so the page stays within its budget of ten queries."""
        return (
            TalkPage.objects.child_of(self)
            .visible_to_visitors(ancestors_checked=True)
            .select_related("room", "track")
            .annotate(
                presenter_rows=json_rows(
                    visible_presenter_links(TalkPresenter.objects.all()),
                    "page",
                    pk="presenter_id",
                    title="presenter__title",
                    slug="presenter__slug",
                    url_path="presenter__url_path",
                    live="presenter__live",
                    order="sort_order",
                ),
                tag_rows=json_rows(
                    TaggedTalk.objects.all(),
                    "content_object",
                    pk="tag_id",
                    name="tag__name",
                    slug="tag__slug",
                ),
            )
            .order_by("start", "room__sort_order", "room__name", "pk")
        )

    def items(self):
        return self.schedule_items.select_related("room").order_by("start", "sort_order", "pk")

    # -- routes -------------------------------------------------------------------------

    @path("")
    def schedule(self, request):
        return self.render(request, context_overrides=schedule_context(self, request))

    @path("calendar/", name="calendar")
    def calendar(self, request):
        return ics_response(program_calendar(self, request), "schedule.ics")

    @path("json/", name="json")
    def json(self, request):
        return JsonResponse(frab_schedule(self, request), json_dumps_params={"indent": 1})


class ScheduleItem(Orderable):
    """A slot of the schedule that is not a talk: a break, a meal, registration, a social."""

    page = ParentalKey(ProgramPage, on_delete=models.CASCADE, related_name="schedule_items")
    kind = models.CharField(max_length=16, choices=ItemKind.choices, default=ItemKind.BREAK)
    title = models.CharField(max_length=255)
    start = models.DateTimeField()
    end = models.DateTimeField()
    room = models.ForeignKey(
        Room,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty for something everyone shares, such as lunch.",
    )
    link = models.URLField(blank=True, help_text="Optional: a page with the details.")

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("room"), FieldPanel("link")]),
    ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        program = getattr(self, "page", None)
        conference = ConferenceSettings.for_page(program) if program is not None else None
        errors = schedule_errors(conference, self.start, self.end)
        errors.update(other_edition_errors(edition_site_id(program), room=self.room))
        if errors:
            raise ValidationError(errors)


class TaggedTalk(TaggedItemBase):
    content_object = ParentalKey(
        "program.TalkPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class TalkPage(StructuredDataMixin, RoutablePageMixin, SocialMixin, ListingMixin, Page):
    objects = VisiblePageManager()

    kind = models.CharField(max_length=16, choices=TalkKind.choices, default=TalkKind.TALK)
    summary = models.TextField(blank=True, help_text="One or two sentences for the schedule.")
    abstract = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)
    start = models.DateTimeField()
    end = models.DateTimeField()
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="talks"
    )
    track = models.ForeignKey(
        Track, null=True, blank=True, on_delete=models.SET_NULL, related_name="talks"
    )
    tags = ClusterTaggableManager(through=TaggedTalk, blank=True)
    difficulty = models.CharField(max_length=16, choices=Difficulty.choices, blank=True)
    video_url = models.CharField(
        "video",
        max_length=200,
        blank=True,
        help_text="A youtu.be or youtube.com/watch link, or the video ID.",
    )
    slides_url = models.URLField("slides", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("difficulty")]),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("room"), FieldPanel("track")]),
                FieldPanel("tags"),
            ],
            "When and where",
        ),
        InlinePanel("talk_presenters", label="Presenter", heading="Presenters"),
        FieldPanel("summary"),
        FieldPanel("abstract"),
        MultiFieldPanel([FieldPanel("video_url"), FieldPanel("slides_url")], "Recording"),
    ]
    promote_panels = Page.promote_panels + ListingMixin.listing_panels + SocialMixin.social_panels
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("abstract"),
        # A talk is found by the names of its presenters and by its tags.
        index.RelatedFields(
            "talk_presenters", [index.RelatedFields("presenter", [index.SearchField("title")])]
        ),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("start"),
    ]
    base_form_class = TalkPageForm

    parent_page_types = ["program.ProgramPage"]
    subpage_types = []

    class Meta:
        verbose_name = "talk"

    def clean(self):
        super().clean()
        errors = {}
        try:
            self.video_url = normalize_video_url(self.video_url)
        except ValidationError as error:
            errors["video_url"] = error.messages
        try:
            validate_slug_is_not_a_route(self.slug)
        except ValidationError as error:
            errors["slug"] = error.messages
        # A new page has no place in the tree yet: the admin's form names its parent.
        parent = self.get_parent() if self.path else getattr(self, "parent_for_validation", None)
        conference = ConferenceSettings.for_page(parent) if parent is not None else None
        errors.update(
            schedule_errors(
                conference, self.start, self.end, end_message="The talk must end after it starts."
            )
        )
        errors.update(other_edition_errors(edition_site_id(self), room=self.room, track=self.track))
        if errors:
            raise ValidationError(errors)

    @property
    def duration_minutes(self):
        return int((self.end - self.start).total_seconds() // 60)

    def presenter_links(self):
        """The ordered, visible presenters; uses the prefetch of the listing when there is one
        (the listings prefetch `visible_presenter_links`)."""
        if "talk_presenters" in getattr(self, "_prefetched_objects_cache", {}):
            return [link.presenter for link in self.talk_presenters.all()]
        links = visible_presenter_links(
            self.talk_presenters.select_related("presenter").order_by("sort_order", "pk")
        )
        return [link.presenter for link in links]

    def pages_showing_this(self):
        """Pages besides its ancestors that show this talk (purged from a CDN with it)."""
        return [link.presenter for link in self.talk_presenters.all()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        settings = ConferenceSettings.for_page(self, request)
        links = (
            visible_presenter_links(self.talk_presenters.select_related("presenter"))
            .prefetch_related(photos_with_renditions(PHOTO_SMALL, "presenter__photo"))
            .order_by("sort_order", "pk")
        )
        context["presenters"] = [link.presenter for link in links]
        context["tz"] = settings.tzinfo
        context["local_start"] = timezone.localtime(self.start, settings.tzinfo)
        context["previous_talk"], context["next_talk"] = self.neighbours()
        context["tag_list"] = list(self.tags.all())
        # The schedule is the parent page: derive its URL rather than query for it.
        url = self.get_url(request) or ""
        context["schedule_url"] = url[: len(url) - len(self.slug) - 1]
        return context

    def neighbours(self):
        """The talks just before and after this one in the same room (one query)."""
        if not self.room_id:
            return None, None
        siblings = (
            TalkPage.objects.sibling_of(self, inclusive=False)
            .visible_to_visitors(ancestors_checked=True)
            .filter(room_id=self.room_id)
        )
        before = siblings.filter(start__lt=self.start).order_by("-start").values("pk")[:1]
        after = siblings.filter(start__gt=self.start).order_by("start").values("pk")[:1]
        found = {
            talk.pk: talk
            for talk in TalkPage.objects.filter(
                models.Q(pk__in=models.Subquery(before)) | models.Q(pk__in=models.Subquery(after))
            ).only("pk", "title", "url_path", "start", "end", "path", "depth")
        }
        previous = next((t for t in found.values() if t.start < self.start), None)
        following = next((t for t in found.values() if t.start > self.start), None)
        return previous, following

    @path("")
    def talk(self, request):
        return self.render(request)

    @path("calendar/", name="calendar")
    def calendar(self, request):
        return ics_response(talk_calendar(self, request), f"{self.slug}.ics")

    # -- what the talk says about itself (home.structured_data) ---------------------------

    has_social_card = True

    def structured_data(self, request, url, description, context=None):
        settings = ConferenceSettings.for_page(self, request)
        tz = settings.tzinfo
        # Only presenters whose own page is public (visible_presenter_links); the talk page's
        # context holds that list already, which saves a query.
        presenters = context.get("presenters") if context is not None else None
        if presenters is None:
            presenters = self.presenter_links()
        data = {
            "@context": SCHEMA_CONTEXT,
            "@type": "Event",
            "name": self.title,
            "url": url,
            "startDate": iso(self.start, tz),
            "endDate": iso(self.end, tz),
            "eventStatus": EVENT_SCHEDULED,
            "eventAttendanceMode": IN_PERSON,
            "performer": [person(presenter, request) for presenter in presenters],
            "superEvent": {"@type": "Event", "name": settings.name, "url": site_root_url(request)},
            "organizer": organization(settings.name),
        }
        location = place(settings, self.room.name if self.room_id else None)
        if location:
            data["location"] = location
        if description:
            data["description"] = description
        return data

    def social_card(self):
        settings = ConferenceSettings.for_page(self)
        # Only presenters whose own page is public (visible_presenter_links).
        names = [presenter.title for presenter in self.presenter_links()]
        return Card(
            title=self.title,
            eyebrow=self.get_kind_display(),
            lines=[
                " & ".join(names) if len(names) < 3 else ", ".join(names),
                card_time(self.start, settings.tzinfo),
            ]
            + ([self.room.name] if self.room_id else []),
            footer=settings.name,
        )

    def search_summary(self, tz):
        people = [link.presenter.title for link in self.talk_presenters.all()]
        start = timezone.localtime(self.start, tz)
        facts = plain(
            ", ".join(people),
            f"· {start:%a %-d %b, %-I:%M %p}",
            f"· {self.room.name}" if self.room_id else "",
        )
        tags = " ".join(tag.name for tag in self.tags.all())
        return facts, plain(self.summary, stream_text(self.abstract), tags)

    @classmethod
    def for_search_results(cls, queryset):
        links = visible_presenter_links(
            TalkPresenter.objects.select_related("presenter").order_by("sort_order")
        )
        return queryset.select_related("room").prefetch_related(
            "tags", Prefetch("talk_presenters", queryset=links)
        )


class PresenterIndexPage(StructuredDataMixin, Page):
    objects = VisiblePageManager()

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["program.PresenterPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "presenters index"

    def presenters(self):
        talks = TalkPresenter.objects.filter(
            page__in=TalkPage.objects.visible_to_visitors().values("pk")
        ).select_related("page")
        return (
            PresenterPage.objects.child_of(self)
            .visible_to_visitors(ancestors_checked=True)
            .prefetch_related(
                photos_with_renditions(PHOTO_SMALL),
                Prefetch("presenter_talks", queryset=talks.order_by("page__start", "pk")),
            )
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["presenters"] = self.presenters()
        return context


class PresenterPage(StructuredDataMixin, RoutablePageMixin, SocialMixin, Page):
    """One person who speaks at the edition. The page title is their name."""

    objects = VisiblePageManager()

    pronouns = models.CharField(max_length=50, blank=True)
    company = models.CharField(max_length=255, blank=True)
    role = models.CharField(max_length=255, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A square portrait works best; give the image a description for alt text.",
    )
    bio = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)
    github_url = models.URLField("GitHub", blank=True)
    mastodon_url = models.URLField("Mastodon", blank=True)
    bluesky_url = models.URLField("Bluesky", blank=True)
    x_url = models.URLField("X", blank=True)
    website_url = models.URLField("website", blank=True)

    content_panels = [
        FieldPanel("title", heading="Name"),
        FieldRowPanel([FieldPanel("pronouns"), FieldPanel("role"), FieldPanel("company")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [
                FieldPanel("github_url"),
                FieldPanel("mastodon_url"),
                FieldPanel("bluesky_url"),
                FieldPanel("x_url"),
                FieldPanel("website_url"),
            ],
            "Links",
        ),
    ]
    promote_panels = Page.promote_panels + SocialMixin.social_panels
    search_fields = Page.search_fields + [
        index.SearchField("role"),
        index.SearchField("company"),
        index.SearchField("bio"),
    ]

    parent_page_types = ["program.PresenterIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "presenter"

    @cached_property
    def social_links(self):
        # rel="me" only where the profile is the person's own and the service verifies it.
        links = [
            ("GitHub", self.github_url, False),
            ("Mastodon", self.mastodon_url, True),
            ("Bluesky", self.bluesky_url, False),
            ("X", self.x_url, False),
            ("Website", self.website_url, True),
        ]
        return [(label, url, me) for label, url, me in links if url and link_is_safe(url)]

    def pages_showing_this(self):
        """Pages besides its ancestors that show this presenter: their talks."""
        return list(TalkPage.objects.filter(talk_presenters__presenter=self).distinct())

    def talks(self):
        return (
            TalkPage.objects.filter(talk_presenters__presenter=self)
            .visible_to_visitors()
            .select_related("room", "track")
            .order_by("start", "pk")
            .distinct()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        settings = ConferenceSettings.for_page(self, request)
        context["tz"] = settings.tzinfo
        context["talks"] = self.talks()
        return context

    @path("")
    def presenter(self, request):
        return self.render(request)

    def talks_with_presenters(self):
        """`talks()` with each talk's visible presenters, for the presenter's calendar."""
        links = visible_presenter_links(
            TalkPresenter.objects.select_related("presenter").order_by("sort_order", "pk")
        )
        return self.talks().prefetch_related(Prefetch("talk_presenters", queryset=links))

    @path("calendar/", name="calendar")
    def calendar(self, request):
        return ics_response(presenter_calendar(self, request), f"{self.slug}.ics")

    # -- what the presenter page says about itself (home.structured_data) -----------------

    has_social_card = True

    def structured_data(self, request, url, description, context=None):
        data = {"@context": SCHEMA_CONTEXT, "@type": "Person", "name": self.title, "url": url}
        if self.role:
            data["jobTitle"] = self.role
        if self.company:
            data["worksFor"] = organization(self.company)
        same_as = [link for _label, link, _me in self.social_links]
        if same_as:
            data["sameAs"] = same_as
        if description:
            data["description"] = description
        return data

    def social_card(self):
        settings = ConferenceSettings.for_page(self)
        talks = list(self.talks()[:2])
        lines = [", ".join(part for part in (self.role, self.company) if part)]
        lines += [talk.title for talk in talks[:1]]
        if talks:
            lines.append(card_time(talks[0].start, settings.tzinfo))
        return Card(
            title=self.title,
            eyebrow="Presenter",
            lines=[line for line in lines if line],
            footer=settings.name,
        )

    def search_summary(self, tz):
        facts = ", ".join(part for part in (self.role, self.company) if part)
        return facts, plain(self.pronouns, stream_text(self.bio))


class TalkPresenter(Orderable):
    page = ParentalKey(TalkPage, on_delete=models.CASCADE, related_name="talk_presenters")
    presenter = models.ForeignKey(
        PresenterPage, on_delete=models.CASCADE, related_name="presenter_talks"
    )

    panels = [FieldPanel("presenter")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "presenter"], name="unique_talk_presenter")
        ]

    def __str__(self):
        return f"{self.presenter} at {self.page}"
