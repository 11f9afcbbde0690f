"""Demo data for the companies app: companies on both sides of the border, two company contacts,
offers in every status, placements in every state, feedback and support.

Everything is written through the services, so the demo obeys the same rules as the pages:
only participants whose share_with_companies consent is given are proposed, capacity holds,
`cross_border` is derived. Dates are relative to today.

Adds to `world`: "companies" (list), "offers" (list), "placements" (list) and the users
contact.dk@jump.test (Danish company, Danish) and contact.de@jump.test (German company, German).
"""

import datetime

from django.utils import timezone

from jump.accounts.demo import ensure_user
from jump.accounts.roles import Role, is_partner_coach
from participants.models import Consent, Participant

from . import services
from .models import (
    Company,
    CompanyContact,
    Offer,
    Placement,
    SupportNeed,
)
from .registration import cvr_check_digit
from .services.sharing import shareable_activities, shareable_cvs, shareable_goals

Sector = Company.Sector


def demo_cvr(first_seven: str) -> str:
    """A valid CVR number starting with (or just after) `first_seven`."""
    number = int(first_seven)
    while (digit := cvr_check_digit(str(number))) is None:
        number += 1
    return f"{number}{digit}"


# name, country, registration (CVR prefix | (court, number)), sector, size, city, partner index
COMPANIES = [
    ("Als Energi ApS", "DK", "3874512", Sector.ENERGY, "medium", "Sønderborg", 0),
    ("Sønderjysk Fødevarer A/S", "DK", "2961437", Sector.FOOD, "large", "Aabenraa", 1),
    ("Padborg Transport ApS", "DK", "4127385", Sector.LOGISTICS, "small", "Padborg", 1),
    ("Förde Hotel GmbH", "DE", ("Flensburg", "HRB 10234"), Sector.TOURISM, "small", "Flensburg", 2),
    (
        "Nordbau Schleswig GmbH & Co. KG",
        "DE",
        ("Flensburg", "HRA 4521"),
        Sector.CONSTRUCTION,
        "medium",
        "Schleswig",
        3,
    ),
    (
        "Pflegedienst Angeln GmbH",
        "DE",
        ("Flensburg", "HRB 8812"),
        Sector.HEALTH,
        "small",
        "Kappeln",
        3,
    ),
    ("Kiel Code Werkstatt GmbH", "DE", ("Kiel", "HRB 23456"), Sector.IT, "micro", "Kiel", 2),
]


def _company(row, partners, actor) -> Company:
    name, country, registration, sector, size, city, partner_index = row
    if country == "DK":
        lookup = {"cvr": demo_cvr(registration)}
    else:
        lookup = {"register_court": registration[0], "register_number": registration[1]}
    existing = Company.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    return services.company_create(
        actor=actor,
        responsible_partner=partners[partner_index],
        name=name,
        country=country,
        sector=sector,
        size_band=size,
        city=city,
        status=Company.Status.ACTIVE,
        description="",
        **lookup,
    )


def _contact(email, *, first_name, last_name, language, company, job_title, phone):
    user = ensure_user(
        email,
        first_name=first_name,
        last_name=last_name,
        language=language,
        roles=[Role.COMPANY_CONTACT],
        company=company,
    )
    CompanyContact.objects.update_or_create(
        user=user, defaults={"job_title": job_title, "phone": phone}
    )
    return user


def _offer(actor, company, *, kind, title, place, start, end, places, status, languages=()):
    offer = services.offer_create(
        actor=actor,
        company=company,
        kind=kind,
        title=title,
        place=place,
        start_date=start,
        end_date=end,
        places=places,
        description=title,
        language_requirements=languages,
    )
    if status in (Offer.Status.PUBLISHED, Offer.Status.CLOSED):
        offer = services.offer_publish(actor=actor, offer=offer)
    return offer


def _proposer(participant, admin):
    coach = participant.coach
    if is_partner_coach(coach):
        return coach
    return admin


def _placement(participant, offer, *, admin, contact, to, start=None, end=None, reason=""):
    """Take a placement through the flow up to state `to`, as the pages would."""
    coach = _proposer(participant, admin)
    placement = services.placement_propose(actor=coach, offer=offer, participant=participant)
    if to == Placement.Status.PROPOSED:
        return placement
    if to == Placement.Status.DECLINED:
        return services.placement_decline(actor=contact, placement=placement, reason=reason)
    placement = services.placement_accept(actor=contact, placement=placement)
    if to == Placement.Status.ACCEPTED:
        return placement
    placement = services.placement_set_mentor(
        actor=contact,
        placement=placement,
        mentor_name=f"{contact.first_name} {contact.last_name}",
        mentor_contact=contact.email,
    )
    placement = services.placement_start(actor=coach, placement=placement, start_date=start)
    if placement.cross_border:
        placement = services.placement_update_checklist(
            actor=coach,
            placement=placement,
            health_insurance_card=True,
            tax_card=True,
            accident_insurance=to != Placement.Status.ACTIVE,
            travel_arranged=True,
        )
    if to == Placement.Status.ACTIVE:
        return placement
    if to == Placement.Status.ABORTED:
        return services.placement_abort(actor=coach, placement=placement, end_date=end)
    placement = services.placement_complete(actor=coach, placement=placement, end_date=end)
    services.placement_feedback_save(
        actor=contact,
        placement=placement,
        punctuality=4,
        motivation=5,
        skills=3,
        language=3,
        would_hire=True,
        comments="Motivated and friendly; language still needs practice.",
    )
    services.placement_feedback_save(
        actor=coach,
        placement=placement,
        punctuality=4,
        motivation=4,
        skills=4,
        language=3,
        would_hire=True,
        comments="A good step on the mobility ladder.",
    )
    return placement


def _share(placement, admin):
    """Share two goals and up to three attended activities, and a CV when there is one."""
    participant = placement.participant
    services.placement_set_sharing(
        actor=_proposer(participant, admin),
        placement=placement,
        goals=list(shareable_goals(participant)[:2]),
        activities=list(shareable_activities(participant)[:3]),
        cv=shareable_cvs(participant).first(),
    )


def seed(world: dict) -> None:
    today = timezone.localdate()
    days = datetime.timedelta
    partners = world["partners"]
    users = world["users"]
    admin = users["admin@jump.test"]
    companies = [_company(row, partners, admin) for row in COMPANIES]
    world["companies"] = companies
    dk_company, de_company = companies[0], companies[3]
    contact_dk = _contact(
        "contact.dk@jump.test",
        first_name="Karen",
        last_name="Møller",
        language="da",
        company=dk_company,
        job_title="HR-partner",
        phone="+45 74 12 34 56",
    )
    contact_de = _contact(
        "contact.de@jump.test",
        first_name="Thomas",
        last_name="Schulz",
        language="de",
        company=de_company,
        job_title="Personalleitung",
        phone="+49 461 123456",
    )
    users[contact_dk.email] = contact_dk
    users[contact_de.email] = contact_de

    demo_offers = Offer.objects.filter(company__in=companies)
    if demo_offers.exists():  # already seeded: hand on what is there
        world["offers"] = list(demo_offers)
        world["placements"] = list(Placement.objects.filter(offer__in=demo_offers))
        return

    coach_dk = users["coach.dk@jump.test"]
    coach_de = users["coach.de@jump.test"]
    K = Offer.Kind
    S = Offer.Status
    offers = {
        "dk_internship": _offer(
            contact_dk,
            dk_company,
            kind=K.INTERNSHIP,
            title="Praktik som elektriker",
            place="Sønderborg",
            start=today - days(40),
            end=today + days(20),
            places=4,
            status=S.PUBLISHED,
            languages=[("da", "A2")],
        ),
        "dk_taster": _offer(
            contact_dk,
            dk_company,
            kind=K.TASTER_DAY,
            title="Snusedag i vindmølleservice",
            place="Nordborg",
            start=today - days(90),
            end=today - days(90),
            places=3,
            status=S.CLOSED,
        ),
        "dk_apprenticeship": _offer(
            contact_dk,
            dk_company,
            kind=K.APPRENTICESHIP,
            title="Elevplads: energiteknolog",
            place="Sønderborg",
            start=today + days(60),
            end=None,
            places=1,
            status=S.DRAFT,
            languages=[("da", "B1"), ("de", "A2")],
        ),
        "de_internship": _offer(
            contact_de,
            de_company,
            kind=K.INTERNSHIP,
            title="Praktikum Hotelküche",
            place="Flensburg",
            start=today - days(30),
            end=today + days(30),
            places=3,
            status=S.PUBLISHED,
            languages=[("de", "A2")],
        ),
        "de_job": _offer(
            contact_de,
            de_company,
            kind=K.JOB,
            title="Servicekraft (m/w/d)",
            place="Flensburg",
            start=today + days(30),
            end=None,
            places=1,
            status=S.PUBLISHED,
            languages=[("de", "B1")],
        ),
        "de_visit": _offer(
            coach_de,
            companies[4],
            kind=K.COMPANY_VISIT,
            title="Baustellenbesuch",
            place="Schleswig",
            start=today + days(14),
            end=today + days(14),
            places=12,
            status=S.PUBLISHED,
        ),
        "de_care": _offer(
            coach_de,
            companies[5],
            kind=K.TASTER_DAY,
            title="Schnuppertag Pflege",
            place="Kappeln",
            start=today + days(21),
            end=today + days(21),
            places=2,
            status=S.DRAFT,
        ),
        "dk_logistics": _offer(
            coach_dk,
            companies[2],
            kind=K.INTERNSHIP,
            title="Praktik på lageret",
            place="Padborg",
            start=today + days(10),
            end=today + days(40),
            places=2,
            status=S.PUBLISHED,
            languages=[("da", "A2"), ("de", "A2")],
        ),
    }

    ids = [p.pk for p in world.get("participants") or Participant.objects.all()]
    sharing = list(
        Participant.objects.filter(pk__in=ids)
        # Only who is still in the programme can be proposed (issue 17).
        .exclude(status__in=(Participant.Status.COMPLETED, Participant.Status.DROPPED_OUT))
        .with_consent(Consent.Purpose.SHARE_WITH_COMPANIES)
        .select_related("coach", "partner")
        .order_by("pk")
    )
    placements = []
    P = Placement.Status
    plan = [
        # offer, state, start, end, reason — at the Danish contact's company
        ("dk_internship", P.PROPOSED, None, None, ""),
        ("dk_internship", P.ACTIVE, today - days(35), None, ""),
        ("dk_internship", P.DECLINED, None, None, "Vi har brug for en med kørekort."),
        ("dk_internship", P.ACCEPTED, None, None, ""),
        ("dk_taster", P.COMPLETED, today - days(90), today - days(90), ""),
        # … and at the German contact's company
        ("de_internship", P.PROPOSED, None, None, ""),
        ("de_internship", P.ACTIVE, today - days(25), None, ""),
        ("de_internship", P.ABORTED, today - days(28), today - days(20), ""),
        ("de_job", P.PROPOSED, None, None, ""),
        ("de_visit", P.ACCEPTED, None, None, ""),
    ]
    contacts = {"dk": contact_dk, "de": contact_de}
    for index, (key, state, start, end, reason) in enumerate(plan):
        if index >= len(sharing):
            break
        offer = offers[key]
        contact = (
            contacts.get(key[:2]) if offer.company_id in (dk_company.pk, de_company.pk) else admin
        )
        placements.append(
            _placement(
                sharing[index],
                offer,
                admin=admin,
                contact=contact,
                to=state,
                start=start,
                end=end,
                reason=reason,
            )
        )
    # What the young people chose to show the companies of their open placements.
    for placement in placements:
        if placement.status in Placement.OPEN:
            _share(placement, admin)
    # The taster day is over: close it now that its placements have run.
    services.offer_close(actor=contact_dk, offer=offers["dk_taster"])

    need_dk = services.support_need_create(
        actor=contact_dk,
        company=dk_company,
        kind=SupportNeed.Kind.INTERCULTURAL_TRAINING,
        description="Vores værkførere vil gerne vide mere om at tage tyske praktikanter ind.",
    )
    services.support_action_create(
        actor=coach_dk,
        need=need_dk,
        date=today - days(10),
        description="Workshop om kulturforskelle på arbejdspladsen (2 timer, 8 deltagere).",
        hours=3,
    )
    services.support_need_create(
        actor=contact_de,
        company=de_company,
        kind=SupportNeed.Kind.CROSS_BORDER_PAPERWORK,
        description="Welche Unterlagen braucht eine Praktikantin aus Dänemark?",
    )
    need_language = services.support_need_create(
        actor=coach_de,
        company=companies[4],
        kind=SupportNeed.Kind.LANGUAGE_HELP,
        description="Sprachhilfe für die Baustellenbesuche.",
    )
    services.support_action_create(
        actor=coach_de,
        need=need_language,
        date=today - days(3),
        description="Glossar Bau Deutsch–Dänisch erstellt.",
        hours=2,
    )
    services.support_need_set_status(
        actor=coach_de, need=need_language, status=SupportNeed.Status.DONE
    )

    world["offers"] = list(offers.values())
    world["placements"] = placements
