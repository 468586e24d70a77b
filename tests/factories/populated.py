"""An edition with a little of everything (talks, presenters, news), every title of it marked
with a word of its own, for tests of several editions side by side."""

import datetime
from types import SimpleNamespace

from blog.models import NewsIndexPage
from tests.factories.editions import make_edition
from tests.factories.news import BASE, post_at, publish
from tests.factories.program import make_program


def populated_edition(root_page, word, *, default=False, talks=3, posts=3):
    """The 2027 dates, host `<word>.example.org`; its talks, presenters and posts carry
    `word` in their titles. Returns the home page, the pages and their titles."""
    home = make_edition(
        root_page,
        hostname=f"{word.lower()}.example.org",
        name=f"{word} Conference 2027",
        ticket_link=f"https://tickets.example.org/{word.lower()}/",
        slug=f"home-{word.lower()}",
        default=default,
    )
    program = make_program(home, talks=talks)
    for page in [*program.talks, *program.presenters]:
        page.title = f"{word} {page.title}"
        page.save()
    news = publish(home, NewsIndexPage(title="News", slug="news"))
    made = [
        post_at(news, f"{word} news {number}", when=BASE + datetime.timedelta(days=number))
        for number in range(posts)
    ]
    pages = [home, program.program, program.index, news, *program.talks, *program.presenters]
    return SimpleNamespace(
        home=home,
        hostname=f"{word.lower()}.example.org",
        talks=program.talks,
        posts=made,
        titles=SimpleNamespace(
            talks={talk.title for talk in program.talks},
            presenters={presenter.title for presenter in program.presenters},
            posts={post.title for post in made},
        ),
        # Every page's path on the edition's host.
        paths={"/" + page.url_path[len(home.url_path) :] for page in [*pages, *made]},
    )
