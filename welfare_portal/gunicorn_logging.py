"""Access logs without secrets or personal data.

The token in /ibasho/booking/<token>/ lets anyone see and cancel that
booking, and staff searches put names and phone numbers in the query string
of /admin/ and /staff/ pages (?q=山田, ?term=090...): the access log shows
both masked. Used by gunicorn.conf.py.
"""

from gunicorn.glogging import Logger

from .log_privacy import mask


class PrivacyLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f"):
            atoms[key] = mask(atoms.get(key, ""))
        if (environ.get("PATH_INFO") or "").startswith(("/admin/", "/staff/")):
            atoms["q"] = "***" if atoms.get("q") else ""
        return atoms
