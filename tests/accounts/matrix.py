"""Access rules for the project-wide URLs: health, language, home, login (allauth), admin."""

from tests.access_matrix import LOGIN, REDIRECT, Rule, public

WITH_MFA = ("coach_a", "coach_b", "manager", "admin")

MATRIX = {
    "healthz": public(200),
    "set_language": public(405),  # POST only; GET never changes state
    "home": Rule(
        default=REDIRECT,
        expect={"outsider": 200},
    ),
    "accounts:profile": Rule(default=200),
    # The expiry warning's "Stay logged in" (SECURITY 6): POST only; 401 once the session ended.
    "accounts:keep_alive": Rule(method="post", anon=401, default=204, youth=204),
    "accounts:kept_form_discard": Rule(method="post", default=REDIRECT),
    "accessibility_statement": public(200),
    # allauth: the login and recovery pages are public; a logged-in user is sent on.
    "account_login": public(200, default=REDIRECT),
    "account_logout": Rule(default=200),
    "account_inactive": public(200),
    "account_signup": public(200, default=REDIRECT),  # answers "sign-up is closed"
    "account_reauthenticate": Rule(default=200),
    "account_request_reauthentication_code": Rule(default=200),
    "account_confirm_reauthentication_code": Rule(default=REDIRECT),
    "account_email": Rule(default=200),
    "account_email_verification_sent": public(200),
    "account_change_password": Rule(default=200),
    "account_set_password": Rule(default=REDIRECT),
    "account_reset_password": public(200),
    "account_confirm_login_code": Rule(anon=LOGIN, default=REDIRECT),
    "account_confirm_email": public(200, kwargs=lambda world: {"key": "not-a-real-key"}),
    "account_reset_password_from_key_done": public(200),
    "account_reset_password_from_key": public(
        200, kwargs=lambda world: {"uidb36": "zz", "key": "not-a-real-key"}
    ),
    "account_reset_password_done": public(200),
    "mfa_index": Rule(default=200),
    "mfa_authenticate": Rule(anon=LOGIN, default=REDIRECT),
    # Without a second factor there is nothing to re-authenticate with: sent on.
    "mfa_reauthenticate": Rule(default=REDIRECT, expect=dict.fromkeys(WITH_MFA, 200)),
    # Activating, deactivating and generating codes ask for a fresh login first (a redirect to
    # re-authentication); what a user has no authenticator for is a 404.
    "mfa_activate_totp": Rule(default=REDIRECT),
    "mfa_deactivate_totp": Rule(default=404, expect=dict.fromkeys(WITH_MFA, REDIRECT)),
    "mfa_view_recovery_codes": Rule(default=404),
    "mfa_generate_recovery_codes": Rule(default=REDIRECT),
    "mfa_download_recovery_codes": Rule(default=404),
    # Passkeys (WebAuthn): the list for every user; adding, renaming and removing ask for a
    # fresh login first, before the key is looked up (it is looked up among the user's own).
    "mfa_list_webauthn": Rule(default=200),
    "mfa_add_webauthn": Rule(default=REDIRECT),
    "mfa_edit_webauthn": Rule(default=REDIRECT, kwargs=lambda world: {"pk": 1}),
    "mfa_remove_webauthn": Rule(default=REDIRECT, kwargs=lambda world: {"pk": 1}),
    # Without a passkey there is nothing to re-authenticate with.
    "mfa_reauthenticate_webauthn": Rule(default=REDIRECT),
    # Logging in with a passkey: the login page's script asks for the request options (JSON);
    # a plain GET is sent to the login page, a logged-in user is sent on.
    "mfa_login_webauthn": public(LOGIN, default=REDIRECT),
    # The admin site: administrators only; every admin URL shares the site's permission check.
    # Anonymous visitors are sent to admin:login, which hands them to allauth's login page.
    "admin:index": Rule(anon=REDIRECT, default=403, expect={"admin": 200}),
    "admin:accounts_user_changelist": Rule(anon=LOGIN, default=403, expect={"admin": 200}),
    "admin:login": Rule(anon=LOGIN, default=403, expect={"admin": REDIRECT}),
    "admin:*": Rule(anon=LOGIN, default=403, expect={"admin": 200}),
}

# The young person: their account, password and second-factor pages answer as for any user
# without a second factor (contact_x); "home" sends them to their own pages. Everything else —
# the admin site included — is a 404 for them (SECURITY 35; Rule.youth).
for _name, _rule in MATRIX.items():
    if _name.startswith(("account_", "mfa_")) or _name in ("home", "accounts:profile"):
        _rule.youth = _rule.expected("contact_x")
