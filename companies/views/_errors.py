"""Put a service's ValidationError on the form that was shown, on the right field if it has one."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def add_service_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)


def message_of(exc: ValidationError) -> str:
    """One line for a flash message."""
    if hasattr(exc, "error_dict"):
        return " ".join(str(m) for errors in exc.message_dict.values() for m in errors)
    return " ".join(exc.messages)


__all__ = ["NON_FIELD_ERRORS", "add_service_errors", "message_of"]
