"""An edition's team (organizers, volunteers) and local guide (places), with their pages."""

from organizers.models import Kind, Organizer, TeamPage
from places.models import Category, LocalGuidePage, Place
from tests.factories.program import tiny_image

CATEGORIES = [Category.HOTEL, Category.FOOD, Category.SIGHTS, Category.COFFEE]


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def make_team_page(home, **fields):
    fields = {"title": "Our team", "slug": "team", "intro": "The people behind it.", **fields}
    return publish(home, TeamPage(**fields))


def make_guide_page(home, **fields):
    fields = {"title": "Local guide", "slug": "local-guide", "intro": "Around the venue.", **fields}
    return publish(home, LocalGuidePage(**fields))


def make_organizer(home, name, **fields):
    slug = fields.pop("slug", None) or name.lower().replace(" ", "-")
    return Organizer.objects.create(site=home.get_site(), name=name, slug=slug, **fields)


def make_place(home, name, **fields):
    slug = fields.pop("slug", None) or name.lower().replace(" ", "-")
    return Place.objects.create(site=home.get_site(), name=name, slug=slug, **fields)


def make_team(home, count, photos=True):
    """`count` people of the edition, every fourth a volunteer, every one with a photo from a
    small pool, roles, links and a markdown bio."""
    pool = [tiny_image(f"Team photo {n}", (30 * n, 100, 140)) for n in range(3)] if photos else []
    return [
        make_organizer(
            home,
            f"Person {number:03d}",
            kind=Kind.VOLUNTEER if number % 4 == 3 else Kind.ORGANIZER,
            roles="Chair, Website Committee" if number == 0 else "Program Committee",
            pronouns="she/her",
            photo=pool[number % len(pool)] if pool else None,
            bio=f"Organizes **meetup {number}**.",
            mastodon_url=f"https://social.example/@person{number}",
            github_url=f"https://github.example/person{number}",
            sort_order=number,
        )
        for number in range(count)
    ]


def make_guide(home, count, photos=True):
    """`count` places of the edition over four categories, each with a photo, an address, a
    distance, a map link, a website and a markdown text."""
    pool = [tiny_image(f"Place photo {n}", (140, 30 * n, 90)) for n in range(3)] if photos else []
    return [
        make_place(
            home,
            f"Place {number:03d}",
            category=CATEGORIES[number % len(CATEGORIES)],
            photo=pool[number % len(pool)] if pool else None,
            address=f"{number} Main Street\nDurham, NC",
            distance=f"{number + 1} minutes' walk",
            map_link=f"https://maps.example/place-{number}",
            website=f"https://place-{number}.example/",
            text=f"Good for **groups of {number + 2}**.",
            sort_order=number,
        )
        for number in range(count)
    ]
