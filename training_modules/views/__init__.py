"""The training pages, split by sub-domain (modules, sessions, enrolments, certificates,
good practice)."""
