"""The people who run one edition, organizers and volunteers, and the team page that shows
them.

An organizer is a snippet of the edition (EditionOwned), not a part of the team page:
Editors edit the team at any time without publishing a page, the hidden flag keeps someone
off every public page, and a person who also speaks links to their presenter page (two
entries that name each other, never a merged presenter)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index
from wagtailmarkdown.fields import MarkdownField

from home.mixins import HideableEditionOwned, SocialMixin, edition_site_id, in_editions
from home.structured_data import StructuredDataMixin
from home.visibility import VisiblePageManager, visible_through
from text.markdown import searchable_text, validate_markdown
from text.plain_text import plain
from text.site_variables import link_is_safe, validate_link

# The size the team page asks for (`{% picture ... fill-160x160 %}`).
PHOTO_SIZE = "fill-160x160"


class Kind(models.TextChoices):
    ORGANIZER = "organizer", "Organizer"
    VOLUNTEER = "volunteer", "Volunteer"


# The team page's sections, in this order: (kind, heading, anchor).
SECTIONS = [
    (Kind.ORGANIZER, "Organizers", "organizers"),
    (Kind.VOLUNTEER, "Volunteers", "volunteers"),
]


class Organizer(HideableEditionOwned):
    """One person on an edition's organizing team, or one of its volunteers."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(
        max_length=100,
        help_text="Their link on the team page, e.g. ada-lovelace for #team-ada-lovelace.",
    )
    kind = models.CharField(
        max_length=16,
        choices=Kind.choices,
        default=Kind.ORGANIZER,
        help_text="Volunteers are listed in a section of their own.",
    )
    roles = models.CharField(
        max_length=255,
        blank=True,
        help_text="Separated by commas, e.g. Chair, Program Committee, Website Committee.",
    )
    pronouns = models.CharField(max_length=50, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A square portrait works best.",
    )
    bio = MarkdownField(blank=True, validators=[validate_markdown])
    mastodon_url = models.URLField("Mastodon", blank=True, validators=[validate_link])
    bluesky_url = models.URLField("Bluesky", blank=True, validators=[validate_link])
    github_url = models.URLField("GitHub", blank=True, validators=[validate_link])
    linkedin_url = models.URLField("LinkedIn", blank=True, validators=[validate_link])
    x_url = models.URLField("X", blank=True, validators=[validate_link])
    website_url = models.URLField("website", blank=True, validators=[validate_link])
    presenter = models.ForeignKey(
        "program.PresenterPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organizer_entries",
        help_text="Their presenter page in this edition, when they also speak: the two pages "
        "link to each other.",
    )
    sort_order = models.IntegerField(
        "order", default=0, help_text="People are listed by this number, then by name."
    )

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("roles"), FieldPanel("pronouns")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [
                FieldPanel("mastodon_url"),
                FieldPanel("bluesky_url"),
                FieldPanel("github_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("x_url"),
                FieldPanel("website_url"),
            ],
            "Links",
        ),
        FieldPanel("presenter"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("hidden")]),
    ]

    class Meta(HideableEditionOwned.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = "organizer"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.presenter_id and self.site_id and edition_site_id(self.presenter) != self.site_id:
            raise ValidationError(
                {"presenter": "Choose a presenter page of this person's own edition."}
            )

    @property
    def anchor(self):
        # Prefixed: a slug such as "main" must not take an id the page's own layout uses.
        return f"team-{self.slug}"

    @property
    def role_list(self):
        return [role.strip() for role in self.roles.split(",") if role.strip()]

    @property
    def social_links(self):
        # rel="me" only where the profile is the person's own and the service verifies it.
        links = [
            ("Mastodon", self.mastodon_url, True),
            ("Bluesky", self.bluesky_url, False),
            ("GitHub", self.github_url, False),
            ("LinkedIn", self.linkedin_url, False),
            ("X", self.x_url, False),
            ("Website", self.website_url, True),
        ]
        return [(label, url, me) for label, url, me in links if url and link_is_safe(url)]

    def search_text(self):
        return plain(self.name, self.pronouns, self.roles, searchable_text(self.bio))


def visible_presenters(field):
    """The presenter pages a visitor may follow, for a prefetch of `field`: the model is the
    one the foreign key names (program sits beside this app, never imported)."""
    model = Organizer._meta.get_field(field).related_model
    return Prefetch(field, queryset=visible_through("", model.objects.all()))


def team_of_edition(site_id):
    """The people of an edition as the team page shows them, with their photos' renditions
    and their visible presenter pages: the same queries for 1 or 100 people."""
    images = get_image_model().objects.prefetch_related("renditions")
    return Organizer.objects.for_visitors(site_id).prefetch_related(
        Prefetch("photo", queryset=images), visible_presenters("presenter")
    )


class TeamPage(StructuredDataMixin, SocialMixin, Page):
    """`/team/`: the edition's organizers, then its volunteers, in their order."""

    objects = VisiblePageManager()

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + SocialMixin.social_panels
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        # What visitors see of the people; hidden ones are left out (renewed on each change).
        index.SearchField("team_text"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    # One per edition; every edition (HomePage) may have its own.
    max_count_per_parent = 1

    class Meta:
        verbose_name = "team page"

    def team(self, request=None):
        return team_of_edition(edition_site_id(self, request))

    def people(self):
        return Organizer.objects.for_visitors(edition_site_id(self))

    def team_text(self):
        return plain(*(person.search_text() for person in self.people()))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        people = list(self.team(request))
        context["sections"] = [
            {"heading": heading, "anchor": anchor, "people": members}
            for kind, heading, anchor in SECTIONS
            if (members := [person for person in people if person.kind == kind])
        ]
        return context

    def search_summary(self, tz):
        names = self.people().values_list("name", flat=True)
        return "", plain(self.intro, ", ".join(names))


def team_pages_of(site_ids):
    return in_editions(TeamPage.objects.all(), site_ids)
