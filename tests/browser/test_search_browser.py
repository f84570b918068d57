"""Material's search with its index built on demand (overrides/assets/javascripts/workers/
search-on-demand.js), in Debian's Chromium.

Material's site only: Zensical, which `.ci/run` also checks with the site gates, has a search
worker of its own that the on-demand worker hands everything to untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MESSAGES = """(() => {
    // What the page and Material's search worker say to each other, by message type.
    const Native = window.Worker;
    window.__search = { sent: [], received: [] };
    window.Worker = class extends Native {
        constructor(url, options) {
            super(url, options);
            if (!String(url).includes("/workers/search")) return;
            this.addEventListener("message", (event) => window.__search.received.push(event.data.type));
        }
        postMessage(message, ...rest) {
            if (message && typeof message.type === "number") window.__search.sent.push(message.type);
            return super.postMessage(message, ...rest);
        }
    };
})()"""
SETUP, READY, QUERY, RESULT = 0, 1, 2, 3  # Material's SearchMessageType


def materials_worker(requests: list[str]) -> list[str]:
    return [url for url in requests if "/workers/search." in url]


def test_the_index_is_built_on_the_first_search_and_each_query_answered_once(
        open_page: Callable[..., Any], base_url: str) -> None:
    record = open_page()
    page = record.page
    page.add_init_script(script=MESSAGES)
    page.goto(base_url + "causes/")
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    page.wait_for_timeout(500)  # Material asks with the empty box at once: nothing may load for it
    assert record.requested("/workers/search-on-demand.js") != []
    assert materials_worker(record.requests) == []
    assert page.evaluate("window.__search") == {"sent": [SETUP, QUERY], "received": [READY, RESULT]}

    page.locator(".md-search__input").click()
    page.keyboard.type("hamstring")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^\d+ matching documents?$"))
    assert page.locator(".md-search-result__item").count() >= 1
    page.locator(".md-search__input").fill("")
    page.keyboard.type("plank")
    expect(page.locator(".md-search-result__item").first).to_contain_text("lank")
    assert len(materials_worker(record.requests)) == 1
    page.wait_for_timeout(300)
    messages = page.evaluate("window.__search")
    assert messages["sent"][:2] == [SETUP, QUERY] and set(messages["sent"][2:]) == {QUERY}
    assert messages["received"] == [READY] + [RESULT] * (len(messages["sent"]) - 1)  # once each
