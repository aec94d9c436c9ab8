"""gunicorn settings, overridable by the usual GUNICORN_CMD_ARGS or PORTAL_* variables."""

import os

bind = f"{os.environ.get('PORTAL_HOST', '0.0.0.0')}:{os.environ.get('PORTAL_PORT', '8050')}"
workers = int(os.environ.get("PORTAL_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("PORTAL_THREADS", "8"))
timeout = 30
graceful_timeout = 20
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
limit_request_line = 8190
# gunicorn 27's control socket defaults to one path per user ($HOME/.gunicorn/gunicorn.ctl), so
# several servers on one machine (test runs, containers sharing a home) would take it from each
# other; the portal does not use it. Older gunicorn ignores the unknown setting.
control_socket_disable = True
