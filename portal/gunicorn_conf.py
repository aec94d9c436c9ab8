"""gunicorn settings, overridable by the usual GUNICORN_CMD_ARGS or PORTAL_* variables."""

import gc
import os

bind = f"{os.environ.get('PORTAL_HOST', '0.0.0.0')}:{os.environ.get('PORTAL_PORT', '8050')}"
workers = int(os.environ.get("PORTAL_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("PORTAL_THREADS", "8"))
timeout = 30
graceful_timeout = 20
keepalive = 5
# A worker is recycled after this many requests, a guard against slow leaks. 5,000 recycled
# a busy worker every 3 s (at 2,000 API answers a second), each recycling costing up to
# 200 ms of answers even preloaded (below): 50,000 is every 25 s at that rate.
max_requests = 50_000
max_requests_jitter = 5_000
# The app is loaded once, in the master, and each worker is forked from it ready: a worker
# recycled by max_requests then starts in milliseconds. Loaded in the worker, each restart
# imported and set up Flask and Dash again (1.3 s on one core, nothing answered meanwhile):
# at 1,400 rows pages a second, one worker lost a quarter of its time to restarts.
preload_app = True
accesslog = "-"
errorlog = "-"
limit_request_line = 8190
# gunicorn 27's control socket defaults to one path per user ($HOME/.gunicorn/gunicorn.ctl), so
# several servers on one machine (test runs, containers sharing a home) would take it from each
# other; the portal does not use it. Older gunicorn ignores the unknown setting.
control_socket_disable = True


def pre_fork(server: object, worker: object) -> None:
    """Freeze the preloaded app's objects before a worker is forked: the garbage collector
    then leaves them out of its full collections (hundreds of thousands of objects from
    Flask, Dash and pandas, walked again and again under load for nothing), and the
    worker's pages stay shared with the master (a collection writes to every object it
    visits)."""
    gc.freeze()
