"""Thin views: validate the request, call a service or a selector, render."""

import logging
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from esante import ratelimits
from esante.formguards import honeypot_tripped
from esante.i18n import french

from . import rules as concertation_rules
from . import search as search_module
from . import selectors, services, stats
from .filters import ContributionFilter
from .forms import ContributionForm, EditForm, FlagForm, ReactionForm, ReplyForm
from .models import Consultation, Contribution, Flag
from .versioning import word_diff

logger = logging.getLogger(__name__)

VERSION_RE = re.compile(r"[0-9]{1,9}")


def consultation_list(request):
    # Their figures come from concertation.stats: counted once per change, not per request.
    consultations = stats.consultation_list()
    by_state = {state: [] for state in Consultation.State}
    for consultation in consultations:
        by_state[consultation.state].append(consultation)
    return render(
        request,
        "concertation/consultation_list.html",
        {
            "open": by_state[Consultation.State.OPEN],
            "upcoming": by_state[Consultation.State.UPCOMING],
            "closed": by_state[Consultation.State.CLOSED],
            "breadcrumb_data": {"current": gettext("Concertation")},
        },
    )


def consultation_detail(request, slug):
    consultation = stats.consultation_get(slug=slug)
    return render(
        request,
        "concertation/consultation_detail.html",
        {
            "consultation": consultation,
            "follows": selectors.follows_of(user=request.user, consultation=consultation),
            "breadcrumb_data": {
                "links": [
                    {
                        "url": reverse("concertation:consultation_list"),
                        "title": gettext("Concertation"),
                    }
                ],
                "current": french(consultation.title),
            },
        },
    )


def _chapter_page(request, chapter, *, form=None, status=200, reply_forms=None):
    """The chapter page, also re-rendered with a form's errors after a refused POST."""
    consultation = chapter.consultation
    version_number = request.GET.get("version") or ""
    # ASCII digits only: str.isdigit() accepts « ² », which int() refuses (a 500, issue 15).
    version = selectors.chapter_version_get(
        chapter=chapter,
        number=int(version_number) if VERSION_RE.fullmatch(version_number) else None,
    )
    paragraphs = selectors.version_paragraphs(version=version, chapter=chapter)
    anchor = request.GET.get("paragraphe") or (form and form.data.get("paragraph")) or ""
    selected = next((p for p in paragraphs if p.paragraph.anchor == anchor), None)
    contributions = selectors.chapter_contributions(
        chapter=chapter,
        paragraph_id=selected.paragraph_id if selected else None,
        general=selected is None,
        viewer=request.user,
    )
    contribution_filter = ContributionFilter(request.GET or None, queryset=contributions)
    page = selectors.chapter_page(
        queryset=contribution_filter.qs,
        chapter=chapter,
        paragraph=selected.paragraph if selected else None,
        filtered=contribution_filter.narrows,
        viewer=request.user,
        number=request.GET.get("page"),
        per_page=settings.CONTRIBUTIONS_PER_PAGE,
    )
    selectors.attach_context(
        contributions=list(page.object_list), user=request.user, chapter=chapter
    )
    viewer = selectors.viewer_state(user=request.user, consultation=consultation, chapter=chapter)
    can_contribute = viewer.can_contribute
    charter_accepted = viewer.charter_accepted
    if form is None and can_contribute and version == chapter.current_version:
        form = ContributionForm(
            initial={
                "paragraph": selected.paragraph.anchor if selected else "",
                # A rewording starts from the paragraph as it stands: the author edits it.
                "proposed_text": selected.text if selected else "",
            },
            charter_accepted=charter_accepted,
        )
    if form is not None and selected is None:
        # A rewording proposal is made on one paragraph, from that paragraph's form: it is shown
        # as a word diff against the text it replaces, which a whole chapter would make
        # unreadable (see services.contribution_create). On the chapter, comment or ask.
        form.fields["kind"].choices = [
            c for c in form.fields["kind"].choices if c[0] != Contribution.Kind.REWORDING
        ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "consultation": consultation,
        "chapter": chapter,
        "version": version,
        "is_current_version": version == chapter.current_version,
        "paragraphs": paragraphs,
        "selected": selected,
        "filter": contribution_filter,
        "page_obj": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "form": form,
        "reply_forms": reply_forms or {},
        # The blank reply form, rendered once for the page (concertation_forms.reply_form).
        "reply_form_cache": {},
        "contribution_urls": selectors.contribution_url_patterns(),
        "can_contribute": can_contribute,
        # Whether the page invites anyone to write (signed in or not): never on a closed or
        # upcoming consultation, nor on an earlier version of the chapter.
        "accepts_contributions": consultation.is_open and version == chapter.current_version,
        "charter_accepted": charter_accepted,
        "verified": viewer.verified,
        "blocked": viewer.block,
        "follows": viewer.follows,
        "query_string": query.urlencode(),
        "breadcrumb_data": {
            "links": [
                {
                    "url": reverse("concertation:consultation_list"),
                    "title": gettext("Concertation"),
                },
                {"url": consultation.get_absolute_url(), "title": french(consultation.title)},
            ],
            "current": french(chapter.title),
        },
    }
    return render(request, "concertation/chapter_detail.html", context, status=status)


def chapter_detail(request, slug, chapter):
    chapter = selectors.chapter_get(consultation_slug=slug, chapter_slug=chapter)
    return _chapter_page(request, chapter)


def _refused(request, exc: PermissionDenied, back: str):
    messages.error(request, str(exc) or gettext("Cette action n'est pas autorisée."))
    return redirect(back)


def _add_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
@require_POST
def contribution_create(request, slug, chapter):
    chapter = selectors.chapter_get(consultation_slug=slug, chapter_slug=chapter)
    if honeypot_tripped(request.POST):
        return redirect(chapter.get_absolute_url())
    if limited := ratelimits.refuse(
        request, ratelimits.CONTRIBUTION_USER, ratelimits.CONTRIBUTION_IP
    ):
        return limited
    charter_accepted = services.has_accepted_charter(
        user=request.user, consultation=chapter.consultation
    )
    form = ContributionForm(request.POST, charter_accepted=charter_accepted)
    if not form.is_valid():
        return _chapter_page(request, chapter, form=form, status=400)
    paragraph = None
    if anchor := form.cleaned_data["paragraph"]:
        paragraph = chapter.paragraphs.filter(anchor=anchor).first()
        if paragraph is None:
            form.add_error(None, gettext("Ce paragraphe n'existe pas dans ce chapitre."))
            return _chapter_page(request, chapter, form=form, status=400)
    try:
        contribution = services.contribution_create(
            user=request.user,
            chapter=chapter,
            paragraph=paragraph,
            kind=form.cleaned_data["kind"],
            body=form.cleaned_data["body"],
            proposed_text=form.cleaned_data["proposed_text"],
            is_anonymous=form.cleaned_data["is_anonymous"],
            accept_charter=form.cleaned_data.get("accept_charter", False),
            confirm_personal_data=form.cleaned_data["confirm_personal_data"],
        )
    except PermissionDenied as exc:
        return _refused(request, exc, chapter.get_absolute_url())
    except services.PersonalDataWarning as exc:
        form = ContributionForm(
            request.POST, charter_accepted=charter_accepted, warn_personal_data=True
        )
        form.is_valid()
        form.add_error(None, exc)
        return _chapter_page(request, chapter, form=form, status=400)
    except ValidationError as exc:
        _add_errors(form, exc)
        return _chapter_page(request, chapter, form=form, status=400)
    _announce(request, contribution)
    return redirect(_contribution_url(contribution))


def _announce(request, contribution):
    if contribution.status == Contribution.Status.PUBLISHED:
        messages.success(request, gettext("Merci : votre contribution est publiée."))
    elif contribution.held_reason == Contribution.HeldReason.PERSONAL_DATA:
        messages.warning(
            request,
            gettext(
                "Votre contribution est enregistrée. Comme elle semble contenir des données "
                "personnelles, elle sera relue par la modération avant d'être publiée."
            ),
        )
    else:
        messages.success(
            request,
            gettext(
                "Merci : votre contribution est enregistrée. Elle sera publiée après validation "
                "par la modération."
            ),
        )


def _contribution_url(contribution):
    url = contribution.chapter.get_absolute_url()
    if contribution.paragraph_id:
        url += f"?paragraphe={contribution.paragraph.anchor}"
    return f"{url}#contribution-{contribution.pk}"


def _contribution_breadcrumb(contribution, current: str) -> dict:
    chapter = contribution.chapter
    return {
        "links": [
            {
                "url": chapter.consultation.get_absolute_url(),
                "title": french(chapter.consultation.title),
            },
            {"url": chapter.get_absolute_url(), "title": french(chapter.title)},
        ],
        "current": current,
    }


def _get_contribution(pk) -> Contribution:
    return get_object_or_404(
        Contribution.objects.select_related("chapter__consultation", "paragraph", "author"),
        pk=pk,
        consultation__is_published=True,
    )


@login_required
@require_POST
def reply_create(request, pk):
    parent = _get_contribution(pk)
    chapter = parent.chapter
    if honeypot_tripped(request.POST):
        return redirect(_contribution_url(parent))
    if limited := ratelimits.refuse(
        request, ratelimits.CONTRIBUTION_USER, ratelimits.CONTRIBUTION_IP
    ):
        return limited
    form = ReplyForm(request.POST, auto_id=f"id_reponse_{parent.pk}_%s")
    if not form.is_valid():
        return _chapter_page(request, chapter, reply_forms={parent.pk: form}, status=400)
    try:
        reply = services.contribution_create(
            user=request.user,
            chapter=chapter,
            parent=parent,
            body=form.cleaned_data["body"],
            is_anonymous=form.cleaned_data["is_anonymous"],
            accept_charter=form.cleaned_data["accept_charter"],
            confirm_personal_data=form.cleaned_data["confirm_personal_data"],
        )
    except PermissionDenied as exc:
        return _refused(request, exc, _contribution_url(parent))
    except ValidationError as exc:
        _add_errors(form, exc)
        form.warn_personal_data = isinstance(exc, services.PersonalDataWarning)
        if parent.status != Contribution.Status.PUBLISHED:
            # No reply form is drawn under a contribution that is not published: say it here.
            for error in form.non_field_errors():
                messages.error(request, error)
        return _chapter_page(request, chapter, reply_forms={parent.pk: form}, status=400)
    _announce(request, reply)
    return redirect(_contribution_url(reply))


@login_required
@require_POST
def reaction(request, pk):
    contribution = _get_contribution(pk)
    if limited := ratelimits.refuse(request, ratelimits.REACTION_USER):
        return limited
    form = ReactionForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Réaction inconnue."))
        return redirect(_contribution_url(contribution))
    try:
        value = services.reaction_set(
            user=request.user, contribution=contribution, value=form.cleaned_data["value"]
        )
    except PermissionDenied as exc:
        return _refused(request, exc, _contribution_url(contribution))
    messages.success(
        request,
        gettext("Votre réaction est enregistrée.")
        if value
        else gettext("Votre réaction est retirée."),
    )
    return redirect(_contribution_url(contribution))


@login_required
def flag(request, pk):
    contribution = _get_contribution(pk)
    if contribution.status != Contribution.Status.PUBLISHED:
        raise Http404
    # What the service would refuse is said before the form, not after it is filled in.
    refusal = concertation_rules.why_not("concertation.flag", request.user, contribution)
    earlier = refusal and Flag.objects.filter(contribution=contribution, user=request.user).first()
    form = None if refusal else FlagForm(request.POST or None)
    if form is not None and request.method == "POST" and form.is_valid():
        if limited := ratelimits.refuse(request, ratelimits.FLAG_USER):
            return limited
        try:
            services.flag_create(
                user=request.user,
                contribution=contribution,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except PermissionDenied as exc:
            return _refused(request, exc, _contribution_url(contribution))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(_contribution_url(contribution))
        messages.success(
            request, gettext("Merci : votre signalement a été transmis à la modération.")
        )
        return redirect(_contribution_url(contribution))
    return render(
        request,
        "concertation/flag.html",
        {
            "contribution": contribution,
            "form": form,
            "earlier": earlier,
            "refusal": refusal,
            "back": _contribution_url(contribution),
            "breadcrumb_data": _contribution_breadcrumb(
                contribution, gettext("Signaler une contribution")
            ),
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def contribution_edit(request, pk):
    contribution = _get_contribution(pk)
    concertation_rules.ensure("concertation.edit_contribution", request.user, contribution)
    form = EditForm(
        request.POST or None,
        initial={"body": contribution.body, "proposed_text": contribution.proposed_text},
    )
    if contribution.kind != Contribution.Kind.REWORDING:
        del form.fields["proposed_text"]
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_edit(
                user=request.user,
                contribution=contribution,
                body=form.cleaned_data["body"],
                proposed_text=form.cleaned_data.get("proposed_text", ""),
            )
        except PermissionDenied as exc:
            return _refused(request, exc, _contribution_url(contribution))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            contribution.refresh_from_db()
            if contribution.held_reason == Contribution.HeldReason.PERSONAL_DATA:
                messages.warning(
                    request,
                    gettext(
                        "Votre contribution est modifiée. Comme elle semble contenir des données "
                        "personnelles, elle sera relue par la modération avant d'être publiée."
                    ),
                )
            elif contribution.status == Contribution.Status.PENDING:
                messages.success(
                    request,
                    gettext("Votre contribution est modifiée ; elle sera publiée après relecture."),
                )
            else:
                messages.success(request, gettext("Votre contribution est modifiée."))
            return redirect(_contribution_url(contribution))
    return render(
        request,
        "concertation/contribution_edit.html",
        {
            "contribution": contribution,
            "form": form,
            "breadcrumb_data": _contribution_breadcrumb(
                contribution, gettext("Modifier ma contribution")
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
def contribution_withdraw(request, pk):
    """A page of its own asks for confirmation (GET). Only a POST carrying `confirm`, which
    that page's button sends, withdraws: a one-click form from an older page, or any other
    POST, shows the confirmation page again and changes nothing."""
    contribution = _get_contribution(pk)
    # Refused with its reason (someone else's, already withdrawn, moderated) on the 403 page.
    concertation_rules.ensure("concertation.withdraw_contribution", request.user, contribution)
    back = _contribution_url(contribution)
    if request.method == "POST" and request.POST.get("confirm"):
        services.contribution_withdraw(user=request.user, contribution=contribution)
        messages.success(request, gettext("Votre contribution est retirée."))
        return redirect(back)
    return render(
        request,
        "concertation/contribution_withdraw.html",
        {
            "contribution": contribution,
            "back": back,
            "breadcrumb_data": _contribution_breadcrumb(
                contribution, gettext("Retirer ma contribution")
            ),
        },
    )


@login_required
@require_POST
def follow(request, slug, chapter=None):
    consultation = get_object_or_404(Consultation.objects.published(), slug=slug)
    target = {"consultation": consultation}
    back = consultation.get_absolute_url()
    if chapter is not None:
        chapter_obj = get_object_or_404(consultation.chapters, slug=chapter)
        target = {"chapter": chapter_obj}
        back = chapter_obj.get_absolute_url()
    try:
        following = services.follow_toggle(user=request.user, **target)
    except PermissionDenied as exc:
        return _refused(request, exc, back)
    messages.success(
        request,
        gettext("Vous suivez désormais ce contenu : vous serez prévenu des nouveautés.")
        if following
        else gettext("Vous ne suivez plus ce contenu."),
    )
    return redirect(back)


def chapter_versions(request, slug, chapter):
    chapter = selectors.chapter_get(consultation_slug=slug, chapter_slug=chapter)
    versions = list(chapter.versions.select_related("created_by").order_by("-number"))
    older, newer = _diff_pair(request, versions)
    rows = _diff_rows(older, newer) if older and newer else []
    return render(
        request,
        "concertation/chapter_versions.html",
        {
            "chapter": chapter,
            "consultation": chapter.consultation,
            "versions": versions,
            "older": older,
            "newer": newer,
            "rows": rows,
            "breadcrumb_data": {
                "links": [
                    {
                        "url": reverse("concertation:consultation_list"),
                        "title": gettext("Concertation"),
                    },
                    {
                        "url": chapter.consultation.get_absolute_url(),
                        "title": french(chapter.consultation.title),
                    },
                    {"url": chapter.get_absolute_url(), "title": french(chapter.title)},
                ],
                "current": gettext("Versions"),
            },
        },
    )


def _diff_pair(request, versions):
    by_number = {v.number: v for v in versions}
    try:
        older = by_number.get(int(request.GET.get("de", "")))
        newer = by_number.get(int(request.GET.get("a", "")))
    except ValueError:
        older = newer = None
    if older is None or newer is None:
        newer = versions[0] if versions else None
        older = versions[1] if len(versions) > 1 else None
    return older, newer


def _diff_rows(older, newer):
    """Paragraph by paragraph, matched by their stable anchors."""
    old = {t.paragraph.anchor: t.text for t in older.texts.select_related("paragraph")}
    rows = []
    seen = set()
    for text in newer.texts.select_related("paragraph").order_by("position"):
        anchor = text.paragraph.anchor
        seen.add(anchor)
        if anchor not in old:
            rows.append({"state": "added", "html": word_diff("", text.text)})
        elif old[anchor] != text.text:
            rows.append({"state": "changed", "html": word_diff(old[anchor], text.text)})
        else:
            rows.append({"state": "same", "text": text.text})
    for anchor, text in old.items():
        if anchor not in seen:
            rows.append({"state": "removed", "html": word_diff(text, "")})
    return rows


def search(request):
    q = search_module.normalise_query(request.GET.get("q", ""))
    results = search_module.search(q, page=request.GET.get("page")) if q else None
    return render(
        request,
        "concertation/search.html",
        {"q": q, "results": results, "breadcrumb_data": {"current": gettext("Recherche")}},
    )
