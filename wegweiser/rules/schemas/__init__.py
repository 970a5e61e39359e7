"""Published JSON Schemas (draft 2020-12) of the rules engine's public formats."""
