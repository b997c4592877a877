"""What the browser tests share: launching Chromium, signing in, screenshots and axe-core."""

import json
import os
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_SUMMARY = ARTIFACTS / "axe-summary.txt"
AXE_SCRIPT = "/static/vendor/axe-core/axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}
TIMEOUT_MS = 10_000


def unavailable_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium); browser tests skipped"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements.txt); browser tests skipped"
    return None


class BrowserContext:
    """One browser profile (its own cookies), collecting console errors and CSP violations."""

    def __init__(self, chromium, base_url: str, *, viewport: dict, language: str, java_script_enabled=True):
        self.base_url = base_url
        self.context = chromium.new_context(base_url=base_url, viewport=viewport, locale="th-TH",
                                            accept_downloads=True, java_script_enabled=java_script_enabled)  # fmt: skip
        self.context.set_default_timeout(TIMEOUT_MS)
        self.problems: list[str] = []
        if language != settings.LANGUAGE_CODE:
            self.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}])

    def sign_in(self, user) -> None:
        """Sign in without the login form (the login flow has its own test)."""
        from django.test import Client

        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": self.base_url}])

    def new_page(self):
        page = self.context.new_page()
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: script error: {error}"))
        page.on("response", self._response)
        return page

    def _console(self, page, message) -> None:
        # A failed sub-request is reported by _response with its address.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"{page.url}: {message.text}")

    def _response(self, response) -> None:
        # The browser asks for /favicon.ico on its own; the portal has no icon yet.
        if response.status >= 500 or (response.status == 404 and not response.url.endswith("/favicon.ico")):
            self.problems.append(f"{response.url}: HTTP {response.status}")

    def csp_violations(self) -> list[str]:
        return [problem for problem in self.problems if "Content Security Policy" in problem]

    def close(self) -> None:
        self.context.close()


def screenshot(page, name: str, viewport_name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{viewport_name}.png"
    # caret="initial": hiding the caret would inject a <style>, which the CSP rightly refuses.
    page.screenshot(path=str(path), full_page=True, caret="initial")
    return path


AXE_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
    why: (v.nodes[0] && v.nodes[0].failureSummary || "").split("\\n").slice(1, 2).join(" ").trim(),
  }));
}"""


def axe_violations(page, context: BrowserContext | None = None) -> list[dict]:
    """axe-core's violations on the page, loaded from the vendored copy (same origin, so the CSP allows it).

    axe-core sets inline styles while it measures some pages; the CSP refuses them and
    the browser reports that. Those reports come from the check, not from the portal,
    and are dropped when `context` is given.
    """
    already = len(context.problems) if context else 0
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_SCRIPT)
    violations = page.evaluate(AXE_RUN)
    if context:
        context.problems[already:] = [p for p in context.problems[already:] if "Content Security Policy" not in p]
    return violations


def describe_axe(violations: list[dict]) -> str:
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    others = [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]
    text = f"{len(blocking)} serious/critical"
    if blocking:
        text += " (" + ", ".join(f"{v['id']}: {', '.join(v['targets'])}: {v.get('why', '')}" for v in blocking) + ")"
    text += f"; {len(others)} minor/moderate"
    if others:
        text += " (" + ", ".join(f"{v['id']} [{v['impact']}]" for v in others) + ")"
    return text


def write_axe_summary_part(results: dict[str, str]) -> None:
    """This test process's axe-core results; `merge_axe_summary_parts` makes the summary of them."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    part = ARTIFACTS / f"axe-summary.{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.json"
    part.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


def remove_axe_summary_parts() -> None:
    for part in ARTIFACTS.glob("axe-summary.*.json"):
        part.unlink()


def merge_axe_summary_parts() -> None:
    """Writes test-artifacts/axe-summary.txt from every process's part, when any browser test wrote one."""
    parts = sorted(ARTIFACTS.glob("axe-summary.*.json"))
    results: dict[str, str] = {}
    for part in parts:
        results.update(json.loads(part.read_text(encoding="utf-8")))
    remove_axe_summary_parts()
    if not results:
        return
    lines = ["axe-core 4.14.1 in Chromium, per page and viewport (written by the browser tests)", ""]
    width = max(len(name) for name in results)
    lines += [f"{name:<{width}}  {result}" for name, result in sorted(results.items())]
    AXE_SUMMARY.write_text("\n".join(lines) + "\n", encoding="utf-8")
