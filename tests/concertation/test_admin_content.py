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
