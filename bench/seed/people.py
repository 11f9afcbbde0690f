"""seed_scale: partners and staff, participants and their case files."""

import datetime

from .base import (
    BENCH_EMAIL_DOMAIN,
    MARKER_PREFIX,
    UNUSABLE_PASSWORD,
    Sink,
    World,
    _weighted,
    new_uuid,
    table,
)

# --- the data set ---------------------------------------------------------------------------

FIRST_NAMES_DA = (
    "Mette", "Anne", "Camilla", "Freja", "Ida", "Emma", "Sofie", "Laura", "Clara", "Maja",
    "Line", "Nanna", "Sara", "Julie", "Astrid", "Mads", "Lars", "Jonas", "Mikkel", "Rasmus",
    "Frederik", "Oliver", "William", "Lucas", "Noah", "Magnus", "Emil", "Christian", "Søren",
    "Anders", "Kasper", "Niels", "Jens", "Peter", "Malthe", "Tobias", "Victor", "Oscar",
    "Alfred", "Karl",
)  # fmt: skip
FIRST_NAMES_DE = (
    "Lena", "Anna", "Lea", "Hannah", "Mia", "Emily", "Lina", "Marie", "Sophie", "Johanna",
    "Katrin", "Nina", "Jana", "Paula", "Greta", "Jonas", "Leon", "Finn", "Paul", "Luca", "Felix",
    "Lukas", "Tim", "Ben", "Elias", "Noah", "Maximilian", "Jan", "Moritz", "Tom", "Niklas",
    "Philipp", "Julian", "David", "Fabian", "Simon", "Erik", "Henrik", "Mats", "Ole",
)  # fmt: skip
SURNAME_STEMS = (
    "Han", "Jen", "Niel", "Peder", "Ander", "Christian", "Lar", "Rasmus", "Poul", "Mad", "Søren",
    "Jakob", "Fred", "Kristen", "Mikkel", "Ol", "Thom", "Jørgen", "Knud", "Mort", "Iver",
    "Esper", "Bertel", "Sigurd", "Torben", "Vilhelm", "Kjeld", "Aksel", "Gunnar", "Holger",
    "Ebbe", "Palle", "Finn", "Egon", "Ulrik", "Tage", "Vagn", "Arne", "Leif", "Svend",
)  # fmt: skip
SURNAME_ENDINGS_DA = ("sen", "gaard", "holm", "strup", "bæk", "lund", "berg", "dal", "kær", "by")
SURNAME_ENDINGS_DE = ("mann", "meier", "bauer", "hof", "brink", "feld", "ing", "ke", "horst", "er")
STREETS = ("Storegade", "Nørregade", "Havnevej", "Hauptstraße", "Bahnhofstraße", "Ringvej")
TOWNS_DK = (("6400", "Sønderborg"), ("6200", "Aabenraa"), ("6270", "Tønder"), ("6100", "Haderslev"))
TOWNS_DE = (
    ("24937", "Flensburg"),
    ("24837", "Schleswig"),
    ("25813", "Husum"),
    ("24768", "Rendsburg"),
)
NOTE_TEXTS = (
    "Talked about the internship and the way there by bus.",
    "Phone call: missed the workshop, will come next week.",
    "Visit at home with the parents; plans for the school year.",
    "Practised the interview for the apprenticeship.",
    "Message: sent the CV to the company.",
    "Group session on Danish and German working life.",
    "Follow-up on the language course; attendance is good.",
    "Talked about motivation and the daily rhythm.",
)

ACTIVITY_KINDS = ("workshop", "language_course", "company_visit", "cross_border_trip", "camp")

# --- accounts -------------------------------------------------------------------------------


def seed_accounts(sink: Sink, w: World, now: datetime.datetime) -> None:
    scale, rng = w.scale, w.rng
    kinds = ("production_school", "job_centre", "vocational_school", "municipality")

    def partners():
        for i in range(scale.partners):
            country = "DK" if i % 2 == 0 else "DE"
            w.partner_country.append(country)
            name = f"{'Produktionsskole' if country == 'DK' else 'Produktionsschule'} {i + 1:03d}"
            if i == 0:
                name = f"{MARKER_PREFIX}{scale.participants}"
            yield (i + 1, now, now, new_uuid(), name, country, kinds[i % len(kinds)])

    sink.write(
        table("accounts.Partner"),
        ["id", "created_at", "updated_at", "public_id", "name", "country", "kind"],
        partners(),
    )
    users = []  # (id, first, last, email, language, partner_id, company_id, is_staff/super)
    for p in range(scale.partners):
        language = "da" if w.partner_country[p] == "DK" else "de"
        w.coaches.append([])
        w.learners.append([])
        for c in range(scale.coaches_per_partner):
            uid = w.new_user_id()
            w.coaches[p].append(uid)
            users.append((uid, "Coach", f"{p + 1:03d}-{c + 1:02d}", f"coach.{uid}", language, p))
        for c in range(scale.coaches_per_partner):
            uid = w.new_user_id()
            w.learners[p].append(uid)
            users.append((uid, "Staff", f"{p + 1:03d}-{c + 1:02d}", f"staff.{uid}", language, p))
    for t in range(scale.trainers):
        uid = w.new_user_id()
        w.trainers.append(uid)
        users.append((uid, "Trainer", f"{t + 1:03d}", f"trainer.{uid}", "da", t % scale.partners))
    for m in range(3):
        uid = w.new_user_id()
        w.managers.append(uid)
        users.append((uid, "Manager", f"{m + 1}", f"manager.{uid}", "en", None))
    w.admin = w.new_user_id()
    users.append((w.admin, "Admin", "Bench", f"admin.{w.admin}", "en", None))

    def user_rows():
        for uid, first, last, local, language, partner in users:
            is_admin = uid == w.admin
            yield (
                uid, UNUSABLE_PASSWORD, None, is_admin, first, last, is_admin, True, now, now, now,
                new_uuid(), f"{local}@{BENCH_EMAIL_DOMAIN}", language, None,
                None if partner is None else partner + 1,
            )  # fmt: skip

    sink.write(table("accounts.User"), USER_COLUMNS, user_rows())
    rng.random()  # keep the sequence stable if the blocks above change size


USER_COLUMNS = [
    "id", "password", "last_login", "is_superuser", "first_name", "last_name", "is_staff",
    "is_active", "date_joined", "created_at", "updated_at", "public_id", "email",
    "preferred_language", "company_id", "partner_id",
]  # fmt: skip


# --- participants and their case files ------------------------------------------------------

STATUSES = ("interested", "enrolled", "active", "completed", "dropped_out")
STATUS_WEIGHTS = (10, 15, 40, 25, 10)
GENDERS = ("female", "male", "diverse", "not_stated")
GENDER_WEIGHTS = (46, 50, 2, 2)
ISCED = ("isced_0_2", "isced_3_4", "isced_5_8")
ISCED_WEIGHTS = (60, 35, 5)
LMS = ("unemployed", "long_term_unemployed", "inactive", "in_education", "employed")
LMS_WEIGHTS = (35, 20, 25, 15, 5)


def seed_participants(sink: Sink, w: World, now: datetime.datetime) -> None:
    scale, rng = w.scale, w.rng
    today, first = w.today_ord, w.first_ord

    def rows():
        for i in range(scale.participants):
            partner = i % scale.partners
            coaches = w.coaches[partner]
            coach = coaches[(i // scale.partners) % len(coaches)]
            home = w.partner_country[partner]
            r = rng.random()
            country = home if r < 0.85 else ("XX" if r > 0.97 else ("DE" if home == "DK" else "DK"))
            status = _weighted(rng, STATUSES, STATUS_WEIGHTS)
            entry = exit_ = None
            if status == "enrolled":
                entry = rng.randint(max(first, today - 60), today - 1)
            elif status == "active":
                entry = rng.randint(first, today - 30)
            elif status in ("completed", "dropped_out"):
                entry = rng.randint(first, today - 45)
                exit_ = min(entry + rng.randint(30, 300), today - 1)
            age = _weighted(rng, (16, 18, 21, 25, 30), (10, 35, 30, 20, 5)) + rng.randint(0, 3)
            born = (entry or today) - int(age * 365.25) - rng.randint(0, 364)
            danish = (country == "DK") if country != "XX" else rng.random() < 0.5
            first_name = rng.choice(FIRST_NAMES_DA if danish else FIRST_NAMES_DE)
            ending = SURNAME_ENDINGS_DA if danish else SURNAME_ENDINGS_DE
            last_name = rng.choice(SURNAME_STEMS) + rng.choice(ending)
            postcode, town = rng.choice(TOWNS_DK if country == "DK" else TOWNS_DE)
            w.p_partner.append(partner)
            w.p_coach.append(coach)
            w.p_country.append(country)
            w.p_status.append(status)
            w.p_entry.append(entry)
            w.p_exit.append(exit_)
            created = w.at(entry or today - rng.randint(1, 60))
            yield (
                i + 1, created, created, new_uuid(), first_name, last_name, w.day(born),
                _weighted(rng, GENDERS, GENDER_WEIGHTS), f"p{i + 1}@example.org",
                f"+45 {20000000 + i}", f"{rng.choice(STREETS)} {rng.randint(1, 120)}", postcode,
                town, country, _weighted(rng, ISCED, ISCED_WEIGHTS),
                _weighted(rng, LMS, LMS_WEIGHTS), status, w.day(entry), w.day(exit_),
                "" if exit_ is None else "Programme finished" if status == "completed" else
                "Moved away", "da" if home == "DK" else "de", None, coach, partner + 1,
            )  # fmt: skip

    sink.write(
        table("participants.Participant"),
        ["id", "created_at", "updated_at", "public_id", "first_name", "last_name",
         "date_of_birth", "gender", "email", "phone", "street", "postcode", "municipality",
         "country_of_residence", "education_level", "labour_market_status", "status",
         "entry_date", "exit_date", "exit_reason", "preferred_language", "erased_at", "coach_id",
         "partner_id"],
        rows(),
    )  # fmt: skip


def _window(w: World, i: int) -> tuple[int, int]:
    """The days a participant was in touch with the programme (interested: the last 90 days)."""
    entry = w.p_entry[i]
    if entry is None:
        return w.today_ord - 90, w.today_ord
    return entry, w.p_exit[i] or w.today_ord


def seed_case_notes(sink: Sink, w: World, now: datetime.datetime) -> None:
    rng, today = w.rng, w.today_ord
    channels = ("meeting", "phone", "visit", "message", "group")

    def rows():
        pk = 0
        for i in range(w.scale.participants):
            low, high = _window(w, i)
            count = 2 if w.p_entry[i] is None else 11
            left = w.p_exit[i] is not None
            for day in sorted(rng.randint(low, high) for _ in range(count)):
                pk += 1
                follow = done = None
                if rng.random() < 0.15:
                    follow = day + rng.randint(3, 21)
                    if left or (follow < today and rng.random() < 0.8):
                        done = min(follow, today)
                created = w.at(day)
                yield (
                    pk, created, created, new_uuid(), w.day(day), rng.choice(channels),
                    NOTE_TEXTS[pk % len(NOTE_TEXTS)], w.day(follow), w.day(done), w.p_coach[i],
                    i + 1,
                )  # fmt: skip

    sink.write(
        table("participants.Contact"),
        ["id", "created_at", "updated_at", "public_id", "date", "channel", "summary",
         "follow_up_on", "follow_up_done_on", "author_id", "participant_id"],
        rows(),
    )  # fmt: skip


def seed_consents(sink: Sink, w: World, now: datetime.datetime) -> None:
    rng = w.rng

    def rows():
        pk = 0
        for i in range(w.scale.participants):
            shares = False
            if w.p_entry[i] is not None:
                when = w.at(w.p_entry[i], 9)
                coach = w.p_coach[i]
                records = [("participation", True, when), ("funder_reporting", True, when)]
                if rng.random() < 0.8:
                    shares = True
                    records.append(("share_with_companies", True, when))
                    if rng.random() < 0.05:  # withdrawn later: a new row, the old one kept
                        shares = False
                        later = min(w.p_entry[i] + rng.randint(5, 60), w.today_ord)
                        records.append(("share_with_companies", False, w.at(later, 11)))
                for purpose, given, at in records:
                    pk += 1
                    yield (pk, purpose, given, "Signed form", at, coach, i + 1)
            w.p_shares.append(shares)

    sink.write(
        table("participants.Consent"),
        ["id", "purpose", "given", "evidence", "recorded_at", "recorded_by_id", "participant_id"],
        rows(),
    )


def seed_language_skills(sink: Sink, w: World, now: datetime.datetime) -> None:
    rng = w.rng
    levels = ("A1", "A2", "B1", "B2", "C1", "C2")

    def rows():
        pk = 0
        for i in range(w.scale.participants):
            low, _high = _window(w, i)
            native = "da" if w.p_country[i] == "DK" else "de" if w.p_country[i] == "DE" else "en"
            skills = [(native, "C2")]
            if rng.random() < 0.3:
                skills.append(("de" if native == "da" else "da", rng.choice(levels[:4])))
            for language, level in skills:
                pk += 1
                yield (pk, now, now, language, "", level, w.day(low), i + 1, new_uuid())

    sink.write(
        table("participants.LanguageSkill"),
        ["id", "created_at", "updated_at", "language", "other_language", "level", "assessed_on",
         "participant_id", "public_id"],
        rows(),
    )  # fmt: skip


def seed_assessments(sink: Sink, w: World, now: datetime.datetime) -> None:
    rng = w.rng

    def rows():
        pk = 0
        for i in range(w.scale.participants):
            entry = w.p_entry[i]
            if entry is None:
                continue
            kinds = [("entry", entry, 0)]
            if w.p_exit[i] is not None and rng.random() < 0.85:
                kinds.append(("exit", w.p_exit[i], 1 if rng.random() < 0.65 else -1))
            for kind, day, shift in kinds:
                for rater in ("self", "coach"):
                    pk += 1
                    ratings = [min(5, max(1, rng.randint(1, 4) + shift)) for _ in range(5)]
                    yield (
                        pk, now, now, new_uuid(), kind, rater, w.day(day), *ratings, "",
                        i + 1, w.p_coach[i],
                    )  # fmt: skip

    sink.write(
        table("participants.Assessment"),
        ["id", "created_at", "updated_at", "public_id", "kind", "rater", "date",
         "mobility_readiness", "intercultural_competence", "vocational_orientation",
         "language_confidence", "social_skills", "note", "participant_id", "recorded_by_id"],
        rows(),
    )  # fmt: skip


OUTCOME_KINDS = ("in_education", "in_vocational_training", "employed", "self_employed",
                 "seeking_work", "inactive", "unknown")  # fmt: skip
OUTCOME_WEIGHTS = (25, 20, 25, 3, 15, 7, 5)
CROSS_BORDER_KINDS = set(OUTCOME_KINDS[:4])


def seed_outcomes(sink: Sink, w: World, now: datetime.datetime) -> None:
    rng, today = w.rng, w.today_ord

    def rows():
        pk = 0
        for i in range(w.scale.participants):
            exit_ = w.p_exit[i]
            if exit_ is None:
                continue
            timings = [("exit", exit_)]
            if exit_ + 182 <= today and rng.random() < 0.9:
                timings.append(("six_months", exit_ + 182))
            for timing, day in timings:
                pk += 1
                kind = _weighted(rng, OUTCOME_KINDS, OUTCOME_WEIGHTS)
                cross = kind in CROSS_BORDER_KINDS and rng.random() < 0.15
                yield (pk, now, now, timing, kind, w.day(day), cross, "", i + 1, w.p_coach[i])

    sink.write(
        table("participants.Outcome"),
        ["id", "created_at", "updated_at", "timing", "kind", "date", "cross_border", "note",
         "participant_id", "recorded_by_id"],
        rows(),
    )  # fmt: skip


def seed_action_plans(sink: Sink, w: World, now: datetime.datetime) -> None:
    """One plan with one goal and two steps per participant who entered."""
    rng, today = w.rng, w.today_ord
    steps = []

    def plans():
        for i in range(w.scale.participants):
            entry = w.p_entry[i]
            if entry is None:
                continue
            pk = len(steps) // 2 + 1
            left = w.p_exit[i] is not None
            for n in range(2):
                due = entry + rng.randint(14, 120) * (n + 1)
                done = None
                if left or due < today - 3:
                    done = min(due, today) if (left or rng.random() < 0.85) else None
                steps.append((pk, due, done))
            yield (pk, now, now, new_uuid(), "Into training or work", w.day(entry),
                   w.p_coach[i], i + 1)  # fmt: skip

    sink.write(
        table("participants.ActionPlan"),
        ["id", "created_at", "updated_at", "public_id", "title", "starts_on", "created_by_id",
         "participant_id"],
        plans(),
    )  # fmt: skip
    plan_count = len(steps) // 2
    sink.write(
        table("participants.Goal"),
        ["id", "created_at", "updated_at", "public_id", "title", "due_on", "done_on", "plan_id"],
        (
            (pk, now, now, new_uuid(), "Find an apprenticeship", None, None, pk)
            for pk in range(1, plan_count + 1)
        ),
    )
    titles = ("Write the CV", "Visit a company across the border")
    sink.write(
        table("participants.Step"),
        ["id", "created_at", "updated_at", "public_id", "title", "due_on", "done_on", "goal_id"],
        (
            (n + 1, now, now, new_uuid(), titles[n % 2], w.day(due), w.day(done), goal)
            for n, (goal, due, done) in enumerate(steps)
        ),
    )


def seed_activities(sink: Sink, w: World, now: datetime.datetime) -> None:
    rng, scale = w.rng, w.scale
    per_partner = scale.activities_per_partner
    hours = ("2.0", "3.5", "6.0", "8.0", "16.0")

    def activities():
        for p in range(scale.partners):
            for a in range(per_partner):
                pk = p * per_partner + a + 1
                kind = ACTIVITY_KINDS[a % len(ACTIVITY_KINDS)]
                cross = kind in ("cross_border_trip", "camp") or rng.random() < 0.2
                day = rng.randint(w.first_ord, w.today_ord + 30)
                yield (
                    pk, now, now, new_uuid(), kind, f"{kind.replace('_', ' ').title()} {a + 1}",
                    "", w.day(day), rng.choice(hours), w.partner_country[p], cross,
                    w.coaches[p][0], p + 1,
                )  # fmt: skip

    sink.write(
        table("participants.Activity"),
        ["id", "created_at", "updated_at", "public_id", "kind", "title", "description", "date",
         "hours", "country", "cross_border", "created_by_id", "partner_id"],
        activities(),
    )  # fmt: skip
    statuses = ("attended", "absent", "excused")

    def attendances():
        pk = 0
        for i in range(scale.participants):
            if w.p_entry[i] is None:
                continue
            base = w.p_partner[i] * per_partner
            chosen = rng.sample(range(per_partner), min(per_partner, rng.randint(5, 6)))
            for a in chosen:
                pk += 1
                status = _weighted(rng, statuses, (80, 15, 5))
                yield (pk, now, now, status, base + a + 1, i + 1, w.p_coach[i])

    sink.write(
        table("participants.Attendance"),
        ["id", "created_at", "updated_at", "status", "activity_id", "participant_id",
         "recorded_by_id"],
        attendances(),
    )  # fmt: skip


def seed_shares(sink: Sink, w: World, now: datetime.datetime) -> None:
    """Co-coaching across the border for 1 % of the participants."""
    rng, scale = w.rng, w.scale

    def rows():
        for pk, i in enumerate(range(0, scale.participants, 100), start=1):
            other = (w.p_partner[i] + 1) % scale.partners  # the next partner: other country
            yield (pk, now, now, None, rng.choice(w.coaches[other]), w.p_coach[i], i + 1)

    sink.write(
        table("participants.ParticipantShare"),
        ["id", "created_at", "updated_at", "revoked_at", "coach_id", "granted_by_id",
         "participant_id"],
        rows(),
    )  # fmt: skip
