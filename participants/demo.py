"""Demo data for the participants app: young people on both sides of the border with a case
history (consents, languages, assessments, plans, notes, activities, outcomes) and one
co-coaching share DK → DE. Dates are relative to today so the demo stays fresh.

Adds to `world`: "participants" (list), "activities" (list), "participant_shares" (list) and
two more coaches in world["users"] (coach.aabenraa@jump.test, coach.schleswig@jump.test).
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from jump.accounts.demo import ensure_user
from jump.accounts.roles import Role

from .models import (
    ActionPlan,
    Activity,
    Assessment,
    Attendance,
    Consent,
    Contact,
    Goal,
    LanguageSkill,
    Outcome,
    Participant,
    ParticipantShare,
    Step,
)
from .next_due import recompute_next_due

# Every demo participant's e-mail ends with this: it marks demo data (and makes re-runs safe).
DEMO_DOMAIN = "@demo.jump.test"

S = Participant.Status
# The shape of each partner's caseload, by position in the list of names below.
STATUS_PLAN = [
    S.ACTIVE,
    S.ACTIVE,
    S.ACTIVE,
    S.COMPLETED,
    S.ENROLLED,
    S.ACTIVE,
    S.DROPPED_OUT,
    S.INTERESTED,
    S.ACTIVE,
    S.COMPLETED,
    S.ENROLLED,
    S.COMPLETED,
]

DK_PEOPLE = [
    ("Freja", "Nielsen", "female"),
    ("Oliver", "Jensen", "male"),
    ("Ida", "Sørensen", "female"),
    ("Lucas", "Rasmussen", "male"),
    ("Emma", "Christensen", "female"),
    ("Noah", "Larsen", "male"),
    ("Clara", "Poulsen", "female"),
    ("William", "Madsen", "male"),
    ("Alma", "Kristensen", "female"),
    ("Victor", "Thomsen", "male"),
    ("Sofie", "Andersen", "female"),
    ("Magnus", "Pedersen", "male"),
]
DE_PEOPLE = [
    ("Lena", "Schmidt", "female"),
    ("Finn", "Müller", "male"),
    ("Mia", "Schneider", "female"),
    ("Jonas", "Fischer", "male"),
    ("Hannah", "Weber", "female"),
    ("Leon", "Meyer", "male"),
    ("Lea", "Wagner", "female"),
    ("Paul", "Becker", "male"),
    ("Emilia", "Schulz", "female"),
    ("Ben", "Krüger", "diverse"),
]
AABENRAA_PEOPLE = [
    ("Mathilde", "Hansen", "female"),
    ("Frederik", "Johansen", "male"),
    ("Laura", "Møller", "female"),
]
SCHLESWIG_PEOPLE = [
    ("Marie", "Koch", "female"),
    ("Lukas", "Richter", "male"),
    ("Sophie", "Klein", "female"),
]

PLACES = {
    "DK": [("6400", "Sønderborg"), ("6430", "Nordborg"), ("6440", "Augustenborg")],
    "DE": [("24937", "Flensburg"), ("24939", "Flensburg"), ("24941", "Flensburg")],
    "DK-aabenraa": [("6200", "Aabenraa"), ("6230", "Rødekro")],
    "DE-schleswig": [("24837", "Schleswig"), ("24848", "Kropp")],
}
STREETS = {
    "DK": ["Perlegade", "Jernbanegade", "Østergade", "Ringgade", "Kongevej"],
    "DE": [
        "Große Straße",
        "Norderstraße",
        "Friesische Straße",
        "Rathausstraße",
        "Angelburger Str.",
    ],
}

NOTE_TEXTS = {
    "da": [
        "Samtale om praktik i Tyskland; motiveret, men nervøs for sproget.",
        "Telefonopkald: mødte ikke op i værkstedet i går, aftalt nyt møde.",
        "Hjemmebesøg sammen med forælder; transport til Flensborg er et problem.",
        "Har øvet ansøgning på tysk, god fremgang.",
        "Gruppemøde om lejren; glæder sig.",
    ],
    "de": [
        "Gespräch über ein Praktikum in Dänemark; motiviert, aber unsicher mit der Sprache.",
        "Telefonat: gestern nicht in der Werkstatt erschienen, neuer Termin vereinbart.",
        "Hausbesuch mit Mutter; die Fahrt nach Sønderborg ist noch ungeklärt.",
        "Bewerbung auf Dänisch geübt, gute Fortschritte.",
        "Gruppentreffen zum Camp; freut sich sehr.",
    ],
}


def _coaches(world):
    users = world["users"]
    partners = world["partners"]
    extra = {
        "coach.aabenraa@jump.test": ("Rasmus", "Lauridsen", "da", partners[1]),
        "coach.schleswig@jump.test": ("Katrin", "Jessen", "de", partners[3]),
    }
    for email, (first, last, language, partner) in extra.items():
        users[email] = ensure_user(
            email,
            first_name=first,
            last_name=last,
            language=language,
            roles=[Role.COACH],
            partner=partner,
            mfa=True,
        )
    return [
        (partners[0], users["coach.dk@jump.test"], DK_PEOPLE, "DK", "da"),
        (partners[2], users["coach.de@jump.test"], DE_PEOPLE, "DE", "de"),
        (partners[1], users["coach.aabenraa@jump.test"], AABENRAA_PEOPLE, "DK-aabenraa", "da"),
        (partners[3], users["coach.schleswig@jump.test"], SCHLESWIG_PEOPLE, "DE-schleswig", "de"),
    ]


def _dates_for(status, index, today):
    """Entry and exit dates that fit the status (exit ≥ 200 days ago for some completed)."""
    days = datetime.timedelta
    if status == S.INTERESTED:
        return None, None
    if status == S.ENROLLED:
        return today - days(10 + index), None
    if status == S.ACTIVE:
        return today - days(60 + 25 * index), None
    if status == S.DROPPED_OUT:
        return today - days(220), today - days(70)
    # completed: one long ago (six-month follow-up done or due), the others more recent
    if index % 3 == 0:
        return today - days(420), today - days(230)
    return today - days(300), today - days(40 + index)


def _make_participants(world, today, rng):
    created = []
    for partner, coach, people, place_key, language in _coaches(world):
        country = place_key[:2]
        for index, (first, last, gender) in enumerate(people):
            status = STATUS_PLAN[index % len(STATUS_PLAN)]
            entry, exit_ = _dates_for(status, index, today)
            postcode, municipality = PLACES[place_key][index % len(PLACES[place_key])]
            participant = Participant.objects.create(
                first_name=first,
                last_name=last,
                date_of_birth=today.replace(year=today.year - 17 - index % 8, day=1)
                - datetime.timedelta(days=31 * (index % 11)),
                gender=gender,
                email=f"{first.lower()}.{last.lower()}{DEMO_DOMAIN}".replace("ø", "oe")
                .replace("ü", "ue")
                .replace("ö", "oe"),
                phone=("+45 " if country == "DK" else "+49 ") + f"{rng.randint(20, 99)} "
                f"{rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                street=f"{STREETS[country][index % 5]} {rng.randint(1, 80)}",
                postcode=postcode,
                municipality=municipality,
                country_of_residence=country,
                education_level=Participant.Isced.ISCED_0_2
                if index % 4
                else Participant.Isced.ISCED_3_4,
                labour_market_status=[
                    Participant.LabourMarketStatus.UNEMPLOYED,
                    Participant.LabourMarketStatus.LONG_TERM_UNEMPLOYED,
                    Participant.LabourMarketStatus.INACTIVE,
                    Participant.LabourMarketStatus.IN_EDUCATION,
                ][index % 4],
                partner=partner,
                coach=coach,
                status=status,
                entry_date=entry,
                exit_date=exit_,
                exit_reason={
                    S.COMPLETED: "Programme completed",
                    S.DROPPED_OUT: "Moved away",
                }.get(status, ""),
                preferred_language=language,
            )
            participant.demo_language = language
            participant.demo_coach = coach
            participant.demo_index = index
            created.append(participant)
    return created


def _consents(participants):
    rows = []
    for p in participants:
        if p.status == S.INTERESTED:
            continue
        coach = p.demo_coach
        rows.append(
            Consent(
                participant=p,
                purpose="participation",
                given=True,
                evidence="Signed intake form",
                recorded_by=coach,
            )
        )
        rows.append(
            Consent(
                participant=p,
                purpose="funder_reporting",
                given=True,
                evidence="Signed intake form",
                recorded_by=coach,
            )
        )
        if p.demo_index % 4 != 3:
            rows.append(
                Consent(
                    participant=p,
                    purpose="share_with_companies",
                    given=True,
                    evidence="Signed consent form",
                    recorded_by=coach,
                )
            )
        if p.demo_index % 3 == 0:
            rows.append(
                Consent(
                    participant=p,
                    purpose="photos",
                    given=True,
                    evidence="Verbal, noted in meeting",
                    recorded_by=coach,
                )
            )
    Consent.objects.bulk_create(rows)
    # One withdrawal, as the ledger records it: a new row, the earlier one unchanged.
    withdrawn = next(p for p in participants if p.demo_index == 2 and p.demo_language == "da")
    Consent.objects.create(
        participant=withdrawn,
        purpose="share_with_companies",
        given=False,
        evidence="Asked by phone to stop sharing",
        recorded_by=withdrawn.demo_coach,
    )


def _languages(participants, today):
    rows = []
    levels = ["A1", "A2", "B1", "B2"]
    for p in participants:
        own, neighbour = ("da", "de") if p.demo_language == "da" else ("de", "da")
        start = p.entry_date or today - datetime.timedelta(days=5)
        rows.append(LanguageSkill(participant=p, language=own, level="C2", assessed_on=start))
        first = levels[p.demo_index % 3]
        rows.append(
            LanguageSkill(participant=p, language=neighbour, level=first, assessed_on=start)
        )
        if p.status in (S.ACTIVE, S.COMPLETED) and p.demo_index % 2 == 0:
            better = levels[min(levels.index(first) + 1, 3)]
            rows.append(
                LanguageSkill(
                    participant=p,
                    language=neighbour,
                    level=better,
                    assessed_on=min(start + datetime.timedelta(days=50), today),
                )
            )
        rows.append(
            LanguageSkill(
                participant=p, language="en", level=levels[1 + p.demo_index % 3], assessed_on=start
            )
        )
        if p.demo_index == 5:
            rows.append(
                LanguageSkill(
                    participant=p,
                    language="other",
                    other_language="Arabic",
                    level="C1",
                    assessed_on=start,
                )
            )
    LanguageSkill.objects.bulk_create(rows)


def _ratings(rng, base):
    return {name: max(1, min(5, base + rng.randint(-1, 1))) for name in Assessment.DIMENSIONS}


def _assessments(participants, today, rng):
    rows = []
    for p in participants:
        if p.entry_date is None:
            continue
        base = 2
        stages = [(Assessment.Kind.ENTRY, p.entry_date, 0)]
        if p.status in (S.ACTIVE, S.COMPLETED, S.DROPPED_OUT):
            stages.append((Assessment.Kind.INTERIM, p.entry_date + datetime.timedelta(days=45), 1))
        if p.status == S.COMPLETED:
            stages.append((Assessment.Kind.EXIT, p.exit_date, 2))
        for kind, date, lift in stages:
            for rater in (Assessment.Rater.SELF, Assessment.Rater.COACH):
                rows.append(
                    Assessment(
                        participant=p,
                        kind=kind,
                        rater=rater,
                        date=min(date, today),
                        recorded_by=p.demo_coach,
                        **_ratings(rng, base + lift),
                    )
                )
    Assessment.objects.bulk_create(rows)


PLAN_TEXTS = {
    "da": (
        "Vej til uddannelse på begge sider af grænsen",
        [
            ("Styrke tysk", ["Tilmeld sprogcafé", "Skriv en ansøgning på tysk"]),
            ("Finde en praktikplads", ["Besøg to virksomheder", "Aftal praktik i Flensborg"]),
        ],
    ),
    "de": (
        "Weg in Ausbildung auf beiden Seiten der Grenze",
        [
            ("Dänisch verbessern", ["Zum Sprachkurs anmelden", "Lebenslauf auf Dänisch"]),
            (
                "Praktikumsplatz finden",
                ["Zwei Betriebe besuchen", "Praktikum in Sønderborg klären"],
            ),
        ],
    ),
}


def _plans(participants, today):
    for p in participants:
        if p.status not in (S.ENROLLED, S.ACTIVE) or p.entry_date is None:
            continue
        title, goals = PLAN_TEXTS[p.demo_language]
        plan = ActionPlan.objects.create(
            participant=p, title=title, starts_on=p.entry_date, created_by=p.demo_coach
        )
        steps = []
        for g_index, (goal_title, step_titles) in enumerate(goals):
            goal = Goal.objects.create(
                plan=plan,
                title=goal_title,
                due_on=today + datetime.timedelta(days=60 + 30 * g_index),
            )
            for s_index, step_title in enumerate(step_titles):
                # Every third participant has an overdue step; the others have one done.
                offset = (
                    -7
                    if (p.demo_index % 3 == 0 and s_index == 0)
                    else 10 + 14 * (g_index + s_index)
                )
                due = max(today + datetime.timedelta(days=offset), p.entry_date)
                done = None
                if p.demo_index % 3 == 1 and s_index == 0 and g_index == 0:
                    due = max(today - datetime.timedelta(days=3), p.entry_date)
                    done = due
                steps.append(Step(goal=goal, title=step_title, due_on=due, done_on=done))
        Step.objects.bulk_create(steps)


def _notes(participants, today):
    rows = []
    channels = list(Contact.Channel.values)
    for p in participants:
        start = p.entry_date or today - datetime.timedelta(days=14)
        end = p.exit_date or today
        count = 2 + p.demo_index % 4
        texts = NOTE_TEXTS[p.demo_language]
        for n in range(count):
            span = max((end - start).days, 1)
            date = start + datetime.timedelta(days=span * (n + 1) // (count + 1))
            follow_up = None
            done = None
            if n == count - 1 and not p.has_left:
                # the latest note: a follow-up, overdue for some, coming up for others
                follow_up = max(
                    date, today + datetime.timedelta(days=-4 if p.demo_index % 4 == 0 else 9)
                )
            elif n == 0:
                follow_up = date + datetime.timedelta(days=7)
                done = min(follow_up, today)
            rows.append(
                Contact(
                    participant=p,
                    date=date,
                    channel=channels[(n + p.demo_index) % 5],
                    summary=texts[(n + p.demo_index) % len(texts)],
                    author=p.demo_coach,
                    follow_up_on=follow_up,
                    follow_up_done_on=done,
                )
            )
    Contact.objects.bulk_create(rows)


def _activities(world, participants, today):
    partners = world["partners"]
    users = world["users"]
    days = datetime.timedelta
    specs = [
        # partner index, creator, kind, title, days ago, hours, country, cross-border
        (
            0,
            "coach.dk@jump.test",
            "language_course",
            "Sprogcafé: tysk for begyndere",
            90,
            "12",
            "DK",
            False,
        ),
        (
            0,
            "coach.dk@jump.test",
            "company_visit",
            "Virksomhedsbesøg hos Danfoss, Nordborg",
            70,
            "3",
            "DK",
            False,
        ),
        (
            0,
            "coach.dk@jump.test",
            "company_visit",
            "Besøg hos Flensburger Brauerei",
            45,
            "5",
            "DE",
            True,
        ),
        (0, "coach.dk@jump.test", "camp", "Dansk-tysk sommerlejr på Als", 150, "40", "DK", True),
        (2, "coach.de@jump.test", "workshop", "Bewerbungstraining", 80, "6", "DE", False),
        (2, "coach.de@jump.test", "language_course", "Dänisch im Alltag", 60, "16", "DE", False),
        (
            2,
            "coach.de@jump.test",
            "company_visit",
            "Besuch bei Linak in Nordborg",
            30,
            "5",
            "DK",
            True,
        ),
        (
            2,
            "coach.de@jump.test",
            "cross_border_trip",
            "Exkursion zur Berufsschule Sønderborg",
            20,
            "8",
            "DK",
            True,
        ),
        (
            0,
            "coach.dk@jump.test",
            "workshop",
            "Jobmesse Flensburg: grænseoverskridende workshop",
            10,
            "4",
            "DE",
            True,
        ),
        (
            2,
            "coach.de@jump.test",
            "workshop",
            "Interkulturelles Training (geplant)",
            -14,
            "6",
            "DE",
            False,
        ),
    ]
    activities = []
    for partner_index, creator, kind, title, ago, hours, country, cross in specs:
        activities.append(
            Activity.objects.create(
                partner=partners[partner_index],
                created_by=users[creator],
                kind=kind,
                title=title,
                date=today - days(ago),
                hours=Decimal(hours),
                country=country,
                cross_border=cross,
                description="",
            )
        )
    rows = []
    for p in participants:
        if p.entry_date is None:
            continue
        mine = [a for a in activities if a.partner_id == p.partner_id and a.date <= today]
        joint = [a for a in activities if a.cross_border and a.date <= today and a not in mine]
        # a varied ladder: some only local, some visits, some camps
        chosen = mine[: 1 + p.demo_index % len(mine)] if mine else joint[: 1 + p.demo_index % 3]
        for n, activity in enumerate(chosen):
            if activity.date < p.entry_date:
                continue
            status = "attended" if (n + p.demo_index) % 5 else "absent"
            rows.append(
                Attendance(
                    activity=activity, participant=p, status=status, recorded_by=p.demo_coach
                )
            )
    Attendance.objects.bulk_create(rows)
    return activities


def _outcomes(participants, today):
    rows = []
    kinds = [
        ("in_vocational_training", True),
        ("employed", False),
        ("in_education", False),
        ("employed", True),
    ]
    for p in participants:
        if not p.has_left:
            continue
        if p.status == S.DROPPED_OUT:
            rows.append(
                Outcome(
                    participant=p,
                    timing="exit",
                    kind="seeking_work",
                    date=p.exit_date,
                    recorded_by=p.demo_coach,
                )
            )
            continue
        kind, cross = kinds[p.demo_index % len(kinds)]
        rows.append(
            Outcome(
                participant=p,
                timing="exit",
                kind=kind,
                cross_border=cross,
                date=p.exit_date,
                recorded_by=p.demo_coach,
                note="Apprenticeship found through the programme" if cross else "",
            )
        )
        six_due = p.exit_date + datetime.timedelta(days=182)
        # Most six-month follow-ups that are due are done; one is left open to show the prompt.
        if six_due <= today and p.demo_language == "da":
            rows.append(
                Outcome(
                    participant=p,
                    timing="six_months",
                    kind=kind,
                    cross_border=cross,
                    date=six_due,
                    recorded_by=p.demo_coach,
                )
            )
    Outcome.objects.bulk_create(rows)


def seed(world: dict) -> None:
    today = timezone.localdate()
    existing = list(
        Participant.objects.filter(email__endswith=DEMO_DOMAIN).select_related("partner", "coach")
    )
    if existing:
        # Already seeded: hand the existing demo data on to the apps that build on it.
        _coaches(world)
        world["participants"] = existing
        world["activities"] = list(Activity.objects.filter(partner__in=world["partners"]))
        world["participant_shares"] = list(
            ParticipantShare.objects.filter(participant__in=existing)
        )
        return
    rng = random.Random(20260601)
    participants = _make_participants(world, today, rng)
    _consents(participants)
    _languages(participants, today)
    _assessments(participants, today, rng)
    _plans(participants, today)
    _notes(participants, today)
    # Plans and notes were written in bulk: the caseload's sort key in one statement.
    recompute_next_due([p.pk for p in participants])
    activities = _activities(world, participants, today)
    _outcomes(participants, today)
    # Co-coaching across the border: a Danish case shared with the German coach.
    shared = next(p for p in participants if p.demo_language == "da" and p.status == S.ACTIVE)
    share = ParticipantShare.objects.create(
        participant=shared,
        coach=world["users"]["coach.de@jump.test"],
        granted_by=world["users"]["coach.dk@jump.test"],
    )
    world["participants"] = participants
    world["activities"] = activities
    world["participant_shares"] = [share]
