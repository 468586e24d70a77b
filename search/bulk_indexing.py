"""Deferred indexing for bulk writes (the importer).

Wagtail updates its search index and its reference index ("usage") on every save of a
tracked model: creating, revising and publishing one page indexed it three or four times,
which was most of an import's time. Inside `deferred()`, saves only note which objects
changed; on leaving, each is indexed once (the search index in bulk per model). Use it inside
the transaction of the bulk write, so that a rollback (a failed or dry-run import) discards
the index rows with everything else."""

import contextvars
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

# {model: primary keys} of the objects saved inside deferred(), to index on leaving it.
Pending = dict[type[models.Model], set]

_pending = contextvars.ContextVar("bulk_indexing_pending", default=None)


def is_deferred() -> bool:
    """Whether saves are being noted for indexing later (inside `deferred()`)."""
    return _pending.get() is not None


def _note_save(sender, instance, raw=False, **kwargs):
    pending = _pending.get()
    if pending is not None and not raw:
        pending[type(instance)].add(instance.pk)


def _search_models():
    return [
        model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)
    ]


@contextmanager
def deferred() -> Iterator[None]:
    """Saves inside only note what changed; leaving indexes each noted object once."""
    search_models = _search_models()
    noted = set(search_models) | set(ReferenceIndex.tracked_models)
    pending = defaultdict(set)
    token = _pending.set(pending)
    for model in search_models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    for model in noted:
        post_save.connect(_note_save, sender=model, weak=False)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in noted:
            post_save.disconnect(_note_save, sender=model)
        for model in search_models:
            post_save.connect(post_save_signal_handler, sender=model)
        _pending.reset(token)
    index_now(pending, search_models)


def _specific_pks(pending):
    """{model: pks} of the noted objects, pages under their most specific class."""
    by_model = defaultdict(set)
    for model, pks in pending.items():
        if issubclass(model, Page):
            # Saving a page saves its base row and its specific row: index the specific one.
            rows = Page.objects.filter(pk__in=pks).values_list("content_type", "pk")
            for content_type, pk in rows:
                by_model[ContentType.objects.get_for_id(content_type).model_class()].add(pk)
        else:
            by_model[model] |= pks
    return by_model


def index_now(pending: Pending, search_models: list[type[models.Model]]) -> None:
    """Index the `pending` objects: in the search index (those of `search_models`, in bulk
    per model) and in the reference index."""
    search_models = set(search_models)
    reference_models = set(ReferenceIndex.tracked_models)
    for model, pks in _specific_pks(pending).items():
        if model in search_models:
            # The model's own indexing queryset: what it leaves out is not indexed, and it
            # prefetches the related fields (tags, presenters) the index reads.
            objects = list(model.get_indexed_objects().filter(pk__in=pks))
            for _name, backend in index.get_search_backends_with_name(with_auto_update=True):
                backend.add_bulk(model, objects)
        if model in reference_models and ReferenceIndex.is_indexed(model):
            # Only what still exists: an inline's rows are replaced when its page is saved.
            if any(isinstance(field, ParentalKey) for field in model._meta.get_fields()):
                # Wagtail's own task: it records an inline child's references on its parent.
                for pk in model._default_manager.filter(pk__in=pks).values_list("pk", flat=True):
                    update_reference_index_task.call(
                        model._meta.app_label, model._meta.model_name, str(pk)
                    )
            else:
                # What the task does for each, with the objects read in one query, in the
                # one atomic block (a savepoint of the bulk write's transaction) it requires.
                with transaction.atomic():
                    for instance in model._default_manager.filter(pk__in=pks):
                        ReferenceIndex.create_or_update_for_object(instance)
