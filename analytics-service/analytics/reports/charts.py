"""Charts as inline SVG (pure): pages render with no script and no network, in any browser or headless Chromium."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

Point = tuple[str, float | None]

PALETTE = ("#2f6fb2", "#d9822b", "#3a9b5c", "#b23a48", "#7b5ea7", "#8c8c8c")


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def number(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def line_chart(
    title: str, series: dict[str, Sequence[Point]], *, width: int = 560, height: int = 220,
    fmt: Callable[[float | None], str] = number, y_max: float | None = None, target: float | None = None,
) -> str:
    """One line per named series over shared x labels; an optional dashed target line."""
    left, right, top, bottom = 48, 12, 28, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    labels = [label for label, _ in next(iter(series.values()), [])]
    values = [v for points in series.values() for _, v in points if v is not None]
    top_value = y_max if y_max is not None else _nice_ceiling(max([*values, target or 0, 1]))
    n = max(len(labels) - 1, 1)

    def x(i: int) -> float:
        return left + plot_w * i / n

    def y(v: float) -> float:
        return top + plot_h * (1 - v / top_value) if top_value else top + plot_h

    parts = [_frame(title, width, height)]
    for i in range(5):
        level = top_value * i / 4
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(level):.1f}" y2="{y(level):.1f}" stroke="#eee"/>'
                     f'<text x="{left - 4}" y="{y(level) + 4:.1f}" text-anchor="end" font-size="10">{escape(fmt(level))}</text>')
    step = max(1, len(labels) // 8)
    for i, label in enumerate(labels):
        if i % step == 0 or i == len(labels) - 1:
            anchor = "end" if i == len(labels) - 1 and i > 0 else "start" if i == 0 else "middle"
            parts.append(f'<text x="{x(i):.1f}" y="{height - bottom + 14}" text-anchor="{anchor}" font-size="10">{escape(label)}</text>')
    if target is not None:
        parts.append(f'<line class="target" x1="{left}" x2="{width - right}" y1="{y(target):.1f}" y2="{y(target):.1f}" '
                     f'stroke="#b23a48" stroke-dasharray="4 3"/>')
    for k, (name, points) in enumerate(series.items()):
        color = PALETTE[k % len(PALETTE)]
        coords = [(x(i), y(v)) for i, (_, v) in enumerate(points) if v is not None]
        if coords:
            path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
            parts.append(f'<polyline class="series" data-name="{escape(name)}" fill="none" stroke="{color}" stroke-width="2" points="{path}"/>')
            parts += [f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="2.5" fill="{color}"/>' for cx, cy in coords]
        parts.append(f'<rect x="{left + 110 * k}" y="{height - 14}" width="10" height="10" fill="{color}"/>'
                     f'<text x="{left + 110 * k + 14}" y="{height - 5}" font-size="11">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(title: str, bars: Sequence[Point], *, width: int = 420, fmt: Callable[[float | None], str] = number) -> str:
    """Horizontal bars, largest first as given."""
    row, left, top = 22, 130, 28
    height = top + row * max(len(bars), 1) + 10
    largest = max([v or 0 for _, v in bars] + [1])
    parts = [_frame(title, width, height)]
    for i, (label, value) in enumerate(bars):
        w = (width - left - 60) * (value or 0) / largest
        yy = top + i * row
        parts.append(
            f'<text x="{left - 6}" y="{yy + 14}" text-anchor="end" font-size="11">{escape(label or "(none)")}</text>'
            f'<rect class="bar" x="{left}" y="{yy + 3}" width="{w:.1f}" height="{row - 7}" fill="{PALETTE[0]}"/>'
            f'<text x="{left + w + 4:.1f}" y="{yy + 14}" font-size="11">{escape(fmt(value))}</text>'
        )
    if not bars:
        parts.append(f'<text x="{left}" y="{top + 14}" font-size="11" fill="#888">no data</text>')
    parts.append("</svg>")
    return "".join(parts)


def _nice_ceiling(value: float) -> float:
    """A y-axis top whose quarter ticks are round numbers: 4 × (1, 2 or 5 × 10ᵏ)."""
    magnitude = 1.0
    while True:
        for step in (1, 2, 5):
            if 4 * step * magnitude >= value:
                return 4 * step * magnitude
        magnitude *= 10


def _frame(title: str, width: int, height: int) -> str:
    return (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
            f'<text x="8" y="16" font-size="13" font-weight="bold">{escape(title)}</text>')
