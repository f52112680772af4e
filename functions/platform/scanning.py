"""The malware scan step of attachment verification, pluggable by configuration.

`SAWT_SCANNER=none` (default) checks type and size only. `clamd` streams each file to a ClamAV
daemon (`SAWT_CLAMD_ADDRESS`, host:port or a unix socket path) with its INSTREAM command. On AWS,
GuardDuty Malware Protection for S3 can scan the bucket instead (docs/attachments.md).
"""

import socket
import struct

from .config import Config


class ScanUnavailableError(RuntimeError):
    """The scanner could not be reached: the upload stays unverified and may be retried."""


class NoScanner:
    def is_clean(self, chunks) -> bool:
        for _ in chunks:  # read through, so the behaviour (and timing) matches a real scan
            pass
        return True


class ClamdScanner:
    def __init__(self, address: str, timeout: float = 30.0):
        self.address, self.timeout = address, timeout

    def _connect(self) -> socket.socket:
        if self.address.startswith("/"):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(self.timeout)
            sock.connect(self.address)
            return sock
        host, _, port = self.address.rpartition(":")
        return socket.create_connection((host, int(port)), timeout=self.timeout)

    def is_clean(self, chunks) -> bool:
        try:
            with self._connect() as sock:
                sock.sendall(b"zINSTREAM\0")
                for chunk in chunks:
                    sock.sendall(struct.pack("!L", len(chunk)) + chunk)
                sock.sendall(struct.pack("!L", 0))
                answer = b""
                while not answer.endswith(b"\0"):
                    data = sock.recv(4096)
                    if not data:
                        break
                    answer += data
        except OSError as error:
            raise ScanUnavailableError(str(error)) from error
        text = answer.rstrip(b"\0").decode("utf-8", "replace")
        if text.endswith("OK"):
            return True
        if text.endswith("FOUND"):
            return False
        raise ScanUnavailableError(text)


def scanner_from_config(config: Config):
    kind = config["SAWT_SCANNER"]
    if kind == "none":
        return NoScanner()
    if kind == "clamd":
        return ClamdScanner(config["SAWT_CLAMD_ADDRESS"])
    raise ValueError(f"SAWT_SCANNER must be none or clamd, not {kind!r}")
