"""`make prod-smoke`: the README's "Running in production" steps, from an empty database, with the
production settings, on this machine's PostgreSQL and Redis — then the first administrator's
first hour over HTTP. Fails on any 5xx answer and on any step that does not work as written.

1. an empty database (PROD_SMOKE_DATABASE, default jump_prod_smoke, on DATABASE_URL's server;
   dropped again at the end) and an empty Redis database (PROD_SMOKE_REDIS_URL, default db 14);
2. `compilemessages`, `collectstatic`, `migrate` (nothing else: the cache table comes with it);
3. `create_admin` (its one-time password is read from its output);
4. gunicorn (gunicorn.conf.py), a Celery worker and Celery beat as three processes;
5. /healthz answers 200 over plain HTTP;
6. the admin logs in with the password, is sent to the TOTP set-up, reads the secret from that
   page and activates it with a code; logs out; logs in again with password and a TOTP code;
7. opens the admin site; adds a partner and a coach (role and partner) in the admin;
8. requests a report and waits until the worker has built it, then downloads it;
9. stops every process (also on failure).

Only the variables README "Running in production" names are set. Plain HTTP needs
SECURE_SSL_REDIRECT=false (documented for a trial without TLS); cookies stay Secure: like a
browser, the client here treats 127.0.0.1 as a secure context and sends them.
"""

import html.parser
import http.cookiejar
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Seconds, everything included (PROD_SMOKE_TIME_LIMIT to change on a slow machine).
TIME_LIMIT = int(os.environ.get("PROD_SMOKE_TIME_LIMIT", 170))
ADMIN_EMAIL = "it@prod-smoke.invalid"
COACH_EMAIL = "coach@prod-smoke.invalid"
STARTED = time.monotonic()


class SmokeFailure(Exception):
    pass


def step(text: str) -> None:
    print(f"[{time.monotonic() - STARTED:5.1f}s] {text}", flush=True)


# --- the HTTP client: a browser without JavaScript -----------------------------------------------


class LoopbackIsSecure(http.cookiejar.DefaultCookiePolicy):
    """Browsers treat http://127.0.0.1 as a secure context and send Secure cookies there."""

    def return_ok_secure(self, cookie, request):
        if urllib.parse.urlsplit(request.get_full_url()).hostname in {"127.0.0.1", "localhost"}:
            return True
        return super().return_ok_secure(cookie, request)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormParser(html.parser.HTMLParser):
    """The forms of a page with the values a browser would submit by default."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.inputs_by_id: dict[str, dict] = {}
        self._select: str | None = None
        self._option: dict | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": [], "options": {}})
            return
        if tag == "input" and "id" in a:
            self.inputs_by_id[a["id"]] = a
        if not self.forms:
            return
        form = self.forms[-1]
        if tag == "input" and a.get("name") and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            if kind in {"submit", "button", "image", "file"}:
                return
            form["fields"].append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            form["options"][self._select] = []
        elif tag == "option" and self._select:
            self._option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}
            form["options"][self._select].append(self._option)
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            form["fields"].append((a["name"], ""))

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        elif self._textarea is not None:
            name, value = self.forms[-1]["fields"][-1]
            self.forms[-1]["fields"][-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "option":
            if self._option is not None and self._option["value"] is None:
                self._option["value"] = self._option["text"].strip()
            self._option = None
        elif tag == "select" and self._select:
            for option in self.forms[-1]["options"][self._select]:
                if option["selected"]:
                    self.forms[-1]["fields"].append((self._select, option["value"]))
            self._select = None
        elif tag == "textarea":
            self._textarea = None


class Page:
    def __init__(self, url: str, status: int, body: bytes, headers):
        self.url, self.status, self.body, self.headers = url, status, body, headers
        self.text = body.decode("utf-8", "replace")
        self.path = urllib.parse.urlsplit(url).path

    def parsed(self) -> FormParser:
        parser = FormParser()
        parser.feed(self.text)
        return parser

    def form(self, containing: str = "", action: str = "") -> dict:
        """The form with a field of that name, or whose action contains `action`."""
        for form in self.parsed().forms:
            names = {name for name, _value in form["fields"]} | set(form["options"])
            if (containing and containing in names) or (action and action in form["action"]):
                return form
        raise SmokeFailure(f"no form with {containing or action!r} on {self.path}")


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar(policy=LoopbackIsSecure())
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.statuses: list[tuple[str, str, int]] = []

    def request(self, method: str, path: str, data=None, follow=True) -> Page:
        url = urllib.parse.urljoin(self.base, path)
        for _hop in range(10):
            body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
            request = urllib.request.Request(url, data=body, method=method)  # noqa: S310
            request.add_header("Accept-Language", "en")
            if body is not None:
                request.add_header("Referer", url)
            try:
                with self.opener.open(request, timeout=30) as response:
                    page = Page(url, response.status, response.read(), response.headers)
            except urllib.error.HTTPError as exc:
                page = Page(url, exc.code, exc.read(), exc.headers)
            self.statuses.append((method, urllib.parse.urlsplit(url).path, page.status))
            if page.status >= 500:
                raise SmokeFailure(
                    f"{method} {page.path} answered {page.status}:\n{page.text[:800]}"
                )
            if follow and page.status in {301, 302, 303, 307, 308}:
                url = urllib.parse.urljoin(url, page.headers["Location"])
                if page.status in {301, 302, 303}:
                    method, data = "GET", None
                continue
            return page
        raise SmokeFailure(f"too many redirects from {path}")

    def get(self, path: str, **kwargs) -> Page:
        return self.request("GET", path, **kwargs)

    def submit(self, page: Page, values: dict, containing="", action="", **kwargs) -> Page:
        """Submit a form of the page as a browser would, with some fields changed (the form is
        found by `containing`, a field name: by default the first of `values`)."""
        form = page.form(containing or (next(iter(values)) if not action else ""), action)
        fields = [(name, value) for name, value in form["fields"] if name not in values]
        for name, value in values.items():
            for item in value if isinstance(value, list) else [value]:
                fields.append((name, item))
        action = urllib.parse.urljoin(page.url, form["action"] or page.url)
        return self.request("POST", action, data=fields, **kwargs)


def expect(page: Page, status: int, path_part: str = "") -> Page:
    if page.status != status or path_part not in page.path:
        raise SmokeFailure(
            f"expected {status} at …{path_part}, got {page.status} at {page.path}:\n"
            f"{page.text[:600]}"
        )
    return page


# --- processes ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )  # bounded by the alarm of main(), which ends the child too
    if result.returncode != 0:
        raise SmokeFailure(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


class Processes:
    def __init__(self, logs: Path):
        self.logs = logs
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, command: list[str], env: dict) -> None:
        log = (self.logs / f"{name}.log").open("wb")
        self.running[name] = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def check_alive(self) -> None:
        for name, process in self.running.items():
            if process.poll() is not None:
                raise SmokeFailure(f"{name} exited with status {process.returncode}")

    def stop(self) -> None:
        for process in self.running.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for name, process in self.running.items():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                step(f"{name} did not stop in time: killed")

    def tail(self, lines=40) -> str:
        parts = []
        for name in self.running:
            text = (self.logs / f"{name}.log").read_text(errors="replace").splitlines()
            parts.append(f"--- {name} (last {lines} lines)\n" + "\n".join(text[-lines:]))
        return "\n".join(parts)


# --- databases ------------------------------------------------------------------------------------


def server_url(database_url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(database_url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(database_url: str, name: str, create: bool) -> None:
    import psycopg

    with psycopg.connect(server_url(database_url, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            connection.execute(f'CREATE DATABASE "{name}"')


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


# --- the smoke test -------------------------------------------------------------------------------


def totp_code(secret: str, not_this: str | None = None) -> str:
    """The current code; a code already used is refused (single use), so wait for the next."""
    import pyotp

    totp = pyotp.TOTP(secret)
    code = totp.now()
    while code == not_this:
        time.sleep(1)
        code = totp.now()
    return code


def log_in(browser: Browser, password: str) -> Page:
    page = expect(browser.get("/en/accounts/login/"), 200, "/accounts/login/")
    return browser.submit(page, {"login": ADMIN_EMAIL, "password": password})


def run(env: dict, port: int, processes: Processes) -> None:
    password = _install(env)
    browser = _start(env, port, processes)
    _log_in_with_totp(browser, password)
    step("the admin site and /healthz")
    expect(browser.get("/en/admin/"), 200, "/admin/")
    expect(browser.get("/healthz"), 200)
    _invite_coach(browser, password)
    _build_report(browser, processes)
    processes.check_alive()
    errors = [entry for entry in browser.statuses if entry[2] >= 500]
    if errors:
        raise SmokeFailure(f"5xx answers: {errors}")
    step(f"{len(browser.statuses)} requests, none answered 5xx")


def _install(env: dict) -> str:
    """Static files, messages, the schema and the first admin; the admin's password."""
    step("compilemessages, collectstatic")
    manage(env, "compilemessages", "--ignore=.venv", "--ignore=node_modules", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    step("migrate (an empty database)")
    manage(env, "migrate", "--no-input", "-v0")
    step("create_admin")
    output = manage(env, "create_admin", "--email", ADMIN_EMAIL, "--language", "en")
    match = re.search(r"Password \(shown only this once\): (\S+)", output)
    if not match:
        raise SmokeFailure(f"create_admin printed no password:\n{output}")
    password = match.group(1)
    return password


def _start(env: dict, port: int, processes: Processes) -> Browser:
    """gunicorn, a worker and beat; a browser once /healthz answers 200."""
    step("start gunicorn, a Celery worker and Celery beat")
    processes.start("web", [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], env)
    celery = [sys.executable, "-m", "celery", "-A", "jump"]
    processes.start("worker", [*celery, "worker", "--loglevel=info", "--concurrency=1"], env)
    processes.start("beat", [*celery, "beat", "--loglevel=info"], env)

    browser = Browser(f"http://127.0.0.1:{port}")
    step("GET /healthz until 200")
    deadline = time.monotonic() + 40
    while True:
        processes.check_alive()
        try:
            health = browser.get("/healthz")
            if health.status == 200:
                break
        except (urllib.error.URLError, ConnectionError, SmokeFailure):
            pass
        if time.monotonic() > deadline:
            raise SmokeFailure("/healthz did not answer 200 within 40 s")
        time.sleep(0.5)
    return browser


def _log_in_with_totp(browser: Browser, password: str) -> None:
    """The first login sets up TOTP; the second needs a (fresh) code."""
    step("log in with the password: sent to the TOTP set-up")
    page = expect(log_in(browser, password), 200, "/2fa/totp/activate/")
    secret_input = page.parsed().inputs_by_id.get("authenticator_secret")
    if not secret_input or not secret_input.get("value"):
        raise SmokeFailure("the TOTP set-up page shows no secret")
    secret = secret_input["value"]
    first_code = totp_code(secret)
    page = browser.submit(page, {"code": first_code})
    if "/2fa/totp/activate/" in page.path:
        raise SmokeFailure(f"TOTP activation refused:\n{page.text[:600]}")
    step(f"TOTP active (landed on {page.path}); log out")
    page = expect(browser.get("/en/"), 200)
    browser.submit(page, {}, action="/accounts/logout/")
    expect(browser.get("/en/admin/", follow=False), 302)

    step("log in again: password, then a TOTP code (waits for the next code: single use)")
    page = expect(log_in(browser, password), 200, "/2fa/authenticate/")
    page = browser.submit(page, {"code": totp_code(secret, not_this=first_code)})
    expect(page, 200)
    if "/accounts/" in page.path:
        raise SmokeFailure(f"not logged in after the TOTP code: {page.path}")


def _invite_coach(browser: Browser, password: str) -> None:
    """A partner, then the coach's account with role and partner, through the admin."""
    step("invite a coach: a partner, then the coach's account with role and partner (admin)")
    page = expect(browser.get("/en/admin/accounts/partner/add/"), 200)
    page = browser.submit(
        page,
        {
            "name": "Smoke Produktionsskole",
            "country": "DK",
            "kind": "production_school",
            "_continue": "1",  # "Save and continue editing": the answer names the partner
        },
        follow=False,
    )
    partner_id = re.search(r"/partner/(\d+)/change/", page.headers.get("Location", ""))
    if page.status != 302 or not partner_id:
        raise SmokeFailure(f"adding a partner failed ({page.status}):\n{page.text[:800]}")
    page = expect(browser.get("/en/admin/accounts/user/add/"), 200)
    coach_password = secrets.token_urlsafe(16)
    page = browser.submit(
        page, {"email": COACH_EMAIL, "password1": coach_password, "password2": coach_password}
    )
    if "/reauthenticate/" in page.path:
        # Changes to users need a login confirmed within 5 minutes (SECURITY 5): the admin
        # enters the password again and the form is sent on.
        step("confirm the password (re-authentication), the form goes on")
        page = browser.submit(page, {"password": password})
    if not re.search(r"/admin/accounts/user/\d+/change/", page.path):
        raise SmokeFailure(f"adding the coach failed ({page.path}):\n{page.text[:800]}")
    groups = page.form("groups")["options"]["groups"]
    coach_group = [option["value"] for option in groups if option["text"].strip() == "coach"]
    if not coach_group:
        raise SmokeFailure("no role 'coach' to choose in the admin")
    page = browser.submit(
        page,
        {
            "groups": coach_group,
            "first_name": "Smoke",
            "last_name": "Coach",
            "preferred_language": "da",
            "partner": partner_id.group(1),
            "_save": "Save",
        },
    )
    expect(page, 200, "/admin/accounts/user/")
    listing = browser.get("/en/admin/accounts/user/?groups__id__exact=" + coach_group[0])
    if COACH_EMAIL not in expect(listing, 200).text:
        raise SmokeFailure("the coach is not listed with the role coach")


def _build_report(browser: Browser, processes: Processes) -> None:
    """A report requested on its page, built by the worker, downloaded."""
    step("request a report; the worker builds it")
    page = expect(browser.get("/en/reports/runs/new/"), 200)
    page = expect(browser.submit(page, {}, containing="period_start"), 200, "/reports/runs/")
    run_path = re.match(r"(/en/reports/runs/[0-9a-f-]+/)", page.path)
    if not run_path:
        raise SmokeFailure(f"no report run page after the request: {page.path}")
    deadline = time.monotonic() + 60
    while True:
        processes.check_alive()
        status = expect(browser.get(run_path.group(1) + "status/"), 200)
        if "The report is ready." in status.text:
            break
        if "alert-danger" in status.text:
            raise SmokeFailure(f"the report failed:\n{status.text}")
        if time.monotonic() > deadline:
            raise SmokeFailure("the worker did not build the report within 60 s")
        time.sleep(1)
    download = expect(browser.get(run_path.group(1) + "download/"), 200)
    if len(download.body) < 100:
        raise SmokeFailure("the report file is empty")
    step(f"report built and downloaded ({len(download.body):,} bytes)")


def main() -> int:
    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jump_ci")
    if not base_url.startswith("postgres"):
        print("prod-smoke needs DATABASE_URL=postgres://… (the server to use)", file=sys.stderr)
        return 2
    name = os.environ.get("PROD_SMOKE_DATABASE", "jump_prod_smoke")
    redis_url = os.environ.get("PROD_SMOKE_REDIS_URL", "redis://127.0.0.1:6379/14")
    port = free_port()
    work = Path(tempfile.mkdtemp(prefix="jump-prod-smoke-"))

    # The environment README "Running in production" describes, and nothing else of ours.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "GUNICORN_", "CELERY_", "JUMP_", "EMAIL_"))
        and key not in {"SECRET_KEY", "ERASURE_LEDGER_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS"}
        and key != "PRIVATE_ROOT"
        and key not in {"DATABASE_URL", "REDIS_URL", "DEFAULT_FROM_EMAIL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="jump.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ERASURE_LEDGER_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        JUMP_SITE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=server_url(base_url, name),
        REDIS_URL=redis_url,
        PRIVATE_ROOT=str(work / "private"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
    )
    processes = Processes(work)

    def out_of_time(_signum, _frame):
        raise SmokeFailure(f"took longer than {TIME_LIMIT} s")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(TIME_LIMIT)
    step(f"database {name}, Redis {redis_url}, http://127.0.0.1:{port}, logs in {work}")
    failed = True
    try:
        recreate_database(base_url, name, create=True)
        flush_redis(redis_url)
        run(env, port, processes)
        failed = False
    except Exception as exc:  # any failure: report it, stop everything, exit 1
        print(f"\nPROD-SMOKE FAILED: {exc.__class__.__name__}: {exc}", file=sys.stderr)
    finally:
        signal.alarm(0)
        processes.stop()
        if failed and processes.running:
            print(processes.tail(), file=sys.stderr)
        recreate_database(base_url, name, create=False)
        flush_redis(redis_url)
    if failed:
        return 1
    step("prod-smoke passed: every process stopped, the database dropped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
