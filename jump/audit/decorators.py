"""The one way views write the access log (SECURITY 19): a decorator, not a call in each view.

    @logs_access(AccessLog.Action.VIEW, what="participant page", resolve=visible_participant)
    def participant_detail(request, public_id, participant): ...

`resolve(request, **url_kwargs)` looks the object up through the access rules and raises
Http404 / PermissionDenied when the user may not see it — so a denied request never reaches
the log. The view receives the object as the keyword `as_` ("participant" by default). One
record is written after the view returned a successful response (status below 400); a view
that raises or answers with an error writes none. Only requests whose method is in `methods`
are logged (e.g. the GET of a form, not its POST). `as_=None`: the view resolves the object
itself and is not given it (a decorator added to a view that already does its own lookup).

`what` is a string or a function (request, object) → string and names the record by kind and
public id, never by personal data; `participant` maps the object to the participant whose data it is
(None: none, e.g. a report). `reason`: why, if the view itself implies it.
"""

from functools import wraps

from .services import access_log_record


def _same(obj):
    return obj


def logs_access(
    action: str,
    *,
    what,
    resolve,
    as_: str | None = "participant",
    participant=_same,
    reason: str = "",
    methods: tuple[str, ...] | None = None,
):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            obj = resolve(request, *args, **kwargs)
            passed = {**kwargs, as_: obj} if as_ else kwargs
            response = view(request, *args, **passed)
            logged_method = methods is None or request.method in methods
            if logged_method and response.status_code < 400:
                access_log_record(
                    actor=request.user,
                    action=action,
                    what=what(request, obj) if callable(what) else what,
                    participant=participant(obj) if participant else None,
                    reason=reason,
                    request=request,
                )
            return response

        return wrapper

    return decorator
