import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_site_is_only_for_administrators(client_for):
    assert client_for("admin").get(reverse("admin:index")).status_code == 200
    assert client_for("manager").get(reverse("admin:index")).status_code == 403
