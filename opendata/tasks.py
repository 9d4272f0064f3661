from celery import shared_task

from . import archive


@shared_task(acks_late=True)
def export_opendata() -> str:
    """Write the day's open data archive (opendata.archive), every night from beat. Safe to run
    twice, even at once: each run writes a generation of its own and the downloads switch to a
    generation only once its manifest, written last, is there; a run that dies half way leaves
    an incomplete folder that is never served and is deleted by a later run."""
    return archive.publish()["generation"]
