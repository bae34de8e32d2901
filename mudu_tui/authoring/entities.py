"""Finding the named things of an article: regions from the gazetteer, organizations and
companies by their endings and by the lists an article names them in, people by the titles
before their names.

Every finder works on the Simplified view of a paragraph (see ``text``) and returns spans of
it; the same spans of the published text give the names as written.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from . import gazetteer
from .text import Text, Token

#: Endings that make a name an organization, with the organization kind they suggest, longest
#: first. One-character endings (局, 委, 组) count only as words of their own or at the end of
#: a longer word (管理局), never inside one (格局, 组织).
ORG_ENDINGS: dict[str, str] = {
    "委员会": "government", "管委会": "government", "办公室": "government", "国务院": "government",
    "政府": "government", "省委": "government", "市委": "government", "党委": "government",
    "实验室": "lab", "交易所": "exchange", "研究院": "research", "研究室": "research",
    "研究所": "research", "研究中心": "research", "科学院": "research", "工程院": "research",
    "大会": "conference", "论坛": "conference", "博览会": "conference", "峰会": "conference",
    "基地": "industry-base", "产业园": "industry-base", "园区": "industry-base",
    "咨询": "consultancy", "日报": "media", "电视台": "media", "新闻社": "media", "通讯社": "media",
    "协会": "research", "学会": "research", "联盟": "research", "大学": "research", "学院": "research",
    "中心": "research", "局": "government", "委": "government", "组": "standards",
}  # fmt: skip
#: Endings that make a name a company.
COMPANY_ENDINGS = ("有限责任公司", "有限公司", "股份公司", "公司", "集团", "控股", "银行")
#: Words that, right after a one-character ending, show it is part of another word.
_NOT_AN_ENDING = re.compile(r"^(?:局[面势部限]|委[员托屈]|组[织成建合件团图])")
#: Tags of words that may stand in a name: nouns, proper nouns, abbreviations, names of
#: places and people, verbal nouns, foreign words.
_NAME_TAGS = {"n", "nz", "nt", "ns", "nr", "nrt", "nrfg", "j", "ng", "vn", "eng", "an"}
#: Words that name a kind of body rather than one; a name never extends over them.
_GENERIC = {"机构", "企业", "公司", "单位", "部门", "平台", "组织", "团队", "政府", "城市", "地方", "国内",
            "时任", "现任", "原", "前", "数量"}  # fmt: skip
#: Words after a list that say its items are companies: 等企业, 3家企业, 等自动驾驶企业.
_COMPANY_CUE = re.compile(
    r"^(?:[0-9一二两三四五六七八九十]+家)?等?[^，。；、：]{0,10}?(?:企业|公司|厂商|巨头|龙头)"
)
_LIST_SEPARATORS = {"、", "与", "和", "及", "以及"}
#: Titles that come before a person's name, and words a person's name comes before.
_TITLES = re.compile(
    r"(?:书记|局长|部长|省长|市长|区长|县长|主任|董事长|总裁|总经理|创始人|CEO|首席执行官|院长|"
    r"所长|教授|院士|主席|总理|秘书长|理事长|行长|经理|负责人|专家|分析师|研究员|记者)$"
)
#: Tags under which a word may be a place: the segmenter tags 合肥 n and 海口 s in some contexts.
_PLACE_TAGS = {"ns", "n", "s", "nz", "j"}
_SAYS = ("表示", "说", "称", "指出", "认为", "强调", "介绍", "透露")
#: Words that may stand in a role before its title: 党组书记, 副市长.
_ROLE_WORDS = {"党组", "党委", "副", "常务", "执行", "首席", "联合", "、"}


class Found(NamedTuple):
    """One mention found: its kind, paragraph, span, a key that joins mentions of one thing,
    and facts the finder learnt (a division, an organization kind, a role)."""

    kind: str
    text: Text
    start: int
    end: int
    key: str
    facts: dict[str, Any]

    @property
    def surface(self) -> str:
        """The name as the article writes it."""
        return self.text.original[self.start : self.end]


def find_regions(texts: list[Text]) -> list[Found]:
    """Regions the gazetteer knows. A full name (合肥市, 临平区) counts wherever it stands; a
    short one (合肥) only where the segmenter read it as one word, a noun or place and not a
    person or company (阿里 stays a company)."""
    table = gazetteer.surfaces()
    longest = max((len(s) for s in table), default=0)
    found: list[Found] = []
    for t in texts:
        places = {(tok.start, tok.end) for tok in t.tokens if tok.tag in _PLACE_TAGS}
        i = 0
        while i < len(t.simplified):
            for length in range(min(longest, len(t.simplified) - i), 1, -1):
                surface = t.simplified[i : i + length]
                options = table.get(surface)
                if not options:
                    continue
                full = any(d.name == surface for d in options)
                if not full and (i, i + length) not in places:
                    continue
                found.append(Found("regions", t, i, i + length, surface, {"options": options}))
                i += length - 1
                break
            i += 1
    return found


def _ending_at(t: Text, start: int) -> tuple[str, str] | None:
    """The organization or company ending that starts at ``start``, with its kind."""
    rest = t.simplified[start:]
    for ending in COMPANY_ENDINGS:
        if rest.startswith(ending):
            return ending, "companies"
    for ending in ORG_ENDINGS:
        if not rest.startswith(ending):
            continue
        if len(ending) == 1:
            if _NOT_AN_ENDING.match(rest):
                return None
            token = t.tokens[t.token_at(start)]
            # 局 as a word, or closing a longer word (管理局); never inside one (格局 is two).
            if token.start != start and not (token.end == start + 1 and len(token.word) >= 3):
                return None
        return ending, "organizations"
    return None


def _extend_left(t: Text, start: int, limit: int = 16) -> int:
    """Where a name ending at ``start`` begins: over name-like words, at most five, stopping
    after a place name (上海人工智能实验室 begins at 上海) and before a generic word."""
    i = t.token_at(start)
    begin = min(start, t.tokens[i].start)  # an ending that closes a word takes its head: 管理局
    i -= 1
    taken = 0
    while i >= 0 and taken < 5:
        tok: Token = t.tokens[i]
        if tok.end != begin or tok.word in _GENERIC or start - tok.start > limit:
            break
        if tok.tag not in _NAME_TAGS and not (tok.tag == "a" and len(tok.word) == 1):
            break
        begin = tok.start
        taken += 1
        if tok.tag == "ns":
            break
        i -= 1
    return begin


def find_bodies(texts: list[Text]) -> list[Found]:
    """Organizations and companies by their endings: 国家数据局, 上海人工智能实验室,
    深圳国际控股有限公司. The name runs left from the ending over name-like words."""
    found: list[Found] = []
    for t in texts:
        if not t.tokens:
            continue
        i = 0
        while i < len(t.simplified):
            hit = _ending_at(t, i)
            if hit is None:
                i += 1
                continue
            ending, kind = hit
            end = i + len(ending)
            while (more := _ending_at(t, end)) is not None and more[1] == kind:
                ending = more[0]  # 深圳国际控股有限公司 runs on past 控股; the last ending says what it is
                end += len(ending)
            begin = _extend_left(t, i)
            if begin < i:  # an ending alone (局, 公司) names nothing
                name = t.simplified[begin:end]
                facts = {"org_kind": ORG_ENDINGS.get(ending, "research")} if kind == "organizations" else {}
                found.append(Found(kind, t, begin, end, name, facts))
            i = end
    return found


def _may_list(tok: Token) -> bool:
    """A word that may stand in a listed name: name-like, or an ASCII number (360)."""
    return (tok.tag in _NAME_TAGS or tok.tag == "m" and tok.word.isascii()) and tok.word not in _GENERIC


def _list_items(t: Text, cue_at: int) -> list[tuple[int, int]]:
    """The items of the list that ends just before token ``cue_at``: runs of name-like words
    joined by 、 与 和 及."""
    items: list[tuple[int, int]] = []
    i = cue_at - 1
    while i >= 0:
        end = t.tokens[i].end
        begin = end
        while i >= 0 and _may_list(t.tokens[i]):
            begin = t.tokens[i].start
            i -= 1
        if begin == end:
            break
        items.append((begin, end))
        if i >= 0 and t.tokens[i].word in _LIST_SEPARATORS:
            i -= 1
            continue
        break
    return items[::-1]


def find_listed_companies(texts: list[Text]) -> list[Found]:
    """Companies an article names in a list it calls companies (百度、360等企业, 北京有百度、
    360、中国移动研究院3家企业) or right after the word 企业 (AI企业科大讯飞发布)."""
    found: list[Found] = []
    for t in texts:
        for n, tok in enumerate(t.tokens):
            counted = tok.tag == "m" and n + 1 < len(t.tokens) and t.tokens[n + 1].word == "家"
            if tok.word != "等" and not counted or not _COMPANY_CUE.match(t.simplified[tok.start :]):
                continue
            items = _list_items(t, n)
            if len(items) < 2 and not (tok.word == "等" and items):
                continue
            for begin, end in items:
                found.append(Found("companies", t, begin, end, t.simplified[begin:end], {}))
        for n, tok in enumerate(t.tokens[:-1]):
            if tok.word not in ("企业", "公司"):
                continue
            j = n + 1
            end = t.tokens[j].start
            while j < len(t.tokens) and t.tokens[j].tag != "vn" and _may_list(t.tokens[j]):
                end = t.tokens[j].end
                j += 1
            begin = t.tokens[n + 1].start
            if 2 <= end - begin <= 8 and j < len(t.tokens) and t.tokens[j].tag.startswith("v"):
                found.append(Found("companies", t, begin, end, t.simplified[begin:end], {}))
    return found


def find_people(texts: list[Text]) -> list[Found]:
    """People: a person's name as the segmenter tags it, after a title (局长朱诚, CEO刘庆峰)
    or before a word of saying (朱诚表示). The title becomes the role."""
    found: list[Found] = []
    for t in texts:
        for n, tok in enumerate(t.tokens):
            if tok.tag not in ("nr", "nrfg") or not 2 <= len(tok.word) <= 4:
                continue
            before = t.simplified[max(0, tok.start - 12) : tok.start]
            title = _TITLES.search(before)
            says = n + 1 < len(t.tokens) and t.tokens[n + 1].word in _SAYS
            if not title and not says:
                continue
            role = ""
            if title:
                # The role runs back over the title words: 党组书记、局长.
                lo = tok.start - len(title.group())
                while lo > 0:
                    prev = t.tokens[t.token_at(lo - 1)]
                    if prev.word not in _ROLE_WORDS and not _TITLES.fullmatch(prev.word):
                        break
                    lo = prev.start
                while t.original[lo] == "、":
                    lo += 1
                role = t.original[lo : tok.start]
            found.append(Found("people", t, tok.start, tok.end, tok.word, {"role": role}))
    return found
