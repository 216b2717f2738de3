"""Headless Chromium for the dashboard's browser tests, through Debian's
python3-selenium and chromium-driver (scripts/install-deps.sh installs both):
a driver whose viewport is exactly the size asked (window sizes are not: a
headless window has a minimum width), full-page screenshots, and PNGs compared
by pixels inside the browser itself (a canvas decodes them; no imaging module
is needed). Nothing here skips: a missing browser is a failed test, since the
README's test command installs it.
"""
import base64
import os

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
CHROMEDRIVER = "/usr/bin/chromedriver"


def start_chromium(width, height, phone=False):
    """A headless Chromium whose viewport is width x height CSS px at scale 1
    (phone=True: a mobile viewport, as a phone's browser lays a page out)."""
    chromium = next((path for path in CHROMIUM_CANDIDATES if os.path.exists(path)), None)
    if chromium is None or not os.path.exists(CHROMEDRIVER):
        raise SystemExit("FAIL: chromium or chromedriver is missing: run scripts/install-deps.sh")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--lang=zh-CN",
                     "--hide-scrollbars", "--force-color-profile=srgb",
                     "--font-render-hinting=none", "--window-size=%d,%d" % (width, height)]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    set_viewport(driver, width, height, phone)
    return driver


def set_viewport(driver, width, height, phone=False):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": phone})


def full_page_png(driver):
    """The whole page (not only the viewport) as PNG bytes, at the viewport's width."""
    size = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}})
    return base64.b64decode(shot["data"])


COMPARE_SCRIPT = """
const [actual, golden, channelTolerance, done] = arguments;
function load(data) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('not a PNG'));
    image.src = 'data:image/png;base64,' + data;
  });
}
function pixels(image) {
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth; canvas.height = image.naturalHeight;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}
Promise.all([load(actual), load(golden)]).then(([a, g]) => {
  if (a.naturalWidth !== g.naturalWidth || a.naturalHeight !== g.naturalHeight) {
    done({size: [a.naturalWidth, a.naturalHeight, g.naturalWidth, g.naturalHeight]});
    return;
  }
  const pa = pixels(a), pg = pixels(g);
  const diff = document.createElement('canvas');
  diff.width = pa.width; diff.height = pa.height;
  const dc = diff.getContext('2d');
  const out = dc.createImageData(pa.width, pa.height);
  let differing = 0;
  for (let i = 0; i < pa.data.length; i += 4) {
    let worst = 0;
    for (let c = 0; c < 3; ++c) worst = Math.max(worst, Math.abs(pa.data[i + c] - pg.data[i + c]));
    const off = worst > channelTolerance;
    if (off) ++differing;
    out.data[i] = off ? 255 : pg.data[i] / 3 + 170;
    out.data[i + 1] = off ? 0 : pg.data[i + 1] / 3 + 170;
    out.data[i + 2] = off ? 0 : pg.data[i + 2] / 3 + 170;
    out.data[i + 3] = 255;
  }
  dc.putImageData(out, 0, 0);
  done({differing: differing, total: pa.width * pa.height,
        diff: diff.toDataURL('image/png').split(',')[1]});
}).catch(error => done({error: String(error)}));
"""


def compare_png(driver, actual, golden, channel_tolerance=64):
    """Compares two PNGs pixel by pixel in the browser: a dict with `differing`
    (pixels whose worst channel differs by more than channel_tolerance),
    `total` and `diff` (a PNG, differing pixels red), or `size` when the sizes
    differ, or `error`."""
    driver.get("about:blank")
    driver.set_script_timeout(60)
    result = driver.execute_async_script(COMPARE_SCRIPT, base64.b64encode(actual).decode(),
                                         base64.b64encode(golden).decode(), channel_tolerance)
    if "diff" in result:
        result["diff"] = base64.b64decode(result["diff"])
    return result
