"""Access logs without secrets: a booking's token is as good as its key.

The token in /ibasho/booking/<token>/ lets anyone see and cancel that
booking, so gunicorn's access log shows it masked. Used by gunicorn.conf.py.
"""

import re

from gunicorn.glogging import Logger

_SECRET_PATH = re.compile(r"(/ibasho/booking/)[^/\s?]+")


def mask(text):
    return _SECRET_PATH.sub(r"\1***", text) if isinstance(text, str) else text


class PrivacyLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "q", "f"):
            atoms[key] = mask(atoms.get(key, ""))
        return atoms
