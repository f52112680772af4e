"""Plumbing both functions share: configuration, the secret, i18n, HTTP errors and headers,
limits, malware scanning, static files and housekeeping."""
