"""Decide which mentions name the same real-world entity, within and across plans.

A municipal body is scoped to its plan's city (市科技局 in a 鹤壁 plan is 鹤壁市科技局), a
provincial one to its province (省科学院 → 河南省科学院). Names that differ only by a
standard abbreviation (高新技术产业开发区 / 高新区) share one identity key; a name given
with (以下简称X) takes X as an alias; a name in brackets after another is an alias
(超短超强激光平台(中原之光)). The label is the fullest surface form, the rest are altLabels.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..extract.names import is_generic
from ..model import Extraction, Metadata
from ..vocabulary.lexicon import Lexicon
from .rules import AliasRules

OTHER_NAME_AFTER = re.compile(r"\(([^()\d:,。]{2,6})\)")
ALIAS = re.compile(r"[((](?:以下)?简称[::]?[“\"]?([^”\")),,]{2,20})[”\"]?[))]")
PROGRAMME_TITLES = ("计划", "行动", "工程", "专项")
TYPE_PRIORITY = {"metadata": 0, "lexicon": 0, "policy": 1, "responsibility": 2, "department": 3, "suffix": 4, "quoted": 5,
                 "enumeration": 6, "abbreviation": 6}


@dataclass(frozen=True)
class Entity:
    key: str
    type: str
    label: str
    alt_labels: tuple[str, ...]


@dataclass(frozen=True)
class Resolution:
    entities: dict  # key -> Entity
    keys: dict  # (doc_id, mention span, mention name) -> key


def scope_name(name: str, meta: Metadata, lexicon: Lexicon, type_: str = "") -> str:
    """Write a body's place in full: 市科技局 → 鹤壁市科技局, 省科学院 → 河南省科学院.

    >>> from graph.vocabulary.lexicon import default_lexicon
    >>> m = Metadata(title="", city="鹤壁市", province="河南省")
    >>> scope_name("市科技局", m, default_lexicon()), scope_name("省科学院", m, default_lexicon())
    ('鹤壁市科技局', '河南省科学院')
    """
    city, province = meta.city, meta.province
    if name in lexicon.departments:
        return (city or province) + name
    dept = lexicon.department_suffix(name)
    district = getattr(meta, "district", "")
    if district and name[:1] == district[-1:] and (dept or type_ == "Department") and not name.startswith(("区县", "县区", "县市")):
        return city + district + name[1:]  # 区科技局 in 龙岗区's plan is 深圳市龙岗区科技局
    if type_ == "Department" and dept and city and is_generic(name[: -len(dept)], lexicon) and not name.startswith(("省", "市", "各")):
        return city + name  # 县区政府, 高新区管委会: the plan's own
    if name.startswith("各") and city:
        return city + name
    if name.startswith("市") and city and not name.startswith(("市场",)):
        return city + name[1:]
    if name.startswith("省") and province:
        return province + name[1:]
    return name


CAMPAIGN = re.compile(r"“([^“”]{2,16})”[\u4e00-\u9fff]{0,4}?(?:行动|活动)")


def identity_key(name: str, lexicon: Lexicon) -> str:
    """Fold widths, quotes, brackets and standard abbreviations into one key.

    >>> from graph.vocabulary.lexicon import default_lexicon
    >>> identity_key("郑洛新国家自主创新示范区", default_lexicon()) == identity_key("郑洛新自创区", default_lexicon())
    True
    >>> identity_key("“百园千企”行动", default_lexicon()) == identity_key("“百园千企”科技活动", default_lexicon())
    True
    >>> identity_key("江铃JMC", default_lexicon())
    '江铃'

    """
    key = unicodedata.normalize("NFKC", name)
    campaign = CAMPAIGN.fullmatch(key)
    key = campaign.group(1) if campaign else key  # “百园千企”行动 / “百园千企”活动: the title, not the word after it
    key = re.sub(r"[“”‘’\"'《》〈〉\s]", "", key)
    key = re.sub(r"\([^()]{1,8}\)$", "", key) if not key.endswith("(点)") else key
    for long, short in lexicon.abbreviations:
        key = key.replace(long, short)
    if key.endswith("项目") and lexicon.suffix_type(key[:-2]) and lexicon.suffix_type(key[:-2])[1] == "Program":
        key = key[:-2]
    brand = re.fullmatch(r"([\u4e00-\u9fff]{2,})[A-Za-z]{2,6}", key)  # 洛轴LYC: a firm's Latin code after its name
    return brand.group(1) if brand else key


def _other_name_after(text: str, mention) -> tuple[str, ...]:
    """The other name a bracket right after a mention gives (中原股权交易中心(四板) → 四板), if any."""
    inner = OTHER_NAME_AFTER.match(text, mention.span[1])
    return (inner.group(1),) if inner and not re.search(r"\d|点|基地|中心", inner.group(1)) else ()


def _aliases_in(extraction: Extraction, lexicon: Lexicon) -> dict[str, str]:
    """Map alias names to full names from (以下简称X) and name(X) in one plan."""
    text = extraction.document.text
    ends = {m.span[1]: m for m in extraction.mentions}
    aliases = {}
    for m in ALIAS.finditer(text):
        full = ends.get(m.start())
        if full:
            aliases[m.group(1)] = full.name
    for mention in extraction.mentions:
        if mention.rule.startswith("abbreviation:"):
            aliases[mention.name] = mention.rule.split(":", 1)[1]
        inner = re.search(r"\(([^()]{2,8})\)$", mention.name)
        if inner and not re.search(r"\d|点|基地|中心", inner.group(1)):
            aliases[inner.group(1)] = mention.name
        for other in _other_name_after(text, mention):  # 中原股权交易中心(四板): the bracket is its other name
            aliases[other] = mention.name
    for mention in extraction.mentions:  # 光电信息福建省实验室(闽都创新实验室): a name of its kind in brackets is its other name
        full = ends.get(mention.span[0] - 1)
        if full and full.type == mention.type and text[mention.span[0] - 1] in "(（" and text[mention.span[1] : mention.span[1] + 1] in ")）":
            aliases.setdefault(mention.name, full.name)
    return aliases


@dataclass(frozen=True)
class PlanIdentities:
    """The identity key of every mention of one plan, and what the plan says of each key.

    It depends on that plan alone (and the lexicon and user rules), so plans can be
    resolved in parallel and an unchanged plan's identities can be kept between builds.
    """

    doc_id: str
    keys: dict  # (span, name) -> key
    forms: dict  # key -> {surface form: how often the plan writes it (0: known, not written)}
    types: dict  # key -> {type: weight}
    places: tuple = ()  # places, indicators and statuses the plan names, described in the shared graph
    indicators: tuple = ()
    statuses: tuple = ()


def _kept_apart(scoped: str, key: str, rules: AliasRules, lexicon: Lexicon, meta: Metadata) -> str:
    """Give one of two names the user keeps apart its own key, the same one in every plan."""
    for pair in rules.keep_apart:
        if scoped in pair:
            (other,) = pair - {scoped}
            if identity_key(scope_name(other, meta, lexicon), lexicon) == key and scoped > other:
                return f"{key}|{scoped}"
    return key


def resolve_plan(ex: Extraction, lexicon: Lexicon, rules: AliasRules | None = None) -> PlanIdentities:
    """Assign every mention of one plan an identity key.

    The user's rules (data/aliases.csv) come last: a merge joins two names whatever the
    text says; keep_apart undoes any merge the rules above would make between two names.
    """
    rules = rules or AliasRules()
    meta = ex.document.metadata
    aliases = _aliases_in(ex, lexicon)
    mentions = list(ex.mentions) + [r.body for r in ex.responsibilities]
    tails = _tail_aliases(mentions, meta, lexicon)
    tails.update(_locator_forms(mentions, lexicon))
    keys: dict = {}
    forms: dict[str, Counter] = defaultdict(Counter)
    types: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        full = aliases.get(m.name, m.name)
        full = tails.get((full, m.type), full)
        if rules.apart(m.name, full):
            full = m.name
        scoped = scope_name(full, meta, lexicon, m.type)
        merged = rules.merge.get(scoped) or rules.merge.get(full) or rules.merge.get(m.name)
        key = identity_key(scope_name(merged, meta, lexicon, m.type) if merged else scoped, lexicon)
        key = _kept_apart(scoped, key, rules, lexicon, meta) if rules.keep_apart else key
        keys[(m.span, m.name)] = key
        forms[key][scoped] += 1
        for other in (m.name, full, *_other_name_after(ex.document.text, m)):
            forms[key][other] += 0
        types[key][m.type] += 10 - TYPE_PRIORITY.get(m.rule.split(":")[0], 6)
    return PlanIdentities(ex.document.doc_id, keys, {k: dict(v) for k, v in forms.items()}, {k: dict(v) for k, v in types.items()})


class IdentityTally:
    """What all plans say of each key, added up one plan at a time (a corpus never sits in memory)."""

    def __init__(self) -> None:
        self.forms: dict[str, Counter] = defaultdict(Counter)
        self.types: dict[str, Counter] = defaultdict(Counter)
        self.places: set[str] = set()
        self.indicators: set[str] = set()
        self.statuses: set[str] = set()

    def add(self, plan: PlanIdentities) -> None:
        for key, counts in plan.forms.items():
            self.forms[key].update(counts)
        for key, weights in plan.types.items():
            self.types[key].update(weights)
        self.places.update(plan.places)
        self.indicators.update(plan.indicators)
        self.statuses.update(plan.statuses)

    def entities(self) -> dict[str, Entity]:
        """One entity per key: the fullest form is the label, the type the plans weigh most."""
        entities = {}
        for key, counts in self.forms.items():
            # the fullest form a plan gives as the name; a form only seen and resolved to it
            # (老城区X社区 to X社区, an abbreviation) is an altLabel
            label = max(counts, key=lambda f: (counts[f] > 0, len(f), counts[f], f))
            alts = tuple(sorted(f for f in counts if f != label))
            weights = self.types[key]
            type_ = max(weights, key=lambda t: (weights[t], t))
            if type_ == "Policy" and "Program" in weights and label.endswith(PROGRAMME_TITLES):
                type_ = "Program"  # 《X人才行动计划》 cited, and run as one of the 人才扶持计划: the programme
            entities[key] = Entity(key, type_, label, alts)
        return entities


def combine_identities(plans) -> dict[str, Entity]:
    """One entity per key across plans."""
    tally = IdentityTally()
    for plan in plans:
        tally.add(plan)
    return tally.entities()


def resolve(extractions: list[Extraction], lexicon: Lexicon, rules: AliasRules | None = None) -> Resolution:
    """Resolve every plan and combine: keys by (plan, span, name), entities by key."""
    plans = [resolve_plan(ex, lexicon, rules) for ex in extractions]
    keys = {(p.doc_id, span, name): key for p in plans for (span, name), key in p.keys.items()}
    return Resolution(combine_identities(plans), keys)


def _tail_aliases(mentions, meta: Metadata, lexicon: Lexicon) -> dict:
    """A name that is the tail of one longer same-type name after a place (河南省X / X) is it."""
    names = {(m.name, m.type) for m in mentions if m.type != "Policy"}
    places = tuple(p for p in (meta.province, meta.city, meta.city[:-1] if len(meta.city) > 2 else "", "国家", "省", "市") if p)
    out = {}
    for name, type_ in names:  # each place before the name looked up, not every other name compared
        longer = {place + name for place in places if (place + name, type_) in names}
        if len(longer) == 1:
            out[(name, type_)] = longer.pop()
    return out


LOCATOR = re.compile(r"^(?:[\u4e00-\u9fff]{1,4}(?:区|县)|高新区|经开区|开发区|自贸区|综保区)(?=[\u4e00-\u9fff“(])")


def _locator_forms(mentions, lexicon: Lexicon) -> dict:
    """A district or park written in front of a name that is complete without it is the
    entity's place, not part of its name (老城区洛阳古都科技产业社区 → 洛阳古都科技产业社区,
    高新区周山双创智慧岛 → 周山双创智慧岛): the prefixed form is an alias of the plain one."""
    names = {(m.name, m.type) for m in mentions if m.type not in ("Department", "Policy", "Program", "Fund")}
    out = {}
    for name, type_ in names:
        locator = LOCATOR.match(name)
        if not locator:
            continue
        rest = name[locator.end() :]
        if (rest, type_) in names and lexicon.suffix_type(rest) and len(rest) >= 4:
            out[(name, type_)] = rest
    return out


INDICATOR_OPENINGS = re.compile(r"^(?:全市|全省|全区|全县|我市|本市|全社会|地区)+")
INDICATOR_ENDINGS = re.compile(r"(?:的)?(?:数量|总数|数目|个数|家数|人数|数)$")
INDICATOR_WORDS = (("规模以上", "规上"), ("地区生产总值", "GDP"), ("国内生产总值", "GDP"), ("生产总值", "GDP"),
                   ("研究与试验发展", "研发"), ("R&D", "研发"), ("(", ""), (")", ""))


def indicator_key(name: str, synonyms: dict[str, str] | None = None) -> str:
    """The quantity an indicator's name measures, so that plans' wordings of it line up as one
    concept (高新技术企业数, 高新技术企业数量, 高新技术企业 → 高新技术企业; 占生产总值比重 → 占GDP比重).

    >>> [indicator_key(n) for n in ("高新技术企业数", "全市高新技术企业数量", "高新技术企业")]
    ['高新技术企业', '高新技术企业', '高新技术企业']
    >>> indicator_key("全社会研发经费投入占地区生产总值比重")
    '研发经费投入占GDP比重'
    >>> indicator_key("研发投入强度", {"研发投入强度": "研发经费投入强度"})
    '研发经费投入强度'
    """
    key = unicodedata.normalize("NFKC", name).replace("“", "").replace("”", "").replace('"', "")
    for long, short in INDICATOR_WORDS:
        key = key.replace(long, short)
    key = INDICATOR_OPENINGS.sub("", key)
    stripped = INDICATOR_ENDINGS.sub("", key)
    key = stripped if len(stripped) >= 2 else key
    return (synonyms or {}).get(key, key)
