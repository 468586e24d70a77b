"""One rule in one place (issue 16, program/blog/social/search): schedule rules obeyed by
the models whoever saves them, one visibility rule in every listing, and a layout without
circles or hidden function-level imports between the content apps."""

import ast
import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from program.models import ProgramPage, ScheduleItem, TalkPage
from tests.factories.editions import ny

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def program(home_page):
    page = ProgramPage(title="Schedule", slug="schedule")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_talk(program, **fields):
    values = {"title": "A talk", "slug": "a-talk", "start": ny(20, 10), "end": ny(20, 10, 45)}
    values.update(fields)
    talk = TalkPage(**values)
    program.add_child(instance=talk)
    return talk


# -- schedule rules: scripts and the importer obey them as the admin does ------------------


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["calendar", "json", "rss", "atom", "category", "xml"])
def test_a_script_cannot_give_a_talk_a_route_slug(program, slug):
    with pytest.raises(ValidationError) as error:
        add_talk(program, slug=slug)
    assert error.value.message_dict["slug"] == [
        "This address is used by the schedule; choose another slug."
    ]
    assert not TalkPage.objects.filter(slug=slug).exists()


@pytest.mark.django_db
def test_a_script_cannot_put_a_talk_outside_the_edition(program):
    with pytest.raises(ValidationError) as error:
        add_talk(program, start=ny(25, 10), end=ny(25, 11))
    assert set(error.value.message_dict) == {"start", "end"}
    assert "outside the edition's dates" in error.value.message_dict["start"][0]


@pytest.mark.django_db
def test_a_script_cannot_end_a_talk_before_it_starts(program):
    with pytest.raises(ValidationError) as error:
        add_talk(program, start=ny(20, 11), end=ny(20, 10))
    assert error.value.message_dict["end"] == ["The talk must end after it starts."]


@pytest.mark.django_db
def test_a_talk_inside_the_edition_is_saved(program):
    # Late evening in New York is the next day in UTC, still inside the edition.
    talk = add_talk(program, start=ny(22, 22, 30), end=ny(22, 23))
    assert TalkPage.objects.get(pk=talk.pk).start == ny(22, 22, 30)


@pytest.mark.django_db
def test_a_schedule_item_outside_the_edition_fails_its_model_validation(program):
    item = ScheduleItem(page=program, kind="meal", title="Lunch", start=ny(25, 12), end=ny(25, 13))
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "outside the edition's dates" in error.value.message_dict["start"][0]
    inside = ScheduleItem(
        page=program, kind="meal", title="Lunch", start=ny(20, 12), end=ny(20, 13)
    )
    inside.full_clean()


# -- one visibility rule -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_home_page_lists_no_news_of_an_expired_index(client, news_index, make_post):
    make_post("Tickets on sale")
    assert "Tickets on sale" in client.get("/").content.decode()
    # Past its expiry time but not yet unpublished by the scheduler: gone for visitors.
    news_index.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    news_index.save(update_fields=["expire_at"])
    assert client.get("/news/").status_code == 404
    assert "Tickets on sale" not in client.get("/").content.decode()


# -- the layout: no circles hidden behind function-level imports ---------------------------

CONTENT_MODULES = [
    *sorted((ROOT / "program").glob("*.py")),
    *sorted((ROOT / "blog").glob("*.py")),
    *sorted((ROOT / "program" / "templatetags").glob("*.py")),
    *sorted((ROOT / "blog" / "templatetags").glob("*.py")),
    ROOT / "search" / "views.py",
    ROOT / "search" / "text.py",
    ROOT / "home" / "visibility.py",
]


def imports_in_functions(path):
    """(function, line, module) of every import inside a function, but AppConfig.ready(),
    where Django's app loading requires them."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name != "ready":
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    module = getattr(inner, "module", None) or inner.names[0].name
                    found.append((node.name, inner.lineno, module))
    return found


def top_level_imports(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", CONTENT_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_function_level_imports(path):
    assert imports_in_functions(path) == []


def test_program_and_blog_never_import_each_other():
    for app, other in (("program", "blog"), ("blog", "program")):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            imported = top_level_imports(path) | {m for _f, _l, m in imports_in_functions(path)}
            assert not {name for name in imported if name.split(".")[0] == other}, path


def test_models_import_no_view_and_the_route_modules_no_model():
    """The routes' modules (exports, schedule page, feeds) take the pages they are given,
    so the models import them and never the reverse."""
    for path in ("program/exports.py", "program/schedule_page.py", "program/schedule_data.py"):
        assert "program.models" not in top_level_imports(ROOT / path)
        assert "from .models" not in (ROOT / path).read_text(), path
    assert "from .models" not in (ROOT / "blog" / "feeds.py").read_text()
    assert "from .views" not in (ROOT / "program" / "models.py").read_text()
