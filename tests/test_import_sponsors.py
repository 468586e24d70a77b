"""`import_content` brings the corpus's sponsors to the edition's levels and sponsors page, an
SVG logo drawn to a PNG."""

import io
import json
import shutil

import pytest
from django.core.management import CommandError
from PIL import Image

from home.models import StandardPage
from program.models import PresenterPage
from sponsors.models import Sponsor, SponsorLevel, SponsorsPage
from tests.test_import_people import CONTENT_2024, SITE_2023, counts, edition, run_import

pytestmark = pytest.mark.django_db

SPONSORS_2024 = CONTENT_2024 / "sponsors"


@pytest.fixture
def source_2024(tmp_path):
    content = tmp_path / "dcus2024" / "src" / "_content"
    shutil.copytree(SPONSORS_2024, content / "sponsors")
    (content.parent / "_data").mkdir()
    shutil.copy(CONTENT_2024.parent / "_data" / "site.json", content.parent / "_data")
    return tmp_path / "dcus2024"


@pytest.fixture
def source_2023(tmp_path):
    site = tmp_path / "dcus2023"
    shutil.copytree(SITE_2023 / "_sponsors", site / "_sponsors")
    shutil.copytree(SITE_2023 / "static" / "img" / "sponsors", site / "static/img/sponsors")
    shutil.copy(SITE_2023 / "_config.yml", site)
    return site


def hidden_files(folder):
    return {path for path in folder.glob("*.md") if "\nhidden: true" in path.read_text()}


def level_of(path):
    line = next(line for line in path.read_text().splitlines() if line.startswith("level:"))
    return line.split(":", 1)[1].strip().strip("'\"")


def png_of(image):
    with image.file.open("rb") as handle:
        return Image.open(io.BytesIO(handle.read()))


def test_the_2024_sponsors_by_level_with_svg_logos_as_png(home_page, root_page, source_2024):
    site = edition(root_page, 2024)
    run_import(source_2024, site=site.hostname)
    files = sorted(SPONSORS_2024.glob("*.md"))
    sponsors = Sponsor.objects.for_site(site)
    assert sponsors.count() == len(files)
    assert sponsors.filter(hidden=True).count() == len(hidden_files(SPONSORS_2024)) > 0
    # site.json's sponsorsOrder, the levels the files name.
    named = {level_of(path) for path in files}
    order = json.loads((CONTENT_2024.parent / "_data" / "site.json").read_text())["sponsorsOrder"]
    levels = list(SponsorLevel.objects.for_site(site).values_list("name", flat=True))
    assert levels == [level for level in order if level in named] and set(levels) == named
    assert SponsorsPage.objects.descendant_of(site.root_page).live().count() == 1

    sentry = sponsors.get(slug="sentry")
    assert (sentry.level.name, sentry.link, sentry.link_label) == (
        "Bronze",
        "https://sentry.io/for/django/",
        "sentry.io",
    )
    assert sentry.hiring and sentry.jobs_link == "https://sentry.io/careers/"
    assert sentry.description.startswith("Sentry is the application monitoring platform")
    # sentry.svg: drawn to a PNG 800 pixels wide, never stored as SVG.
    assert sentry.logo.file.name.endswith(".png")
    picture = png_of(sentry.logo)
    assert picture.format == "PNG" and picture.width == 800
    assert not any(s.logo.file.name.endswith(".svg") for s in sponsors if s.logo)


def test_the_2023_sponsors_with_site_root_logos(home_page, root_page, source_2023):
    site = edition(root_page, 2023)
    run_import(source_2023, site=site.hostname)
    files = sorted((SITE_2023 / "_sponsors").glob("*.md"))
    sponsors = Sponsor.objects.for_site(site)
    assert sponsors.count() == len(files)
    assert sponsors.filter(hidden=True).count() == len(hidden_files(SITE_2023 / "_sponsors"))
    # No order in the 2023 sources: the default, then the others alphabetically.
    assert list(SponsorLevel.objects.for_site(site).values_list("name", flat=True)) == [
        "Diamond",
        "Platinum",
        "Gold",
        "Bronze",
        "Community",
        "Coffee",
        "Opportunity Grant",
    ]
    wagtail = sponsors.get(slug="wagtail")
    assert (wagtail.logo_orientation, wagtail.link_label) == ("portrait", "wagtail.org")
    assert wagtail.logo is not None and wagtail.description.startswith("Meet Wagtail")
    dsf = sponsors.get(slug="dsf")
    assert dsf.logo.file.name.endswith(".png") and not dsf.hiring


def test_importing_sponsors_twice_changes_nothing(home_page, root_page, source_2024):
    site = edition(root_page, 2024)
    run_import(source_2024, site=site.hostname)
    before = (*counts(), Sponsor.objects.count(), SponsorLevel.objects.count())
    output, _ = run_import(source_2024, site=site.hostname)
    assert (*counts(), Sponsor.objects.count(), SponsorLevel.objects.count()) == before
    assert "create" not in output and "update " not in output


def test_a_malformed_sponsor_names_every_problem_and_writes_nothing(home_page, tmp_path):
    folder = tmp_path / "sponsors"
    folder.mkdir()
    (folder / "good.md").write_text("---\nname: Good Co\nlevel: Gold\n---\nFine.\n")
    (folder / "bad.md").write_text(
        "---\nlevel:\n  - Gold\nurl:\n  target: javascript:alert(1)\n---\nNo name.\n"
    )
    before = (*counts(), Sponsor.objects.count(), SponsorLevel.objects.count())
    with pytest.raises(CommandError) as error:
        run_import(folder)
    message = str(error.value)
    assert f"{folder}/bad.md:1: name: is missing" in message
    assert f"{folder}/bad.md:2: level: must be the name of a level" in message
    assert f"{folder}/bad.md:4: url.target: Use an http(s)" in message
    assert (*counts(), Sponsor.objects.count(), SponsorLevel.objects.count()) == before


def test_an_svg_that_cannot_be_drawn_is_reported_and_its_sponsor_kept(home_page, tmp_path):
    folder = tmp_path / "sponsors"
    folder.mkdir()
    (folder / "outside.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<image href="/etc/hostname" width="10" height="10"/></svg>'
    )
    (folder / "co.md").write_text(
        "---\nname: Co\nlevel: Gold\nlogo:\n  filename: outside.svg\n---\n"
    )
    _, warnings = run_import(folder)
    assert f"{folder}/co.md:4: logo: outside.svg: the SVG refers to something outside" in warnings
    assert Sponsor.objects.get(slug="co").logo is None


def test_a_sponsor_folder_makes_no_presenters_or_pages(home_page, source_2024):
    """Its README (SPONSORS) and data file (sponsors.json) are skipped, not imported."""
    run_import(source_2024 / "src" / "_content" / "sponsors")
    assert not PresenterPage.objects.exists()
    assert not StandardPage.objects.exists()
