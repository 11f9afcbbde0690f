"""Who may not use each imports service (tests/service_refusals.py), in the world of
tests/imports/conftest.py: coach_a's previewed import of participants."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.service_refusals import Refusal

SERVICES = "jump.imports.services"

REFUSALS = {
    "import_job_create": Refusal(
        "contact_x",
        lambda w: {
            "kind": "participants",
            "upload": SimpleUploadedFile("list.csv", b"first_name\nPia\n", "text/csv"),
        },
    ),
    # Only the importer commits their import.
    "import_job_commit": Refusal("admin", lambda w: {"job": w.job, "skip_errors": False}),
}

NO_ACTOR = {
    "parse_row": "a read: one row of a spreadsheet into values",
    "import_job_preview": "the preview task of an import a permitted actor created",
    "import_job_commit_run": "the commit task of an import its importer committed",
}
