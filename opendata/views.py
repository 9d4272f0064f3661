"""/donnees/: the open data pages and downloads (issue 17). Everything here is public.

Downloads serve the files of the latest daily archive (opendata.archive), with ETag and
Last-Modified: the same bytes for everyone all day, answered 304 on revalidation, and no
database work per request. Before the first archive exists they are streamed live from the
database, by keyset batches (memory flat whatever the number of rows)."""

import datetime

from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from . import archive, dcat, exports
from .datasets import BY_SLUG, DATASETS

# Downloads change once a day: clients and proxies may keep them an hour.
DOWNLOAD_MAX_AGE = 3600
LIVE_MAX_AGE = 300


def _generated_at(manifest: dict | None) -> datetime.datetime | None:
    if not manifest:
        return None
    return datetime.datetime.fromisoformat(manifest["generated_at"])


def _dataset(slug: str):
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise Http404(gettext("Ce jeu de données n'existe pas.")) from None


def index(request):
    manifest = archive.latest()
    figures = manifest["datasets"] if manifest else {}
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": [(dataset, figures.get(dataset.slug)) for dataset in DATASETS],
            "manifest": manifest,
            "generated_at": _generated_at(manifest),
            "licence": archive.LICENCE,
            "dialect": exports.CSV_DIALECT,
            "breadcrumb_data": {"current": gettext("Données ouvertes")},
        },
    )


def _with_code(text) -> str:
    """A description's `names` in <code>, the rest escaped (the schema keeps the backticks)."""
    parts = str(text).split("`")
    return mark_safe(  # noqa: S308 - every part escaped
        "".join(
            f"<code>{escape(part)}</code>" if index % 2 else escape(part)
            for index, part in enumerate(parts)
        )
    )


def _reference(dataset, column):
    """(the dataset, its column) a column refers to, or None."""
    if column not in dataset.foreign_keys:
        return None
    slug, target = dataset.foreign_keys[column]
    return BY_SLUG[slug], target


def dataset_page(request, slug):
    dataset = _dataset(slug)
    manifest = archive.latest()
    return render(
        request,
        "opendata/dataset.html",
        {
            "dataset": dataset,
            "description": _with_code(dataset.description),
            "fields": [
                (field, _with_code(field.description), _reference(dataset, field.name))
                for field in dataset.fields
            ],
            "figures": manifest["datasets"].get(slug) if manifest else None,
            "generated_at": _generated_at(manifest),
            "licence": archive.LICENCE,
            "breadcrumb_data": {
                "links": [{"url": reverse("opendata:index"), "title": gettext("Données ouvertes")}],
                "current": str(dataset.title),
            },
        },
    )


def dataset_schema(request, slug):
    dataset = _dataset(slug)
    response = JsonResponse(
        dataset.table_schema(), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'inline; filename="{archive.schema_name(dataset)}"'
    return response


def _stored_file(request, manifest: dict, name: str, content_type: str, *, attachment: bool):
    """A file of the served archive, or None when it is gone (then the caller streams)."""
    generated_at = _generated_at(manifest)
    etag = f'"{manifest["generation"]}-{name}"'
    last_modified = int(generated_at.timestamp())
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        response = not_modified
    else:
        try:
            handle = archive.open_file(manifest, name)
        except (FileNotFoundError, KeyError):
            # Pruned by a newer run on another host since this process read its manifest.
            archive.forget()
            return None
        response = FileResponse(
            handle, content_type=content_type, as_attachment=attachment, filename=name
        )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=DOWNLOAD_MAX_AGE)
    return response


def dataset_download(request, slug, extension):
    dataset = _dataset(slug)
    name = f"{dataset.slug}.{extension}"
    content_type = exports.FORMATS[extension].content_type
    manifest = archive.latest()
    if manifest:
        response = _stored_file(
            request, manifest, name, content_type, attachment=extension == "csv"
        )
        if response is not None:
            return response
    response = StreamingHttpResponse(exports.chunks(dataset, extension), content_type=content_type)
    disposition = "attachment" if extension == "csv" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    patch_cache_control(response, public=True, max_age=LIVE_MAX_AGE)
    return response


def dataset_csv(request, slug):
    return dataset_download(request, slug, "csv")


def dataset_json(request, slug):
    return dataset_download(request, slug, "json")


def archive_download(request):
    manifest = archive.latest()
    response = None
    if manifest:
        response = _stored_file(
            request, manifest, archive.ARCHIVE_NAME, "application/zip", attachment=True
        )
    if response is None:
        raise Http404(gettext("L'archive quotidienne n'a pas encore été générée : revenez demain."))
    return response


def catalogue(request):
    manifest = archive.latest()
    body = dcat.catalogue_jsonld(
        absolute=request.build_absolute_uri, modified=_generated_at(manifest)
    )
    response = HttpResponse(body, content_type="application/ld+json")
    response["Content-Disposition"] = 'inline; filename="catalogue.jsonld"'
    return response
