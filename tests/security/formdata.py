"""POST data from a rendered form: what a browser would send back unchanged."""

from django.forms import MultiWidget


def form_data(form) -> dict:
    """The form's current values as POST data (multi-widgets split, booleans as "on")."""
    data: dict = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        key = form.add_prefix(name)
        value = form[name].value()
        widget = field.widget
        if isinstance(widget, MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{key}_{index}"] = "" if part is None else str(part)
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        elif value is not None:
            data[key] = str(value)
    return data
