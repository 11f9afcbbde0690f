"""The performance benchmark of issue 12 (`make bench`): a data set at programme scale
(`seed.py`, `manage.py seed_scale`), the measurements (`measure.py`) and the run over several
sizes that prints the table and writes docs/performance.md (`run.py`).

A plain package, not an installed app: nothing here is imported by the platform's own code.
"""
