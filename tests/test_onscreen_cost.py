"""What reading on-screen text costs, cut without losing what it reads: text frames written raw
up to a bound (then JPEG), the engines loaded once per thread and reused across clips, Cyrillic
lines read again with Russian and Ukrainian alone, and a caption replaced at the place of a live
track still ending that track and being read (benchmarks/onscreen/README.md)."""

from __future__ import annotations

import threading

import cv2
import numpy as np
import pytest

from forensics.media import frames as frames_module
from forensics.media.frames import RAW_TEXT_BYTES, TEXT_EVERY, extract, raw_text_frames
from forensics.media.mediainfo import media_info
from forensics.media.probe import probe
from forensics.media.toolchain import find_toolchain
from forensics.onscreen import engine as engine_module
from forensics.onscreen.engine import LineReader, LineReading, all_cyrillic
from forensics.onscreen.track import track
from tests.ocr import ocr_or_skip
from tests.onscreen_media import (
    CAPTION_EN,
    HANDLE,
    HUD,
    Overlay,
    footage,
    regions_in,
    render,
    write_clip,
)


def text_frames(clip, tmp_path, name):
    tools = find_toolchain()
    media = media_info(clip, probe(clip, tools))
    work = tmp_path / name
    (work / "shots").mkdir(parents=True)
    return extract(clip, media, tools, work / "shots", work).text_frames


def test_text_frames_are_raw_grey_up_to_the_bound_then_jpeg(tmp_path, monkeypatch):
    clip = write_clip(tmp_path / "c.mp4", [CAPTION_EN, HANDLE], 6.0, (640, 360), 10)
    raw = text_frames(clip, tmp_path, "raw")  # 6 frames of 640x360: far under the bound
    assert [f.path.suffix for f in raw] == [".pgm"] * 6
    monkeypatch.setattr(frames_module, "RAW_TEXT_BYTES", 2 * 640 * 360)
    mixed = text_frames(clip, tmp_path, "mixed")
    assert [f.path.suffix for f in mixed] == [".pgm"] * 2 + [".jpg"] * 4
    assert [f.time for f in mixed] == [f.time for f in raw]  # the same frames, in order
    assert [f.time.seconds for f in raw] == pytest.approx([0, 1, 2, 3, 4, 5])
    for a, b in zip(raw, mixed, strict=True):  # the same pixels, JPEG's loss aside
        pa, pb = cv2.imread(str(a.path), cv2.IMREAD_GRAYSCALE), cv2.imread(str(b.path), 0)
        assert pa.shape == pb.shape == (360, 640)
        assert np.abs(pa.astype(int) - pb.astype(int)).mean() < 3
    assert (raw[0].path.stat().st_size - 640 * 360) < 100  # raw: a header and the pixels


def test_the_raw_bound_is_about_nine_minutes_of_720p():
    count = raw_text_frames((1280, 720))
    assert count * 1280 * 720 <= RAW_TEXT_BYTES < (count + 1) * 1280 * 720
    seconds = count * TEXT_EVERY * frames_module.SAMPLE_INTERVAL_S
    assert 9 * 60 <= seconds <= 10 * 60
    assert 4 * count <= raw_text_frames((640, 360)) < 4 * (count + 1)  # a quarter the pixels


class FakeApi:
    def __init__(self, name):
        self.name = name


class FakeEngines:
    def __init__(self, cyrillic=True):
        self.all, self.eng, self.hud = FakeApi("all"), FakeApi("eng"), FakeApi("hud")
        self.cyrillic = FakeApi("cyrillic") if cyrillic else None


def reader_with(monkeypatch, answers, cyrillic=True, words=None):
    """A LineReader over fake engines: each engine answers ``answers[name]``, its words
    ``words[name]`` (each with whether the dictionary has it; by default every word); which
    were asked is in the list returned."""
    words = words or {}
    asked = []
    monkeypatch.setattr(engine_module, "engines", lambda info: FakeEngines(cyrillic))

    def fake_read(api, image):
        asked.append(api.name)
        return answers[api.name]

    monkeypatch.setattr(engine_module, "_read", fake_read)
    monkeypatch.setattr(engine_module, "dictionary_words",
                        lambda api: words.get(api.name, [(w, True) for w in
                                                         answers[api.name].text.split()]))
    return LineReader(None), asked  # type: ignore[arg-type]


CROP = np.full((40, 300), 40, np.uint8)
RU = LineReading("Колонна противника", 0.68)


def test_a_cyrillic_line_is_read_again_with_russian_and_ukrainian_alone(monkeypatch):
    reader, asked = reader_with(monkeypatch, {"cyrillic": LineReading("Колонна противника", 0.7),
                                              "all": RU})  # fmt: skip
    assert reader.read(CROP, like=RU).text == "Колонна противника"
    assert asked == ["cyrillic"]
    reader.read(CROP)  # a first reading: every language
    assert asked == ["cyrillic", "all"]


@pytest.mark.parametrize("like", [
    LineReading("Фіедіоп", 0.6),  # one word: a Latin handle misread as Cyrillic, maybe
    LineReading("Фіечіоп їтее", 0.45),  # two words, but unsure: the same handle
    LineReading("@легион фри", 0.6),  # a handle's marks
    LineReading("ВАТ ВМР", 0.7),  # Cyrillic letters that look Latin
    LineReading("Belgorod region", 0.9),
    LineReading("Колонна противника Kozinka", 0.7),  # mixed scripts
])  # fmt: skip
def test_a_line_that_may_be_latin_is_read_again_with_every_language(monkeypatch, like):
    reader, asked = reader_with(monkeypatch, {"cyrillic": RU, "all": like, "eng": like})
    reader.read(CROP, like=like)
    assert "cyrillic" not in asked and asked[0] == "all"


def test_a_cyrillic_reread_that_comes_back_latin_is_read_with_every_language(monkeypatch):
    reader, asked = reader_with(monkeypatch, {"cyrillic": LineReading("Kolonna protivnika", 0.5),
                                              "all": RU})  # fmt: skip
    assert reader.read(CROP, like=RU) == RU and asked == ["cyrillic", "all"]
    reader, asked = reader_with(monkeypatch, {"all": RU}, cyrillic=False)  # no rus/ukr data
    assert reader.read(CROP, like=RU) == RU and asked == ["all"]


def test_a_latin_handle_read_as_cyrillic_is_read_in_english_and_the_vote_taken(monkeypatch):
    misread, latin = LineReading("Фіедіоп free", 0.89), LineReading("@legion_free", 0.58)
    words = {"all": [("Фіедіоп", False), ("free", True)], "eng": [("@legion_free", False)]}
    reader, asked = reader_with(monkeypatch, {"all": misread, "eng": latin}, words=words)
    assert reader.read(CROP).text == "@legion_free" and asked == ["all", "eng"]
    # all Cyrillic, no word of the dictionary: the same
    misread = LineReading("Фіедіоп їгее", 0.82)
    words["all"] = [("Фіедіоп", False), ("їгее", False)]
    reader, asked = reader_with(monkeypatch, {"all": misread, "eng": latin}, words=words)
    assert reader.read(CROP).text == "@legion_free"
    # a caption of names: read in English too, and its English reading loses
    names, garbage = LineReading("Шебекино Таволжанка", 0.8), LineReading("WeGeKnHo TaBon", 0.2)
    words = {"all": [("Шебекино", False), ("Таволжанка", False)],
             "eng": [("WeGeKnHo", False), ("TaBon", False)]}  # fmt: skip
    reader, asked = reader_with(monkeypatch, {"all": names, "eng": garbage}, words=words)
    assert reader.read(CROP) == names and asked == ["all", "eng"]
    # a Cyrillic line with a word of the dictionary: not read again
    reader, asked = reader_with(monkeypatch, {"all": RU, "eng": garbage})
    assert reader.read(CROP) == RU and asked == ["all"]


def test_all_cyrillic_needs_two_cyrillic_words_and_no_latin():
    assert all_cyrillic("Уничтожение вражеской техники") and all_cyrillic("Колонна противника")
    assert not all_cyrillic("Белгород") and not all_cyrillic("t.me/легион фри")
    assert not all_cyrillic("Колонна BMP-2") and not all_cyrillic("")


def test_engines_are_loaded_once_per_thread_and_reused_across_clips():
    ocr_or_skip()
    info = engine_module.find_engine()
    first, second = LineReader(info), LineReader(info)
    assert first._engines is second._engines is engine_module.engines(info)
    other = []
    thread = threading.Thread(target=lambda: other.append(engine_module.engines(info)))
    thread.start()
    thread.join()
    assert other[0] is not first._engines  # a Tesseract engine reads one image at a time
    crop = cv2.cvtColor(render(1.0, [CAPTION_EN], (1280, 720))[0], cv2.COLOR_RGB2GRAY)
    reading = second.read(crop[580:660, 450:830])
    assert "Belgorod" in reading.text and first.calls == 0 and second.calls == 1


def test_the_english_engine_is_loaded_only_when_a_line_wants_it_and_serves_the_hud_pass():
    """Loading an English engine costs ~0.07 s of a clip's first read: a caption read with
    every language at once loads none; a HUD line loads it, and it reads the HUD pass with
    the HUD's characters only, then English as a fresh engine does (the whitelist cleared)."""
    ocr_or_skip()
    from forensics.onscreen.engines import HUD_CHARS, _api

    info = engine_module.find_engine()
    loaded, read = [], {}

    def in_a_new_thread():  # engines are kept per thread: this one starts with none
        reader = LineReader(info)
        caption = cv2.cvtColor(render(1.0, [CAPTION_EN], (1280, 720))[0], cv2.COLOR_RGB2GRAY)
        words = np.ascontiguousarray(255 - caption[590:650, 470:810])
        assert "Belgorod" in reader.read(caption[580:660, 450:830]).text
        loaded.append(reader._engines._eng)
        frame, [truth] = render(1.5, [HUD], (1280, 720))
        x, y, w, h = truth.box
        gray = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY)[y - 8 : y + h + 8, x - 8 : x + w + 8]
        hud = reader.read(np.ascontiguousarray(gray))
        assert hud.hud and set(hud.text) <= set(HUD_CHARS), hud.text
        loaded.append(reader._engines._eng)
        read["after"] = engine_module._read(reader._engines.eng, words)
        read["fresh"] = engine_module._read(_api(info, "eng"), words)

    thread = threading.Thread(target=in_a_new_thread)
    thread.start()
    thread.join()
    assert loaded[0] is None and loaded[1] is not None
    assert read["after"] == read["fresh"] and "Belgorod" in read["after"].text


# Captions replaced at the same place, the second as long as the first: the sample case's
# pair (bold 30-px captions on a dark box in a 480-px picture), and the benchmark's.
PAIRS = [("...and under the fences", "our gunners play better", (854, 480), 0.0625, "box"),
         ("Belgorod region", "Kozinka, 22 May", (1280, 720), 0.05, "box"),
         ("Колонна противника", "Знищення ворожої техніки", (1280, 720), 0.05, "shadow")]


@pytest.mark.parametrize(("first", "then", "size", "height", "style"), PAIRS)
def test_a_caption_changed_under_a_live_track_ends_it_and_is_read(first, then, size, height,
                                                                  style):  # fmt: skip
    """The detector finds one box for both captions (so only the live track's check can see
    the change): the first caption's track ends on its last frame and the second is read,
    dated from its first frame."""
    a = Overlay("caption", first, 0.0, 6.0, style, size=height)
    b = Overlay("caption", then, 6.0, 12.0, style, size=height)
    shown = [a, b, HANDLE]
    boxes = [t.box for t in render(0.5, [a], size)[1] + render(6.5, [b], size)[1]]
    x0, y0 = min(b[0] for b in boxes) - 8, min(b[1] for b in boxes) - 8
    x1, y1 = max(b[0] + b[2] for b in boxes) + 8, max(b[1] + b[3] for b in boxes) + 8
    now = [0.0]

    def frames():
        for second in range(12):
            now[0] = second + 0.5
            _, jpeg = cv2.imencode(".jpg", cv2.cvtColor(render(now[0], shown, size)[0],
                                                        cv2.COLOR_RGB2GRAY))  # fmt: skip
            yield cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)

    def find(small):
        return regions_in(small, [(x0, y0, x1 - x0, y1 - y0)], size[0])

    def read(crop, like=None):
        return LineReading(first if now[0] < 6 else then, 0.95)

    tracks = track(frames(), find, read)
    assert [(t.text, t.first, t.last) for t in tracks] == [(first, 0, 5), (then, 6, 11)]


def test_words_are_read_on_a_smoothed_crop_and_hud_lines_on_the_sharp_one(monkeypatch):
    """Raw frames keep the scaling's jagged edges, which throw Tesseract's words (and JPEG
    used to smooth): words are read on a 3x3 Gaussian of the crop; HUD digits, thin and
    small, read better sharp (benchmarks/onscreen/README.md)."""
    images = {}
    hud = LineReading("50.5123N 36.6012E ALT 120m", 0.9)
    monkeypatch.setattr(engine_module, "engines", lambda info: FakeEngines())

    def fake_read(api, image):
        images[api.name] = np.asarray(image)
        return hud

    monkeypatch.setattr(engine_module, "_read", fake_read)
    crop = np.zeros((40, 300), np.uint8)
    crop[10:30:2, 20:280] = 255  # stripes a pixel wide: a blur greys them
    reading = LineReader(None).read(crop)  # type: ignore[arg-type]
    assert reading.hud and set(images) == {"all", "hud"}
    inner = crop[5:35, 5:295]  # inside the trimmed margins; words made dark on light
    assert np.array_equal(images["hud"], inner)
    assert np.array_equal(images["all"], 255 - cv2.GaussianBlur(inner, (3, 3), 0))
    assert not np.array_equal(images["all"], inner)
    small = crop[:30]  # a 480x270 clip's line: its dots and colons would merge
    LineReader(None).read(small)  # type: ignore[arg-type]
    assert np.array_equal(images["all"], 255 - small[4:26, 4:296])


def test_light_text_is_read_dark_on_light_and_reads_as_before():
    """Tesseract reads a light line by trying it as it is and then inverted: the crop is
    inverted first (engine.INVERT), and the real engine reads light captions and a light HUD
    line exactly as well on them, dark text too (its own inversion still runs)."""
    pytest.importorskip("tesserocr")
    try:
        info = engine_module.find_engine()
    except engine_module.EngineMissing:
        pytest.skip("no tesseract data")
    from PIL import Image, ImageDraw, ImageFont

    reader = LineReader(info)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 30)
    for text, ink, ground in (("Belgorod region", 255, 30), ("Kozinka, 22 May", 20, 230)):
        image = Image.new("L", (420, 56), ground)
        ImageDraw.Draw(image).text((12, 10), text, font=font, fill=ink)
        assert reader.read(np.asarray(image)).text == text


def mark_frames(gone: int, count: int = 16):
    """A white mark (strokes) at the top left over a dark square moving across flat grey,
    missing on frame ``gone``."""
    out = []
    for index in range(count):
        frame = np.full((720, 1280), 100, np.uint8)
        x, y = 100 + 40 * index, 100 + 30 * index
        frame[y : y + 200, x : x + 200] = 30
        if index != gone:
            for x in range(40, 200, 12):
                frame[30:50, x : x + 4] = 250
        out.append(frame)
    return out


def test_a_track_continued_from_a_box_a_few_pixels_off_is_not_read_again():
    """A mark missing on one frame ends its track; the next detection finds it in a box a few
    pixels off and continues the track. The frames after are compared at the track's own
    box: before, the crop of the other box never matched, and the mark was read again at
    every detection."""
    boxes = iter([(30, 24, 180, 32)] + [(34, 26, 172, 28)] * 40)
    reads = []

    def find(small):
        return regions_in(small, [next(boxes)], 1280)

    def read(crop, like=None):  # read better the second time: that reading's crop is kept
        reads.append(crop.shape)
        return LineReading("@legion_free", 0.9 if len(reads) == 1 else 0.96)

    tracks = track(mark_frames(gone=2), find, read)
    assert [(t.text, t.first, t.last) for t in tracks] == [("@legion_free", 0, 15)]
    assert len(reads) == 2  # frame 0, and frame 4 where it was back: not at frames 8 and 12


def sample_style(t: float, msg: str, size=(480, 270)) -> np.ndarray:
    """Generated footage with a caption drawn as the sample case's Legion clip draws it
    (samples/builder/hud.py: Hershey duplex on a dark band), grey, through JPEG q85."""
    from samples.builder.hud import caption

    picture = cv2.cvtColor(footage(t, size), cv2.COLOR_RGB2BGR)
    if msg:
        caption(picture, msg)
    _, jpeg = cv2.imencode(".jpg", cv2.cvtColor(picture, cv2.COLOR_BGR2GRAY),
                           [cv2.IMWRITE_JPEG_QUALITY, 85])  # fmt: skip
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)


def test_two_small_bold_captions_on_a_band_are_told_apart():
    """The sample case's pair: strokes alone found each caption's in the other (every cell
    within a pixel), so a track of the first covered the second; the grey levels' correlation
    tells them apart, and the same caption over moving footage stays the same."""
    from forensics.onscreen.signature import correlation, same_text

    x, y, w, h = 8, 216, 240, 40  # the band and its text, 480x270
    box = lambda g: g[y : y + h, x : x + w]  # noqa: E731
    first = [box(sample_style(t, "...and under the fences")) for t in (1.0, 2.0, 3.0)]
    then = box(sample_style(4.0, "our gunners play better"))
    assert same_text(first[0], first[1]) and same_text(first[0], first[2])
    assert not same_text(first[2], then) and not same_text(then, first[2])
    assert correlation(first[0], first[2]) > 0.75 and correlation(first[2], then) < 0.5
    assert not same_text(first[2], box(sample_style(4.0, "")))  # the caption went


def test_the_sample_style_caption_change_is_dated_from_its_first_frame():
    """Tracked with a detector that finds one box for both: the second caption's track starts
    on the first frame that shows it, not on frames of the first caption before it."""
    texts = {t: "...and under the fences" if t < 6 else "our gunners play better"
             for t in range(12)}  # fmt: skip
    now = [0]

    def frames():
        for second in range(12):
            now[0] = second
            yield sample_style(second + 0.5, texts[second])

    def find(small):
        return regions_in(small, [(8, 216, 240, 40)], 480)

    def read(crop, like=None):
        return LineReading(texts[now[0]], 0.95)

    tracks = track(frames(), find, read)
    assert [(t.text, t.first, t.last) for t in tracks] == [
        ("...and under the fences", 0, 5), ("our gunners play better", 6, 11)]  # fmt: skip


def strike_label(t: float, label: str) -> np.ndarray:
    """The sample case's ministry banner (samples/builder/hud.py: a shot label 18 px tall
    under the ministry's name, top left of a 480x270 picture) over moving footage, JPEG q85."""
    from samples.builder.hud import mod_banner

    picture = cv2.cvtColor(footage(t, (480, 270)), cv2.COLOR_RGB2BGR)
    mod_banner(picture, label)
    _, jpeg = cv2.imencode(".jpg", cv2.cvtColor(picture, cv2.COLOR_BGR2GRAY),
                           [cv2.IMWRITE_JPEG_QUALITY, 85])  # fmt: skip
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)


def test_a_shot_label_whose_digit_changes_is_read_again_and_starts_a_track():
    """STRIKE 3 becoming STRIKE 4 passes the whole-line signature (one character of eight);
    its character cell does not correlate, so the label is read again there (the sample case
    ran STRIKE 2's track over STRIKE 3 and 4 before). The same label over moving ground is
    not read again."""
    labels = {second: "STRIKE 3" if second < 6 else "STRIKE 4" for second in range(12)}
    now, reads = [0], []

    def frames():
        for second in range(12):
            now[0] = second
            yield strike_label(second + 0.5, labels[second])

    def find(small):
        return regions_in(small, [(40, 26, 56, 19)], 480)  # the sample's box

    def read(crop, like=None):
        reads.append(now[0])
        return LineReading(labels[now[0]], 0.95)

    tracks = track(frames(), find, read)
    assert [(t.text, t.first, t.last) for t in tracks] == [("STRIKE 3", 0, 5), ("STRIKE 4", 6, 11)]
    assert len(reads) <= 4  # read when first seen and where its digit changed, not each frame


def test_raw_text_frames_are_read_as_they_are_and_anything_else_through_opencv(tmp_path):
    from forensics.onscreen.scan import _gray

    rng = np.random.default_rng(3)
    gray = rng.integers(0, 256, (72, 128), np.uint8)
    plain = tmp_path / "text_00001.pgm"
    plain.write_bytes(b"P5\n128 72\n255\n" + gray.tobytes())  # as ffmpeg writes them
    commented = tmp_path / "text_00002.pgm"
    commented.write_bytes(b"P5\n# a comment\n128 72\n255\n" + gray.tobytes())
    short = tmp_path / "text_00003.pgm"  # cut off: OpenCV's decoder says what it can
    short.write_bytes(b"P5\n128 72\n255\n" + gray.tobytes()[:100])
    jpeg = tmp_path / "text_00004.jpg"
    cv2.imwrite(str(jpeg), gray)
    for path in (plain, commented):
        assert np.array_equal(_gray(path), gray)
    assert _gray(short) is None or _gray(short).shape == (72, 128)
    assert np.array_equal(_gray(jpeg), cv2.imread(str(jpeg), cv2.IMREAD_GRAYSCALE))
