"""Side effects on case files (create, change, delete with validation and audit) live here, not in models."""
