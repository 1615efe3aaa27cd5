"""Quality measured on held-out data (`newstide eval`): each module scores one capability."""
