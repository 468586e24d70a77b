"""News: one NewsIndexPage per edition, with announcements and recaps under it."""

from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyStreamBlock, plan_body, reading_minutes
from home.forms import EditionPageForm
from home.mixins import EditionOwned, SocialMixin, edition_site_id, other_edition_errors
from home.models import ConferenceSettings
from home.structured_data import SCHEMA_CONTEXT, StructuredDataMixin, iso, organization
from home.visibility import VisiblePageManager
from text.plain_text import plain, stream_text

from .feeds import NewsAtomFeed, NewsRssFeed

POSTS_PER_PAGE = 10


class BlogCategory(EditionOwned):
    """A kind of post (Program, Sponsors, Community...) of one edition; its name and slug are
    unique within the edition."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80)
    description = models.CharField(max_length=255, blank=True)

    panels = [FieldPanel("site"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(EditionOwned.Meta):
        ordering = ["name"]
        verbose_name = "news category"
        verbose_name_plural = "news categories"

    def __str__(self):
        return self.name


class AnnouncementTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.AnnouncementPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class RecapTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.RecapPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsIndexPage(StructuredDataMixin, RoutablePageMixin, SocialMixin, Page):
    """`/news/`: the posts of one edition, newest first, with RSS and Atom feeds."""

    objects = VisiblePageManager()

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + SocialMixin.social_panels

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.AnnouncementPage", "blog.RecapPage"]
    # One per edition; every edition (HomePage) may have its own.
    max_count_per_parent = 1

    class Meta:
        verbose_name = "news index"

    @staticmethod
    def post_models():
        return [AnnouncementPage, RecapPage]

    def post_rows(self, category=None, tag=None):
        """(id, date, model index) of every post a visitor may see, newest first: one SQL
        UNION. The index itself is being served or was found visible (latest_news), so the
        posts' ancestors are checked already."""
        rows = []
        for number, model in enumerate(self.post_models()):
            queryset = model.objects.child_of(self).visible_to_visitors(ancestors_checked=True)
            if category:
                queryset = queryset.filter(category__slug=category)
            if tag:
                queryset = queryset.filter(tags__slug=tag)
            rows.append(
                queryset.annotate(
                    sort_date=Coalesce("date", "first_published_at"), kind=Value(number)
                )
                .values_list("page_ptr_id", "sort_date", "kind")
                # SQLite refuses ORDER BY inside a compound statement (Page orders by path).
                .order_by()
            )
        return rows[0].union(*rows[1:], all=True).order_by("-sort_date", "-page_ptr_id")

    def categories(self, request=None):
        """The news categories of this index's edition."""
        return BlogCategory.objects.for_site(edition_site_id(self, request))

    def fetch_posts(self, rows):
        """The concrete posts for rows of `post_rows`, in order, with what cards show."""
        rows = list(rows)
        by_kind = {}
        for pk, _date, kind in rows:
            by_kind.setdefault(kind, []).append(pk)
        found = {}
        for kind, ids in by_kind.items():
            model = self.post_models()[kind]
            queryset = (
                model.objects.filter(pk__in=ids)
                .select_related("category", "cover_image")
                .prefetch_related("tags", "cover_image__renditions")
            )
            found.update({post.pk: post for post in queryset})
        return [found[pk] for pk, _date, _kind in rows if pk in found]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        category_slug = request.GET.get("category", "").strip()
        tag_slug = request.GET.get("tag", "").strip()
        categories = list(self.categories(request))
        category = next((item for item in categories if item.slug == category_slug), None)
        tag = Tag.objects.filter(slug=tag_slug).first() if tag_slug else None
        if (category_slug and not category) or (tag_slug and not tag):
            raise Http404("No such category or tag.")

        paginator = Paginator(self.post_rows(category_slug, tag_slug), POSTS_PER_PAGE)
        try:
            # Junk, zero, negative and out-of-range numbers are all "no such page".
            posts_page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404("No such page of news.") from error
        context.update(
            posts=self.fetch_posts(posts_page.object_list),
            posts_page=posts_page,
            paginator=paginator,
            categories=categories,
            category=category,
            tag=tag,
            filter_query=_filter_query(category_slug, tag_slug),
            feed_links=feed_links(self, request, category),
        )
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    def _feed(self, request, feed_class, category_slug=None):
        category = None
        if category_slug:
            category = self.categories(request).filter(slug=category_slug).first()
            if category is None:
                raise Http404("No such news category.")
        return feed_class(self, category)(request)

    @path("rss/", name="rss")
    def rss(self, request):
        return self._feed(request, NewsRssFeed)

    @path("atom/", name="atom")
    def atom(self, request):
        return self._feed(request, NewsAtomFeed)

    @path("category/<slug:category>/rss/", name="category_rss")
    def category_rss(self, request, category):
        return self._feed(request, NewsRssFeed, category)

    @path("category/<slug:category>/atom/", name="category_atom")
    def category_atom(self, request, category):
        return self._feed(request, NewsAtomFeed, category)


def feed_links(index, request, category=None):
    """(title, type, absolute URL) of the feeds an index (any Page instance) advertises."""
    base = index.get_url(request) or "/"
    links = [
        ("News (RSS)", "application/rss+xml", f"{base}rss/"),
        ("News (Atom)", "application/atom+xml", f"{base}atom/"),
    ]
    if category:
        links += [
            (f"{category.name} news (RSS)", "application/rss+xml", _category_feed(base, category)),
            (
                f"{category.name} news (Atom)",
                "application/atom+xml",
                _category_feed(base, category, "atom"),
            ),
        ]
    return [(title, kind, request.build_absolute_uri(url)) for title, kind, url in links]


def _filter_query(category, tag):
    parts = [f"category={category}" if category else "", f"tag={tag}" if tag else ""]
    return "&".join(part for part in parts if part)


def _category_feed(base, category, kind="rss"):
    return f"{base}category/{category.slug}/{kind}/"


class PostPage(StructuredDataMixin, SocialMixin, Page):
    """What announcements and recaps share."""

    objects = VisiblePageManager()

    author = models.CharField(max_length=255, blank=True)
    date = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The date shown on the post. Leave empty to use the first publication date.",
    )
    category = models.ForeignKey(
        BlogCategory, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(
        "cover image alt text",
        max_length=255,
        blank=True,
        help_text="What the cover image shows, for people who cannot see it.",
    )
    excerpt = models.TextField(
        blank=True, max_length=600, help_text="One or two sentences for the news list and feeds."
    )
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("author"), FieldPanel("date")]),
                FieldPanel("category"),
                FieldPanel("tags"),
            ],
            "Post",
        ),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_alt")], "Cover"),
        FieldPanel("excerpt"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + SocialMixin.social_panels
    # Offers only the categories of the post's edition.
    base_form_class = EditionPageForm

    search_fields = Page.search_fields + [
        index.SearchField("excerpt"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    parent_page_types = ["blog.NewsIndexPage"]
    subpage_types = []

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = other_edition_errors(edition_site_id(self), category=self.category)
        if self.cover_image_id and not self.cover_alt.strip():
            errors["cover_alt"] = ["Describe the cover image for screen readers."]
        if errors:
            raise ValidationError(errors)

    @property
    def display_date(self):
        return self.date or self.first_published_at or self.latest_revision_created_at

    @property
    def summary(self):
        return self.excerpt or self.search_description

    @cached_property
    def body_plan(self):
        return plan_body(self.body)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The cover with its renditions in two queries, whatever the rendition cache holds.
        context["cover"] = (
            get_image_model().objects.prefetch_renditions().filter(pk=self.cover_image_id).first()
            if self.cover_image_id
            else None
        )
        context["news_index"] = parent = self.get_parent()
        context["feed_links"] = feed_links(parent, request)
        context["tag_list"] = list(self.tags.all())
        context["body_plan"] = self.body_plan
        return context

    # -- what a post says about itself (home.structured_data) -----------------------------

    open_graph_type = "article"
    # The schema.org type of the post's JSON-LD.
    schema_type = "Article"

    def structured_data(self, request, url, description, context=None):
        settings = ConferenceSettings.for_page(self, request)
        tz = settings.tzinfo
        organizer = organization(settings.name)
        published = self.date or self.first_published_at
        data = {
            "@context": SCHEMA_CONTEXT,
            "@type": self.schema_type,
            "headline": Truncator(self.title).chars(110),
            "url": url,
            "mainEntityOfPage": url,
            "datePublished": iso(published, tz),
            "dateModified": iso(self.last_published_at or published, tz),
            "author": {"@type": "Person", "name": self.author} if self.author else organizer,
            "publisher": organizer,
        }
        if description:
            data["description"] = description
        return data

    def search_summary(self, tz):
        date = self.display_date
        facts = plain(
            f"{timezone.localtime(date, tz):%-d %B %Y}" if date else "",
            f"· by {self.author}" if self.author else "",
        )
        tags = " ".join(tag.name for tag in self.tags.all())
        return facts, plain(self.excerpt, stream_text(self.body), tags)

    @classmethod
    def for_search_results(cls, queryset):
        return queryset.prefetch_related("tags")


class AnnouncementPage(PostPage):
    tags = ClusterTaggableManager(through=AnnouncementTag, blank=True)
    schema_type = "NewsArticle"

    class Meta:
        verbose_name = "announcement"


class RecapPage(PostPage):
    """Long-form: a table of contents from every heading, reading time, back-to-top links."""

    tags = ClusterTaggableManager(through=RecapTag, blank=True)
    schema_type = "BlogPosting"

    class Meta:
        verbose_name = "recap"

    @property
    def table_of_contents(self):
        """Level-2 headings with their level-3 (and 4) headings nested, in page order; none
        when the body has a table of contents of its own (a "Contents" heading)."""
        if self.body_plan.own_contents:
            return []
        entries = []
        for heading in self.body_plan.headings:
            if heading.level < 2:
                continue  # A markdown "# Title" repeats the page's own h1.
            if heading.level == 2 or not entries:
                entries.append({"heading": heading, "children": []})
            else:
                entries[-1]["children"].append(heading)
        return entries

    @property
    def reading_minutes(self):
        return reading_minutes(self.body)
