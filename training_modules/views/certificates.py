"""Certificates: issue, download (owner, managers, admins), and the public verification page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jump.lib.files import private_download

from .. import access, selectors, services
from ..certificates import normalise_code
from ._common import error_message


@require_POST
@access.training_role_required
def certificate_issue(request, public_id):
    """Issue the certificate of one's own completed enrolment (if it was not issued yet)."""
    enrolment = access.get_enrolment_for_user(request.user, public_id)
    try:
        services.certificate_issue(actor=request.user, enrolment=enrolment)
    except ValidationError as exc:
        error_message(request, exc)
    else:
        messages.success(request, _("Your certificate is ready."))
    return redirect("training_modules:enrolment_detail", public_id=enrolment.public_id)


@require_GET
@access.training_role_required
def certificate_download(request, public_id):
    """The PDF as an attachment; never cached, never sniffed."""
    certificate = access.get_certificate_for_enrolment(request.user, public_id)
    return private_download(
        certificate.file,
        filename=f"jump-certificate-{certificate.verification_code}.pdf",
        content_type="application/pdf",
    )


@login_not_required
@require_GET
def certificate_lookup(request):
    """The public form: type a code, see whether it is genuine."""
    typed = request.GET.get("code", "")
    code = normalise_code(typed)
    if code:
        return redirect(reverse("training_modules:certificate_verify", kwargs={"code": code}))
    return render(
        request, "training_modules/certificate_lookup.html", {"empty": "code" in request.GET}
    )


@login_not_required
@require_GET
def certificate_verify(request, code):
    """Public: confirms name, module, dates and hours of a genuine certificate — nothing more."""
    certificate = selectors.certificate_by_code(normalise_code(code))
    response = render(
        request,
        "training_modules/certificate_verify.html",
        {
            "certificate": certificate,
            "code": code,
            # The name only (SECURITY 32): the template never gets the person, so no e-mail
            # address or user name can stand in for a missing name.
            "holder_name": certificate.enrolment.person.get_full_name() if certificate else "",
            "session": certificate.enrolment.session if certificate else None,
            "module": certificate.enrolment.session.module if certificate else None,
        },
    )
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
