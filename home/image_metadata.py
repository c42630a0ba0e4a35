"""Metadata removed from the images editors upload, without re-encoding them.

Wagtail keeps an uploaded original as it came, and its renditions copy the original's EXIF (GPS included)
into every JPEG they write. So the original itself is cleaned before it is stored: the segments or chunks that
carry EXIF, XMP, IPTC, comments and text are cut out, and the pixels are left exactly as they were. Only the
orientation survives (as a one-tag EXIF), because renditions are turned upright from it. Colour profiles stay.
GIF has no place for EXIF and is left alone.
"""

import io
import zlib

from PIL import Image

from community.uploads import sniffed_format

ORIENTATION = 0x0112
# JPEG application segments worth keeping, by marker and the identifier their data starts with.
JPEG_KEPT = {0xE0: b"JFIF\x00", 0xE2: b"ICC_PROFILE\x00", 0xEE: b"Adobe"}
PNG_DROPPED = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}
WEBP_DROPPED = {b"EXIF", b"XMP "}
WEBP_METADATA_FLAGS = 0x08 | 0x04  # VP8X: "has EXIF", "has XMP"


def without_metadata(data):
    """The image in `data` (bytes) with its metadata removed, its pixels untouched.

    Raises ValueError when the file's structure cannot be followed.
    """
    fmt = sniffed_format(data[:16])
    try:
        if fmt == "JPEG":
            return _jpeg(data, _orientation(data))
        if fmt == "PNG":
            return _png(data, _orientation(data))
        if fmt == "WEBP":
            return _webp(data)
    except (IndexError, OSError) as exc:
        raise ValueError("an image whose structure cannot be followed") from exc
    return data


def _orientation(data):
    with Image.open(io.BytesIO(data)) as image:  # the header only
        orientation = image.getexif().get(ORIENTATION, 1)
    return orientation if orientation in range(2, 9) else None


def _orientation_exif(orientation):
    """A TIFF-structured EXIF block that holds the orientation and nothing else."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes()[len(b"Exif\x00\x00") :]


def _jpeg(data, orientation):
    kept = [b"\xff\xd8"]
    pos = 2
    while pos < len(data):
        if data[pos] != 0xFF:
            raise ValueError("not a JPEG marker")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:  # end of image before any scan
            break
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            pos += 2
            continue
        if marker == 0xDA:  # start of scan: image data (all scans) up to the end of the image; nothing after
            end = data.find(b"\xff\xd9", pos)
            kept.append(data[pos : len(data) if end == -1 else end + 2])
            break
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        segment = data[pos : pos + 2 + length]
        is_metadata = 0xE0 <= marker <= 0xEF or marker == 0xFE  # APP0–APP15, COM
        if not is_metadata or (marker in JPEG_KEPT and segment[4:].startswith(JPEG_KEPT[marker])):
            kept.append(segment)
        pos += 2 + length
    if orientation:
        payload = b"Exif\x00\x00" + _orientation_exif(orientation)
        at = 2 if len(kept) > 1 and kept[1].startswith(b"\xff\xe0") else 1  # after JFIF's APP0
        kept.insert(at, b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload)
    return b"".join(kept)


def _png_chunk(kind, body):
    return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")


def _png(data, orientation):
    kept = [data[:8]]
    pos = 8
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if kind == b"IHDR" and orientation:
            kept.append(data[pos:end])
            kept.append(_png_chunk(b"eXIf", _orientation_exif(orientation)))
        elif kind not in PNG_DROPPED:
            kept.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            break
    return b"".join(kept)


def _webp(data):
    kept = []
    pos = 12
    while pos + 8 <= len(data):
        fourcc = data[pos : pos + 4]
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        chunk = data[pos : pos + 8 + size + (size & 1)]
        if fourcc == b"VP8X":
            flags = chunk[8] & ~WEBP_METADATA_FLAGS
            chunk = chunk[:8] + bytes([flags]) + chunk[9:]
        if fourcc not in WEBP_DROPPED:
            kept.append(chunk)
        pos += len(chunk)
    body = b"WEBP" + b"".join(kept)
    return b"RIFF" + len(body).to_bytes(4, "little") + body
