"""Geometry of the server-rendered SVG bar charts (the templates only draw what is computed here).

Every bar carries its value as text next to it, so the chart is read without relying on colour; the data
table after each chart gives the same figures to screen readers and for copying.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 720
_TOP, _BOTTOM, _LEFT, _RIGHT = 24, 48, 16, 16
_COLUMN_HEIGHT = 180
_ROW_HEIGHT, _LABEL_WIDTH, _VALUE_SPACE = 28, 190, 48


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class Chart:
    kind: str  # "columns" (vertical bars over time) or "rows" (horizontal bars per category)
    height: int
    bars: list[Bar]
    axis_y: float  # the baseline (columns) or the left edge of the bars (rows)
    rotate_labels: bool = False

    @property
    def width(self) -> int:
        return WIDTH


def _scale(values: list[int]) -> int:
    return max([*values, 1])


def column_chart(items: list[tuple[str, int]]) -> Chart:
    """Vertical bars, one per item (e.g. per month), value written above each bar."""
    slot = (WIDTH - _LEFT - _RIGHT) / max(len(items), 1)
    rotate = len(items) > 12  # more than a year: slanted month labels so that they do not overlap
    bottom = _BOTTOM + (16 if rotate else 0)
    baseline = _TOP + _COLUMN_HEIGHT
    top = _scale([v for _, v in items])
    bars = []
    for index, (label, value) in enumerate(items):
        height = _COLUMN_HEIGHT * value / top
        x = _LEFT + index * slot + slot * 0.15
        width = slot * 0.7
        centre = x + width / 2
        bars.append(Bar(label=label, value=value, x=round(x, 1), y=round(baseline - height, 1), width=round(width, 1),
                        height=round(height, 1), label_x=round(centre, 1), label_y=baseline + 18,
                        value_x=round(centre, 1), value_y=round(baseline - height - 6, 1)))
    return Chart(kind="columns", height=int(baseline + bottom), bars=bars, axis_y=baseline, rotate_labels=rotate)


def row_chart(items: list[tuple[str, int]]) -> Chart:
    """Horizontal bars, one per category, label on the left and value right of each bar."""
    top = _scale([v for _, v in items])
    available = WIDTH - _LEFT - _LABEL_WIDTH - _VALUE_SPACE - _RIGHT
    left = _LEFT + _LABEL_WIDTH
    bars = []
    for index, (label, value) in enumerate(items):
        y = _TOP / 2 + index * _ROW_HEIGHT
        width = available * value / top
        bars.append(Bar(label=label, value=value, x=left, y=y + 4, width=round(width, 1), height=_ROW_HEIGHT - 8,
                        label_x=left - 8, label_y=y + _ROW_HEIGHT / 2 + 4, value_x=round(left + width + 6, 1),
                        value_y=y + _ROW_HEIGHT / 2 + 4))
    return Chart(kind="rows", height=int(_TOP + len(items) * _ROW_HEIGHT), bars=bars, axis_y=left)
