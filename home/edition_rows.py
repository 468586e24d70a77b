"""The data migrations that gave rooms, tracks and news categories, once shared by every
edition, each to one edition (`EditionOwned`). program's and blog's migrations call these with
their historical models (`apps`), so nothing here imports a model of the project."""

from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Use:
    """Where pages name a row: `field` of `model`, a page type, or of an inline row of one
    when `page` names the inline's link to its page. A page's revisions hold the same value
    under `field`, at the top of their content or in the `inline` list of it."""

    model: str
    field: str
    page: str = ""
    inline: str = ""


def site_finder(apps):
    """A function from a page's tree path to the pk of its Site (the Site whose root page is
    the nearest ancestor or the page itself, the default first between equals), and the pk of
    the default Site (or of any, or None when there is none)."""
    Site = apps.get_model("wagtailcore", "Site")
    sites = list(
        Site.objects.order_by(
            "-root_page__depth", "-is_default_site", "hostname", "pk"
        ).values_list("pk", "root_page__path", "is_default_site")
    )

    def site_of(path):
        return next((pk for pk, root, _default in sites if path.startswith(root)), None)

    default = next((pk for pk, _root, is_default in sites if is_default), None)
    return site_of, default if default is not None else (sites[0][0] if sites else None)


class Pages:
    """The pages of the `uses`: each page's Site and latest revision, and the rows it names in
    its own fields (or its inline rows') and in its latest revision."""

    def __init__(self, apps, uses):
        self.apps, self.uses = apps, uses
        self.Revision = apps.get_model("wagtailcore", "Revision")
        site_of, self.default_site = site_finder(apps)
        self.site = {}  # page pk -> Site pk (None outside every site)
        self.revision = {}  # page pk -> latest revision pk
        self.named = defaultdict(set)  # row pk -> pks of the pages that name it
        for use in uses:
            model = apps.get_model(use.model)
            page_model = model._meta.get_field(use.page).related_model if use.page else model
            for pk, path, revision in page_model.objects.values_list(
                "pk", "path", "latest_revision"
            ):
                self.site[pk] = site_of(path)
                if revision is not None:
                    self.revision[pk] = revision
            link = f"{use.page}_id" if use.page else "pk"
            rows = model.objects.filter(**{f"{use.field}__isnull": False})
            for page, row in rows.values_list(link, f"{use.field}_id"):
                self.named[row].add(page)
        revisions = self.Revision.objects.filter(pk__in=self.revision.values())
        page_of = {revision: page for page, revision in self.revision.items()}
        for revision, content in revisions.values_list("pk", "content"):
            for row in self.rows_in(content):
                self.named[row].add(page_of[revision])

    def rows_in(self, content):
        for use in self.uses:
            values = (
                [item.get(use.field) for item in content.get(use.inline) or []]
                if use.inline
                else [content.get(use.field)]
            )
            yield from (value for value in values if isinstance(value, int))

    def sites_naming(self, row):
        """{Site pk: page pks} of the pages in a site that name the row."""
        found = defaultdict(set)
        for page in self.named.get(row, ()):
            if self.site.get(page) is not None:
                found[self.site[page]].add(page)
        return found

    def repoint(self, old, new, pages):
        """The pages (and their inline rows and latest revisions) that name row `old` name
        `new` instead (None: nothing)."""
        pages = list(pages)
        for use in self.uses:
            model = self.apps.get_model(use.model)
            link = f"{use.page}_id__in" if use.page else "pk__in"
            model.objects.filter(**{link: pages, use.field: old}).update(**{use.field: new})
        revisions = [self.revision[page] for page in pages if page in self.revision]
        for revision in self.Revision.objects.filter(pk__in=revisions):
            if self.replace(revision.content, old, new):
                revision.save(update_fields=["content"])
        for page in pages:
            self.named[old].discard(page)
            if new is not None:
                self.named[new].add(page)

    def replace(self, content, old, new):
        changed = False
        for use in self.uses:
            holders = (content.get(use.inline) or []) if use.inline else [content]
            for holder in holders:
                if holder.get(use.field) == old:
                    holder[use.field] = new
                    changed = True
        return changed


def delete_rows(schema_editor, Row, pks):
    """Delete rows no page names any more, in SQL: Django's delete() of a historical model
    can trip over the relations of another rendering of the migration state."""
    if not pks:
        return
    table = schema_editor.quote_name(Row._meta.db_table)
    marks = ", ".join(["%s"] * len(pks))
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id IN ({marks})", list(pks))  # noqa: S608


def give_rows_to_editions(apps, schema_editor, row_model, uses):
    """Each row goes to the edition whose pages name it (the one naming it most); a row named
    in several editions is copied for each of the others, and their pages name the copy. A
    row no page names goes to the default Site, or is deleted when there is no Site."""
    Row = apps.get_model(row_model)
    pages = Pages(apps, uses)
    copied = [
        field.attname
        for field in Row._meta.concrete_fields
        if not field.primary_key and field.name != "site"
    ]
    unused = []
    for row in Row.objects.order_by("pk"):
        # The edition naming it most keeps it; between equals, the default Site, then the oldest.
        sites = sorted(
            pages.sites_naming(row.pk).items(),
            key=lambda item: (-len(item[1]), item[0] != pages.default_site, item[0]),
        )
        if not sites:
            if pages.default_site is None:
                # Named only by pages outside every site, if at all: they name nothing now.
                pages.repoint(row.pk, None, set(pages.named.get(row.pk, ())))
                unused.append(row.pk)
                continue
            sites = [(pages.default_site, set())]
        row.site_id = sites[0][0]
        row.save(update_fields=["site"])
        for site, named_by in sites[1:]:
            copy = Row.objects.create(**{name: getattr(row, name) for name in copied}, site_id=site)
            pages.repoint(row.pk, copy.pk, named_by)
    delete_rows(schema_editor, Row, unused)


def share_rows_again(apps, schema_editor, row_model, uses, unique=("slug", "name")):
    """The way back: rows of the same slug (or name) become one again, the lowest pk, named
    by every page that named any of them, so the former unique columns hold."""
    Row = apps.get_model(row_model)
    pages = Pages(apps, uses)
    for field in unique:
        kept, merged = {}, []
        for row in Row.objects.order_by("pk"):
            value = getattr(row, field)
            if value not in kept:
                kept[value] = row.pk
                continue
            pages.repoint(row.pk, kept[value], set(pages.named.get(row.pk, ())))
            merged.append(row.pk)
        delete_rows(schema_editor, Row, merged)
