"""Positions of a side-view body as joint angles, and the body they make (forward kinematics).

A writer describes each position of an exercise as a few angles in degrees; everything left
out keeps the standing default. Kinematics start at the hip joint and walk outwards, so one
angle moves everything beyond it, as a real joint does. World units are metres, x to the right
(the way a standing figure faces), y up, the floor at y = 0.

Angle conventions (all in degrees; a writer only needs the ones that differ from standing):
- `pelvis`: the whole body's tilt. 0 upright, 90 face down with the head to the right
  (a plank), -90 face up with the head to the left (a bridge).
- `trunk`: the spine bending forward (+) or arching back (-) above the pelvis.
- `neck`, `head`: the neck bending forward (+), then the head nodding forward (+).
- `thigh`: the hip bending, knee forward (+) or back (-); `shin`: the knee bending;
  `foot`: the ankle pointing the toes down (+) or pulling them up (-).
- `upper_arm`: the shoulder raising the arm forward (+, 180 is overhead) or back (-);
  `forearm`: the elbow bending.
Each limb angle sets both sides; `near_...` or `far_...` sets one side (near is the side
nearer the reader, drawn darker).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# --------------------------------------------------------------------------------------------
# The body: segment lengths and drawn thickness, in metres (a 1.75 m adult)

PELVIS = 0.14
"""Hip joint to the bottom of the rib cage: the part of the spine that the pelvis carries."""
TRUNK = 0.36
NECK = 0.10
HEAD_RADIUS = 0.105
THIGH = 0.43
SHIN = 0.42
FOOT = 0.15
HEEL = 0.05
UPPER_ARM = 0.28
FOREARM = 0.27
"""Elbow to the end of the fist."""

TRUNK_WIDTH = 0.21
LEG_WIDTH = 0.095
ARM_WIDTH = 0.075
FOOT_WIDTH = 0.06

SIDES = ("near", "far")
LIMB_ANGLES = ("thigh", "shin", "foot", "upper_arm", "forearm")

RANGES: dict[str, tuple[float, float]] = {
    "pelvis": (-180, 180),
    "trunk": (-30, 90),
    "neck": (-50, 60),
    "head": (-30, 30),
    "thigh": (-30, 140),
    "shin": (0, 160),
    "foot": (-30, 75),
    "upper_arm": (-60, 180),
    "forearm": (0, 150),
}
"""How far each joint can go, in degrees: a writer's angle outside it is an error."""

JOINT_NAMES = {
    "pelvis": "body tilt",
    "trunk": "spine",
    "neck": "neck",
    "head": "head",
    "thigh": "hip",
    "shin": "knee",
    "foot": "ankle",
    "upper_arm": "shoulder",
    "forearm": "elbow",
}

ARROW_GAP = 0.07
"""How far (metres) an arrow starts from the edge of the part it belongs to."""

CONTACT_TOLERANCE = 0.03
"""How near (metres) a declared contact must be to its surface, and how far a part may sink."""

Point = tuple[float, float]

# --------------------------------------------------------------------------------------------
# The schema a writer's YAML must match


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


Angle = float
Metres = Annotated[float, Field(ge=-3, le=3)]
Size = Annotated[float, Field(gt=0, le=2)]


class Box(_Schema):
    """A bench, step or chair seat: its left edge, width and height (metres; the hip is at x 0)."""

    x: Metres
    width: Size = 0.45
    height: Size = 0.42


class Wall(_Schema):
    x: Metres
    """Where the wall stands (metres; the hip is at x 0)."""


class Roller(_Schema):
    x: Metres
    """The roller's centre (metres; the hip is at x 0)."""
    radius: Annotated[float, Field(gt=0, le=0.2)] = 0.075


Direction = Literal["up", "down", "left", "right", "up-left", "up-right", "down-left", "down-right"]

DIAGONAL = math.sqrt(0.5)
ARROW_DIRECTIONS: dict[str, Point] = {
    "up": (0.0, 1.0),
    "down": (0.0, -1.0),
    "left": (-1.0, 0.0),
    "right": (1.0, 0.0),
    "up-left": (-DIAGONAL, DIAGONAL),
    "up-right": (DIAGONAL, DIAGONAL),
    "down-left": (-DIAGONAL, -DIAGONAL),
    "down-right": (DIAGONAL, -DIAGONAL),
}


class Arrow(_Schema):
    """A small arrow beside a body part, pointing the way it moves (as seen in the picture)."""

    at: str
    direction: Direction
    length: Annotated[float, Field(gt=0, le=1)] = 0.28


ContactText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Position(_Schema):
    """One position of an exercise: a caption, joint angles, props and what touches what."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    """`start`, `end`, `wrong`, `right`, or any other short id."""
    caption: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    view: Literal["side", "front"] = "side"
    """`front` for a body seen from the front lying on its side: limb angles then mean moving
    sideways, so the hip and shoulder ranges are those of moving a limb out to the side."""
    pelvis: Angle = 0
    trunk: Angle = 0
    neck: Angle = 0
    head: Angle = 0
    thigh: Angle = 0
    shin: Angle = 0
    foot: Angle = 0
    upper_arm: Angle = 0
    forearm: Angle = 0
    near_thigh: Angle | None = None
    near_shin: Angle | None = None
    near_foot: Angle | None = None
    near_upper_arm: Angle | None = None
    near_forearm: Angle | None = None
    far_thigh: Angle | None = None
    far_shin: Angle | None = None
    far_foot: Angle | None = None
    far_upper_arm: Angle | None = None
    far_forearm: Angle | None = None
    contacts: list[ContactText] = []
    """What touches a surface, such as `hands`, `near_knee` or `shoulders on bench`."""
    mat: bool = False
    towel: bool = False
    """A towel or strap from the near hand to the near foot."""
    bench: Box | None = None
    step: Box | None = None
    chair: Box | None = None
    wall: Wall | None = None
    roller: Roller | None = None
    arrow: Arrow | None = None

    def angle(self, name: str) -> float:
        """A joint's angle: the side's own value if set, else the value for both sides."""
        own = getattr(self, name)
        if own is not None:
            return own
        return getattr(self, name.split("_", 1)[1])

    @property
    def label(self) -> str:
        return self.id.replace("-", " ").capitalize()


FRONT_RANGES = {"thigh": (-60, 60), "upper_arm": (-180, 180), "foot": (-90, 90)}
"""Side to side, seen from the front: a leg moves out about 45-60 degrees, an arm all round, and
a foot seen end on may point any way along the leg."""


def joint_range(position: Position, key: str) -> tuple[float, float]:
    joint = key.split("_", 1)[1] if key.startswith(SIDES) else key
    if position.view == "front" and joint in FRONT_RANGES:
        return FRONT_RANGES[joint]
    return RANGES[joint]


# --------------------------------------------------------------------------------------------
# Forward kinematics



def direction(angle: float) -> Point:
    """The unit vector `angle` degrees clockwise from straight up."""
    radians = math.radians(angle)
    return (math.sin(radians), math.cos(radians))


def _step(start: Point, angle: float, length: float) -> Point:
    dx, dy = direction(angle)
    return (start[0] + length * dx, start[1] + length * dy)


@dataclass(frozen=True)
class Limb:
    """One side's arm and leg, as points from the body outwards."""

    shoulder: Point
    elbow: Point
    hand: Point
    hip: Point
    knee: Point
    ankle: Point
    heel: Point
    toes: Point


@dataclass(frozen=True)
class Body:
    """The joints of a posed body, in metres; `parts` names every point a writer can refer to."""

    hip: Point
    waist: Point
    shoulder: Point
    neck: Point
    head: Point
    near: Limb
    far: Limb

    def parts(self) -> dict[str, tuple[Point, float]]:
        """Every named point with the half-thickness drawn around it."""
        found = {
            "hips": (self.hip, TRUNK_WIDTH / 2),
            "waist": (self.waist, TRUNK_WIDTH / 2),
            "shoulders": (self.shoulder, TRUNK_WIDTH / 2),
            "head": (self.head, HEAD_RADIUS),
        }
        for side in SIDES:
            limb: Limb = getattr(self, side)
            found[f"{side}_elbow"] = (limb.elbow, ARM_WIDTH / 2)
            found[f"{side}_hand"] = (limb.hand, ARM_WIDTH / 2)
            found[f"{side}_knee"] = (limb.knee, LEG_WIDTH / 2)
            found[f"{side}_ankle"] = (limb.ankle, LEG_WIDTH / 2)
            found[f"{side}_heel"] = (limb.heel, FOOT_WIDTH / 2)
            found[f"{side}_toes"] = (limb.toes, FOOT_WIDTH / 2)
        return found

    def moved(self, dy: float) -> Body:
        def shift(point: Point) -> Point:
            return (point[0], point[1] + dy)

        def shift_limb(limb: Limb) -> Limb:
            return Limb(*(shift(getattr(limb, name)) for name in Limb.__dataclass_fields__))

        return Body(
            shift(self.hip),
            shift(self.waist),
            shift(self.shoulder),
            shift(self.neck),
            shift(self.head),
            shift_limb(self.near),
            shift_limb(self.far),
        )


def _limb(position: Position, side: str, hip: Point, shoulder: Point, pelvis: float, trunk: float) -> Limb:
    thigh = pelvis + 180 - position.angle(f"{side}_thigh")
    shin = thigh + position.angle(f"{side}_shin")
    foot = shin - 90 + position.angle(f"{side}_foot")
    arm = trunk + 180 - position.angle(f"{side}_upper_arm")
    forearm = arm - position.angle(f"{side}_forearm")
    knee = _step(hip, thigh, THIGH)
    ankle = _step(knee, shin, SHIN)
    elbow = _step(shoulder, arm, UPPER_ARM)
    return Limb(
        shoulder=shoulder,
        elbow=elbow,
        hand=_step(elbow, forearm, FOREARM),
        hip=hip,
        knee=knee,
        ankle=ankle,
        heel=_step(ankle, foot, -HEEL),
        toes=_step(ankle, foot, FOOT),
    )


def pose_body(position: Position, hip: Point = (0.0, 0.0)) -> Body:
    """Forward kinematics from the hip joint at `hip`: every joint of the posed body."""
    pelvis = position.pelvis
    trunk = pelvis + position.trunk
    neck = trunk + position.neck
    waist = _step(hip, pelvis, PELVIS)
    shoulder = _step(waist, trunk, TRUNK)
    neck_top = _step(shoulder, neck, NECK)
    head = _step(neck_top, neck + position.head, HEAD_RADIUS)
    return Body(
        hip=hip,
        waist=waist,
        shoulder=shoulder,
        neck=neck_top,
        head=head,
        near=_limb(position, "near", hip, shoulder, pelvis, trunk),
        far=_limb(position, "far", hip, shoulder, pelvis, trunk),
    )


# --------------------------------------------------------------------------------------------
# Contacts, props and placing the body on the floor

PLURALS = {
    "hands": ("near_hand", "far_hand"),
    "elbows": ("near_elbow", "far_elbow"),
    "knees": ("near_knee", "far_knee"),
    "heels": ("near_heel", "far_heel"),
    "toes": ("near_toes", "far_toes"),
    "feet": ("near_heel", "near_toes", "far_heel", "far_toes"),
    "near_foot": ("near_heel", "near_toes"),
    "far_foot": ("far_heel", "far_toes"),
}
"""Contact words that stand for more than one point."""

SURFACES = ("floor", "bench", "step", "chair", "roller", "wall")


@dataclass(frozen=True)
class Contact:
    part: str
    points: tuple[str, ...]
    surface: str


@functools.cache
def contact_parts() -> tuple[str, ...]:
    """Every word a contact may start with: the body's named points (but the waist) and the plurals."""
    singles = [name for name in pose_body(Position(id="x", caption="x")).parts() if name != "waist"]
    return tuple(sorted({*singles, *PLURALS}))


def parse_contact(text: str) -> Contact | str:
    """`near_knee` or `shoulders on bench` as a Contact, or the reason it is not one."""
    words = text.split()
    if len(words) == 1:
        part, surface = words[0], "floor"
    elif len(words) == 3 and words[1] == "on":
        part, surface = words[0], words[2]
    else:
        return f"expected a body part, or a part 'on' a surface (such as 'shoulders on bench'), got '{text}'"
    known = contact_parts()
    if part not in known:
        return f"unknown body part '{part}' (expected one of: {', '.join(known)})"
    if surface not in SURFACES:
        return f"unknown surface '{surface}' (expected one of: {', '.join(SURFACES)})"
    return Contact(part, PLURALS.get(part, (part,)), surface)


def _surface_gap(position: Position, surface: str, point: Point, radius: float) -> float | None:
    """How far (metres) a part's edge is from a surface; None when the part is not over it."""
    x, y = point
    if surface == "floor":
        return y - radius
    if surface == "wall":
        assert position.wall is not None
        return abs(x - position.wall.x) - radius
    if surface == "roller":
        assert position.roller is not None
        roller = position.roller
        if abs(x - roller.x) > roller.radius + CONTACT_TOLERANCE:
            return None
        return y - radius - 2 * roller.radius
    box: Box = getattr(position, surface)
    if not box.x - CONTACT_TOLERANCE <= x <= box.x + box.width + CONTACT_TOLERANCE:
        return None
    return y - radius - box.height


def place(position: Position) -> Body:
    """The body set down: its lowest declared contact on its surface (with none, its lowest part on the floor).

    Walls only steady a body, so they do not count here: a body rests on floors, benches,
    steps, chairs and rollers.
    """
    body = pose_body(position)
    parts = body.parts()
    gaps = [
        gap
        for text in position.contacts
        if isinstance(contact := parse_contact(text), Contact)
        and contact.surface != "wall"
        and (contact.surface == "floor" or getattr(position, contact.surface) is not None)
        for name in contact.points
        if (gap := _surface_gap(position, contact.surface, *parts[name])) is not None
    ]
    if not gaps:
        gaps = [point[1] - radius for point, radius in parts.values()]
    return body.moved(-min(gaps))


def problems(position: Position) -> list[tuple[tuple[str | int, ...], str]]:
    """What is wrong with a position, each with the key path (inside the position) it concerns."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    for key in ("pelvis", "trunk", "neck", "head", *LIMB_ANGLES, *(f"{s}_{a}" for s in SIDES for a in LIMB_ANGLES)):
        value = getattr(position, key)
        if value is None:
            continue
        low, high = joint_range(position, key)
        if not low <= value <= high:
            joint = JOINT_NAMES[key.split("_", 1)[1] if key.startswith(SIDES) else key]
            found.append(
                ((key,), f"{key} {value:g}\u00b0 is beyond what the {joint} can do "
                 f"(expected {low:g}\u00b0 to {high:g}\u00b0)")
            )
    if found:
        return found
    contacts: list[tuple[int, Contact]] = []
    for index, text in enumerate(position.contacts):
        parsed = parse_contact(text)
        if isinstance(parsed, str):
            found.append((("contacts", index), parsed))
        elif parsed.surface != "floor" and getattr(position, parsed.surface) is None:
            message = f"'{text}' needs a {parsed.surface}: add `{parsed.surface}:` to this position"
            found.append((("contacts", index), message))
        else:
            contacts.append((index, parsed))
    if found:
        return found
    body = place(position)
    parts = body.parts()
    for index, contact in contacts:
        for name in contact.points:
            point, radius = parts[name]
            gap = _surface_gap(position, contact.surface, point, radius)
            if gap is None:
                found.append((("contacts", index), f"{name} is not over the {contact.surface}"))
            elif abs(gap) > CONTACT_TOLERANCE:
                where = "above" if gap > 0 else "into"
                if contact.surface == "wall":
                    where = "away from" if gap > 0 else "into"
                found.append(
                    (("contacts", index), f"{name} is {abs(gap):.2f} m {where} the {contact.surface} "
                     f"(expected to touch it, within {CONTACT_TOLERANCE:g} m)")
                )
    for name, (point, radius) in parts.items():
        depth = radius - point[1]
        if depth > CONTACT_TOLERANCE:
            found.append(((), f"{name} is {depth:.2f} m below the floor (change the angles or the contacts)"))
    arrow = position.arrow
    if arrow is not None and arrow.at not in parts:
        found.append((("arrow", "at"), f"unknown body part '{arrow.at}' (expected one of: {', '.join(sorted(parts))})"))
    elif arrow is not None:
        lowest = min(end[1] for end in arrow_line(position, body))
        if lowest < 0:
            message = f"the arrow reaches {-lowest:.2f} m below the floor (shorten it or point it another way)"
            found.append((("arrow",), message))
    return found


def arrow_line(position: Position, body: Body) -> tuple[Point, Point] | None:
    """Where the motion arrow starts and ends: just clear of its body part, pointing its way."""
    arrow = position.arrow
    if arrow is None:
        return None
    (x, y), radius = body.parts()[arrow.at]
    dx, dy = ARROW_DIRECTIONS[arrow.direction]
    start = (x + dx * (radius + ARROW_GAP), y + dy * (radius + ARROW_GAP))
    return start, (start[0] + dx * arrow.length, start[1] + dy * arrow.length)
