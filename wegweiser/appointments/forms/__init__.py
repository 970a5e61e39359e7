"""Forms of the appointments app, one module per area."""
