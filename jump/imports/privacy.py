"""What an import keeps about a person, for erasure (SECURITY 22). Registered with
`jump.audit.registry` from `ImportsConfig.ready()`."""

from django.db.models import Q

from jump.audit.registry import register_erasure

from .models import ImportJob, ImportRow


def scrub(participant) -> list[tuple]:
    """An import keeps each row's values (the preview) and the uploaded file. Rows that matched
    the participant (an update, an attendance) or created them (same name or e-mail address) are
    blanked; the uploaded files of those imports are returned to be deleted (the import is done;
    its file is only a copy, and a copy with this person's name). Runs before the participant's
    row is pseudonymised (it recognises the rows by the name)."""
    kinds = [ImportJob.Kind.PARTICIPANTS, ImportJob.Kind.ATTENDANCE]
    full_name = f"{participant.first_name} {participant.last_name}".strip()
    # A new row has no target: it is recognised by name or e-mail within the same partner.
    created = Q(label=full_name)
    if participant.email:
        created |= Q(values__email=participant.email)
    matched = Q(target_id=participant.pk) | (
        created & Q(target_id__isnull=True, job__partner_id=participant.partner_id)
    )
    rows = ImportRow.objects.filter(matched, job__kind__in=kinds)
    jobs = list(ImportJob.objects.filter(pk__in=rows.values("job_id")).distinct())
    rows.update(values={}, label="")
    return [(job.file.storage, job.file.name) for job in jobs if job.file]


def register() -> None:
    register_erasure("imports", scrub)
