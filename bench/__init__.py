"""The performance benchmark of issue 12 (`make bench`): a data set at programme scale
(`seed.py`, `manage.py seed_scale`), the measurements (`measure.py`) and the run over several
sizes that prints the table and writes docs/performance.md (`run.py`).

Outside the product package: no module of the platform imports it and the production image
does not contain it. It is an installed app only in its own settings (`bench.settings`), for the
`seed_scale` command; the tests call that command's class directly.
"""
