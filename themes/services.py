"""Themes of a consultation (issue 18): the computation and the staff edits. Runs in Celery
tasks (themes.tasks), the admin's actions and the demo, never while a page is drawn: pages read
the stored rows (themes.selectors).

The method. Each published contribution on the text (replies between participants are left out,
as on the results page) becomes a TF-IDF vector of its French lemmas (esante.textmining.words,
simplemma), function words left out (FUNCTION_WORDS, a short list written here: nothing is
downloaded): a word weighs more the more the contribution uses it and the fewer contributions
use it. Words found in fewer than MIN_DF contributions are dropped (typos, names), and so are
words in more than MAX_DF of them (« santé », « numérique »...: the consultation's own subject).
A non-negative matrix factorisation (NMF, scikit-learn) then writes every contribution as a sum
of a few themes, each a weighted list of words: its top terms name it, and a contribution
belongs to the theme of its largest weight.

Why NMF rather than k-means: on the test corpus (tests/themes/corpus.py, 300 contributions on
10 known topics, written so that topics overlap), NMF agrees with the expected grouping at an
adjusted Rand index of 0.39, k-means on the same TF-IDF vectors at 0.13 and k-means on a
50-dimension LSA projection at 0.31; and NMF's themes come with readable top terms, k-means'
centroids less so. Deterministic: nndsvda initialisation, random_state fixed.

Number of themes: round(sqrt(n / 3)), bounded to 3-12 (10 for 300 contributions, 12 from 400
on): few enough to read, and staff merge or split what does not suit them. Under
MIN_CONTRIBUTIONS, no themes: the statistics would mean nothing.

Limits (said on the pages too): the method counts words, not meanings; two contributions that
say the same in other words may land in different themes, and a contribution on two subjects
is counted in one only.
"""

import math
from collections import Counter, defaultdict

import numpy as np
from django.db import transaction
from django.utils import timezone
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import NMF, non_negative_factorization
from sklearn.feature_extraction.text import TfidfVectorizer

from concertation.models import Consultation, Contribution
from esante.textmining import words

from .models import Theme, ThemeMembership, ThemeModel, arrays_dump, arrays_load

MIN_CONTRIBUTIONS = 30
MIN_THEMES, MAX_THEMES = 3, 12
MIN_DF, MAX_DF = 2, 0.2
TOP_TERMS = 8
REPRESENTATIVES = 3
# A new theme takes over an old one (its label, hidden flag, merges) when their members overlap
# at least this much (Jaccard index of the two sets of contributions).
CARRY_OVER = 0.2
NMF_OPTIONS = {"init": "nndsvda", "random_state": 0, "max_iter": 400}


def theme_count(contributions: int) -> int:
    return max(MIN_THEMES, min(MAX_THEMES, round(math.sqrt(contributions / 3))))


def _texts(consultation_id: int, *, exclude=()) -> list[tuple[int, str]]:
    rows = (
        Contribution.objects.filter(
            consultation_id=consultation_id,
            status=Contribution.Status.PUBLISHED,
            parent__isnull=True,
        )
        .exclude(pk__in=exclude)
        .order_by("pk")
        .values_list("pk", "body", "proposed_text")
    )
    return [(pk, f"{body}\n{proposed}") for pk, body, proposed in rows]


# French function words, as lemmas (esante.textmining.words gives « avoir » for « a », « ont »):
# written here, nothing downloaded. The document-frequency bound alone left « il », « sur »,
# « avoir » among the top terms of the demo's themes; without them the test corpus' score went
# from 0.29 to 0.39.
FUNCTION_WORDS = frozenset(
    """
    le la les un une des du de au aux et ou mais donc or ni car que qu qui quoi dont où ce cet
    cette ces ça cela ceci il ils elle elles on nous vous je tu me te se lui leur eux en ne
    pas plus moins très trop aussi bien tout tous toute toutes même autre autres sur sous dans
    par pour avec sans entre vers chez avant après depuis pendant comme si quand alors encore
    déjà toujours jamais faire avoir être pouvoir devoir aller falloir vouloir dire mettre son
    sa ses mon ma mes ton ta tes notre nos votre vos quel quelle quels quelles chaque aucun
    aucune peu beaucoup ici là oui non
    """.split()  # noqa: SIM905 - one readable block of words, not 130 quoted strings
)


def analyse(text: str) -> list[str]:
    """The lemmas of `text` that carry a subject (function words left out)."""
    return [word for word in words(text) if word not in FUNCTION_WORDS]


def _vectorizer(**kwargs) -> TfidfVectorizer:
    return TfidfVectorizer(analyzer=analyse, sublinear_tf=True, dtype=np.float32, **kwargs)


def fit_texts(texts: list[str], k: int):
    """The TF-IDF vectoriser, the document-by-theme weights W and the components H of `texts`."""
    vectorizer = _vectorizer(min_df=MIN_DF, max_df=MAX_DF)
    matrix = vectorizer.fit_transform(texts)
    nmf = NMF(n_components=k, **NMF_OPTIONS)
    weights = nmf.fit_transform(matrix)
    return vectorizer, weights, nmf.components_


def _top_terms(component, vocabulary) -> list[str]:
    return [vocabulary[i] for i in np.argsort(-component)[:TOP_TERMS] if component[i] > 0]


def _lock(consultation: Consultation) -> None:
    """One computation at a time per consultation (a refresh and a staff recomputation may
    meet in two workers): the consultation's row is locked until the transaction ends."""
    list(Consultation.objects.select_for_update().filter(pk=consultation.pk).values_list("pk"))


def _resolve(theme_id: int, merged: dict[int, int]) -> int:
    seen = set()
    while theme_id in merged and theme_id not in seen:
        seen.add(theme_id)
        theme_id = merged[theme_id]
    return theme_id


@transaction.atomic
def themes_fit(*, consultation: Consultation) -> int:
    """Full recomputation (a deliberate staff action, or the first computation): fits the
    model again on every published contribution and keeps staff's edits. New themes are matched
    to the old ones by the overlap of their members (Hungarian assignment,
    scipy.optimize.linear_sum_assignment, on the Jaccard index); a matched theme keeps its row
    (so its id, label, hidden flag and merges), an unmatched new theme whose members mostly lie
    in an old theme that staff merged others into is merged into it again, and contributions
    staff placed themselves (split off) stay where they are. Returns the number of themes."""
    _lock(consultation)
    rows = _texts(consultation.pk)
    staff_placed = set(
        ThemeMembership.objects.filter(theme__consultation=consultation, by_staff=True).values_list(
            "contribution_id", flat=True
        )
    )
    if len(rows) < MIN_CONTRIBUTIONS:
        ThemeModel.objects.filter(consultation=consultation).delete()
        Theme.objects.filter(consultation=consultation).delete()
        return 0
    ids = [pk for pk, _ in rows]
    vectorizer, weights, components = fit_texts([text for _, text in rows], theme_count(len(rows)))
    vocabulary = vectorizer.get_feature_names_out().tolist()
    k = components.shape[0]
    new_members: list[set[int]] = [set() for _ in range(k)]
    best = weights.argmax(axis=1)
    for row, pk in enumerate(ids):
        if weights[row, best[row]] > 0 and pk not in staff_placed:
            new_members[best[row]].add(pk)

    old_themes = {
        theme.pk: theme
        for theme in Theme.objects.filter(consultation=consultation).select_related("merged_into")
    }
    old_members: dict[int, set[int]] = defaultdict(set)
    for contribution_id, theme_id in ThemeMembership.objects.filter(
        theme__consultation=consultation
    ).values_list("contribution_id", "theme_id"):
        old_members[theme_id].add(contribution_id)
    live_old = [pk for pk, theme in old_themes.items() if theme.merged_into_id is None]
    assigned: dict[int, Theme] = {}  # new component → theme row
    if live_old:
        overlap = np.zeros((k, len(live_old)))
        for j, members in enumerate(new_members):
            for i, old_pk in enumerate(live_old):
                union = len(members | old_members[old_pk])
                if union:
                    overlap[j, i] = len(members & old_members[old_pk]) / union
        for j, i in zip(*linear_sum_assignment(-overlap), strict=True):
            if overlap[j, i] >= CARRY_OVER:
                assigned[j] = old_themes[live_old[i]]
    merge_targets = {theme.merged_into_id for theme in old_themes.values() if theme.merged_into_id}
    kept = {theme.pk for theme in assigned.values()}
    theme_ids: list[int] = []
    for j in range(k):
        terms = _top_terms(components[j], vocabulary)
        theme = assigned.get(j)
        if theme is None:
            target = None
            for old_pk in merge_targets & kept:
                members = new_members[j]
                if members and len(members & old_members[old_pk]) > len(members) / 2:
                    target = old_pk
            theme = Theme.objects.create(
                consultation=consultation, top_terms=terms, merged_into_id=target
            )
        else:
            theme.top_terms = terms
            theme.save(update_fields=["top_terms", "updated_at"])
        theme_ids.append(theme.pk)
    # Old themes nobody took over go, except those holding contributions staff placed, and
    # the merged ones whose target lives on (they still stand for the merge).
    by_staff_themes = set(
        ThemeMembership.objects.filter(theme__consultation=consultation, by_staff=True).values_list(
            "theme_id", flat=True
        )
    )
    for pk, theme in old_themes.items():
        if pk in kept or pk in by_staff_themes or pk in theme_ids:
            continue
        if theme.merged_into_id and theme.merged_into_id in kept | by_staff_themes:
            continue
        theme.delete()
    merged = dict(
        Theme.objects.filter(consultation=consultation, merged_into__isnull=False).values_list(
            "pk", "merged_into_id"
        )
    )
    ThemeMembership.objects.filter(theme__consultation=consultation, by_staff=False).delete()
    ThemeMembership.objects.bulk_create(
        [
            ThemeMembership(
                contribution_id=pk,
                theme_id=_resolve(theme_ids[best[row]], merged),
                weight=float(weights[row, best[row]]),
            )
            for row, pk in enumerate(ids)
            if weights[row, best[row]] > 0 and pk not in staff_placed
        ],
        batch_size=2000,
    )
    now = timezone.now()
    ThemeModel.objects.update_or_create(
        consultation=consultation,
        defaults={
            "vocabulary": vocabulary,
            "arrays": arrays_dump(idf=vectorizer.idf_, components=components),
            "theme_ids": theme_ids,
            "contributions": len(ids),
            "fitted_at": now,
            "refreshed_at": now,
        },
    )
    themes_recount(consultation=consultation)
    return k


def assign_texts(model: ThemeModel, texts: list[str]):
    """The theme weights of `texts` under the stored model, without fitting it again: the
    stored vocabulary and idf make the TF-IDF vectors, and W solves X ≈ W·H with H fixed."""
    arrays = arrays_load(model.arrays)
    vectorizer = _vectorizer(vocabulary=model.vocabulary)
    vectorizer.fit([" ".join(model.vocabulary)])  # sets up the analyzer; the idf comes next
    vectorizer.idf_ = arrays["idf"]
    matrix = vectorizer.transform(texts)
    components = arrays["components"]
    weights, _, _ = non_negative_factorization(
        matrix,
        H=components,
        n_components=components.shape[0],
        init="custom",
        update_H=False,
        max_iter=NMF_OPTIONS["max_iter"],
    )
    return weights


@transaction.atomic
def themes_refresh(*, consultation: Consultation) -> int:
    """What the debounced task does as contributions arrive: contributions no longer published
    leave their theme, new ones join the existing themes (the stored model, no refit; merges
    followed), figures are counted again. The first time there are enough contributions, it
    fits the model (themes_fit). Safe to run twice. Returns the number of contributions
    assigned."""
    _lock(consultation)
    model = ThemeModel.objects.filter(consultation=consultation).first()
    ThemeMembership.objects.filter(theme__consultation=consultation).exclude(
        contribution__status=Contribution.Status.PUBLISHED
    ).delete()
    if model is None:
        themes_fit(consultation=consultation)
        return model_size(consultation)
    rows = _texts(
        consultation.pk,
        exclude=ThemeMembership.objects.filter(theme__consultation=consultation).values(
            "contribution_id"
        ),
    )
    if rows:
        weights = assign_texts(model, [text for _, text in rows])
        merged = dict(
            Theme.objects.filter(consultation=consultation, merged_into__isnull=False).values_list(
                "pk", "merged_into_id"
            )
        )
        existing = set(Theme.objects.filter(pk__in=model.theme_ids).values_list("pk", flat=True))
        best = weights.argmax(axis=1)
        memberships = []
        for row, (pk, _) in enumerate(rows):
            theme_id = model.theme_ids[best[row]]
            if weights[row, best[row]] > 0 and theme_id in existing:
                memberships.append(
                    ThemeMembership(
                        contribution_id=pk,
                        theme_id=_resolve(theme_id, merged),
                        weight=float(weights[row, best[row]]),
                    )
                )
        ThemeMembership.objects.bulk_create(memberships, batch_size=2000)
    model.refreshed_at = timezone.now()
    model.save(update_fields=["refreshed_at"])
    themes_recount(consultation=consultation)
    return len(rows)


def model_size(consultation: Consultation) -> int:
    return ThemeMembership.objects.filter(theme__consultation=consultation).count()


def themes_recount(*, consultation: Consultation) -> None:
    """Each theme's size, chapters and representative contributions (the largest weights),
    stored on the rows so that pages read them in a query or two."""
    themes = list(Theme.objects.filter(consultation=consultation))
    memberships = defaultdict(list)
    for (
        contribution_id,
        theme_id,
        weight,
        chapter,
        number,
        title,
        body,
    ) in ThemeMembership.objects.filter(theme__consultation=consultation).values_list(
        "contribution_id",
        "theme_id",
        "weight",
        "contribution__chapter_id",
        "contribution__chapter__number",
        "contribution__chapter__title",
        "contribution__body",
    ):
        memberships[theme_id].append(
            (weight, contribution_id, (chapter, f"{number}. {title}"), " ".join(body.split()))
        )
    representative = []
    for theme in themes:
        members = sorted(memberships[theme.pk], key=lambda member: (-member[0], member[1]))
        theme.size = len(members)
        theme.chapters = [
            {"id": chapter, "title": title, "count": count}
            for (chapter, title), count in Counter(member[2] for member in members).most_common()
        ]
        # The largest weights, one per text: the same words posted three times (it happens)
        # would otherwise fill the theme's examples.
        texts = set()
        for member in members:
            if len(texts) == REPRESENTATIVES:
                break
            if member[3].casefold() not in texts:
                texts.add(member[3].casefold())
                representative.append(member[1])
    Theme.objects.bulk_update(themes, ["size", "chapters"])
    ThemeMembership.objects.filter(theme__consultation=consultation).update(representative=False)
    ThemeMembership.objects.filter(contribution_id__in=representative).update(representative=True)


# --- Staff edits ----------------------------------------------------------------------------


@transaction.atomic
def themes_merge(*, themes: list[Theme], into: Theme) -> None:
    """Merge `themes` into `into`: their contributions move, and they stay as pointers to it
    (new contributions of their component follow the pointer; a recomputation carries the
    merge over)."""
    others = [theme for theme in themes if theme.pk != into.pk]
    ThemeMembership.objects.filter(theme__in=others).update(theme=into)
    Theme.objects.filter(merged_into__in=others).update(merged_into=into)
    for theme in others:
        theme.merged_into = into
        theme.edited = True
        theme.save(update_fields=["merged_into", "edited", "updated_at"])
    into.edited = True
    into.save(update_fields=["edited", "updated_at"])
    themes_recount(consultation=into.consultation)


@transaction.atomic
def themes_hide(*, themes, hidden: bool) -> None:
    for theme in themes:
        theme.hidden = hidden
        theme.edited = True
        theme.save(update_fields=["hidden", "edited", "updated_at"])


@transaction.atomic
def theme_split(*, contribution_ids: list[int], label: str) -> Theme | None:
    """A new theme with these contributions (all of one consultation), placed by staff: a
    recomputation leaves them there. New contributions are never assigned to it (it has no
    component in the model); the model's themes keep receiving them."""
    memberships = list(
        ThemeMembership.objects.filter(contribution_id__in=contribution_ids).select_related("theme")
    )
    if not memberships:
        return None
    consultation = memberships[0].theme.consultation
    theme = Theme.objects.create(consultation=consultation, label=label, edited=True)
    ThemeMembership.objects.filter(
        contribution_id__in=[m.contribution_id for m in memberships],
        theme__consultation=consultation,
    ).update(theme=theme, by_staff=True)
    themes_recount(consultation=consultation)
    return theme
