"""A small HTTP client for a server on 127.0.0.1 (cookies, CSRF tokens, no redirects)."""

import http.client
import re
import urllib.parse
from http.cookies import SimpleCookie

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    def __init__(self, port: int, timeout: float = 60):
        self.port, self.timeout = port, timeout
        self.cookies: dict[str, str] = {}
        self.last_body = ""

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode(errors="replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie(header)
                for key, morsel in cookie.items():
                    self.cookies[key] = morsel.value
            location = response.headers.get("Location", "")
        finally:
            conn.close()
        self.last_body = text
        self.location = location
        return response.status, text

    def get(self, path: str) -> int:
        return self.request("GET", path)[0]

    def post_form(self, path: str, data: dict, form_path: str | None = None) -> int:
        """GET the form (for its CSRF token), then POST `data` to `path`."""
        status, page = self.request("GET", form_path or path)
        assert status == 200, (status, page[:500])
        token = CSRF_FIELD.search(page).group(1)
        return self.request("POST", path, {"csrfmiddlewaretoken": token, **data})[0]
