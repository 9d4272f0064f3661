from django.utils import timezone

from concertation.models import Chapter, ChapterVersion
from tests.concertation.factories import ChapterFactory, ConsultationFactory


def test_dns_staff_publish_and_revise_a_chapter_in_the_admin(dns_client, db):
    consultation = ConsultationFactory()
    data = {
        "consultation": consultation.pk,
        "number": 1,
        "title": "Interopérabilité",
        "slug": "interoperabilite",
        "summary": "",
        "body": "Premier paragraphe.\n\nSecond paragraphe.",
        "note": "",
        "versions-TOTAL_FORMS": 0,
        "versions-INITIAL_FORMS": 0,
    }
    assert dns_client.post("/admin/concertation/chapter/add/", data).status_code == 302
    chapter = Chapter.objects.get(slug="interoperabilite")
    assert chapter.current_version.number == 1
    assert chapter.current_version.texts.count() == 2

    data |= {"body": "Premier paragraphe.\n\nSecond paragraphe, précisé.", "note": "Précision"}
    url = f"/admin/concertation/chapter/{chapter.pk}/change/"
    assert dns_client.get(url).status_code == 200
    assert dns_client.post(url, data).status_code == 302
    chapter.refresh_from_db()
    assert chapter.current_version.number == 2
    assert chapter.current_version.note == "Précision"
    assert ChapterVersion.objects.filter(chapter=chapter).count() == 2


def test_ars_team_cannot_edit_consultations(ars_client, db):
    chapter = ChapterFactory()
    assert ars_client.get("/admin/concertation/consultation/").status_code == 403
    assert ars_client.get(f"/admin/concertation/chapter/{chapter.pk}/change/").status_code == 403


# --- The admin speaks French: labels, not codes; sentences, not JSON; Paris time ------------------

OUR_APPS = {"esante", "roadmap", "concertation", "events"}


def _explicit_label(model_admin, model, name, form=None) -> bool:
    """A column, filter or field the team reads under a French label given on purpose: a
    display method with its description, or a model field with its own verbose name (Django
    would otherwise print the attribute's name: « user », « kind label »)."""
    from django.contrib.admin.utils import get_fields_from_path
    from django.core.exceptions import FieldDoesNotExist

    if callable(name):
        return hasattr(name, "short_description")
    if name == "__str__":
        return True  # the model's own verbose name
    if form is not None and name in form.declared_fields:
        return form.declared_fields[name].label is not None
    method = getattr(model_admin, name, None)
    if callable(method):
        return hasattr(method, "short_description")
    try:
        field = get_fields_from_path(model, name)[-1]
    except (FieldDoesNotExist, Exception):
        return False
    return getattr(field, "_verbose_name", None) is not None


def _admins():
    from django.contrib import admin

    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in OUR_APPS
    ]


def test_every_column_filter_and_field_of_our_admin_has_a_french_label(rf, dns_staff):
    from django.contrib import admin
    from django.contrib.admin.utils import flatten_fieldsets

    request = rf.get("/admin/")
    request.user = dns_staff
    unlabelled = []
    for model, model_admin in _admins():
        where = model.__name__
        for name in model_admin.get_list_display(request):
            if not _explicit_label(model_admin, model, name):
                unlabelled.append(f"{where} column {name}")
        for entry in model_admin.get_list_filter(request):
            if isinstance(entry, str):
                if not _explicit_label(model_admin, model, entry):
                    unlabelled.append(f"{where} filter {entry}")
            elif (
                isinstance(entry, type)
                and issubclass(entry, admin.SimpleListFilter)
                and not entry.title
            ):
                unlabelled.append(f"{where} filter {entry.__name__}")
        form = model_admin.get_form(request)
        for name in flatten_fieldsets(model_admin.get_fieldsets(request)):
            if not _explicit_label(model_admin, model, name, form):
                unlabelled.append(f"{where} field {name}")
        for inline in model_admin.get_inline_instances(request):
            parent_link = {f.name for f in inline.model._meta.fields if f.related_model is model}
            for name in inline.get_fields(request):
                if name not in parent_link and not _explicit_label(inline, inline.model, name):
                    unlabelled.append(f"{where} inline {inline.model.__name__} {name}")
    assert unlabelled == []


# Fields that store a code with no choices on the field: shown raw, the team would read
# « health_professional », « official_answer » or « abuse ».
CODE_FIELDS = {
    "Application": {"stakeholder_type"},
    "Notification": {"kind", "language"},
    "Unsubscription": {"kind"},
    "ModerationLog": {"reason", "before", "after"},
}


def test_no_admin_shows_a_raw_code_field(rf, dns_staff):
    from django import forms
    from django.contrib.admin.utils import flatten_fieldsets

    request = rf.get("/admin/")
    request.user = dns_staff
    shown = []
    for model, model_admin in _admins():
        codes = CODE_FIELDS.get(model.__name__, set())
        if not codes:
            continue
        form = model_admin.get_form(request)
        # An editable code is fine as a select of labels; as a text box, or read only (as every
        # field of a page the team may only view), it is printed as stored.
        fields = {
            name
            for name in flatten_fieldsets(model_admin.get_fieldsets(request))
            if not isinstance(form.base_fields.get(name), forms.ChoiceField)
        }
        names = {
            *model_admin.get_list_display(request),
            *[f for f in model_admin.get_list_filter(request) if isinstance(f, str)],
            *fields,
            *model_admin.get_readonly_fields(request),
        }
        shown += [f"{model.__name__}.{name}" for name in names & codes]
    assert sorted(shown) == []


def test_council_applications_show_the_stakeholder_type_by_its_name(dns_client, db):
    from tests.concertation.factories import ApplicationFactory

    application = ApplicationFactory(stakeholder_type="health_professional")
    listing = dns_client.get("/admin/concertation/application/").content.decode()
    row = listing.split(f'value="{application.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "Professionnel de santé" in row and "health_professional" not in row
    assert "Établissement sanitaire ou médico-social" in listing  # the filter, by label
    filtered = dns_client.get(
        "/admin/concertation/application/", {"stakeholder_type": "health_professional"}
    )
    assert list(filtered.context["cl"].result_list) == [application]
    detail = dns_client.get(f"/admin/concertation/application/{application.pk}/change/")
    assert "Professionnel de santé" in detail.content.decode()


def test_moderation_log_reads_as_sentences_with_labels_and_paris_time(dns_client, dns_staff):
    import datetime

    from concertation import services
    from concertation.models import ModerationLog
    from tests.concertation.factories import ContributionFactory
    from tests.esante.factories import UserFactory

    contribution = ContributionFactory()
    dns_client.post(
        "/admin/concertation/contribution/",
        {"action": "hide", "_selected_action": [contribution.pk], "reason": "abuse"},
    )
    troll = UserFactory()
    # New Year's Eve in UTC, already New Year's Day in Paris: next year's, always in the future
    # whatever day the suite runs.
    year = timezone.now().year + 1
    services.contributor_block(
        actor=dns_staff,
        user=troll,
        reason="Spam.",
        until=datetime.datetime(year, 12, 31, 23, 30, tzinfo=datetime.UTC),
    )
    html = dns_client.get("/admin/concertation/moderationlog/").content.decode()
    assert "Statut : Publiée → Masquée" in html
    assert "Motif : — → Propos injurieux, diffamatoires ou haineux" in html
    assert f"Bloqué jusqu&#x27;au : 1er janvier {year + 1} à 00:30" in html
    assert "&quot;status&quot;" not in html and ">abuse<" not in html
    assert "Propos injurieux, diffamatoires ou haineux" in html  # the reason column and filter
    hidden = ModerationLog.objects.get(action="hide")
    detail = dns_client.get(f"/admin/concertation/moderationlog/{hidden.pk}/change/")
    assert "Statut : Publiée → Masquée" in detail.content.decode()
    page = dns_client.get(f"/admin/concertation/contribution/{contribution.pk}/change/")
    assert "Statut : Publiée → Masquée" in page.content.decode()  # its history, inline


def test_moderation_log_names_the_version_a_rewording_went_into(dns_client, dns_staff):
    from concertation import services
    from tests.concertation.factories import ContributionFactory

    rewordings = [
        ContributionFactory(kind="rewording", proposed_text="Mieux.") for _index in range(3)
    ]
    for rewording in rewordings:
        services.rewording_decide(
            actor=dns_staff,
            contribution=rewording,
            outcome="accepted",
            version=rewording.chapter.current_version,
        )
    html = dns_client.get("/admin/concertation/moderationlog/").content.decode()
    assert html.count("Version qui l&#x27;intègre : — → version 1") == 3
    assert "Suite donnée à la reformulation : — → Acceptée" in html


def test_a_flag_says_who_flagged_in_french(dns_client, db):
    from concertation.models import Flag
    from tests.concertation.factories import ContributionFactory
    from tests.esante.factories import UserFactory

    flagger = UserFactory()
    flag = Flag.objects.create(contribution=ContributionFactory(), user=flagger, reason="spam")
    listing = dns_client.get("/admin/concertation/flag/").content.decode()
    assert "Signalée par" in listing and ">User<" not in listing
    detail = dns_client.get(f"/admin/concertation/flag/{flag.pk}/change/").content.decode()
    assert "Signalée par" in detail and "Publicité ou hors sujet" in detail


def test_e_mails_and_unsubscriptions_by_the_name_of_their_kind(dns_client, dns_staff):
    from django.test import TestCase

    from concertation import services
    from esante.models import Notification, Unsubscription
    from tests.concertation.factories import ContributionFactory

    contribution = ContributionFactory()
    answer = services.answer_draft(
        actor=dns_staff, contributions=[contribution], state="taken", body="Retenu, merci."
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.answers_publish(actor=dns_staff, answer_ids=[answer.pk])
    notification = Notification.objects.get(kind="official_answer")
    detail = dns_client.get(f"/admin/esante/notification/{notification.pk}/change/")
    html = detail.content.decode()
    assert ">official_answer<" not in html and "{&#x27;answer&#x27;" not in html
    assert "Réponse officielle à votre contribution" in html  # the e-mail as written
    assert "Retenu, merci." in html
    Unsubscription.objects.create(email="a@example.org", kind="reply_notice")
    listing = dns_client.get("/admin/esante/unsubscription/").content.decode()
    assert "Les avis de réponse à vos contributions" in listing
    assert ">reply_notice<" not in listing
