import datetime
import itertools

from django.utils import timezone

from esante.models import Region
from events.models import Event

_seq = itertools.count(1)


def make_event(*, region="normandie", days=10, capacity=2, status="published", **fields):
    start = timezone.now() + datetime.timedelta(days=days)
    n = next(_seq)
    defaults = {
        "kind": Event.Kind.TOUR_STOP,
        "title": f"Étape {n}",
        "slug": f"etape-{n}",
        "region": Region.objects.get(slug=region),
        "city": "Rouen",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=6),
        "summary": "Une étape du Tour des régions.",
        "capacity": capacity,
        "status": status,
    }
    defaults.update(fields)
    return Event.objects.create(**defaults)
