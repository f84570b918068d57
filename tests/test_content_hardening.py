"""`check` reports, never raises: hostile or broken bytes in content/ end as file:line:column messages."""

from __future__ import annotations

import functools
import shutil
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CONTENT, TODAY, Cli, errors_of, examples, position_of, real_guide, rewrite
from generator.content.load import load_guide
from generator.errors import ContentError, ContentErrors, excerpt, printable
from runners_back_calculators import planner
from runners_back_calculators.inputs import InputError, parse_number, parse_whole_number

pytestmark = pytest.mark.usefixtures("beside_content")




def write(content_dir: Path, text: str, name: str = "recovery.yaml") -> None:
    (content_dir / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("raw", "position", "name"),
    [
        ("\x00", "2:15", "a null character (U+0000)"),
        ("\x0b", "2:15", "a vertical tab (U+000B)"),
        ("\x0c", "2:15", "a form feed (U+000C)"),
        ("\u2028", "2:15", "a line separator (U+2028)"),
        ("\x1b", "2:15", "an escape character (U+001B)"),
    ],
)
def test_a_raw_invisible_character_is_named_where_it_is(content_dir: Path, raw: str, position: str, name: str) -> None:
    write(content_dir, f"page:\n  id: recovery{raw}\n")
    assert errors_of(content_dir) == [f"content/recovery.yaml:{position}: {name}, which readers cannot see: remove it"]


@pytest.mark.parametrize(
    ("escape", "name"),
    [("\\0", "a null character (U+0000)"), ("\\v", "a vertical tab (U+000B)"), ("\\f", "a form feed (U+000C)"),
     ("\\L", "a line separator (U+2028)"), ("\\e", "an escape character (U+001B)")],
)
def test_an_escaped_invisible_character_is_named_at_its_text(content_dir: Path, escape: str, name: str) -> None:
    text = (content_dir / "recovery.yaml").read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("  title: "))
    write(content_dir, text.replace(title, f'  title: "Rest{escape} and recover"', 1))
    line, column = position_of(text, title)
    assert errors_of(content_dir) == [
        f"content/recovery.yaml:{line}:{column + 9}: text holds {name}, which readers cannot see: remove it"
    ]


def test_many_invisible_characters_are_counted_not_listed(content_dir: Path) -> None:
    write(content_dir, "page: '" + "\x00" * 5000 + "'\n")
    found = errors_of(content_dir)
    assert len(found) == 11
    assert found[-1] == "content/recovery.yaml:1:18: and 4,990 more invisible characters from here on"


def test_an_impossible_date_is_an_error_not_a_crash(content_dir: Path) -> None:
    text = rewrite(content_dir, "recovery.yaml", lambda d: None)
    reviewed = next(line for line in text.splitlines() if "last_reviewed:" in line)
    write(content_dir, text.replace(reviewed, "  last_reviewed: 2026-02-30"))
    line, column = position_of(text, reviewed)
    assert errors_of(content_dir) == [
        f"content/recovery.yaml:{line}:{column + 17}: expected a real date such as 2026-11-25, got 2026-02-30 "
        "(day is out of range for month)"
    ]


def test_a_huge_integer_is_quoted_short(content_dir: Path) -> None:
    write(content_dir, "page:\n  id: " + "9" * 5000 + "\n")
    assert errors_of(content_dir) == [
        "content/recovery.yaml:2:7: expected a number, got '" + "9" * 60 + "\u2026' (5,000 characters): "
        "too long to be a number anyone means"
    ]


@pytest.mark.parametrize("infinite", [".inf", "-.inf", ".nan", "1.0e+999"])
def test_infinity_is_not_a_number_content_can_use(content_dir: Path, infinite: str) -> None:
    text = (content_dir / "training-load.yaml").read_text(encoding="utf-8")
    current = next(line for line in text.splitlines() if line.strip().startswith("current:"))
    write(content_dir, text.replace(current, current.split(":")[0] + f": {infinite}"), "training-load.yaml")
    line, column = position_of(text, current)
    indent = len(current) - len(current.lstrip())
    assert errors_of(content_dir) == [
        f"content/training-load.yaml:{line}:{column + indent + 9}: expected a finite number, "
        f"got '{infinite}' (write a number such as 12.5)"
    ]


def test_deep_nesting_is_refused_at_the_level_too_deep(content_dir: Path) -> None:
    write(content_dir, "page: " + "[" * 5000 + "]" * 5000 + "\n")
    assert errors_of(content_dir) == [
        "content/recovery.yaml:1:38: lists and keys nest more than 32 levels deep here: flatten them"
    ]


def test_aliases_are_refused_so_a_billion_laughs_is_instant(content_dir: Path) -> None:
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        laughs.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    write(content_dir, "\n".join(laughs) + "\n")
    started = time.process_time()  # this process's CPU time: other work on the machine does not count
    found = errors_of(content_dir)
    assert time.process_time() - started < 2
    assert found == [
        "content/recovery.yaml:2:8: '*a' repeats an earlier part of the file (a YAML alias), which content "
        "may not do: write the text out in full"
    ]


def test_a_file_that_is_not_utf8_is_named(content_dir: Path) -> None:
    (content_dir / "recovery.yaml").write_bytes(b"page:\n  id: caf\xe9\n")
    assert errors_of(content_dir) == ["content/recovery.yaml:2:10: expected UTF-8 text: save the file as UTF-8"]


@pytest.mark.parametrize("name", ["recovery.yaml~", "guide.bak", "notes.txt", "images"])
def test_anything_in_content_but_the_content_files_is_an_error(content_dir: Path, name: str) -> None:
    if name == "images":
        (content_dir / name).mkdir()
    else:
        (content_dir / name).write_text("x", encoding="utf-8")
    (content_dir / ".recovery.yaml.swp").write_text("an editor's own file", encoding="utf-8")
    assert errors_of(content_dir) == [
        f"content/{name}:1:1: not a content file: move it out of content/ (content files are: guide.yaml, "
        "sources.yaml, causes.yaml, exercises.yaml, stretches.yaml, running-form.yaml, training-load.yaml, "
        "shoes-and-surfaces.yaml, recovery.yaml, warning-signs.yaml, pain-relief.yaml, understanding-pain.yaml, "
        "flare-ups.yaml, return-to-running.yaml, cross-training.yaml, pregnancy.yaml, energy-and-bones.yaml, "
        "young-and-older-runners.yaml, everyday-load.yaml, finding-help.yaml, how-this-guide-is-checked.yaml, "
        "return-planner.yaml, widgets.yaml)"
    ]


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("Hold for {weeks:s} weeks.", "write the placeholder as just {weeks}, with nothing after its name"),
        ("Hold for {weeks:>300000000} weeks.", "write the placeholder as just {weeks}, with nothing after its name"),
        ("Hold for {weeks!r} weeks.", "write the placeholder as just {weeks}, with nothing after its name"),
        ("Hold for {weeks} weeks }", "a lone '}': write {{ or }} for a brace, or a placeholder ({weeks})"),
        ("Hold { for {weeks} weeks", "a lone '{': write {{ or }} for a brace, or a placeholder ({weeks})"),
    ],
)
def test_planner_note_templates_never_crash_the_check(content_dir: Path, note: str, message: str) -> None:
    def bad_note(data: dict) -> None:
        data["planner"]["notes"]["holding"] = note

    text = rewrite(content_dir, "training-load.yaml", bad_note)
    line, column = position_of(text, "holding: ")
    assert errors_of(content_dir) == [f"content/training-load.yaml:{line}:{column + 9}: {message}"]


def test_the_planner_fills_notes_without_str_format() -> None:
    assert planner.fill_note("Hold {weeks} weeks {{not}} {weeks:>9}", weeks=3) == "Hold 3 weeks {not} {weeks:>9}"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("20,5", "current must be a number from 0.1 to 400 km, got '20,5': write 20.5, with a decimal point"),
        ("1,000", "current must be a number from 0.1 to 400 km, got '1,000': write 1000 without the comma, "
                  "or 1.000 with a decimal point"),
        ("9" * 5000, "current must be a number from 0.1 to 400 km, got '" + "9" * 40 + "'\u2026 (5,000 characters)"),
        (10**5000, "current must be a number from 0.1 to 400 km, got a number about 5,001 digits long"),
        ("\x1b[2J20", "current must be a number from 0.1 to 400 km, got '\\x1b[2J20'"),
    ],
    ids=["comma", "thousands", "long-text", "huge-int", "escape"],
)
def test_planner_inputs_quote_bad_values_short_and_safe(raw: object, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_number(raw, field="current", low=planner.Fraction(1, 10), high=400, unit="km")
    assert caught.value.message == message


def test_a_whole_number_input_suggests_the_decimal_point_too() -> None:
    with pytest.raises(InputError) as caught:
        parse_whole_number("4,5", field="weeks", low=1, high=104)
    assert caught.value.message == "weeks must be a whole number from 1 to 104, got '4,5': write 4.5, with a decimal point"


def test_the_plan_command_refuses_a_huge_number_plainly(cli: Cli) -> None:
    status, out, err = cli("plan", "--current", "9" * 5000, "--target", "40")
    assert (status, out) == (2, "")
    assert err == f"plan: --current must be a number from 0.1 to 400 km, got '{'9' * 40}'\u2026 (5,000 characters)\n"


def test_messages_quote_short_excerpts_without_terminal_escapes() -> None:
    assert excerpt("x" * 10_000_000) == "'" + "x" * 60 + "\u2026' (10,000,000 characters)"
    assert excerpt("red \x1b[31malert\x1b[0m") == "'red alert'"
    assert printable("a\x07b\u202ec") == "abc"
    assert str(ContentError("content/a.yaml", 1, 2, "got '\x1b]0;title\x07x'")) == "content/a.yaml:1:2: got 'x'"


# --------------------------------------------------------------------------------------------
# The property: whatever one file holds, load_guide returns a Guide or raises ContentErrors.

_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
    st.dates().map(str), st.sampled_from(["2026-02-30", ".inf", "~", "*a", "&a x", "{x", "Tip: go", "'it's", "\\"]),
)
_DOCUMENTS = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
_NAMES = st.sampled_from(sorted(path.name for path in CONTENT.glob("*.yaml")))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(CONTENT, target)
    return target


def _never_raises_but_content_errors(content_dir: Path, name: str, data: bytes) -> None:
    original = (CONTENT / name).read_bytes()
    (content_dir / name).write_bytes(data)
    try:
        load_guide(content_dir, today=TODAY)
    except ContentErrors as errors:
        for error in errors.errors:
            assert error.line >= 1 and error.column >= 1
            assert str(error).startswith(f"{content_dir}/")
    finally:
        (content_dir / name).write_bytes(original)


@pytest.mark.slow  # the whole content checked 40 times over
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_NAMES, data=st.binary(max_size=300))
def test_random_bytes_never_crash_the_check(pristine: Path, name: str, data: bytes) -> None:
    _never_raises_but_content_errors(pristine, name, data)


@pytest.mark.slow  # the whole content checked 40 times over
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_NAMES, document=_DOCUMENTS, style=st.sampled_from([None, True, False]))
def test_random_yaml_documents_never_crash_the_check(pristine: Path, name: str, document: object, style: bool | None) -> None:
    text = yaml.safe_dump(document, default_flow_style=style, allow_unicode=True)
    _never_raises_but_content_errors(pristine, name, text.encode("utf-8"))


@pytest.mark.slow  # the whole content checked 40 times over
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_NAMES, data=st.data())
def test_real_files_with_random_edits_never_crash_the_check(pristine: Path, name: str, data: st.DataObject) -> None:
    """Near-misses of real content reach the schema and cross-file checks, not just the parser."""
    text = (CONTENT / name).read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 20)))
    insert = data.draw(st.sampled_from(["", ":", ": x", "\n", "  ", "-", "'", "{", "]", "*", "\x00", "\t", "9" * 5000, "2026-02-30"]))
    _never_raises_but_content_errors(pristine, name, (text[:start] + insert + text[end:]).encode("utf-8"))


def test_the_property_uses_an_untouched_copy(pristine: Path) -> None:
    assert load_guide(pristine, today=TODAY).meta.title


_RAW_INPUTS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**4400, max_value=10**4500), st.floats(),
    st.text(max_size=20), st.text(alphabet="0123456789,.-+ e", max_size=12), st.just("9" * 5000),
)


@functools.cache
def _planner_rules() -> dict:
    from generator.content.rules import calculator_rules

    return calculator_rules(real_guide())["planner"]


@settings(max_examples=examples(300), deadline=None)
@given(raw=st.fixed_dictionaries(
    {"current": _RAW_INPUTS, "target": _RAW_INPUTS},
    optional={field: _RAW_INPUTS for field in planner.INPUT_FIELDS if field not in ("current", "target")},
))
def test_the_planner_refuses_any_input_with_a_short_message(raw: dict) -> None:
    """Huge numbers, pasted text, escapes: a plan or one short InputError, nothing else."""
    try:
        planner.plan(_planner_rules(), **raw)
    except InputError as error:
        assert error.field in planner.INPUT_FIELDS
        assert len(error.message) < 300 and "\x1b" not in error.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("page:\n  id: recovery\x00\n", "content/recovery.yaml:2:15: a null character (U+0000), which readers cannot see: remove it"),
        ("page:\n  last_reviewed: 2026-02-30\n", "content/recovery.yaml:2:18: expected a real date such as 2026-11-25, "
         "got 2026-02-30 (day is out of range for month)"),
    ],
    ids=["nul", "date"],
)
def test_build_reports_bad_content_as_build_failed_without_a_traceback(
    content_dir: Path, text: str, message: str, cli: Cli
) -> None:
    from test_build import config_for

    write(content_dir, text)
    config = config_for(content_dir)
    status, _, err = cli("build", "--config", str(config), "--site-dir", "site", "--today", TODAY.isoformat(),
                         cwd=content_dir.parent)
    assert status == 1
    assert "Traceback" not in err
    assert err.splitlines()[0] == message
    assert err.splitlines()[-1] == "build failed: site/ left as it was"
    assert not (content_dir.parent / "site").exists()


def test_a_lone_brace_in_the_return_planners_text_is_an_error_not_a_crash(content_dir: Path) -> None:
    text = rewrite(content_dir, "return-planner.yaml", lambda d: d["text"].update(ready="Ready in {weeks} weeks {"))
    line, column = position_of(text, "ready: ")
    assert errors_of(content_dir) == [
        f"content/return-planner.yaml:{line}:{column + 7}: a lone '{{': write {{{{ or }}}} for a brace, or a "
        "placeholder ({target_minutes}, {weeks})"
    ]
