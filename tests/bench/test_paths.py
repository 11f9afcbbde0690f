"""The harness runs the project's own manage.py: its idea of the project folder must be right
(a move of the package once left it one folder too high, and `make soak` could not migrate)."""

from bench import run


def test_the_harness_finds_the_projects_manage_py():
    assert (run.ROOT / "manage.py").is_file()
    assert (run.ROOT / "bench" / "run.py").is_file()
