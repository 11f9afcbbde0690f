"""Views of the companies app, split by sub-domain (docs/style.md: plain function views)."""
