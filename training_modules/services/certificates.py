"""Certificates of completed enrolments."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from jump.accounts.models import User
from jump.lib.mail import site_url

from .. import access, certificates
from ..models import Certificate, Enrolment


def certificate_issue(*, actor: User, enrolment: Enrolment) -> Certificate:
    """The certificate of a completed enrolment (created once; later calls return it), as a PDF
    in the learner's preferred language. Its person, the session's trainers, managers, admins."""
    if not access.can_issue_certificate(actor, enrolment):
        raise PermissionDenied
    if enrolment.status != Enrolment.Status.COMPLETED:
        raise ValidationError(_("A certificate is issued only for a completed enrolment."))
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    language = enrolment.person.preferred_language
    with transaction.atomic():
        for _attempt in range(5):
            code = certificates.new_verification_code()
            if not Certificate.objects.filter(verification_code=code).exists():
                break
        certificate = Certificate(
            enrolment=enrolment, verification_code=code, issued_by=actor, language=language
        )
        verify_url = site_url() + certificates.verify_path(code, language)
        pdf = certificates.render_certificate_pdf(certificate=certificate, verify_url=verify_url)
        certificate.file.save(f"{certificate.public_id.hex}.pdf", ContentFile(pdf), save=False)
        try:
            certificate.save()
        except Exception:
            # The row is not written; the file must not stay behind.
            certificate.file.delete(save=False)
            raise
    return certificate
