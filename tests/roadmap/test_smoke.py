from tests.roadmap.factories import ActionFactory


def test_action_page_renders(client, db):
    action = ActionFactory(title="Relancer le DMP")
    response = client.get(action.get_absolute_url())
    assert response.status_code == 200
    assert "Relancer le DMP" in response.content.decode()
