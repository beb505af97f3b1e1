"""Bytes to text, with a position for bytes that are not UTF-8."""

from __future__ import annotations

import codecs

from .errors import SourceError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(raw: bytes) -> str:
    """Decode a plan file: UTF-8 (BOM optional) or UTF-16/32 with a BOM.

    Undecodable bytes raise SourceError at the character where they start, so
    the user sees the exact line and column instead of a codec traceback.
    """
    encoding = next((enc for bom, enc in _BOMS if raw.startswith(bom)), "utf-8")
    if encoding == "utf-8-sig":
        raw, encoding = raw[len(codecs.BOM_UTF8) :], "utf-8"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode(encoding, errors="replace").lstrip("\ufeff")
        byte = raw[exc.start]
        raise SourceError(
            f"invalid {encoding.upper()} byte 0x{byte:02x}; save the file as UTF-8",
            offset=len(good),
            text=raw.decode(encoding, errors="replace").lstrip("\ufeff"),
        ) from None
