"""Small charts drawn on the server as inline SVG: no JavaScript, no CDN, nothing to download.

`line_chart()` and `bar_chart()` return a `Chart`: the SVG (role="img", named by its <title> and described by
its <desc>) and the same numbers as rows, for the data table shown beside it (templates/components/chart.html).
Every label is escaped. Text is drawn in `currentColor`, so it follows the page's text colour (the Wagtail
admin's dark theme too); series take the site's palette (static/css/site.css) and lines differ by dash as
well as colour.
"""

import math
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

# The site's palette (static/css/site.css).
TEXT = "currentColor"
ACCENT = "#b8432f"  # --color-accent (persimmon)
GREEN = "#2f5d50"  # --color-green (matcha)
MUTED = "#6b645b"  # --color-muted
LINE_STRONG = "#cfc5b6"  # --color-line-strong

FONT_SIZE = 12


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple
    colour: str
    dash: str = ""  # stroke-dasharray for lines, e.g. "6 3"

    def __post_init__(self):
        object.__setattr__(self, "values", tuple(self.values))


@dataclass(frozen=True)
class Chart:
    id: str
    kind: str  # "line" or "bar": how the legend draws each series
    title: str
    description: str
    labels: tuple
    series: tuple
    svg: str
    table_labels: tuple = ()  # the labels in full for the data table, when the chart's are shortened
    label_heading: str = ""  # the data table's heading for the labels' column ("Month", "Group", ...)

    @property
    def rows(self):
        """(label, [value of each series]) for each label, for the data table."""
        labels = self.table_labels or [label.replace("\n", " ") for label in self.labels]
        return [(label, [series.values[i] for series in self.series]) for i, label in enumerate(labels)]


def nice_scale(top, ticks=4):
    """(ceiling, step): a round step so that `ticks` steps cover `top` (at least 1)."""
    rough = max(top, 1) / ticks
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= rough)
    if step < 1:
        step = 1
    step = int(step) if float(step).is_integer() else step
    return step * math.ceil(max(top, 1) / step), step


def text_width(text, size=FONT_SIZE):
    """Roughly how wide `text` is drawn: full-width (Japanese) characters one em, others a bit over half."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.6 for ch in text)


def shorten(text, width, size=FONT_SIZE):
    """`text`, cut with an ellipsis to fit `width`."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def _number(value):
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


def _svg(chart_id, title, description, width, height, body):
    return mark_safe(  # noqa: S308 - every piece of text in `body` went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" viewBox="0 0 {width} {height}" '
        f'font-size="{FONT_SIZE}" fill="{TEXT}">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>{"".join(body)}</svg>'
    )


def _text(x, y, content, anchor="start", **attributes):
    """A text element; a label with a line break becomes two lines."""
    extra = "".join(f' {name.replace("_", "-")}="{escape(value)}"' for name, value in attributes.items())
    lines = str(content).split("\n")
    if len(lines) == 1:
        return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(lines[0])}</text>'
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else 1.2}em">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text y="{y:.1f}" text-anchor="{anchor}"{extra}>{spans}</text>'


def _value_axis(ceiling, step, to_position, horizontal, start, end):
    """Grid lines and their numbers along the value axis."""
    parts = []
    value = 0
    while value <= ceiling:
        position = to_position(value)
        if horizontal:
            parts.append(
                f'<line x1="{position:.1f}" x2="{position:.1f}" y1="{start}" y2="{end}" '
                f'stroke="{TEXT}" stroke-opacity="0.15"/>'
            )
            parts.append(_text(position, end + 14, _number(value), "middle", fill_opacity="0.75"))
        else:
            parts.append(
                f'<line x1="{start}" x2="{end}" y1="{position:.1f}" y2="{position:.1f}" '
                f'stroke="{TEXT}" stroke-opacity="0.15"/>'
            )
            parts.append(_text(start - 6, position + 4, _number(value), "end", fill_opacity="0.75"))
        value += step
    return parts


def _spread(positions, gap):
    """Move label positions (y, top to bottom) apart so no two are closer than `gap`, keeping their order."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = list(positions)
    for previous, current in zip(order, order[1:], strict=False):
        placed[current] = max(placed[current], placed[previous] + gap)
    return placed


def line_chart(
    *, chart_id, title, description, labels, series, table_labels=(), label_heading="", width=600, height=260
):
    """One line per series over the labels (periods), each ending with its last value."""
    labels = tuple(labels)
    values = [v for s in series for v in s.values if v is not None]
    ceiling, step = nice_scale(max(values, default=0))
    end_labels = [_number(s.values[-1]) for s in series if s.values and s.values[-1] is not None]
    left, right, top, bottom = 44, 16 + max((text_width(t) for t in end_labels), default=0), 12, 40
    plot_width, plot_height = width - left - right, height - top - bottom

    def x(i):
        return left + (plot_width * i / (len(labels) - 1) if len(labels) > 1 else plot_width / 2)

    def y(value):
        return top + plot_height - plot_height * value / ceiling

    body = _value_axis(ceiling, step, y, False, left, left + plot_width)
    body += [_text(x(i), top + plot_height + 16, label, "middle") for i, label in enumerate(labels)]
    ends = []
    for s in series:
        points = [(x(i), y(v)) for i, v in enumerate(s.values) if v is not None]
        if not points:
            continue
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        body.append(
            f'<polyline fill="none" stroke="{escape(s.colour)}" stroke-width="2.5" stroke-linejoin="round"{dash} '
            f'points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in points)}"/>'
        )
        for i, v in enumerate(s.values):
            if v is not None:
                tip = f"{labels[i].replace(chr(10), ' ')} · {s.name}: {_number(v)}"
                body.append(
                    f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{escape(s.colour)}">'
                    f"<title>{escape(tip)}</title></circle>"
                )
        if s.values[-1] is not None:
            ends.append((y(s.values[-1]) + 4, _number(s.values[-1]), s.colour))
    for (_y, text, colour), placed in zip(ends, _spread([e[0] for e in ends], FONT_SIZE + 1), strict=True):
        body.append(_text(left + plot_width + 8, placed, text, fill=colour, font_weight="bold"))
    svg = _svg(chart_id, title, description, width, height, body)
    return Chart(
        chart_id, "line", title, description, labels, tuple(series), svg, tuple(table_labels), label_heading
    )


def bar_chart(
    *,
    chart_id,
    title,
    description,
    labels,
    series,
    layout="stacked",
    horizontal=False,
    value_labels=None,
    table_labels=(),
    label_heading="",
    width=600,
    height=None,
):
    """Bars for each label: "stacked" (series on top of each other), "grouped" (side by side) or "overlaid"
    (each from zero, later series drawn over earlier ones: e.g. seats taken over capacity).

    Horizontal charts put the labels on the left, cut to fit; `value_labels` (one per label) are written at the
    end of each bar instead of its total.
    """
    labels = tuple(labels)
    count = max(len(labels), 1)

    def total(i):
        present = [s.values[i] for s in series if s.values[i] is not None]
        if layout == "stacked":
            return sum(present)
        return max(present, default=0)

    ceiling, step = nice_scale(max((total(i) for i in range(len(labels))), default=0))
    texts = list(value_labels) if value_labels else [_number(total(i)) for i in range(len(labels))]

    if horizontal:
        band = 30
        height = height or 24 + band * count + 24
        label_width = min(max((text_width(label) for label in labels), default=0), width * 0.45)
        value_width = max((text_width(t) for t in texts), default=0)
        left, right, top, bottom = label_width + 12, value_width + 14, 8, 24
        extent = width - left - right
    else:
        height = height or 260
        left, right, top, bottom = 44, 8, 18, 40
        extent = height - top - bottom
        band = (width - left - right) / count
    plot_end = top + band * count if horizontal else left + band * count

    def length(value):
        return extent * value / ceiling

    body = (
        _value_axis(ceiling, step, lambda v: left + length(v), True, top, plot_end)
        if horizontal
        else _value_axis(ceiling, step, lambda v: top + extent - length(v), False, left, plot_end)
    )
    thickness = band * 0.62
    # Crowded category labels under vertical bars: write every second (third, ...) one; the table has them all.
    every = 1 if horizontal else math.ceil((max((text_width(t) for t in labels), default=0) + 6) / band)
    for i, label in enumerate(labels):
        offset = 0.0
        slot = (top if horizontal else left) + band * i + (band - thickness) / 2
        present = [s for s in series if s.values[i] is not None]
        for n, s in enumerate(present):
            value = s.values[i]
            start = offset if layout == "stacked" else 0
            size = thickness / len(present) if layout == "grouped" else thickness
            along = slot + (size * n if layout == "grouped" else 0)
            if layout == "overlaid" and n < len(present) - 1:  # the background bars: a lighter outline
                along, size = slot - 2, size + 4
            tip = f"{label.replace(chr(10), ' ')} · {s.name}: {_number(value)}"
            if horizontal:
                box = f'x="{left + length(start):.1f}" y="{along:.1f}" width="{length(value):.1f}" height="{size:.1f}"'
            else:
                box = (
                    f'x="{along:.1f}" y="{top + extent - length(start + value):.1f}" '
                    f'width="{size:.1f}" height="{length(value):.1f}"'
                )
            body.append(f'<rect {box} fill="{escape(s.colour)}"><title>{escape(tip)}</title></rect>')
            if layout == "stacked":
                offset += value
        if horizontal:
            middle = top + band * i + band / 2 + 4
            body.append(_text(left - 8, middle, shorten(label, label_width), "end"))
            body.append(_text(left + length(total(i)) + 6, middle, texts[i]))
        else:
            centre = left + band * i + band / 2
            if (len(labels) - 1 - i) % every == 0:  # counted from the newest, which is always labelled
                body.append(_text(centre, top + extent + 16, label, "middle"))
            if total(i):
                body.append(
                    _text(centre, top + extent - length(total(i)) - 4, texts[i], "middle", font_size="11")
                )
    svg = _svg(chart_id, title, description, width, height, body)
    return Chart(
        chart_id, "bar", title, description, labels, tuple(series), svg, tuple(table_labels), label_heading
    )
