"""The data the authorisation matrix (test_authorisation_matrix.py) runs against: the five roles
and, for every admin model and every object URL, objects each role should or should not reach.

Region A is Normandie, region B Bretagne: « ARS A » edits Normandie only, « ARS B » Bretagne only.
`author` is a second citizen whose contributions and application the citizen must not touch."""

import datetime
from types import SimpleNamespace

from allauth.account.models import EmailAddress
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from dsfr.models import DsfrConfig

from audit.models import AuditEntry
from concertation.models import (
    AnswerTemplate,
    Contribution,
    ContributorBlock,
    Flag,
    ModerationLog,
    Synthesis,
)
from concertation.services import answer_draft
from duplicates.models import DuplicateMark
from esante import notifications
from esante.models import Notification, Region, Unsubscription
from esante.roles import DNS_TEAM
from opinions.models import OpinionGroups
from tests.concertation.factories import (
    ApplicationFactory,
    ChapterFactory,
    ConsultationFactory,
    ContributionFactory,
    CouncilMeetingFactory,
    EthicsPilotFactory,
    WorkingGroupFactory,
)
from tests.esante.factories import ArsStaffFactory, DnsStaffFactory, UserFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.roadmap.factories import (
    ActionFactory,
    AxisFactory,
    NewsItemFactory,
    ProgrammeFactory,
    RegionalIndicatorFactory,
    RoadmapFactory,
)
from tests.security.mfa import give_totp
from themes.models import Theme, ThemeMembership, ThemeModel

ROLES = ["anonymous", "citizen", "ars_a", "ars_b", "dns"]

PDF = b"%PDF-1.4\n%matrix\n"


def build_world():
    """Everything, once for the module (a few hundred rows; about a second on SQLite)."""
    w = SimpleNamespace()
    w.media_root = settings.MEDIA_ROOT  # where the syntheses' documents were written
    w.region_a = Region.objects.get(slug="normandie")
    w.region_b = Region.objects.get(slug="bretagne")

    # --- the roles (and a second citizen) -------------------------------------------------
    w.citizen = UserFactory(email="citoyenne@example.org", region=w.region_a)
    w.author = UserFactory(email="auteur@example.org", region=w.region_b)
    w.ars_a = ArsStaffFactory(email="ars.normandie@example.org", regions=[w.region_a])
    w.ars_b = ArsStaffFactory(email="ars.bretagne@example.org", regions=[w.region_b])
    w.dns = DnsStaffFactory(email="dns@example.org")
    w.users = {"citizen": w.citizen, "ars_a": w.ars_a, "ars_b": w.ars_b, "dns": w.dns}

    # --- concertation: an open consultation, a draft one, a closed one ---------------------
    w.consultation = ConsultationFactory(title="Consultation ouverte", slug="ouverte")
    w.chapter = ChapterFactory(consultation=w.consultation, number=1, slug="chapitre-1")
    w.draft_consultation = ConsultationFactory(
        title="Consultation en préparation", slug="brouillon", is_published=False
    )
    w.draft_chapter = ChapterFactory(consultation=w.draft_consultation, number=1, slug="brouillon")
    w.closed_consultation = ConsultationFactory(
        title="Consultation close", slug="close", closed=True
    )
    w.closed_chapter = ChapterFactory(consultation=w.closed_consultation, number=1, slug="clos")
    # Without contributions (the database protects those): what delete_selected may remove.
    w.spare_consultation = ConsultationFactory(slug="sans-chapitre")
    w.spare_chapter = ChapterFactory(consultation=w.closed_consultation, number=2, slug="sans-avis")

    def contribution(status, author=None, chapter=None, **extra):
        return ContributionFactory(
            chapter=chapter or w.chapter,
            author=author or w.author,
            status=status,
            body=f"Contribution {status} de {(author or w.author).email}",
            **extra,
        )

    S = Contribution.Status
    w.published = contribution(S.PUBLISHED)
    w.published_2 = contribution(S.PUBLISHED)
    w.pending = contribution(S.PENDING)
    w.hidden = contribution(S.HIDDEN)
    w.rejected = contribution(S.REJECTED)
    w.withdrawn = contribution(S.WITHDRAWN)
    w.own = contribution(S.PUBLISHED, author=w.citizen)
    w.in_draft = contribution(S.PUBLISHED, chapter=w.draft_chapter)
    w.closed_published = contribution(S.PUBLISHED, chapter=w.closed_chapter)

    w.flag = Flag.objects.create(
        contribution=w.published_2, user=w.citizen, reason=Flag.Reason.SPAM, note="Publicité"
    )
    w.moderation_log = ModerationLog.objects.create(
        action=ModerationLog.Action.HIDE, contribution=w.hidden, actor=w.dns, reason="abuse"
    )
    w.blocked = UserFactory(email="bloque@example.org")
    w.block = ContributorBlock.objects.create(user=w.blocked, reason="Spam", created_by=w.dns)
    w.answer = answer_draft(
        actor=w.dns, contributions=[w.published], state="taken", body="Brouillon de réponse."
    )
    w.answer_template = AnswerTemplate.objects.create(title="Merci", body="Merci de votre avis.")
    w.synthesis = Synthesis.objects.create(
        consultation=w.consultation,
        body="Synthèse intermédiaire.",
        is_published=True,
        published_at=timezone.now(),
        document=SimpleUploadedFile("synthese.pdf", PDF, content_type="application/pdf"),
    )
    w.closed_synthesis = Synthesis.objects.create(
        consultation=w.closed_consultation,
        body="Synthèse finale.",
        is_published=True,
        published_at=timezone.now(),
        document=SimpleUploadedFile("synthese-close.pdf", PDF, content_type="application/pdf"),
    )

    # --- the council ------------------------------------------------------------------------
    w.meeting = CouncilMeetingFactory(slug="reunion", is_published=True)
    w.draft_meeting = CouncilMeetingFactory(slug="reunion-brouillon", is_published=False)
    w.group = WorkingGroupFactory(slug="groupe", is_published=True)
    w.draft_group = WorkingGroupFactory(slug="groupe-brouillon", is_published=False)
    w.application = ApplicationFactory(group=w.group, user=w.author)  # pending
    w.own_application = ApplicationFactory(group=w.group, user=w.citizen)
    w.accepted = ApplicationFactory(
        group=w.group, user=UserFactory(email="membre@example.org"), status="accepted"
    )
    w.pilot = EthicsPilotFactory()

    # --- events: published and draft, in each region ------------------------------------------
    w.event_a = EventFactory(region_slug="normandie", slug="etape-normande")
    w.event_b = EventFactory(region_slug="bretagne", slug="etape-bretonne")
    w.draft_a = EventFactory(region_slug="normandie", slug="brouillon-normand", status="draft")
    w.draft_b = EventFactory(region_slug="bretagne", slug="brouillon-breton", status="draft")
    w.registration_a = RegistrationFactory(event=w.event_a, email="normand@example.org")
    w.registration_b = RegistrationFactory(event=w.event_b, email="breton@example.org")

    # --- roadmap ------------------------------------------------------------------------------
    w.action = ActionFactory()
    w.roadmap = w.action.roadmap
    w.axis = w.action.axis
    w.draft_roadmap = ActionFactory(
        axis__roadmap__slug="feuille-brouillon", axis__roadmap__is_published=False
    ).roadmap
    w.spare_roadmap = RoadmapFactory(slug="feuille-sans-action")
    w.spare_axis = AxisFactory(roadmap=w.spare_roadmap)
    w.programme = ProgrammeFactory()
    w.indicator = RegionalIndicatorFactory(programme=w.programme, region=w.region_b)
    w.news = NewsItemFactory(slug="actualite-publiee", is_published=True)
    w.draft_news = NewsItemFactory(slug="actualite-brouillon", is_published=False)

    # --- the core, accounts, security logs ----------------------------------------------------
    kind = next(code for code, k in notifications.registry.kinds.items() if not k.secret)
    w.notification = Notification.objects.create(
        kind=kind, key="matrice", email=w.author.email, user=w.author, status="failed"
    )
    w.unsubscription = Unsubscription.objects.create(email=w.author.email, kind=kind)
    w.dns_group = Group.objects.get(name=DNS_TEAM)
    w.dsfr_config = DsfrConfig.objects.first() or DsfrConfig.objects.create()
    w.email_address = EmailAddress.objects.get(user=w.author)
    w.unverified = EmailAddress.objects.create(user=w.author, email="autre@example.org")
    w.authenticator = give_totp(w.author)
    axes_fields = {"user_agent": "test", "http_accept": "*/*", "path_info": "/comptes/login/"}
    w.access_attempt = AccessAttempt.objects.create(
        **axes_fields,
        username=w.author.email,
        get_data="",
        post_data="",
        failures_since_start=3,
    )
    w.access_log = AccessLog.objects.create(**axes_fields, username=w.author.email)
    w.access_failure = AccessFailureLog.objects.create(**axes_fields, username=w.author.email)
    w.audit_entry = AuditEntry.objects.create(
        created_at=timezone.now() - datetime.timedelta(minutes=1),
        actor=w.dns,
        actor_label=w.dns.email,
        action=AuditEntry.Action.CHANGED,
        content_type=ContentType.objects.get_for_model(w.event_a),
        object_id=str(w.event_a.pk),
        object_repr=str(w.event_a),
        history_id=1,
    )

    # --- reading thousands of contributions (issue 18) ----------------------------------------
    w.theme = Theme.objects.create(consultation=w.closed_consultation, top_terms=["dmp"], size=1)
    w.theme_2 = Theme.objects.create(consultation=w.closed_consultation, top_terms=["ins"], size=0)
    w.membership = ThemeMembership.objects.create(
        contribution=w.closed_published, theme=w.theme, weight=0.5
    )
    w.theme_model = ThemeModel.objects.create(consultation=w.closed_consultation, arrays=b"")
    w.opinion_groups = OpinionGroups.objects.create(
        consultation=w.closed_consultation, computed_at=timezone.now()
    )
    w.duplicate = contribution(S.PUBLISHED)
    w.duplicate_mark = DuplicateMark.objects.create(
        contribution=w.duplicate, original=w.published, marked_by=w.dns
    )
    return w
