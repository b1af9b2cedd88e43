"""Cited titles: policies in 《》, quoted programmes (“X”计划, “X”工程) and quoted products.

Rules: ``policy:《》``, ``quoted:<ending>``.
"""

from __future__ import annotations

import re

from ..model import Document, Mention
from ..vocabulary.lexicon import Lexicon
from .kinds import slogan, strategy_titles
from .names import is_generic
from .sentences import SentenceIndex, mention_at

POLICY = re.compile(r"《([^《》\n]{2,80})》")
INNER_POLICY = re.compile(r"[<〈]([^<>〈〉《》\n]{2,60})[>〉]")  # 《湖南省实施<中华人民共和国促进科技成果转化法>办法》: a law inside a title
QUOTED = re.compile(r"“([^“”\s]{2,12})”")


def find_policies(doc: Document, index: SentenceIndex) -> list[Mention]:
    """Titles cited in 《》, and a title cited inside one in <> (the law a provincial measure implements)."""
    found = []
    for m in POLICY.finditer(doc.text):
        found.append(mention_at(doc, index, m.group(1).strip(), "Policy", m.start(1), m.end(1), "policy:《》"))
        for inner in INNER_POLICY.finditer(doc.text, m.start(1), m.end(1)):
            found.append(mention_at(doc, index, inner.group(1).strip(), "Policy", inner.start(1), inner.end(1), "policy:<> in 《》"))
    return found


GROWN_BY = re.compile(r"新馆|分馆|联盟(?!成员|单位)")
EVENTS = ("大赛", "大会", "会", "活动周")  # an event's name ends there whatever follows (中国创新创业大赛行业赛)
PROGRAM_COUNT = re.compile(r"(?:(?<=[实施开展推进启动组织,。;、“])|(?<=^))[百千万]+[名人家企个项]")
PROGRAMME_VERB = r"(?:实施|开展|推进|参与|启动|组织|举办|承办|投身|创建|推广|深化|融入|加入)"
QUOTED_NAME = r"“[^“”,。;:()]{2,16}”"
KIND = r"(?:计划|工程|行动|活动|项目|专项|大赛|建设年)"
# 实施“河洛工匠”“乡村工匠”计划, 组织实施省“五个100”、市“六个10”工程, 投身“产业项目建设年”
QUOTED_PROGRAMMES = re.compile(rf"{PROGRAMME_VERB}[^,。;“”]{{0,3}}?((?:(?:[、和及]|^)?(?:省|市|县|区)?(?:{QUOTED_NAME})+{KIND}?)+)", re.MULTILINE)
ONE_QUOTED = re.compile(rf"({QUOTED_NAME})({KIND}(?![\u4e00-\u9fff]))?")
# a bare quoted name is a programme where it stands as a noun; before 改革, 制度, 战略, 模式, 企业 …
# it qualifies the word after it (“放管服”改革, “四上”企业倍增计划)
STANDS_ALONE = re.compile(r"[,。;、:“\n]|建设|系列|试点|务实|互认|等|和|与|及|$")


def find_quoted_programmes(doc: Document, lexicon: Lexicon, index: SentenceIndex) -> list[Mention]:
    """Programmes a plan names in quotes after a programme verb (实施/开展/推进/参与 …): each quoted
    name is one; a kind word right after the quote belongs to it (“乡村工匠”计划), other words
    after it (“科创成果直通车”系列活动) vary between mentions and do not."""
    text, found = doc.text, []
    strategies = strategy_titles(text)
    for m in QUOTED_PROGRAMMES.finditer(text):
        for q in ONE_QUOTED.finditer(text, m.start(1), m.end(1)):
            core = q.group(1)[1:-1]
            titled = None if q.group(2) else TITLE_AFTER_QUOTE.match(text, q.end(1))
            words = titled.group()[: -len(titled.group(1))] if titled else ""
            if titled and core not in strategies and not is_generic(words, lexicon, ("系列",)) and not lexicon.suffix_type(words):
                a, b = q.start(1), titled.end()  # 实施“襄智+”场景开放计划: the words up to the kind are the title's
                # (but “X”系列活动, “X”创新活动: common words there vary between mentions, the quote is the name)
                found.append(mention_at(doc, index, text[a:b], "Program", a, b, "quoted:programme"))
                continue
            if "+" in core and not q.group(2) or core in strategies:
                continue  # “承诺制+标准地”: a formula (but “AI+制造”工程 is titled); “东接东融”战略: a strategy, not a programme
            if q.group(2):
                a, b = q.start(1), q.end(2)
                found.append(mention_at(doc, index, text[a:b], "Program", a, b, "quoted:programme"))
            elif STANDS_ALONE.match(text, q.end(1)) and not slogan(core, lexicon):
                found.append(mention_at(doc, index, core, "Program", q.start(1) + 1, q.end(1) - 1, "quoted:programme"))
    return found


# a title that goes on after its quote to its kind word: “襄智+”场景开放计划, “科创城固”科技成果对接会
TITLE_AFTER_QUOTE = re.compile(r"[\u4e00-\u9fffA-Za-z]{0,8}?(计划|工程|行动|活动|项目|专项|大赛|大会|对接会|推介会|论坛|峰会|活动周)(?![\u4e00-\u9fff])")


def find_quoted_products(doc: Document, lexicon: Lexicon, index: SentenceIndex) -> list[Mention]:
    found = []
    for m in QUOTED.finditer(doc.text):
        for ending, type_ in lexicon.quoted_products:
            if m.group(1).endswith(ending):
                found.append(mention_at(doc, index, m.group(1), type_, m.start(1), m.end(1), f"quoted:{ending}"))
                break
    return found
