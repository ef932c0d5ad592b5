"""The legion's photo of 'their' tank with a flag: rendered street and tank, phone-camera look,
and EXIF with GPS as a mid-range Android phone writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from .common import SEED, fractal_noise, smoothstep
from .sprites import tank_side
from .street import street_panorama


def dms(value: float) -> tuple[float, float, float]:
    """Decimal degrees as EXIF degrees, minutes, seconds."""
    deg = int(value)
    minutes = int((value - deg) * 60)
    return float(deg), float(minutes), round((value - deg - minutes / 60) * 3600, 2)


@dataclass(frozen=True)
class StillExif:
    make: str = "samsung"
    model: str = "SM-A525F"
    software: str = "A525FXXS6DWC1"
    taken: str = "2023:06:02 07:12:45"
    offset: str = "+03:00"
    lat: float = 50.3586  # Novaya Tavolzhanka, by Shebekino
    lon: float = 36.8331
    alt: float = 168.0


STILL_EXIF = StillExif()


def still_exif() -> Image.Exif:
    """Camera EXIF as a mid-range Android phone writes it, with the GPS IFD."""
    e = STILL_EXIF
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0131] = e.make, e.model, e.software
    exif[0x0132], exif[0x0112] = e.taken, 1
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = sub[0x9004] = e.taken
    sub[0x9011] = e.offset
    sub[0xA002], sub[0xA003] = 1024, 768
    gps = exif.get_ifd(0x8825)
    gps[0x00] = b"\x02\x02\x00\x00"
    gps[0x01], gps[0x02] = "N", dms(e.lat)
    gps[0x03], gps[0x04] = "E", dms(e.lon)
    gps[0x05], gps[0x06] = b"\x00", e.alt
    gps[0x07], gps[0x1D] = (4.0, 12.0, 45.0), "2023:06:02"  # UTC time of the fix
    return exif


def build_still(out: Path, seed: int = SEED + 3) -> None:
    """The legion's morning photo of 'their' tank with a flag in a village street."""
    rng = np.random.default_rng(seed)
    street = street_panorama(seed, 1300, 768, damage=0.1)[:, 140:1164]
    below_sky = smoothstep(0.3, 0.45, np.linspace(0, 1, 768))[:, None]
    wear = 1 + below_sky * (0.28 * fractal_noise(rng, 768, 1024, cells=24, octaves=5) - 0.14)
    soft = np.asarray(cv2.GaussianBlur(street * wear[..., None], (0, 0), 2.2), np.float32)
    light = np.linspace(1.12, 0.9, 1024, dtype=np.float32)[None, :, None]  # sun from the left
    img = soft * light * np.array([0.9, 1.0, 1.08], np.float32)  # warm, a quarter past seven
    shadow = np.zeros(img.shape[:2], np.float32)
    cv2.ellipse(shadow, (520, 744), (300, 16), 0, 0, 360, 0.6, -1, cv2.LINE_AA)
    img = img * (1 - cv2.GaussianBlur(shadow, (0, 0), 6)[..., None])
    tank = tank_side(66, seed)  # in focus, unlike the street behind it
    tank.image *= light[:, : tank.image.shape[1]]
    tank.paste(img, 500, 748)
    grain = rng.normal(0, 4.0, img.shape).astype(np.float32)
    img = np.asarray(cv2.GaussianBlur(img, (0, 0), 0.7), np.float32) + grain
    yy, xx = np.mgrid[0:768, 0:1024].astype(np.float32)
    img = img * (1 - 0.3 * (((xx - 512) / 512) ** 2 + ((yy - 384) / 512) ** 2))[..., None]
    rgb = cv2.cvtColor(np.clip(img, 0, 255).astype(np.uint8), cv2.COLOR_BGR2RGB)
    Image.fromarray(rgb).save(out, "JPEG", quality=80, exif=still_exif().tobytes())
