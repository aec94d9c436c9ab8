"""A resident on a 390 px phone, on the real catalog: which shelter near 今宮町 takes people
needing care — the grid's filter, the map and the URL agree; "near a place" lists the nearest
first; search finds what residents type; nothing scrolls sideways."""

from __future__ import annotations

import csv
import math
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

from portal.app import create_app
from portal.config import load_settings
from portal.publishing.pipeline import build
from tests.browser.conftest import _driver, axe_violations, needs_axe, scroll_to_figures, scroll_to_preview

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests/.artifacts"
SHELTERS = "/datasets/kanuma-evacuation-shelters"
SHELTER_CSV = ROOT / "datasets/kanuma-evacuation-shelters/092053_evacuation_shelter.csv"
TOWNS_CSV = ROOT / "datasets/kanuma-town-points/town-points.csv"
MARKERS = "#dataset-map.map-drawn path.leaflet-interactive"
WIDTH = 390


def _shelters() -> list[dict[str, str]]:
    with SHELTER_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _town(name: str) -> tuple[float, float]:
    with TOWNS_CSV.open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["大字町丁目名"] == name)
    return float(row["緯度"]), float(row["経度"])


def _haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2)
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory, tile_url: str) -> Iterator[str]:
    root = tmp_path_factory.mktemp("real-places")
    shutil.copy(ROOT / "catalog.yaml", root / "catalog.yaml")
    shutil.copytree(ROOT / "datasets", root / "datasets")
    assert build(root / "catalog.yaml", root / "build").exit_code == 0
    app = create_app(load_settings({}, build_dir=root / "build", cache_dir=root / "cache",
                                   map_tiles=tile_url))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def phone390() -> Iterator[WebDriver]:
    driver = _driver(WIDTH, 844, mobile=True)
    yield driver
    driver.quit()


def _wait(driver: WebDriver, css: str, timeout: float = 20):  # noqa: ANN202
    return WebDriverWait(driver, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def _markers(driver: WebDriver, count: int) -> None:
    WebDriverWait(driver, 20).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, MARKERS)) == count,
        f"{count} markers")


def _severe(driver: WebDriver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser")
            if e["level"] == "SEVERE" and "favicon" not in e["message"]]


def _filter_box(driver: WebDriver, column: str):  # noqa: ANN202
    index = driver.find_element(
        By.CSS_SELECTOR, f'#preview-table .ag-header-cell[col-id="{column}"]'
    ).get_attribute("aria-colindex")
    box = driver.find_element(
        By.CSS_SELECTOR, f'#preview-table .ag-floating-filter[aria-colindex="{index}"] input')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'});",
                          box)
    return box


def _row_count(driver: WebDriver) -> str:
    return " ".join(driver.find_element(
        By.CSS_SELECTOR, "#preview-table .ag-paging-panel").text.split())


def _no_sideways_scroll(driver: WebDriver) -> int:
    return int(driver.execute_script("return document.documentElement.scrollWidth"))


def test_filtering_who_is_admitted_leaves_the_same_12_points_on_the_map_and_after_a_reload(
        phone390: WebDriver, real_site: str) -> None:
    needing_care = [r for r in _shelters() if r["受入対象者"] == "要配慮者"]
    assert len(needing_care) == 12 and len(_shelters()) == 58  # the real file's numbers
    phone390.get_log("browser")
    phone390.get(real_site + SHELTERS)
    scroll_to_preview(phone390)
    scroll_to_figures(phone390)
    _markers(phone390, 58)
    scroll_to_preview(phone390)
    _filter_box(phone390, "受入対象者").send_keys("要配慮者")
    WebDriverWait(phone390, 20).until(lambda d: "1 / 2" in _row_count(d))
    # The map, drawn before, now shows the filtered rows, and says so in words.
    _markers(phone390, 12)
    summary = phone390.find_element(By.ID, "dataset-map-summary").text
    assert summary.startswith("12 地点、") and "表の絞り込みに合う地点だけを表示しています。" in summary
    WebDriverWait(phone390, 10).until(
        lambda d: "受入対象者__contains=" in unquote(d.current_url))
    link = phone390.current_url
    assert unquote(link) == f"{real_site}{SHELTERS}?受入対象者__contains=要配慮者"
    assert _no_sideways_scroll(phone390) <= WIDTH
    ARTIFACTS.mkdir(exist_ok=True)
    phone390.save_screenshot(str(ARTIFACTS / "phone-shelters-needing-care.png"))
    # A reload (or the link, shared) gives the same grid and map.
    phone390.refresh()
    scroll_to_preview(phone390)
    WebDriverWait(phone390, 20).until(lambda d: "1 / 2" in _row_count(d))
    assert _filter_box(phone390, "受入対象者").get_attribute("value") == "要配慮者"
    scroll_to_figures(phone390)
    _markers(phone390, 12)
    assert unquote(phone390.current_url) == unquote(link)
    assert _severe(phone390) == []


def test_near_imamiya_lists_the_nearest_shelters_first_with_their_distance(
        phone390: WebDriver, real_site: str) -> None:
    origin = _town("今宮町")
    expected = sorted(_shelters(), key=lambda r: _haversine(
        origin, (float(r["緯度"]), float(r["経度"]))))[:10]
    phone390.get(real_site + SHELTERS)
    box = _wait(phone390, "#near-input")
    phone390.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
    _wait(phone390, "#dataset-map.map-drawn")  # drawn as it came into view: nothing moves
    box.send_keys("今宮町")
    button = phone390.find_element(By.ID, "near-button")
    phone390.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    _wait(phone390, "#near-list li")
    items = phone390.find_elements(By.CSS_SELECTOR, "#near-list li")
    names = [i.find_element(By.TAG_NAME, "strong").text for i in items]
    assert names == [r["名称"] for r in expected]
    assert phone390.find_element(By.CSS_SELECTOR, ".near-result h3").text == (
        "今宮町から近い順(表の絞り込みを含む)")
    metres = [_haversine(origin, (float(r["緯度"]), float(r["経度"]))) for r in expected]
    first = items[0].find_element(By.CLASS_NAME, "near-distance").text
    assert first == f"{int(round(metres[0], -1))} m"
    WebDriverWait(phone390, 10).until(lambda d: d.current_url.endswith(
        "?near=" + quote("今宮町")))
    assert _no_sideways_scroll(phone390) <= WIDTH
    ARTIFACTS.mkdir(exist_ok=True)
    phone390.save_screenshot(str(ARTIFACTS / "phone-shelters-near-imamiya.png"))


def test_near_with_a_filter_from_the_url_lists_only_the_rows_it_keeps(
        phone390: WebDriver, real_site: str) -> None:
    origin = _town("今宮町")
    kept = [r for r in _shelters() if r["受入対象者"] == "要配慮者"]
    expected = sorted(kept, key=lambda r: _haversine(
        origin, (float(r["緯度"]), float(r["経度"]))))[:10]
    phone390.get(real_site + SHELTERS + "?" + quote("受入対象者__contains") + "="
                 + quote("要配慮者") + "&near=" + quote("栃木県鹿沼市今宮町1688"))
    _wait(phone390, "#near-list li")
    names = [i.text for i in phone390.find_elements(By.CSS_SELECTOR, "#near-list li strong")]
    assert names == [r["名称"] for r in expected]


def test_my_location_sorts_by_the_browsers_position(phone390: WebDriver,
                                                   real_site: str) -> None:
    origin = _town("今宮町")
    phone390.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": real_site, "permissions": ["geolocation"]})
    phone390.execute_cdp_cmd("Emulation.setGeolocationOverride", {
        "latitude": origin[0], "longitude": origin[1], "accuracy": 50})
    try:
        phone390.get(real_site + SHELTERS)
        button = _wait(phone390, "#near-here")
        phone390.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
        _wait(phone390, "#dataset-map.map-drawn")
        phone390.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
        button.click()
        _wait(phone390, "#near-list li")
        assert phone390.find_element(By.CSS_SELECTOR, ".near-result h3").text == (
            "現在地から近い順(表の絞り込みを含む)")
        nearest = min(_shelters(), key=lambda r: _haversine(
            origin, (float(r["緯度"]), float(r["経度"]))))
        assert phone390.find_element(By.CSS_SELECTOR, "#near-list li strong").text == (
            nearest["名称"])
    finally:
        phone390.execute_cdp_cmd("Emulation.clearGeolocationOverride", {})


def test_the_preview_leads_with_the_name_and_folds_the_constant_columns(
        phone390: WebDriver, real_site: str) -> None:
    phone390.get(real_site + SHELTERS)
    scroll_to_preview(phone390)
    headers = phone390.find_elements(By.CSS_SELECTOR, "#preview-table .ag-header-row-column "
                                     ".ag-header-cell")
    shown = [h.get_attribute("col-id") for h in headers]
    assert shown == ["名称", "ID", "所在地_連結表記", "緯度", "経度", "受入対象者"]
    first = phone390.find_element(By.CSS_SELECTOR, '#preview-table .ag-header-cell[col-id="名称"]')
    assert first.rect["x"] < 40  # in view, at the left
    folded = phone390.find_element(By.ID, "folded-columns")
    folded.find_element(By.TAG_NAME, "summary").click()
    assert "全国地方公共団体コード: 092053" in folded.text
    assert folded.find_element(By.TAG_NAME, "summary").text == (
        "すべての行で同じ値の列(27 列)は表から省いています")


def test_hiragana_finds_the_shelters_and_the_first_result_is_near_the_top(
        phone390: WebDriver, real_site: str) -> None:
    phone390.get(real_site + "/datasets?q=" + quote("ひなんじょ"))
    first = _wait(phone390, "main article h3 a")
    assert first.text == "鹿沼市 指定避難所一覧"
    assert first.get_attribute("href").endswith(SHELTERS)
    top = phone390.execute_script(
        "return arguments[0].getBoundingClientRect().top + window.scrollY", first)
    assert top < 600, top  # the filters are folded behind one button
    toggle = phone390.find_element(By.CSS_SELECTOR, "#search-filters-phone summary")
    assert toggle.is_displayed() and toggle.text == "絞り込み"
    assert not phone390.find_element(By.ID, "search-filters").is_displayed()
    assert _no_sideways_scroll(phone390) <= WIDTH
    ARTIFACTS.mkdir(exist_ok=True)
    phone390.save_screenshot(str(ARTIFACTS / "phone-search-hinanjo.png"))


def test_an_empty_search_links_to_the_request_form(phone390: WebDriver,
                                                   real_site: str) -> None:
    phone390.get(real_site + "/datasets?q=" + quote("存在しないデータ"))
    link = _wait(phone390, "#no-results-request")
    assert link.get_attribute("href") == real_site + "/requests/new"
    assert "欲しいデータの公開を市に要望してください。" in link.text
    phone390.get(real_site + "/en/datasets?q=nothing-like-this")
    link = _wait(phone390, "#no-results-request")
    assert link.get_attribute("href") == real_site + "/en/requests/new"


def test_the_kpi_table_keeps_its_row_names_while_it_scrolls(phone390: WebDriver,
                                                            real_site: str) -> None:
    phone390.get(real_site + "/kpi")
    row_name = _wait(phone390, ".kpi-row th[scope=row]")
    box = phone390.find_element(By.CSS_SELECTOR, ".table-scroll")
    phone390.execute_script("arguments[0].scrollIntoView(); arguments[0].scrollLeft = 600;", box)
    left = phone390.execute_script(
        "return [arguments[0].getBoundingClientRect().left,"
        " arguments[1].getBoundingClientRect().left, arguments[1].scrollLeft]", row_name, box)
    assert left[2] > 0 and abs(left[0] - left[1]) < 2, left
    assert _no_sideways_scroll(phone390) <= WIDTH


@pytest.mark.parametrize("path", ["/en" + SHELTERS, "/en/datasets", "/en/kpi"])
def test_english_labels_keep_their_words_whole(phone390: WebDriver, real_site: str,
                                               path: str) -> None:
    phone390.get(real_site + path)
    _wait(phone390, "main h1")
    broken = phone390.execute_script("""
        const out = [];
        for (const el of document.querySelectorAll('main th, main h1, main h2, main h3')) {
          for (const word of el.textContent.split(/\\s+/)) {
            if (!/^[A-Za-z]{4,}$/.test(word)) continue;
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
              const at = node.data.indexOf(word);
              if (at < 0) continue;
              const range = document.createRange();
              range.setStart(node, at); range.setEnd(node, at + word.length);
              const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
              if (lines.size > 1) out.push(word);
              break;
            }
          }
        }
        return out;""")
    assert broken == []
    assert _no_sideways_scroll(phone390) <= WIDTH


@pytest.mark.parametrize("path", ["/", "/datasets", SHELTERS, "/kpi", "/about",
                                  "/datasets/dx-kpi-targets", "/en" + SHELTERS])
def test_nothing_scrolls_sideways_at_390_px(phone390: WebDriver, real_site: str,
                                           path: str) -> None:
    phone390.get(real_site + path)
    _wait(phone390, "main h1")
    if path.endswith(SHELTERS):
        scroll_to_preview(phone390)
    assert _no_sideways_scroll(phone390) <= WIDTH


def test_the_about_pages_phone_number_is_a_tel_link(phone390: WebDriver,
                                                    real_site: str) -> None:
    phone390.get(real_site + "/about")
    link = _wait(phone390, "#contact-phone")
    assert (link.text, link.get_attribute("href")) == ("0289-63-2252", "tel:+81289632252")




@needs_axe
@pytest.mark.parametrize("path", [
    SHELTERS + "?" + quote("受入対象者__contains") + "=" + quote("要配慮者") + "&near="
    + quote("今宮町"), "/datasets?q=" + quote("存在しないデータ"), "/datasets?q=" + quote("避難")])
def test_axe_finds_nothing_serious_at_390_px(phone390: WebDriver, real_site: str,
                                             path: str) -> None:
    phone390.get(real_site + path)
    _wait(phone390, "main h1")
    if path.startswith(SHELTERS):
        _wait(phone390, "#near-list li")
        scroll_to_preview(phone390)
        scroll_to_figures(phone390)
        _markers(phone390, 12)
        folded = phone390.find_element(By.ID, "folded-columns")
    else:
        folded = phone390.find_element(By.ID, "search-filters-phone")
    phone390.execute_script("arguments[0].open = true;", folded)  # opened, as a reader would
    result = axe_violations(phone390)
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
