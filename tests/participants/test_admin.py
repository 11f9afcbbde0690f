from django.urls import reverse


def test_participant_admin_lists_and_searches(client_for, world):
    client = client_for("admin")
    url = reverse("admin:participants_participant_changelist")
    response = client.get(url, {"q": world.p1.last_name})
    assert response.status_code == 200
    assert world.p1.last_name in response.text
    assert world.p2.first_name not in response.text
    response = client.get(reverse("admin:participants_participant_change", args=[world.p1.pk]))
    assert response.status_code == 200
    assert world.c1.note.summary not in response.text  # case notes stay out of the admin


def test_the_admin_is_for_admins_only(client_for, world):
    url = reverse("admin:participants_participant_changelist")
    assert client_for("coach_a").get(url).status_code == 403
    assert client_for("manager").get(url).status_code == 403
