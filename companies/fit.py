"""How well an offer fits a young person (issue 17 "Proposals that fit").

Four criteria, each met or not:

- languages: for every language the offer requires, the young person's LATEST assessed CEFR
  level in it is at least the required level (CEFR codes sort as strings: A1 < A2 < … < C2);
- kind: the young person is not already proposed for or placed in an offer of the same kind;
- country: the company is in the young person's country of residence (cross-border is possible,
  but needs more preparation — shown, not refused);
- dates: the offer has not ended and does not overlap a placement the young person already has.

An unmet language requirement is a warning the coach confirms; the others only inform the order.
`offer_fits` answers for one pair (the pages); `fitting_participants` is the same rule in SQL for
the daily "new offers fit" notification (no Python loop over a caseload).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from participants.models import Consent, LanguageSkill, Participant

from .models import Offer, Placement

# Young people who are in the programme now (not those who left, not mere interest).
ACTIVE_STATUSES = (Participant.Status.ENROLLED, Participant.Status.ACTIVE)


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    met: bool


@dataclass
class Fit:
    offer: Offer
    criteria: list[Criterion] = field(default_factory=list)

    @property
    def unmet_languages(self) -> list[Criterion]:
        return [c for c in self.criteria if c.key.startswith("language") and not c.met]

    @property
    def met_count(self) -> int:
        return sum(1 for c in self.criteria if c.met)

    @property
    def fits_fully(self) -> bool:
        return all(c.met for c in self.criteria)

    def sort_key(self):
        unmet = sum(1 for c in self.criteria if not c.met)
        return (len(self.unmet_languages), unmet, self.offer.start_date, self.offer.title)


def latest_levels(participant: Participant) -> dict[str, str]:
    """{language: level of the latest assessment}, from prefetched skills when there are."""
    levels: dict[str, tuple[datetime.date, int, str]] = {}
    for skill in participant.language_skills.all():
        known = levels.get(skill.language)
        if known is None or (skill.assessed_on, skill.pk) > known[:2]:
            levels[skill.language] = (skill.assessed_on, skill.pk, skill.level)
    return {language: level for language, (_d, _pk, level) in levels.items()}


def _overlaps(start, end, other_start, other_end) -> bool:
    far = datetime.date.max
    return start <= (other_end or far) and other_start <= (end or far)


def offer_fits(participant: Participant, offer: Offer, *, open_placements=(), today=None) -> Fit:
    """What of `offer` fits `participant` and what does not (requirements prefetched)."""
    today = today or timezone.localdate()
    fit = Fit(offer=offer)
    levels = latest_levels(participant)
    for requirement in offer.language_requirements.all():
        have = levels.get(requirement.language)
        label = _("%(language)s at least %(level)s (has: %(have)s)") % {
            "language": requirement.get_language_display(),
            "level": requirement.min_level,
            "have": have or _("not assessed"),
        }
        fit.criteria.append(
            Criterion(
                f"language_{requirement.language}",
                label,
                have is not None and have >= requirement.min_level,
            )
        )
    same_kind = any(p.offer.kind == offer.kind for p in open_placements)
    fit.criteria.append(
        Criterion(
            "kind",
            _("%(kind)s: not yet proposed or placed for this kind")
            % {"kind": offer.get_kind_display()},
            not same_kind,
        )
    )
    fit.criteria.append(
        Criterion(
            "country",
            _("In the country of residence (%(country)s)")
            % {"country": participant.get_country_of_residence_display()},
            offer.company.country == participant.country_of_residence,
        )
    )
    ended = offer.end_date is not None and offer.end_date < today
    clash = any(
        _overlaps(offer.start_date, offer.end_date, p.start_date or p.offer.start_date, p.end_date)
        for p in open_placements
        if p.status in Placement.PLACE_TAKING
    )
    fit.criteria.append(
        Criterion("dates", _("Dates free (no other placement at the time)"), not (ended or clash))
    )
    return fit


def open_offers() -> QuerySet:
    """Published offers with a free place, requirements and company preloaded."""
    taken = Count("placements", filter=Q(placements__status__in=Placement.PLACE_TAKING))
    return (
        Offer.objects.published()
        .annotate(places_taken=taken)
        .filter(places_taken__lt=F("places"))
        .select_related("company")
        .prefetch_related("language_requirements")
        .order_by("start_date", "title", "pk")
    )


def offers_by_fit(participant: Participant, offers, *, today=None) -> list[Fit]:
    """`offers` ordered best fit first: fewest unmet language requirements, then fewest unmet
    criteria, then the earliest start."""
    open_placements = list(
        Placement.objects.filter(participant=participant, status__in=Placement.OPEN).select_related(
            "offer"
        )
    )
    fits = [
        offer_fits(participant, offer, open_placements=open_placements, today=today)
        for offer in offers
    ]
    return sorted(fits, key=Fit.sort_key)


def fitting_participants(offer: Offer, *, today=None) -> QuerySet:
    """Active young people (sharing with companies, with an active coach) whom `offer` fits on
    every criterion — the SQL form of `offer_fits(...).fits_fully`."""
    today = today or timezone.localdate()
    people = (
        Participant.objects.with_consent(Consent.Purpose.SHARE_WITH_COMPANIES)
        .filter(
            status__in=ACTIVE_STATUSES,
            erased_at__isnull=True,
            coach__is_active=True,
            country_of_residence=offer.company.country,
        )
        .filter(
            ~Exists(
                Placement.objects.filter(
                    participant=OuterRef("pk"), status__in=Placement.OPEN, offer__kind=offer.kind
                )
            )
        )
    )
    if offer.end_date is not None and offer.end_date < today:
        return people.none()
    far = datetime.date.max
    clash = Placement.objects.filter(
        participant=OuterRef("pk"),
        status__in=Placement.PLACE_TAKING,
        start_date__lte=offer.end_date or far,
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=offer.start_date))
    people = people.filter(~Exists(clash))
    for requirement in offer.language_requirements.all():
        latest = (
            LanguageSkill.objects.filter(participant=OuterRef("pk"), language=requirement.language)
            .order_by("-assessed_on", "-pk")
            .values("level")[:1]
        )
        people = people.annotate(**{f"level_{requirement.language}": Subquery(latest)}).filter(
            **{f"level_{requirement.language}__gte": requirement.min_level}
        )
    return people


def offers_published_before(day: datetime.date) -> QuerySet:
    """Offers published on the day before `day` (the morning run tells of yesterday's)."""
    return open_offers().filter(published_at__date=day - datetime.timedelta(days=1))


def fits_for_coach(coach, day: datetime.date) -> list[tuple[Offer, list[Participant]]]:
    """[(offer, the coach's young people it fits)] for the offers published the day before."""
    result = []
    for offer in offers_published_before(day):
        people = list(
            fitting_participants(offer, today=day).filter(coach=coach).order_by("first_name")
        )
        if people:
            result.append((offer, people))
    return result


def coaches_with_fits(day: datetime.date) -> QuerySet:
    """Ids of coaches with an active young person whom an offer published the day before fits
    on every criterion — ONE query, whatever the number of offers (the daily run)."""
    from .models import OfferLanguageRequirement

    person = OuterRef(OuterRef("pk"))
    latest_level = (
        LanguageSkill.objects.filter(participant=OuterRef(person), language=OuterRef("language"))
        .order_by("-assessed_on", "-pk")
        .values("level")[:1]
    )
    unmet_requirement = (
        OfferLanguageRequirement.objects.filter(offer=OuterRef("pk"))
        .annotate(have=Subquery(latest_level))
        .filter(Q(have__isnull=True) | Q(have__lt=F("min_level")))
    )
    same_kind = Placement.objects.filter(
        participant=person, status__in=Placement.OPEN, offer__kind=OuterRef("kind")
    )
    clash = Placement.objects.filter(
        participant=person,
        status__in=Placement.PLACE_TAKING,
        start_date__lte=Coalesce(OuterRef("end_date"), Value(datetime.date.max)),
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("start_date")))
    fitting_offer = (
        Offer.objects.published()
        .filter(
            published_at__date=day - datetime.timedelta(days=1),
            company__country=OuterRef("country_of_residence"),
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .filter(~Exists(unmet_requirement), ~Exists(same_kind), ~Exists(clash))
    )
    return (
        Participant.objects.with_consent(Consent.Purpose.SHARE_WITH_COMPANIES)
        .filter(status__in=ACTIVE_STATUSES, erased_at__isnull=True, coach__is_active=True)
        .filter(Exists(fitting_offer))
        .order_by()
        .values_list("coach_id", flat=True)
        .distinct()
    )
