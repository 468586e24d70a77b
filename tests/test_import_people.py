"""`import_content` brings the corpus's organizers and places to the edition's team and local
guide (organizers.Organizer, places.Place), not to its presenters."""

import datetime
import io
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from importer.models import ImportedItem
from organizers.models import Organizer, TeamPage
from places.models import LocalGuidePage, Place
from program.models import PresenterPage
from tests.factories.editions import make_edition

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CONTENT_2024 = CORPUS / "dcus2024" / "src" / "_content"
SITE_2023 = CORPUS / "dcus2023"


def run_import(*paths, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_content", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def corpus_files(folder):
    """The content files of a corpus folder: its markdown, not its README or templates."""
    return sorted(folder.glob("*.md"))


def hidden_in(files):
    return {path.stem for path in files if "\nhidden: true" in path.read_text()}


def edition(root_page, year):
    home = make_edition(
        root_page,
        hostname=f"{year}.example.org",
        name=f"Test Conference {year}",
        ticket_link=f"https://tickets.example.org/{year}/",
        slug=f"home-{year}",
        start=datetime.date(year, 9, 20),
        end=datetime.date(year, 9, 22),
    )
    return Site.objects.get(root_page=home)


@pytest.fixture
def source_2024(tmp_path):
    """The 2024 site's organizers and places, one presenter who also organizes, and its
    site.json, laid out as in its repository."""
    content = tmp_path / "dcus2024" / "src" / "_content"
    for name in ("organizers", "places"):
        shutil.copytree(CONTENT_2024 / name, content / name)
    (content / "presenters").mkdir()
    for path in (CONTENT_2024 / "presenters").glob("andrew-mshar.*"):
        shutil.copy(path, content / "presenters")
    (content.parent / "_data").mkdir()
    shutil.copy(CONTENT_2024.parent / "_data" / "site.json", content.parent / "_data")
    return tmp_path / "dcus2024"


@pytest.fixture
def source_2023(tmp_path):
    """The 2023 site's organizers and places with the images their site-root paths name."""
    site = tmp_path / "dcus2023"
    for name in ("_organizers", "_places"):
        shutil.copytree(SITE_2023 / name, site / name)
    for name in ("organizers", "places"):
        shutil.copytree(SITE_2023 / "static" / "img" / name, site / "static" / "img" / name)
    shutil.copy(SITE_2023 / "_config.yml", site)
    return site


def photo_url(path):
    line = next(line for line in path.read_text().splitlines() if line.startswith("photo_url:"))
    return line.split(":", 1)[1].strip().strip('"')


def counts():
    return (
        Page.objects.count(),
        Organizer.objects.count(),
        Place.objects.count(),
        ImportedItem.objects.count(),
        get_image_model().objects.count(),
    )


def test_the_2024_organizers_and_places_become_the_team_and_the_local_guide(
    home_page, root_page, source_2024
):
    site = edition(root_page, 2024)
    run_import(source_2024, site=site.hostname)
    organizers = corpus_files(CONTENT_2024 / "organizers")
    places = corpus_files(CONTENT_2024 / "places")
    assert Organizer.objects.for_site(site).count() == len(organizers)
    assert Place.objects.for_site(site).count() == len(places)
    hidden = set(
        Organizer.objects.for_site(site).filter(hidden=True).values_list("slug", flat=True)
    )
    assert hidden == hidden_in(organizers) and hidden
    # Organizers and places are rows, never presenters: the one presenter file is the only one.
    assert list(PresenterPage.objects.values_list("slug", flat=True)) == ["andrew-mshar"]
    assert TeamPage.objects.descendant_of(site.root_page).live().count() == 1
    assert LocalGuidePage.objects.descendant_of(site.root_page).live().count() == 1

    jeff = Organizer.objects.get(site=site, slug="jeff-triplett")
    assert jeff.role_list == ["DEFNA Cofounder", "Code of Conduct team"]
    assert jeff.github_url == "https://github.com/jefftriplett"
    assert jeff.x_url == "https://x.com/webology"
    assert jeff.mastodon_url == "https://mastodon.social/@webology"
    assert jeff.photo is not None and jeff.photo.width > 0
    # `Linkedin:` as one file spells it.
    doreen = Organizer.objects.get(site=site, slug="doreen-peace-nangira-wanyama")
    assert doreen.linkedin_url == "https://www.linkedin.com/in/doreennangira/"
    # The person who organizes and speaks: two entries that name each other.
    andrew = Organizer.objects.get(site=site, slug="andrew-mshar")
    assert andrew.presenter == PresenterPage.objects.get(slug="andrew-mshar")

    hotel = Place.objects.get(site=site, slug="21c")
    assert (hotel.category, hotel.address) == ("hotel", "111 Corcoran Street")
    assert hotel.distance == "2 blocks (0.1 miles) away"
    assert hotel.map_link == "https://goo.gl/maps/sHmC8kuSBycrRfek8"
    assert hotel.text.startswith("A boutique hotel")
    assert hotel.photo is not None
    assert Place.objects.get(site=site, slug="cocoa-cinnamon").category == "coffee"


def test_the_2023_organizers_and_places_with_site_root_images(home_page, root_page, source_2023):
    site = edition(root_page, 2023)
    _, warnings = run_import(source_2023, site=site.hostname)
    organizers = corpus_files(SITE_2023 / "_organizers")
    places = corpus_files(SITE_2023 / "_places")
    assert Organizer.objects.for_site(site).count() == len(organizers)
    assert Place.objects.for_site(site).count() == len(places)
    hidden = set(
        Organizer.objects.for_site(site).filter(hidden=True).values_list("slug", flat=True)
    )
    assert hidden == hidden_in(organizers)
    # 2023 keeps the networks at the top level and photos under /static/img/.
    jeff = Organizer.objects.get(site=site, slug="jeff-triplett")
    assert jeff.github_url == "https://github.com/jefftriplett"
    assert jeff.website_url == "https://jefftriplett.com/"
    assert jeff.photo is not None
    # Its places say no category: told from their words; the description is the text.
    hotel = Place.objects.get(site=site, slug="21c")
    assert hotel.category == "hotel" and hotel.text.startswith("A boutique hotel")
    assert hotel.photo is not None
    assert set(Place.objects.for_site(site).values_list("category", flat=True)) <= {
        "food",
        "coffee",
        "hotel",
        "sights",
        "other",
    }
    # Two photos the 2023 site names are not in its repository: reported with their line,
    # the organizers imported without them.
    missing = [
        path.name for path in organizers if not (SITE_2023 / photo_url(path).lstrip("/")).is_file()
    ]
    assert missing
    for name in missing:
        assert re.search(rf"_organizers/{name}:\d+: photo_url: /static/img/organizers/", warnings)
        assert Organizer.objects.get(site=site, slug=name[:-3]).photo is None
    assert len(warnings.strip().splitlines()) == len(missing)


def test_importing_organizers_and_places_twice_changes_nothing(home_page, root_page, source_2024):
    site = edition(root_page, 2024)
    run_import(source_2024, site=site.hostname)
    before = counts()
    output, _ = run_import(source_2024, site=site.hostname)
    assert counts() == before
    assert "create" not in output and "update " not in output


def test_a_changed_organizer_file_updates_its_row(home_page, root_page, source_2024):
    site = edition(root_page, 2024)
    run_import(source_2024, site=site.hostname)
    path = source_2024 / "src" / "_content" / "organizers" / "jeff-triplett.md"
    path.write_text(path.read_text().replace("name: Jeff Triplett", "name: Jeff T."))
    output, _ = run_import(source_2024, site=site.hostname)
    assert Organizer.objects.get(site=site, slug="jeff-triplett").name == "Jeff T."
    assert output.count("update    organizer") == 1


@pytest.mark.parametrize(
    ("folder", "content", "expected"),
    [
        ("organizers", "---\nrole: Chair\n---\n", "ada.md:1: name: is missing"),
        (
            "organizers",
            "---\nname: Ada\nhidden: maybe\nsocial:\n  website: javascript:alert(1)\n---\n",
            "ada.md:3: hidden: must be true or false",
        ),
        (
            "places",
            "---\nname: Ada's\ncategory: spa\nwebsite: nowhere\n---\n",
            "ada.md:3: category: 'spa' is not one of",
        ),
    ],
)
def test_a_malformed_organizer_or_place_names_the_file_line_and_field(
    home_page, tmp_path, folder, content, expected
):
    (tmp_path / folder).mkdir()
    (tmp_path / folder / "ada.md").write_text(content)
    before = counts()
    with pytest.raises(CommandError) as error:
        run_import(tmp_path / folder)
    assert expected in str(error.value)
    assert counts() == before


def test_every_problem_of_a_file_is_told_at_once(home_page, tmp_path):
    (tmp_path / "places").mkdir()
    (tmp_path / "places" / "ada.md").write_text(
        "---\nname: Ada's\ncategory: spa\nwebsite: javascript:alert(1)\n---\n"
    )
    with pytest.raises(CommandError) as error:
        run_import(tmp_path / "places")
    message = str(error.value)
    assert "ada.md:3: category:" in message
    assert "ada.md:4: website: Use an http(s)" in message
