"""The `public` function: file, track, upload, statistics, and the OpenAPI document."""
