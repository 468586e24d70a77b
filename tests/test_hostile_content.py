"""Hostile content (security issue 14, findings 3, 4 and 11): text that made a regex or
python-markdown take quadratic time, symbolic links out of the import folder, and YAML
"billion laughs".

No test asserts a time. The slow inputs run in a child process under a CPU limit
(RLIMIT_CPU): the former patterns were killed by SIGXCPU, the linear ones finish far within
it. That is a bound on the work, not a measurement of speed."""

import io
import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model

from blog.models import AnnouncementPage
from home.blocks import OWN_BACK_TO_TOP, MarkdownBlock
from importer import markdown as import_markdown
from importer.errors import ImportProblem
from importer.sources import MAX_YAML_ALIASES, load_documents
from search import text as search_text
from text.markdown import (
    MAX_MARKDOWN_CHARS,
    MAX_NESTING,
    markdown_problem,
    noopener,
    pelican_footnotes,
)

BASE_DIR = Path(__file__).resolve().parent.parent
CPU_SECONDS = 5
BIG = MAX_MARKDOWN_CHARS  # the largest markdown block that may reach the renderer


# -- Patterns: linear on hostile text, unchanged on ordinary text ---------------------------

# Each runs on about 100 KB of the text that made its former pattern quadratic.
HOSTILE_CALLS = {
    "back to top, [! runs": "OWN_BACK_TO_TOP.search('[!' * (BIG // 2))",
    "back to top, [ runs": "OWN_BACK_TO_TOP.search('[' * BIG)",
    "back to top, href runs": "OWN_BACK_TO_TOP.search('href=\"#\"' * (BIG // 8))",
    "pelican [ref] unclosed": "pelican_footnotes('[ref]' * (BIG // 5))",
    "target=_blank in <a runs": "noopener('<a target=\"_blank\" ' * (BIG // 20))",
    "heading with trailing spaces": "import_markdown.split_blocks('# a' + ' ' * BIG + 'b')",
    "heading with trailing #s": "import_markdown.split_blocks('# a' + ' #' * (BIG // 2) + 'b')",
    "image credit": "import_markdown.split_blocks('(credit: ' * (BIG // 9) + '\\n![a](b.jpg)')",
    "excerpt links": "import_markdown.plain_text('[[' * (BIG // 2))",
    "excerpt comments": "import_markdown.plain_text('<!--' * (BIG // 4))",
    "search links": "search_text.MARKDOWN_LINK.sub('', '[![!' * (BIG // 4))",
    "10,000 nested brackets": "render_markdown('[' * 10_000)",
    "[! runs through markdown": "render_markdown('[!' * 10_000)",
}

CHILD = """
import os, resource, sys
import django
django.setup()
from home.blocks import OWN_BACK_TO_TOP
from text.markdown import *
from importer import markdown as import_markdown
from search import text as search_text
BIG = {big}
used = resource.getrusage(resource.RUSAGE_SELF)
limit = int(used.ru_utime + used.ru_stime) + {seconds}
resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 1))
{call}
print("finished")
"""


@pytest.mark.parametrize("call", HOSTILE_CALLS.values(), ids=HOSTILE_CALLS.keys())
def test_hostile_text_finishes_within_a_cpu_limit(call):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "site_config.settings.test"}
    code = CHILD.format(big=BIG, seconds=CPU_SECONDS, call=call)
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 0, f"{call}: exit {child.returncode} (-24 is SIGXCPU)"
    assert child.stdout.strip() == "finished"


FORMER_BACK_TO_TOP = re.compile(
    r"\[[\W_]*back to top[\W_]*\]\(#|href=\"#[^\"]*\"[^>]*>[\W_]*back to top", re.IGNORECASE
)
ORDINARY_BODIES = [
    "[Back to top](#top)",
    "Text. [**Back to top**](#contents) more",
    "[↑ back to top ↑](#top)",
    "[_Back to Top_](#main)",
    '<p><a href="#top">Back to top</a></p>',
    '<a href="#contents" class="up">↑ <b>Back to top</b></a>',
    "[Back to top](/elsewhere/)",
    "Go back to top of the hill, [see](#map).",
    "[back to topics](#top)",
    '<a href="/x/">Back to top</a>',
    "",
]


@pytest.mark.parametrize("body", ORDINARY_BODIES)
def test_back_to_top_pattern_finds_what_it_found_before(body):
    assert bool(OWN_BACK_TO_TOP.search(body)) == bool(FORMER_BACK_TO_TOP.search(body))


FORMER_PELICAN_REF = re.compile(r"\[ref\](.+?)\[/ref\]", re.DOTALL)
FORMER_BLANK_TARGET_LINK = re.compile(r'<a ([^>]*\btarget="_blank"[^>]*)>')


@pytest.mark.parametrize(
    "text",
    [
        "A claim[ref]A source[/ref] and another[ref] Two\nlines [/ref].",
        "[ref][/ref] [/ref] and [ref]unclosed",
        "No notes at all.",
    ],
)
def test_pelican_notes_are_read_as_before(text):
    notes = []

    def replace(match):
        notes.append(match.group(1).strip())
        return f"[^ref-{len(notes)}]"

    expected = FORMER_PELICAN_REF.sub(replace, text)
    if notes:
        expected += "\n\n" + "\n".join(f"[^ref-{n}]: {note}" for n, note in enumerate(notes, 1))
    assert pelican_footnotes(text) == expected


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="https://x.org/" target="_blank">x</a> and <a href="/y/">y</a></p>',
        '<a target="_blank" href="/a/">a</a><a title="t" target="_blank">b</a>',
        "<abbr>no link</abbr> <a href='/q/'>q</a>",
    ],
)
def test_blank_target_links_get_rel_as_before(html):
    assert noopener(html) == FORMER_BLANK_TARGET_LINK.sub(r'<a \1 rel="noopener noreferrer">', html)


FORMER_ATX_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
FORMER_CREDIT = re.compile(r"\s*\((?:photo\s+)?credit:\s*(?P<credit>.+)\)\s*$", re.IGNORECASE)
FORMER_SYNTAX = re.compile(r"[*_`>#]|!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)")
FORMER_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
FORMER_SEARCH_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


@pytest.mark.parametrize(
    "line", ["# Title", "## Monday talks ##", "### C#", "#\tTabbed   ", "#### Day 2: talks #  "]
)
def test_headings_are_read_as_before(line):
    former = FORMER_ATX_HEADING.match(line)
    [block] = import_markdown.split_blocks(line)
    assert (block.text, block.level) == (former.group(2), len(former.group(1)))


@pytest.mark.parametrize(
    "caption",
    [
        "The opening keynote (photo credit: Jane Doe)",
        "Hallway (Credit: the volunteers)  ",
        "Lunch (credit: A (B) C)",
        "No credit here",
        "(credit: only)",
    ],
)
def test_image_credits_are_read_as_before(caption):
    former = FORMER_CREDIT.search(caption)
    expected = (
        (caption[: former.start()].strip(), former.group("credit").strip())
        if former
        else (caption, "")
    )
    assert import_markdown.split_credit(caption) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Read the [schedule](/schedule/) and ![a photo](p.jpg) *now* <!-- note -->.",
        "`code` > quote # heading [a [b] c](x) <!-- one --> and <!-- two",
        "[Foo](https://en.wikipedia.org/wiki/Foo_(bar)) then [x]",
    ],
)
def test_excerpt_and_search_text_are_as_before(text):
    expected = FORMER_SYNTAX.sub(lambda m: m.group(1) or "", FORMER_COMMENT.sub("", text))
    expected = " ".join(expected.split())
    assert import_markdown.plain_text(text) == expected
    assert search_text.MARKDOWN_LINK.sub(r"\1", text) == FORMER_SEARCH_LINK.sub(r"\1", text)


# -- What reaches python-markdown ---------------------------------------------------------

ORDINARY_MARKDOWN = """## Monday

The [schedule](/schedule/) is out (see [the talks](/talks/ "Talks")). *Thanks*, everyone!

> A quote
> > nested once

```python
matrix = [[[[[[[[[[[[0]]]]]]]]]]]]  # code is never parsed as markup: no limit here
print(a < b, c<d)
```

<img
  src="/media/x.jpg" alt="a tag over two lines">
"""


def test_ordinary_markdown_is_accepted():
    assert markdown_problem(ORDINARY_MARKDOWN) is None
    assert MarkdownBlock().clean(ORDINARY_MARKDOWN) == ORDINARY_MARKDOWN.strip()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 10_000, f"Line 1: more than {MAX_NESTING} “[” left open in one paragraph"),
        ("Intro\n\n" + "[!" * 10_000, f"Line 3: more than {MAX_NESTING} “[” left open"),
        ("a\n" + "(" * 20, f"Line 2: more than {MAX_NESTING} “(” left open in one paragraph"),
        (
            "x\n\n" + "> " * 50 + "deep",
            f"Line 3: quotes (>) are nested 50 deep; at most {MAX_NESTING}",
        ),
        ("<a " * 2000, "Line 1: more than 32 “<” that start an HTML tag"),
        ("x" * (BIG + 1), "The text is 100,001 characters long; at most 100,000"),
    ],
)
def test_the_markdown_block_refuses_what_python_markdown_is_slow_on(text, message):
    with pytest.raises(ValidationError) as error:
        MarkdownBlock().clean(text)
    assert error.value.messages[0].startswith(message), error.value.messages


def test_escaped_brackets_are_text_and_never_counted():
    text = "Arrays: " + "\\[" * 50
    assert markdown_problem(text) is None
    assert markdown_problem("[" * MAX_NESTING + "\n\n" + "[" * MAX_NESTING) is None


class TextOf(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_stored_text_over_the_bounds_renders_as_plain_text():
    """Text that skipped the form (a script, an older revision) is shown, escaped, unparsed."""
    from text.markdown import render_markdown

    parser = TextOf()
    parser.feed(str(render_markdown("[" * 10_000 + " <b>bold?</b>\n\nNext")))
    assert parser.tags == ["p", "p"]
    assert "".join(parser.text) == "[" * 10_000 + " <b>bold?</b>Next"


# -- The importer ------------------------------------------------------------------------


def run_import(*paths):
    out = io.StringIO()
    call_command("import_content", *map(str, paths), stdout=out)
    return out.getvalue()


def post(title, body="Body.\n"):
    return f"---\nlayout: post\ntitle: {title}\n---\n{body}"


@pytest.mark.django_db
def test_the_importer_refuses_markdown_over_the_bounds_with_path_line_field(
    home_page, news_index, tmp_path
):
    (tmp_path / "2027-05-01-brackets.md").write_text(
        post("Brackets", "First paragraph.\n\nSecond:\n" + "[" * 10_000 + "\n")
    )
    with pytest.raises(CommandError) as error:
        run_import(tmp_path)
    message = str(error.value)
    assert re.search(
        rf"2027-05-01-brackets\.md:8: body: more than {MAX_NESTING} “\[” left open", message
    )
    assert not AnnouncementPage.objects.filter(title="Brackets").exists()


@pytest.mark.django_db
def test_the_importer_refuses_a_block_larger_than_the_site_renders(home_page, news_index, tmp_path):
    paragraph = "Words of a long recap without a single heading. " * 20 + "\n\n"
    body = "Intro\n\n" + paragraph * (BIG // len(paragraph) + 1)
    (tmp_path / "2027-05-02-long.md").write_text(post("Long", body))
    with pytest.raises(CommandError, match=r"long\.md:5: body: [\d,]+ characters without a"):
        run_import(tmp_path)


# -- Symbolic links out of the import folder ----------------------------------------------


@pytest.fixture
def outside(tmp_path):
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / ".env").write_text("SECRET_KEY=not-for-the-web\n")
    (folder / "settings.yml").write_text("ticket_link: https://evil.example/\n")
    (folder / "schedule.json").write_text('{"schedule": {"version": "x"}}')
    return folder


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("_posts/2027-06-01-leak.md", ".env"),
        ("_config.yml", "settings.yml"),
        ("_data/rooms.yml", "settings.yml"),
        ("schedule.json", "schedule.json"),
    ],
)
def test_a_symlink_out_of_the_folder_is_refused(
    home_page, news_index, tmp_path, outside, link, target
):
    source = tmp_path / "import"
    (source / "_posts").mkdir(parents=True)
    (source / "_posts" / "2027-06-02-fine.md").write_text(post("Fine"))
    (source / link).parent.mkdir(parents=True, exist_ok=True)
    (source / link).symlink_to(outside / target)
    with pytest.raises(CommandError) as error:
        run_import(source)
    message = str(error.value)
    assert str(source / link) in message
    assert "symbolic link" in message and str((outside / target).resolve()) in message
    assert not AnnouncementPage.objects.exists()
    assert all("not-for-the-web" not in str(page.body) for page in AnnouncementPage.objects.all())


@pytest.mark.django_db
def test_a_symlink_inside_the_folder_is_imported(home_page, news_index, tmp_path):
    (tmp_path / ".drafts").mkdir()  # hidden: only read through the link
    (tmp_path / ".drafts" / "real.txt").write_text(post("Linked inside"))
    (tmp_path / "2027-06-03-linked.md").symlink_to(tmp_path / ".drafts" / "real.txt")
    run_import(tmp_path)
    assert AnnouncementPage.objects.filter(title="Linked inside").exists()


@pytest.mark.django_db
def test_an_image_symlinked_out_of_the_folder_is_refused(
    home_page, news_index, tmp_path, outside, photo_jpeg
):
    (outside / "private.jpg").write_bytes(photo_jpeg(64, 48))
    source = tmp_path / "import"
    source.mkdir()
    (source / "photo.jpg").symlink_to(outside / "private.jpg")
    (source / "2027-06-04-photo.md").write_text(post("Photo", "![A photo](photo.jpg)\n"))
    images = get_image_model().objects.count()
    with pytest.raises(CommandError) as error:
        run_import(source)
    message = str(error.value)
    assert message.startswith(f"{source / '2027-06-04-photo.md'}: image: photo.jpg is a symbolic")
    assert str((outside / "private.jpg").resolve()) in message
    assert get_image_model().objects.count() == images


# -- YAML aliases ------------------------------------------------------------------------


def billion_laughs(levels=9):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("_config.yml", billion_laughs(), 4),
        ("_data/sponsors.yml", "title: x\n" + billion_laughs(), 5),
        ("2027-07-01-laughs.md", "---\nlayout: post\ntitle: x\n" + billion_laughs() + "---\n", 7),
    ],
)
def test_yaml_billion_laughs_is_refused_at_the_alias(tmp_path, name, content, line):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    with pytest.raises(ImportProblem) as error:
        load_documents(path)
    assert str(error.value).startswith(f"{path}:{line}: invalid YAML")
    assert f"more than {MAX_YAML_ALIASES} aliases" in str(error.value)


@pytest.mark.django_db
def test_front_matter_with_too_many_aliases_stops_the_import(home_page, news_index, tmp_path):
    aliases = "\n".join(f"k{n}: *t" for n in range(MAX_YAML_ALIASES + 1))
    (tmp_path / "2027-07-02-aliases.md").write_text(
        f"---\nlayout: post\ntitle: &t Aliases\n{aliases}\n---\nBody\n"
    )
    with pytest.raises(CommandError, match=r"aliases\.md:24: invalid YAML front matter: more"):
        run_import(tmp_path)
    assert not AnnouncementPage.objects.filter(title="Aliases").exists()


def test_a_few_aliases_are_still_read(tmp_path):
    path = tmp_path / "_config.yml"
    path.write_text("base: &base {title: PyCon}\nus: *base\nother: *base\n")
    [record] = load_documents(path)
    assert record.data["us"] == {"title": "PyCon"}
