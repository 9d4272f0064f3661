"""The geometry of the charts drawn server-side as SVG (templates/concertation/results/includes/).

Lengths are given to the templates as strings with a dot, ready for SVG attributes: a number
rendered by the template language would take the French decimal comma ("12,5%") and break them.
Bars are sized in percent of the chart's width, so a chart fits any screen while its text keeps
its size; the longest bar takes BAR_ROOM percent, the rest holds its value."""

import math
from dataclasses import dataclass, field

BAR_ROOM = 82.0
# Horizontal bars: one row holds a label line, then the bar and its value.
ROW_HEIGHT = 46
LABEL_CHARS = 60
# Columns (a time series): the plot area, then a line of labels below it.
COLUMN_AREA = 150
COLUMN_TOP = 22
COLUMN_LABELS_MAX = 7
COLUMN_VALUES_MAX = 16


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def share(part: int, whole: int) -> float:
    """`part` in percent of `whole` (0 when there is nothing to share)."""
    return 100.0 * part / whole if whole else 0.0


@dataclass
class Bar:
    """One category of a horizontal bar chart, and of the table that follows it."""

    label: str
    value: int
    share: float = 0.0  # percent of the chart's total
    url: str = ""
    extra: dict = field(default_factory=dict)  # more columns of the table
    # Set by bar_chart():
    length: str = "0"
    short_label: str = ""
    label_y: str = "0"
    bar_y: str = "0"
    value_y: str = "0"


@dataclass
class BarChart:
    bars: list[Bar]
    total: int
    height: str


def bar_chart(bars: list[Bar], *, total: int | None = None) -> BarChart:
    """Lay out `bars` (already in their order) one below the other."""
    total = sum(bar.value for bar in bars) if total is None else total
    top = max((bar.value for bar in bars), default=0)
    for index, bar in enumerate(bars):
        y = index * ROW_HEIGHT
        bar.share = share(bar.value, total)
        bar.length = _number(BAR_ROOM * bar.value / top) if top else "0"
        label = str(bar.label)
        bar.short_label = (
            label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"
        )
        bar.label_y = str(y + 15)
        bar.bar_y = str(y + 22)
        bar.value_y = str(y + 35)
    return BarChart(bars=bars, total=total, height=str(max(len(bars), 1) * ROW_HEIGHT))


@dataclass
class Column:
    """One period of a time series drawn as columns."""

    label: str  # in the table: « Semaine du 30 septembre 2019 »
    short_label: str  # under the column: « 30/09 »
    value: int
    show_label: bool = True
    x: str = "0"
    width: str = "0"
    center: str = "0"
    y: str = "0"
    height: str = "0"
    value_y: str = "0"


@dataclass
class ColumnChart:
    columns: list[Column]
    total: int
    show_values: bool
    height: str
    baseline: str
    labels_y: str


def column_chart(columns: list[Column]) -> ColumnChart:
    """Columns side by side; a label under one column in `step` when they are many."""
    count = len(columns)
    top = max((column.value for column in columns), default=0)
    step = max(1, math.ceil(count / COLUMN_LABELS_MAX))
    slot = 100.0 / count if count else 100.0
    baseline = COLUMN_TOP + COLUMN_AREA
    for index, column in enumerate(columns):
        height = COLUMN_AREA * column.value / top if top else 0
        column.x = _number(index * slot + slot * 0.15)
        column.width = _number(slot * 0.7)
        column.center = _number(index * slot + slot / 2)
        column.height = _number(height)
        column.y = _number(baseline - height)
        column.value_y = _number(baseline - height - 6)
        column.show_label = index % step == 0
    return ColumnChart(
        columns=columns,
        total=sum(column.value for column in columns),
        show_values=count <= COLUMN_VALUES_MAX,
        height=str(baseline + 26),
        baseline=str(baseline),
        labels_y=str(baseline + 18),
    )
