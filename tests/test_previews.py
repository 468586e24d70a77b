"""Every page type previews in the admin: through Wagtail's preview views (the edit form
posted as the editor would) and in Chromium at a phone and a desktop width."""

import pytest
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from blog.models import RecapPage
from home.models import StandardPage
from tests.factories.program import make_program

PAGE_TYPES = [
    "HomePage",
    "StandardPage",
    "ProgramPage",
    "TalkPage",
    "PresenterIndexPage",
    "PresenterPage",
    "NewsIndexPage",
    "AnnouncementPage",
    "RecapPage",
]

LONG_WORD = "Supercalifragilisticexpialidocious-conference-registration-information"


def body(title):
    """Content that makes a preview wide if anything can: a heading, text with a long word,
    a table and code."""
    return [
        ("heading", {"text": f"About {title}", "level": "h2"}),
        ("paragraph", f"<p>{title} in a few words. {LONG_WORD}.</p>"),
        ("code", {"language": "python", "code": "print('" + "x" * 120 + "')"}),
    ]


def edit_form(html, page):
    """The edit form's fields as the browser would post them. StreamFields are drawn by the
    admin's JavaScript, so their fields are written out here, with the content of `body`."""
    form = querydict_from_html(html, form_id="page-edit-form").copy()
    title = f"{page.title} (draft)"
    form["title"] = title
    streams = [f.name for f in type(page)._meta.fields if isinstance(f, StreamField)]
    stream = streamfield(
        [
            ("heading", {"text": f"About {title}", "level": "h2", "anchor": ""}),
            ("paragraph", rich_text(f"<p>{title} in a few words. {LONG_WORD}.</p>")),
            ("code", {"language": "python", "code": "print('" + "x" * 120 + "')"}),
        ]
    )
    for key, value in nested_form_data(dict.fromkeys(streams, stream)).items():
        form[key] = value
    return form, bool(streams)


@pytest.fixture
def pages(home_page, news_index, make_post, make_image):
    """One page of every type, with its usual content, keyed by type name."""
    home_page.tagline = "Three days of Django"
    home_page.intro = "The community conference."
    home_page.body = body("the conference")
    home_page.save_revision().publish()
    venue = StandardPage(title="Venue", slug="venue", intro="Where we meet.", body=body("Venue"))
    home_page.add_child(instance=venue)
    venue.save_revision().publish()
    program = make_program(home_page, talks=3)
    for page in [program.program, program.index, *program.talks, *program.presenters]:
        page.save_revision().publish()
    cover = make_image("Stage", size=(1600, 900))
    announcement = make_post(
        "Tickets on sale",
        cover_image=cover,
        cover_alt="The main stage",
        excerpt="Early-bird prices last a week.",
        body=body("Tickets"),
    )
    recap = make_post(
        "Day one recap",
        model=RecapPage,
        cover_image=cover,
        cover_alt="The main stage",
        body=body("Day one"),
    )
    found = {
        "HomePage": home_page,
        "StandardPage": venue,
        "ProgramPage": program.program,
        "TalkPage": program.talks[0],
        "PresenterIndexPage": program.index,
        "PresenterPage": program.presenters[0],
        "NewsIndexPage": news_index,
        "AnnouncementPage": announcement,
        "RecapPage": recap,
    }
    for name, page in found.items():
        assert type(page.specific).__name__ == name
    return {name: page.specific for name, page in found.items()}


def preview_path(page):
    return f"/admin/pages/{page.pk}/edit/preview/"


@pytest.mark.django_db
@pytest.mark.parametrize("type_name", PAGE_TYPES)
def test_every_page_type_previews_from_its_edit_form(admin_client, pages, type_name):
    page = pages[type_name]
    edit = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    form, has_body = edit_form(edit.content.decode(), page)
    modes = [mode for mode, _label in page.preview_modes] or [""]
    for mode in modes:
        answer = admin_client.post(preview_path(page), data=form, QUERY_STRING=f"mode={mode}")
        assert answer.status_code == 200, (type_name, mode)
        assert answer.json() == {"is_valid": True, "is_available": True}, (type_name, mode)
        shown = admin_client.get(preview_path(page), {"mode": mode})
        assert shown.status_code == 200, (type_name, mode)
        html = shown.content.decode()
        # The draft's title, not the published one: the preview shows what is being edited.
        assert f"{page.title} (draft)" in html, (type_name, mode)
        assert "<html" in html and "</html>" in html
        if has_body:  # the body as edited, rendered by the page's own template
            assert LONG_WORD in html and f"About {page.title} (draft)" in html, type_name


@pytest.mark.django_db
def test_a_preview_is_for_editors_only(client, pages):
    page = pages["AnnouncementPage"]
    answer = client.get(preview_path(page))
    assert answer.status_code == 302 and "/admin/login/" in answer["Location"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [375, 1280])
def test_every_preview_fits_a_phone_and_a_desktop(
    live_server, browser_context, client, django_user_model, pages, width
):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    page = browser_context(width=width, height=800)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    for type_name in PAGE_TYPES:
        wagtail_page = pages[type_name]
        assert page.goto(f"{live_server.url}/admin/pages/{wagtail_page.pk}/edit/").ok
        # What the admin's preview panel does: post the edit form, then load the preview.
        result = page.evaluate(
            """async (url) => {
                const form = document.getElementById('page-edit-form');
                const answer = await fetch(url, {method: 'POST', body: new FormData(form)});
                return [answer.status, await answer.json()];
            }""",
            preview_path(wagtail_page),
        )
        assert result == [200, {"is_valid": True, "is_available": True}], type_name
        shown = page.goto(live_server.url + preview_path(wagtail_page), wait_until="load")
        assert shown.status == 200, type_name
        assert wagtail_page.title in page.content(), type_name
        wide = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert wide[0] <= wide[1], (type_name, width, wide)
