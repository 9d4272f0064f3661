"""Markdown stored rendered: the texts a chapter page lists (contributions, official answers,
paragraphs) keep their sanitised HTML beside their source, written with them, so that a page
of twenty contributions renders no Markdown at all (issue 16).

Derived data, like a slug, not a business rule: `save()` keeps it in step whatever the path
(services, admin forms, the demo, factories). Paths that skip `save()` (bulk_create, update)
call `fill_rendered()` themselves or write the HTML they pass; `manage.py rerender_markdown`
renders again the rows stored with an older MARKDOWN_VERSION."""

from django.db import models

from esante.markdown import MARKDOWN_VERSION, render_markdown


class RenderedMarkdown(models.Model):
    """`RENDERED = {"source field": "html field"}`; the HTML fields are declared by the model."""

    RENDERED: dict[str, str] = {}

    markdown_version = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None or self.RENDERED.keys() & set(update_fields):
            self.fill_rendered()
            if update_fields is not None:
                update_fields = {*update_fields, *self.RENDERED.values(), "markdown_version"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def fill_rendered(self) -> None:
        for source, target in self.RENDERED.items():
            setattr(self, target, render_markdown(getattr(self, source)))
        self.markdown_version = MARKDOWN_VERSION
