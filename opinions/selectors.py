"""What the opinion groups section shows (templates/opinions/section.html): the stored result,
its contributions, and the scatter's geometry. Two queries whatever the size of the consultation."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from concertation.models import Consultation, Contribution

from . import method
from .models import OpinionGroups

# A group is told by its shape AND its colour (WCAG 1.4.1): DSFR illustrative colours, through
# classes and currentColor (no inline style: the CSP forbids it), following the dark theme.
SHAPES = [
    ("rond", _("rond")),
    ("carre", _("carré")),
    ("triangle", _("triangle")),
    ("losange", _("losange")),
    ("croix", _("croix")),
]
COLOURS = [
    "fr-text-label--blue-cumulus",
    "fr-text-label--pink-tuile",
    "fr-text-label--green-emeraude",
    "fr-text-label--purple-glycine",
    "fr-text-label--yellow-tournesol",
]
LETTERS = "ABCDE"
# The scatter's drawing area (viewBox units).
WIDTH, HEIGHT, MARGIN = 600, 360, 24


def _svg(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass
class Statement:
    contribution: Contribution
    agree: int  # percent
    others: int | None = None  # percent
    per_group: list = field(default_factory=list)  # consensus: (letter, percent)


@dataclass
class GroupView:
    letter: str
    size: int
    share: float
    shape: str
    shape_label: str
    colour: str
    representative: list[Statement]
    points: list[tuple[str, str]]
    label_x: str
    label_y: str


@dataclass
class Section:
    stored: OpinionGroups
    groups: list[GroupView]
    consensus: list[Statement]
    width: int = WIDTH
    height: int = HEIGHT
    center_x: str = _svg(WIDTH / 2)
    center_y: str = _svg(HEIGHT / 2)
    min_votes: int = method.MIN_VOTES
    min_contribution_votes: int = method.MIN_CONTRIBUTION_VOTES
    min_group_size: int = method.MIN_GROUP_SIZE
    min_participants: int = method.MIN_PARTICIPANTS
    max_groups: int = method.MAX_GROUPS
    consensus_percent: int = round(100 * method.CONSENSUS_MIN_AGREE)


def _x(value: float) -> float:
    return WIDTH / 2 + value * (WIDTH / 2 - MARGIN)


def _y(value: float) -> float:
    return HEIGHT / 2 - value * (HEIGHT / 2 - MARGIN)


def opinion_section(consultation: Consultation) -> Section | None:
    """The consultation's stored groups ready to draw, or None before any computation."""
    stored = OpinionGroups.objects.filter(consultation=consultation).first()
    if stored is None:
        return None
    ids = {item["id"] for group in stored.groups for item in group["representative"]}
    ids |= {item["id"] for item in stored.consensus}
    contributions = {}
    if ids:
        # Still published: one hidden since the computation is not shown.
        contributions = (
            Contribution.objects.filter(pk__in=ids, status=Contribution.Status.PUBLISHED)
            .select_related("chapter__consultation", "paragraph")
            .in_bulk()
        )
    points: dict[int, list] = {}
    for index, x, y in stored.points:
        points.setdefault(index, []).append((_svg(_x(x)), _svg(_y(y))))
    groups = []
    for index, group in enumerate(stored.groups[: len(LETTERS)]):
        shape, shape_label = SHAPES[index]
        center_x, center_y = group["center"]
        groups.append(
            GroupView(
                letter=LETTERS[index],
                size=group["size"],
                share=100.0 * group["size"] / stored.participants if stored.participants else 0,
                shape=shape,
                shape_label=shape_label,
                colour=COLOURS[index],
                representative=[
                    Statement(
                        contribution=contributions[item["id"]],
                        agree=round(100 * item["agree"]),
                        others=round(100 * item["others"]),
                    )
                    for item in group["representative"]
                    if item["id"] in contributions
                ],
                points=points.get(index, []),
                label_x=_svg(min(max(_x(center_x), MARGIN), WIDTH - MARGIN)),
                label_y=_svg(min(max(_y(center_y) - 10, MARGIN), HEIGHT - MARGIN)),
            )
        )
    consensus = [
        Statement(
            contribution=contributions[item["id"]],
            agree=round(100 * min(item["agree"])) if item["agree"] else 0,
            per_group=[
                (LETTERS[index], round(100 * value))
                for index, value in enumerate(item["agree"][: len(LETTERS)])
            ],
        )
        for item in stored.consensus
        if item["id"] in contributions
    ]
    return Section(stored=stored, groups=groups, consensus=consensus)
