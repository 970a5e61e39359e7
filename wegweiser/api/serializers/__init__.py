"""API serializers; one module per resource. JSON field names are English snake_case (the model field names)."""
