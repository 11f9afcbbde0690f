"""The audit app's services (tests/service_refusals.py): the access log only records."""

SERVICES = "jump.audit.services"

REFUSALS: dict = {}

NO_ACTOR: dict[str, str] = {
    "logged_path": "a pure function: the path and the kept query values an access-log record "
    "holds; it reads the request and writes nothing",
}

RECORDS_ONLY = {
    "access_log_record": "writes down who opened what; the view that served the data checked "
    "the actor (jump.audit.decorators.logs_access), and a refusal here would lose the record",
    "access_log_records": "as access_log_record, one record per person a list or form showed "
    "(SECURITY 31)",
}
