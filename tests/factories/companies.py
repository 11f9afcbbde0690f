import factory

from companies.models import Company

from .accounts import PartnerFactory


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n} ApS")
    country = "DK"
    cvr = "13585628"
    sector = Company.Sector.MANUFACTURING
    size_band = Company.SizeBand.SMALL
    status = Company.Status.ACTIVE
    responsible_partner = factory.SubFactory(PartnerFactory)
