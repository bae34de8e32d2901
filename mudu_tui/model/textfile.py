"""Reading a pack's text files: size limits, UTF-8 only, and a clear word on other encodings."""

from __future__ import annotations

import codecs
import stat
from pathlib import Path

from .errors import PackError, Problem
from .limits import MAX_ARTICLE_BYTES, MAX_INDEX_BYTES

__all__ = ["MAX_ARTICLE_BYTES", "MAX_INDEX_BYTES", "read_text", "size_text"]

# Frequent characters of both scripts: the encoding whose decoding yields more of them is the
# one the file is really in (GBK and Big5 both decode most byte strings without error).
_COMMON = set(
    "的是在有和人這这中大為为上個个國国我以要他時时來来用們们生到作地於于出就分對对成會会"
    "可主發发年動动同工也能下過过子說说產产種种面而方後后多定行學学法所民得經经十三之進进"
    "著着等部度家電电力裡里如水化高自二理起小物現现實实加量都兩两體体制機机當当使點点從从"
    "業业本去把性好應应開开它合還还因由其些然前外天政四日那社義义事平形相全表間间樣样與与"
    "關关各重新線线內内數数正心反明看原又利比或但第向道此變变條条只沒没結结解問问意建月公"
    "無无系很情者最立代想已通並并提直題题程展五果料象員员位入常文總总次品式活設设及管特件"
    "長长求老基資资邊边流路級级少圖图山統统接知較较將将組组見见計计別别手角期根論论運运指"
    "區区強强放西被做必戰战先回則则任取據据處处南給给色光門门即保治北造百規规領领海口東东"
    "導导器世金增爭争濟济術术交受聯联認认六共權权收改清美再轉转更單单風风打白教速安場场身"
    "車车例真務务具萬万每目至達达走示議议聲声報报完類类八離离華华名確确才科信馬马節节話话"
)


def _guess_encoding(data: bytes) -> str | None:
    sample = data[:200]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or sample.count(0) * 4 > len(sample):
        return "UTF-16"
    best: tuple[int, str] | None = None
    for name, codec in (("GBK", "gbk"), ("Big5", "big5")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = sum(ch in _COMMON for ch in text)
        if best is None or score > best[0]:
            best = (score, name)
    return best[1] if best else None


def size_text(size: int) -> str:
    """A size as people say it: 512 KB, 1.5 MB."""
    if size < 2**20:
        return f"{size / 2**10:.0f} KB"
    return f"{size / 2**20:.1f} MB"


def read_text(path: Path, *, limit: int, what: str, why: str = "") -> str:
    """The text of ``path`` as UTF-8 (a BOM is dropped), or a PackError saying what is wrong
    (``why`` explains the size limit)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise PackError([Problem(path, f"{what} not found")]) from None
    except OSError as exc:
        raise PackError([Problem(path, f"cannot read {what}: {exc.strerror}")]) from None
    except ValueError:  # a NUL in the name
        raise PackError([Problem(path, f"cannot read {what}: the name {str(path)!r} is not valid")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise PackError([Problem(path, f"{what} is a folder, not a file: {path}")])
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or a device would block or never end.
        raise PackError([Problem(path, f"{what} is not a regular file: {path}")])
    if info.st_size > limit:
        reason = f": {why}" if why else ""
        message = f"{what} is {size_text(info.st_size)}; the limit is {size_text(limit)}{reason}"
        raise PackError([Problem(path, message)])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PackError([Problem(path, f"cannot read {what}: {exc.strerror}")]) from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(data)
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"{what} is not UTF-8 (byte 0x{data[exc.start]:02x}); {_hint(guess)}"
        raise PackError([Problem(path, message, line, column)]) from None
    if "\x00" in text and _guess_encoding(data) == "UTF-16":
        # UTF-16 of ASCII text is valid UTF-8, full of NUL characters.
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise PackError(
            [Problem(path, f"{what} is not UTF-8 (NUL characters); {_hint('UTF-16')}", line, column)]
        )
    return text


def _hint(guess: str | None) -> str:
    if guess is None:
        return "its encoding is not recognised; save it as UTF-8"
    return f"it looks like {guess}; convert it with `iconv -f {guess} -t UTF-8`"
