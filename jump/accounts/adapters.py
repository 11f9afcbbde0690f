from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: staff are created by admins, company contacts by invitation."""

    def is_open_for_signup(self, request):
        return False

    def get_login_redirect_url(self, request):
        # Land on the role's home page in the user's preferred language.
        with translation.override(request.user.preferred_language):
            return reverse("home")
