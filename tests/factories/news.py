"""News and a realistic edition: `build_content` is what visitors of a full edition see,
used by the SEO, search, accessibility and page weight tests; `post_at` makes quick posts."""

import datetime
import re
from types import SimpleNamespace

from wagtail.models import PageViewRestriction

from blog.models import AnnouncementPage, BlogCategory, NewsIndexPage, RecapPage
from home.models import ConferenceSettings, StandardPage
from program.models import (
    PresenterIndexPage,
    PresenterPage,
    ProgramPage,
    Room,
    ScheduleItem,
    TalkPage,
    TalkPresenter,
    Track,
)
from tests.factories.editions import NY, ny


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level, "anchor": ""}}


def build_content(home, make_image, drafts=True):
    """An edition as visitors see it: a schedule with two rooms, a talk by two presenters with
    photos, a presenter with a bio, news with an announcement and a long recap (headings,
    images, a table), a standard page; plus a draft and a password-protected talk."""
    settings = ConferenceSettings.objects.get(site__root_page=home)
    settings.venue_name = "Riverside Convention Center"
    settings.venue_address = "1 River Road\nPortland, OR"
    settings.save()
    rooms = [
        Room.objects.create(site=settings.site, name="Ballroom", slug="ballroom", sort_order=1),
        Room.objects.create(
            site=settings.site, name="Workshop room", slug="workshop-room", sort_order=2
        ),
    ]
    track = Track.objects.create(site=settings.site, name="Web", slug="web", colour="#1d5fbf")
    program = ProgramPage(
        title="Schedule",
        slug="schedule",
        intro="Three days of talks, tutorials and sprints.",
        schedule_items=[
            ScheduleItem(kind="meal", title="Lunch", start=ny(20, 12), end=ny(20, 13)),
        ],
    )
    program = publish(home, program)
    index = publish(home, PresenterIndexPage(title="Presenters", slug="presenters"))
    photo_ada = make_image("Ada Lovelace portrait", (60, 90, 140), size=(320, 320))
    photo_ada.description = "Ada Lovelace smiling on stage"
    photo_ada.save()
    photo_grace = make_image("Grace Hopper portrait", (140, 90, 60), size=(320, 320))
    photo_grace.description = "Grace Hopper at a lectern"
    photo_grace.save()
    ada = publish(
        index,
        PresenterPage(
            title="Ada Lovelace",
            slug="ada-lovelace",
            pronouns="she/her",
            role="Analyst",
            company="Analytical Engines Ltd",
            photo=photo_ada,
            bio=[paragraph("<p>Ada writes programs for machines that do not exist yet.</p>")],
            github_url="https://github.example/ada",
            mastodon_url="https://social.example/@ada",
        ),
    )
    grace = publish(
        index,
        PresenterPage(
            title="Grace Hopper",
            slug="grace-hopper",
            role="Rear admiral",
            company="Navy",
            photo=photo_grace,
            bio=[paragraph("<p>Grace found the first actual bug.</p>")],
        ),
    )
    talk = TalkPage(
        title="Accessible schedules with Django",
        slug="accessible-schedules",
        kind="talk",
        summary="How we made the conference schedule work with a screen reader.",
        abstract=[
            paragraph(
                "<p>Tables, headings and landmarks: we rebuilt the schedule around the "
                "kaleidoscope of assistive technology that visitors use.</p>"
            ),
            paragraph("<p>Bring questions about <b>ARIA</b> &amp; keyboard focus.</p>"),
        ],
        start=ny(20, 10),
        end=ny(20, 10, 45),
        room=rooms[0],
        track=track,
        difficulty="intermediate",
        talk_presenters=[
            TalkPresenter(presenter=ada, sort_order=0),
            TalkPresenter(presenter=grace, sort_order=1),
        ],
    )
    talk.tags.add("django", "accessibility")
    talk = publish(program, talk)
    second = TalkPage(
        title="Compilers for everyone",
        slug="compilers-for-everyone",
        kind="keynote",
        summary="Why programs should read like English.",
        abstract=[paragraph("<p>From FLOW-MATIC to Python.</p>")],
        start=ny(20, 11),
        end=ny(20, 11, 45),
        room=rooms[1],
        talk_presenters=[TalkPresenter(presenter=grace, sort_order=0)],
    )
    second = publish(program, second)
    hidden = SimpleNamespace(draft=None, restricted=None)
    if drafts:
        draft = TalkPage(
            title="Secret kaleidoscope roadmap",
            slug="secret-roadmap",
            summary="Not announced yet.",
            abstract=[paragraph("<p>The kaleidoscope of Ada Lovelace, unannounced.</p>")],
            start=ny(21, 10),
            end=ny(21, 11),
            live=False,
        )
        program.add_child(instance=draft)
        draft.save_revision()
        restricted = TalkPage(
            title="Members-only kaleidoscope session",
            slug="members-only",
            summary="Behind a password.",
            abstract=[paragraph("<p>The kaleidoscope for members.</p>")],
            start=ny(21, 14),
            end=ny(21, 15),
        )
        restricted = publish(program, restricted)
        PageViewRestriction.objects.create(
            page=restricted, restriction_type="password", password="secret"
        )
        hidden = SimpleNamespace(draft=draft, restricted=restricted)

    news = publish(home, NewsIndexPage(title="News", slug="news", intro="What is new."))
    category = BlogCategory.objects.create(site=settings.site, name="Program", slug="program")
    cover = make_image("Main hall", (20, 110, 80), size=(800, 450))
    announcement = AnnouncementPage(
        title="The schedule is out",
        slug="schedule-is-out",
        author="The program committee",
        date=datetime.datetime(2027, 7, 1, 9, 0, tzinfo=NY),
        category=category,
        cover_image=cover,
        cover_alt="The main hall before the doors open",
        excerpt="Forty talks over three days, and a sprint.",
        body=[paragraph("<p>The full schedule is online. Talks about Django and data.</p>")],
    )
    announcement.tags.add("schedule")
    announcement = publish(news, announcement)
    stage = make_image("Stage", (90, 60, 120), size=(640, 360))
    recap = RecapPage(
        title="What we saw on day one",
        slug="day-one",
        author="Jane Doe",
        date=datetime.datetime(2027, 9, 21, 18, 0, tzinfo=NY),
        excerpt="Keynotes, hallway track and a lot of coffee.",
        body=[
            heading("Morning"),
            paragraph("<p>The day opened with a keynote about compilers.</p>"),
            {
                "type": "image",
                "value": {
                    "image": stage.pk,
                    "alt_text": "The keynote speaker on a purple-lit stage",
                    "caption": "The opening keynote",
                    "credit": "Photo: the volunteers",
                },
            },
            heading("Talks we liked", "h3"),
            {
                "type": "markdown",
                "value": "| Talk | Room |\n|---|---|\n| Accessible schedules | Ballroom |\n",
            },
            heading("Afternoon"),
            paragraph("<p>Sprints started after lunch, with forty people in one room.</p>"),
        ],
    )
    recap = publish(news, recap)
    venue = publish(
        home,
        StandardPage(
            title="Venue",
            slug="venue",
            intro="How to reach the Riverside Convention Center.",
            body=[paragraph("<p>Take the tram to Riverside; step-free access at gate B.</p>")],
        ),
    )
    return SimpleNamespace(
        home=home,
        program=program,
        presenters_index=index,
        ada=ada,
        grace=grace,
        talk=talk,
        second=second,
        news=news,
        announcement=announcement,
        recap=recap,
        venue=venue,
        **vars(hidden),
    )


def post_at(index, title, *, when, model=AnnouncementPage, revision=False, **fields):
    """A live post first published at `when` (quick: no revision unless asked)."""
    post = model(
        title=title,
        slug=fields.pop("slug", re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")),
        live=True,
        first_published_at=when,
        last_published_at=when,
        **fields,
    )
    index.add_child(instance=post)
    if revision:
        post.save_revision().publish()
    return post


# When the quick posts of the news tests start.
BASE = datetime.datetime(2027, 1, 1, 12, tzinfo=datetime.UTC)


def public_pages(content):
    return {
        "home": "/",
        "schedule": content.program.url,
        "talk": content.talk.url,
        "presenter": content.ada.url,
        "news": content.news.url,
        "announcement": content.announcement.url,
        "recap": content.recap.url,
        "search results": "/search/?q=kaleidoscope+OR+schedule",
        "search, no results": "/search/?q=zzyzx",
        "404": "/no-such-page/",
    }
