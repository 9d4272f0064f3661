"""The national-scale dataset of the benchmark (issue 16), written in minutes with COPY.

At scale 1: 500,000 contributions (one chapter holding 20,000, one holding 10), 500,000
reactions, 50,000 users, 2,000 events and 100,000 registrations. `--scale 0.02` (or BENCH_SCALE)
divides every figure for a quick run. PostgreSQL only: COPY, and the figures mean nothing on
SQLite.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/esante_bench \\
        .venv/bin/python bench/dataset.py --scale 0.02

The structure (consultations, chapters with their versions and paragraphs, the few accounts the
benchmark signs in with) goes through the services, as the site writes it; the bulk goes
through COPY into the models' own tables. Every column the generator does not know (a field
added later: stored HTML, a search vector, a counter) gets its field's default, then the
refresh commands of those fields run when they exist (POST_COPY_COMMANDS), so the pages read
the same columns as in production.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).absolute().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Management commands that fill derived columns after a bulk load, run when they exist (the
# stored HTML of Markdown texts, the search vectors, the counters), in this order.
POST_COPY_COMMANDS = [
    "rerender_markdown",
    "refresh_search_vectors",
    "update_search_vectors",
    "refresh_counts",
    "refresh_stats",
]

BIG_CHAPTER = "chapitre-long"
SMALL_CHAPTER = "chapitre-court"
CONSULTATION = "concertation-nationale"
# Accounts the benchmark signs in with (the signed-in page, the 20 concurrent writers).
WRITERS = 20

WORDS = [
    "interopérabilité",
    "dossier",
    "médical",
    "partagé",
    "identité",
    "nationale",
    "de",
    "santé",
    "messagerie",
    "sécurisée",
    "e-prescription",
    "télésanté",
    "hôpital",
    "numérique",
    "médecin",
    "traitant",
    "pharmacie",
    "officine",
    "infirmier",
    "patient",
    "aidant",
    "données",
    "de",
    "santé",
    "hébergement",
    "certifié",
    "cybersécurité",
    "éthique",
    "accessibilité",
    "territoire",
    "zone",
    "blanche",
    "formation",
    "professionnels",
    "ordonnance",
    "numérique",
    "référentiel",
    "identification",
    "électronique",
    "Pro",
    "Santé",
    "Connect",
    "Mon",
    "espace",
    "santé",
    "établissements",
    "médico-social",
    "ARS",
    "région",
    "usagers",
    "consentement",
    "traçabilité",
]
OPENINGS = [
    "Je propose que",
    "Il faudrait préciser comment",
    "Dans notre établissement,",
    "En tant que patient,",
    "Pour les professionnels libéraux,",
    "Question :",
]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def body_text(rng: random.Random) -> str:
    """Markdown of realistic length (one to three paragraphs, some emphasis, a list or a link)."""
    parts = [f"{rng.choice(OPENINGS)} {sentence(rng, rng.randint(12, 40))}."]
    if rng.random() < 0.5:
        parts.append(f"**{sentence(rng, 3)}** : {sentence(rng, rng.randint(10, 30))}.")
    if rng.random() < 0.2:
        parts.append("\n".join(f"- {sentence(rng, rng.randint(3, 8))}" for _ in range(3)))
    if rng.random() < 0.1:
        parts.append(f"Voir [la doctrine](https://esante.gouv.fr/doctrine) {sentence(rng, 5)}.")
    return "\n\n".join(parts)


def chapter_body(rng: random.Random, paragraphs: int = 6) -> str:
    return "\n\n".join(
        f"{sentence(rng, rng.randint(30, 60)).capitalize()}." for _ in range(paragraphs)
    )


def copy_rows(model, columns: list[str], rows) -> int:
    """COPY `rows` (tuples in `columns` order, attnames) into `model`'s table. Every other
    column gets its field's default (one value for all rows, or one per row for a unique field
    with a callable default, such as a token); a NOT NULL column with no default stops the
    generator with its name."""
    from django.db import connection
    from django.utils import timezone

    now = timezone.now()
    constant, per_row = {}, {}
    for field in model._meta.concrete_fields:
        if field.attname in columns or getattr(field, "generated", False):
            continue
        if field.primary_key and field.get_internal_type().endswith("AutoField"):
            continue  # the identity column numbers the rows
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            constant[field.column] = now
        elif field.has_default() and callable(field.default) and field.unique:
            per_row[field.column] = field.default
        elif field.has_default() or not field.null:
            value = field.get_default()
            if value is None and not field.null:
                raise SystemExit(
                    f"bench/dataset.py cannot fill {model._meta.label}.{field.name}: NOT NULL "
                    "without a default. Give it a value in bench/dataset.py."
                )
            constant[field.column] = field.get_db_prep_save(value, connection)
    # Markdown stored rendered (concertation.models.rendered): the HTML of each source column,
    # rendered once per distinct text (the generator draws bodies from a pool).
    rendered = [
        (columns.index(source), target)
        for source, target in getattr(model, "RENDERED", {}).items()
        if source in columns and target not in columns
    ]
    render = None
    if rendered:
        import functools

        from esante.markdown import MARKDOWN_VERSION, render_markdown

        render = functools.lru_cache(maxsize=None)(render_markdown)
        constant.pop("markdown_version", None)
        constant["markdown_version"] = MARKDOWN_VERSION
        for _index, target in rendered:
            constant.pop(model._meta.get_field(target).column, None)
    names = [model._meta.get_field(name).column for name in columns]
    names += [model._meta.get_field(target).column for _index, target in rendered]
    names += list(constant) + list(per_row)
    fixed = tuple(constant.values())
    makers = tuple(per_row.values())
    if rendered:
        source_rows = rows

        def with_html():
            for row in source_rows:
                yield (*row, *(render(row[index]) for index, _target in rendered))

        rows = with_html()
    count = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper
        statement = "COPY {} ({}) FROM STDIN".format(
            connection.ops.quote_name(model._meta.db_table),
            ", ".join(connection.ops.quote_name(name) for name in names),
        )
        with raw.copy(statement) as copy:
            for row in rows:
                copy.write_row((*row, *fixed, *(make() for make in makers)))
                count += 1
    return count


def reset_sequences(*models) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def generate(scale: float = 1.0, seed: int = 16) -> dict:
    """Write the dataset into the (migrated, empty) database of the settings; return what the
    benchmark needs to find it: page paths, the signed-in accounts, the figures."""
    from allauth.account.models import EmailAddress
    from django.core.management import call_command, get_commands
    from django.db import connection, transaction
    from django.utils import timezone

    from concertation import services
    from concertation.models import (
        CharterAcceptance,
        Consultation,
        Contribution,
        Paragraph,
        Reaction,
    )
    from esante.models import Region, User
    from events.models import Event, Registration

    if connection.vendor != "postgresql":
        raise SystemExit(
            "bench/dataset.py needs PostgreSQL: set DATABASE_URL=postgres://... (COPY, and "
            "figures measured on SQLite would say nothing of production)."
        )
    rng = random.Random(seed)  # noqa: S311 - sample data, repeatable, nothing secret
    now = timezone.now()
    figures = {
        "contributions": max(2_000, round(500_000 * scale)),
        "big_chapter": max(200, round(20_000 * scale)),
        "small_chapter": 10,
        "reactions": max(2_000, round(500_000 * scale)),
        "users": max(500, round(50_000 * scale)),
        "events": max(40, round(2_000 * scale)),
        "registrations": max(400, round(100_000 * scale)),
        "consultations": max(2, round(20 * min(1.0, scale * 5))),
        "chapters_per_consultation": 10,
    }
    timings = {}
    started = time.monotonic()

    # --- Structure, through the services --------------------------------------------------
    chapters = []  # (id, consultation_id, version_id, [paragraph ids])
    with transaction.atomic():
        for c in range(figures["consultations"]):
            slug = CONSULTATION if c == 0 else f"consultation-{c}"
            consultation = Consultation.objects.create(
                title=f"Consultation {c} : {sentence(rng, 4)}",
                slug=slug,
                topic=rng.choice(WORDS),
                introduction=chapter_body(rng, 2),
                charter="Charte de modération : respect, pas de données de santé.",
                published_on=(now - datetime.timedelta(days=60)).date(),
                opens_at=now - datetime.timedelta(days=60),
                closes_at=now + datetime.timedelta(days=30 if c < 3 else -1 - c),
                is_published=True,
            )
            slugs = [f"chapitre-{n}" for n in range(1, figures["chapters_per_consultation"] + 1)]
            if c == 0:
                slugs[:2] = [BIG_CHAPTER, SMALL_CHAPTER]
            for number, chapter_slug in enumerate(slugs, start=1):
                chapter = services.chapter_create(
                    consultation=consultation,
                    number=number,
                    title=f"{number}. {sentence(rng, 5).capitalize()}",
                    slug=chapter_slug,
                    summary=sentence(rng, 20),
                    body=chapter_body(rng),
                )
                paragraphs = list(
                    Paragraph.objects.filter(chapter=chapter).values_list("pk", flat=True)
                )
                chapters.append(
                    (chapter.pk, consultation.pk, chapter.current_version_id, paragraphs)
                )
    big, small, others = chapters[0], chapters[1], chapters[2:]

    # --- Users --------------------------------------------------------------------------------
    regions = list(Region.objects.values_list("pk", flat=True))
    stakeholders = [value for value, _label in User._meta.get_field("stakeholder_type").choices]
    first_user = next_id(User)
    user_ids = list(range(first_user, first_user + figures["users"]))
    copy_rows(
        User,
        ["id", "email", "password", "display_name", "stakeholder_type", "region_id",
         "is_active", "date_joined", "digest_frequency"],
        (
            (pk, f"participant{pk}@example.org", "!", f"Participant {pk}" if pk % 2 else "",
             rng.choice(stakeholders), rng.choice(regions), True,
             now - datetime.timedelta(days=rng.randint(1, 400)), rng.choice(["none", "weekly"]))
            for pk in user_ids
        ),
    )  # fmt: skip
    reset_sequences(User)
    # The accounts that sign in: verified address, charter accepted (they may contribute).
    writers = [user_ids[i] for i in range(WRITERS + 1)]
    EmailAddress.objects.bulk_create(
        EmailAddress(user_id=pk, email=f"participant{pk}@example.org", verified=True, primary=True)
        for pk in writers
    )
    CharterAcceptance.objects.bulk_create(
        CharterAcceptance(user_id=pk, consultation_id=big[1]) for pk in writers
    )
    timings["structure_and_users_s"] = round(time.monotonic() - started, 1)

    # --- Contributions ------------------------------------------------------------------------
    started = time.monotonic()
    statuses = ["published"] * 18 + ["pending", "hidden"]
    kinds = ["comment"] * 6 + ["question"] * 3 + ["rewording"]
    plan = [(big, figures["big_chapter"]), (small, figures["small_chapter"])]
    rest = figures["contributions"] - figures["big_chapter"] - figures["small_chapter"]
    plan += [(chapter, rest // len(others)) for chapter in others]
    plan[-1] = (plan[-1][0], plan[-1][1] + rest % len(others))
    first = next_id(Contribution)
    published_ids = []

    # Distinct texts drawn from a pool: realistic lengths and words, and their stored HTML
    # rendered once per text rather than once per row.
    pool = [body_text(rng) for _ in range(min(20_000, figures["contributions"]))]

    def contributions():
        pk = first
        for (chapter_id, consultation_id, version_id, paragraphs), count in plan:
            in_chapter = []
            for i in range(count):
                # Older first, so that the ids grow with the dates as on the site.
                created = now - datetime.timedelta(minutes=(count - i) * 5 + rng.randint(0, 4))
                status = "published" if i < 10 else rng.choice(statuses)
                parent = rng.choice(in_chapter) if in_chapter and rng.random() < 0.1 else None
                paragraph = rng.choice(paragraphs) if rng.random() < 0.3 and not parent else None
                kind = rng.choice(kinds) if parent is None else "comment"
                if kind == "rewording" and paragraph is None:
                    kind = "comment"
                yield (
                    pk, consultation_id, chapter_id, version_id, paragraph, parent,
                    rng.choice(user_ids), rng.random() < 0.1, kind, rng.choice(pool),
                    sentence(rng, 30) if kind == "rewording" else "", status, created,
                )  # fmt: skip
                if status == "published":
                    published_ids.append(pk)
                    if parent is None:
                        in_chapter.append(pk)
                pk += 1

    written = copy_rows(
        Contribution,
        ["id", "consultation_id", "chapter_id", "version_id", "paragraph_id", "parent_id",
         "author_id", "is_anonymous", "kind", "body", "proposed_text", "status", "created_at"],
        contributions(),
    )  # fmt: skip
    reset_sequences(Contribution)
    timings["contributions_s"] = round(time.monotonic() - started, 1)

    # --- Reactions, and the counters they feed ------------------------------------------------
    started = time.monotonic()
    pairs = set()
    while len(pairs) < figures["reactions"]:
        pairs.add((rng.choice(published_ids), rng.choice(user_ids)))
    copy_rows(
        Reaction,
        ["contribution_id", "user_id", "value", "created_at"],
        ((c, u, "agree" if rng.random() < 0.65 else "disagree", now) for c, u in pairs),
    )
    reset_sequences(Reaction)
    contribution_table = Contribution._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {contribution_table} AS c
            SET agree_count = s.agree, disagree_count = s.disagree
            FROM (
                SELECT contribution_id,
                       count(*) FILTER (WHERE value = 'agree') AS agree,
                       count(*) FILTER (WHERE value = 'disagree') AS disagree
                FROM {Reaction._meta.db_table} GROUP BY contribution_id
            ) AS s
            WHERE c.id = s.contribution_id
            """  # noqa: S608 - table names from the models, no user input
        )
    timings["reactions_s"] = round(time.monotonic() - started, 1)

    # --- Events and registrations -------------------------------------------------------------
    started = time.monotonic()
    kinds = [value for value, _label in Event.Kind.choices]
    first_event = next_id(Event)
    event_ids = list(range(first_event, first_event + figures["events"]))

    def events():
        for n, pk in enumerate(event_ids):
            starts = now + datetime.timedelta(days=rng.randint(-180, 180), hours=rng.randint(0, 9))
            yield (
                pk, rng.choice(kinds), f"Étape {n} : {sentence(rng, 4)}", f"evenement-{pk}",
                rng.choice(regions), f"Ville {n % 300}", "Salle des fêtes", starts,
                starts + datetime.timedelta(hours=3), sentence(rng, 25), chapter_body(rng, 2),
                rng.choice([None, 50, 100, 300]), "published",
            )  # fmt: skip

    copy_rows(
        Event,
        ["id", "kind", "title", "slug", "region_id", "city", "venue", "starts_at", "ends_at",
         "summary", "body", "capacity", "status"],
        events(),
    )  # fmt: skip
    reset_sequences(Event)
    per_event = figures["registrations"] // len(event_ids) + 1
    copy_rows(
        Registration,
        ["event_id", "user_id", "name", "email", "status", "created_at", "confirmed_at"],
        (
            (event_ids[n // per_event], rng.choice(user_ids) if n % 3 == 0 else None,
             f"Inscrit {n}", f"inscrit{n}@example.org", "confirmed", now, now)
            for n in range(figures["registrations"])
        ),
    )  # fmt: skip
    reset_sequences(Registration)
    timings["events_s"] = round(time.monotonic() - started, 1)

    # --- Derived columns, statistics ----------------------------------------------------------
    started = time.monotonic()
    ran = []
    try:  # the thread counters of the chapter page (issue 16), when the code has them
        from concertation.services.counters import counters_refresh
    except ImportError:
        counters_refresh = None
    if counters_refresh is not None:
        counters_refresh()
        ran.append("counters_refresh")
    available = get_commands()
    for name in POST_COPY_COMMANDS:
        if name in available:
            call_command(name)
            ran.append(name)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    timings["derived_s"] = round(time.monotonic() - started, 1)

    return {
        "scale": scale,
        "figures": {**figures, "contributions": written},
        "timings": timings,
        "post_copy_commands": ran,
        "writers": writers[1:],
        "reader": writers[0],
        "pages": {
            "big_chapter": f"/concertation/{CONSULTATION}/{BIG_CHAPTER}/",
            "small_chapter": f"/concertation/{CONSULTATION}/{SMALL_CHAPTER}/",
            "consultation": f"/concertation/{CONSULTATION}/",
        },
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale",
        type=float,
        default=float(os.environ.get("BENCH_SCALE", "1")),
        help="fraction of the national figures (default: BENCH_SCALE or 1)",
    )
    parser.add_argument("--contributions", type=int, help="total contributions (sets --scale)")
    parser.add_argument("--migrate", action="store_true", help="migrate the database first")
    args = parser.parse_args(argv)
    scale = args.contributions / 500_000 if args.contributions else args.scale
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esante.settings.test")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit(
            "bench/dataset.py needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/name "
            "(an empty database of its own: the data is only good for measuring)."
        )
    import django

    django.setup()
    if args.migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    started = time.monotonic()
    result = generate(scale)
    figures = result["figures"]
    print(
        f"{figures['contributions']:,} contributions ({figures['big_chapter']:,} in one chapter), "
        f"{figures['reactions']:,} reactions, {figures['users']:,} users, "
        f"{figures['events']:,} events, {figures['registrations']:,} registrations "
        f"in {time.monotonic() - started:.0f} s {result['timings']}"
    )


if __name__ == "__main__":
    main()
