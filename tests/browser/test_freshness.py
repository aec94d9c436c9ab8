"""An overdue dataset says so on its page (the rule itself: tests/test_freshness.py and
tests/api/test_v1.py)."""

from __future__ import annotations

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser


def test_overdue_notice(browser: WebDriver, live_url: str) -> None:
    browser.delete_all_cookies()
    # generated-population is updated monthly and was last modified on 2025-10-01.
    browser.get(live_url + "/datasets/generated-population")
    notice = WebDriverWait(browser, 15).until(
        ec.presence_of_element_located((By.ID, "overdue-notice")))
    assert "2025年11月1日" in notice.text and "まだ更新されていません" in notice.text
