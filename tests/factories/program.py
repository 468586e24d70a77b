"""An edition's program: rooms, tracks, talks and presenters with small photos."""

import datetime
import io
from types import SimpleNamespace

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection

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
from tests.factories.editions import ny


def tiny_image(title, colour):
    # Transactional (browser) tests flush the root collection that migrations made.
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    buffer = io.BytesIO()
    PillowImage.new("RGB", (120, 120), colour).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, description=f"Portrait of {title}", file=ImageFile(buffer, name="p.png")
    )


def make_program(home, talks=3, photos=True, items=True):
    """An edition's program: 3 rooms, 2 tracks, `talks` talks over the three days, each with
    its own presenter (every third with a second one), photos shared from a small pool; the
    rooms and tracks are the edition's own."""
    site = home.get_site()
    rooms = [
        Room.objects.create(
            site=site, name=f"Room {letter}", slug=f"room-{letter.lower()}", sort_order=i
        )
        for i, letter in enumerate("ABC")
    ]
    tracks = [
        Track.objects.create(site=site, name="Web", slug="web", colour="#1d5fbf", sort_order=1),
        Track.objects.create(site=site, name="Data", slug="data", colour="#a34d00", sort_order=2),
    ]
    program = ProgramPage(title="Schedule", slug="schedule")
    if items:
        program.schedule_items = [
            ScheduleItem(kind="meal", title="Lunch", start=ny(20, 12, 30), end=ny(20, 13, 30)),
            ScheduleItem(
                kind="social",
                title="Board game night",
                start=ny(21, 19),
                end=ny(21, 22),
                room=rooms[1],
            ),
        ]
    home.add_child(instance=program)
    index = PresenterIndexPage(title="Presenters", slug="presenters")
    home.add_child(instance=index)
    pool = [tiny_image(f"Photo {n}", (40 * n, 90, 120)) for n in range(3)] if photos else []
    kinds = ["talk", "tutorial", "keynote", "lightning", "panel"]
    presenters, created = [], []
    for number in range(talks):
        presenter = PresenterPage(
            title=f"Presenter {number:03d}",
            slug=f"presenter-{number:03d}",
            role="Engineer",
            company="Example Co",
            photo=pool[number % len(pool)] if pool else None,
            github_url=f"https://github.example/p{number}",
            mastodon_url=f"https://social.example/@p{number}",
        )
        index.add_child(instance=presenter)
        presenters.append(presenter)
        # Round robin over the days; on each day three rooms, then the next half hour.
        day, position = 20 + number % 3, number // 3
        start = ny(day, 9) + datetime.timedelta(minutes=30 * (position // 3))
        people = [presenter] + ([presenters[number - 1]] if number % 3 == 2 else [])
        talk = TalkPage(
            title=f"Talk {number:03d}",
            slug=f"talk-{number:03d}",
            kind=kinds[number % len(kinds)],
            summary=f"Summary of talk {number}.",
            abstract=[("paragraph", f"<p>Abstract of talk {number}.</p>")],
            start=start,
            end=start + datetime.timedelta(minutes=25),
            room=rooms[position % 3],
            track=tracks[number % 2],
            difficulty="beginner",
            talk_presenters=[
                TalkPresenter(presenter=person, sort_order=order)
                for order, person in enumerate(people)
            ],
        )
        talk.tags.add("python", f"topic-{number % 4}")
        program.add_child(instance=talk)
        created.append(talk)
    return SimpleNamespace(
        program=program,
        index=index,
        rooms=rooms,
        tracks=tracks,
        talks=created,
        presenters=presenters,
    )
