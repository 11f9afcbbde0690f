"""Whatever is typed into the reports forms, they answer with errors, never an exception
(SECURITY 14)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jump.reports.forms import PeriodForm, ReportRequestForm

text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["2026-03-01", "0001-01-01", "9999-12-31", "2026-02-30", "\u202e2026"]),
)


# The forms only read the database (partners): the fixture need not be reset per example.
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start=text, end=text, partner=text, country=text, fmt=text, names=text, reason=text)
def test_the_report_request_form_never_raises(db, start, end, partner, country, fmt, names, reason):
    form = ReportRequestForm(
        {
            "period_start": start,
            "period_end": end,
            "partner": partner,
            "country": country,
            "format": fmt,
            "with_names": names,
            "reason": reason,
        }
    )
    if form.is_valid():
        assert form.cleaned_data["period_start"] <= form.cleaned_data["period_end"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start=text, end=text, partner=text, country=text)
def test_the_period_form_never_raises(db, start, end, partner, country):
    form = PeriodForm({"start": start, "end": end, "partner": partner, "country": country})
    scope = form.scope()
    if form.is_bound:
        assert (scope is None) == (not form.is_valid())
    else:  # nothing typed at all: the default period
        assert scope is not None and not any((start, end, partner, country))
