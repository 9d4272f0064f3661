"""The interface in French (the msgids) and English (locale/en), and the language switcher."""

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.tools import missing_tool

BASE = Path(settings.BASE_DIR)
PO = BASE / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\{\s*\w+\s*\}\}")


@pytest.mark.undated
def test_translations_keep_the_placeholders_and_markup():
    wrong = []
    for entry in polib.pofile(str(PO)).translated_entries():
        pairs = [(entry.msgid, entry.msgstr)]
        if entry.msgid_plural:
            pairs = [(entry.msgid, entry.msgstr_plural[0])]
            pairs += [(entry.msgid_plural, s) for k, s in entry.msgstr_plural.items() if k]
        for source, target in pairs:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target)):
                wrong.append((source, target))
            if sorted(re.findall(r"</?\w+", source)) != sorted(re.findall(r"</?\w+", target)):
                wrong.append((source, target))
    assert not wrong, wrong[:10]


@pytest.mark.undated
def test_the_english_catalogue_is_complete():
    catalogue = polib.pofile(str(PO))
    missing = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not missing, f"untranslated: {missing[:20]}"
    assert not fuzzy, f"fuzzy (to check): {fuzzy[:20]}"
    assert len(catalogue.translated_entries()) > 300


@pytest.mark.undated
def test_the_committed_mo_file_is_compiled_from_the_po_file(tmp_path):
    compiled = tmp_path / "django.mo"
    polib.pofile(str(PO)).save_as_mofile(str(compiled))
    with compiled.open("rb") as fresh, MO.open("rb") as committed:
        # The header ("" entry) differs only by tool; the translations must be the same.
        expected = {k: v for k, v in gettext.GNUTranslations(fresh)._catalog.items() if k}
        actual = {k: v for k, v in gettext.GNUTranslations(committed)._catalog.items() if k}
    assert actual == expected, "run `make messages` and commit locale/"


@pytest.mark.undated
def test_every_marked_string_is_in_the_catalogue(tmp_path):
    """makemessages on a copy of the sources finds no msgid the catalogue lacks."""
    if not shutil.which("xgettext"):
        missing_tool("GNU gettext is not installed (`apt-get install gettext`; .ci/run does it)")
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns(".venv", "var", "node_modules", ".git", "tests", "__pycache__")
    shutil.copytree(BASE, copy, ignore=ignore)
    subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [
            str(BASE / ".venv" / "bin" / "python"),
            "manage.py",
            "makemessages",
            "-l",
            "en",
            "--no-obsolete",
            "--add-location=file",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DJANGO_DEBUG": "true", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    extracted = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / PO.relative_to(BASE)))}
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO)) if not e.obsolete}

    def key(entry):
        return (entry[0] or "", entry[1])

    missing, stale = sorted(extracted - committed, key=key), sorted(committed - extracted, key=key)
    assert not missing, f"run `make messages`: {missing[:20]}"
    assert not stale, f"stale msgids: {stale[:20]}"


@pytest.mark.django_db
def test_the_switcher_links_to_the_same_page_in_the_other_language(client):
    response = client.get("/recherche/?q=sant%C3%A9")
    html = response.text
    assert 'hreflang="en" lang="en" href="/en/recherche/?q=sant%C3%A9">EN - English</a>' in html
    assert 'lang="fr" href="/recherche/?q=sant%C3%A9" aria-current="true">FR - Français</a>' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/recherche/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/recherche/">' in html
    english = client.get("/en/recherche/?q=sant%C3%A9").text
    assert 'lang="fr" href="/recherche/?q=sant%C3%A9">FR - Français</a>' in english


@pytest.mark.django_db
def test_staff_pages_and_machine_endpoints_are_not_prefixed(client):
    assert client.get("/en/admin/login/").status_code == 404
    # /admin/login/ leads to the site's sign-in page (issue 15), French.
    assert '<html lang="fr"' in client.get("/admin/login/", follow=True).text
    assert client.get("/en/sitemap.xml").status_code == 404
    assert client.get("/healthz")["Content-Type"] == "application/json"
    assert client.get("/en/healthz").status_code == 404


def test_reverse_follows_the_active_language():
    assert reverse("events:event_list") == "/evenements/"
    with translation.override("en"):
        assert reverse("events:event_list") == "/en/evenements/"
        assert reverse("admin:index") == "/admin/"


@pytest.mark.django_db
def test_form_errors_and_model_choices_are_translated(client):
    english = client.post("/en/comptes/signup/", {"email": "pas-une-adresse"})
    assert english.status_code == 200
    assert "Enter a valid email address." in english.text
    french = client.post("/comptes/signup/", {"email": "pas-une-adresse"})
    assert "Saisissez une adresse de courriel valide." in french.text


@pytest.mark.django_db
def test_french_is_the_default_and_english_lives_under_en(client):
    french = client.get("/concertation/")
    english = client.get("/en/concertation/")
    assert french.status_code == english.status_code == 200
    assert '<html lang="fr"' in french.text
    assert '<html lang="en"' in english.text
    assert "Se connecter" in french.text and "Se connecter" not in english.text
    assert "Sign in" in english.text
    assert '<meta property="og:locale" content="en_GB">' in english.text
    # Links inside the English interface stay in English.
    assert 'href="/en/evenements/"' in english.text
    assert 'href="/evenements/"' not in english.text


@pytest.mark.django_db
def test_legal_documents_stay_in_french_and_say_so(client):
    html = client.get("/en/mentions-legales/").text
    assert '<html lang="en"' in html
    assert "published in French only" in html
    assert '<div class="esante-prose" lang="fr">' in html
    assert "published in French only" not in client.get("/mentions-legales/").text
