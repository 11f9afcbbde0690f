"""Several querysets read in one statement (a page's small lists, issue 20).

`fetch_together(a, b, c)` sends one SELECT whose columns are the JSON arrays of each
queryset's rows (`json_agg` over the queryset's own SQL, its order kept), then builds the model
instances as Django would: the same columns, the same converters, `select_related` objects and
the related manager's known object (`participant.consents…` → `consent.participant`) set.
Each queryset's result cache is filled, so iterating it afterwards reads nothing.

For plain model querysets (no `values()`, no `prefetch_related`: stitch those by hand).
On a database without `json_agg` (SQLite: `make run`, the zero-setup tests) each queryset is
read on its own: the same objects, one statement each.
"""

import json
import operator
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import JSONField, QuerySet
from django.db.models.query import (  # type: ignore[attr-defined]  # not in the stubs
    ModelIterable,
    get_related_populators,
)


def fetch_together(*querysets: QuerySet[Any]) -> list[list[Any]]:
    """The rows of each queryset (model instances), read in one statement."""
    if not querysets:
        return []
    db = querysets[0].db
    parts: list[str] = []
    params: list[Any] = []
    compilers: list[Any] = []
    queryset: Any  # its private result cache and lookups are read and filled here
    for queryset in querysets:
        if queryset._iterable_class is not ModelIterable or queryset._prefetch_related_lookups:
            raise ValueError("fetch_together reads plain model querysets only")
        if queryset.db != db:
            raise ValueError("fetch_together reads from one database")
    if connections[db].vendor != "postgresql":
        return [list(queryset) for queryset in querysets]
    for queryset in querysets:
        compiler = queryset.query.get_compiler(using=db)
        try:
            sql, part_params = compiler.as_sql(with_col_aliases=True)
        except EmptyResultSet:  # `.none()` or `pk__in=[]`: nothing to read
            parts.append("'[]'")
            compilers.append(None)
            continue
        # `sql` is Django's own compiled SQL; every value stays a parameter.
        parts.append(f"(SELECT COALESCE(json_agg(q), '[]')::text FROM ({sql}) q)")  # noqa: S608
        params.extend(part_params)
        compilers.append(compiler)
    with connections[db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        texts = cursor.fetchone()
    results = []
    for queryset, compiler, text in zip(querysets, compilers, texts, strict=True):
        records = json.loads(text, parse_float=Decimal)
        objects = _instances(queryset, compiler, records, db) if compiler else []
        queryset._result_cache = objects
        queryset._prefetch_done = True
        results.append(objects)
    return results


def _value(field: Any, value: Any) -> Any:
    """A JSON value as the database adapter would have returned the column."""
    if value is None or field is None:
        return value
    if isinstance(field, JSONField):
        return json.dumps(value)  # the adapter hands JSON columns over as text
    return field.to_python(value)


def _instances(queryset: Any, compiler: Any, records: list[dict], db: str) -> list[Any]:
    select, klass_info = compiler.select, compiler.klass_info
    keys = [alias for _col, _sql, alias in select]
    fields = [getattr(col, "output_field", None) for col, _sql, _alias in select]
    rows = [
        [_value(field, record[key]) for field, key in zip(fields, keys, strict=True)]
        for record in records
    ]
    model_cls = klass_info["model"]
    select_fields = klass_info["select_fields"]
    start, end = select_fields[0], select_fields[-1] + 1
    init_list = [item[0].target.attname for item in select[start:end]]
    related_populators = get_related_populators(klass_info, select, db)
    annotation_col_map = compiler.annotation_col_map
    known = [
        (
            field,
            objects,
            operator.attrgetter(
                *[
                    field.attname
                    if from_field == "self"
                    else queryset.model._meta.get_field(from_field).attname
                    for from_field in field.from_fields
                ]
            ),
        )
        for field, objects in queryset._known_related_objects.items()
    ]
    built = []
    for row in compiler.results_iter([rows]):
        obj = model_cls.from_db(db, init_list, row[start:end])
        for populator in related_populators:
            populator.populate(row, obj)
        if annotation_col_map:
            for name, position in annotation_col_map.items():
                setattr(obj, name, row[position])
        for field, objects, getter in known:
            if not field.is_cached(obj) and getter(obj) in objects:
                setattr(obj, field.name, objects[getter(obj)])
        built.append(obj)
    return built
