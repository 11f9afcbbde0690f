def notifications(request):
    """The bell in the navigation (filled in by the notifications app)."""
    return {}
