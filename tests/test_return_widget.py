"""The return planner on the page: the answer fragment (exact), the form, the embed page."""

from __future__ import annotations

import json
import re
from html import unescape

from generator.site.return_widget import EMBED_PAGE, render_embed_page, render_return_planner
from return_fixtures import return_rules
from runners_back_calculators import bridge
from runners_back_calculators.return_plan import parse_inputs, plan
from runners_back_calculators.return_view import duration, view

RULES = return_rules()


def test_durations_read_like_a_watch() -> None:
    assert [duration(s) for s in (15, 45, 60, 90, 135, 600, 1800, 5400)] == [
        "15 s", "45 s", "1 min", "1 min 30 s", "2 min 15 s", "10 min", "30 min", "90 min"]


def test_the_walking_answer_exactly() -> None:
    assert view(RULES, plan(RULES, walk_minutes=20)) == {
        "summary": "Walk 30 minutes without pain first.",
        "html": (
            '<div class="rbw-result rbw-result--walk-first" id="rp-result" data-result '
            'data-readiness="walk-first">\n'
            '<div class="rbw-table-wrap" role="region" aria-label="Walking" tabindex="0">\n'
            '<table class="rbw-table" data-walk-plan>\n'
            '<caption class="rbw-table__caption">Walking</caption>\n'
            '<thead><tr><th scope="col">Week</th><th scope="col">Minutes</th></tr></thead>\n'
            "<tbody>\n"
            '<tr><th scope="row">1</th><td>25</td></tr>\n'
            '<tr><th scope="row">2</th><td>30</td></tr>\n'
            "</tbody>\n</table>\n</div>\n"
            '<h3 class="rbw-notes__title">Notes</h3>\n'
            '<ul class="rbw-notes" data-notes><li>These steps are convention.</li>'
            "<li>Any warning sign: stop.</li></ul>\n"
            "</div>"
        ),
    }


def test_a_warning_sign_gets_no_plan_and_no_traffic_light() -> None:
    answer = view(RULES, plan(RULES, warning_signs="unsure"))
    assert answer["summary"] == "Use the symptom checker first (pain above 2)."
    html = answer["html"]
    assert 'data-readiness="see-checker"' in html
    assert "<table" not in html


def test_the_plan_answer_rows_and_traffic_light_exactly() -> None:
    html = view(RULES, plan(RULES, target_minutes=10, runs_per_week=2, start_date="2026-12-07"))["html"]
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", html)
    assert rows[0] == ('<tr><th scope="row">1</th><td>2026-12-07, 2026-12-10</td><td>1 min</td>'
                       "<td>1 min 30 s</td><td>8</td><td>20 min</td></tr>")
    assert rows[5] == ('<tr><th scope="row">6</th><td>2027-01-11, 2027-01-14</td><td>7 min</td>'
                       "<td>Non-stop</td><td>1</td><td>7 min</td></tr>")
    assert rows[-1] == ('<tr><th scope="row">9</th><td>2027-02-01, 2027-02-04</td><td>10 min</td>'
                        "<td>Non-stop</td><td>1</td><td>10 min</td></tr>")
    assert len(rows) == 9
    assert ('<tr class="rbw-light rbw-light--amber" data-light="amber"><th scope="row">Amber</th>'
            "<td>Pain above 2, up to 4.</td><td>Repeat.</td></tr>") in html
    # Content text is escaped, in attributes and in text.
    assert ('aria-label="Traffic &lt;light&gt; &amp; &quot;pain&quot;"' in html
            and "<caption class=\"rbw-table__caption\">Traffic &lt;light&gt; &amp; &quot;pain&quot;"
            "</caption>" in html)
    undated = view(RULES, plan(RULES, target_minutes=10))["html"]
    assert "<td>Day 1, Day 3, Day 5</td>" in undated


def test_the_widget_shows_the_answer_for_its_defaults_from_the_same_view(wording: dict) -> None:
    html = str(render_return_planner({"return_planner": RULES, "wording": wording}))
    assert html.startswith('<div class="rbw rbw-return" id="rp-widget" data-widget="return-planner" ')
    answer = view(RULES, plan(RULES, **parse_inputs(RULES, {})))
    assert answer["html"] in html
    assert ('<section class="rbw-result-region" id="rp-result-region" data-result-region '
            'aria-labelledby="rp-result-title">\n<h2 class="rbw-result__title" id="rp-result-title">'
            'Your plan</h2>\n<p class="rbw-summary" id="rp-summary" data-summary role="status" '
            'aria-atomic="true">Ready: 30 minutes in 15 weeks.</p>\n' + answer["html"]
            + "\n</section>") in html
    assert "\n\n" not in html and "    " not in html  # safe inside Markdown
    assert "style=" not in html and "<script" not in html
    assert not re.search(r"\son[a-z]+=", html)  # no event handler attributes (strict CSP)


def test_the_widget_asks_the_bridge_with_the_config_it_ships(wording: dict) -> None:
    """The page's answer is the bridge's for the config the browser gets, byte for byte."""
    html = str(render_return_planner({"return_planner": RULES, "wording": wording}))
    config = json.loads(unescape(re.search(r'data-config="([^"]*)"', html).group(1)))
    assert config["kind"] == "return-planner"
    assert sorted(config) == ["kind", "rules"]
    assert sorted(config["rules"]) == ["names", "return_planner", "text"]
    assert config["rules"]["names"]["pain_now"] == RULES["form"]["pain_now"]["name"]
    assert config["rules"]["text"]["status_stale"]["return-planner"] == (
        "Correct the problem above to see a new plan.")
    live = json.loads(bridge.run("return-planner", json.dumps(config["rules"]),
                                 json.dumps({"pain_now": "1", "hop": "yes"})))
    assert live["ok"] and live["html"] == view(RULES, plan(RULES, pain_now=1))["html"]
    shown = bridge.answer("return-planner", config["rules"], {})
    assert shown["html"] in html and f'aria-atomic="true">{shown["summary"]}</p>' in html


def test_the_export_uses_the_forms_start_date_and_shows_only_with_javascript(wording: dict) -> None:
    html = str(render_return_planner({"return_planner": RULES, "wording": wording}))
    section = html[html.index('<section class="rbw-export"'):]
    section = section[:section.index("</section>") + len("</section>")]
    assert section.count("<input") == 0 and "data-export-start" not in section
    assert section.count('<button class="rbw-button rbw-button--secondary" type="button" '
                         'data-export=') == 2
    assert ('<p class="rbw-hint" data-export-nojs>Saving the plan as a file needs JavaScript.</p>\n'
            '<div class="rbw-export__controls" data-export-controls hidden>') in section
    assert html.count('name="start_date"') == 1


def test_the_form_labels_every_input_and_its_hints_state_the_planners_limits(wording: dict) -> None:
    html = str(render_return_planner({"return_planner": RULES, "wording": wording}))
    for name in ("pain_now", "walk_minutes", "runs_per_week", "target_minutes", "start_date"):
        ident = "rp-" + name.replace("_", "-")
        assert f'<label class="rbw-label" for="{ident}">' in html
        assert f'id="{ident}" name="{name}"' in html
        assert f'data-error-for="{name}"' in html
    assert '<p class="rbw-hint" id="rp-pain-now-hint">From 0 to 10.</p>' in html
    assert '<p class="rbw-hint" id="rp-runs-per-week-hint">From 2 to 3.</p>' in html
    assert '<p class="rbw-hint" id="rp-target-minutes-hint">From 10 to 90.</p>' in html
    assert ('<input class="rbw-radio__input" id="rp-warning-signs-no" name="warning_signs" '
            'type="radio" value="no" checked>') in html
    assert ('<input class="rbw-radio__input" id="rp-hop-not-tried" name="hop" type="radio" '
            'value="not-tried">') in html
    assert 'type="date" min="2000-01-01" max="2100-12-31"' in html
    assert html.count('type="radio"') == 6
    assert 'href="../embed/return-planner/"' in html


def test_the_embed_page(wording: dict) -> None:
    assert EMBED_PAGE == "embed/return-planner.md"
    page = render_embed_page({"return_planner": RULES, "wording": wording})
    assert page.startswith('---\ntemplate: embed.html\ntitle: "Back to running"\n'
                           "embed_kind: return-planner\nsearch:\n  exclude: true\n---\n\n")
    assert 'data-widget="return-planner"' in page and "data-embed" not in page


def test_the_built_pages_carry_the_views_answer_byte_for_byte(built_site) -> None:  # noqa: ANN001
    from conftest import CONTENT, TODAY
    from generator.content.load import load_guide
    from generator.content.rules import calculator_rules

    rules = calculator_rules(load_guide(CONTENT, today=TODAY))["return_planner"]
    fragment = view(rules, plan(rules))["html"]
    for page in ("return-planner/index.html", "embed/return-planner/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert fragment in html, page
        assert html.count('data-widget="return-planner"') == 1, page
