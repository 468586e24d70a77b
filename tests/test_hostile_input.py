"""Hostile and broken input: XSS vectors (tests/xss_vectors.py) through every text field of
talks, presenters, posts and standard pages, the search query and imported files; path
traversal; huge inputs; malformed dates, YAML and JSON; Unicode edge cases and NUL bytes.
A clear error, nothing half-stored, and never a 500."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import nested_form_data, streamfield

from blog.models import AnnouncementPage
from home.models import StandardPage
from program.models import PresenterPage, TalkPage, TalkPresenter
from tests.factories.editions import ny
from tests.factories.html import Audit
from tests.factories.program import make_program
from tests.factories.xss import VECTORS

pytestmark = pytest.mark.django_db

# The site's own markup has forms (schedule filters, search) and its own <link>/<meta>.
SITE_TAGS = re.compile(r"^<(form|input|button|select|link|meta|svg)> ")
SITE_SCRIPTS = {"<script> {'type': 'application/ld+json'}"}


def problems(html):
    parser = Audit(allowed_scripts=())
    parser.feed(html)
    found = [p for p in parser.problems if not SITE_TAGS.match(p) and p not in SITE_SCRIPTS]
    # Scripts: only the site's own files and its JSON-LD data (a vector breaking out of the
    # JSON would open a script element of its own, caught here).
    for match in re.finditer(r"<script\b([^>]*)>", html, re.IGNORECASE):
        attributes = match.group(1)
        if not re.fullmatch(
            r' (src="/static/[^"]+"( defer)?|type="application/ld\+json")', attributes
        ):
            found.append(match.group(0))
    return found


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code != 500, url
    content = b"".join(response) if response.streaming else response.content
    return response.status_code, content.decode("utf-8", "replace")


def chunks(items, size):
    return [items[n : n + size] for n in range(0, len(items), size)]


@pytest.fixture
def program(home_page):
    return make_program(home_page, talks=1, photos=False, items=False)


@pytest.mark.parametrize("vectors", chunks(VECTORS, 9), ids=lambda v: f"{VECTORS.index(v[0])}")
def test_vectors_through_every_text_field(client, program, news_index, make_image, vectors):
    pages = []
    for number, vector in enumerate(vectors):
        image = make_image(f"Photo {number}")
        image.title = vector
        image.save()
        presenter = PresenterPage(
            title=f"{vector} p{number}",
            slug=f"hostile-presenter-{number}",
            pronouns=vector[:50],
            company=vector,
            role=vector,
            photo=image,
            search_description=vector,
            bio=[("paragraph", f"<p>{vector}</p>"), ("markdown", vector)],
        )
        program.index.add_child(instance=presenter)
        presenter.save_revision().publish()
        talk = TalkPage(
            title=f"{vector} t{number}",
            slug=f"hostile-talk-{number}",
            summary=vector,
            seo_title=vector,
            search_description=vector,
            listing_summary=vector,
            start=ny(21, 9 + number),
            end=ny(21, 9 + number, 30),
            room=program.rooms[number % 3],
            track=program.tracks[0],
            abstract=[("markdown", vector), ("quote", {"quote": vector, "attribution": vector})],
            talk_presenters=[TalkPresenter(presenter=presenter)],
        )
        talk.tags.add(vector[:90])
        program.program.add_child(instance=talk)
        talk.save_revision().publish()
        post = AnnouncementPage(
            title=f"{vector} n{number}",
            slug=f"hostile-post-{number}",
            author=vector,
            excerpt=vector,
            cover_image=image,
            cover_alt=vector,
            search_description=vector,
            body=[
                ("paragraph", f"<p>{vector}</p>"),
                ("image", {"image": image, "alt_text": vector, "caption": vector, "credit": ""}),
            ],
        )
        news_index.add_child(instance=post)
        post.save_revision().publish()
        standard = StandardPage(
            title=f"{vector} s{number}",
            slug=f"hostile-page-{number}",
            intro=vector,
            listing_summary=vector,
            body=[("markdown", vector), ("heading", {"text": vector, "level": "h2"})],
        )
        program.program.get_parent().add_child(instance=standard)
        standard.save_revision().publish()
        pages += [presenter, talk, post, standard]

    urls = [p.url for p in pages] + ["/", "/schedule/", "/presenters/", "/news/"]
    urls += [f"/search/?q=p{n}" for n in range(len(vectors))]
    for url in urls:
        status, html = get(client, url)
        assert status == 200, url
        assert problems(html) == [], url
    for url in ["/news/rss/", "/news/atom/"]:
        status, text = get(client, url)
        assert status == 200, url
        # Feed readers render HTML: the markup must arrive as escaped text.
        assert "<script" not in text.lower() and "<img" not in text.lower(), url
    # iCalendar and JSON carry the text as written; browsers never read them as HTML.
    for url, kind in [("/schedule/calendar/", "text/calendar"), ("/schedule/json/", "json")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert kind in response["Content-Type"], url
        assert response["X-Content-Type-Options"] == "nosniff", url


def test_the_check_catches_an_unescaped_vector():
    """The check itself: a vector pasted raw into a page is caught."""
    page = '<html><body><form action="/search/"><input name="q"></form>{}</body></html>'
    caught = [v for v in VECTORS if problems(page.format(v))]
    assert len(caught) >= 30


@pytest.mark.parametrize("vector", VECTORS)
def test_vectors_in_the_search_query(client, program, vector):
    status, html = get(client, "/search/", data={"q": vector})
    assert status == 200
    assert problems(html) == []


# -- Imported files -----------------------------------------------------------------------


def run_import(*paths, **options):
    out = io.StringIO()
    call_command("import_content", *map(str, paths), stdout=out, **options)
    return out.getvalue()


def yaml_quote(text):
    return "'" + text.replace("'", "''") + "'"


def test_vectors_in_imported_markdown_and_front_matter(client, home_page, news_index, tmp_path):
    for number, vector in enumerate(VECTORS):
        (tmp_path / f"2027-01-{number % 28 + 1:02d}-hostile-{number}.md").write_text(
            f"---\nlayout: post\ntitle: {yaml_quote(vector + f' i{number}')}\n"
            f"author: {yaml_quote(vector)}\n---\n{vector}\n\n## {vector}\n\n*{vector}*\n"
        )
    run_import(tmp_path)
    posts = AnnouncementPage.objects.live().filter(title__contains=" i")
    assert posts.count() == len(VECTORS)
    for url in [post.url for post in posts] + ["/news/"]:
        status, html = get(client, url)
        assert status == 200, url
        assert problems(html) == [], url


def counts():
    from importer.models import ImportedItem

    return (
        TalkPage.objects.count(),
        AnnouncementPage.objects.count(),
        get_image_model().objects.count(),
        ImportedItem.objects.count(),
    )


@pytest.mark.parametrize("reference", ["../secret.jpg", "../../etc/passwd", "/etc/passwd"])
def test_markdown_images_cannot_reach_outside_the_import_folder(
    home_page, news_index, tmp_path, photo_jpeg, reference
):
    (tmp_path / "secret.jpg").write_bytes(photo_jpeg(64, 48))
    source = tmp_path / "import"
    source.mkdir()
    (source / "2027-02-01-sneaky.md").write_text(
        f"---\nlayout: post\ntitle: Sneaky\n---\nLook: ![the secret]({reference})\n"
    )
    images_before = get_image_model().objects.count()
    try:
        run_import(source)
    except CommandError as error:  # refusing the file is fine too
        assert "sneaky.md" in str(error)
    assert get_image_model().objects.count() == images_before
    for image in get_image_model().objects.all():
        assert image.file.read() != (tmp_path / "secret.jpg").read_bytes()


def test_an_upload_named_with_dots_and_slashes_stays_in_the_media_folder(
    admin_client, photo_jpeg, settings
):
    from pathlib import Path

    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Evil",
            "collection": Collection.get_first_root_node().pk,
            "file": ContentFile(photo_jpeg(64, 48), name="../../evil.jpg"),
        },
    )
    assert response.status_code in (200, 302)
    image = get_image_model().objects.get(title="Evil")
    assert ".." not in image.file.name
    stored = Path(image.file.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert stored.is_file()


def test_a_ten_megabyte_markdown_file(home_page, news_index, tmp_path):
    paragraph = "Lorem ipsum dolor sit amet, *consectetur* adipiscing elit. " * 20 + "\n\n"
    text = "---\nlayout: post\ntitle: Huge\n---\n" + paragraph * (10 * 2**20 // len(paragraph))
    path = tmp_path / "2027-03-01-huge.md"
    path.write_text(text)
    assert path.stat().st_size >= 10 * 10**6
    before = counts()
    with pytest.raises(CommandError, match=r"huge.md: markdown file is larger than 1 MB"):
        run_import(path)
    assert counts() == before  # nothing half-stored


def test_an_oversized_file_is_refused_whole(home_page, tmp_path):
    path = tmp_path / "2027-03-02-enormous.md"
    path.write_bytes(b"---\nlayout: post\ntitle: Enormous\n---\n" + b"x" * (21 * 2**20))
    before = counts()
    with pytest.raises(CommandError, match=r"enormous.md.*larger than"):
        run_import(path)
    assert counts() == before


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.md", "---\ntitle: [unclosed\n---\n", r"bad.md:\d+: .*YAML"),
        ("bad.md", "---\ntitle: !!python/object/apply:os.system ['true']\n---\n", r"bad.md:\d+:"),
        (
            "bad.md",
            "---\nlayout: session-details\ntitle: T\ndate: 31/02/2027 10:00\n"
            "end_date: 2027-02-31 11:00\n---\n",
            r"bad.md:4: date: .* is not a date",
        ),
        (
            "bad.md",
            "---\nlayout: post\ntitle: T\ndate: next tuesday\n---\nBody\n",
            r"bad.md:4: date:",
        ),
        ("schedule.json", '{"schedule": {"version": 1,,}}', r"schedule.json:1: invalid JSON"),
        ("schedule.json", "[1, 2, 3]", r"schedule.json:"),
        ("schedule.json", '{"schedule": "\\u0000"}', r"schedule.json:"),
    ],
)
def test_malformed_files_get_a_path_line_field_error(home_page, tmp_path, name, content, expected):
    (tmp_path / name).write_text(content)
    before = counts()
    with pytest.raises(CommandError) as error:
        run_import(tmp_path / name)
    assert re.search(expected, str(error.value)), str(error.value)
    assert counts() == before


def test_a_binary_file_with_a_markdown_name(home_page, tmp_path):
    (tmp_path / "2027-04-01-binary.md").write_bytes(b"\xff\xfe\x00\x00garbage\x89PNG" * 100)
    before = counts()
    try:
        run_import(tmp_path)
    except CommandError as error:
        assert "binary.md" in str(error)
    assert counts() == before or AnnouncementPage.objects.filter(slug__contains="binary")


# -- Forms: huge values, NUL bytes, Unicode -----------------------------------------------


def post_standard_page(admin_client, home_page, **fields):
    data = {
        "title": "A page",
        "slug": "a-page",
        "intro": "",
        "body": streamfield([]),
        "listing_summary": "",
        "seo_title": "",
        "search_description": "",
    }
    data.update(fields)
    return admin_client.post(
        f"/admin/pages/add/home/standardpage/{home_page.pk}/",
        {**nested_form_data(data), "action-publish": "publish"},
    )


def test_a_title_of_a_million_characters_is_a_form_error(admin_client, home_page):
    response = post_standard_page(admin_client, home_page, title="x" * 1_000_000)
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert not StandardPage.objects.filter(slug="a-page").exists()


@pytest.mark.parametrize("field", ["title", "intro", "slug"])
def test_nul_bytes_in_form_fields_are_a_form_error(admin_client, home_page, field):
    response = post_standard_page(admin_client, home_page, **{field: "before\x00after"})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not StandardPage.objects.filter(slug="a-page").exists()


def test_nul_bytes_in_the_login_form(client, home_page):
    response = client.post("/admin/login/", {"username": "ad\x00min", "password": "x\x00"})
    assert response.status_code == 200


UNICODE_TITLES = [
    "مؤتمر جانغو ‏السنوي‎",  # right-to-left with direction marks
    "Zero\u200bwidth\u200c\u200djoiners\ufeff",
    "Emoji 🐍🎉👩🏽‍💻 talk",
    "\u202eevil override\u202c",
    "Combining é̃̂ and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
]


@pytest.mark.parametrize("title", UNICODE_TITLES)
def test_unicode_titles_through_the_admin_and_back(admin_client, client, home_page, title):
    response = post_standard_page(admin_client, home_page, title=title, slug="unicode")
    assert response.status_code == 302, response.context["form"].errors
    page = StandardPage.objects.get(slug="unicode")
    assert page.title == title
    status, html = get(client, page.url)
    assert status == 200
    assert title in html
    status, _ = get(client, "/search/", data={"q": title})
    assert status == 200


NUL_URLS = [
    "/search/?q=%00",
    "/search/?q=a%00b&page=%00",
    "/schedule/?day=%00",
    "/schedule/?day=%00&track=%00&kind=%00&tag=%00",
    "/news/?page=%00&tag=%00",
    "/news/?category=%00",
    "/news/rss/?page=%00",
    "/presenters/?q=%00",
    "/?%00=%00",
    "/sitemap.xml?p=%00",
    "/schedule/json/?%00",
    "/schedule/calendar/?x=%00",
    "/%00/",
    "/schedule/%00/",
    "/news/%00/",
    "/admin/login/?next=%00",
    "/documents/%00/",
    "/healthz?%00",
    "/search/?q=" + "%F0%9F%90%8D" * 500,
    "/search/?q=%E2%80%AE%E2%80%8B",
    "/search/?q=%FF%FE",
    "/news/?page=99999999999999999999",
    "/news/?page=-1",
]


@pytest.mark.parametrize("url", NUL_URLS)
def test_odd_query_strings_never_answer_500(client, program, news_index, url):
    status, _ = get(client, url)
    assert status in (200, 301, 302, 400, 404), (url, status)


def test_nul_bytes_in_a_post_to_a_public_page(client, program):
    response = client.post("/search/", {"q": "\x00"})
    assert response.status_code in (200, 400, 405)
