"""Hostile or broken input is refused or neutralised: nothing unsafe is stored (the database row
is checked) or rendered (the page HTML is checked). User profile fields are input too."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from concertation.models import Contribution, Flag
from tests.concertation.factories import (
    ChapterFactory,
    ContributionFactory,
    paragraph_at,
)
from tests.esante.factories import UserFactory


class _Executable(HTMLParser):
    """Collects what a browser would execute or load from the markup of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and re.match(
                r"\s*(?:java|vb)script:|\s*data:", value or "", re.I
            ):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        if tag == "img" and not dict(attrs).get("src", "").startswith("/static/"):
            self.found.append("<img> not from the site")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert" in data:
            self.found.append(f"<script>{data.strip()[:40]}")


def unsafe_fragments(html: str) -> list[str]:
    """What would run in a browser: event handlers, script URLs, inline scripts with our
    payloads, frames, images from elsewhere. The site's own markup has none of them."""
    parser = _Executable()
    parser.feed(html)
    return parser.found


def create_url(chapter):
    return reverse(
        "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
    )


def post(client, chapter, body, **extra):
    return client.post(
        create_url(chapter), {"kind": "comment", "body": body, "accept_charter": "on", **extra}
    )


@pytest.fixture
def chapter(db):
    return ChapterFactory()


@pytest.fixture
def member(client, db):
    user = UserFactory()
    client.force_login(user)
    return user


def test_the_page_itself_has_no_unsafe_markup(client, chapter, member):
    assert unsafe_fragments(client.get(chapter.get_absolute_url()).content.decode()) == []


@pytest.mark.parametrize(
    ("body", "stored"),
    [
        ("Avant <script>alert('x')</script> après", "Avant  après"),
        ("Avant <img src=x onerror=alert(1)> après", "Avant  après"),
        ('Avant <a href="https://exemple.fr" onclick="alert(1)">lien</a> après',
         "Avant lien après"),
        ("Avant <svg/onload=alert(1)> après", "Avant  après"),
        ("Avant <iframe src=https://exemple.fr></iframe> après", "Avant  après"),
        ("Avant <SCRIPT >alert(1)</SCRIPT> après", "Avant  après"),
        ("Avant <div style=\"background:url(x)\" onmouseover='alert(1)'>zone</div> après",
         "Avant zone après"),
    ],
)  # fmt: skip
def test_markup_is_stripped_before_storage_and_never_rendered(
    client, chapter, member, body, stored
):
    assert post(client, chapter, body).status_code == 302
    contribution = Contribution.objects.get(author=member)
    assert contribution.body == stored
    html = client.get(chapter.get_absolute_url()).content.decode()
    assert f'id="contribution-{contribution.pk}"' in html
    assert unsafe_fragments(html) == []


def test_escaped_markup_cannot_be_smuggled_back(client, chapter, member):
    """Entities are decoded when tags are stripped: decoding must not produce live markup."""
    response = post(client, chapter, "&lt;script&gt;alert(1)&lt;/script&gt; <b>gras</b>")
    assert response.status_code == 400
    assert "Le HTML n&#x27;est pas accepté" in response.content.decode()
    assert not Contribution.objects.exists()


def test_entities_alone_are_shown_as_text(client, chapter, member):
    post(client, chapter, "Le signe &lt;script&gt; est du texte.")
    html = client.get(chapter.get_absolute_url()).content.decode()
    assert unsafe_fragments(html) == []
    assert "&lt;script&gt; est du texte." in html


@pytest.mark.parametrize(
    "body",
    [
        "[cliquez](javascript:alert(1))",
        "<a href='javascript:alert(1)'>x</a>",
        "[cliquez](JaVaScRiPt:alert(1))",
        "JaVaScRiPt :x",
        "[cliquez]( javascript :alert(1))",
        "<javascript:alert(1)>",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_script_links_are_refused(client, chapter, member, body):
    response = post(client, chapter, body)
    assert response.status_code == 400
    assert "ne sont pas acceptés" in response.content.decode()
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "[cliquez](jav&#x61;script:alert(1))",
        "[cliquez](jav&#97;script:alert(1))",
        "[cliquez](java&#x09;script:alert(1))",
        "[cliquez](&#106;avascript:alert(1))",
    ],
)
def test_encoded_script_links_are_not_rendered_as_links(client, chapter, member, body):
    post(client, chapter, body)
    html = client.get(chapter.get_absolute_url()).content.decode()
    assert unsafe_fragments(html) == []
    body_html = "".join(re.findall(r'esante-contribution__body">(.*?)</div>', html, re.S))
    assert "href" not in body_html


def test_safe_markdown_link_is_kept_with_noopener(client, chapter, member):
    post(client, chapter, "Voir [la doctrine](https://esante.gouv.fr/doctrine).")
    html = client.get(chapter.get_absolute_url()).content.decode()
    assert re.search(r'<a href="https://esante.gouv.fr/doctrine" rel="noopener noreferrer">', html)


def test_oversized_body_is_refused_with_the_limit(client, chapter, member, settings):
    settings.CONTRIBUTION_MAX_LENGTH = 120
    response = post(client, chapter, "é" * 121)
    assert response.status_code == 400
    assert "Le texte dépasse 120 caractères (121)" in response.content.decode()
    assert not Contribution.objects.exists()
    assert post(client, chapter, "é" * 120).status_code == 302
    assert Contribution.objects.get().body == "é" * 120


def test_oversized_proposed_text_is_refused(client, chapter, member, settings):
    settings.CONTRIBUTION_MAX_LENGTH = 50
    response = post(
        client,
        chapter,
        "Court.",
        kind="rewording",
        paragraph=paragraph_at(chapter, 1).anchor,
        proposed_text="x" * 51,
    )
    assert response.status_code == 400
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("body", ["", "   ", "\n\t \r\n  ", "\u00a0", "<p></p>", "<b> </b>"])
def test_empty_or_whitespace_only_body_is_refused(client, chapter, member, body):
    response = post(client, chapter, body)
    assert response.status_code == 400
    assert not Contribution.objects.exists()


def test_surrounding_whitespace_is_trimmed(client, chapter, member):
    post(client, chapter, "\r\n   Une remarque.\r\nSur deux lignes.   \r\n")
    assert Contribution.objects.get().body == "Une remarque.\nSur deux lignes."


@pytest.mark.parametrize("body", ["Avant\x00après", "\x00"])
def test_null_byte_is_refused(client, chapter, member, body):
    response = post(client, chapter, body)
    assert response.status_code == 400
    assert not Contribution.objects.exists()


def test_null_byte_in_a_reply_and_an_edit_is_refused(client, chapter, member):
    target = ContributionFactory(chapter=chapter)
    url = reverse("concertation:reply_create", args=[target.pk])
    assert client.post(url, {"body": "x\x00y", "accept_charter": "on"}).status_code == 400
    mine = ContributionFactory(chapter=chapter, author=member, body="Original.")
    edit = reverse("concertation:contribution_edit", args=[mine.pk])
    assert client.post(edit, {"body": "x\x00y"}).status_code == 400
    mine.refresh_from_db()
    assert mine.body == "Original."
    assert Contribution.objects.count() == 2


def test_undecodable_bytes_become_replacement_characters(client, chapter, member):
    raw = b"kind=comment&accept_charter=on&body=Caf%E9%FF%FE+bien"
    response = client.generic(
        "POST", create_url(chapter), raw, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    assert Contribution.objects.get().body == "Caf\ufffd\ufffd\ufffd bien"


def test_script_in_a_reply_and_an_edit_is_neutralised(client, chapter, member):
    target = ContributionFactory(chapter=chapter)
    url = reverse("concertation:reply_create", args=[target.pk])
    client.post(url, {"body": "Oui <script>alert(2)</script>", "accept_charter": "on"})
    reply = Contribution.objects.get(parent=target)
    assert reply.body == "Oui"
    edit = reverse("concertation:contribution_edit", args=[reply.pk])
    client.post(edit, {"body": "Non <img src=x onerror=alert(3)>"})
    reply.refresh_from_db()
    assert reply.body == "Non"
    assert unsafe_fragments(client.get(chapter.get_absolute_url()).content.decode()) == []


def test_flag_note_is_neutralised(client, chapter, member, dns_client):
    target = ContributionFactory(chapter=chapter)
    client.post(
        reverse("concertation:flag", args=[target.pk]),
        {"reason": "other", "note": "Voir <script>alert(4)</script> ici"},
    )
    note = Flag.objects.get().note
    assert "<" not in note
    html = dns_client.get(f"/admin/concertation/contribution/{target.pk}/change/").content
    assert unsafe_fragments(html.decode()) == []


# --- profile fields are user input too ------------------------------------------------------------

HOSTILE_PROFILE = {
    "display_name": '<script>alert("nom")</script>',
    "organisation": "<img src=x onerror=alert('org')>",
    "declaration_of_interests": "<script>alert('doi')</script><b onmouseover=alert(1)>x</b>",
}


def test_profile_fields_are_escaped_on_the_chapter_page(client, chapter, member):
    author = UserFactory(**HOSTILE_PROFILE)
    target = ContributionFactory(chapter=chapter, author=author)
    ContributionFactory(chapter=chapter, author=author, parent=target, body="Ma réponse.")
    html = client.get(chapter.get_absolute_url()).content.decode()
    assert f'id="contribution-{target.pk}"' in html
    assert unsafe_fragments(html) == []
    assert "&lt;script&gt;alert(&quot;nom&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(&#x27;org&#x27;)&gt;" in html
    assert "&lt;script&gt;alert(&#x27;doi&#x27;)&lt;/script&gt;" in html


def test_profile_fields_are_escaped_on_the_flag_page_and_in_the_admin(
    client, chapter, member, dns_client
):
    author = UserFactory(**HOSTILE_PROFILE)
    target = ContributionFactory(chapter=chapter, author=author, status="pending", flag_count=0)
    admin_pages = [
        "/admin/concertation/contribution/",
        f"/admin/concertation/contribution/{target.pk}/change/",
    ]
    for url in admin_pages:
        html = dns_client.get(url).content.decode()
        assert "&lt;script&gt;alert(&quot;nom&quot;)" in html, url
        assert unsafe_fragments(html) == [], url

    published = ContributionFactory(chapter=chapter, author=author)
    client.force_login(member)
    html = client.get(reverse("concertation:flag", args=[published.pk])).content.decode()
    assert unsafe_fragments(html) == []
    assert "&lt;script&gt;alert(&quot;nom&quot;)&lt;/script&gt;" in html


def test_moderation_note_is_escaped_publicly(client, chapter):
    ContributionFactory(
        chapter=chapter,
        status="hidden",
        moderation_reason="other",
        moderation_note="<script>alert('note')</script>",
    )
    html = client.get(chapter.get_absolute_url()).content.decode()
    assert unsafe_fragments(html) == []
    assert "&lt;script&gt;alert(&#x27;note&#x27;)&lt;/script&gt;" in html


def test_rewording_proposal_is_escaped_in_its_diff(client, chapter, member):
    anchor = paragraph_at(chapter, 1).anchor
    ContributionFactory(
        chapter=chapter,
        paragraph=paragraph_at(chapter, 1),
        kind="rewording",
        body="Proposition.",
        proposed_text="La <script>alert(5)</script> sécurité",
    )
    html = client.get(chapter.get_absolute_url(), {"paragraphe": anchor}).content.decode()
    assert unsafe_fragments(html) == []
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in html
