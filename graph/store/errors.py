"""What goes wrong with a store, named by the store or file it concerns."""

from __future__ import annotations


class StoreError(ValueError):
    """A graph file or store that cannot be written or read; the message names it."""


class StoreBusy(StoreError):
    """Another build is writing the store; nothing was done."""


class RemoteStoreError(StoreError):
    """A remote store refused a request: its own message, in one line, and what to do."""
