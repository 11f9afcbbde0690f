import pytest
from django.urls import reverse

from jump.accounts.models import User

pytestmark = pytest.mark.django_db

HOME_OF = {
    "coach_a": "participants:caseload",
    "manager": "reports:dashboard",
    "admin": "participants:caseload",
    "contact_x": "companies:portal",
    "trainer": "training_modules:catalogue",
    "staff_learner": "training_modules:catalogue",
}


@pytest.mark.parametrize(("persona", "home"), HOME_OF.items())
def test_each_role_lands_on_its_home_page(client_for, persona, home):
    response = client_for(persona).get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse(home)


def test_user_without_role_sees_a_note_instead_of_data(client_for):
    response = client_for("outsider").get(reverse("home"))
    assert response.status_code == 200
    assert response.context["nav_items"] == []


def nav_urls(response):
    return {item["url"] for item in response.context["nav_items"]}


def test_navigation_shows_each_role_its_own_areas(client_for):
    coach = nav_urls(client_for("coach_a").get(reverse("accounts:profile")))
    contact = nav_urls(client_for("contact_x").get(reverse("accounts:profile")))
    learner = nav_urls(client_for("staff_learner").get(reverse("accounts:profile")))
    assert reverse("participants:caseload") in coach
    assert reverse("participants:caseload") not in contact
    assert reverse("companies:portal") in contact
    assert reverse("companies:portal") not in coach
    assert reverse("training_modules:catalogue") in learner
    assert reverse("participants:caseload") not in learner


def test_switching_language_saves_the_preference_and_redirects_to_the_same_page(
    client_for, personas
):
    client = client_for("contact_x")
    response = client.post(reverse("set_language"), {"language": "de", "next": "/en/me/profile/"})
    assert response.status_code == 302
    assert response["Location"] == "/de/me/profile/"
    personas.contact_x.refresh_from_db()
    assert personas.contact_x.preferred_language == "de"
    page = client.get("/de/me/profile/")
    assert "Profil" in page.content.decode()


def test_anonymous_visitor_can_switch_language_on_the_login_page(client):
    response = client.post(
        reverse("set_language"), {"language": "da", "next": "/en/accounts/login/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/da/accounts/login/"
    assert response.cookies["django_language"].value == "da"


def test_unknown_language_is_not_stored(client_for, personas):
    client_for("contact_x").post(reverse("set_language"), {"language": "xx", "next": "/"})
    personas.contact_x.refresh_from_db()
    assert personas.contact_x.preferred_language == "en"


def test_set_language_refuses_get(client):
    assert client.get(reverse("set_language"), {"language": "da"}).status_code == 405


def test_profile_form_updates_name_and_language_but_not_roles(client_for, personas):
    client = client_for("trainer")
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Grete",
            "last_name": "Holm",
            "preferred_language": "da",
            "partner": "",
            "is_superuser": "on",
            "groups": "1",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(pk=personas.trainer.pk)
    assert (user.first_name, user.preferred_language) == ("Grete", "da")
    assert user.partner == personas.trainer.partner
    assert not user.is_superuser
    assert set(user.groups.values_list("name", flat=True)) == {"trainer"}


def test_dates_are_formatted_in_the_active_locale():
    import datetime

    from django.utils import formats, translation

    day = datetime.date(2026, 3, 9)
    with translation.override("de"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "09.03.2026"
    with translation.override("da"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "09.03.2026"
    with translation.override("en"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "03/09/2026"


def test_only_the_most_specific_navigation_entry_is_marked_active(rf, personas):
    from jump.accounts.context_processors import navigation

    request = rf.get(reverse("participants:activity_list"))
    request.user = personas.coach_a
    active = [item["url"] for item in navigation(request)["nav_items"] if item["active"]]
    assert active == [reverse("participants:activity_list")]
