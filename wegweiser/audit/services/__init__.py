"""Writing to and checking the audit trail. All writes go through ``record``."""

from .chain import GENESIS_HASH, compute_hash, record

__all__ = ["GENESIS_HASH", "compute_hash", "record"]
