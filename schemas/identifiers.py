"""Receipt identifiers a person can read aloud over a bad phone line.

The alphabet drops 0/O and 1/I, which people confuse when reading or hearing them; 32 symbols keep
5 bits per character. References end with a Luhn mod 32 check character, so a mistyped or misheard
character (and most swaps of two neighbours) is caught before anything is looked up.
"""

import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}
REFERENCE_BODY = 8  # 40 random bits; uniqueness is enforced by a conditional write, not by luck
TRACKING_CODE_LENGTH = 16  # 80 bits, above the 64 the design asks for


SEPARATORS = " -\u00a0\t"


def normalise_code(text: str) -> str:
    """What people type: lower case, spaces and dashes. Keep only the symbols. Only ASCII letters
    change case: "ſ".upper() is "S" and "ﬀ".upper() is "FF", which nobody means by a symbol."""
    return "".join(ch.upper() if ch.isascii() else ch for ch in text if ch not in SEPARATORS)


def has_shape(candidate: str, length: int) -> bool:
    """`length` symbols of the alphabet once normalised (the check character is checked apart)."""
    return len(candidate) == length and all(ch in _INDEX for ch in candidate)


def check_character(body: str) -> str:
    """Luhn mod N over ALPHABET (N = 32)."""
    factor, total, n = 2, 0, len(ALPHABET)
    for ch in reversed(body):
        addend = factor * _INDEX[ch]
        factor = 1 if factor == 2 else 2
        total += addend // n + addend % n
    return ALPHABET[(n - total % n) % n]


def is_valid_reference(candidate: str) -> bool:
    if len(candidate) != REFERENCE_BODY + 1 or any(ch not in _INDEX for ch in candidate):
        return False
    return check_character(candidate[:-1]) == candidate[-1]


def new_reference() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(REFERENCE_BODY))
    return body + check_character(body)


def format_reference(reference: str) -> str:
    """K7MQX4RTW -> K7M-QX4-RTW: read in threes, like a phone number."""
    return "-".join(reference[i : i + 3] for i in range(0, len(reference), 3))


def format_tracking_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def encode_bits(data: bytes, length: int) -> str:
    """The first 5 * length bits of data in ALPHABET."""
    number = int.from_bytes(data, "big")
    bits = len(data) * 8
    out = []
    for i in range(length):
        shift = bits - 5 * (i + 1)
        out.append(ALPHABET[(number >> shift) & 31])
    return "".join(out)
