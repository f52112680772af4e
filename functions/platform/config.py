"""Settings, declared once as data with help text, read from SAWT_* variables when an app is made.

Nothing here reads the environment at import time: tests and the Lambda entry build settings from
whatever environment they hold. A test checks that every setting is documented in the README.
"""

import dataclasses
import os
from pathlib import Path


@dataclasses.dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS = (
    Setting("SAWT_STORAGE", "local", "Storage backend: `local` (SQLite + files) or `aws` (DynamoDB + S3)."),
    Setting("SAWT_DATA_DIR", "data", "Local backend: directory for the SQLite database and files."),
    Setting("SAWT_SITE_DIR", "build/site", "Local server: directory of the built static site."),
    Setting("SAWT_TABLE_PREFIX", "sawt-dev-", "AWS backend: prefix of every DynamoDB table name."),
    Setting("SAWT_BUCKET", "sawt-dev-files", "AWS backend: S3 bucket for attachments."),
    Setting("SAWT_SITE_BUCKET", "sawt-dev-site", "AWS: S3 bucket the built site is published to (behind the CDN)."),
    Setting("SAWT_AWS_REGION", "eu-west-3", "AWS backend: region of the tables and bucket."),
    Setting(
        "SAWT_AWS_TIMEOUT_SECONDS",
        "3",
        "AWS backend: connect and read timeout of each DynamoDB and S3 call; a call that takes longer is "
        "retried (3 times), well within the Lambda's 15 seconds.",
    ),
    Setting(
        "SAWT_SECRET_KEY",
        "",
        "Server secret (32+ random bytes, hex or base64). Keys the hashes Idempotency-Keys are stored as "
        "(never the keys, nor tracking codes) and the limits' counters, and signs local upload and download "
        "links. Local backend: "
        "generated once into the data directory when empty. AWS backend: required. See docs/operations.md "
        "before rotating it.",
    ),
    Setting("SAWT_DEFAULT_LANGUAGE", "ar", "Language used when a request names none of ours."),
    Setting("SAWT_MAX_BODY_BYTES", "262144", "Largest request body accepted by the public API (413 above)."),
    Setting(
        "SAWT_TRACK_FAILURES",
        "10",
        "Failed tracking attempts allowed per client and reference in a window before 429 (one person's typos).",
    ),
    Setting(
        "SAWT_TRACK_FAILURES_PER_CLIENT",
        "100",
        "Failed tracking attempts allowed per client address in a window, whatever the reference (higher: "
        "many people may share one address).",
    ),
    Setting(
        "SAWT_TRACK_FAILURES_PER_REFERENCE",
        "50",
        "Failed tracking attempts allowed on one reference in a window, from all addresses together.",
    ),
    Setting("SAWT_TRACK_WINDOW_SECONDS", "900", "Length of the tracking rate-limit window, in seconds."),
    Setting("SAWT_IDEMPOTENCY_DAYS", "30", "How long an Idempotency-Key is remembered."),
    Setting("SAWT_DEADLINE_INITIAL_DAYS", "21", "Days for the first study of a file, counted from filing."),
    Setting("SAWT_DEADLINE_INFORMATION_DAYS", "30", "Days a complainant has to answer a request for information."),
    Setting(
        "SAWT_DEADLINE_ADMINISTRATION_DAYS",
        "60",
        "Days an administration has to answer the Ombudsman once a file is forwarded to it (two months); "
        "each forwarding has its own clock.",
    ),
    Setting(
        "SAWT_ADMINISTRATION_REMINDER_DAYS",
        "14,3",
        "Days before an administration's deadline its correspondents are reminded by e-mail (comma-separated); "
        "one more reminder goes when the deadline passes.",
    ),
    Setting(
        "SAWT_RETENTION_YEARS",
        "5",
        "Years a closed file (any final status) is kept in full after closing; then it is anonymised (personal "
        "fields, messages' text and documents removed; category, dates, region, outcome and counters kept). "
        "The Ombudsman's to set (docs/operations.md).",
    ),
    Setting(
        "SAWT_AUDIT_RETENTION_YEARS",
        "10",
        "Years an audit log entry is kept; older ones are removed (one server: housekeeping; AWS: TTL, for entries "
        "written from this version on).",
    ),
    Setting("SAWT_ADMIN_IDLE_MINUTES", "30", "Staff sessions end after this long without a request."),
    Setting("SAWT_ADMIN_SESSION_HOURS", "12", "Staff sessions end after this long in any case."),
    Setting("SAWT_ADMIN_COOKIE_SECURE", "true", "Send the staff session cookie over HTTPS only (keep true)."),
    Setting(
        "SAWT_ONE_TIME_PASSWORD_HOURS",
        "72",
        "How long a one-time staff password (a new account, a reset) works; after it, an admin issues another.",
    ),
    Setting("SAWT_LOGIN_FAILURES", "5", "Failed logins in a row before an account is locked for 15 minutes."),
    Setting("SAWT_BOOTSTRAP_ADMIN_EMAIL", "", "On an empty staff store: the first admin's email."),
    Setting(
        "SAWT_BOOTSTRAP_ADMIN_PASSWORD", "", "On an empty staff store: the first admin's password (12+ characters)."
    ),
    Setting(
        "SAWT_MAIL_FROM",
        "Sawt <no-reply@sawt.invalid>",
        "Sender of the update emails (a verified SES identity on AWS).",
    ),
    Setting(
        "SAWT_SMTP_HOST", "", "Local backend: SMTP server for update emails; empty writes them to DATA_DIR/outbox."
    ),
    Setting("SAWT_SMTP_PORT", "587", "SMTP port."),
    Setting("SAWT_SMTP_USER", "", "SMTP user name (empty: no login)."),
    Setting("SAWT_SMTP_PASSWORD", "", "SMTP password."),
    Setting("SAWT_SMTP_STARTTLS", "true", "Use STARTTLS with the SMTP server."),
    Setting("SAWT_SCANNER", "none", "Malware scan of attachments: `none` or `clamd` (a ClamAV daemon)."),
    Setting("SAWT_CLAMD_ADDRESS", "127.0.0.1:3310", "With SAWT_SCANNER=clamd: host:port or unix socket of clamd."),
    Setting("SAWT_UPLOADS_PER_HOUR", "60", "Upload links one client may ask for per hour."),
    Setting(
        "SAWT_FILINGS_PER_HOUR",
        "60",
        "New grievances one client address may file per hour (generous: a consulate desk files for many "
        "people; resending the same filing never counts).",
    ),
    Setting(
        "SAWT_REISSUES_PER_REFERENCE",
        "3",
        "New tracking codes that may be asked for one reference per hour, from all addresses together "
        "(each one that matches sends an e-mail).",
    ),
    Setting(
        "SAWT_REISSUES_PER_CLIENT",
        "20",
        "New tracking codes one client address may ask for per hour, whatever the reference.",
    ),
    Setting(
        "SAWT_CNDP_REFERENCE",
        "",
        "The number under which the CNDP recorded this processing of personal data (declaration receipt "
        "or authorisation); shown in the privacy notice. `make deploy STAGE=prod` refuses to run without it.",
    ),
    Setting(
        "SAWT_SITE_ORIGIN",
        "http://127.0.0.1:8000",
        "The site's public origin; `make provision` allows it (only it) to post files to the S3 bucket; "
        "the posters' QR codes and web address. Unset, it follows `PORT` (`make run PORT=8080`). "
        "An https origin turns on HSTS (Strict-Transport-Security) in every answer.",
    ),
    Setting(
        "SAWT_UPLOAD_ORIGIN",
        "",
        "AWS: the bucket's origin (https://<bucket>.s3.<region>.amazonaws.com), allowed in the CSP for uploads.",
    ),
    Setting(
        "SAWT_ORIGIN_SECRET",
        "",
        "AWS: the value of the secret `X-Sawt-Origin` header CloudFront adds as an origin custom header "
        "(openssl rand -hex 32); set, requests without it (around the CDN, straight to execute-api) get 403.",
    ),
    Setting(
        "SAWT_TRUSTED_PROXIES",
        "0",
        "One server: number of reverse proxies in front of the app (nginx, Caddy: 1) whose X-Forwarded-For "
        "hop is trusted. Not used on AWS Lambda, where the address is the one API Gateway saw.",
    ),
    Setting(
        "SAWT_DEMO",
        "false",
        "`true` only for `make demo`: every page (the site when built, the admin) says it is a demonstration "
        "with fictional files.",
    ),
    Setting(
        "SAWT_INSTITUTION_NAME",
        "",
        "The institution's name in the header of every page, read when the site is built (and by the functions "
        "for the pages they render: give both the same value). Shown as written, or translated when it is one of "
        'the catalogs\' English texts. Empty: "Grievances to the Ombudsman", in each language.',
    ),
    Setting(
        "SAWT_INSTITUTION_LOGO",
        "",
        "Path of the institution's logo (SVG, PNG or WebP, 100 KB at most), read when the site is built and "
        "shown in the header beside the name. Empty: Sawt's own mark.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclasses.dataclass(frozen=True)
class Config:
    values: dict

    @classmethod
    def from_env(cls, environ=None, **overrides) -> "Config":
        environ = os.environ if environ is None else environ
        values = {s.name: environ.get(s.name, s.default) for s in SETTINGS}
        if "SAWT_SITE_ORIGIN" not in environ and environ.get("PORT", "").isdigit():
            # `make run PORT=8080` (and `make posters` beside it): the site is where the server listens.
            values["SAWT_SITE_ORIGIN"] = f"http://127.0.0.1:{environ['PORT']}"
        for key, value in overrides.items():
            if key not in _BY_NAME:
                raise KeyError(f"unknown setting {key}")
            values[key] = str(value)
        return cls(values)

    def __getitem__(self, name: str) -> str:
        return self.values[name]

    def int(self, name: str) -> int:
        return int(self.values[name])

    def float(self, name: str) -> float:
        return float(self.values[name])

    @property
    def storage(self) -> str:
        return self.values["SAWT_STORAGE"]

    @property
    def data_dir(self) -> Path:
        return Path(self.values["SAWT_DATA_DIR"]).resolve()
