from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import router
from django.db.models import Q
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import notifications, outbox
from .models import DELETED_USER_EMAIL, Notification, Region, Unsubscription, User


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "ars_name", "is_overseas"]
    list_filter = ["is_overseas"]
    search_fields = ["name", "ars_name", "code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "display_name",
        "stakeholder_type",
        "region",
        "is_staff",
        "is_active",
        "date_joined",
    ]
    list_filter = ["stakeholder_type", "region", "is_staff", "is_active", "groups"]
    search_fields = ["email", "display_name", "organisation"]
    list_select_related = ["region"]
    filter_horizontal = ["groups", "user_permissions", "editor_regions"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profil public"),
            {
                "fields": [
                    "display_name",
                    "stakeholder_type",
                    "organisation",
                    "region",
                    "declaration_of_interests",
                ]
            },
        ),
        (
            _("Rôles"),
            {
                "fields": ["is_active", "is_staff", "is_superuser", "groups", "editor_regions"],
                "description": _(
                    "« Équipe DNS » édite les contenus nationaux et modère ; « Équipe ARS » publie "
                    "pour les régions cochées ci-dessous. Les deux doivent avoir le statut équipe."
                ),
            },
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]

    # Deleting a user goes through the same service as the person's own deletion
    # (esante.privacy.account_delete, issue 15 finding 6): published contributions stay under
    # « Contributeur anonyme », replies of others survive, personal data is erased everywhere.
    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_deleted_placeholder:
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        # Their contributions are protected from a plain delete; the service hands them over.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            collector = NestedObjects(using=router.db_for_write(User))
            collector.collect(objs)
            protected = [
                f"{capfirst(obj._meta.verbose_name)} : {obj}"
                for obj in collector.protected
                if obj._meta.label != "concertation.Contribution"
            ]
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        from .privacy import account_delete

        account_delete(user=obj, keep_contributions=True)

    def delete_queryset(self, request, queryset):
        from .privacy import account_delete

        for user in queryset.exclude(email=DELETED_USER_EMAIL):
            account_delete(user=user, keep_contributions=True)


class KindFilter(admin.SimpleListFilter):
    """The kinds by their French names (« les rappels la veille des événements »), not codes."""

    title = _("type")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return kind_choices()

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


class LanguageFilter(admin.SimpleListFilter):
    """The language the e-mail is written in: the one stored on the row (a registration's),
    else the account's, else French (esante.i18n.email_language)."""

    title = _("langue")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return settings.LANGUAGES

    def queryset(self, request, queryset):
        code = self.value()
        if not code:
            return queryset
        written_in = Q(language=code) | Q(language="", user__language=code)
        if code == settings.LANGUAGE_CODE:
            written_in |= Q(language="", user__isnull=True)
        return queryset.filter(written_in)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Every e-mail the site sends: pending, queued, sent or failed. A failed or sent one can
    be sent again, but for an account e-mail once sent (its personal link is erased)."""

    list_display = [
        "created_at", "kind_label", "email", "key", "status", "attempts", "sent_at",
    ]  # fmt: skip
    list_filter = [KindFilter, "status", LanguageFilter]
    search_fields = ["email", "key"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "kind_label", "key", "email", "account", "language_label", "content", "status",
        "attempts", "last_error", "created_at", "queued_at", "sent_at",
    ]  # fmt: skip
    fields = readonly_fields  # the payload only through `content`
    actions = ["resend"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("type"), ordering="kind")
    def kind_label(self, notification):
        kind = notifications.registry.kinds.get(notification.kind)
        return capfirst(str(kind.label)) if kind else notification.kind

    @admin.display(description=_("compte"))
    def account(self, notification):
        return notification.user or "—"

    @admin.display(description=_("langue"))
    def language_label(self, notification):
        """The language stored on the row; empty: the account's, else French."""
        names = dict(settings.LANGUAGES)
        if notification.language:
            return names.get(notification.language, notification.language)
        return _("celle du compte (%(language)s)") % {
            "language": names.get(
                notification.user.language if notification.user else "",
                names[settings.LANGUAGE_CODE],
            )
        }

    @admin.display(description=_("contenu"))
    def content(self, notification):
        """What the e-mail says, as it is written now (its subject and text), not the JSON it is
        made from; an account e-mail's personal link is never shown."""
        kind = notifications.registry.kinds.get(notification.kind)
        if kind and kind.secret:
            return (
                notification.payload.get("subject", "")
                + " "
                + str(_("(texte non affiché : il contient un lien personnel)"))
            )
        try:
            message = notifications.build_message(notification)
        except Exception:  # What it was about is gone (deleted since): say what is stored.
            return ", ".join(f"{key} : {value}" for key, value in notification.payload.items())
        return format_html(
            '<strong>{}</strong><div class="email-preview">{}</div>',
            message.subject,
            message.body,
        )

    @admin.action(description=_("Renvoyer les courriels sélectionnés"), permissions=["change"])
    def resend(self, request, queryset):
        """Failed ones are tried again; sent ones are sent once more (the person says they never
        got it). Those still on their way are left alone: they will be sent once. The rows
        become pending, which the drain publishes (this request never talks to the broker)."""
        secret = [code for code, kind in notifications.registry.kinds.items() if kind.secret]
        erased = queryset.filter(status=Notification.Status.SENT, kind__in=secret)
        if refused := erased.count():
            self.message_user(
                request,
                ngettext(
                    "%(count)d courriel de compte déjà envoyé ne peut pas être renvoyé : son lien "
                    "personnel a été effacé. La personne en demande un nouveau depuis le site.",
                    "%(count)d courriels de compte déjà envoyés ne peuvent pas être renvoyés : "
                    "leur lien personnel a été effacé. La personne en demande un nouveau depuis "
                    "le site.",
                    refused,
                )
                % {"count": refused},
                messages.WARNING,
            )
        again = list(
            queryset.filter(status__in=[Notification.Status.FAILED, Notification.Status.SENT])
            .exclude(pk__in=erased.values("pk"))
            .values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=again).update(
            status=Notification.Status.PENDING, queued_at=None, attempts=0, last_error=""
        )
        outbox.publish_after_commit(again)
        self.message_user(
            request,
            ngettext(
                "%(count)d courriel sera renvoyé dans quelques secondes.",
                "%(count)d courriels seront renvoyés dans quelques secondes.",
                len(again),
            )
            % {"count": len(again)},
        )


def kind_choices():
    kinds = notifications.registry.kinds.values()
    return sorted(((k.code, capfirst(str(k.label))) for k in kinds), key=lambda c: c[1])


class UnsubscriptionForm(forms.ModelForm):
    """The kinds by their names (someone asks by telephone to stop the reminders)."""

    kind = forms.ChoiceField(label=_("type"), choices=kind_choices)

    class Meta:
        model = Unsubscription
        fields = ["email", "kind"]


@admin.register(Unsubscription)
class UnsubscriptionAdmin(admin.ModelAdmin):
    form = UnsubscriptionForm
    list_display = ["email", "kind_label", "created_at"]
    list_filter = [KindFilter]
    search_fields = ["email"]

    @admin.display(description=_("type"), ordering="kind")
    def kind_label(self, unsubscription):
        kind = notifications.registry.kinds.get(unsubscription.kind)
        return capfirst(str(kind.label)) if kind else unsubscription.kind
