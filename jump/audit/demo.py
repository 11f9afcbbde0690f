"""Demo data for the audit app (seed_demo): one participant under a legal hold, so that the
retention job's dry run shows a participant it leaves alone."""

from .models import Retention


def seed(world: dict) -> None:
    if Retention.objects.filter(legal_hold=True).exists():
        return
    participants = world.get("participants") or []
    held = next((p for p in participants if p.has_left), None)
    if held is None:
        return
    Retention.objects.get_or_create(participant=held, defaults={"legal_hold": True})
    world["legal_hold"] = held
