"""A new edition's header and footer links, copied from the edition it starts from.

A link to a page of the source's tree leads to the page at the same path in the new tree (its
copy, or the new edition's own schedule, presenters or news page); a link to a page the new
tree lacks (a talk, a post) is dropped; an address stays as written; a link to another
edition's page stays as it is (that page is still there)."""

from dataclasses import dataclass

from wagtail.models import Page, Site

from home.models import NavigationSettings

# The NavigationSettings fields, and what an editor calls each.
PLACES = {"primary_links": "header", "footer_links": "footer"}


@dataclass(frozen=True)
class CopiedLink:
    place: str  # "header" or "footer"
    label: str
    target: str  # where it leads in the new edition, or where it led when dropped
    dropped: bool = False

    def report_line(self):
        if self.dropped:
            return f'dropped   {self.place} "{self.label}": {self.target} is not in the new edition'
        return f'link      {self.place} "{self.label}" -> {self.target}'


def relative_path(url_path, root_path):
    """A page's path below its edition's root, as a visitor sees it ("/schedule/")."""
    return "/" + url_path[len(root_path) :]


def remap_links(raw_items, place, source_root, page_paths, new_pages):
    """The stream items of one navigation field for the new edition, and what became of each.

    `page_paths` maps the linked pages' ids to their url_path (missing: the page is gone),
    `new_pages` maps the new tree's paths ("/", "/schedule/") to page ids."""
    items, copied = [], []
    for item in raw_items:
        value = dict(item["value"])
        label = value.get("label", "")
        page_id = value.get("page")
        if page_id:
            url_path = page_paths.get(int(page_id))
            if url_path is None:
                copied.append(CopiedLink(place, label, "its page (deleted)", dropped=True))
                continue
            if url_path.startswith(source_root.url_path):
                path = relative_path(url_path, source_root.url_path)
                if path not in new_pages:
                    copied.append(CopiedLink(place, label, path, dropped=True))
                    continue
                value["page"] = new_pages[path]
                copied.append(CopiedLink(place, label, path))
            else:
                copied.append(CopiedLink(place, label, f"{url_path} (another edition's page)"))
        else:
            copied.append(CopiedLink(place, label, value.get("url", "")))
        # No block id: the new stream's blocks get their own.
        items.append({"type": item["type"], "value": value})
    return items, copied


def copy_navigation(source: Site, site: Site) -> list[CopiedLink]:
    """Give `site` the header and footer links of `source`, remapped to its own pages. Four
    queries and a save, however many links (the pages are looked up all at once)."""
    navigation = NavigationSettings.objects.filter(site=source).first()
    if navigation is None:
        return []
    raw = {name: list(getattr(navigation, name).raw_data) for name in PLACES}
    linked = {
        int(item["value"]["page"])
        for items in raw.values()
        for item in items
        if item["value"].get("page")
    }
    page_paths = dict(Page.objects.filter(pk__in=linked).values_list("pk", "url_path"))
    new_root = site.root_page
    new_pages = {
        relative_path(url_path, new_root.url_path): pk
        for pk, url_path in Page.objects.descendant_of(new_root, inclusive=True).values_list(
            "pk", "url_path"
        )
    }
    copy = NavigationSettings(site=site)
    report = []
    for name, place in PLACES.items():
        items, copied = remap_links(raw[name], place, source.root_page, page_paths, new_pages)
        setattr(copy, name, items)
        report.extend(copied)
    copy.save()
    return report


# A new edition's links when it copies no other's: its sections in the order visitors look
# for them, by slug; the pages it lacks are left out.
DEFAULT_LINKS = {
    "primary_links": ("schedule", "presenters", "news", "sponsors", "venue"),
    "footer_links": ("code-of-conduct", "team", "local-guide"),
}


def default_navigation(site: Site) -> list[CopiedLink]:
    """Give `site` links to its own sections (DEFAULT_LINKS) unless it has links already."""
    navigation = NavigationSettings.for_site(site)
    if navigation.primary_links or navigation.footer_links:
        return []
    children = {page.slug: page for page in Page.objects.child_of(site.root_page).live()}
    report = []
    for name, place in PLACES.items():
        items = []
        for slug in DEFAULT_LINKS[name]:
            page = children.get(slug)
            if page is not None:
                items.append(("link", {"label": page.title, "page": page, "url": ""}))
                report.append(CopiedLink(place, page.title, f"/{slug}/"))
        setattr(navigation, name, items)
    navigation.save()
    return report
