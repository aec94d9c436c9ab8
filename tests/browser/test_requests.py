"""Data requests in real Chromium: a request sent through the form reaches `portal requests
list`; double submission, oversized input, a script in every field, a flood of 100 from one
client and a store that is down each get their answer; curated requests and uses show."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from threading import Thread

import pytest
import requests
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

from portal.app import create_app
from portal.cli import main
from portal.config import load_settings
from portal.datarequests.tokens import issue_token
from tests.browser.conftest import axe_violations, needs_axe
from tests.community_examples import answer_code, form_callback_body

pytestmark = pytest.mark.browser
SECRET = "generated-test-secret"
SCRIPT = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'

Serve = Callable[..., str]


@pytest.fixture(scope="module")
def serve(built_with_uses: Path, tile_url: str,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serve]:
    """Start a portal on the build with generated requests and uses: serve(data_dir=…,
    requests_per_hour=…) → its URL."""
    servers = []

    def start(**settings: object) -> str:
        app = create_app(load_settings({}, build_dir=built_with_uses, map_tiles=tile_url,
                                       cache_dir=tmp_path_factory.mktemp("cache"),
                                       requests_secret=SECRET, **settings))
        server = make_server("127.0.0.1", 0, app, threaded=True)
        Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("requests-data")


@pytest.fixture(scope="module")
def site(serve: Serve, data_dir: Path) -> str:
    return serve(data_dir=data_dir, requests_per_hour=1000)


def _stored(data_dir: Path, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    """What `portal requests export --format json` lists for ``data_dir``."""
    monkeypatch.setenv("PORTAL_DATA_DIR", str(data_dir))
    monkeypatch.delenv("PORTAL_REDIS_URL", raising=False)
    capsys.readouterr()
    assert main(["requests", "export", "--format", "json"]) == 0
    stored: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return stored


def _open_form(driver: WebDriver, url: str) -> None:
    driver.get(url)
    WebDriverWait(driver, 15).until(ec.presence_of_element_located((By.ID, "request-submit")))


def _fill(driver: WebDriver, **fields: str) -> None:
    for name, text in fields.items():
        box = driver.find_element(By.ID, f"request-{name}")
        box.clear()
        box.send_keys(text)


def _answer(driver: WebDriver, previous: str | None = None) -> tuple[str, str]:
    """(code, reference) of the form's answer once it shows (and differs from ``previous``)."""
    def shown(d: WebDriver) -> tuple[str, str] | bool:
        found = d.find_elements(By.CSS_SELECTOR, "#request-status [data-code]")
        if not found:
            return False
        answer = (found[0].get_attribute("data-code") or "",
                  found[0].get_attribute("data-reference") or "")
        return answer if f"{answer}" != previous else False

    result = WebDriverWait(driver, 15).until(shown)
    assert isinstance(result, tuple)
    return result


def _value(driver: WebDriver, name: str) -> str:
    return str(driver.find_element(By.ID, f"request-{name}").get_attribute("value"))


def test_a_request_sent_through_the_form_is_in_portal_requests_list(
        browser: WebDriver, site: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    before = len(_stored(data_dir, monkeypatch, capsys))
    _open_form(browser, site + "/requests/new")
    assert browser.find_element(By.TAG_NAME, "h1").text == "データの公開を要望する"
    assert not browser.find_element(By.ID, "request-website").is_displayed()
    _fill(browser, what="市内の AED 設置場所", why="地図アプリで使いたい", contact="a@example.org")
    browser.find_element(By.ID, "request-submit").click()
    code, reference = _answer(browser)
    assert code == "request-accepted"
    assert browser.find_element(By.ID, "request-status").text == \
        f"要望を受け付けました。受付番号は {reference} です。ありがとうございました。"
    assert [_value(browser, n) for n in ("what", "why", "contact")] == ["", "", ""]
    stored = _stored(data_dir, monkeypatch, capsys)
    assert len(stored) == before + 1
    assert {k: stored[-1][k] for k in ("reference", "what", "why", "contact", "lang")} == {
        "reference": int(reference), "what": "市内の AED 設置場所", "why": "地図アプリで使いたい",
        "contact": "a@example.org", "lang": "ja"}
    monkeypatch.setenv("PORTAL_DATA_DIR", str(data_dir))
    assert main(["requests", "list"]) == 0
    assert f"#{reference}  " in capsys.readouterr().out


def test_a_double_submission_is_one_request(
        browser: WebDriver, site: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    before = len(_stored(data_dir, monkeypatch, capsys))
    _open_form(browser, site + "/en/requests/new")
    _fill(browser, what="Bus stop positions, sent twice")
    browser.execute_script("const b = document.getElementById('request-submit');"
                           "b.click(); b.click();")
    code, reference = _answer(browser)
    assert code in ("request-accepted", "request-duplicate")
    time.sleep(1.0)  # both answers are in
    stored = _stored(data_dir, monkeypatch, capsys)
    assert [(s["reference"], s["what"], s["lang"]) for s in stored[before:]] == [
        (int(reference), "Bus stop positions, sent twice", "en")]


def test_oversized_input_is_refused_and_kept_in_the_form(
        browser: WebDriver, site: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    before = len(_stored(data_dir, monkeypatch, capsys))
    _open_form(browser, site + "/requests/new")
    _fill(browser, what="a" * 2001)
    browser.find_element(By.ID, "request-submit").click()
    assert _answer(browser) == ("request-field-too-long", "")
    assert browser.find_element(By.ID, "request-status").text == (
        "「欲しいデータ」が長すぎます(2001 文字、上限 2000 文字)。\n"
        "2000 文字以内に縮めて、もう一度送ってください(入力は残っています)。")
    assert _value(browser, "what") == "a" * 2001
    assert len(_stored(data_dir, monkeypatch, capsys)) == before


def test_a_script_in_every_field_is_kept_as_text_and_never_runs(
        browser: WebDriver, site: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _open_form(browser, site + "/requests/new")
    _fill(browser, what=SCRIPT, why=SCRIPT, contact=SCRIPT)
    browser.find_element(By.ID, "request-submit").click()
    code, reference = _answer(browser)
    assert code == "request-accepted"
    stored = _stored(data_dir, monkeypatch, capsys)[-1]
    assert (stored["reference"], stored["what"], stored["why"], stored["contact"]) == (
        int(reference), SCRIPT, SCRIPT, SCRIPT)
    # The curated list carries markup in a title too (generated example): shown as text.
    browser.get(site + "/en/requests")
    row = WebDriverWait(browser, 15).until(ec.presence_of_element_located(
        (By.ID, "request-generated-request-trees")))
    assert row.find_element(By.TAG_NAME, "th").text == \
        "Street trees <script>window.__pwned=1</script> (generated example)"
    assert browser.execute_script("return window.__pwned === undefined") is True
    assert browser.find_elements(By.CSS_SELECTOR, "main img[src='x']") == []


def _callback(url: str, token: str, what: str) -> str:
    """Send the form's callback as the page does; the answer's code."""
    response = requests.post(f"{url}/_dash-update-component", timeout=30,
                             json=form_callback_body(token, what),
                             headers={"Referer": f"{url}/requests/new"})
    assert response.status_code == 200, response.text
    return answer_code(response.json())


def test_a_flood_of_100_from_one_client_is_limited_and_nothing_accepted_is_lost(
        browser: WebDriver, serve: Serve, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    url = serve(data_dir=tmp_path, requests_per_hour=5)
    # As a script would: a fresh page (token) per submission, eight at a time.
    tokens = [issue_token(SECRET.encode(), time.time()) for _ in range(100)]
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda n: _callback(url, tokens[n], f"flood {n}"), range(100)))
    assert sorted(set(codes)) == ["request-accepted", "request-rate-limited"]
    assert codes.count("request-accepted") == 5
    accepted = sorted(f"flood {n}" for n, code in enumerate(codes) if code == "request-accepted")
    stored = _stored(tmp_path, monkeypatch, capsys)
    assert sorted(str(s["what"]) for s in stored) == accepted
    assert sorted(int(str(s["reference"])) for s in stored) == [1, 2, 3, 4, 5]
    # The same client in the browser is told to wait, and keeps what it typed.
    _open_form(browser, url + "/requests/new")
    _fill(browser, what="一件だけ")
    browser.find_element(By.ID, "request-submit").click()
    assert _answer(browser) == ("request-rate-limited", "")
    assert _value(browser, "what") == "一件だけ"
    assert len(_stored(tmp_path, monkeypatch, capsys)) == 5


def test_a_store_that_is_down_says_so_and_keeps_the_input(
        browser: WebDriver, serve: Serve, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the data directory should be", encoding="utf-8")
    url = serve(data_dir=blocker)
    _open_form(browser, url + "/en/requests/new")
    _fill(browser, what="Street lights", why="A map", contact="me@example.org")
    browser.find_element(By.ID, "request-submit").click()
    assert _answer(browser) == ("request-store-unavailable", "")
    assert browser.find_element(By.ID, "request-status").text == (
        "Requests cannot be stored at the moment; yours has not been saved.\n"
        "Your text is still in the form: send again later, or write to the contact address.")
    assert [_value(browser, n) for n in ("what", "why", "contact")] == [
        "Street lights", "A map", "me@example.org"]


def test_a_curated_request_shows_its_status_date_and_dataset(browser: WebDriver,
                                                              site: str) -> None:
    browser.get(site + "/requests")
    row = WebDriverWait(browser, 15).until(ec.presence_of_element_located(
        (By.ID, "request-generated-request-facilities")))
    cells = [c.text for c in row.find_elements(By.CSS_SELECTOR, "th, td")]
    assert cells == ["施設の位置の一覧(生成した例)", "2025年5月10日", "公開済み",
                     "生成された施設一覧(テスト用)\n2025年7月1日 回答"]
    link = row.find_element(By.TAG_NAME, "a")
    assert link.get_attribute("href") == site + "/datasets/generated-facilities"
    declined = browser.find_element(By.ID, "request-generated-request-buses")
    assert [c.text for c in declined.find_elements(By.CSS_SELECTOR, "td")][1:] == [
        "公開できません", "市の保有するデータではありません(生成した例)\n2026年5月1日 回答"]
    link.click()
    section = WebDriverWait(browser, 15).until(ec.presence_of_element_located(
        (By.ID, "dataset-requests")))
    assert section.find_element(By.TAG_NAME, "li").text == \
        "施設の位置の一覧(生成した例) (2025年5月10日)"
    uses = browser.find_element(By.ID, "dataset-uses")
    assert [a.text for a in uses.find_elements(By.CSS_SELECTOR, "article h3 a")] == [
        "人口の記事(生成した例)", "施設マップ(生成した例)"]


def test_uses_filter_by_kind_and_dataset_and_show_on_home_and_kpi(browser: WebDriver,
                                                                  site: str) -> None:
    def titles() -> list[str]:
        listed = WebDriverWait(browser, 15).until(ec.presence_of_element_located(
            (By.ID, "uses-list")))
        return [a.text for a in listed.find_elements(By.CSS_SELECTOR, "article h2 a")]

    browser.get(site + "/uses")
    assert titles() == ["人口の記事(生成した例)", "施設マップ(生成した例)"]
    image = browser.find_element(By.CSS_SELECTOR, "#use-generated-map-app img")
    assert image.get_attribute("src") == site + "/uses/images/generated-map.png"
    assert browser.execute_script("return arguments[0].complete && "
                                  "arguments[0].naturalWidth", image) == 4
    browser.find_element(By.CSS_SELECTOR, "#uses-kind option[value='map']").click()
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 15).until(ec.url_contains("kind=map"))
    assert titles() == ["施設マップ(生成した例)"]
    browser.get(site + "/en/uses?dataset=generated-population")
    assert titles() == ["An article on population (generated example)"]
    browser.get(site + "/")
    home = WebDriverWait(browser, 15).until(ec.presence_of_element_located((By.ID, "home-uses")))
    assert home.find_element(By.CSS_SELECTOR, "article h3 a").text == "人口の記事(生成した例)"
    browser.get(site + "/en/kpi")
    table = WebDriverWait(browser, 15).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, "#kpi-requests table")))
    assert [[c.text for c in r.find_elements(By.CSS_SELECTOR, "th, td")]
            for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")] == [
        ["FY2025", "1", "1"], ["FY2026", "2", "1"]]


PAGES = ["/requests", "/requests/new", "/uses", "/en/requests", "/en/requests/new", "/en/uses"]


@needs_axe
@pytest.mark.parametrize("path", PAGES)
def test_the_pages_pass_axe_and_fit_a_phone(browser: WebDriver, phone: WebDriver, site: str,
                                            path: str) -> None:
    browser.get(site + path)
    WebDriverWait(browser, 15).until(ec.presence_of_element_located((By.CSS_SELECTOR,
                                                                     "main h1")))
    result = axe_violations(browser)
    assert [v for v in result if v["impact"] in ("serious", "critical")] == []
    phone.get(site + path)
    WebDriverWait(phone, 15).until(ec.presence_of_element_located((By.CSS_SELECTOR, "main h1")))
    assert phone.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth") is True
