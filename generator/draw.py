"""Draw posed bodies as small SVG pictograms: thick round strokes, one flat colour, a floor line.

Colour is `currentColor` throughout, so a figure takes the text colour of the page around it
(light, dark or print) without a style attribute; the far limbs are the same colour at lower
opacity, and a thin gap in the background colour (class `pose-figure__gap`, which the
stylesheets set to the page background) keeps a near limb apart from the trunk behind it.
All the positions of one exercise share one scale, so the body is the same size in each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import escape

from generator.content import pose
from generator.content.pose import Body, Point, Position

WIDTH = 240
MARGIN = 8
FLOOR_GAP = 12
"""Room below the floor line (viewBox units), for a mat."""
MAX_HEIGHT = 180
"""The tallest a figure's box may be, in viewBox units (a standing figure is this tall)."""
MAT_DEPTH = 0.03
WALL_HEIGHT = 1.9



def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@dataclass(frozen=True)
class Frame:
    """How metres map to the viewBox: one scale, the world x at the left margin, the floor line's y."""

    scale: float
    left: float
    floor: float

    @property
    def height(self) -> float:
        return self.floor + FLOOR_GAP

    def x(self, value: float) -> float:
        return MARGIN + (value - self.left) * self.scale

    def y(self, value: float) -> float:
        return self.floor - value * self.scale

    def point(self, point: Point) -> str:
        return f"{_number(self.x(point[0]))} {_number(self.y(point[1]))}"


def extent(position: Position, body: Body) -> tuple[float, float, float]:
    """Left, right and top (metres) of everything drawn: the body, its props and its arrow."""
    xs: list[float] = []
    ys: list[float] = [0.0]
    for (x, y), radius in body.parts().values():
        xs += [x - radius, x + radius]
        ys.append(y + radius)
    for box in (position.bench, position.step, position.chair):
        if box is not None:
            xs += [box.x, box.x + box.width]
            ys.append(box.height + (0.4 if box is position.chair else 0))
    if position.wall is not None:
        xs.append(position.wall.x)
        ys.append(WALL_HEIGHT)
    if position.roller is not None:
        xs += [position.roller.x - position.roller.radius, position.roller.x + position.roller.radius]
        ys.append(2 * position.roller.radius)
    line = pose.arrow_line(position, body)
    if line is not None:
        for x, y in line:
            xs.append(x)
            ys.append(y)
    return min(xs), max(xs), max(ys)


def frame_for(positions: Sequence[Position]) -> Frame:
    """One frame for all the positions of an exercise: the same scale, left edge and floor.

    The scale is the largest that fits the widest and the tallest position in a box 240 wide and
    at most 180 high; the box is then cut to the height the positions need, so a lying body
    makes a wide, low picture instead of a small one.
    """
    boxes = [extent(position, pose.place(position)) for position in positions]
    left = min(box[0] for box in boxes)
    right = max(box[1] for box in boxes)
    top = max(box[2] for box in boxes)
    scale = min((WIDTH - 2 * MARGIN) / (right - left), (MAX_HEIGHT - MARGIN - FLOOR_GAP) / top)
    spare = (WIDTH - 2 * MARGIN) / scale - (right - left)
    return Frame(scale, left - spare / 2, round(MARGIN + top * scale, 1))


def _polyline(frame: Frame, points: Sequence[Point], width: float, cls: str = "") -> str:
    attribute = f' class="{cls}" stroke="#fff"' if cls else ""
    coords = " ".join(frame.point(point) for point in points)
    return f'<polyline{attribute} points="{coords}" stroke-width="{_number(width * frame.scale)}"/>'


def _leg(limb: pose.Limb) -> list[Point]:
    return [limb.hip, limb.knee, limb.ankle, limb.toes]


def _arm(limb: pose.Limb) -> list[Point]:
    return [limb.shoulder, limb.elbow, limb.hand]


def _props(frame: Frame, position: Position, body: Body, left: float, right: float) -> list[str]:
    s = frame.scale
    shapes: list[str] = []
    if position.mat:
        x0, x1 = frame.x(left - 0.05), frame.x(right + 0.05)
        shapes.append(
            f'<rect class="pose-figure__mat" x="{_number(x0)}" y="{_number(frame.floor)}" '
            f'width="{_number(x1 - x0)}" height="{_number(MAT_DEPTH * s)}" '
            'fill="currentColor" stroke="none" fill-opacity=".25"/>'
        )
    for name in ("bench", "step"):
        box = getattr(position, name)
        if box is not None:
            shapes.append(
                f'<rect class="pose-figure__prop" x="{_number(frame.x(box.x))}" y="{_number(frame.y(box.height))}" '
                f'width="{_number(box.width * s)}" height="{_number(box.height * s)}" stroke-width="1.5"/>'
            )
    chair = position.chair
    if chair is not None:
        seat, back = frame.y(chair.height), frame.y(chair.height + 0.4)
        x0, x1 = frame.x(chair.x), frame.x(chair.x + chair.width)
        shapes.append(
            f'<path class="pose-figure__prop" d="M{_number(x0)} {_number(back)}V{_number(frame.floor)}'
            f'M{_number(x0)} {_number(seat)}H{_number(x1)}V{_number(frame.floor)}" stroke-width="2.5"/>'
        )
    if position.wall is not None:
        x = _number(frame.x(position.wall.x))
        shapes.append(
            f'<path class="pose-figure__prop" d="M{x} {_number(frame.y(WALL_HEIGHT))}V{_number(frame.floor)}" '
            'stroke-width="2.5"/>'
        )
    if position.roller is not None:
        roller = position.roller
        shapes.append(
            f'<circle class="pose-figure__prop" cx="{_number(frame.x(roller.x))}" '
            f'cy="{_number(frame.y(roller.radius))}" '
            f'r="{_number(roller.radius * s)}" stroke-width="1.5"/>'
        )
    if position.towel:
        hand, toes = body.near.hand, body.near.toes
        shapes.append(
            f'<path class="pose-figure__towel" d="M{frame.point(hand)}L{frame.point(toes)}" '
            'stroke-width="1.5" stroke-dasharray="4 2"/>'
        )
    return shapes


def _arrow(frame: Frame, line: tuple[Point, Point]) -> str:
    (x0, y0), (x1, y1) = line
    sx0, sy0, sx1, sy1 = frame.x(x0), frame.y(y0), frame.x(x1), frame.y(y1)
    length = ((sx1 - sx0) ** 2 + (sy1 - sy0) ** 2) ** 0.5
    ux, uy = (sx1 - sx0) / length, (sy1 - sy0) / length
    head = 6.0
    left = (sx1 - head * ux - head * 0.6 * uy, sy1 - head * uy + head * 0.6 * ux)
    right = (sx1 - head * ux + head * 0.6 * uy, sy1 - head * uy - head * 0.6 * ux)
    n = _number
    return (
        f'<path class="pose-figure__arrow" d="M{n(sx0)} {n(sy0)}L{n(sx1)} {n(sy1)}'
        f'M{n(left[0])} {n(left[1])}L{n(sx1)} {n(sy1)}L{n(right[0])} {n(right[1])}" stroke-width="2"/>'
    )


def draw(position: Position, label: str, frame: Frame | None = None) -> str:
    """One position as an inline SVG element named `label` for assistive technology."""
    frame = frame or frame_for([position])
    body = pose.place(position)
    left, right, _ = extent(position, body)
    s = frame.scale
    gap = 0.035
    trunk = (
        f'<path d="M{frame.point(body.hip)}Q{frame.point(body.waist)} {frame.point(body.shoulder)}" '
        f'stroke-width="{_number(pose.TRUNK_WIDTH * s)}"/>'
    )
    head = (
        f'<circle class="pose-figure__gap" cx="{_number(frame.x(body.head[0]))}" cy="{_number(frame.y(body.head[1]))}" '
        f'r="{_number(pose.HEAD_RADIUS * s)}" fill="currentColor" stroke="#fff" stroke-width="1.5"/>'
    )
    neck = _polyline(frame, [body.shoulder, body.neck], pose.ARM_WIDTH)
    far = [
        _polyline(frame, _leg(body.far), pose.LEG_WIDTH),
        _polyline(frame, _arm(body.far), pose.ARM_WIDTH),
    ]
    near = [
        _polyline(frame, _leg(body.near), pose.LEG_WIDTH + gap, "pose-figure__gap"),
        _polyline(frame, _leg(body.near), pose.LEG_WIDTH),
        _polyline(frame, _arm(body.near), pose.ARM_WIDTH + gap, "pose-figure__gap"),
        _polyline(frame, _arm(body.near), pose.ARM_WIDTH),
    ]
    floor = f'<path class="pose-figure__floor" d="M0 {_number(frame.floor)}H{WIDTH}" stroke-width="1.5"/>'
    line = pose.arrow_line(position, body)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pose-figure" viewBox="0 0 {WIDTH} {_number(frame.height)}" '
        f'role="img" aria-label="{escape(label)}" focusable="false">',
        '<g fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round">',
        floor,
        *_props(frame, position, body, left, right),
        f'<g class="pose-figure__far" opacity=".4">{"".join(far)}</g>',
        neck,
        trunk,
        *near,
        head,
        _arrow(frame, line) if line else "",
        "</g></svg>",
    ]
    return "".join(parts)


def draw_all(positions: Sequence[Position], labels: Sequence[str]) -> list[str]:
    """Every position of one exercise, drawn at one shared scale."""
    frame = frame_for(positions)
    return [draw(position, label, frame) for position, label in zip(positions, labels, strict=True)]


def accessible_name(item_name: str, position: Position) -> str:
    """What a screen reader says: 'Bird dog: end position, reach one arm forward ...'."""
    kind = "way" if position.id in ("wrong", "right") else "position"
    caption = position.caption.rstrip(".")
    return f"{item_name}: {position.label.lower()} {kind}, {caption[0].lower()}{caption[1:]}"


def figure_html(item_name: str, positions: Sequence[Position]) -> str:
    """All of an item's positions side by side, each with its caption, on one line of HTML.

    One line because the pages are Markdown: a blank line or an indent would end the HTML block.
    """
    if not positions:
        return ""
    svgs = draw_all(positions, [accessible_name(item_name, position) for position in positions])
    figures = "".join(
        f'<figure class="pose pose--{position.id}">{svg}'
        f"<figcaption><strong>{escape(position.label)}:</strong> {escape(position.caption)}</figcaption></figure>"
        for position, svg in zip(positions, svgs, strict=True)
    )
    return f'<div class="pose-figures">{figures}</div>'
