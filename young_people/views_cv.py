"""My CV (issue 18): their own texts, their language ratings on the CEFR self-assessment grid
beside the coach's, and a Europass-style PDF in the language they choose."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from participants.cv import render_cv_pdf

from . import access, services
from .cv import PDF_LANGUAGES, cv_context
from .forms import CvProfileForm, LanguageSelfAssessmentForm
from .models import CV_LANGUAGES, CvProfile


def _page(request, participant, *, profile_form=None, language_form=None):
    context = cv_context(participant)
    profile = context["profile"] or CvProfile(participant=participant)
    return render(
        request,
        "young_people/cv.html",
        {
            **context,
            "profile_form": profile_form or CvProfileForm(instance=profile),
            "language_form": language_form or LanguageSelfAssessmentForm(),
            "pdf_languages": PDF_LANGUAGES,
        },
    )


@access.young_person_required
def cv(request, participant):
    """GET: the page; POST: save their texts (too long → a message on the field)."""
    if request.method != "POST":
        return _page(request, participant)
    form = CvProfileForm(request.POST)
    if form.is_valid():
        try:
            services.cv_profile_save(
                actor=request.user, participant=participant, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("young_people:cv")
    return _page(request, participant, profile_form=form)


@require_POST
@access.young_person_required
def cv_language(request, participant):
    """Save their rating of one language (a wrong level → a message on the field)."""
    form = LanguageSelfAssessmentForm(request.POST)
    if form.is_valid():
        try:
            services.language_self_assessment_save(
                actor=request.user,
                participant=participant,
                language=form.cleaned_data["language"],
                **form.levels(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("young_people:cv")
    return _page(request, participant, language_form=form)


@require_POST
@access.young_person_required
def cv_language_delete(request, participant, language):
    if language not in dict(CV_LANGUAGES):
        raise Http404
    services.language_self_assessment_delete(
        actor=request.user, participant=participant, language=language
    )
    messages.success(request, _("Removed."))
    return redirect("young_people:cv")


@require_GET
@access.young_person_required
def cv_pdf(request, participant):
    """The PDF in the language they choose (?language=da|de|en; another value → 404)."""
    language = request.GET.get("language") or participant.preferred_language
    if language not in PDF_LANGUAGES:
        raise Http404
    pdf = render_cv_pdf(
        participant,
        cv_context(participant),
        language=language,
        template="young_people/cv_pdf.html",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="my-cv-{language}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
