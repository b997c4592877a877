"""gunicorn's settings shared by production (README), the benchmarks and the load test: `--config gunicorn.conf.py`.

Limits on the request head, refused by gunicorn before Django sees the request. gunicorn does
not limit the body; Django does (settings.REQUEST_BODY_MAX_BYTES).
"""

# The longest address the portal builds is the stakeholder comparison with every agency of a
# province ticked (`agencies=<id>` each): gunicorn's maximum leaves room for a few hundred.
limit_request_line = 8190
# A browser sends about 15 headers, htmx a few more, and each proxy in front adds its X-Forwarded-*.
limit_request_fields = 50
# The largest header is the Cookie: the session, CSRF and language cookies, and whatever other
# sites under the same domain set.
limit_request_field_size = 8190
