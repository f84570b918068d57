"""PyYAML's syntax errors in a writer's words: what went wrong on the line, and what to write.

PyYAML speaks of mappings, scalars, tokens and block ends. A writer needs to hear "the colon in
'Tip: go slowly' starts a new key: put the text in quotes". The common mistakes are recognised
by PyYAML's own problem text plus the line the writer wrote; anything else falls back to PyYAML's
message with its parser words translated.
"""

from __future__ import annotations

import re

import yaml

from generator.errors import excerpt

JARGON = {
    "<stream end>": "the end of the file",
    "<stream start>": "the start of the file",
    "<block end>": "the end of the indented lines",
    "<block mapping start>": "a new indented key",
    "<block sequence start>": "a new list",
    "<flow mapping start>": "'{'",
    "<flow sequence start>": "'['",
    "<scalar>": "text",
    "<document start>": "'---'",
    "<document end>": "'...'",
    "block mapping": "indented keys",
    "block sequence": "list",
    "flow mapping": "'{...}'",
    "flow sequence": "'[...]'",
    "flow node": "bracketed value",
    "simple key": "key",
    "block scalar": "text after '|' or '>'",
    "plain scalar": "text",
    "double-quoted scalar": "text in double quotes",
    "single-quoted scalar": "text in single quotes",
    "quoted scalar": "quoted text",
    "mapping": "group of keys",
    "sequence": "list",
    "scalar": "text",
    "tokens": "symbols",
    "token": "symbol",
    "nodes": "values",
    "node": "value",
    "stream": "file",
    "document": "part of the file",
    "directive": "'%' line",
}
"""PyYAML's words -> plain ones, longest first, for messages no rule below recognises."""

_JARGON = re.compile("|".join(re.escape(word) for word in sorted(JARGON, key=len, reverse=True)))

_KEY = re.compile(r"^[a-z][a-z_]*: ")
"""A content key at the start of a line: keys are lower-case words joined by underscores."""

QUOTE_HINT = "put the text in quotes, or use `>-` and write the text on the next lines, indented"


def _plain(text: str) -> str:
    return _JARGON.sub(lambda match: JARGON[match.group(0)], text)


def _line(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    lines = text.split("\n")
    return lines[mark.line] if mark.line < len(lines) else ""


def _opening(text: str, mark: yaml.Mark) -> int:
    """Where the last '[' or '{' before `mark` is: the bracket left open (-1 if none)."""
    return max(text.rfind("[", 0, mark.index), text.rfind("{", 0, mark.index))


def _found(problem: str) -> str:
    """The character PyYAML quotes in "found character 'X'" or "but found 'X'"."""
    match = re.search(r"found (?:character )?'(.*?)'", problem)
    return match.group(1) if match else ""


def syntax_problem(error: yaml.MarkedYAMLError, text: str) -> tuple[tuple[int, int], str]:
    """Where a syntax error is (line, column from 1) and one plain sentence about it.

    An unclosed bracket or quote is placed where it opens, which is where the fix goes.
    """
    message = _message(error, text)
    if message.startswith("a '[' or '{' is never") and error.problem_mark is not None:
        opening = _opening(text, error.problem_mark)
        if opening >= 0:
            line_start = text.rfind("\n", 0, opening) + 1
            return (text.count("\n", 0, opening) + 1, opening - line_start + 1), message
    opens = message.startswith(("'[' is never", "'{' is never", "this quote", "text cannot start"))
    opens = opens and error.context_mark is not None
    mark = error.context_mark if opens else error.problem_mark or error.context_mark
    return ((mark.line + 1, mark.column + 1) if mark else (1, 1)), message


def _message(error: yaml.MarkedYAMLError, text: str) -> str:
    """What the writer did here, and what to write."""
    problem = error.problem or ""
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    line = _line(text, mark)
    column = mark.column if mark else 0

    if problem == "mapping values are not allowed here":
        before = line[:column]
        if ": " in before or before.lstrip().startswith("- ") and ":" in before:
            said = excerpt(_KEY.sub("", line.strip().removeprefix("- ")))
            return f"the colon in {said} starts a new key inside the text: {QUOTE_HINT}"
        return (
            "this key is indented more than the key above it, so it reads as part of that key's text: "
            "line it up with the other keys of the same item"
        )
    if "expected <block end>" in problem:
        found = _found(problem)
        if found == "<scalar>":
            return (
                "text goes on after a quoted or bracketed value has ended: put the whole text in quotes "
                "(inside single quotes write an apostrophe as '')"
            )
        if found == "-":
            return (
                "a list item where keys were expected: put the list under a key of its own "
                "(such as `steps:`), indented, or line it up with the items above"
            )
        return "this line does not line up with the lines above it: indent keys of the same item equally"
    if "could not find expected ':'" in problem:
        return (
            "expected `key: value` here: if this line goes on with the text above, indent it more than "
            f"that text's key, or {QUOTE_HINT.split(', or ', 1)[1]}; otherwise add the colon after the key"
        )
    if context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")):
        bracket, closing = ("[", "]") if "sequence" in context else ("{", "}")
        if "<stream end>" in problem:
            return (
                f"'{bracket}' is never closed: add '{closing}', or put the text in quotes if the "
                f"'{bracket}' belongs to it"
            )
        example = "{min: 2, max: 3}" if bracket == "{" else "[first-id, second-id]"
        return f"inside '{bracket}...{closing}' separate the items with commas, as in `{example}`"
    if context.startswith("while parsing a flow node"):
        opening = _opening(text, mark) if mark else -1
        hidden = "#" in text[opening : mark.index] if mark and opening >= 0 else False
        comment = " (a '#' starts a comment and hides the rest of its line)" if hidden else ""
        if "<stream end>" in problem:
            return f"a '[' or '{{' is never closed: add the closing bracket, or put the text in quotes{comment}"
        return f"a '[' or '{{' holds an empty item here: remove the extra comma, or put the text in quotes{comment}"
    if context.startswith("while scanning a quoted scalar") and "end of stream" in problem:
        return "this quote is never closed: add the closing quote"
    if context.startswith("while scanning a double-quoted scalar"):
        return (
            "a backslash inside double quotes starts a code such as \\n: write \\\\ for a backslash, "
            "or use single quotes"
        )
    if context.startswith("while scanning a block scalar"):
        return "after '|' or '>' the line must end (only '-' may follow): start the text on the next line, indented"
    if problem.startswith("found character '\\t'"):
        return "a tab character: indent with spaces, not tabs"
    starts = context.startswith(("while scanning an alias", "while scanning an anchor"))
    if "that cannot start any token" in problem or starts:
        found = _found(problem) or line[column : column + 1]
        return f"text cannot start with '{found}': {QUOTE_HINT.split(', or ', 1)[0]}"
    if context.startswith("expected a single document"):
        return "a line '---' starts a second part; a content file holds one: remove the '---' line"
    if problem.startswith("could not determine a constructor for the tag"):
        tag = problem.rsplit(" ", 1)[-1].strip("'")
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        return f"{excerpt(tag)} is not something content can use: remove it, or put the text in quotes"
    parts = [part for part in (context, problem) if part]
    return "cannot read the YAML here: " + _plain(", ".join(parts))
