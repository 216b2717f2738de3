#!/usr/bin/python3
"""The kiosk-hub dashboard in a real browser (headless Chromium via selenium,
tests/dashboard/headless_chromium.py).

Usage: dashboard_browser_test.py KIOSK_HUB TEMP_DIR SCREENSHOT_PNG

Starts a kiosk-hub with a venue, a kiosk whose counts are synced through
/api/v1/sync, and a venue manager; then signs in through the form, checks the
Chinese title and the charts (<svg>), changes the date range with the filter
form and with the quick range 上月, fetches the CSV export with the session
cookie (BOM and a synced number) and saves a screenshot, at 1366x768; then
at 390x844 checks that the page does not scroll sideways and the kiosks'
status comes before the charts. Never skips: chromium, chromedriver and
python3-selenium come with scripts/install-deps.sh, so a missing one fails.
"""
import json
import os
import shutil
import subprocess
import sys
import urllib.request

EPOCH = "0123456789abcdef0123456789abcdef"
PASSWORD = "browser test password"

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dashboard"))
from headless_chromium import set_viewport, start_chromium  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def url_after_navigation(driver, wanted):
    """The URL once a form's navigation has committed: click() can return before
    a submitted form's page replaces the current one (seen under ASan, where the
    hub answers slower). Waits at most 30 s, then returns whatever URL is there."""
    try:
        WebDriverWait(driver, 30).until(lambda d: wanted in d.current_url)
    except Exception:  # the check that follows reports the URL
        pass
    return driver.current_url


def range_query():
    return "from=2026-11-01&to=2026-11-30"


def check(condition, message):
    if not condition:
        print("FAIL: " + message)
        raise SystemExit(1)
    print("ok: " + message)


def run_hub(hub, args, stdin=""):
    done = subprocess.run([hub] + args, input=stdin.encode(), capture_output=True, timeout=60)
    if done.returncode != 0:
        print(done.stdout.decode(), done.stderr.decode())
        raise SystemExit("kiosk-hub " + " ".join(args) + " failed")
    return done.stdout.decode()


def start_server(hub, data):
    server = subprocess.Popen([hub, "serve", "--listen", "127.0.0.1:0", "--data", data],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line = server.stdout.readline().decode().strip()
    prefix = "listening on 127.0.0.1:"
    if not line.startswith(prefix):
        server.kill()
        raise SystemExit("kiosk-hub serve said: " + line)
    return server, int(line[len(prefix):])


def sync_batch(port, token):
    buckets = [
        ("2026-11-20", "kiosk", "", "sessions", 42),
        ("2026-11-20", "kiosk", "", "session_ms", 4200000),
        ("2026-11-21", "kiosk", "", "sessions", 7),
        ("2026-11-20", "hour", "10", "sessions", 30),
        ("2026-11-20", "hour", "14", "sessions", 12),
        ("2026-11-20", "exhibit", "pendulum-lab", "visits", 17),
        ("2026-11-20", "exhibit", "pendulum-lab", "dwell_ms", 900000),
        ("2026-11-20", "question", "physics/q1", "answers", 10),
        ("2026-11-20", "question", "physics/q1", "correct", 6),
    ]
    body = {
        "protocol": 1, "epoch": EPOCH, "through_seq": len(buckets),
        "buckets": [{"day": d, "kind": k, "subject": s, "metric": m, "value": v, "seq": i + 1}
                    for i, (d, k, s, m, v) in enumerate(buckets)],
        "heartbeat": {"software_version": "0.4.0", "content": [], "uptime_s": 60,
                      "disk_free_mb": 20480, "errors": 0,
                      "clock_utc_ms": 1795829400000},
        "titles": [
            {"kind": "exhibit", "subject": "pendulum-lab", "zh": "单摆实验室", "en": "Pendulum lab"},
            {"kind": "question", "subject": "physics/q1", "zh": "单摆的周期由什么决定？",
             "en": "What sets a pendulum's period?"},
        ],
    }
    request = urllib.request.Request(
        "http://127.0.0.1:%d/api/v1/sync" % port, data=json.dumps(body).encode(),
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        check(answer.status == 200, "the sync API stored the batch")


def main():
    hub, temp, screenshot = sys.argv[1], sys.argv[2], sys.argv[3]
    shutil.rmtree(temp, ignore_errors=True)
    os.makedirs(temp)
    data = os.path.join(temp, "hub")
    run_hub(hub, ["admin", "add-venue", "--data", data, "--id", "county-1", "--name-zh",
                  "青山县科技馆", "--name-en", "Qingshan County Science Museum",
                  "--kind", "county_museum"])
    added = run_hub(hub, ["admin", "add-kiosk", "--data", data, "--venue", "county-1",
                          "--id", "k-lobby"])
    token = next(line[len("token: "):] for line in added.splitlines()
                 if line.startswith("token: "))
    run_hub(hub, ["admin", "add-user", "--data", data, "--name", "manager", "--role",
                  "venue_manager", "--venue", "county-1"], PASSWORD)

    server, port = start_server(hub, data)
    base = "http://127.0.0.1:%d" % port
    driver = None
    try:
        sync_batch(port, token)
        driver = start_chromium(1366, 768)

        driver.get(base + "/dashboard")
        check("/login" in driver.current_url, "the dashboard sends a stranger to /login")
        driver.find_element(By.NAME, "username").send_keys("manager")
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
        check("/dashboard" in url_after_navigation(driver, "/dashboard"),
              "signing in opens the dashboard")
        check("科普展项管理看板" in driver.title, "the page has the Chinese title")
        check(len(driver.find_elements(By.TAG_NAME, "svg")) >= 2, "the page shows charts (<svg>)")

        for name, value in [("from", "2026-11-01"), ("to", "2026-11-30")]:
            field = driver.find_element(By.CSS_SELECTOR, "form[action='/dashboard'] input[name='%s']"
                                        % name)
            # A date input's typed format depends on the locale: set the value directly.
            driver.execute_script("arguments[0].value = arguments[1];", field, value)
        driver.find_element(By.CSS_SELECTOR, "form[action='/dashboard'] button").click()
        url = url_after_navigation(driver, "from=2026-11-01")
        check("from=2026-11-01" in url and "to=2026-11-30" in url, "the URL has the new range: " + url)
        scope = driver.find_element(By.CSS_SELECTOR, ".scope").text
        check("2026-11-01" in scope and "2026-11-30" in scope, "the page shows the range: " + scope)
        values = [element.text for element in driver.find_elements(By.CSS_SELECTOR, ".stat .value")]
        check("49" in values, "the total visitors are the synced 49: %s" % values)
        check("pendulum-lab" in driver.page_source, "the top exhibits list the synced exhibit")
        check("单摆实验室" in driver.page_source, "the top exhibits show the synced title")

        link = driver.find_element(By.CSS_SELECTOR, "a.export-csv").get_attribute("href")
        check("format=csv" in link and "from=2026-11-01" in link, "the CSV link keeps the range")
        cookie = driver.get_cookie("kiosk_session")
        check(cookie is not None and cookie.get("httpOnly"), "the session cookie is HttpOnly")
        request = urllib.request.Request(link, headers={"Cookie": "kiosk_session=" + cookie["value"]})
        with urllib.request.urlopen(request, timeout=30) as answer:
            csv = answer.read()
            disposition = answer.headers.get("Content-Disposition", "")
        check(csv.startswith(b"\xef\xbb\xbf"), "the CSV starts with the UTF-8 BOM")
        check(b"\r\n2026-11-20,42," in csv, "the CSV has the synced 42 visitors on 2026-11-20")
        check(disposition.startswith("attachment;"), "the CSV is a download: " + disposition)

        driver.find_element(By.LINK_TEXT, "上月").click()
        url = url_after_navigation(driver, "range=last-month")
        check("range=last-month" in url, "the quick range 上月 opens its page: " + url)
        active = driver.find_element(By.CSS_SELECTOR, "a.range.active").text
        check(active == "上月", "上月 is marked as the range shown: " + active)
        shown_from = driver.find_element(By.NAME, "from").get_attribute("value")
        check(shown_from.endswith("-01"), "last month starts on the 1st: " + shown_from)

        set_viewport(driver, 390, 844, phone=True)
        driver.get(base + "/dashboard?" + range_query())
        wide = driver.execute_script("return document.documentElement.scrollWidth")
        check(wide <= 390, "on a phone the page does not scroll sideways (%d px wide)" % wide)
        health = driver.find_element(By.ID, "kiosk-health").rect["y"]
        chart = driver.find_element(By.ID, "visitors-per-day").rect["y"]
        check(health < chart, "on a phone the kiosks' status comes before the charts")
        set_viewport(driver, 1366, 768)
        driver.get(base + "/dashboard?" + range_query())

        driver.execute_script("window.scrollTo(0, 0);")
        os.makedirs(os.path.dirname(os.path.abspath(screenshot)), exist_ok=True)
        check(driver.save_screenshot(screenshot), "screenshot saved to " + screenshot)
        with open(screenshot, "rb") as png:
            check(png.read(8) == b"\x89PNG\r\n\x1a\n", "the screenshot is a PNG")
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=30)
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
