#!/usr/bin/python3
"""The dashboard's layout in headless Chromium, on a laptop (1366x768) and a
phone (390x844), from the dashboard-preview pages (fixed sample data and a
fixed "now", so every run draws the same page).

Usage: dashboard_layout_test.py DASHBOARD_PREVIEW OUT_DIR [--update-goldens]

Checks, on every preview page at 390 px: every visible text is at least 12 CSS
px (HTML text by its computed font size; each SVG <text> by its font size
times the SVG's scale on screen, and its box's height), no element reaches
outside the viewport and the page does not scroll sideways, and the kiosks'
status comes before the charts; at 1366 and 1024 px the same without the
order. Then
full-page screenshots of the venue manager's page at both sizes against the
committed goldens (tests/dashboard/goldens/, a few pixels may differ by font
anti-aliasing; a failing run writes the screenshot and a diff image into
OUT_DIR), and the print stylesheet (no forms or buttons, no dark
backgrounds, the wide charts). --update-goldens (or
tests/dashboard/remake-goldens.sh) rewrites the goldens instead of comparing.
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from headless_chromium import compare_png, full_page_png, set_viewport, start_chromium  # noqa: E402

GOLDENS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "goldens")
PAGES = ["manager-zh", "manager-en", "zh", "en", "content-zh", "empty-zh"]
SIZES = {"phone": (390, 844, True), "desktop": (1366, 768, False),
         "small laptop": (1024, 768, False)}
GOLDEN_SIZES = ["phone", "desktop"]
GOLDEN_PAGE = "manager-zh"
MAX_DIFFERING_SHARE = 0.004  # of the pixels, each off by more than 64 in a channel

failures = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message)
    if not condition:
        failures.append(message)


# The page's problems as a list of strings (JavaScript, run in the page).
LAYOUT_SCRIPT = """
const problems = [];
const width = window.innerWidth;
function hidden(element) {
  for (let e = element; e && e !== document.documentElement; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (style.display === 'none' || style.visibility === 'hidden') return true;
    const box = e.getBoundingClientRect();
    if ((box.width <= 1 || box.height <= 1) && style.overflow === 'hidden') return true;
  }
  return element.getClientRects().length === 0;
}
function describe(element) {
  return element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
    (element.className && element.className.baseVal === undefined && element.className ?
       '.' + String(element.className).split(' ').join('.') : '') +
    ' "' + (element.textContent || '').trim().slice(0, 30) + '"';
}
for (const element of document.body.querySelectorAll('*')) {
  if (hidden(element)) continue;
  const box = element.getBoundingClientRect();
  if (box.right > width + 0.5 || box.left < -0.5)
    problems.push('outside the viewport (' + Math.round(box.left) + '..' + Math.round(box.right) +
                  ' of ' + width + '): ' + describe(element));
  if (element.closest('svg')) continue;
  const ownText = [...element.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const label = getComputedStyle(element, '::before').content;
  const labelled = label && label !== 'none' && label !== 'normal';
  if (!ownText && !labelled) continue;
  const size = parseFloat(getComputedStyle(element).fontSize);
  if (size < 12) problems.push('text of ' + size + ' px: ' + describe(element));
  if (labelled && parseFloat(getComputedStyle(element, '::before').fontSize) < 12)
    problems.push('label text under 12 px: ' + describe(element));
}
for (const text of document.querySelectorAll('svg text')) {
  if (hidden(text)) continue;
  const svg = text.ownerSVGElement;
  const scale = svg.getScreenCTM().a;
  const size = parseFloat(getComputedStyle(text).fontSize) * scale;
  const box = text.getBoundingClientRect();
  if (size < 12 || box.height < 12)
    problems.push('SVG text of ' + size.toFixed(1) + ' px (box ' + box.height.toFixed(1) +
                  ' px high): ' + describe(text));
}
if (document.documentElement.scrollWidth > width)
  problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px wide');
return problems;
"""

ORDER_SCRIPT = """
const health = document.getElementById('kiosk-health');
const chart = document.getElementById('visitors-per-day');
if (!health || !chart) return null;
return health.getBoundingClientRect().top < chart.getBoundingClientRect().top;
"""

PRINT_SCRIPT = """
const shown = e => e && getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0;
const dark = e => {
  const match = getComputedStyle(e).backgroundColor.match(/[0-9.]+/g);
  if (!match || (match.length === 4 && parseFloat(match[3]) === 0)) return false;
  const [r, g, b] = match.map(Number);
  return 0.299 * r + 0.587 * g + 0.114 * b < 160;
};
return {
  forms: [...document.querySelectorAll('form, button, .button, nav.quick-ranges')].filter(shown).length,
  dark: [...document.querySelectorAll('body, body *')].filter(e => shown(e) && !e.closest('svg') && dark(e))
          .map(e => e.tagName + '.' + e.className),
  wide: [...document.querySelectorAll('svg.chart.wide')].filter(shown).length,
  narrow: [...document.querySelectorAll('svg.chart.narrow')].filter(shown).length,
  cardsAvoidBreaks: getComputedStyle(document.querySelector('.card')).breakInside,
};
"""


def main():
    preview, out = sys.argv[1], sys.argv[2]
    update = "--update-goldens" in sys.argv[3:]
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    pages = os.path.join(out, "pages")
    subprocess.run([preview, pages], check=True, capture_output=True, timeout=60)

    for size_name, (width, height, phone) in SIZES.items():
        driver = start_chromium(width, height, phone)
        try:
            for page in PAGES:
                driver.get("file://" + os.path.join(pages, page + ".html"))
                if page == PAGES[0]:
                    viewport = driver.execute_script("return [innerWidth, innerHeight]")
                    check(viewport == [width, height], "%s: the viewport is %dx%d: %s" % (
                        size_name, width, height, viewport))
                problems = driver.execute_script(LAYOUT_SCRIPT)
                check(not problems, "%s %s: readable, nothing wider than the screen%s" % (
                    size_name, page, "".join("\n    " + p for p in problems[:12])))
                first = driver.execute_script(ORDER_SCRIPT)
                if phone and first is not None:
                    check(first, "%s %s: the kiosks' status comes before the charts" %
                          (size_name, page))
            if size_name not in GOLDEN_SIZES:
                continue
            driver.get("file://" + os.path.join(pages, GOLDEN_PAGE + ".html"))
            shot = full_page_png(driver)
            golden_path = os.path.join(GOLDENS, "%s-%s.png" % (GOLDEN_PAGE, size_name))
            with open(os.path.join(out, "%s-%s.png" % (GOLDEN_PAGE, size_name)), "wb") as file:
                file.write(shot)
            if update:
                os.makedirs(GOLDENS, exist_ok=True)
                with open(golden_path, "wb") as file:
                    file.write(shot)
                print("wrote " + golden_path)
            else:
                compare_to_golden(driver, shot, golden_path, out, size_name)
            if not phone:
                check_print(driver, pages)
        finally:
            driver.quit()
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("PASS")
    return 0


def compare_to_golden(driver, shot, golden_path, out, size_name):
    if not os.path.exists(golden_path):
        check(False, "golden %s exists (make it with --update-goldens)" % golden_path)
        return
    with open(golden_path, "rb") as file:
        golden = file.read()
    result = compare_png(driver, shot, golden)
    if "size" in result:
        check(False, "%s: the screenshot is %dx%d, the golden %dx%d (see %s)" % (
            size_name, *result["size"], out))
        return
    if "error" in result:
        check(False, "%s: comparing with the golden: %s" % (size_name, result["error"]))
        return
    share = result["differing"] / result["total"]
    if share > MAX_DIFFERING_SHARE:
        with open(os.path.join(out, "diff-%s.png" % size_name), "wb") as file:
            file.write(result["diff"])
    check(share <= MAX_DIFFERING_SHARE, "%s: the screenshot matches its golden (%d of %d pixels "
          "differ, at most %.1f%% may)" % (size_name, result["differing"], result["total"],
                                          MAX_DIFFERING_SHARE * 100))


def check_print(driver, pages):
    driver.get("file://" + os.path.join(pages, GOLDEN_PAGE + ".html"))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    set_viewport(driver, 718, 1000)  # A4's width less 12 mm margins, in CSS px
    found = driver.execute_script(PRINT_SCRIPT)
    check(found["forms"] == 0, "print: no forms, buttons or quick ranges (%d shown)" % found["forms"])
    check(not found["dark"], "print: no dark backgrounds: %s" % found["dark"][:5])
    check(found["wide"] >= 2 and found["narrow"] == 0, "print: the wide charts (%d wide, %d narrow)"
          % (found["wide"], found["narrow"]))
    check(found["cardsAvoidBreaks"] == "avoid", "print: a card is not split across pages")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


if __name__ == "__main__":
    sys.exit(main())
