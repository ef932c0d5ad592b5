"""Stills: JPEG, PNG, WebP and HEIC, with EXIF read by exifread (HEIC via pillow-heif)."""

from fractions import Fraction

import pytest
from PIL import Image

from forensics import analyze
from forensics.media.stills import sniff_still
from tests.media import jpeg_with_exif, textured_frame

GPS = {1: "N", 2: (Fraction(50), Fraction(21), Fraction(36)), 3: "E",
       4: (Fraction(36), Fraction(49), Fraction(48)), 6: Fraction(152)}  # fmt: skip
CAMERA = {0x010F: "Apple", 0x0110: "iPhone 11", 0x0131: "Adobe Photoshop 24.1",
          0x0132: "2023:06:02 07:12:45"}  # fmt: skip


def test_jpeg_exif_and_gps(tmp_path):
    path = jpeg_with_exif(tmp_path / "photo.jpg", CAMERA, GPS)
    record = analyze(path, tmp_path / "out").record
    assert record.media.kind == "image" and (record.media.width, record.media.height) == (400, 300)
    md = record.metadata
    assert (md.make, md.model, md.creation_time) == ("Apple", "iPhone 11", "2023-06-02T07:12:45")
    assert md.gps.lat == pytest.approx(50.36) and md.gps.lon == pytest.approx(36.83)
    assert md.gps.alt_m == pytest.approx(152)
    codes = {f.code for f in record.flags}
    assert {"device_tags", "gps_present", "reencoded"} <= codes  # Photoshop named as software
    assert record.frames_hashed == 1 and len(record.keyframes) == 1
    assert (record.keyframes[0].phash, record.keyframes[0].time.seconds) == (
        record.frames[0].phash,
        0,
    )


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "HEIF"])
def test_other_still_formats(tmp_path, fmt):
    if fmt == "HEIF":
        pillow_heif = pytest.importorskip("pillow_heif")
        pillow_heif.register_heif_opener()
    path = tmp_path / f"still.{fmt.lower()}"
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    Image.fromarray(textured_frame(3, (240, 160))).save(path, format=fmt, exif=exif.tobytes())
    assert sniff_still(path) == {"PNG": "png", "WEBP": "webp", "HEIF": "heif"}[fmt]
    record = analyze(path, tmp_path / "out").record
    assert record.media.kind == "image" and record.media.width == 240
    assert record.metadata.make == "Canon"
    assert "creation_time_missing" in {f.code for f in record.flags}


def test_still_without_any_exif(tmp_path):
    path = tmp_path / "bare.png"
    Image.fromarray(textured_frame(4)).save(path)
    record = analyze(path, tmp_path / "out").record
    assert record.metadata.tags == {} and record.metadata.make is None


def test_bmp_still_is_quietly_accepted(tmp_path, capsys):
    path = tmp_path / "scan.bmp"
    Image.fromarray(textured_frame(5)).save(path)
    record = analyze(path, tmp_path / "out").record
    assert record.media.kind == "image" and record.media.container == "bmp"
    assert capsys.readouterr().err == ""
