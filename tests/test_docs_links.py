"""Every relative link and image of the README and docs/*.md points to a file that exists.

The markdown is rendered with python-markdown (the project's own dependency) and the links are
read from the HTML, so text in code spans and code blocks is never taken for a link."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
DOCUMENTS = [REPOSITORY / "README.md", *sorted((REPOSITORY / "docs").glob("*.md"))]


class LinkCollector(HTMLParser):
    """The href of every <a> and the src of every <img>, in document order."""

    def __init__(self):
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        wanted = {"a": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.targets.append(value)


def link_targets(text: str) -> list[str]:
    collector = LinkCollector()
    collector.feed(markdown.markdown(text, extensions=["tables", "fenced_code"]))
    return collector.targets


def relative_file(target: str) -> str | None:
    """The file part of a link within the repository, or None for other sites and anchors."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return unquote(parts.path)


def line_of(text: str, target: str) -> int:
    """The first line (1-based) that mentions the target, for the error message."""
    for number, line in enumerate(text.splitlines(), start=1):
        if target in line:
            return number
    return 0


def broken_links(document: Path, root: Path = REPOSITORY) -> list[str]:
    text = document.read_text(encoding="utf-8")
    problems = []
    for target in link_targets(text):
        path = relative_file(target)
        if path is not None and not (document.parent / path).exists():
            where = f"{document.relative_to(root)}:{line_of(text, target)}"
            problems.append(f"{where}: link {target!r}: no such file")
    return problems


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_relative_links_point_to_existing_files(document):
    assert broken_links(document) == []


def test_a_missing_target_is_reported_with_file_and_line(tmp_path):
    page = tmp_path / "page.md"
    (tmp_path / "there.md").write_text("# There\n")
    page.write_text(
        "# Page\n\n[fine](there.md#a-heading) [web](https://example.org/) [top](#page)\n"
        "`[in code](gone.md)`\n\n[gone](missing.md) ![picture](img/none.png)\n"
    )
    assert broken_links(page, root=tmp_path) == [
        "page.md:6: link 'missing.md': no such file",
        "page.md:6: link 'img/none.png': no such file",
    ]
