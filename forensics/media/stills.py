"""Still images (JPEG, PNG, WebP, TIFF, HEIC): recognised by their first bytes, measured with
Pillow and read for EXIF with exifread, which reads tags without decoding the picture."""

from __future__ import annotations

import io
import logging
import threading
import warnings
from pathlib import Path
from typing import Any

import exifread
from PIL import Image, ImageFile, UnidentifiedImageError

from forensics.errors import BadInputError
from forensics.media.container import check_container
from forensics.media.probe import MAX_PIXELS
from forensics.records import GpsPoint, MediaInfo, StreamInfo
from forensics.records.media import ContainerCheck

MAGIC = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"BM", "bmp"),
)
# exifread logs "File format not recognized" for EXIF-less formats; absence is not an error.
logging.getLogger("exifread").setLevel(logging.ERROR)
log = logging.getLogger(__name__)

HEIF_BRANDS = (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis", b"avif")
# Pillow reads a cut image only with a module-wide switch: it is turned on for one load at a
# time, under this lock, and only for a file whose own bytes say it is cut.
_TRUNCATED_LOAD = threading.Lock()


def sniff_still(path: Path) -> str | None:
    """The still-image format of ``path`` by its magic bytes, or None for anything else."""
    with path.open("rb") as handle:
        head = handle.read(16)
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "heif"
    return None


def open_image(path: Path) -> Image.Image:
    """Open a still with Pillow (HEIC through pillow-heif when it is installed)."""
    try:
        import pillow_heif  # type: ignore[import-not-found]

        pillow_heif.register_heif_opener()
    except ImportError:
        pass
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        try:
            image = _load(path, truncated=False)
        except OSError:
            if not is_cut(check_container(path)):
                raise
            image = _load(path, truncated=True)  # analysed, and flagged as cut
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise BadInputError(f"{path}: image cannot be decoded ({exc})") from None
    except Image.DecompressionBombError:
        raise BadInputError(f"{path}: implausible image size in the header") from None
    return image


def _load(path: Path, truncated: bool) -> Image.Image:
    with warnings.catch_warnings(record=True) as said:  # Pillow's own complaints: logged, not
        warnings.simplefilter("always")  # printed on their own lines beside ours
        image = _open(path, truncated)
    for warning in said:
        log.info("%s: Pillow: %s", path, warning.message)
    return image


def _open(path: Path, truncated: bool) -> Image.Image:
    image = Image.open(path)
    if not truncated:
        image.load()
        return image
    with _TRUNCATED_LOAD:
        before, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, True
        try:
            image.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before
    return image


def is_cut(structure: ContainerCheck | None) -> bool:
    """Whether the file's own bytes say it ends before its structure does."""
    return structure is not None and any(p.kind == "truncated" for p in structure.problems)


def read_exif(path: Path, image: Image.Image | None = None) -> dict[str, Any]:
    """Every EXIF tag exifread finds, without thumbnails or maker-note blobs.

    exifread does not find the EXIF box inside HEIC; Pillow (with pillow-heif) hands over the
    raw block, which is a TIFF structure that exifread reads like any other.
    """
    with path.open("rb") as handle:
        tags = _exifread(handle)
    block = image.info.get("exif") if image is not None and not tags else None
    if isinstance(block, bytes) and block:
        tags = _exifread(io.BytesIO(block[6:] if block.startswith(b"Exif\x00\x00") else block))
    return tags


def _exifread(handle: Any) -> dict[str, Any]:
    try:
        return exifread.process_file(handle, details=False, extract_thumbnail=False)
    except Exception:  # exifread raises bare errors on malformed IFDs: no tags, then
        return {}


def exif_strings(raw: dict[str, Any]) -> dict[str, str]:
    """EXIF tags as plain strings, keyed by the tag name without its IFD prefix."""
    tags: dict[str, str] = {}
    for key, value in raw.items():
        name = key.split(" ", 1)[-1] if key.startswith(("EXIF ", "Image ")) else key
        tags[name] = str(value.printable if hasattr(value, "printable") else value).strip()
    return tags


def exif_gps(raw: dict[str, Any]) -> GpsPoint | None:
    """Decimal degrees from the EXIF GPS IFD (rationals of degrees, minutes, seconds)."""
    lat = _dms(raw.get("GPS GPSLatitude"), raw.get("GPS GPSLatitudeRef"), "S")
    lon = _dms(raw.get("GPS GPSLongitude"), raw.get("GPS GPSLongitudeRef"), "W")
    if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180:
        return None
    alt = raw.get("GPS GPSAltitude")
    alt_m = _float(alt.values[0]) if alt is not None and getattr(alt, "values", None) else None
    return GpsPoint(lat=lat, lon=lon, alt_m=alt_m, source="exif:GPS")


def _float(ratio: Any) -> float | None:
    try:
        return float(ratio.num) / float(ratio.den) if hasattr(ratio, "num") else float(ratio)
    except (ZeroDivisionError, TypeError, ValueError):
        return None


def _dms(value: Any, ref: Any, negative: str) -> float | None:
    parts = [_float(v) for v in getattr(value, "values", [])[:3]]
    if len(parts) != 3 or any(p is None for p in parts):
        return None
    degrees = parts[0] + parts[1] / 60 + parts[2] / 3600  # type: ignore[operator]
    return -degrees if ref is not None and str(ref).strip().upper() == negative else degrees


def still_media(path: Path, image: Image.Image, kind: str) -> MediaInfo:
    stream = StreamInfo(
        index=0, kind="video", codec=kind, width=image.width, height=image.height,
        pix_fmt=image.mode,
    )  # fmt: skip
    return MediaInfo(
        kind="image", container=kind, container_long=image.format_description,
        duration_s=None, bit_rate=None, width=image.width, height=image.height,
        rotation=_exif_rotation(image), fps=None, variable_fps=None, frame_count=1,
        video_codec=kind, video_profile=None, audio_codec=None, audio_profile=None,
        video_duration_s=None, audio_duration_s=None, streams=(stream,), format_tags={},
        structure=check_container(path),
    )  # fmt: skip


def _exif_rotation(image: Image.Image) -> int:
    # EXIF Orientation 6 and 8 are the common "phone held sideways" cases.
    orientation = image.getexif().get(0x0112, 1)
    return {3: 180, 6: -90, 8: 90}.get(orientation, 0)
