"""Writing to and checking the audit trail. All writes go through ``record``."""

from .chain import GENESIS_HASH, compute_hash, record
from .verify import VerifyResult, verify_chain

__all__ = ["GENESIS_HASH", "VerifyResult", "compute_hash", "record", "verify_chain"]
