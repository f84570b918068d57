"""The benchmark's own helpers: the synthetic content scaler and the statistics (fast, no build)."""

from __future__ import annotations

import math
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT, TODAY, real_guide
from generator.content.load import load_guide
from generator.content.model import GENERATED_PAGES

if str(ROOT) not in sys.path:  # `python -m pytest` has it already; bare `pytest` may not
    sys.path.insert(0, str(ROOT))

from benchmarks import stats  # noqa: E402
from benchmarks.synthetic import (  # noqa: E402
    NOT_COPIED,
    copied_ids,
    item_count,
    read_content,
    scale_data,
    suffixed,
    write_scaled_content,
)


@pytest.fixture(scope="module")
def original() -> dict:
    return read_content(CONTENT)


def _ids(files: dict) -> list[str]:
    """Every item id of every file (pages' and levels' ids included), in file order."""
    found = []
    for data in files.values():
        for value in data.values():
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                found.append(value["id"])
            if isinstance(value, list):
                found += [item["id"] for item in value if isinstance(item, dict) and "id" in item]
    return found


def test_factor_one_leaves_the_content_as_it_is(original: dict) -> None:
    assert scale_data(original, 1) == original


def test_ten_times_the_content_has_ten_times_the_items(original: dict) -> None:
    scaled = scale_data(original, 10)
    assert item_count(scaled) == 10 * item_count(original)
    for name, data in original.items():
        for key, value in data.items():
            if key in NOT_COPIED or not isinstance(value, list):
                assert scaled[name][key] == value, (name, key)
            elif value and isinstance(value[0], dict):
                assert len(scaled[name][key]) == 10 * len(value), (name, key)


def test_ids_stay_unique(original: dict) -> None:
    scaled = scale_data(original, 10)
    counts = Counter(_ids(scaled))
    assert [ident for ident, count in counts.items() if count > 1] == []
    assert len(copied_ids(scaled)) == 10 * len(copied_ids(original))


def test_copies_point_at_their_own_copies(original: dict) -> None:
    scaled = scale_data(original, 3)
    causes = scaled["causes.yaml"]["causes"]
    first = original["causes.yaml"]["causes"][0]
    third = next(cause for cause in causes if cause["id"] == suffixed(first["id"], 3))
    assert third["remedies"] == [suffixed(remedy, 3) for remedy in first["remedies"]]
    assert third["sources"] == [suffixed(source, 3) for source in first["sources"]]
    assert third["title"] == f"{first['title']} (3)"
    pages = set(original["guide.yaml"]["navigation"])
    for claim in scaled["guide.yaml"]["key_takeaways"] + scaled["guide.yaml"]["quick_tips"]:
        link = claim.get("link")
        linkable = pages | copied_ids(scaled) | set(GENERATED_PAGES)
        assert link is None or link in linkable


@pytest.mark.slow  # validates three times the whole content (about 5 s of CPU, the slowest quick test)
def test_scaled_content_validates(tmp_path: Path) -> None:
    content = write_scaled_content(CONTENT, tmp_path / "content", 3)
    guide = load_guide(content, today=TODAY)
    real = real_guide()
    assert len(guide.exercises.exercises) == 3 * len(real.exercises.exercises)
    assert len(guide.sources.sources) == 3 * len(real.sources.sources)
    assert len(guide.warning_signs.levels) == len(real.warning_signs.levels)
    assert guide.meta.navigation == real.meta.navigation


def test_factor_below_one_is_refused(original: dict) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        scale_data(original, 0)


# --------------------------------------------------------------------------------------- stats


def test_median_and_spread_skip_missing_values() -> None:
    assert stats.median([3.0, None, 1.0, 2.0]) == 2.0
    assert stats.median([4.0, 1.0]) == 2.5
    assert stats.median([None]) is None
    assert stats.spread([2.0, None, 5.0, 3.0]) == (2.0, 5.0)
    assert stats.spread([]) is None


def test_ratio() -> None:
    assert stats.ratio(3.0, 2.0) == 1.5
    assert stats.ratio(None, 2.0) is None
    assert stats.ratio(1.0, None) is None
    assert stats.ratio(1.0, 0.0) is None


@pytest.mark.parametrize("power", [0.5, 1.0, 2.0])
def test_growth_exponent_recovers_the_power(power: float) -> None:
    sizes = [147, 1470, 14700]
    assert math.isclose(stats.growth_exponent(sizes, [size**power for size in sizes]), power)


def test_growth_exponent_needs_two_sizes() -> None:
    assert stats.growth_exponent([10], [1.0]) is None
    assert stats.growth_exponent([10, 10], [1.0, 2.0]) is None
    assert stats.growth_exponent([10, 100], [1.0, 0.0]) is None


def test_formatting() -> None:
    assert stats.seconds(1.234) == "1.23 s"
    assert stats.seconds(12.34) == "12.3 s"
    assert stats.seconds(153.4) == "153 s"
    assert stats.millis(1240.4) == "1,240 ms"
    assert stats.millis(2.44) == "2.4 ms"
    assert stats.size(812) == "812 B"
    assert stats.size(41_230) == "41.2 kB"
    assert stats.size(12_400_000) == "12.40 MB"
    assert stats.times(0.312) == "0.31x"
    assert stats.times(17.24) == "17.2x"
    for format_ in (stats.seconds, stats.millis, stats.size, stats.times):
        assert format_(None) == "n/a"


def test_the_preview_figure_is_judged_against_its_target() -> None:
    from benchmarks import report
    from benchmarks.preview import PreviewResult

    met, missed, unmeasured = (report.preview_rows(PreviewResult(times))[0]
                               for times in ([1.2, 1.4, 1.1], [2.0, 1.6, 3.0], []))
    assert (met.value, met.target, met.verdict, met.spread) == ("1.20 s", "<= 1.5 s", "met", "1.1-1.4 s, 3 runs")
    assert (missed.value, missed.verdict) == ("2.00 s", "NOT met")
    assert unmeasured.verdict == "not measured"


def test_lighthouse_scores_are_medians_of_the_runs_and_judged_per_category() -> None:
    from benchmarks import report
    from benchmarks.lighthouse import LighthouseResults

    def run(performance: float | None, seo: float, failing: tuple[str, ...] = ()) -> dict:
        categories = {"performance": performance, "accessibility": 1.0, "best-practices": 1.0, "seo": seo}
        audits = {name: {"score": 0.5, "scoreDisplayMode": "numeric"} for name in failing}
        audits["viewport"] = {"score": 1, "scoreDisplayMode": "binary"}
        audits["a-note"] = {"score": 0, "scoreDisplayMode": "informative"}
        return {"categories": {name: {"score": score} for name, score in categories.items()}, "audits": audits}

    results = LighthouseResults()
    results.add("/p/", run(0.88, 1.0, ("total-blocking-time", "legacy-javascript")))
    results.add("/p/", run(0.99, 1.0, ("legacy-javascript",)))
    results.add("/p/", run(0.94, 0.92, ("legacy-javascript",)))
    results.add("/q/", run(None, 1.0))
    assert results.scores == {
        "/p/": {"performance": 94, "accessibility": 100, "best-practices": 100, "seo": 100},
        "/q/": {"performance": None, "accessibility": 100, "best-practices": 100, "seo": 100}}
    assert results.failing == {"/p/": ["legacy-javascript"], "/q/": []}  # in half the runs or more
    assert results.spread("/p/", "performance") == [88, 94, 99]

    rows = {row.figure: row for row in report.lighthouse_rows(results)}
    performance = rows["/p/: performance"]
    assert (performance.value, performance.target, performance.verdict, performance.spread) == (
        "94", ">= 95", "NOT met", "88-99, 3 runs; legacy-javascript")
    assert (rows["/p/: seo"].value, rows["/p/: seo"].verdict, rows["/p/: seo"].spread) == ("100", "met", "92-100, 3 runs")
    assert (rows["/q/: performance"].value, rows["/q/: performance"].verdict) == ("n/a", "not measured")
    assert rows["/q/: seo"].spread == ""  # one run: no spread to show


# --------------------------------------------------------------------------- one-word rebuild


def test_the_one_word_rebuild_is_judged_against_the_plain_build_of_the_same_run() -> None:
    from benchmarks import report
    from benchmarks.build import BuildRun, ScaleResult

    def row(word: list[float], plain: list[float]) -> report.Row:
        scale = ScaleResult(1, 147, word=[BuildRun(value) for value in word],
                            plain=[BuildRun(value) for value in plain])
        rows = [row for row in report.build_rows([scale]) if "one-word" in row.figure]
        assert len(rows) == 1
        return rows[0]

    met = row([5.0, 6.0, 4.9], [4.3, 4.4, 4.2])
    assert (met.section, met.figure) == (
        "1. Build", "1x content (147 items): one-word change, `make site` until the pages are in place")
    assert (met.value, met.baseline, met.ratio, met.target, met.verdict, met.spread) == (
        "5.00 s", "plain mkdocs 4.30 s", "1.16x", "<= 2x plain", "met", "4.9-6.0 s, 3 runs")
    missed = row([9.1], [4.3])
    assert (missed.ratio, missed.verdict, missed.spread) == ("2.12x", "NOT met", "1 run")
    assert report.targets_summary([met]) == [
        "- met: Build, 1x content (147 items): one-word change, `make site` until the pages are in "
        "place: 5.00 s = 1.16x plain mkdocs 4.30 s (target <= 2x plain; 4.9-6.0 s, 3 runs)"]
    assert report.targets_summary([missed])[0].startswith("- NOT MET: Build, ")
    unmeasured = ScaleResult(1, 147, plain=[BuildRun(4.3)])
    assert [row for row in report.build_rows([unmeasured]) if "one-word" in row.figure] == []


def test_the_one_word_change_is_one_new_word_that_replaces_the_last_one(tmp_path: Path) -> None:
    import shutil

    from benchmarks.build import WORD_PAGE, change_one_word

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    original = (content / WORD_PAGE).read_text(encoding="utf-8").split("\n")
    words = [change_one_word(content), change_one_word(content)]
    changed = (content / WORD_PAGE).read_text(encoding="utf-8").split("\n")
    differing = [(old, new) for old, new in zip(original, changed, strict=True) if old != new]
    assert len(differing) == 1
    old, new = differing[0]
    assert old.lstrip().startswith("title: ")
    assert new == f"{old} {words[1]}"
    assert words[0] != words[1]
    assert load_guide(content, today=TODAY).causes.page.title.endswith(f" {words[1]}")


def test_the_word_build_knows_when_make_site_says_its_pages_are_in_place() -> None:
    from benchmarks.build import PAGES_IN_PLACE
    from generator.build import BuildReport

    assert PAGES_IN_PLACE in BuildReport("mkdocs", 4.2, False, 4.2).pages_line
    assert PAGES_IN_PLACE not in str(BuildReport("mkdocs", 4.2, True, 4.2))


def test_the_benchmark_server_lets_headers_replace_its_own_as_hosts_do(tmp_path: Path) -> None:
    import urllib.request

    from benchmarks.widget import serve

    (tmp_path / "pyodide.asm.wasm").write_bytes(b"\0asm")
    (tmp_path / "_headers").write_text(
        "/*\n  X-Content-Type-Options: nosniff\n/pyodide.asm.wasm\n  Content-Type: application/wasm\n", encoding="utf-8")
    server = serve(tmp_path)
    try:
        with urllib.request.urlopen(server.url + "/pyodide.asm.wasm") as response:
            assert response.headers.get_all("Content-Type") == ["application/wasm"]
            assert response.headers.get_all("X-Content-Type-Options") == ["nosniff"]
            assert response.read() == b"\0asm"
    finally:
        server.close()
