import pytest
from django.core.cache import cache

from jump.tasks import HEARTBEAT_KEY, worker_heartbeat
from tests.integration.conftest import wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_on_redis_runs_a_task_against_the_test_database(celery_worker_process):
    cache.delete(HEARTBEAT_KEY)
    worker_heartbeat.delay()
    wait_for(lambda: cache.get(HEARTBEAT_KEY) is not None, worker=celery_worker_process)
