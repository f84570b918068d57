"""Figures: forward kinematics from known angles, validation messages, the SVG, and where figures appear."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples, real_guide
from generator import draw
from generator.content import pose
from generator.content.load import load_guide
from generator.content.pose import Position
from generator.errors import ContentErrors
from generator.site.render import gallery_page, render_pages

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


def close(point: tuple[float, float], expected: tuple[float, float]) -> bool:
    return math.isclose(point[0], expected[0], abs_tol=1e-9) and math.isclose(point[1], expected[1], abs_tol=1e-9)


# --------------------------------------------------------------------------------------------
# Forward kinematics


def test_standing_body_stacks_up_from_the_hip() -> None:
    body = pose.pose_body(Position(id="start", caption="Stand."))
    assert body.hip == (0.0, 0.0)
    assert close(body.waist, (0.0, 0.14))
    assert close(body.shoulder, (0.0, 0.50))
    assert close(body.head, (0.0, 0.50 + 0.10 + 0.105))
    assert close(body.near.knee, (0.0, -0.43))
    assert close(body.near.ankle, (0.0, -0.85))
    assert close(body.near.toes, (0.15, -0.85))
    assert close(body.near.heel, (-0.05, -0.85))
    assert close(body.near.elbow, (0.0, 0.22))
    assert close(body.near.hand, (0.0, -0.05))


def test_right_angles_at_hip_knee_shoulder_and_elbow() -> None:
    position = Position(id="start", caption="Sit.", thigh=90, shin=90, upper_arm=90, forearm=90)
    body = pose.pose_body(position)
    assert close(body.near.knee, (0.43, 0.0))  # thigh forward
    assert close(body.near.ankle, (0.43, -0.42))  # shin straight down
    assert close(body.near.elbow, (0.28, 0.50))  # arm forward at shoulder height
    assert close(body.near.hand, (0.28, 0.50 + 0.27))  # forearm up


def test_pelvis_tilt_turns_the_whole_body() -> None:
    face_down = pose.pose_body(Position(id="start", caption="Lie face down.", pelvis=90))
    assert close(face_down.shoulder, (0.50, 0.0))
    assert close(face_down.near.ankle, (-0.85, 0.0))
    face_up = pose.pose_body(Position(id="start", caption="Lie on your back.", pelvis=-90))
    assert close(face_up.shoulder, (-0.50, 0.0))
    assert close(face_up.near.knee, (0.43, 0.0))


def test_a_side_angle_overrides_the_angle_for_both_sides() -> None:
    position = Position(id="end", caption="Lift a knee.", thigh=10, near_thigh=90)
    body = pose.pose_body(position)
    assert close(body.near.knee, (0.43, 0.0))
    assert close(body.far.knee, (0.43 * math.sin(math.radians(10)), -0.43 * math.cos(math.radians(10))))


def test_place_sets_the_lowest_contact_on_its_surface() -> None:
    standing = pose.place(Position(id="start", caption="Stand.", contacts=["feet"]))
    assert math.isclose(standing.near.heel[1], pose.FOOT_WIDTH / 2)
    assert math.isclose(standing.hip[1], pose.FOOT_WIDTH / 2 + 0.85)
    on_step = pose.place(
        Position(id="end", caption="Stand on the step.", contacts=["feet on step"], step={"x": -0.2, "height": 0.2})
    )
    assert math.isclose(on_step.near.heel[1], 0.2 + pose.FOOT_WIDTH / 2)


# --------------------------------------------------------------------------------------------
# Validation: each rule, exact messages


def problems_of(**fields: object) -> list[tuple[tuple[str | int, ...], str]]:
    return pose.problems(Position.model_validate({"id": "end", "caption": "x", **fields}))


def test_an_angle_beyond_its_joint_is_named_with_its_range() -> None:
    assert problems_of(near_shin=-20) == [
        (("near_shin",), "near_shin -20\u00b0 is beyond what the knee can do (expected 0\u00b0 to 160\u00b0)")
    ]
    assert problems_of(trunk=120) == [
        (("trunk",), "trunk 120\u00b0 is beyond what the spine can do (expected -30\u00b0 to 90\u00b0)")
    ]


def test_front_view_allows_a_limb_out_to_the_side() -> None:
    assert problems_of(view="front", upper_arm=-110) == []
    assert problems_of(upper_arm=-110) == [
        (("upper_arm",), "upper_arm -110\u00b0 is beyond what the shoulder can do (expected -60\u00b0 to 180\u00b0)")
    ]


def test_a_contact_off_its_surface_says_by_how_much() -> None:
    # Standing: the hand centre is 0.03 + 0.85 - 0.05 = 0.83 m up, its edge 0.0375 m below that.
    assert problems_of(contacts=["feet", "near_hand"]) == [
        (("contacts", 1), "near_hand is 0.79 m above the floor (expected to touch it, within 0.03 m)")
    ]


def test_a_contact_needs_its_prop_and_a_known_part() -> None:
    assert problems_of(contacts=["shoulders on bench"]) == [
        (("contacts", 0), "'shoulders on bench' needs a bench: add `bench:` to this position")
    ]
    assert problems_of(contacts=["nose"])[0][1].startswith("unknown body part 'nose' (expected one of: elbows, far_ankle,")
    assert problems_of(contacts=["feet on sofa"]) == [
        (("contacts", 0), "unknown surface 'sofa' (expected one of: floor, bench, step, chair, roller, wall)")
    ]
    assert problems_of(contacts=["feet under chair"])[0][1] == (
        "expected a body part, or a part 'on' a surface (such as 'shoulders on bench'), got 'feet under chair'"
    )


def test_a_part_below_the_floor_is_an_error() -> None:
    # Kneeling with straight shins pointing down cannot happen: the ankle's centre is 0.42 - 0.0475 m
    # under the floor, plus its own half-thickness (0.0475) for the ankle and the foot's (0.03) for heel and toes.
    assert problems_of(thigh=0, shin=0, contacts=["knees"]) == [
        ((), "near_ankle is 0.42 m below the floor (change the angles or the contacts)"),
        ((), "near_heel is 0.40 m below the floor (change the angles or the contacts)"),
        ((), "near_toes is 0.40 m below the floor (change the angles or the contacts)"),
        ((), "far_ankle is 0.42 m below the floor (change the angles or the contacts)"),
        ((), "far_heel is 0.40 m below the floor (change the angles or the contacts)"),
        ((), "far_toes is 0.40 m below the floor (change the angles or the contacts)"),
    ]


pytestmark = pytest.mark.usefixtures("beside_content")


def copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def test_check_reports_an_impossible_pose_at_its_line_and_column(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    path = content / "exercises.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    line = next(i for i, value in enumerate(lines) if value.strip() == "shin: 102") + 1
    path.write_text(text.replace("shin: 102", "shin: 200", 1), encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_guide(content)
    column = lines[line - 1].index("102") + 1
    assert str(caught.value) == (
        f"content/exercises.yaml:{line}:{column}: shin 200\u00b0 is beyond what the knee can do (expected 0\u00b0 to 160\u00b0)\n"
        "1 error in content"
    )


def test_check_requires_positions_on_every_exercise(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    path = content / "exercises.yaml"
    data_lines = path.read_text(encoding="utf-8").splitlines()
    start = data_lines.index("  - id: plank")
    end = next(i for i in range(start + 1, len(data_lines)) if data_lines[i].startswith("  - id:"))
    block = next(i for i in range(start, end) if data_lines[i] == "    positions:")
    kept = data_lines[:block] + [""] + data_lines[end:]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_guide(content)
    assert str(caught.value) == (
        f"content/exercises.yaml:{start + 1}:9: exercise 'plank' has no positions: add `positions:` with a start "
        "and an end (see 'Add or change a figure' in README.md)\n1 error in content"
    )


def test_every_item_has_valid_positions() -> None:
    guide = real_guide()
    items = [*guide.exercises.exercises, *guide.stretches.stretches, *guide.form.drills]
    assert all(len(item.positions) >= 2 for item in items)
    assert [cue.id for cue in guide.form.cues if cue.positions] == ["lean-from-ankles", "land-under-hips"]


# --------------------------------------------------------------------------------------------
# The SVG


def test_draw_standing_figure_exactly() -> None:
    position = Position(id="start", caption="Stand tall.", contacts=["feet"])
    svg = draw.draw(position, "Squat: start position, stand tall")
    assert svg.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" class="pose-figure" viewBox="0 0 240 180" '
        'role="img" aria-label="Squat: start position, stand tall" focusable="false">'
    )
    # The body is 1.69 m tall (to the top of the head) and 0.285 m wide, so the height limits the
    # scale: s = (180 - 8 - 12) / 1.69 units a metre, and the floor is at 8 + 1.69 s = 168.
    # The body is centred, so the hip is at x = 120 - (0.285 / 2 - 0.105) s = 116.4.
    # The near leg: hip (0.88 m up), knee (0.45 m), ankle (0.03 m), toes 0.15 m ahead; 0.095 m thick.
    assert '<polyline points="116.4 84.7 116.4 125.4 116.4 165.2 130.7 165.2" stroke-width="9"/>' in svg
    assert '<path class="pose-figure__floor" d="M0 168H240" stroke-width="1.5"/>' in svg
    # The head's centre at 1.585 m, radius 0.105 m.
    assert '<circle class="pose-figure__gap" cx="116.4" cy="17.9" r="9.9" fill="currentColor" stroke="#fff" stroke-width="1.5"/>' in svg
    assert 'style=' not in svg


def test_accessible_name_and_captions() -> None:
    guide = real_guide()
    bird_dog = next(item for item in guide.exercises.exercises if item.id == "bird-dog")
    html = draw.figure_html(bird_dog.name, bird_dog.positions)
    assert html.count('role="img"') == 2
    assert 'aria-label="Bird dog: end position, reach one arm forward and the other leg back, level with your back"' in html
    assert "<figcaption><strong>End:</strong> Reach one arm forward and the other leg back, level with your back.</figcaption>" in html
    cue = next(item for item in guide.form.cues if item.id == "land-under-hips")
    html = draw.figure_html(cue.title, cue.positions)
    assert 'aria-label="Land with your feet under your hips: wrong way, overstriding' in html
    assert "<figcaption><strong>Wrong:</strong> Overstriding." in html
    assert "\n" not in html


angles = {key: st.floats(low, high, allow_nan=False) for key, (low, high) in pose.RANGES.items()}


@settings(max_examples=examples(150), deadline=None)
@given(
    st.fixed_dictionaries(
        {key: angles[key] for key in ("pelvis", "trunk", "neck", "head", *pose.LIMB_ANGLES)},
        optional={f"{side}_{key}": angles[key] for side in pose.SIDES for key in pose.LIMB_ANGLES},
    )
)
def test_any_valid_pose_draws_inside_its_box_and_above_the_floor(fields: dict[str, float]) -> None:
    position = Position.model_validate({"id": "start", "caption": "x", **fields})
    assert pose.problems(position) == []
    frame = draw.frame_for([position])
    body = pose.place(position)
    for (x, y), radius in body.parts().values():
        sx, sy, sr = frame.x(x), frame.y(y), radius * frame.scale
        assert sx - sr >= -1e-6 and sx + sr <= draw.WIDTH + 1e-6
        assert sy - sr >= -1e-6
        assert sy + sr <= frame.floor + 1e-6
    svg = draw.draw(position, "x", frame)
    numbers = [float(value) for value in re.findall(r'points="([^"]*)"', svg)[0].split()]
    assert all(0 <= value <= draw.WIDTH for value in numbers)


# --------------------------------------------------------------------------------------------
# Where the figures appear


def test_pages_show_every_figure() -> None:
    guide = real_guide()
    pages = render_pages(guide)
    assert pages["strength.md"].count('class="pose-figure"') == 2 * len(guide.exercises.exercises)
    assert pages["stretching.md"].count('class="pose-figure"') == 2 * len(guide.stretches.stretches)
    assert pages["running-form.md"].count('class="pose-figure"') == 2 * (len(guide.form.drills) + 2)
    gallery = gallery_page(guide)
    assert gallery.count('class="pose-figure"') == sum(
        len(item.positions)
        for item in [*guide.exercises.exercises, *guide.stretches.stretches, *guide.form.cues, *guide.form.drills]
    )
    assert "### Bird dog\n\n<div class=\"guide-gallery\">" in gallery


def test_an_arrow_may_not_point_through_the_floor() -> None:
    # Standing on the feet, the toes' edge is on the floor: an arrow below them starts 0.07 m lower.
    assert problems_of(contacts=["feet"], arrow={"at": "near_toes", "direction": "down", "length": 0.1}) == [
        (("arrow",), "the arrow reaches 0.17 m below the floor (shorten it or point it another way)")
    ]
    assert problems_of(arrow={"at": "nose", "direction": "up"})[0][0] == ("arrow", "at")


def test_the_print_guide_shows_every_figure() -> None:
    from generator.pdf.render import render_html

    guide = real_guide()
    html = render_html(guide)
    drawn = [*guide.exercises.exercises, *guide.stretches.stretches, *guide.form.cues, *guide.form.drills]
    assert html.count('class="pose-figure"') == sum(len(item.positions) for item in drawn)
    assert 'aria-label="Bird dog: end position, reach one arm forward and the other leg back, level with your back"' in html
