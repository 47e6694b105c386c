"""gunicorn's settings; it reads this file from the working directory. Run the app with

    gunicorn --no-control-socket "{{ cookiecutter.project_slug }}:create_app()"

``--no-control-socket``: gunicorn 25.1 and later otherwise open a control socket under
``$XDG_RUNTIME_DIR`` or ``~/.gunicorn/``, which a server has no use for.

The server is production, whatever the environment says: ``FLASK_DEBUG`` is for
``flask run``, so the workers get ``FLASK_DEBUG=0``. Before any worker starts, this file
checks the settings that production needs (``config.production_problem``); when one is
missing, gunicorn stops at once with that one line, rather than each worker with a traceback.
"""

import os

from {{ cookiecutter.project_slug }}.config import production_problem

if problem := production_problem(os.environ):
    raise SystemExit(problem)

raw_env = ["FLASK_DEBUG=0"]


def cpu_count() -> int:
    """The CPUs this process may use (a container's share, where the system reports it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# HOST=0.0.0.0 (as in the Dockerfile) listens on every interface; the default is local only.
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
{%- if cookiecutter.realtime == "yes" %}
# Each open WebSocket holds a thread for as long as it is open: threaded workers with many
# threads, as flask-sock advises. Messages reach the clients of other workers through Redis
# only, so without REDIS_URL there is one worker.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "100"))
if os.environ.get("REDIS_URL"):
    workers = int(os.environ.get("WEB_CONCURRENCY", 2 * cpu_count() + 1))
elif int(os.environ.get("WEB_CONCURRENCY", "1")) == 1:
    workers = 1
else:
    raise SystemExit("WEB_CONCURRENCY > 1 needs REDIS_URL for WebSocket messages")
{%- else %}
# gunicorn's advice: 2 workers per CPU, plus one. WEB_CONCURRENCY sets the number instead.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * cpu_count() + 1))
{%- endif %}
# Errors go to standard error, for the container or service manager. The access log is off,
# as gunicorn's own default is: the proxy or load balancer in front logs requests, and a log
# line per request costs about a fifth of a small request's time. ACCESS_LOG=1 turns it on,
# to standard output.
accesslog = "-" if os.environ.get("ACCESS_LOG", "0") not in {"", "0"} else None
errorlog = "-"
