"""Rich text cleaned on save, so that what a browser later renders is safe.

Meeting summaries and similar texts are edited as HTML. Anything outside a small
allow-list (scripts, styles, event attributes, images, forms, `javascript:` links)
is removed before the text reaches the database; templates may then show the
stored text with `|safe`. Call `clean_rich_text` in the service that saves it.
"""

import nh3

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "strong", "em", "u", "ul", "ol", "li", "h2", "h3", "h4", "blockquote",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "a",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": set(),  # none on every tag (nh3 would otherwise keep lang and title)
    "a": {"href"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Dropped together with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset({"script", "style"})

_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel="noopener",
    strip_comments=True,
)


def clean_rich_text(html: str | None) -> str:
    """Return `html` with only the allowed tags, attributes and link schemes left."""
    if not html:
        return ""
    return _cleaner.clean(html).strip()
