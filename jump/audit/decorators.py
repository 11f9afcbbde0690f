"""The one way views write the access log (SECURITY 19): a decorator, not a call in each view.

    @logs_access(AccessLog.Action.VIEW, what="participant page", participant=resolve)
    def participant_detail(request, public_id, participant): ...

`participant(request, **kwargs)` resolves the object through the access rules and raises
Http404 / PermissionDenied when the user may not see it — so a denied request never reaches the
log. The view receives the resolved participant as the `participant` keyword. One record is
written after the view returned a successful response (status below 400); a view that fails
or answers with an error writes none. `what` may be a string or a function
(request, participant, **kwargs) → string, and must not contain personal data.
"""

from functools import wraps

from .services import access_log_record


def logs_access(action: str, *, what, participant, reason: str = ""):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            subject = participant(request, *args, **kwargs)
            response = view(request, *args, participant=subject, **kwargs)
            if response.status_code < 400:
                label = what(request, subject, **kwargs) if callable(what) else what
                access_log_record(
                    actor=request.user,
                    action=action,
                    what=label,
                    participant=subject,
                    reason=reason,
                    request=request,
                )
            return response

        return wrapper

    return decorator
