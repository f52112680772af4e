"""Sawt's serverless functions: the `public` and `admin` Flask apps, their services and storage."""
