"""Small helpers the meetings views share."""

from django.core.exceptions import ValidationError


def form_error(form, error: ValidationError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def moving_up(request) -> bool:
    return request.POST.get("direction") == "up"
