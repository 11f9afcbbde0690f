"""seed_scale: companies, their contacts, offers, placements and support; staff training;
roles and MFA of every user."""

import datetime
import json

from django.db import connection

from .base import (
    BENCH_EMAIL_DOMAIN,
    TOTP_SECRET,
    UNUSABLE_PASSWORD,
    Sink,
    World,
    _weighted,
    new_uuid,
    table,
)
from .people import STREETS, TOWNS_DE, TOWNS_DK, USER_COLUMNS

SECTORS = ("energy", "food", "tourism", "logistics", "construction", "health", "manufacturing",
           "retail", "it", "other")  # fmt: skip
COMPANY_WORDS = ("Nord", "Syd", "Grænse", "Förde", "Kyst", "Marsk", "Ø", "Bugt", "Fjord", "Hede")
COMPANY_KINDS = ("ApS", "A/S", "GmbH", "KG", "I/S", "e.K.")
OFFER_KINDS = ("taster_day", "internship", "apprenticeship", "job", "company_visit")
MODULE_TOPICS = (
    "Intercultural competence",
    "Coaching young people across the border",
    "Company liaison",
    "Danish and German vocational training",
    "Motivational interviewing",
    "Trauma-informed practice",
    "Working with parents",
    "Digital tools in coaching",
)


def seed_company_contacts(sink: Sink, w: World, now: datetime.datetime) -> None:
    """One contact per company (users created after the companies exist)."""
    first_contact = w.next_user

    def rows():
        for c, country in enumerate(w.company_country):
            uid = w.new_user_id()
            w.contacts.append(uid)
            yield (
                uid, UNUSABLE_PASSWORD, None, False, "Contact", f"{c + 1:05d}", False, True, now,
                now, now, new_uuid(), f"contact.{uid}@{BENCH_EMAIL_DOMAIN}",
                "da" if country == "DK" else "de", c + 1, None,
            )  # fmt: skip

    sink.write(table("accounts.User"), USER_COLUMNS, rows())
    sink.write(
        table("companies.CompanyContact"),
        ["id", "created_at", "updated_at", "user_id", "job_title", "phone"],
        (
            (i + 1, now, now, uid, "HR", "")
            for i, uid in enumerate(range(first_contact, w.next_user))
        ),
    )


def seed_groups_and_mfa(sink: Sink, w: World, now: datetime.datetime) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import encrypt
    from django.contrib.auth.models import Group

    groups = {g.name: g.pk for g in Group.objects.all()}
    for name in ("coach", "company_contact", "programme_manager", "trainer", "staff_learner",
                 "admin"):  # fmt: skip
        if name not in groups:
            groups[name] = Group.objects.create(name=name).pk
    memberships = []
    for partner_coaches in w.coaches:
        memberships += [(uid, groups["coach"]) for uid in partner_coaches]
    for partner_learners in w.learners:
        memberships += [(uid, groups["staff_learner"]) for uid in partner_learners]
    memberships += [(uid, groups["trainer"]) for uid in w.trainers]
    memberships += [(uid, groups["programme_manager"]) for uid in w.managers]
    memberships += [(w.admin, groups["admin"])]
    memberships += [(uid, groups["company_contact"]) for uid in w.contacts]
    sink.write(
        "accounts_user_groups",
        ["id", "user_id", "group_id"],
        ((i + 1, uid, gid) for i, (uid, gid) in enumerate(memberships)),
    )
    # Every coach, manager and the admin has TOTP set up (the platform requires it).
    mfa_users = [uid for coaches in w.coaches for uid in coaches] + w.managers + [w.admin]
    data = {"secret": encrypt(TOTP_SECRET)}
    sink.write(
        Authenticator._meta.db_table,
        ["id", "type", "data", "user_id", "created_at"],
        ((i + 1, "totp", _json(data), uid, now) for i, uid in enumerate(mfa_users)),
    )


def _json(data):
    if connection.vendor == "postgresql":
        from psycopg.types.json import Jsonb

        return Jsonb(data)
    return json.dumps(data)


# --- companies ------------------------------------------------------------------------------


def _cvr(n: int) -> str:
    """The n-th valid CVR number from 10000000 on (modulus 11 over eight digits)."""
    from companies.registration import cvr_check_digit

    base = 1000000 + n * 3
    while True:
        digits = str(base)
        check = cvr_check_digit(digits)
        if check is not None:
            return digits + str(check)
        base += 1


def seed_companies(sink: Sink, w: World, now: datetime.datetime) -> None:
    rng, scale = w.rng, w.scale
    dk_partners = [p for p, c in enumerate(w.partner_country) if c == "DK"]
    de_partners = [p for p, c in enumerate(w.partner_country) if c == "DE"]
    w.companies_by_country = {"DK": [], "DE": []}

    def rows():
        for c in range(scale.companies):
            country = "DK" if c % 2 == 0 else "DE"
            w.company_country.append(country)
            w.companies_by_country[country].append(c)
            partners = dk_partners if country == "DK" else de_partners
            postcode, town = rng.choice(TOWNS_DK if country == "DK" else TOWNS_DE)
            name = (
                f"{rng.choice(COMPANY_WORDS)}{rng.choice(SECTORS).title()} {c + 1} "
                f"{rng.choice(COMPANY_KINDS[:2] if country == 'DK' else COMPANY_KINDS[2:5])}"
            )
            yield (
                c + 1, now, now, new_uuid(), name, country,
                _cvr(c) if country == "DK" else "", "" if country == "DK" else "Flensburg",
                "" if country == "DK" else f"HRB {c + 1}", f"{rng.choice(STREETS)} 1", postcode,
                town, rng.choice(SECTORS), rng.choice(("micro", "small", "medium", "large")),
                _weighted(rng, ("active", "prospect", "inactive"), (70, 20, 10)), None,
                partners[c % len(partners)] + 1, "", "",
            )  # fmt: skip

    sink.write(
        table("companies.Company"),
        ["id", "created_at", "updated_at", "public_id", "name", "country", "cvr",
         "register_court", "register_number", "street", "postcode", "city", "sector",
         "size_band", "status", "created_by_id", "responsible_partner_id", "description",
         "website"],
        rows(),
    )  # fmt: skip


def _offer_rows(w: World) -> list[list]:
    """Three offers per company (company index, kind, status, start day), noted in `w`."""
    rng, today = w.rng, w.today_ord
    offer_rows: list[list] = []
    for c in range(w.scale.companies):
        w.offers_of_company.append([])
        for k in range(3):
            index = len(offer_rows)
            status = _weighted(rng, ("published", "closed", "draft"), (60, 30, 10))
            start = rng.randint(w.first_ord, today + 60)
            offer_rows.append([c, OFFER_KINDS[(c + k) % len(OFFER_KINDS)], status, start])
            w.offers_of_company[c].append(index)
            w.offer_company.append(c)
            w.offer_status.append(status)
    return offer_rows


def _placement_days(rng, status: str, entry: int, exit_day: int | None, today: int) -> tuple:
    """(decided, start, end) day ordinals of a placement in `status` (None where it has none)."""
    start = end = decided = None
    if status != "proposed":
        decided = min(entry + rng.randint(3, 30), today)
    if status in ("accepted",):
        start = today + rng.randint(3, 40)
        end = start + rng.randint(5, 90)
    elif status == "active":
        start = rng.randint(entry, today)
        end = today + rng.randint(1, 60) if rng.random() < 0.9 else None
    elif status in ("completed", "aborted"):
        last = exit_day or today
        start = rng.randint(entry, max(entry, last - 5))
        end = min(start + rng.randint(5, 120), last)
    return decided, start, end


def _placements_of(
    w: World, i: int, entry: int, open_offers: dict[str, list[int]], taking: list[int]
) -> list[tuple]:
    """Participant i's placements (0–3, mostly in their partner's country); `taking` counts the
    places they hold."""
    rng, today = w.rng, w.today_ord
    p_statuses = ("proposed", "accepted", "declined", "active", "completed", "aborted")
    count = _weighted(rng, (0, 1, 2, 3), (20, 50, 20, 10))
    home = w.partner_country[w.p_partner[i]]
    left = w.p_exit[i] is not None
    used = set()
    placements = []
    for _n in range(count):
        country = home if rng.random() < 0.8 else ("DE" if home == "DK" else "DK")
        offer = rng.choice(open_offers[country])
        if offer in used:
            continue
        used.add(offer)
        if left:
            status = _weighted(rng, ("declined", "completed", "aborted"), (20, 65, 15))
        else:
            status = _weighted(rng, p_statuses, (20, 12, 10, 30, 20, 8))
        decided, start, end = _placement_days(rng, status, entry, w.p_exit[i], today)
        if status in ("accepted", "active"):
            taking[offer] += 1
        cross = w.p_country[i] != w.company_country[w.offer_company[offer]]
        placements.append((i, offer, status, decided, start, end, cross))
    return placements


def seed_offers_and_placements(sink: Sink, w: World, now: datetime.datetime) -> None:
    """Three offers per company; about one placement per participant, in published or closed
    offers, mostly with companies of the partner's own country."""
    rng, scale, today = w.rng, w.scale, w.today_ord
    offer_rows = _offer_rows(w)
    open_offers = {
        country: [
            o for c in companies for o in w.offers_of_company[c] if w.offer_status[o] != "draft"
        ]
        for country, companies in w.companies_by_country.items()
    }
    taking = [0] * len(offer_rows)
    placements: list[tuple] = []
    feedback = []
    for i in range(scale.participants):
        entry = w.p_entry[i]
        if entry is None:
            continue
        placements += _placements_of(w, i, entry, open_offers, taking)
    pk_feedback = 0

    def offers():
        for o, (c, kind, status, start) in enumerate(offer_rows):
            published = w.at(min(start - 20, today), 8) if status != "draft" else None
            closed = w.at(min(start + 30, today), 8) if status == "closed" else None
            places = max(taking[o], rng.randint(1, 3))
            yield (
                o + 1, now, now, new_uuid(), kind, f"{kind.replace('_', ' ').title()} {o + 1}",
                "", "On site", w.day(start), w.day(start + 90), places, status, published,
                closed, c + 1, None,
            )  # fmt: skip

    sink.write(
        table("companies.Offer"),
        ["id", "created_at", "updated_at", "public_id", "kind", "title", "description", "place",
         "start_date", "end_date", "places", "status", "published_at", "closed_at", "company_id",
         "created_by_id"],
        offers(),
    )  # fmt: skip

    def placement_rows():
        nonlocal pk_feedback
        for n, (i, offer, status, decided, start, end, cross) in enumerate(placements):
            contact = w.contacts[w.offer_company[offer]]
            created = w.at(w.p_entry[i] + 1 + n % 7, 8 + n % 10)
            done = status in ("active", "completed", "aborted")
            if status == "completed":
                if rng.random() < 0.7:
                    pk_feedback += 1
                    feedback.append((pk_feedback, "company", contact, n + 1, rng.random() < 0.6))
                if rng.random() < 0.5:
                    pk_feedback += 1
                    feedback.append((pk_feedback, "coach", w.p_coach[i], n + 1, True))
            yield (
                n + 1, created, created, new_uuid(), status,
                None if decided is None else w.at(decided, 12),
                "Not the right time" if status == "declined" else "", w.day(start), w.day(end),
                "Mentor" if done else "", "", cross, done and cross, done and cross,
                done and cross, done and cross, contact if decided else None, offer + 1, i + 1,
                w.p_coach[i],
                # The actual start and end (issue 19): a placement that began has them.
                w.day(start) if done else None,
                w.day(end) if status in ("completed", "aborted") else None,
            )  # fmt: skip

    sink.write(
        table("companies.Placement"),
        ["id", "created_at", "updated_at", "public_id", "status", "decided_at", "decline_reason",
         "start_date", "end_date", "mentor_name", "mentor_contact", "cross_border",
         "health_insurance_card", "tax_card", "accident_insurance", "travel_arranged",
         "decided_by_id", "offer_id", "participant_id", "proposed_by_id", "started_on",
         "ended_on"],
        placement_rows(),
    )  # fmt: skip
    sink.write(
        table("companies.PlacementFeedback"),
        ["id", "created_at", "updated_at", "side", "punctuality", "motivation", "skills",
         "language", "would_hire", "comments", "author_id", "placement_id"],
        (
            (pk, now, now, side, 4, 4, 3, 3, hire, "", author, placement)
            for pk, side, author, placement, hire in feedback
        ),
    )  # fmt: skip


def seed_support(sink: Sink, w: World, now: datetime.datetime) -> None:
    rng = w.rng
    kinds = ("intercultural_training", "language_help", "mentoring", "cross_border_paperwork")
    needs = list(range(0, w.scale.companies, 2))
    sink.write(
        table("companies.SupportNeed"),
        ["id", "created_at", "updated_at", "public_id", "kind", "description", "status",
         "company_id", "requested_by_id"],
        (
            (n + 1, now, now, new_uuid(), kinds[n % 4], "Help to take a young person in",
             _weighted(rng, ("open", "in_progress", "done"), (30, 30, 40)), c + 1, w.contacts[c])
            for n, c in enumerate(needs)
        ),
    )  # fmt: skip

    def actions():
        pk = 0
        for n, c in enumerate(needs):
            partner = 0 if w.company_country[c] == "DK" else 1
            for _k in range(rng.randint(1, 2)):
                pk += 1
                day = rng.randint(w.first_ord, w.today_ord)
                yield (pk, now, now, w.day(day), "Meeting at the company", "2.00",
                       w.coaches[partner][0], n + 1)  # fmt: skip

    sink.write(
        table("companies.SupportAction"),
        ["id", "created_at", "updated_at", "date", "description", "hours", "performed_by_id",
         "need_id"],
        actions(),
    )  # fmt: skip


# --- training -------------------------------------------------------------------------------


def _enrolment_state(w: World, day: int) -> tuple:
    """(status, cancelled at, completed at) of an enrolment in a session starting on `day`."""
    rng, today = w.rng, w.today_ord
    cancelled = completed = None
    if day + 2 < today:
        status = _weighted(rng, ("completed", "attended", "no_show", "cancelled"), (65, 15, 10, 10))
    else:
        status = _weighted(rng, ("enrolled", "cancelled", "waitlisted"), (85, 10, 5))
    if status == "cancelled":
        cancelled = w.at(day - 3, 9)
    if status == "completed":
        completed = w.at(day + 2, 16)
    return status, cancelled, completed


def seed_training(sink: Sink, w: World, now: datetime.datetime) -> None:
    rng, scale, today = w.rng, w.scale, w.today_ord

    def modules():
        for m in range(scale.modules):
            topic = MODULE_TOPICS[m % len(MODULE_TOPICS)]
            title = f"{topic} {m // len(MODULE_TOPICS) + 1}"
            status = "published" if m < scale.modules - 5 else ("draft", "archived")[m % 2]
            summary = f"What works: {topic.lower()}."
            text = "Three days of practice with colleagues from both sides of the border."
            outcomes = "Plan a cross-border step\nTalk with companies"
            yield (
                m + 1, now, now, new_uuid(), title, title, title, title, summary, summary,
                summary, summary, text, text, text, text, outcomes, outcomes, outcomes, outcomes,
                "21.0", "all_staff", "in_person", status, None,
            )  # fmt: skip

    sink.write(
        table("training_modules.Module"),
        ["id", "created_at", "updated_at", "public_id", "title", "title_da", "title_de",
         "title_en", "summary", "summary_da", "summary_de", "summary_en", "description",
         "description_da", "description_de", "description_en", "learning_outcomes",
         "learning_outcomes_da", "learning_outcomes_de", "learning_outcomes_en", "hours",
         "target_group", "format", "status", "created_by_id"],
        modules(),
    )  # fmt: skip
    session_days = []

    def sessions():
        published = scale.modules - 5
        for s in range(scale.sessions):
            day = rng.randint(w.first_ord, today + 90)
            session_days.append(day)
            status = "held" if day + 2 < today else "planned"
            if rng.random() < 0.05:
                status = "cancelled"
            country = "DK" if s % 2 == 0 else "DE"
            yield (
                s + 1, now, now, new_uuid(), w.at(day, 8), w.at(day + 2, 15), "Training centre",
                country, "da" if country == "DK" else "de", 80, w.at(day - 5, 10), status,
                s % published + 1,
            )  # fmt: skip

    sink.write(
        table("training_modules.Session"),
        ["id", "created_at", "updated_at", "public_id", "starts_at", "ends_at", "place",
         "country", "language", "capacity", "enrolment_deadline", "status", "module_id"],
        sessions(),
    )  # fmt: skip
    sink.write(
        "training_modules_session_trainers",
        ["id", "session_id", "user_id"],
        ((s + 1, s + 1, w.trainers[s % len(w.trainers)]) for s in range(scale.sessions)),
    )
    staff = [uid for group in (*w.coaches, *w.learners) for uid in group]

    def enrolments():
        pk = 0
        for person in staff:
            for s in rng.sample(range(scale.sessions), min(10, scale.sessions)):
                day = session_days[s]
                pk += 1
                status, cancelled, completed = _enrolment_state(w, day)
                enrolled = w.at(day - 20, 9)
                yield (pk, now, now, new_uuid(), status, enrolled, cancelled, completed,
                       person, person, s + 1)  # fmt: skip

    sink.write(
        table("training_modules.Enrolment"),
        ["id", "created_at", "updated_at", "public_id", "status", "enrolled_at", "cancelled_at",
         "completed_at", "enrolled_by_id", "person_id", "session_id"],
        enrolments(),
    )  # fmt: skip

    def practices():
        for g in range(scale.good_practices):
            title = f"Good practice {g + 1}"
            body = "How a production school and a company across the border worked together."
            day = rng.randint(w.first_ord, today)
            partner = g % scale.partners
            yield (
                g + 1, now, now, new_uuid(), title, title, title, title, body, body, body, body,
                w.partner_country[partner], "published", w.at(day, 12), w.trainers[0], partner + 1,
            )  # fmt: skip

    sink.write(
        table("training_modules.GoodPractice"),
        ["id", "created_at", "updated_at", "public_id", "title", "title_da", "title_de",
         "title_en", "body", "body_da", "body_de", "body_en", "country", "status",
         "published_at", "author_id", "partner_id"],
        practices(),
    )  # fmt: skip
