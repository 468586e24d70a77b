"""The demo edition's team (organizers and volunteers) and local guide (places near the venue),
with their pages.

Every name, place and sentence here is invented for the demo, and the pictures are drawn
here. Deterministic and idempotent: it creates only what is missing (by slug), so a second
run changes nothing and editors' changes survive.
"""

import hashlib
import io

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from organizers.models import Kind, Organizer, TeamPage
from places.models import Category, LocalGuidePage, Place
from program.models import PresenterPage

# name, pronouns, kind, roles, bio (markdown), links, presenter slug (also speaking)
TEAM = [
    ("Rosa Delgado-Whitfield", "she/her", Kind.ORGANIZER, "Chair",
     "Rosa has chaired the conference since it moved to the riverside. By day she keeps the "
     "booking system of a regional theatre company running, and she answers every message to "
     "the team inbox within a day, usually with a pun.",
     {"mastodon_url": "https://social.example/@rosadw"}, ""),
    ("Felix Achterberg", "he/him", Kind.ORGANIZER, "Vice chair, Finance",
     "Felix keeps the budget in a spreadsheet that has outlived three laptops. He builds "
     "payment integrations for a living and argues, every year, for more benches in the "
     "hallway.",
     {"github_url": "https://github.example/fachterberg"}, ""),
    ("Nadia Haddad", "she/her", Kind.ORGANIZER, "Program Committee chair",
     "Nadia reads every proposal twice: once for the idea, once for the person behind it. "
     "She teaches web development at a community college and mentors first-time speakers "
     "all year round.\n\nAsk her about the **proposal office hours** she runs in spring.",
     {"linkedin_url": "https://linkedin.example/in/nadiahaddad",
      "website_url": "https://nadia-haddad.example/"}, ""),
    ("Samuel Mensah", "he/him", Kind.ORGANIZER, "Program Committee",
     "Samuel reviews the documentation and community proposals, and keeps the reviewers' "
     "notes kind and specific. He also speaks this year.",
     {"bluesky_url": "https://bsky.app/profile/samuelmensah.example"}, "samuel-mensah"),
    ("Ivy Tran", "they/them", Kind.ORGANIZER, "Website Committee, Accessibility",
     "Ivy looks after this website and its accessibility checks. Their favourite bug report "
     "arrived with a screen-reader recording attached, and they would like yours to as well.",
     {"bluesky_url": "https://bsky.app/profile/ivytran.example",
      "github_url": "https://github.example/ivytran"}, ""),
    ("Marcus Oyelaran", "he/him", Kind.ORGANIZER, "Sponsorship",
     "Marcus finds the companies that pay for the coffee, the captions and the grants. He "
     "has never met a sponsor booth he could not make smaller and friendlier.",
     {"x_url": "https://x.example/marcusoyelaran"}, ""),
    ("Elena Sokolova", "she/her", Kind.ORGANIZER, "Code of Conduct team",
     "Elena leads the conduct team and trains every volunteer before the doors open. Find "
     "her at the information desk, or write to the conduct address any time of day.",
     {}, ""),
    ("Theo Brandt", "he/him", Kind.VOLUNTEER, "Registration desk",
     "Theo hands out badges on the first morning and knows where every room is by lunch.",
     {}, ""),
    ("Amani Njoroge", "she/her", Kind.VOLUNTEER, "Session chair",
     "Amani keeps the Dogwood Room on time, with a gentle five-minute card.",
     {"github_url": "https://github.example/amanin"}, ""),
    ("Jun Park", "he/him", Kind.VOLUNTEER, "Video and captions",
     "Jun checks every recording before it goes online, captions included.",
     {}, ""),
]  # fmt: skip

# name, category, address, distance, text (markdown), website
PLACES = [
    ("Millrace Noodle House", Category.FOOD, "214 Millrace Street", "6 minutes' walk",
     "Hand-pulled noodles and a mushroom broth that is nobody's afterthought. The long "
     "tables at the back seat a whole sprint team.", "https://millrace-noodles.example/"),
    ("Cinder & Sage", Category.FOOD, "38 Foundry Lane", "10 minutes' walk",
     "Slow-smoked barbecue, with smoked squash for the vegetarians. Book ahead for groups "
     "of more than six on the Tuesday evening.", "https://cinder-and-sage.example/"),
    ("Little Lantern Tacos", Category.FOOD, "By the river gate of the convention center",
     "At the door",
     "A taco truck parked by the river gate at lunchtime on all three days. Cash and cards; "
     "the queue moves faster than it looks.", ""),
    ("Half Past Espresso", Category.COFFEE, "9 Riverside Avenue", "2 minutes' walk",
     "Opens at half past six, the earliest flat white near the venue. The window seats have "
     "power sockets.", "https://halfpast.example/"),
    ("Kettle & Key", Category.COFFEE, "71 Weaver Street", "7 minutes' walk",
     "A tea room that also pours good filter coffee, with a quiet upstairs room for "
     "anyone who needs a break from the crowd.", "https://kettle-and-key.example/"),
    ("Riverside Grand Hotel", Category.HOTEL, "102 Riverside Avenue", "Next door",
     "The conference hotel. The group rate holds until four weeks before the first day; "
     "ask for a room on the river side, away from the freight line.",
     "https://hotel.example.org/group-rate/"),
    ("The Foundry Inn", Category.HOTEL, "5 Foundry Lane", "12 minutes' walk",
     "A smaller hotel in a converted iron foundry: quieter, a little cheaper, and with a "
     "breakfast worth getting up for.", "https://foundry-inn.example/"),
    ("Old Weir Footbridge", Category.SIGHTS, "Riverside Path, below the weir",
     "8 minutes' walk",
     "Cross it at sunset: herons fish below the weir most evenings, and the path on the far "
     "bank loops back to the venue in half an hour.", ""),
    ("Cotton Mill Gallery", Category.SIGHTS, "400 Mill Street", "15 minutes' walk",
     "Local printmakers and a changing exhibition upstairs. Free entry; closed on Mondays.",
     "https://cotton-mill-gallery.example/"),
    ("Riverside Pharmacy", Category.OTHER, "27 Riverside Avenue", "4 minutes' walk",
     "Open until ten every evening, for plasters, cough drops and the earplugs you forgot "
     "to pack.", ""),
]  # fmt: skip


SKIN_TONES = [(92, 58, 33), (141, 85, 36), (198, 134, 66), (224, 172, 105), (241, 194, 125)]


def colour(name, offset=0, low=60, span=140):
    digest = hashlib.sha256(name.encode()).digest()
    return tuple(low + digest[offset + i] % span for i in range(3))


def png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer


def avatar(name):
    """A head-and-shoulders figure on a two-tone background, its colours from the name."""
    image = PillowImage.new("RGB", (400, 400), colour(name, 0))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 260, 400, 400), fill=colour(name, 3, 30, 90))
    draw.ellipse((70, 250, 330, 520), fill=colour(name, 6, 20, 120))  # shoulders
    skin = SKIN_TONES[hashlib.sha256(name.encode()).digest()[9] % len(SKIN_TONES)]
    draw.ellipse((135, 95, 265, 245), fill=skin)  # head
    draw.chord((125, 80, 275, 210), 180, 360, fill=colour(name, 12, 10, 80))  # hair
    return png(image)


def scene(name, category):
    """A small drawing of the kind of place: a cup, a bowl, a building, a bridge or a pin."""
    sky, ink, light = colour(name, 0, 120, 120), colour(name, 3, 20, 80), (250, 246, 236)
    image = PillowImage.new("RGB", (960, 640), sky)
    draw = ImageDraw.Draw(image)
    if category == Category.COFFEE:
        draw.rounded_rectangle((330, 260, 590, 500), radius=40, fill=light)
        draw.ellipse((560, 310, 680, 440), outline=light, width=28)
        for x in (390, 460, 530):
            draw.arc((x - 30, 120, x + 30, 250), 90, 270, fill=light, width=10)
    elif category == Category.FOOD:
        draw.chord((250, 200, 710, 560), 0, 180, fill=light)
        draw.line((420, 120, 560, 330), fill=ink, width=14)
        draw.line((480, 110, 600, 330), fill=ink, width=14)
    elif category == Category.HOTEL:
        draw.rectangle((300, 140, 660, 600), fill=ink)
        for row in range(5):
            for column in range(4):
                x, y = 330 + column * 82, 170 + row * 80
                draw.rectangle((x, y, x + 46, y + 46), fill=light)
    elif category == Category.SIGHTS:
        draw.rectangle((0, 440, 960, 640), fill=colour(name, 6, 30, 100))
        draw.arc((160, 260, 800, 760), 180, 360, fill=ink, width=30)
        draw.ellipse((720, 70, 850, 200), fill=light)
    else:
        draw.ellipse((380, 150, 580, 350), fill=ink)
        draw.polygon([(400, 300), (560, 300), (480, 500)], fill=ink)
        draw.ellipse((440, 210, 520, 290), fill=light)
    return png(image)


def build_image(title, description, file_name, drawing):
    return get_image_model().objects.create(
        title=title, description=description, file=ImageFile(drawing, name=file_name)
    )


def page_of(home, model, **fields):
    """The edition's page of this type, created and published when it has none."""
    existing = model.objects.child_of(home).first()
    if existing:
        return existing, False
    page = model(**fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def build_team(home):
    site = home.get_site()
    presenters = {page.slug: page for page in PresenterPage.objects.descendant_of(home)}
    for order, (name, pronouns, kind, roles, bio, links, speaker) in enumerate(TEAM):
        slug = slugify(name)
        if Organizer.objects.for_site(site).filter(slug=slug).exists():
            continue
        Organizer.objects.create(
            site=site,
            name=name,
            slug=slug,
            kind=kind,
            roles=roles,
            pronouns=pronouns,
            bio=bio,
            photo=build_image(f"{name}, drawn portrait", "", f"team-{slug}.png", avatar(name)),
            presenter=presenters.get(speaker),
            sort_order=order,
            **links,
        )
    return page_of(
        home,
        TeamPage,
        title="Team",
        slug="team",
        intro="The volunteers who plan the conference all year and run it on the day. Say "
        "hello: we are the ones with the green lanyards.",
    )


def build_guide(home):
    site = home.get_site()
    for order, (name, category, address, distance, text, website) in enumerate(PLACES):
        slug = slugify(name)
        if Place.objects.for_site(site).filter(slug=slug).exists():
            continue
        Place.objects.create(
            site=site,
            name=name,
            slug=slug,
            category=category,
            address=f"{address}\nDurham, NC",
            distance=distance,
            map_link=f"https://maps.example.org/?q={slug}",
            website=website,
            text=text,
            photo=build_image(f"{name}, drawing", "", f"place-{slug}.png", scene(name, category)),
            sort_order=order,
        )
    return page_of(
        home,
        LocalGuidePage,
        title="Local guide",
        slug="local-guide",
        intro="Where to eat, drink coffee, sleep and wander near the convention center, "
        "picked by the team.",
    )


def build_people(home):
    """The team and the local guide of the demo edition, and their pages (/team/ and
    /local-guide/, which the default navigation links in the footer)."""
    team, _ = build_team(home)
    guide, _ = build_guide(home)
    return team, guide
