"""Starts the real server for the browser suite: a fresh SQLite file in a temporary folder, an
organization and two people made with the `sujarit` command (an officer who writes the plan
and an administrator who approves it), `sujarit serve` on a free port."""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest

from browser import Browser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "e2e-password-2566"
ORG_SLUG = "ban-pong"
ORG_NAME = "องค์การบริหารส่วนตำบลบ้านโป่ง"
# A second organization, for the full 17-item plan (test_full_plan.py) with its own people.
FULL_SLUG = "nong-bua"
FULL_NAME = "เทศบาลตำบลหนองบัว"
def find_seeds():
    """`E2E_SEEDS`, or the nearest `shared/seeds` beside the repository or above it."""
    if os.environ.get("E2E_SEEDS"):
        return os.environ["E2E_SEEDS"]
    folder = os.path.dirname(ROOT)
    while True:
        candidate = os.path.join(folder, "shared", "seeds")
        if os.path.isdir(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return os.path.join(os.path.dirname(ROOT), "shared", "seeds")
        folder = parent


SEEDS = find_seeds()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary):
        self.binary = binary
        self.folder = tempfile.mkdtemp(prefix="sujarit-e2e.")
        self.env = dict(os.environ)
        self.env.pop("DATABASE_URL", None)
        self.env.update({
            "SUJARIT_SQLITE_PATH": os.path.join(self.folder, "e2e.sqlite"),
            "SUJARIT_VAULT_KEY_FILE": os.path.join(self.folder, "vault.key"),
            "SUJARIT_BCRYPT_COST": "4",
            "SUJARIT_PDF": "off",
            "LOG_LEVEL": "warning",
        })
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def command(self, *args, stdin=None):
        result = subprocess.run([self.binary, *args], env=self.env, cwd=self.folder, input=stdin,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"sujarit {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def start(self):
        self.command("migrate")
        self.command("org", "create", "--slug", ORG_SLUG, "--name", ORG_NAME, "--province", "ราชบุรี", "--district", "โพธาราม")
        self.command("user", "create", "--username", "officer", "--name", "สมศรี ใจดี", "--org", ORG_SLUG,
                     "--role", "editor", "--password-stdin", stdin=PASSWORD + "\n")
        self.command("user", "create", "--username", "chief", "--name", "ปลัดสมชาย รักษ์ดี", "--org", ORG_SLUG,
                     "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
        self.command("org", "create", "--slug", FULL_SLUG, "--name", FULL_NAME, "--province", "ขอนแก่น", "--district", "เมืองขอนแก่น")
        self.command("user", "create", "--username", "planner", "--name", "วิไล วางแผน", "--org", FULL_SLUG,
                     "--role", "editor", "--password-stdin", stdin=PASSWORD + "\n")
        self.command("user", "create", "--username", "mayor", "--name", "นายกเทศมนตรีสมหมาย", "--org", FULL_SLUG,
                     "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
        self.serve()

    def serve(self):
        """Starts `sujarit serve` on the prepared database and waits for /healthz."""
        self.log = open(os.path.join(self.folder, "server.log"), "w")
        self.process = subprocess.Popen([self.binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
                                        env=self.env, cwd=self.folder, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: see {self.folder}/server.log")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("the server did not answer /healthz within 120 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if os.environ.get("E2E_KEEP") is None:
            shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    binary = os.path.abspath(os.environ.get("SUJARIT_BIN", os.path.join(ROOT, ".build", "debug", "sujarit")))
    if not os.access(binary, os.X_OK):
        pytest.fail(f"no sujarit binary at {binary}: run e2e/run (it builds it) or set SUJARIT_BIN")
    running = Server(binary)
    try:
        running.start()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def screenshots():
    return os.environ.get("E2E_SCREENSHOTS") or None


@pytest.fixture
def browsers(server, screenshots):
    """Opens browsers on demand (`browsers()` or `browsers(width=390)`) and closes them all."""
    opened = []

    def open_browser(width=1280, height=1000):
        browser = Browser(server.url, width=width, height=height, screenshots=screenshots)
        opened.append(browser)
        return browser

    yield open_browser
    for browser in opened:
        browser.close()
