"""Views of the companies app, split by sub-domain (STYLE.md: plain function views)."""
