"""Each main page at phone and desktop size: it renders, breaks no Content-Security-Policy
rule, raises no script error, has no serious or critical axe-core violation, and leaves
a screenshot in test-artifacts/screenshots/."""

import pytest

from tests.browser import support
from tests.browser.pages import PAGES


@pytest.mark.parametrize("viewport_name", list(support.VIEWPORTS))
@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in PAGES])
def test_page(browser, demo, axe_summary, case, viewport_name):
    user = demo[case.persona] if case.persona else None
    context = browser(user, viewport=support.VIEWPORTS[viewport_name])
    page = context.new_page()
    response = page.goto(case.path(demo))
    assert response.status == 200, f"{case.name}: HTTP {response.status}"
    if case.shows:
        assert case.shows in page.inner_text("main")
    support.screenshot(page, case.name, viewport_name)
    violations = support.axe_violations(page, context)
    axe_summary[f"{case.name} ({viewport_name})"] = support.describe_axe(violations)
    blocking = [v for v in violations if v["impact"] in support.BLOCKING_IMPACTS]
    assert not blocking, support.describe_axe(violations)
    assert not context.problems, context.problems
