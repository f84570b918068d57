"""What a writer reads: one pass, plain words with the form to write, `content/` paths, "did you mean"."""

from __future__ import annotations

import copy
import datetime
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CONTENT, TODAY, errors_of, examples, position_of, rewrite
from generator.content.yamlwords import syntax_problem

JARGON = re.compile(r"mapping|scalar|token|block end|<[a-z ]+>|stream|\bnode|sequence|YAML syntax", re.IGNORECASE)


pytestmark = pytest.mark.usefixtures("beside_content")




QUOTE = "put the text in quotes, or use `>-` and write the text on the next lines, indented"

SYNTAX = [
    ("a: Tip: go slowly\n", (1, 7), f"the colon in 'Tip: go slowly' starts a new key inside the text: {QUOTE}"),
    ("a:\n  - Tip: go slowly. Note: be careful\n", (2, 25),
     f"the colon in 'Tip: go slowly. Note: be careful' starts a new key inside the text: {QUOTE}"),
    ("page:\n  id: a\n   title: b\n", (3, 9), "this key is indented more than the key above it, so it reads as part "
     "of that key's text: line it up with the other keys of the same item"),
    ("page:\n  id: a\n title: b\n", (3, 2), "this line does not line up with the lines above it: indent keys of the "
     "same item equally"),
    ("page:\n  id: a\n  - b\n", (3, 3), "a list item where keys were expected: put the list under a key of its own "
     "(such as `steps:`), indented, or line it up with the items above"),
    ("a: [x, y\n", (1, 4), "'[' is never closed: add ']', or put the text in quotes if the '[' belongs to it"),
    ("a: {min: 2\n", (1, 4), "'{' is never closed: add '}', or put the text in quotes if the '{' belongs to it"),
    ("a: {b: c d: e}\n", (1, 11), "inside '{...}' separate the items with commas, as in `{min: 2, max: 3}`"),
    ("a: [x, #y]\n", (1, 4), "a '[' or '{' is never closed: add the closing bracket, or put the text in quotes "
     "(a '#' starts a comment and hides the rest of its line)"),
    ('a: "hello\n', (1, 4), "this quote is never closed: add the closing quote"),
    ("a: 'it's\n", (1, 8), "text goes on after a quoted or bracketed value has ended: put the whole text in quotes "
     "(inside single quotes write an apostrophe as '')"),
    ("page:\n\tid: a\n", (2, 1), "a tab character: indent with spaces, not tabs"),
    ("a: *Note* this\n", (1, 4), "text cannot start with '*': put the text in quotes"),
    ("a: @home\n", (1, 4), "text cannot start with '@': put the text in quotes"),
    ("a: `code`\n", (1, 4), "text cannot start with '`': put the text in quotes"),
    ("a: 1\n---\nb: 2\n", (2, 1), "a line '---' starts a second part; a content file holds one: remove the '---' line"),
    ("a: !foo bar\n", (1, 4), "'!foo' is not something content can use: remove it, or put the text in quotes"),
    ("a: !!python/object:os.system x\n", (1, 4),
     "'!!python/object:os.system' is not something content can use: remove it, or put the text in quotes"),
    ('a: "C:\\path"\n', (1, 8), "a backslash inside double quotes starts a code such as \\n: write \\\\ for a "
     "backslash, or use single quotes"),
    ("page:\n  id: a\n  title\n  b: c\n", (4, 3), "expected `key: value` here: if this line goes on with the text "
     "above, indent it more than that text's key, or use `>-` and write the text on the next lines, indented; "
     "otherwise add the colon after the key"),
    ("a: | x\n  y\n", (1, 6), "after '|' or '>' the line must end (only '-' may follow): start the text on the next "
     "line, indented"),
    ("a: &x 1\nb: &x 2\n", (2, 4), "cannot read the YAML here: found duplicate anchor 'x'; first occurrence, second "
     "occurrence"),
]


@pytest.mark.parametrize(("text", "position", "message"), SYNTAX, ids=[str(i) for i in range(len(SYNTAX))])
def test_each_syntax_mistake_is_told_in_plain_words(content_dir: Path, text: str, position: tuple, message: str) -> None:
    (content_dir / "recovery.yaml").write_text(text, encoding="utf-8")
    assert errors_of(content_dir) == [f"content/recovery.yaml:{position[0]}:{position[1]}: {message}"]
    assert not JARGON.search(message)


@settings(max_examples=examples(150), deadline=None)
@given(data=st.data())
def test_no_syntax_message_uses_parser_words(data: st.DataObject) -> None:
    text = (CONTENT / data.draw(st.sampled_from(["guide.yaml", "exercises.yaml", "training-load.yaml"]))).read_text(
        encoding="utf-8"
    )
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 6))
        insert = data.draw(st.sampled_from(["", ":", ": x", "\n", "  ", " ", "- ", "'", '"', "{", "[", "]", "}", "*",
                                            "&", "!", "@", "`", "|", ">", "#", ",", "?", "%", "---\n", "\t", "\\"]))
        text = text[:at] + insert + text[at + cut :]
    try:
        yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        _, message = syntax_problem(error, text)
        assert not JARGON.search(message), message


def test_a_colon_in_a_sentence_names_the_text_to_quote(content_dir: Path) -> None:
    text = (content_dir / "recovery.yaml").read_text(encoding="utf-8")
    summary = next(line for line in text.splitlines() if line.startswith("  summary: "))
    (content_dir / "recovery.yaml").write_text(text.replace(summary, "  summary: Tip: go slowly"), encoding="utf-8")
    line, column = position_of(text, summary)
    assert errors_of(content_dir) == [
        f"content/recovery.yaml:{line}:{column + 14}: the colon in 'Tip: go slowly' starts a new key inside the "
        f"text: {QUOTE}"
    ]


def _edit(content_dir: Path, name: str, change) -> str:  # noqa: ANN001
    return rewrite(content_dir, name, change)


@pytest.mark.parametrize(
    ("change", "needle", "offset", "message"),
    [
        (lambda d: d["exercises"][0]["dose"].update(sets=3), "sets: 3", 6,
         "expected indented `key: value` lines, got a number (3): write sets as `sets: {min: 2, max: 3}`"),
        (lambda d: d["exercises"][0].update(sources="nice-ng59"), "sources: nice-ng59", 9,
         "expected a list, got text ('nice-ng59'): write sources as `sources: [first-id, second-id]`"),
        (lambda d: d["exercises"][0].update(steps="Lie down."), "steps: Lie down.", 7,
         "expected a list, got text ('Lie down.'): write steps as a list, one `- ` line per item under `steps:`"),
        (lambda d: d["exercises"][0]["dose"].update(per_side="yes"), "per_side: 'yes'", 10,
         "expected true or false, got text ('yes'): write per_side as `per_side: true`"),
        (lambda d: d["exercises"][0].update(nmae="Bridge"), "nmae: Bridge", 0,
         "unknown key 'nmae': did you mean 'name'? (expected one of: id, name, group, purpose, steps, dose, "
         "cautions, sources, positions, muscles)"),
    ],
    ids=["range", "id-list", "text-list", "bool", "unknown-key"],
)
def test_schema_errors_say_what_to_write(content_dir: Path, change, needle: str, offset: int, message: str) -> None:  # noqa: ANN001
    text = _edit(content_dir, "exercises.yaml", change)
    line, column = position_of(text, needle)
    assert errors_of(content_dir) == [f"content/exercises.yaml:{line}:{column + offset}: {message}"]


def test_a_missing_group_of_keys_says_which_keys_go_under_it(content_dir: Path) -> None:
    text = _edit(content_dir, "exercises.yaml", lambda d: d["exercises"][0].pop("dose"))
    first = yaml.safe_load(text)["exercises"][0]["id"]
    line, column = position_of(text, f"- id: {first}")
    assert errors_of(content_dir) == [
        f"content/exercises.yaml:{line}:{column + 2}: missing required key 'dose': add `dose:` and under it, "
        "indented, at least sets, times_per_week, rest_seconds, effort, progression, flare_up"
    ]


def test_a_missing_date_shows_the_form(content_dir: Path) -> None:
    _edit(content_dir, "guide.yaml", lambda d: d.pop("last_reviewed"))
    assert errors_of(content_dir) == ["content/guide.yaml:1:1: missing required key 'last_reviewed': add "
                                      "`last_reviewed: 2026-11-25`"]


def test_a_misspelt_level_gets_a_suggestion(content_dir: Path) -> None:
    text = _edit(content_dir, "warning-signs.yaml", lambda d: d["signs"][0].update(level="emergncy"))
    line, column = position_of(text, "level: emergncy")
    assert errors_of(content_dir) == [
        f"content/warning-signs.yaml:{line}:{column + 7}: expected one of 'emergency', 'urgent', 'soon' or "
        "'self-care', got text ('emergncy'): did you mean 'emergency'?"
    ]


def test_unknown_ids_get_a_did_you_mean(content_dir: Path) -> None:
    causes = _edit(content_dir, "causes.yaml", lambda d: d["causes"][0]["remedies"].append("side-plnk"))
    exercises = _edit(content_dir, "exercises.yaml", lambda d: d["exercises"][0]["sources"].append("acp2017"))
    guide = _edit(content_dir, "guide.yaml", lambda d: (d["quick_tips"][0].update(link="warning-sign"),
                                                       d["navigation"].append("cuases")))
    stretches = _edit(content_dir, "stretches.yaml", lambda d: d["stretches"][0].update(group="stretch-hamstring"))
    groups = ", ".join(sorted(g["id"] for g in yaml.safe_load(stretches)["groups"]))
    pages = sorted(yaml.safe_load(guide)["navigation"][:-1])

    def at(name: str, text: str, needle: str, offset: int = 0) -> str:
        line, column = position_of(text, needle)
        return f"content/{name}:{line}:{column + offset}"

    found = errors_of(content_dir)
    assert found == [
        f"{at('causes.yaml', causes, '- side-plnk', 2)}: unknown remedy 'side-plnk': did you mean 'side-plank'? "
        "(expected the id of an exercise, stretch, form cue, drill, group or section)",
        f"{at('exercises.yaml', exercises, '- acp2017', 2)}: unknown source 'acp2017': did you mean "
        "'acp-2017'? (expected an id from sources.yaml)",
        f"{at('guide.yaml', guide, '- cuases', 2)}: unknown page 'cuases': did you mean 'causes'? (expected one "
        f"of: {', '.join(pages)})",
        f"{at('guide.yaml', guide, 'link: warning-sign\n', 6)}: unknown link 'warning-sign': did you mean "
        "'warning-signs'? (expected a page or item id)",
        f"{at('stretches.yaml', stretches, 'group: stretch-hamstring', 7)}: unknown group 'stretch-hamstring': "
        f"did you mean 'stretch-hamstrings'? (expected one of: {groups})",
    ]


def test_schema_errors_and_cross_file_checks_come_in_one_pass(content_dir: Path) -> None:
    """The measured two rounds: a schema error hid the unknown source and the passed review date."""
    exercises = _edit(content_dir, "exercises.yaml", lambda d: (d["exercises"][0].update(name=""),
                                                               d["exercises"][1]["sources"].append("no-such-source")))
    guide = _edit(content_dir, "guide.yaml", lambda d: d.update(next_review=datetime.date(2026, 1, 1), title=3))
    name = position_of(exercises, "name: ''")
    source = position_of(exercises, "- no-such-source")
    title = position_of(guide, "title: 3")
    review = position_of(guide, "next_review: 2026-01-01")
    assert errors_of(content_dir) == [
        f"content/exercises.yaml:{name[0]}:{name[1] + 6}: expected text, got empty text",
        f"content/exercises.yaml:{source[0]}:{source[1] + 2}: unknown source 'no-such-source' (expected an id "
        "from sources.yaml)",
        f"content/guide.yaml:{title[0]}:{title[1] + 7}: expected text, got a number (3)",
        f"content/guide.yaml:{review[0]}:{review[1] + 13}: next review date 2026-01-01 has passed (today is "
        f"{TODAY}): review the content, then set last_reviewed and a new next_review",
    ]


def test_references_are_not_called_unknown_while_a_file_that_may_define_them_is_broken(content_dir: Path) -> None:
    (content_dir / "exercises.yaml").write_text("page: [\n", encoding="utf-8")
    (content_dir / "sources.yaml").unlink()
    assert errors_of(content_dir) == [
        "content/exercises.yaml:1:7: a '[' or '{' is never closed: add the closing bracket, or put the text in quotes",
        "content/sources.yaml:1:1: missing content file: create content/sources.yaml",
    ]


def test_paths_are_relative_to_where_check_runs(content_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(content_dir, "guide.yaml", lambda d: d.pop("title"))
    assert errors_of(content_dir.resolve()) == ["content/guide.yaml:1:1: missing required key 'title'"]
    monkeypatch.chdir(content_dir)
    assert errors_of(Path("../content")) == ["../content/guide.yaml:1:1: missing required key 'title'"]
    elsewhere = content_dir.parent.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert errors_of(content_dir) == [f"{content_dir}/guide.yaml:1:1: missing required key 'title'"]


# --------------------------------------------------------------------------------------------
# Every other message class, with its exact text.

def _replace(content_dir: Path, name: str, old: str, new: str) -> tuple[int, int]:
    path = content_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return position_of(text, old)


def test_an_empty_file_and_a_key_that_is_not_words(content_dir: Path) -> None:
    (content_dir / "recovery.yaml").write_text("# nothing yet\n", encoding="utf-8")
    text = (content_dir / "shoes-and-surfaces.yaml").read_text(encoding="utf-8")
    (content_dir / "shoes-and-surfaces.yaml").write_text(text.replace("page:\n", "page:\n  3: x\n  [a]: y\n", 1),
                                                         encoding="utf-8")
    assert errors_of(content_dir) == [
        "content/recovery.yaml:1:1: expected content, but the file is empty",
        "content/shoes-and-surfaces.yaml:2:3: expected a key made of words before the colon, got 3",
        "content/shoes-and-surfaces.yaml:3:3: expected a key made of words before the colon, got a list or keys",
    ]


def test_no_content_folder(tmp_path: Path) -> None:
    assert errors_of(tmp_path / "nowhere") == ["nowhere:1:1: no content folder at nowhere"]


@pytest.mark.parametrize(
    ("name", "old", "new", "offset", "message"),
    [
        ("guide.yaml", "    link: warning-signs\n", "    link: Warning Signs\n", 6,
         "expected an id of lower-case letters, digits and single hyphens (such as 'side-plank'), got text "
         "('Warning Signs')"),
        ("sources.yaml", "https://", "http://", 0, None),
        ("exercises.yaml", "sets: {min: 2,", "sets: {min: 0,", 12, "expected a number at least 1, got a number (0)"),
        ("guide.yaml", "last_reviewed: 2026-11-20", "last_reviewed: 2026-12-20", 15,
         f"last reviewed date 2026-12-20 is in the future (today is {TODAY})"),
        ("recovery.yaml", "last_reviewed: 2026-11-20", "last_reviewed: 2025-11-20", 15,
         f"last reviewed 2025-11-20, more than 12 months before {TODAY}"),
        ("training-load.yaml", "long_run_cap: 110", "long_run_cap: 150", 14,
         "expected a number from 100 to 110 (the planner's allowed range), got 150.0"),
    ],
    ids=["id-pattern", "https", "at-least", "future-review", "old-review", "planner-range"],
)
def test_value_messages(content_dir: Path, name: str, old: str, new: str, offset: int, message: str | None) -> None:
    line, column = _replace(content_dir, name, old, new)
    found = errors_of(content_dir)
    if message is None:  # the url: placed at the value, after `url: `
        assert found[0].endswith(": expected a web address starting with https://, got text ('"
                                 + found[0].split("('", 1)[1])
        assert found[0].startswith(f"content/sources.yaml:{line}:")
        return
    indent = len(old) - len(old.lstrip())
    assert found == [f"content/{name}:{line}:{column + indent + offset}: {message}"]


def test_list_length_and_order_messages(content_dir: Path) -> None:
    warning = _edit(content_dir, "warning-signs.yaml", lambda d: (d["levels"].append(copy.deepcopy(d["levels"][0])),
                                                                   d["levels"].__setitem__(0, copy.deepcopy(d["levels"][1]))))
    exercises = _edit(content_dir, "exercises.yaml", lambda d: (d["exercises"][0]["dose"]["sets"].update(min=4, max=3),
                                                               d["exercises"][1].update(steps=[])))
    found = errors_of(content_dir)
    sets = position_of(exercises, "min: 4")
    steps = position_of(exercises, "steps: []")
    levels = position_of(warning, "levels:\n")
    assert found == [
        f"content/exercises.yaml:{sets[0]}:{sets[1]}: expected max (3) to be at least min (4)",
        f"content/exercises.yaml:{steps[0]}:{steps[1] + 7}: expected at least 1 item(s), got 0",
        f"content/warning-signs.yaml:{levels[0] + 1}:1: expected at most 4 item(s), got 5",
    ]


def test_navigation_twice_and_missing(content_dir: Path) -> None:
    def reorder(data: dict) -> None:
        data["navigation"].remove("recovery")
        data["navigation"].append("causes")

    text = _edit(content_dir, "guide.yaml", reorder)
    nav = position_of(text, "navigation:\n")
    lines = text.splitlines()
    last = max(i for i, line in enumerate(lines) if line.strip() == "- causes") + 1
    column = lines[last - 1].index("-") + 1
    assert errors_of(content_dir) == [
        f"content/guide.yaml:{nav[0] + 1}:{column}: page 'recovery' is missing from navigation",
        f"content/guide.yaml:{last}:{column + 2}: page 'causes' is listed twice",
    ]


def test_duplicate_source_id_and_level_order(content_dir: Path) -> None:
    sources = _edit(content_dir, "sources.yaml", lambda d: d["sources"].insert(1, copy.deepcopy(d["sources"][0])))
    signs = _edit(content_dir, "warning-signs.yaml", lambda d: (d["levels"][0].update(id="soon"),
                                                               d["levels"][2].update(id="emergency")))
    first = yaml.safe_load(sources)["sources"][0]["id"]
    one = position_of(sources, f"id: {first}")
    two_offset = sources.index(f"id: {first}", sources.index(f"id: {first}") + 1)
    two = (sources.count("\n", 0, two_offset) + 1, one[1])
    level = position_of(signs, "id: soon")
    emergency = position_of(signs, "id: emergency")
    assert errors_of(content_dir) == [
        f"content/sources.yaml:{two[0]}:{two[1] + 4}: duplicate source id '{first}' (already used at "
        f"content/sources.yaml:{one[0]}:{one[1] + 4})",
        f"content/warning-signs.yaml:{level[0]}:{level[1] + 4}: expected level 'emergency' here (levels run "
        "emergency, urgent, soon, self-care), got 'soon'",
        f"content/warning-signs.yaml:{emergency[0]}:{emergency[1] + 4}: expected level 'soon' here (levels run "
        "emergency, urgent, soon, self-care), got 'emergency'",
    ]


def test_a_misspelt_content_file_name_gets_a_suggestion(content_dir: Path) -> None:
    (content_dir / "exercises.yaml").rename(content_dir / "exercise.yaml")
    assert errors_of(content_dir) == [
        "content/exercise.yaml:1:1: not a content file: did you mean 'exercises.yaml'? (rename it, or move it out "
        "of content/)",
        "content/exercises.yaml:1:1: missing content file: create content/exercises.yaml",
    ]
