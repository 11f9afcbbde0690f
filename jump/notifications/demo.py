"""Demo notifications: the reminders the daily run would have made over the last two weeks.

They appear under the bell of the demo users (older ones already read). Their e-mails are not
sent — they are marked skipped — so seeding prints no mail; `manage.py send_reminders` for today
or a coming day then shows the real run with its e-mails. The proposals, answers and support
requests of the companies demo told the other side as they were made (see companies/notify.py).
The Danish coach has delivery settings of each kind (DEMO_DELIVERY) on the e-mail settings page.
"""

import datetime

from django.db.models import Max
from django.utils import timezone

from jump.accounts.models import User

from . import services
from .models import Delivery, EmailStatus, Kind, Notification

# The Danish demo coach has chosen one kind of each delivery on the e-mail settings page; the
# others keep their defaults (answers at once, the rest in the daily digest).
DEMO_DELIVERY = {
    Kind.PLACEMENT_ACCEPTED: Delivery.IMMEDIATE,
    Kind.STEP_DUE_SOON: Delivery.DIGEST,
    Kind.CONSENT_REVIEW: Delivery.NEVER,
}

DAYS_BACK = 14
READ_AFTER_DAYS = 5


def seed(world):
    today = timezone.localdate()
    first = (Notification.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
    now = timezone.now()
    for back in range(DAYS_BACK, 0, -1):
        before = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
        services.reminders_create(today - datetime.timedelta(days=back))
        made = Notification.objects.filter(
            pk__gt=before, email_status=EmailStatus.PENDING, email_queued_at__isnull=True
        )
        made.update(
            email_status=EmailStatus.SKIPPED,
            last_error="Demo data (seed_demo): not e-mailed.",
            read_at=now if back > READ_AFTER_DAYS else None,
            updated_at=now,
        )
    world["notifications"] = list(Notification.objects.filter(pk__gte=first))
    coach = User.objects.filter(email="coach.dk@jump.test").first()
    if coach is not None:
        services.preferences_update(actor=coach, delivery_by_kind=DEMO_DELIVERY)
