"""Abstract illustrations for the demo content, drawn with Pillow.

Nothing is downloaded and nobody's face is shown: warm gradients, soft light and simple food-and-people
shapes (bowls, plates, leaves, citrus, silhouettes seen from behind). The same motif, palette and seed always
give the same picture, so a re-seeded site looks the same.
"""

import io
import math
import random
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

# Shapes are drawn at twice the size and scaled down: Pillow's shapes have no anti-aliasing of their own.
SUPERSAMPLE = 2
# Soft light and shadows are blurred at a quarter of the size: it looks the same and costs far less.
SOFT_SCALE = 4

FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Bold.ttc",
    "/System/Library/Fonts/ヒラギノ角ゴシック W6.ttc",
]


@dataclass(frozen=True)
class Palette:
    top: str
    bottom: str
    ink: str
    accents: tuple


PALETTES = {
    "apricot": Palette(
        "#FCE8CF", "#EE9E72", "#7A3520", ("#F7C65B", "#FFF8EE", "#C8553D", "#7FA36B", "#E26D5A")
    ),
    "matcha": Palette(
        "#F4F1DE", "#A8C98E", "#34552F", ("#FFF9EC", "#5E8C4A", "#E9B44C", "#D9734E", "#2F6B4F")
    ),
    "peach": Palette(
        "#FFF0E5", "#F2A38E", "#823B3B", ("#FFFFFF", "#E86A5C", "#F6C177", "#8FB996", "#B5485D")
    ),
    "yuzu": Palette("#FFF7DC", "#F4C84E", "#6E5313", ("#F2A81D", "#FFFDF3", "#6FA25A", "#E07A3F", "#3F7D4E")),
    "frost": Palette(
        "#EEF5FA", "#96BEDD", "#1F4466", ("#FFFFFF", "#3F7CAC", "#F4B860", "#E3826F", "#5AA897")
    ),
    "plum": Palette("#F8ECF1", "#D497B4", "#5B2A45", ("#FFF7FA", "#A2446F", "#F2C14E", "#6E9F73", "#E07B6A")),
    "soy": Palette("#F7EBD8", "#C9935F", "#4E2D16", ("#FFF8EC", "#8C4A26", "#E8B04B", "#5F8A5A", "#D65F3F")),
    "dusk": Palette("#FDE7D8", "#B98AB8", "#3D2450", ("#FFF4E8", "#F29E6D", "#F7D26A", "#6E5AA0", "#E36B73")),
}

YUZU_YELLOW = "#F2B21B"


def seed_for(key):
    """A stable integer seed for a string key (Python's own hash() changes between runs)."""
    return zlib.crc32(key.encode("utf-8"))


def rgba(colour, alpha=255):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4)) + (alpha,)


def luminance(colour):
    r, g, b, _ = rgba(colour)
    return 0.299 * r + 0.587 * g + 0.114 * b


def mix(a, b, t):
    """A colour between hex colours a and b (t=0 gives a)."""
    ca, cb = rgba(a), rgba(b)
    return "#" + "".join(f"{round(ca[i] + (cb[i] - ca[i]) * t):02x}" for i in range(3))


def _gradient(size, top, bottom, angle):
    # Rotate a larger square and keep its middle, so no corner is left outside the gradient.
    square = (
        Image.linear_gradient("L").resize((512, 512), Image.BILINEAR).rotate(angle, resample=Image.BICUBIC)
    )
    radians = math.radians(angle % 90)
    inner = int(512 / (math.cos(radians) + math.sin(radians))) - 2
    start = (512 - inner) // 2
    mask = square.crop((start, start, start + inner, start + inner)).resize(size, Image.BILINEAR)
    return Image.composite(Image.new("RGBA", size, rgba(bottom)), Image.new("RGBA", size, rgba(top)), mask)


def _soft_light(small, rng, pal, count=3):
    layer = Image.new("RGBA", small, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(count):
        r = rng.uniform(0.18, 0.38) * small[0]
        x, y = rng.uniform(0, small[0]), rng.uniform(0, small[1])
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rgba(rng.choice(pal.accents), rng.randint(70, 120)))
    return layer.filter(ImageFilter.GaussianBlur(small[0] / 14))


def _add_shadow(background, shapes, ink, offset):
    """Darken `background` (small) under the blurred outline of `shapes` (full size), moved by `offset`."""
    alpha = shapes.getchannel("A").resize(background.size, Image.BILINEAR)
    alpha = alpha.filter(ImageFilter.GaussianBlur(background.width / 90)).point(lambda v: v * 0.28)
    background.paste(
        rgba(ink)[:3],
        (offset[0], offset[1], background.width, background.height),
        alpha.crop((0, 0, background.width - offset[0], background.height - offset[1])),
    )


def _compose(size, pal, rng, draw_shapes, shadow_offset):
    """Everything soft (gradient, light, shadow) is made small and enlarged once; the shapes stay sharp."""
    small = (max(1, size[0] // SOFT_SCALE), max(1, size[1] // SOFT_SCALE))
    background = _gradient(small, pal.top, pal.bottom, rng.uniform(20, 70))
    background = Image.alpha_composite(background, _soft_light(small, rng, pal)).convert("RGB")
    big = (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE)
    shapes = Image.new("RGBA", big, (0, 0, 0, 0))
    draw_shapes(ImageDraw.Draw(shapes), big[0], big[1])
    shapes = shapes.reduce(SUPERSAMPLE)
    _add_shadow(
        background,
        shapes,
        pal.ink,
        (max(1, shadow_offset[0] // SOFT_SCALE), max(1, shadow_offset[1] // SOFT_SCALE)),
    )
    image = background.resize(size, Image.BICUBIC)
    image.paste(shapes, (0, 0), shapes)
    return image


# --- small shapes (coordinates are in supersampled pixels) -------------------------------------------------


def _circle(draw, x, y, r, fill, outline=None, width=0):
    draw.ellipse((x - r, y - r, x + r, y + r), fill=fill, outline=outline, width=width)


def _leaf(draw, x, y, length, angle, fill, vein):
    width = length * 0.36
    points = []
    for i in range(25):
        t = i / 24
        points.append((length * t, width / 2 * math.sin(math.pi * t) ** 0.85))
    points += [(px, -py) for px, py in reversed(points)]
    cos, sin = math.cos(angle), math.sin(angle)
    shape = [(x + px * cos - py * sin, y + px * sin + py * cos) for px, py in points]
    draw.polygon(shape, fill=fill)
    draw.line(
        [(x, y), (x + length * 0.92 * cos, y + length * 0.92 * sin)],
        fill=vein,
        width=max(2, int(length / 40)),
    )


def _wave(draw, x0, x1, y, amplitude, wavelength, fill, width):
    points = [
        (x, y + amplitude * math.sin((x - x0) / wavelength * 2 * math.pi)) for x in range(int(x0), int(x1), 8)
    ]
    draw.line(points, fill=fill, width=width, joint="curve")


def _person(draw, x, y, scale, fill):
    """A silhouette seen from behind: a head and rounded shoulders."""
    head = scale * 0.42
    _circle(draw, x, y - scale * 0.55, head, fill)
    draw.rounded_rectangle(
        (x - scale * 0.85, y, x + scale * 0.85, y + scale * 1.6), radius=int(scale * 0.6), fill=fill
    )


def _bowl(draw, cx, cy, w, pal, rng):
    h = w * 0.5
    # rice
    draw.chord((cx - w * 0.42, cy - h * 0.55, cx + w * 0.42, cy + h * 0.35), 180, 360, fill=rgba("#FFFDF7"))
    for _ in range(14):
        gx = cx + rng.uniform(-0.3, 0.3) * w
        gy = cy - rng.uniform(0.02, 0.16) * w
        draw.ellipse((gx - w * 0.018, gy - w * 0.01, gx + w * 0.018, gy + w * 0.01), fill=rgba("#EFE6D6"))
    # bowl
    draw.chord((cx - w / 2, cy - h, cx + w / 2, cy + h), 0, 180, fill=rgba(pal.accents[2]))
    draw.rectangle((cx - w * 0.16, cy + h * 0.92, cx + w * 0.16, cy + h * 1.08), fill=rgba(pal.accents[2]))
    draw.arc(
        (cx - w * 0.38, cy - h * 0.55, cx + w * 0.38, cy + h * 0.7),
        30,
        150,
        fill=rgba("#FFFFFF", 120),
        width=int(w * 0.02),
    )
    draw.rectangle((cx - w / 2, cy - w * 0.012, cx + w / 2, cy + w * 0.012), fill=rgba(pal.ink, 90))
    # steam
    for i in (-1, 0, 1):
        sx = cx + i * w * 0.16
        points = [(sx + w * 0.03 * math.sin(t / 6), cy - h * 0.75 - t * w * 0.012) for t in range(0, 32)]
        draw.line(points, fill=rgba("#FFFFFF", 170), width=int(w * 0.018), joint="curve")


def _chopsticks(draw, cx, cy, w, colour):
    for dy in (0, w * 0.05):
        draw.line(
            (cx - w * 0.55, cy - w * 0.42 + dy, cx + w * 0.5, cy - w * 0.12 + dy),
            fill=colour,
            width=int(w * 0.022),
        )


def _onigiri(draw, cx, cy, s, nori):
    points = [(cx, cy - s), (cx + s * 0.95, cy + s * 0.65), (cx - s * 0.95, cy + s * 0.65)]
    draw.polygon(points, fill=rgba("#FFFDF7"))
    for px, py in points:
        _circle(draw, px + (cx - px) * 0.25, py + (cy - py) * 0.25, s * 0.34, rgba("#FFFDF7"))
    draw.rounded_rectangle(
        (cx - s * 0.42, cy + s * 0.05, cx + s * 0.42, cy + s * 0.78), radius=int(s * 0.08), fill=rgba(nori)
    )


def _plate(draw, cx, cy, r, pal, rng):
    _circle(draw, cx, cy, r, rgba("#FFFFFF"))
    _circle(draw, cx, cy, r * 0.78, rgba(mix("#FFFFFF", pal.top, 0.5)))
    kind = rng.choice(["peas", "leaf", "tamago", "slices"])
    if kind == "peas":
        for _ in range(9):
            a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0, r * 0.45)
            _circle(draw, cx + d * math.cos(a), cy + d * math.sin(a), r * 0.09, rgba(pal.accents[3]))
    elif kind == "leaf":
        _leaf(draw, cx - r * 0.45, cy + r * 0.2, r * 0.95, -0.5, rgba(pal.accents[3]), rgba("#FFFFFF", 150))
    elif kind == "tamago":
        for i in range(3):
            x = cx - r * 0.45 + i * r * 0.32
            draw.rounded_rectangle(
                (x, cy - r * 0.2, x + r * 0.28, cy + r * 0.2), radius=int(r * 0.05), fill=rgba("#F7D26A")
            )
    else:
        for i in range(5):
            a = i / 5 * 2 * math.pi
            _circle(
                draw, cx + r * 0.38 * math.cos(a), cy + r * 0.38 * math.sin(a), r * 0.18, rgba(pal.accents[4])
            )
    return kind


def _snowflake(draw, cx, cy, r, colour, width):
    for i in range(6):
        a = i * math.pi / 3
        ex, ey = cx + r * math.cos(a), cy + r * math.sin(a)
        draw.line((cx, cy, ex, ey), fill=colour, width=width)
        for side in (-1, 1):
            bx, by = cx + r * 0.6 * math.cos(a), cy + r * 0.6 * math.sin(a)
            draw.line(
                (bx, by, bx + r * 0.3 * math.cos(a + side * 0.8), by + r * 0.3 * math.sin(a + side * 0.8)),
                fill=colour,
                width=width,
            )


def _citrus(draw, cx, cy, r, pal, rng, cut=False):
    if cut:
        _circle(draw, cx, cy, r, rgba(YUZU_YELLOW))
        _circle(draw, cx, cy, r * 0.9, rgba("#FFF6D5"))
        for i in range(10):
            start = i * 36
            draw.pieslice(
                (cx - r * 0.82, cy - r * 0.82, cx + r * 0.82, cy + r * 0.82),
                start + 3,
                start + 33,
                fill=rgba(mix(YUZU_YELLOW, "#FFFFFF", 0.35)),
            )
        _circle(draw, cx, cy, r * 0.1, rgba("#FFF6D5"))
    else:
        _circle(draw, cx, cy, r, rgba(YUZU_YELLOW))
        for _ in range(12):
            a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0, r * 0.8)
            _circle(draw, cx + d * math.cos(a), cy + d * math.sin(a), r * 0.03, rgba(pal.ink, 40))
        draw.arc(
            (cx - r * 0.7, cy - r * 0.7, cx + r * 0.7, cy + r * 0.7),
            200,
            250,
            fill=rgba("#FFFFFF", 150),
            width=int(r * 0.08),
        )
        _leaf(draw, cx, cy - r * 0.95, r * 0.8, -0.9, rgba("#5E8C4A"), rgba("#FFFFFF", 120))


# --- motifs: one picture idea each -------------------------------------------------------------------------


def _motif_bowl(draw, w, h, rng, pal):
    _bowl(draw, w * 0.6, h * 0.58, w * 0.34, pal, rng)
    _chopsticks(draw, w * 0.62, h * 0.5, w * 0.34, rgba(pal.ink))
    for _ in range(4):
        _leaf(
            draw,
            w * rng.uniform(0.05, 0.3),
            h * rng.uniform(0.2, 0.85),
            w * rng.uniform(0.08, 0.14),
            rng.uniform(-2.5, 0.5),
            rgba(pal.accents[3]),
            rgba("#FFFFFF", 120),
        )


def _motif_plates(draw, w, h, rng, pal):
    spots = [(0.25, 0.35, 0.17), (0.55, 0.62, 0.2), (0.8, 0.3, 0.13), (0.18, 0.8, 0.11), (0.85, 0.82, 0.1)]
    for fx, fy, fr in spots:
        _plate(draw, w * fx + rng.uniform(-20, 20), h * fy + rng.uniform(-20, 20), w * fr * 0.62, pal, rng)
    _chopsticks(draw, w * 0.42, h * 0.88, w * 0.22, rgba(pal.ink))


def _motif_leaves(draw, w, h, rng, pal):
    for _ in range(16):
        _leaf(
            draw,
            w * rng.uniform(-0.05, 1.0),
            h * rng.uniform(-0.05, 1.0),
            w * rng.uniform(0.07, 0.2),
            rng.uniform(0, 2 * math.pi),
            rgba(rng.choice((pal.accents[1], pal.accents[3], pal.ink)), 235),
            rgba("#FFFFFF", 110),
        )
    _plate(draw, w * 0.62, h * 0.52, w * 0.16, pal, rng)


def _motif_hills(draw, w, h, rng, pal):
    _circle(
        draw, w * 0.76, h * 0.26, w * 0.09, rgba(pal.accents[0] if pal.accents[0] != "#FFFFFF" else "#F6C453")
    )
    for layer, colour in enumerate(
        (
            mix(pal.bottom, pal.ink, 0.15),
            mix(pal.accents[3], pal.ink, 0.1),
            mix(pal.accents[3], pal.ink, 0.35),
        )
    ):
        base = h * (0.55 + layer * 0.13)
        amp, wl, phase = h * 0.05, w * rng.uniform(0.5, 0.9), rng.uniform(0, 6)
        points = [(x, base + amp * math.sin(x / wl * 2 * math.pi + phase)) for x in range(0, int(w) + 9, 8)]
        draw.polygon([*points, (w, h), (0, h)], fill=rgba(colour))
        if layer == 2:
            for row in range(5):
                y = base + h * 0.05 + row * h * 0.045
                _wave(draw, 0, w, y, amp * 0.4, wl, rgba("#FFFFFF", 60), int(h * 0.006))
    for i in range(5):
        tx, ty = w * (0.1 + i * 0.09), h * 0.6 - i * h * 0.01
        draw.rectangle((tx - w * 0.004, ty, tx + w * 0.004, ty + h * 0.09), fill=rgba(pal.ink, 200))
        _circle(draw, tx, ty, w * 0.035, rgba(pal.accents[3]))
        _circle(draw, tx + w * 0.012, ty - h * 0.01, w * 0.009, rgba(pal.accents[0]))


def _motif_citrus(draw, w, h, rng, pal):
    _citrus(draw, w * 0.35, h * 0.55, w * 0.15, pal, rng)
    _citrus(draw, w * 0.62, h * 0.62, w * 0.12, pal, rng, cut=True)
    _citrus(draw, w * 0.8, h * 0.35, w * 0.08, pal, rng)
    for _ in range(5):
        _leaf(
            draw,
            w * rng.uniform(0, 1),
            h * rng.uniform(0, 1),
            w * rng.uniform(0.06, 0.11),
            rng.uniform(0, 2 * math.pi),
            rgba(pal.accents[2]),
            rgba("#FFFFFF", 110),
        )


def _motif_route(draw, w, h, rng, pal):
    nodes = [(w * (0.1 + i * 0.2), h * rng.uniform(0.3, 0.75)) for i in range(5)]
    for (x0, y0), (x1, y1) in zip(nodes, nodes[1:], strict=False):
        steps = 24
        for s in range(0, steps, 2):
            t0, t1 = s / steps, (s + 1) / steps
            bend = -h * 0.12
            p = [(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t + bend * math.sin(math.pi * t)) for t in (t0, t1)]
            draw.line(p, fill=rgba(pal.ink, 150), width=int(w * 0.006))
    for i, (x, y) in enumerate(nodes):
        _circle(draw, x, y, w * 0.035, rgba("#FFFFFF"))
        _circle(draw, x, y, w * 0.02, rgba(pal.accents[1 + i % 3]))
    bx, by, bs = w * 0.5, h * 0.68, w * 0.17
    draw.rounded_rectangle(
        (bx - bs / 2, by - bs * 0.35, bx + bs / 2, by + bs * 0.35),
        radius=int(bs * 0.06),
        fill=rgba(pal.accents[2]),
    )
    draw.rectangle(
        (bx - bs * 0.06, by - bs * 0.35, bx + bs * 0.06, by + bs * 0.35), fill=rgba("#FFFFFF", 120)
    )
    _snowflake(draw, w * 0.82, h * 0.2, w * 0.06, rgba("#FFFFFF"), int(w * 0.006))
    _snowflake(draw, w * 0.14, h * 0.16, w * 0.035, rgba("#FFFFFF", 200), int(w * 0.004))


def _motif_crowd(draw, w, h, rng, pal, stage=0):
    if stage:
        draw.rounded_rectangle(
            (w * 0.2, h * 0.08, w * 0.8, h * 0.42), radius=int(w * 0.01), fill=rgba("#FFFFFF", 225)
        )
        draw.rectangle((w * 0.26, h * 0.15, w * 0.58, h * 0.19), fill=rgba(pal.accents[1]))
        for i in range(3):
            draw.rectangle(
                (w * 0.26, h * (0.23 + i * 0.045), w * (0.7 - i * 0.08), h * (0.25 + i * 0.045)),
                fill=rgba(pal.ink, 70),
            )
        draw.rectangle((0, h * 0.5, w, h * 0.56), fill=rgba(pal.ink, 60))
        for i in range(stage):
            x = w * (0.5 + (i - (stage - 1) / 2) * 0.16)
            _person(draw, x, h * 0.42, w * 0.04, rgba(pal.accents[2 + i % 3]))
        if stage == 1:
            draw.rectangle((w * 0.53, h * 0.43, w * 0.58, h * 0.52), fill=rgba(pal.ink))
    for row in range(4):
        y = h * (0.66 + row * 0.1)
        count = 7 + row
        for i in range(count):
            x = w * (i + 0.5 + (row % 2) * 0.3) / count + rng.uniform(-12, 12)
            colour = mix(rng.choice(pal.accents), pal.ink, 0.15 + row * 0.1)
            _person(draw, x, y, w * (0.032 + row * 0.006), rgba(colour))


def _motif_festival(draw, w, h, rng, pal):
    for string in range(2):
        y0 = h * (0.08 + string * 0.14)
        points = [(x, y0 + h * 0.08 * math.sin(math.pi * x / w)) for x in range(0, int(w) + 9, 8)]
        draw.line(points, fill=rgba(pal.ink, 160), width=int(w * 0.003))
        for i in range(14):
            x = w * (i + 0.5) / 14
            y = y0 + h * 0.08 * math.sin(math.pi * x / w)
            draw.polygon(
                [(x - w * 0.022, y), (x + w * 0.022, y), (x, y + h * 0.08)],
                fill=rgba(pal.accents[(i + string) % len(pal.accents)]),
            )
    for _ in range(40):
        x, y, s = rng.uniform(0, w), rng.uniform(0.3 * h, 0.62 * h), rng.uniform(w * 0.004, w * 0.01)
        draw.rectangle((x - s, y - s / 2, x + s, y + s / 2), fill=rgba(rng.choice(pal.accents), 200))
    _motif_crowd(draw, w, h, rng, pal)


def _motif_booths(draw, w, h, rng, pal):
    for i in range(3):
        x0 = w * (0.06 + i * 0.32)
        draw.rounded_rectangle(
            (x0, h * 0.18, x0 + w * 0.26, h * 0.3), radius=int(w * 0.01), fill=rgba(pal.accents[1 + i])
        )
        draw.rectangle((x0, h * 0.52, x0 + w * 0.26, h * 0.58), fill=rgba(mix(pal.ink, pal.bottom, 0.3)))
        draw.rectangle((x0 + w * 0.01, h * 0.58, x0 + w * 0.02, h * 0.8), fill=rgba(pal.ink, 180))
        draw.rectangle((x0 + w * 0.24, h * 0.58, x0 + w * 0.25, h * 0.8), fill=rgba(pal.ink, 180))
        for j in range(3):
            _circle(draw, x0 + w * (0.05 + j * 0.08), h * 0.5, w * 0.03, rgba("#FFFFFF"))
            _circle(draw, x0 + w * (0.05 + j * 0.08), h * 0.5, w * 0.018, rgba(pal.accents[(i + j) % 5]))
    for i in range(9):
        x = w * (0.06 + i * 0.11) + rng.uniform(-20, 20)
        _person(draw, x, h * 0.86, w * 0.04, rgba(mix(rng.choice(pal.accents), pal.ink, 0.3)))


def _motif_screens(draw, w, h, rng, pal):
    cols, rows = 3, 2
    gap = w * 0.03
    tile_w = (w * 0.86 - gap * (cols - 1)) / cols
    tile_h = (h * 0.8 - gap * (rows - 1)) / rows
    special = rng.randrange(cols * rows)
    for r in range(rows):
        for c in range(cols):
            x0, y0 = w * 0.07 + c * (tile_w + gap), h * 0.1 + r * (tile_h + gap)
            colour = pal.accents[(r * cols + c) % len(pal.accents)]
            draw.rounded_rectangle(
                (x0, y0, x0 + tile_w, y0 + tile_h),
                radius=int(w * 0.012),
                fill=rgba(mix(colour, "#FFFFFF", 0.55)),
            )
            if r * cols + c == special:
                _bowl(draw, x0 + tile_w / 2, y0 + tile_h * 0.6, tile_w * 0.45, pal, rng)
            else:
                _person(
                    draw, x0 + tile_w / 2, y0 + tile_h * 0.62, tile_h * 0.22, rgba(mix(colour, pal.ink, 0.35))
                )
            draw.rounded_rectangle(
                (x0 + tile_w * 0.05, y0 + tile_h * 0.82, x0 + tile_w * 0.4, y0 + tile_h * 0.92),
                radius=int(tile_h * 0.04),
                fill=rgba(pal.ink, 110),
            )


def _motif_jars(draw, w, h, rng, pal):
    draw.rectangle((0, h * 0.8, w, h), fill=rgba(mix(pal.bottom, pal.ink, 0.25)))
    for i, fx in enumerate((0.25, 0.5, 0.75)):
        jw, jh = w * 0.17, h * (0.42 + 0.08 * (i % 2))
        x0, y1 = w * fx - jw / 2, h * 0.8
        y0 = y1 - jh
        draw.rounded_rectangle((x0, y0, x0 + jw, y1), radius=int(jw * 0.2), fill=rgba("#FFFFFF", 200))
        fill_top = y0 + jh * rng.uniform(0.3, 0.5)
        draw.rounded_rectangle(
            (x0 + jw * 0.06, fill_top, x0 + jw * 0.94, y1 - jw * 0.06),
            radius=int(jw * 0.16),
            fill=rgba(pal.accents[(i + 1) % len(pal.accents)]),
        )
        draw.rounded_rectangle(
            (x0 + jw * 0.1, y0 - jh * 0.09, x0 + jw * 0.9, y0 + jh * 0.03),
            radius=int(jw * 0.05),
            fill=rgba(pal.ink),
        )
        for _ in range(7):
            bx = x0 + jw * rng.uniform(0.2, 0.8)
            by = rng.uniform(fill_top + jw * 0.1, y1 - jw * 0.2)
            _circle(draw, bx, by, jw * rng.uniform(0.02, 0.05), None, rgba("#FFFFFF", 200), int(jw * 0.015))
    for _ in range(3):
        _leaf(
            draw,
            w * rng.uniform(0.05, 0.95),
            h * rng.uniform(0.05, 0.25),
            w * 0.08,
            rng.uniform(0, 6.2),
            rgba(pal.accents[3]),
            rgba("#FFFFFF", 110),
        )


def _motif_boomerang(draw, w, h, rng, pal):
    cx, cy = w * 0.5, h * 0.55
    for k, colour in enumerate((pal.accents[1], pal.accents[2], pal.accents[4])):
        rx, ry = w * (0.36 - k * 0.05), h * (0.3 - k * 0.04)
        draw.arc((cx - rx, cy - ry, cx + rx, cy + ry), 200, 520, fill=rgba(colour, 230), width=int(w * 0.018))
    _person(draw, w * 0.16, h * 0.62, w * 0.05, rgba(pal.ink))
    _person(draw, w * 0.84, h * 0.62, w * 0.05, rgba(pal.accents[2]))
    draw.polygon([(w * 0.2, h * 0.3), (w * 0.25, h * 0.22), (w * 0.27, h * 0.33)], fill=rgba(pal.accents[1]))
    for _ in range(14):
        a = rng.uniform(0, 2 * math.pi)
        _circle(
            draw, cx + w * 0.42 * math.cos(a), cy + h * 0.38 * math.sin(a), w * 0.006, rgba("#FFFFFF", 200)
        )


def _motif_connect(draw, w, h, rng, pal):
    # People as dots joined by lines, kept clear of the bowl and the rice ball at the bottom.
    nodes = []
    while len(nodes) < 13:
        x, y = w * rng.uniform(0.05, 0.95), h * rng.uniform(0.08, 0.9)
        if y > h * 0.4 and (w * 0.22 < x < w * 0.86):
            continue
        nodes.append((x, y, w * rng.uniform(0.018, 0.045)))
    for i, (x0, y0, _r0) in enumerate(nodes):
        for x1, y1, _r1 in nodes[i + 1 : i + 3]:
            draw.line((x0, y0, x1, y1), fill=rgba("#FFFFFF", 170), width=int(w * 0.003))
    for i, (x, y, r) in enumerate(nodes):
        _circle(draw, x, y, r * 1.35, rgba("#FFFFFF", 230))
        _circle(draw, x, y, r, rgba(pal.accents[i % len(pal.accents)]))
    _bowl(draw, w * 0.7, h * 0.66, w * 0.24, pal, rng)
    _onigiri(draw, w * 0.32, h * 0.62, w * 0.07, pal.ink)
    for i in range(3):
        _leaf(
            draw,
            w * (0.12 + i * 0.05),
            h * 0.85,
            w * 0.08,
            -1.2 - i * 0.35,
            rgba(pal.accents[3]),
            rgba("#FFFFFF", 110),
        )


def _motif_dialogue(draw, w, h, rng, pal):
    for i, (fx, colour) in enumerate(((0.33, pal.accents[1]), (0.64, pal.accents[2]))):
        x, y = w * fx, h * (0.36 + i * 0.12)
        bw, bh = w * 0.28, h * 0.26
        draw.rounded_rectangle(
            (x - bw / 2, y - bh / 2, x + bw / 2, y + bh / 2), radius=int(bh * 0.35), fill=rgba(colour, 235)
        )
        tail_x = x - bw * 0.25 if i == 0 else x + bw * 0.25
        draw.polygon(
            [
                (tail_x - w * 0.02, y + bh / 2 - 4),
                (tail_x + w * 0.02, y + bh / 2 - 4),
                (tail_x + (-w * 0.03 if i == 0 else w * 0.03), y + bh / 2 + h * 0.07),
            ],
            fill=rgba(colour, 235),
        )
        for d in range(3):
            _circle(draw, x + (d - 1) * bw * 0.18, y, bh * 0.07, rgba("#FFFFFF"))
    _onigiri(draw, w * 0.2, h * 0.8, w * 0.06, pal.ink)
    _onigiri(draw, w * 0.84, h * 0.78, w * 0.05, pal.ink)
    gx, gy, gr = w * 0.52, h * 0.82, w * 0.06
    for i in range(8):
        a = i * math.pi / 4
        draw.rectangle(
            (
                gx + gr * 1.05 * math.cos(a) - gr * 0.18,
                gy + gr * 1.05 * math.sin(a) - gr * 0.18,
                gx + gr * 1.05 * math.cos(a) + gr * 0.18,
                gy + gr * 1.05 * math.sin(a) + gr * 0.18,
            ),
            fill=rgba(pal.ink),
        )
    _circle(draw, gx, gy, gr, rgba(pal.ink))
    _circle(draw, gx, gy, gr * 0.4, rgba(pal.top))


MOTIFS = {
    "bowl": _motif_bowl,
    "plates": _motif_plates,
    "leaves": _motif_leaves,
    "hills": _motif_hills,
    "citrus": _motif_citrus,
    "route": _motif_route,
    "crowd": _motif_crowd,
    "keynote": lambda d, w, h, rng, pal: _motif_crowd(d, w, h, rng, pal, stage=1),
    "panel": lambda d, w, h, rng, pal: _motif_crowd(d, w, h, rng, pal, stage=3),
    "festival": _motif_festival,
    "booths": _motif_booths,
    "screens": _motif_screens,
    "jars": _motif_jars,
    "boomerang": _motif_boomerang,
    "connect": _motif_connect,
    "dialogue": _motif_dialogue,
}


def illustration(motif, palette, size=(1600, 1000), seed=0):
    """An RGB picture of `motif` (a key of MOTIFS) in `palette` (a key of PALETTES)."""
    pal = PALETTES[palette]
    rng = random.Random(seed)  # noqa: S311 - pictures, not secrets
    return _compose(
        size,
        pal,
        rng,
        lambda draw, w, h: MOTIFS[motif](draw, w, h, rng, pal),
        (size[0] // 120, size[1] // 60),
    )


def _font(size):
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            try:
                return ImageFont.truetype(candidate, size, index=0)
            except OSError:
                continue
    return None


def portrait(initial, palette, size=(800, 800), seed=0):
    """A square, faceless portrait: a silhouette in a ring, with the person's initial in a badge."""
    pal = PALETTES[palette]
    rng = random.Random(seed)  # noqa: S311 - pictures, not secrets

    def draw_portrait(draw, w, h):
        _circle(draw, w / 2, h * 0.5, w * 0.4, rgba("#FFFFFF", 120))
        body = mix(rng.choice([c for c in pal.accents if luminance(c) < 215]), pal.ink, 0.35)
        _circle(draw, w / 2, h * 0.4, w * 0.15, rgba(body))
        draw.chord((w * 0.2, h * 0.6, w * 0.8, h * 1.25), 180, 360, fill=rgba(body))
        for _ in range(3):
            _leaf(
                draw,
                w * rng.uniform(0.05, 0.95),
                h * rng.uniform(0.05, 0.3),
                w * 0.09,
                rng.uniform(0, 6.2),
                rgba(pal.accents[3], 200),
                rgba("#FFFFFF", 100),
            )
        badge_x, badge_y, badge_r = w * 0.77, h * 0.77, w * 0.13
        _circle(
            draw, badge_x, badge_y, badge_r, rgba(pal.accents[2] if pal.accents[2] != "#FFFFFF" else pal.ink)
        )
        font = _font(int(badge_r * 1.1)) if initial else None
        if font is not None:
            draw.text((badge_x, badge_y), initial, font=font, fill=rgba("#FFFFFF"), anchor="mm")
        else:
            _circle(draw, badge_x, badge_y, badge_r * 0.35, rgba("#FFFFFF"))

    return _compose(size, pal, rng, draw_portrait, (size[0] // 100, size[1] // 60))


def jpeg_bytes(image, quality=86):
    """The picture as JPEG bytes, with fixed settings so the same picture gives the same bytes."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()
