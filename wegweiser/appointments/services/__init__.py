"""Side effects of the appointments app (publishing slots, booking, cancelling, links, notices)."""
