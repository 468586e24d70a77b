"""News: page rules, the index (order, pages, filters, 404s), recaps, and query budgets."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from blog.models import AnnouncementPage, BlogCategory, NewsIndexPage, RecapPage
from home.models import HomePage
from tests.factories.news import BASE, post_at

UTC = datetime.UTC


class NewsPageRulesTests(WagtailPageTestCase):
    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {AnnouncementPage, RecapPage})
        self.assertAllowedParentPageTypes(AnnouncementPage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(RecapPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(AnnouncementPage, set())
        self.assertAllowedSubpageTypes(RecapPage, set())
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanNotCreateAt(NewsIndexPage, NewsIndexPage)


class NewsEditorTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePage(title="Edition", slug="edition")
        root.add_child(instance=cls.home)
        cls.other_home = HomePage(title="Other edition", slug="other-edition")
        root.add_child(instance=cls.other_home)
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", root_page=cls.home, is_default_site=True)

    def setUp(self):
        self.login()

    def test_an_editor_creates_the_index_and_posts(self):
        self.assertCanCreate(
            self.home, NewsIndexPage, nested_form_data({"title": "News", "slug": "news"})
        )
        index = NewsIndexPage.objects.child_of(self.home).get()
        self.home.refresh_from_db()  # treebeard reads the child count from the instance
        # One news index per edition, but a second edition may have its own.
        self.assertFalse(NewsIndexPage.can_create_at(self.home))
        self.assertTrue(NewsIndexPage.can_create_at(self.other_home))
        body = streamfield(
            [
                ("heading", {"text": "Save the date", "level": "h2", "anchor": ""}),
                ("paragraph", rich_text("<p>Tickets at {{ site.ticket_link }}.</p>")),
                ("markdown", "## From markdown\n\n* a list"),
            ]
        )
        for model, title in [(AnnouncementPage, "Tickets"), (RecapPage, "Recap")]:
            self.assertCanCreate(
                index,
                model,
                nested_form_data(
                    {"title": title, "slug": title.lower(), "tags": "tickets, 2027", "body": body}
                ),
            )
        announcement = AnnouncementPage.objects.get(slug="tickets")
        self.assertEqual(sorted(tag.name for tag in announcement.tags.all()), ["2027", "tickets"])
        self.assertEqual(announcement.body[0].value["anchor"], "save-the-date")
        self.assertPageIsRenderable(announcement)
        self.assertPageIsRenderable(RecapPage.objects.get(slug="recap"))
        self.assertPageIsRenderable(index)

    def test_cover_image_needs_alt_text(self):
        from django.core.exceptions import ValidationError

        post = AnnouncementPage(title="x", slug="x", cover_image_id=1, cover_alt=" ")
        with self.assertRaises(ValidationError) as error:
            post.clean()
        self.assertIn("cover_alt", error.exception.message_dict)


def titles(html):
    return re.findall(r'<h2 class="post-card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_index_lists_newest_first_ten_a_page(client, news_index):
    for number in range(23):
        model = RecapPage if number % 5 == 0 else AnnouncementPage
        when = BASE + datetime.timedelta(days=number)
        post_at(news_index, f"Post {number:02d}", when=when, model=model)
    # The date shown wins over the first publication date when an editor sets it.
    post_at(news_index, "Backdated recap", model=RecapPage, when=BASE, date=BASE.replace(2030))
    first = client.get("/news/").content.decode()
    assert titles(first)[:3] == ["Backdated recap", "Post 22", "Post 21"]
    assert len(titles(first)) == 10
    assert "Page 1 of 3" in first and 'rel="next" href="?page=2"' in first
    third = client.get("/news/?page=3").content.decode()
    assert titles(third) == ["Post 03", "Post 02", "Post 01", "Post 00"]
    assert 'rel="prev" href="?page=2"' in third


@pytest.mark.parametrize("number", ["0", "-1", "4", "abc", "1.5", "99999999999999999999", ""])
def test_bad_page_numbers_are_404_never_500(client, news_index, number):
    for day in range(25):
        post_at(news_index, f"Post {day}", when=BASE + datetime.timedelta(days=day))
    response = client.get(f"/news/?page={number}")
    assert response.status_code == (200 if number == "" else 404)


def test_filters_by_category_and_tag(client, news_index, site):
    program = BlogCategory.objects.create(site=site, name="Program", slug="program")
    sponsors = BlogCategory.objects.create(site=site, name="Sponsors", slug="sponsors")
    talks = post_at(news_index, "Talks announced", when=BASE, category=program)
    talks.tags.add("keynote")
    talks.save()
    recap = post_at(
        news_index, "Day one", when=BASE + datetime.timedelta(1), model=RecapPage, category=program
    )
    recap.tags.add("keynote", "photos")
    recap.save()
    post_at(news_index, "Thank you sponsors", when=BASE + datetime.timedelta(2), category=sponsors)

    assert titles(client.get("/news/?category=program").content.decode()) == [
        "Day one",
        "Talks announced",
    ]
    assert titles(client.get("/news/?tag=keynote").content.decode()) == [
        "Day one",
        "Talks announced",
    ]
    both = client.get("/news/?category=program&tag=photos").content.decode()
    assert titles(both) == ["Day one"]
    assert 'aria-current="page">Program</a>' in both
    assert client.get("/news/?category=nope").status_code == 404
    assert client.get("/news/?tag=nope").status_code == 404


def test_empty_states(client, news_index, site):
    html = client.get("/news/").content.decode()
    assert "No news yet" in html
    BlogCategory.objects.create(site=site, name="Travel", slug="travel")
    html = client.get("/news/?category=travel").content.decode()
    assert "No news in this selection yet" in html


def test_only_live_public_posts_of_this_index(client, news_index, home_page, second_edition):
    from wagtail.models import PageViewRestriction

    post_at(news_index, "Visible", when=BASE)
    draft = post_at(news_index, "Draft", when=BASE)
    draft.live = False
    draft.save()
    secret = post_at(news_index, "Secret", when=BASE)
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    other_index = NewsIndexPage(title="News", slug="news")
    second_edition.add_child(instance=other_index)
    post_at(other_index, "Other edition", when=BASE)
    assert titles(client.get("/news/").content.decode()) == ["Visible"]


def test_date_defaults_to_first_publication(client, news_index):
    post = post_at(news_index, "Dated", when=BASE, revision=True)
    post.refresh_from_db()
    assert post.date is None and post.display_date == post.first_published_at
    html = client.get(post.url).content.decode()
    shown = post.first_published_at.astimezone(datetime.timezone(datetime.timedelta(hours=-5)))
    assert f"{shown:%B} {shown.day}, {shown.year}" in html


class Headings(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.headings, self.toc, self._in, self._toc = [], [], None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("class") == "toc":
            self._toc = True
        if self._toc and tag == "a":
            self.toc.append(attrs["href"])
        if tag in {"h2", "h3", "h4"} and "id" in attrs and attrs["id"] != "contents-title":
            self.headings.append("#" + attrs["id"])

    def handle_endtag(self, tag):
        if tag == "nav":
            self._toc = False


RECAP_BODY = [
    {"type": "heading", "value": {"text": "Monday", "level": "h2", "anchor": ""}},
    {"type": "paragraph", "value": "<p>" + "word " * 460 + "</p>"},
    {"type": "markdown", "value": "### Monday Morning Talks\n\nText.\n\n### Lunch!\n"},
    {"type": "heading", "value": {"text": "Tuesday", "level": "h2", "anchor": ""}},
    {"type": "markdown", "value": "## Monday\n\n### Hallway track\n\n#### Deep\n"},
    {"type": "heading", "value": {"text": "Sprints", "level": "h3", "anchor": "sprint-day"}},
]


def test_recap_table_of_contents_matches_its_headings(client, make_post):
    recap = make_post("Our week", model=RecapPage, body=RECAP_BODY)
    html = client.get(recap.url).content.decode()
    parsed = Headings(html)
    assert parsed.toc == parsed.headings
    assert parsed.toc == [
        "#monday",
        "#monday-morning-talks",
        "#lunch",
        "#tuesday",
        "#monday-1",
        "#hallway-track",
        "#deep",
        "#sprint-day",
    ]
    assert "3 min read" in html  # about 480 words
    # Back-to-top links close each level-2 section.
    assert html.count('<p class="back-to-top"><a href="#top">Back to top</a></p>') == 2
    assert 'id="top"' in html


def element_ids(html):
    return re.findall(r'\sid="([^"]+)"', html)


def test_a_recap_with_its_own_contents_and_back_to_top_links_gets_no_second_set(client, make_post):
    """Imported recaps often bring a table of contents and "back to top" links of their own:
    the page then adds neither, and every link of the body still lands."""
    body = [
        {"type": "heading", "value": {"text": "Table of Contents", "level": "h2", "anchor": ""}},
        {"type": "markdown", "value": "- [Arriving](#arriving)\n- [Sprints](#sprints)\n"},
        {"type": "heading", "value": {"text": "Arriving", "level": "h2", "anchor": ""}},
        {
            "type": "markdown",
            "value": "Queues.\n\n<sub>[**back to top**](#table-of-contents)</sub>",
        },
        {"type": "heading", "value": {"text": "Sprints", "level": "h2", "anchor": ""}},
        {"type": "markdown", "value": "Twelve pull requests.\n"},
    ]
    html = client.get(make_post("Week", model=RecapPage, body=body).url).content.decode()
    assert '<nav class="toc"' not in html
    assert 'class="back-to-top"' not in html
    ids = element_ids(html)
    for target in ("table-of-contents", "arriving", "sprints"):
        assert f'href="#{target}"' in html and target in ids, target


def test_body_headings_never_take_the_ids_of_the_page_itself(client, make_post):
    body = [
        {"type": "heading", "value": {"text": "Top", "level": "h2", "anchor": ""}},
        {"type": "markdown", "value": "## Main\n\nText.\n\n## Contents title\n"},
        {"type": "heading", "value": {"text": "Contents", "level": "h2", "anchor": "main"}},
    ]
    for model in (RecapPage, AnnouncementPage):
        html = client.get(make_post(f"Ids {model.__name__}", model=model, body=body).url)
        ids = element_ids(html.content.decode())
        assert len(ids) == len(set(ids)), sorted(ids)
        assert {"top-1", "main-1", "contents-title-1", "main-2"} <= set(ids)


def test_recap_anchors_are_stable_across_saves(client, make_post):
    recap = make_post("Stable", model=RecapPage, body=RECAP_BODY)
    before = Headings(client.get(recap.url).content.decode()).headings
    for _ in range(2):
        revision = recap.save_revision()
        revision.publish()
        recap = RecapPage.objects.get(pk=recap.pk)
    after = Headings(client.get(recap.url).content.decode()).headings
    assert before == after
    # Editing a heading's text keeps an anchor the editor saved (links people shared).
    from home.blocks import BodyStreamBlock

    block = BodyStreamBlock()
    cleaned = block.clean(block.to_python(RECAP_BODY))
    recap.body = cleaned
    recap.save_revision().publish()
    recap = RecapPage.objects.get(pk=recap.pk)
    recap.body[0].value["text"] = "Monday, September 20"
    recap.save_revision().publish()
    assert "#monday" in Headings(client.get(recap.url).content.decode()).headings


# --- Query budgets -----------------------------------------------------------------------


def count_queries(client, url):
    client.get(url)  # warm up: renditions are made on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_news_index_queries_do_not_grow_with_posts(client, news_index, make_image, site):
    """The listing costs a fixed number of queries, plus a fixed three (rows, tags, cover
    renditions) for each post type present on the page: never one per post."""
    category = BlogCategory.objects.create(site=site, name="Program", slug="program")
    covers = [make_image(f"Cover {n}") for n in range(3)]
    tags = [Tag.objects.create(name=name, slug=name) for name in ["a", "b", "c", "d", "news"]]
    made = 0

    def add(count, model, when):
        nonlocal made
        for _ in range(count):
            post = post_at(
                news_index,
                f"Post {made}",
                when=when(made),
                model=model,
                category=category,
                cover_image=covers[made % 3],
                cover_alt="A cover",
            )
            through = post.tags.through
            through.objects.bulk_create(
                [through(content_object=post, tag=tag) for tag in (tags[made % 4], tags[4])]
            )
            made += 1

    counts = {}
    for target in (1, 3, 100):
        add(target - made, AnnouncementPage, lambda n: BASE + datetime.timedelta(hours=n))
        counts[target] = count_queries(client, "/news/")
    assert counts[1] == counts[3] == counts[100], counts
    # Recaps listed among them (just under the five newest announcements): the same fixed
    # extra cost whether 1, 3 or 100 recaps exist.
    mixed, recaps = {}, 0
    for target in (1, 3, 100):
        add(
            target - recaps,
            RecapPage,
            lambda n: BASE + datetime.timedelta(hours=94, minutes=30, seconds=-n),
        )
        recaps = target
        mixed[target] = count_queries(client, "/news/")
    assert mixed[1] == mixed[3] == mixed[100] == counts[1] + 3, (counts, mixed)
    assert counts[1] <= 16, counts


def test_post_page_queries_do_not_grow_with_posts_or_images(client, news_index, make_image):
    images = [make_image(f"Photo {n}") for n in range(20)]

    def body(count):
        return [
            {"type": "heading", "value": {"text": "Photos", "level": "h2", "anchor": ""}},
            *[
                {"type": "image", "value": {"image": image.pk, "alt_text": f"Photo {n}"}}
                for n, image in enumerate(images[:count])
            ],
            {
                "type": "gallery",
                "value": {
                    "images": [{"image": image.pk, "alt_text": "x"} for image in images[:count]]
                },
            },
            {"type": "markdown", "value": "## More\n\nText with {{ site.ticket_link }}."},
            {"type": "paragraph", "value": "<p>{{ site.name }}</p>"},
        ]

    counts = {}
    for number in (1, 20):
        for model in (AnnouncementPage, RecapPage):
            post = post_at(
                news_index,
                f"{model.__name__} with {number}",
                when=BASE,
                model=model,
                body=body(number),
                cover_image=images[0],
                cover_alt="Cover",
            )
            post.tags.add("photos")
            post.save()
            counts[(model.__name__, number)] = count_queries(client, post.url)
    # And with many more posts around them.
    for extra in range(100):
        post_at(news_index, f"Filler {extra}", when=BASE)
    for number in (1, 20):
        for model in (AnnouncementPage, RecapPage):
            post = model.objects.get(slug=f"{model.__name__.lower()}-with-{number}")
            counts[(model.__name__, number, "crowded")] = count_queries(client, post.url)
    for model in ("AnnouncementPage", "RecapPage"):
        same = {value for key, value in counts.items() if key[0] == model}
        assert len(same) == 1, counts
    assert max(counts.values()) <= 20, counts
