import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from jump.accounts.models import Partner, User

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
TEST_PASSWORD = "correct horse battery staple"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Partner {n}")
    country = "DK"
    kind = Partner.Kind.PRODUCTION_SCHOOL


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified e-mail; `roles=[...]` adds groups, `mfa=True` activates TOTP."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            # get_or_create: transactional tests flush the groups the data migration made.
            self.groups.set([Group.objects.get_or_create(name=name)[0] for name in extracted])
            if "admin" in extracted:
                self.is_staff = True
                self.is_superuser = True
        if create:
            self.save()
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )
        self.__dict__.pop("role_names", None)

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        has_totp = Authenticator.objects.filter(user=self, type=Authenticator.Type.TOTP).exists()
        if create and extracted and not has_totp:
            TOTP.activate(self, TEST_TOTP_SECRET)
