"""The imports pages: upload, preview, commit, progress, file and template downloads."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from jump.audit.models import AccessLog
from jump.imports.models import ImportJob
from participants.models import Participant
from tests.factories.participants import ParticipantFactory

from .files import PARTICIPANT_HEADER_EN, PNG_BYTES, csv_bytes, participant_row, upload


def post_file(client, data, name="list.csv", kind="participants", **extra):
    return client.post(
        reverse("imports:job_create", kwargs={"kind": kind}), {"file": upload(name, data), **extra}
    )


def test_upload_shows_the_preview_and_commit_imports(client_for, personas):
    client = client_for("coach_a")
    data = csv_bytes(
        [PARTICIPANT_HEADER_EN, participant_row(1), participant_row(2, gender="Weiblichx")]
    )
    response = post_file(client, data)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "imports:job_detail", kwargs={"public_id": job.public_id}
    )

    page = client.get(response["Location"])
    content = page.content.decode()
    assert "Weiblichx" in content and "Gender" in content
    assert "Import valid rows only" in content

    blocked = client.post(reverse("imports:job_commit", kwargs={"public_id": job.public_id}))
    assert blocked.status_code == 302 and Participant.objects.count() == 0
    client.post(
        reverse("imports:job_commit", kwargs={"public_id": job.public_id}), {"skip_errors": "on"}
    )
    job.refresh_from_db()
    assert job.status == "committed" and Participant.objects.count() == 1


def test_a_bad_file_comes_back_as_a_form_error_and_nothing_is_stored(client_for):
    response = post_file(client_for("coach_a"), PNG_BYTES, name="photo.csv")
    assert response.status_code == 200
    assert "not a spreadsheet" in response.content.decode()
    assert response.context["form"].errors["file"]
    assert ImportJob.objects.count() == 0


def test_a_file_over_ten_megabytes_is_refused_by_the_form(client_for, settings):
    big = b"Fornavn;Efternavn;F\xf8dselsdato\r\n" + b"A;B;01.01.2004\r\n" * (700_000)
    assert len(big) > settings.MAX_UPLOAD_SIZE
    response = post_file(client_for("coach_a"), big)
    assert response.status_code == 200
    assert "too large" in response.context["form"].errors["file"][0]
    assert ImportJob.objects.count() == 0


def test_commit_is_post_only(client_for, world):
    url = reverse("imports:job_commit", kwargs={"public_id": world.job.public_id})
    assert client_for("coach_a").get(url).status_code == 405


def test_another_partners_coach_gets_404_on_the_job_file_and_commit(client_for, world):
    client = client_for("coach_b")
    for name in ("job_detail", "job_progress", "job_file", "job_commit"):
        url = reverse(f"imports:{name}", kwargs={"public_id": world.job.public_id})
        response = client.post(url) if name == "job_commit" else client.get(url)
        assert response.status_code == 404, name
    assert Participant.objects.count() == 0


def test_the_file_is_downloaded_as_an_attachment_and_logged(client_for, world):
    response = client_for("coach_a").get(
        reverse("imports:job_file", kwargs={"public_id": world.job.public_id})
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="list.csv"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"Young1" in b"".join(response.streaming_content)
    assert AccessLog.objects.filter(action="download", what__contains="import file").count() == 1


def test_the_list_shows_own_imports_to_a_coach_and_all_to_a_manager(client_for, world, make_job):
    make_job(
        csv_bytes([PARTICIPANT_HEADER_EN, participant_row(9)]), name="b.csv", actor=world.coach_b
    )
    coach_page = client_for("coach_a").get(reverse("imports:job_list"))
    assert list(coach_page.context["page"].object_list) == [world.job]
    manager_page = client_for("manager").get(reverse("imports:job_list"))
    assert len(manager_page.context["page"].object_list) == 2


@pytest.mark.parametrize("language", ["da", "de", "en"])
def test_the_template_has_headings_in_the_users_language_and_an_explanation_sheet(
    client_for, language
):
    with translation.override(language):
        url = reverse("imports:template", kwargs={"kind": "participants"})
    assert url.startswith(f"/{language}/")
    response = client_for("coach_a").get(url)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    data, explanation = workbook.worksheets[:2]
    first_heading = {"da": "Fornavn", "de": "Vorname", "en": "First name"}[language]
    assert data["A1"].value == first_heading
    assert [c.value for c in explanation[1]][:3] == ["Dansk", "Deutsch", "English"]
    rows = {row[2]: row for row in explanation.iter_rows(min_row=2, values_only=True) if row[2]}
    assert rows["Gender"][:2] == ("Køn", "Geschlecht")
    assert "Kvinde / Weiblich / Female (female)" in rows["Gender"][5]


def test_the_template_read_back_is_a_valid_empty_import(client_for, make_job):
    response = client_for("coach_a").get(reverse("imports:template", kwargs={"kind": "companies"}))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    sheet.append(["Grænse ApS", "Danmark", "13585628", None, None, None, None, "Padborg", "IT"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = make_job(buffer.getvalue(), name="template.xlsx", kind="companies")
    assert (job.status, job.count_new, job.count_error) == ("previewed", 1, 0)


def test_progress_polls_while_running_and_asks_for_a_reload_when_done(client_for, world):
    client = client_for("coach_a")
    url = reverse("imports:job_progress", kwargs={"public_id": world.job.public_id})
    ImportJob.objects.filter(pk=world.job.pk).update(status="uploaded", progress=40)
    running = client.get(url, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 2s"' in running.content.decode()
    assert 'value="40"' in running.content.decode()
    assert "HX-Refresh" not in running
    ImportJob.objects.filter(pk=world.job.pk).update(status="previewed", progress=100)
    done = client.get(url, HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_rows_can_be_filtered_by_outcome(client_for, make_job):
    job = make_job(
        csv_bytes([PARTICIPANT_HEADER_EN, participant_row(1), participant_row(2, gender="?")])
    )
    url = reverse("imports:job_detail", kwargs={"public_id": job.public_id})
    page = client_for("coach_a").get(url, {"outcome": "error"})
    assert [item["row"].number for item in page.context["rows"]] == [3]


def _preview_queries(client, job) -> int:
    url = reverse("imports:job_detail", kwargs={"public_id": job.public_id})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_preview_page_queries_are_the_same_for_1_and_20_rows(
    client_for, personas, make_job, partner_a
):
    for n in range(20):
        ParticipantFactory(partner=partner_a, email=f"young{n}@example.org")
    client = client_for("coach_a")
    one = make_job(csv_bytes([PARTICIPANT_HEADER_EN, participant_row(0)]))
    twenty = make_job(
        csv_bytes(
            [
                PARTICIPANT_HEADER_EN,
                *(participant_row(n) for n in range(10)),  # updates (linked)
                *(participant_row(n) for n in range(100, 108)),  # new
                participant_row(200, gender="x"),  # error
                participant_row(100),  # duplicate
            ]
        )
    )
    assert twenty.count_update == 10 and twenty.count_error == 1 and twenty.count_duplicate == 1
    _preview_queries(client, one)  # warm up caches (sessions, content types)
    assert _preview_queries(client, one) == _preview_queries(client, twenty)


def test_list_page_queries_are_the_same_for_1_and_20_imports(client_for, personas, make_job):
    client = client_for("manager")
    make_job(csv_bytes([PARTICIPANT_HEADER_EN, participant_row(0)]))
    url = reverse("imports:job_list")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(19):
        make_job(csv_bytes([PARTICIPANT_HEADER_EN, participant_row(n)]), actor=personas.coach_b)
    with CaptureQueriesContext(connection) as twenty:
        response = client.get(url)
    assert len(response.context["page"].object_list) == 20
    assert len(one) == len(twenty)
