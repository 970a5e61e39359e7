"""What the network views do with the directory: filtering, saving with optimistic locking, referrals, offers."""
