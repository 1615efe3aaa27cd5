"""Summaries: the extractive TL;DR stage (`TldrWriter`) and the pieces it is built from."""

from newstide.summarize.tldr import TldrWriter

__all__ = ["TldrWriter"]
