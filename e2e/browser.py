"""A small layer over Selenium for the suite: a Chromium that waits for each page after a
click, and helpers that read a page the way a person does (its visible text)."""
import os
import re
import time

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("E2E_CHROMEDRIVER", "/usr/bin/chromedriver")


def chromium(width=1280, height=1000, language="th"):
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", f"--lang={language}", "--hide-scrollbars"):
        options.add_argument(argument)
    options.binary_location = CHROMIUM
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))


class Browser:
    """One person at one browser: `go`, `click`, `fill`, and the text of the page's main part."""

    def __init__(self, base_url, width=1280, height=1000, screenshots=None):
        self.base = base_url.rstrip("/")
        self.driver = chromium(width, height)
        self.screenshots = screenshots

    def close(self):
        self.driver.quit()

    # Navigation -------------------------------------------------------------------------

    def go(self, path):
        self.driver.get(self.base + path)
        return self

    @property
    def path(self):
        url = self.driver.current_url
        return url[len(self.base):] if url.startswith(self.base) else url

    def find(self, css):
        return self._settled(lambda: self.driver.find_element(By.CSS_SELECTOR, css))

    def all(self, css):
        return self._settled(lambda: self.driver.find_elements(By.CSS_SELECTOR, css))

    def _after_navigation(self, action):
        old = self.driver.find_element(By.TAG_NAME, "html")
        action()
        WebDriverWait(self.driver, 30).until(lambda d: self._gone(old))
        WebDriverWait(self.driver, 30).until(lambda d: d.execute_script(
            "return document.readyState === 'complete' && document.querySelector('main') !== null"))

    @staticmethod
    def _gone(element):
        """The old page's root is gone (Chromium says so as "stale" or as "does not belong
        to the document", depending on timing)."""
        try:
            element.is_enabled()
            return False
        except (StaleElementReferenceException, WebDriverException):
            return True

    def click(self, css=None, element=None):
        """Clicks a link or button that loads a new page and waits for that page."""
        target = element if element is not None else self.find(css)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", target)
        self._after_navigation(target.click)

    def click_text(self, text, css="a, button"):
        """Clicks the first visible link or button whose text contains `text`."""
        for element in self.all(css):
            if text in element.text and element.is_displayed():
                return self.click(element=element)
        raise AssertionError(f"no link or button “{text}” on {self.path}:\n{self.text[:1500]}")

    def fill(self, css, value):
        element = self.find(css)
        element.clear()
        if value:
            element.send_keys(value)
        return element

    def tick(self, css, on=True):
        element = self.find(css)
        if element.is_selected() != on:
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            element.click()

    # Reading ----------------------------------------------------------------------------

    @property
    def text(self):
        """What a reader sees in the main part of the page (hidden parts left out)."""
        return self._settled(lambda: self.find("main").text)

    def _settled(self, read, attempts=20):
        """Reads again when the page was being replaced under the read (a redirect's last
        hop can finish after the first page reported itself complete)."""
        for attempt in range(attempts):
            try:
                return read()
            except (StaleElementReferenceException, NoSuchElementException, WebDriverException):
                if attempt == attempts - 1:
                    raise
                time.sleep(0.25)

    @property
    def title(self):
        return self.driver.title

    def status_ok(self):
        """Pages answer errors with a page titled by the error; a working page has none of them."""
        for word in ("ไม่พบหน้าที่ต้องการ", "ไม่มีสิทธิ์เข้าถึง", "คำขอไม่ถูกต้อง", "ระบบขัดข้อง",
                     "Page not found", "Access denied", "Bad request", "Something went wrong"):
            assert not self.title.startswith(word), f"{self.path} answered “{self.title}”:\n{self.text[:1500]}"

    def screenshot(self, name, full_page=True):
        """Saves docs/images/<name>.png when the run was asked for screenshots."""
        if not self.screenshots:
            return
        os.makedirs(self.screenshots, exist_ok=True)
        path = os.path.join(self.screenshots, name + ".png")
        self.driver.execute_script("window.scrollTo(0, 0)")
        if full_page:
            size = self.driver.get_window_size()
            height = self.driver.execute_script("return Math.min(document.documentElement.scrollHeight, 2200)")
            self.driver.set_window_size(size["width"], max(size["height"], height))
            self.driver.save_screenshot(path)
            self.driver.set_window_size(size["width"], size["height"])
        else:
            self.driver.save_screenshot(path)

    # People -----------------------------------------------------------------------------

    def sign_in(self, username, password):
        self.go("/login")
        self.fill("#username", username)
        self.fill("#password", password)
        self.click("main form button[type=submit]")
        WebDriverWait(self.driver, 30).until(lambda d: not d.current_url.endswith("/login"))
        assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" not in self.text, f"{username} could not sign in"

    def sign_out(self):
        self.click("header form button")


def baht(text):
    """'1,234,500' or '๑,๒๓๔,๕๐๐' → 1234500 (None for '-')."""
    digits = text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")).replace(",", "").strip()
    if not re.fullmatch(r"\d+(\.\d+)?", digits):
        return None
    return float(digits)
