"""The web dashboard and JSON API (`newstide serve`): FastAPI over snapshots of a store."""

from newstide.web.app import build, create_app
from newstide.web.security import exposure_warning, is_loopback

__all__ = ["build", "create_app", "exposure_warning", "is_loopback"]
