"""marshmallow schemas: the single source of truth for fields, limits and error codes."""
