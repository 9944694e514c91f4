"""The taxonomy's conventions table as data: each retail situation (情況) with its labels.

A `Situation` is one row of "Conventions for common cases" in taxonomy.md: the terms
that reveal it, the objects it needs nearby (a smell near food is rule F, a smell near
the toilets is hygiene), the labels it implies, and how time changes it (an injury
reported afterwards is `important`, one happening now is `urgent`). Terms are regular
expressions over normalised text (see `routing.classify.text`), written from the
taxonomy and retail vocabulary, never tuned on the development set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from routing.classify.rules.lexicon import APP, FACILITY, FOOD, FOOD_AREA, GOODS, PLACE, PROMOTION, STAFF, alt, gap

Tense = Literal["incident", "theft"]


@dataclass(frozen=True)
class Situation:
    """One retail situation and the labels the conventions table gives it."""

    name: str
    category: str
    subcategory: str
    urgency: str
    theme: str
    terms: str
    own: str | None = None
    """Objects this situation is about; required nearby when `needs_own`."""
    needs_own: bool = False
    rivals: str | None = None
    """Objects that claim the same terms for another situation when they are nearer."""
    not_after: str | None = None
    """Words right before a term that cancel it, beyond ordinary negation ("快过期", "怀疑我偷")."""
    negatable: bool = True
    tense: Tense | None = None
    kind: str | None = None
    """The kind this situation suggests when it is the only thing said (a stock request is a suggestion)."""
    raise_if: str | None = None
    """Words anywhere in the text that raise this situation to `raise_to` (the only wheelchair lift)."""
    raise_to: str | None = None
    problem: bool = True
    """False for what is not a fault: a question, a request for something new, an opinion."""
    decides: bool = True
    """False for generic cues (a question mark, the word 促銷) that say too little to fix category and urgency."""
    yields_to: tuple[str, ...] = ()
    """Situations that explain this one when both are found (goods broken by the delivery driver are a delivery fault)."""
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    own_pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    rival_pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    not_after_pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    raise_pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", re.compile(self.terms))
        for name, source in (("own_pattern", self.own), ("rival_pattern", self.rivals), ("not_after_pattern", self.not_after),
                             ("raise_pattern", self.raise_if)):
            object.__setattr__(self, name, re.compile(source) if source else None)

    @property
    def safety(self) -> bool:
        return self.category == "safety"


# ---------------------------------------------------------------- shared word lists
_NOT_YET_EXPIRED = r"(?:快要?|即将|将要|马上就?要?|还没有?|没有?|未|临|并未|not yet |not |isn't |wasn't |nearly |almost )$"
_ACCUSED = (
    r"(?:怀疑|以为|当|说|诬陷|冤枉|指|骂|污蔑|诬赖|认定)(?:我|我们|人|顾客|他|她|客人)?(?:是|在|有)?$"
    r"|(?:好像|像|当成|当作|看成)(?:我|我们)(?:是)?(?:个|一个)?$"
    r"|(?:accused (?:me|us|him|her) of |called (?:me|us|him|her) a |like a |thought (?:i|we) (?:was|were) )$"
)
_EXPIRABLE_NON_FOOD = alt(APP, PROMOTION, "灭火器", "消防", "保修", "证件", "护照", "化妆品", "护肤品", "面霜", "药",
                          "extinguisher", "warranty", "licen[cs]e", "cosmetics", "passport")
_ELECTRICAL = alt(
    "充电器", "充电宝", "电池", "插头", "插座", "电器", "电线", "取暖器", "电暖器", "电水壶", "水壶", "电饭煲", "吹风机",
    "风扇", "手机", "电脑", "灯", "电热毯", "电源", "延长线", "插线板", "charger", "power bank", "batter(?:y|ies)", "plug",
    "socket", "heater", "kettle", "appliance", "cable", "lamp", "extension lead", "toaster", "phone", "laptop",
)
_EXIT = alt(
    "安全出口", "消防通道", "消防门", "防火门", "逃生通道", "疏散通道", "紧急出口", "消防楼梯", "消防梯", "安全通道", "后楼梯",
    "逃生门", "逃生出口", "太平门", "出口", "fire exits?", "emergency exits?", "fire doors?", "fire escapes?", "fire lanes?",
    "exit doors?", "escape routes?", "exits?",
)
_BLOCKED = alt(
    "堵", "挡", "锁", "封", "堆", "占", "停满", "停了", "放满", "塞", "关着", "关死", "链", "拦", "杂物", "纸箱", "货物",
    "箱子", "blocked", "locked", "chained", "obstructed", "piled", "cluttered", "shut", "padlocked", "stacked", "boxes",
    "pallets", "barred", "parked",
)
_FIRE_KIT = alt(
    "灭火器", "消防栓", "消火栓", "喷淋", "烟感", "烟雾报警器", "烟雾感应器", "烟雾探测器", "火警报警器", "火警铃", "火警警报",
    "消防警报", "消防设施", "消防设备", "应急灯", "疏散指示", "指示灯", "出口标志", "逃生标志", "fire extinguishers?",
    "sprinklers?", "smoke (?:detectors?|alarms?)", "fire alarms?", "exit signs?", "emergency lights?", "hose reel",
)
_FIRE_KIT_FAULT = alt(
    "坏", "过期", "不见", "没了", "丢", "空", "失效", "不亮", "不响", "在响", "一直响", "拆", "挡", "堆", "用不了",
    "红区", "没有", "缺", "被", "missing", "expired", "broken", "empty", "not working", "out", "blocked", "going off",
    "beeping", "sounding", "gone", "removed", "covered", "ringing",
)
_PESTS = alt("蟑螂", "老鼠", "老鼠屎", "鼠屎", "鼠粪", "鼠", "苍蝇", "果蝇", "蚂蚁", "虫", "蛆", "cockroach(?:es)?",
             "roach(?:es)?", "rats?", "mice", "mouse", "flies", "ants", "droppings", "pests?", "vermin", "maggots?",
             "weevils?")
_FOOD_PLACES = alt(FOOD, FOOD_AREA, "货架", "shel(?:f|ves)", "counter")
_BLOCKING_SHOPPING = alt(
    r"唯一", r"所有.{0,8}(?:都)?(?:坏|用不了|不能|停)", r"全部.{0,6}(?:坏|用不了|死机|停)", "全店", "都死机", "根本没法",
    r"无法(?:购物|结账|付款|上楼|下楼|进|出|买)", r"没法(?:结账|付款|买|上楼|购物|出)", "结不了账", "付不了", r"不能(?:结账|付款)",
    "轮椅", "残疾", "上不了", "下不了", "出不去", "进不去", r"\bevery\b",
    r"all (?:the )?(?:card readers?|card machines?|tills?|lifts?|elevators?|payment)", r"only (?:lift|elevator|way)",
    "wheelchair", r"(?:couldn't|can't|cannot) (?:pay|check out|get (?:up|in|out|upstairs|downstairs))", r"no way to (?:pay|get)",
    "出不到", "入不到", "出不了", "进不了", "走不了",
)
_BIG_LOSS = alt(
    r"损失(?:很大|惨重|几千|上千|好几千|不少|严重|巨大)", r"几千(?:块|元)", r"上千(?:块|元)", "好几千", r"[1-9]\d{3,}\s*(?:块|元|蚊)",
    r"严重(?:的)?质量问题", r"(?:质量|问题)(?:很|非常|太)?严重", "批量", "整批", "一整批", r"全部都坏", r"[几两三四五六七八九一]千多?(?:块|元|蚊)?", r"lost (?:a lot|hundreds|thousands)", r"cost me (?:a fortune|hundreds|thousands)",
    r"[$£€¥]\s?\d{3,}", "serious", "whole batch",
)

# ---------------------------------------------------------------- the table
SITUATIONS: tuple[Situation, ...] = (
    # --- safety: food (rule F), always urgent
    Situation(
        "food_expired", "safety", "food_safety", "urgent", "過期",
        alt("过期", "过了保质期", "超过保质期", "超出保质期", "保质期已过", "保质期过了", "过了期", "expired", "过了日期",
            r"保质期.{0,4}(?:到|至|截至)(?:上个?月|昨天|前天|上周|上星期|去年|前几天)", r"date (?:has |had )?passed",
            r"past (?:its|the|their) (?:use[- ]?by|best[- ]?before|sell[- ]?by|expiry)(?: date)?", "out of date",
            r"use[- ]?by date (?:has |had )?passed", "gone past (?:its|the) date", "expiry date has passed"),
        own=FOOD, rivals=_EXPIRABLE_NON_FOOD, not_after=_NOT_YET_EXPIRED,
    ),
    Situation(
        "food_spoiled", "safety", "food_safety", "urgent", "變質",
        alt("臭", "发臭", "馊", "酸了", "变酸", "发酸", "酸味", "是酸的", "酸酸的", "变味", "异味", "怪味", "味道不对", "味道怪",
            "味道很怪", "不对劲", "哈喇", "发黏", "黏黏", "变质", "腐烂", "烂了", "烂掉", "都烂", "坏了", "坏掉", "变坏", "坏的",
            "不新鲜", "不够新鲜", "发黑", "发绿", "有虫", "长虫", "生虫", "虫子", "蛆", "发霉", "长霉", "霉", "长毛", "胀袋",
            "胀包", "胀罐", "胀气", "胀得", "胀起", "鼓包", "鼓起", "鼓鼓", "漏气", "没熟", "没煮熟", "未熟", "不熟", "血水",
            r"smell(?:s|ed|ing)? (?:really |very |so )?(?:bad|off|awful|funny|rotten|weird|strange|sour|horrible|disgusting|wrong)",
            "stinks?", "stank", "rott(?:en|ing)", r"spoil(?:ed|t)", "gone off", "went off",
            r"(?:was|is|were|are|smelled|tasted|tastes|smells) off", "sour", "rancid", r"mou?ldy", r"mou?ld", "slimy",
            "bloated", "swollen", "undercooked", r"raw (?:inside|in the middle)", "maggots?", "worms?", "weevils?",
            r"tast(?:ed|es) (?:weird|funny|strange|bad|wrong)", "gone bad", "went bad", "bad eggs?", r"discolou?red",
            "puffed up", "bulging"),
        own=FOOD, needs_own=True, rivals=alt(PLACE, _ELECTRICAL, FACILITY),
        not_after=r"(?:摔|压|砸|碰|弄|打|撞|踩|掉|放)$",
    ),
    Situation(
        "food_foreign_object", "safety", "food_safety", "urgent", "異物",
        alt("异物", "头发", "毛发", "玻璃", "石子", "石头", "沙子", "铁丝", "钉子", "螺丝", "塑料", "金属", "创可贴", "指甲",
            "烟头", "苍蝇", "虫", "蟑螂", "hair", "glass", "metal", "plastic", "stone", "grit", "wire", "screw", "nail",
            "band-?aid", "plaster", "fingernail", "cigarette", "fly", "insect", "bug", "cockroach", "bone fragment"),
        own=FOOD, needs_own=True, rivals=alt(PLACE, "地下", "货架"),
    ),
    Situation(
        "food_foreign_object_named", "safety", "food_safety", "urgent", "異物",
        alt("异物", r"foreign (?:object|body|matter|objects|bodies)", "吃到了?.{0,4}(?:东西|硬物)", "吃出"),
    ),
    Situation(
        "food_illness", "safety", "food_safety", "urgent", "食物中毒",
        alt("食物中毒", "上吐下泻", r"吃坏了?肚子", "吃坏", "food poisoning", "poisoned"),
    ),
    Situation(
        "food_illness_after_eating", "safety", "food_safety", "urgent", "食物中毒",
        alt("中毒", "拉肚子", "跑厕所", "肚子不舒服", "腹泻", r"呕(?!心)", "呕吐", "吐了", "一直吐", "想吐", "就吐", r"肚子(?:很|好|一直)?(?:疼|痛)", "肚痛", "胃痛",
            "胃疼", "过敏", "发烧", "进医院", "住院", "看医生", "不舒服", "头晕", r"\bsick\b", r"\bill\b", r"vomit(?:ed|ing)?",
            "threw up", "throwing up", r"diarrh(?:o)?ea", r"stomach (?:ache|pain|cramps|upset|bug)", "upset stomach",
            "allergic reaction", "hospital", "rash", "nause(?:a|ous)", "unwell"),
        own=alt(FOOD, "吃", "喝", "食", "尝", "试吃", "eat(?:s|ing|en)?", "ate", "drink(?:s|ing)?", "drank", "tasted"),
        needs_own=True,
    ),
    Situation(
        "pests_on_food", "safety", "food_safety", "urgent", "蟲害", _PESTS,
        own=_FOOD_PLACES, needs_own=True,
    ),
    # --- safety: fire (火警) and electrical hazards
    Situation(
        "fire", "safety", "fire", "urgent", "火警",
        alt("着火", "起火", "失火", "火灾", r"火警(?!器|铃|警报|报警)", "烧起来", "烧着", "冒烟", "冒火", "火苗", "明火", "火花",
            "打火", "电火花", "焦味", "烧焦", "短路", "漏电", "触电", "爆炸", "炸了", "爆了", "炸开", "爆开", "煤气味", "燃气味", "煤气泄漏", "燃气泄漏", "有烟",
            "smoke", "smoking", "on fire", "caught fire", r"\bfire\b(?! (?:exit|door|escape|sale|extinguisher|alarm|lane|route))",
            "flames?", "sparks?", "sparking", "burning smell", "smell of burning", r"smell(?:s|ing)? (?:of )?(?:burning|smoke|gas)", r"electric(?:al)? shock", "shocked me",
            "short circuit", "gas leak", r"smell(?:s)? of gas", r"explo(?:de|ded|sion)"),
        tense="incident",
    ),
    Situation(
        "wiring", "safety", "fire", "urgent", "電線",
        alt(r"电线.{0,6}(?:裸露|外露|破|露出|掉|垂|乱|断)", r"(?:裸露|外露)的?电线", r"插座.{0,6}(?:烧|黑|烫|冒|松|脱落)",
            r"插头.{0,4}(?:烫|烧|冒)", r"电箱.{0,6}(?:开着|没关|没锁)",
            r"(?:exposed|loose|dangling|bare|frayed) (?:wiring|cables?|wires?)", r"socket.{0,20}(?:burn|black|hot|spark|loose)"),
        tense="incident",
    ),
    Situation(
        "dangerous_goods", "safety", "hazard", "urgent", "危險商品",
        alt("发烫", "烫手", r"烫得(?:吓人|不行|要命|很)", r"(?:很|好|太)烫", "过热", "鼓包", "鼓起", "电到", "漏电", "触电", r"overheat(?:s|ed|ing)?",
            r"gets? (?:very |really |so )?hot", "swell(?:ed|ing)", "swollen", r"bulg(?:ing|ed|es)", "shock"),
        own=_ELECTRICAL, needs_own=True, rivals=FOOD,
    ),
    Situation(
        "exit_blocked", "safety", "fire", "urgent", "安全出口",
        f"{_EXIT}{gap(25)}{_BLOCKED}|{_BLOCKED}{gap(10)}{_EXIT}", tense="incident",
    ),
    Situation(
        "fire_equipment", "safety", "fire", "urgent", "消防設施",
        f"{_FIRE_KIT}{gap(30)}{_FIRE_KIT_FAULT}|(?:没有|缺少|不见|找不到|no|missing)\\s?.{{0,4}}{_FIRE_KIT}",
        tense="incident",
    ),
    # --- safety: present danger to people (rule H)
    Situation(
        "injury", "safety", "injury", "urgent", "受傷",
        alt("受伤", r"(?<![碰压])伤到", r"(?<![碰压])伤了", "摔伤", "扭伤", "扭到", "割伤", "划伤", "划破", "刮伤", "砸伤", "砸到", "砸中", "撞伤",
            r"撞到(?:了)?(?:人|头|腿|脚|手|我|他|她)", "被.{0,4}撞到", "烫伤", "夹伤", "夹到", "骨折", "流血", "出血",
            "晕倒", "昏倒", "晕过去", "摔倒", "滑倒", "跌倒", "绊倒", "摔了一跤", "跌了一跤", "摔跤", "送医", "送院",
            "救护车", r"(?:打|叫)120", "急救", "弄伤", "first aid", r"\bhurt\b", r"injur(?:y|ed|ies)", "bleeding",
            r"\bfell\b(?! apart| off| out| through| short)", r"fallen (?:over|down)", "slipped", "tripped", r"broke (?:his|her|my|their) (?:arm|leg|wrist|ankle|hip)",
            "sprain(?:ed)?", r"twisted (?:my|her|his) (?:ankle|knee)", "ambulance", "fainted", "collapsed", "concussion",
            r"burn(?:ed|t) (?:my|her|his) (?:hand|arm|finger)", r"cut (?:my|her|his) (?:finger|hand|leg|foot)",
            r"hit (?:my|her|his) head", "knocked (?:me|her|him) over", "got caught", "推倒", "撞倒", "被撞", "烫到", "烫红",
            r"烫(?:起|出)?泡", r"(?:头|手|脚|腿|膝盖|手臂|额头|脸|手指|腰|背|眼睛|嘴|下巴)(?:都|也)?(?:破了|肿了|青了|流血|受伤|骨折|擦伤|红肿|划破)",
            r"(?:my|her|his) (?:lost )?(?:son|daughter) (?:was|got) (?:hurt|injured)"),
        tense="incident", rivals=alt("价格", "价钱", "price"),
    ),
    Situation(
        "slip_hazard", "safety", "hazard", "urgent", "地滑",
        alt(r"(?:地|地面|地板|地上|地下|过道|走道|通道|门口|入口|楼梯|台阶|瓷砖|地砖|floor|aisle|entrance|stairs|steps|tiles?)"
            + gap(10) + r"(?:湿|滑|积水|有水|一滩水|一摊水|全是水|都是水|有油|油渍|洒了|结冰|wet|slippery|slick|spill|spilled|spilt"
            r"|puddle|water|oil|greasy|icy)",
            "湿滑", "地滑", "路滑", "很滑", "好滑", "太滑", r"漏水.{0,10}(?:地上|地面|地板)", "spillage", "wet floor",
            "slippery floor", r"没(?:有)?(?:放|摆|立)?(?:警示|提示|警告|小心地滑)(?:牌|标志|标识)", r"no (?:wet floor |warning )sign"),
        tense="incident",
    ),
    Situation(
        "falling_hazard", "safety", "hazard", "urgent", "安全隱患",
        alt(r"货架.{0,6}(?:松|摇|晃|倾斜|歪|倒了|倒下|塌|不稳|快倒|散架)",
            r"(?:货物|箱子|纸箱|东西|商品|瓶子|罐头|货|玩具|物品|重物|花盆|招牌|灯|吊顶|天花板|天花|广告牌|饮料|boxes?|goods|stock"
            r"|items?|cans|bottles|sign|ceiling|light fitting|tiles?).{0,8}(?:掉下|掉落|砸|快掉|要掉|摇摇欲坠|堆得太高|堆太高|堆得很高"
            r"|倒塌|塌|脱落|fell|falling|fall|about to fall|collapsed|collaps|came down|crashing down)",
            r"堆.{0,4}(?:太高|很高|过高|得高|好高|咁高|这么高)", "摇摇欲坠", r"掉下(?:来)?一",
            r"shel(?:f|ves).{0,15}(?:collapsed|collapse|fell|falling|loose|wobbly|unstable|tipping|leaning)",
            "stacked too high", r"(?:钉子|铁皮|铁片|螺丝|尖角|利角).{0,8}(?:露|突出|翘|锋利)", r"碎玻璃|玻璃渣|玻璃碴|玻璃.{0,6}(?:碎|一地)",
            r"(?:broken|shattered) glass", r"glass (?:everywhere|on the floor)",
            r"(?:瓷砖|地砖|地板|地毯|台阶|栏杆|扶手|楼梯).{0,6}(?:翘|松|裂|破|断|凸|坑|洞)",
            r"(?:loose|broken) (?:tiles?|railing|handrail|step|carpet)", r"trip(?:ping)? hazard", "sharp edges?",
            "exposed nails?", "nails? sticking out"),
        rivals=FOOD, tense="incident",
    ),
    Situation(
        "machine_hazard", "safety", "hazard", "urgent", "設備傷人",
        alt(r"(?:扶梯|电梯|自动门|玻璃门|卷闸门|卷闸|闸门|门|escalator|lift|elevator|door|gate).{0,10}"
            r"(?:夹|倒转|逆转|倒行|突然加速|突然停|急停|困|卡人|关人|夹人|trapped|reversed|jerked|sudden)",
            r"(?:被困|困在|困住|关在).{0,6}(?:电梯|升降机|lift|elevator)", r"trapped in (?:the |a )?(?:lift|elevator)"),
        tense="incident",
    ),
    Situation(
        "lost_child", "safety", "personal_safety", "urgent", "走失",
        alt("走失", r"(?:孩子|小孩|女儿|儿子|小朋友)不见了", r"找不到(?:我的)?(?:孩子|小孩|女儿|儿子)", r"lost (?:child|kid)",
            r"lost my (?:son|daughter|child|kid)", r"(?:my |our )?lost (?:son|daughter|child|kid|boy|girl)", "missing child", r"can't find my (?:son|daughter|child|kid)"),
        tense="incident",
    ),
    Situation(
        "theft", "safety", "theft", "important", "盜竊",
        alt(r"偷(?!拍|偷|懒|工|吃|看|听)", "小偷", "扒手", "扒窃", "抢劫", "被抢", "抢走", r"抢了(?!购)", "抢我", "顺手牵羊",
            "被人拿走", "被拿走", "被盗", "盗窃", "撬", "without paying", r"didn't pay", "walked out with", r"(?:钱包|手机|包|单车|自行车|车)(?:不见了|丢了|被)", "stole", "stolen",
            r"thie(?:f|ves)", "theft", r"pickpocket(?:ed|s)?", r"snatch(?:ed|er)?", "robbed", "robbery", "mugged",
            r"shoplift(?:ing|er|ers)?"),
        not_after=_ACCUSED, tense="theft",
    ),
    Situation(
        "violence", "safety", "personal_safety", "urgent", "打架",
        alt("打架", "斗殴", "打人", "打了我", "打我", "动手", "推搡", "推人", "推了我", "殴打", "打伤", "挥拳", "持刀",
            "拿着刀", "拿刀", "挥刀", "大打出手", r"fight(?:ing)?", r"punch(?:ed|ing)?",
            r"hit (?:me|him|her|someone|a customer|my)", r"assault(?:ed)?", r"attack(?:ed|ing)?", "knife", "weapon",
            r"pushed (?:me|her|him)", "shoving", "brawl"),
        tense="incident", not_after=r"(?:要|想|扬言|威胁|还要|说要|准备|会|going to |threaten(?:ed|ing)? to )$",
    ),
    Situation(
        "harassment", "safety", "personal_safety", "urgent", "騷擾",
        alt("骚扰", "性骚扰", "非礼", "猥亵", "偷拍", "跟踪", "尾随",
            r"(?:有人|有个人|男的|男人|陌生人|陌生男|怪人|醉汉|一个人|一个男).{0,8}(?:跟着|跟住|盯着|一直看)",
            r"摸(?:我|她|女)", "露体", "暴露狂", "醉汉", "酒鬼", "发酒疯", "耍流氓", r"harass(?:ed|ing|ment)?",
            r"grop(?:ed|ing|e)", r"stalk(?:ed|ing|er)?", r"(?:someone|a man|a guy|stranger|man|guy) (?:is |was |keeps |kept )?following",
            r"flash(?:ed|er|ing)", "upskirt", r"filming (?:me|women|her|girls)",
            r"took (?:photos|pictures|videos) of (?:me|women|her)", r"drunk (?:man|guy|customer|person)", "creep"),
        tense="incident",
    ),
    # --- service (服務類)
    Situation(
        "insult", "service", "attitude", "important", "侮辱",
        alt(r"骂(?:我|顾客|客人|人|我们|我妈|我爸|老人|小孩|孩子|他|她)", "辱骂", "侮辱", "羞辱", "歧视", "看不起", "瞧不起",
            "嘲笑", "取笑", "笑我", "讥讽", "讽刺我", "人身攻击",
            r"说我(?:是)?(?:穷|乡下|乞丐|小偷|贼|土|傻|笨|丑|胖|老|没钱)", r"骂我是", r"当众(?:搜|骂|羞辱|批评|指责|说)",
            r"当着.{0,8}面.{0,4}(?:搜|骂|说|翻)", r"搜(?:我的)?(?:包|身)", r"怀疑我(?:偷|拿)", r"当我是?(?:小偷|贼)",
            "诬陷", "冤枉我", "外地人", r"不让(?:老人|残疾)", r"insult(?:ed|ing)?", r"humiliat(?:ed|ing)", r"discriminat(?:ed|ion|ing)",
            "racist", r"called me (?:a |an |stupid|names|poor|thief)", "accused me of", r"search(?:ed)? my bag", "mocked",
            r"laughed at (?:me|us|my)", r"swore at (?:me|us)", r"cursed at (?:me|us)", "made fun of",
            r"treated (?:me|us) like (?:a )?(?:thief|criminal)"),
    ),
    Situation(
        "attitude", "service", "attitude", "general", "態度",
        alt(r"态度" + gap(5) + r"(?:差|恶劣|不好|冷淡|差劲|烂|嚣张|恶心|冷漠|不行|有问题|傲慢|一般)",
            r"推销.{0,4}(?:强硬|烦|太|硬)", "强行推销", "硬推销", r"(?:导购|推销|销售|店员).{0,8}一直跟着", "pushy", "hard sell",
            r"骂(?:员工|店员|下属|同事|职员)", r"(?:抱怨|投诉|不满)" + gap(10) + "态度",
            "不耐烦", r"黑着?脸", "黑口黑面", "不理人", "不理我", "不理顾客", "爱理不理", "不搭理", r"没有?(?:人)?理(?:我|人)", "翻白眼", "白眼", "黑脸",
            "臭脸", "脸色难看", "摆脸色", "甩脸", "冷淡", "冷漠", r"没有?礼貌", "不礼貌", "无礼", "很凶", "好凶", "太凶", "凶巴巴",
            "凶我", "吼", "呵斥", r"大声(?:说|骂|喊|训)", "阴阳怪气", "玩手机", r"(?:只顾|在|一直)聊天", "讲电话", "不专业",
            "推卸责任", r"不关(?:我|他|她)?们?的?事", r"服务(?:很|太|非常|真|好|超|也)?差", "爱答不理", "懒得理", "冷冰冰", "不友善", "不客气", "粗鲁", "蛮横", "凶神恶煞",
            r"语气(?:很|太|非常|好)?(?:差|不好|冲|凶|恶劣)", r"口气(?:很|太|好)?(?:差|冲|凶)", r"(?:跟|和)(?:我|顾客|客人)吵", "顶撞",
            r"(?:不|没有?|拒绝)道歉", "一问三不知", "问什么都不知道", "忽悠", "强买强卖", "摆架子", r"没有?(?:人)?回复", "不回复",
            "石沉大海", r"不回(?:电话|消息)", "敷衍了事", "互相推", r"不(?:给|肯)(?:解决|处理)", "不理睬", "不搭理人",
            "unprofessional", "unapologetic", r"didn't (?:apologi[sz]e|care|help)", "no apology", r"never (?:called|got) back",
            "no one replied", "nobody replied", r"说话.{0,3}(?:大声|凶|冲|难听)", "推诿", "踢皮球", "敷衍", "不负责", "傲慢", "嚣张", r"扔(?:在|到)?.{0,2}(?:台|桌|柜)", "不情愿",
            r"rude(?:ly)?", "impolite", "unfriendly", "unhelpful", "ignored", "ignoring", "dismissive",
            r"(?:bad|poor|terrible|awful|horrible) attitude", "attitude problem", "shouted", "yelled", "snapped at",
            r"rolled (?:her|his|their) eyes", "condescending", "arrogant", r"on (?:her|his|their) phones?", "chatting",
            "couldn't care less", "disrespectful", "sarcastic", "grumpy", "unprofessional"),
    ),
    Situation(
        "waiting", "service", "waiting", "general", "排隊",
        alt("排队", r"排了.{0,6}队", "排长队", "人手不足", "人手不够", r"员工太少", r"只有一个(?:人|收银员|员工)", "等老半天", "半天没人",
            r"(?:结账|收银台|收银)(?:的)?(?:人|队)?太(?:多|少|长)", "understaffed", r"not enough (?:staff|tills|cashiers)", "排很长", "队伍", "长龙", "人龙",
            r"等了.{0,8}(?:分钟|分|小时|钟|半天|很久|好久|一个钟|半个钟|个钟|钟头|多久)",
            r"等(?:了)?(?:太久|很久|好久|半天|半小时|一个小时|好长时间|很长时间)", "等半天", "慢吞吞",
            r"(?:结账|收银|服务|处理|效率|上菜|称|出单|办理|速度|动作|反应)(?:很|太|好|非常|超|真|特别)?慢",
            r"效率(?:低|太低|很低|差)", r"只开了?(?:一|两|1|2)(?:个|间|条)", r"收银台.{0,8}(?:只开|没开|不开|太少|不够)",
            r"没有?人(?:结账|收银|服务|理|来|帮|招呼|接待)", r"找不到.{0,3}(?:店员|员工|工作人员|人帮|人问)",
            r"叫了.{0,4}(?:次|遍).{0,6}没人", r"(?:电话|热线).{0,6}(?:打不通|没人接|没人听|占线)", "打不通",
            r"queu(?:e|es|ing)", r"(?:line|wait) (?:was|is) (?:so |very )?(?:long|huge|ages)", r"long (?:line|wait|queue)",
            "waited", "waiting", r"wait(?:ed)? (?:for )?(?:ages|forever|\d+ (?:minutes|mins|hours))", r"\bslow\b",
            r"only (?:one|1|two|2) (?:till|tills|checkout|checkouts|cashier|lane)s? open", "no staff",
            r"nobody (?:came|to help|at the|answered|answers)", r"no one (?:came|to help|at the|answered)",
            r"couldn't find (?:any )?(?:staff|anyone|someone)", r"took (?:forever|ages)"),
    ),
    Situation(
        "procedure", "service", "procedure", "general", "手續",
        alt(r"(?:退货|退款|换货|退换|发票|开票|办卡|办会员|会员卡?(?:办理|注册|申请)|手续|流程|程序|审批|售后|保修|维修|退钱|赔偿)"
            r".{0,12}(?:麻烦|繁琐|复杂|慢|难|不给|不让|拒绝|不能|不肯|推|等了?|要求|还没|没到账|不退|填|签字|证明|太久|几天|一个月|拖)",
            r"不给(?:退|换|开|办)", r"不让(?:退|换)", r"拒绝(?:退|换)", r"不肯(?:退|换)", r"(?:退款|退钱).{0,8}(?:没到账|还没|没收到|没有收到|慢|拖)",
            r"(?:refund|return|exchange|receipt|invoice).{0,30}(?:took|slow|refused|wouldn't|won't|complicated|hassle|forever"
            r"|still|not yet|haven't|hasn't|weeks|days|ages|difficult|nightmare)",
            r"(?:refused|wouldn't|won't|didn't) .{0,20}(?:refund|return|exchange|give me a receipt)", "red tape", "paperwork",
            "才能退", "不能退", "退不了", "退不到", "退货政策", "退换政策", r"return(?:s)? policy", r"(?:不|没|不肯|不给)开(?:发票|收据|小票)",
            r"发票.{0,6}(?:开错|错了|不给|拖)", r"(?:退款|退货|换货)(?:很|太|好)?(?:难|慢|麻烦)", r"手续(?:很|太|好)?(?:麻烦|繁琐|复杂)",
            r"refund (?:still|hasn't|never|not)", "wouldn't give me a refund"),
    ),
    Situation(
        "staff_error", "service", "staff_error", "general", "出錯",
        alt("找错钱", "找错", "少找", "找少", r"少.{0,4}找", "算错", r"找零.{0,4}(?:错|少|不对)", "多找", "装错", "拿错", "漏装", "少装", "给错", "打错",
            "弄错", "搞错", "扫错", r"(?:员工|店员|收银员?|服务员|师傅|职员).{0,10}(?:错|忘了|忘记|漏了|弄丢|丢了|搞丢|弄坏)",
            r"(?:装|放|打包).{0,8}(?:一起|压碎|压坏|压扁)", "wrong change", r"short[- ]?changed", "gave me the wrong",
            r"packed .{0,40}(?:wrong|someone else|another)", r"someone else's (?:shopping|bag|order|items)",
            r"forgot to (?:give|pack|put|scan)", "mixed up", r"wrong (?:item|order|size|product|bag)",
            r"missing (?:item|from my order)"),
        rivals=APP,
    ),
    Situation(
        "delivery", "service", "delivery", "general", "配送",
        alt(r"(?:送货|配送|外卖|快递|送到|送上门|网购|网上订|线上订|下单|订的|订单|到货).{0,14}"
            r"(?:迟|晚|慢|没到|还没到|没有到|延误|超时|少了|少送|漏|错|坏|破|碎|摔|不见)",
            r"(?:迟|晚)了?(?:送|到)", r"(?:下午|晚上|第二天|隔天|几天后|一周后)才(?:到|送到|送来)", r"delivery (?:was |is )?(?:late|delayed|missing|never|hasn't|didn't)", "late delivery",
            r"(?:order|delivery|parcel).{0,20}(?:late|delayed|missing|never (?:arrived|came)|hasn't arrived|didn't arrive|damaged)"),
    ),
    Situation(
        "staff_complaint", "service", "attitude", "general", "員工",
        alt(r"投诉" + gap(10) + STAFF, r"(?:员工|店员|经理|保安).{0,6}(?:不作为|推卸|推诿|不管|不处理)",
            r"complain(?:ing)? about (?:the |your |a )?(?:staff|cashier|manager|guard)"),
    ),
    # --- product (商品類)
    Situation(
        "overcharge", "product", "overcharge", "important", "多收",
        alt("多收", "多扣", "收多了", "扣多了", "收错钱", "扣错钱", r"价(?:格|钱)不对", r"小票上.{0,12}(?:多|错|不对|原价|贵)",
            r"(?:折扣|优惠|会员价|打折)(?:没有?|没)(?:打|给|算|用|扣)", r"原价(?:结算|收|算)", "按原价", r"charged (?:full|the wrong) price",
            r"receipt (?:shows|showed|says)", r"wrong price (?:at|on) the (?:till|receipt|checkout)", "多算", "多付", r"重复(?:收|扣)", r"(?:扣|收|扫|刷|付)了两次",
            r"(?:标价|价签|标签|价格牌|价钱牌|货架|写着|写的|标的|标着|海报|广告|宣传单|促销价|特价|优惠价|折扣价|会员价|shelf)"
            r".{0,18}(?:结账|结帐|收银|实收|收了|收我|扣了|扣我|付了|刷了|结算|买单|原价)",
            r"(?:结账|收银|结算).{0,10}(?:原价|不一样|不一致|不同|更贵|贵了|多了)",
            r"(?:特价|促销|优惠|折扣|打折|买一送一|买二送一|第二件半价|满减|八折|九折|半价|会员价|赠品).{0,16}"
            r"(?:没有?(?:按|给|打|算|送|优惠|减|扣)|不(?:打折|给|算|送|减)|还是原价|按原价|不认)",
            r"(?:写|标|显示)(?:着|的|了)?\s?[\d.]+.{0,14}(?:结账|收银|收了|收我|扣了|付了|刷了)",
            "缺斤少两", "短斤少两", "缺斤短两", "斤两不足", "分量不足", "重量不足", "称不准", r"秤.{0,8}(?:不准|有问题|少|差|作弊)",
            r"(?:重量|分量|斤两).{0,6}(?:少了|不够|不足|差了|不对)", r"连(?:袋子|盒子|包装)(?:一起)?(?:称|算)",
            r"(?:袋子|盒子|包装)的重量", r"overcharg(?:ed|ing|e)", r"charged (?:me )?(?:twice|double|more|extra|the wrong|the full)", r"charged at (?:the )?full price",
            r"double[- ]?charged", r"charged .{0,25}(?:but|instead|even though)",
            r"(?:shelf|label|tag|sign|ticket|display)(?: price)? (?:says|said|shows|showed|was|is).{0,40}(?:charged|till|checkout|paid|register)",
            r"(?:shelf|sticker|promo(?:tion)?|offer|discount|deal|sale) price.{0,30}(?:wasn't|was not|not|never|didn't) (?:applied|honou?red|given|get|come off)",
            r"(?:promo(?:tion)?|offer|discount|deal).{0,25}(?:wasn't|was not|not|didn't|never) (?:applied|honou?red|given|work|come off|go through)",
            r"didn't (?:get|apply|give) (?:me )?(?:the )?(?:discount|offer|promo|deal)", "short weight", "underweight",
            r"scales? (?:is |are |was )?(?:wrong|off|rigged|inaccurate)", r"rang up (?:wrong|twice)", "scanned twice"),
    ),
    Situation(
        "counterfeit", "product", "counterfeit", "important", "假貨",
        alt("假货", "假冒", "仿冒", "山寨", "冒牌", "盗版", "高仿", "不是正品", "非正品", "翻新机", "翻新货", "以次充好", "以旧充新",
            "掉包", r"\bfake\b", "counterfeit", r"knock-?off", "not genuine", "not authentic", "replica", "refurbished"),
    ),
    Situation(
        "goods_defect", "product", "quality", "general", "質量",
        alt("坏了", "坏掉", "坏的", "破了", "破损", "破洞", "烂了", "裂了", "裂开", "裂的", "碎了", "断了", "掉色", "褪色", "脱色",
            "开线", "开胶", "脱胶", "起球", "缩水", "变形", "生锈", "刮花", "划痕", "瑕疵", "次品", "残次",
            r"质量(?:很|太|好|非常|也|真)?(?:差|不好|有问题|一般|堪忧)", "质量问题", "不能用", "用不了", "不好用", "不工作", "不亮",
            "不转", "不响", "打不开", "开不了", "漏水", "漏油", "漏了", r"少了?(?:配件|零件|部件|说明书)", r"缺(?:配件|零件|件)", "凹",
            "瘪", "压坏", "压扁", "压碎", "摔坏", "不能充电", "充不进", "开不了机", "死机", "defective", "faulty", "broken",
            r"\bbroke\b", r"(?:doesn't|does not|won't|didn't) (?:work|turn on|charge|switch on|start|close|open)",
            "stopped working", "not working", "torn", "ripped", "cracked", r"leak(?:s|ed|ing)?", r"missing (?:parts|pieces)",
            r"(?:poor|bad|cheap) quality", r"f[ae]ll apart", "falling apart", "came apart", "scratched", "faded", "shrank",
            "shrunk", "dented", "damaged", "smashed", r"snapped(?! at)", r"\bbent\b", "rusty", "flimsy", r"\bfault\b", "掉漆", "脱漆",
            "甩漆", "掉光", "peeling",
            r"质量(?:不行|不好|差劲|很烂)", "做工差", "做工粗糙", "用不久", "一用就坏", "不耐用", "货不对板", r"与?(?:描述|图片|说明)不符",
            "跟描述不符", "包装破损", "漏液", r"尺码不对", r"尺寸不对", "颜色不对", "有瑕疵", "次货", "not as described",
            "poor workmanship", "cheaply made", "doesn't fit", "wrong size"),
        own=alt(GOODS, FOOD), rivals=alt(FACILITY, APP, FOOD_AREA), raise_if=_BIG_LOSS, raise_to="important",
        yields_to=("staff_error", "delivery"),
    ),
    Situation(
        "food_quality", "product", "quality", "general", "質量",
        alt("蔫", "发黄", "黄了", "碰伤", "压伤", "不甜", "口感差", "没味道", "太软", "变硬", "干硬", "不够熟", "太肥", "都是肥肉", "全是骨头",
            "都是冰", "注水", "缩水严重", r"(?:不|没)好吃", "不好吃", "难吃", "太咸", "好咸", "很咸", "太甜", "太淡", "太油", "太硬", "太老",
            "嚼不动", "干巴巴", "不脆", "口感差", r"味道(?:很|太)?(?:差|一般)", r"分量(?:很|太)?少", "个头小", "tasteless", "bland",
            "stale", "soggy", "too salty", "too sweet", r"\btough\b", "chewy", "wilted", "bruised", "overripe", "underripe",
            "not ripe", r"small portions?"),
        own=FOOD, needs_own=True,
    ),
    Situation(
        "price_high", "product", "price", "general", "價格",
        alt("越来越贵", "贵了好多", "贵得离谱", r"比(?:网上|网店|别家|别的超市|隔壁|市场|菜市场)贵", "价格虚高", "乱收费", "乱涨价", "价格不透明",
            "不值这个价", "不值", r"not worth (?:the|it)", "too pricey", r"dearer than", "那么贵", "这么贵", "太贵", "好贵", "很贵", "真贵", "超贵", "偏贵", "贵了", "贵得", r"比.{0,12}贵", "更贵", "涨价", "加价",
            r"价格(?:太|很|好|偏|超)?高", r"价钱(?:太|很|好|偏|超)?(?:高|贵)", "不划算", "坑人", "抢钱", "宰客", "宰人", "虚高",
            "expensive", "overpriced", "pricey", r"rip[- ]?off",
            r"prices? (?:are|is) (?:too |so |really |very )?(?:high|steep|crazy|ridiculous)", r"ridiculous(?:ly)? pric",
            r"price (?:went up|increase|hike|rise)", r"(?:raised|put up) (?:the |your )?prices?", "prices here",
            r"costs? too much", "too dear", r"prices (?:are )?(?:ridiculous|crazy|insane)"),
        rivals=alt("停车", "车位", "parking", "car park"),
    ),
    Situation(
        "price_question", "product", "price", "general", "價格",
        alt("多少钱", "什么价", r"价(?:格|钱)是多少", "几块钱", "怎么卖", r"how much (?:is|are|does|do)", r"what(?:'s| is) the price",
            "price of"),
        kind="inquiry", problem=False,
    ),
    Situation(
        "stock_out", "product", "stock", "general", "缺貨",
        alt("缺货", "没货", "没有货", r"(?:经常|总是|一直|常常|老是|又)(?:没有|没|买不到|缺)", "补货不及时", "供应不足", r"货架上(?:没有|没)",
            r"(?:never|always) (?:have|has) (?:none|nothing)", r"(?:none|nothing) left", r"(?:always|keep) running out", "断货", "无货", "卖完", "卖光", "售罄", "卖断", r"货架(?:上)?(?:空|都空)", "空货架", "补货", r"什么时候(?:补|有货|到货|再有|会有|进货)", r"补(?:一下|点|些)(?:货)?",
            "到货", r"还没有?上架", r"找了(?:好久|很久|半天|一圈|几圈)(?:都|也)?(?:没有|没找到|找不到)", "下架了", "不卖了", "停售", "没得卖", "买不到",
            r"找不到(?!.{0,3}(?:店员|员工|工作人员|人|厕所|洗手间|停车|车位|路|出口|价))", r"(?:显示|说|写)有货.{0,12}(?:没有|没)",
            "out of stock", "sold out", "no stock", r"(?:empty|bare) shel(?:f|ves)", r"shelves (?:are |were )?(?:empty|bare)",
            "restock", "ran out", "run out", "running out", "couldn't find", "can't find", "cannot find",
            r"stop(?:ped)? (?:selling|stocking|carrying)", r"no longer (?:sell|stock|carry)", "discontinued", "unavailable",
            r"never (?:have|has) (?:any|it)"),
    ),
    Situation(
        "stock_gone", "product", "stock", "general", "缺貨",
        alt("没有了", "没了", "都没有", "没得买", "找了好久都没有", "gone", r"none left", r"no more"),
        own=alt(FOOD, GOODS), needs_own=True,
    ),
    Situation(
        "stock_request", "product", "stock", "minor", "新商品",
        alt("引进", "多进", "进点", "进一些", r"(?<!跟)上架", "多卖", "卖一些", "卖些", "卖点", "有卖", "引入",
            r"多(?:一些|点|些)(?:品种|种类|口味|选择|款式)", r"增加.{0,6}(?:品种|种类|品牌|口味|选择|款式|商品|产品)",
            r"(?:希望|建议|能不能|可不可以|可以|请|最好).{0,6}(?:卖|进货|进点|进一些|多进|引进)",
            r"(?:if|could|can|would) you (?:carried|stocked|sold|carry|stock|sell)",
            r"please (?:stock|carry|sell|bring in|get in|add more)", r"(?:could|can|would) you (?:please )?(?:stock|carry|sell|start selling|bring in|get in)",
            r"would love (?:you to|if you) (?:stock|sold|carried|started)",
            r"more (?:vegetarian|vegan|gluten[- ]free|organic|halal|kosher|local|imported|healthy|sugar[- ]free)(?: \w+)? (?:options|products|choices|range|food)",
            r"wider (?:range|selection)", "start selling"),
        kind="suggestion", problem=False,
    ),
    Situation(
        "display", "product", "display", "minor", "陳列",
        alt(r"(?:价签|价格签|价钱牌|标价签|标签|价牌|价格牌|价格标签|标价|价目|价钱)(?:.{0,8})"
            r"(?:没有|缺|不见|错|不对|不清|对不上|模糊|乱|掉|看不清|没贴|没写|不一致|不符|不准|旧)",
            r"没(?:有)?(?:标价|价签|价钱|价格)", "不标价", "找不到价", r"货架.{0,6}(?:乱|脏乱|杂乱|不整齐)",
            r"(?:摆放|陈列|摆设|排列).{0,6}(?:乱|混乱|不整齐|不合理|差)", "乱放", "放错", "放乱", "摆错", "摆乱", "乱摆", "乱七八糟",
            "乱糟糟", "一团乱", "好乱", "很乱", "太乱", "乱晒", r"(?:分类|标识|指示牌|标志).{0,6}(?:乱|不清|没有|看不懂|混乱)", "不好找",
            r"(?:tags?|labels?|tickets?).{0,25}(?:missing|wrong|incorrect|gone|unclear|mixed up)",
            r"missing (?:price|label|tag)", r"no price (?:tags?|labels?|on)", r"unlabel(?:l)?ed", "unpriced", "messy", "untidy",
            r"disorgani[sz]ed", r"(?:shelves|aisles?) (?:are |is |were )?(?:a mess|messy|chaotic)", r"mislabel(?:l)?ed",
            r"wrong (?:label|price tag|shelf)", "hard to find", "can't find anything"),
        rivals=alt("停车", "车位", "厕所", "洗手间", "出口", "parking", "car park", "toilet"),
    ),
    # --- environment (環境類)
    Situation(
        "pests_elsewhere", "environment", "pests", "important", "蟲害", _PESTS,
        rivals=_FOOD_PLACES,
    ),
    Situation(
        "hygiene", "environment", "hygiene", "general", "衛生",
        alt("脏", "不干净", "不卫生", "脏乱差", r"环境(?:很|太|非常|好)?差", "卫生死角", r"味道(?:很|太|好)?重", "污糟", "邋遢",
            r"(?:地面|地上|地板)(?:很|太|好)?脏", "发霉的墙", "苍蝇乱飞", r"没人(?:打扫|清洁|清理)", r"(?:很久|好久)没(?:人)?(?:打扫|清洁)",
            "not cleaned", "never cleaned", "unswept", r"卫生(?:很|太|好|非常)?差", "邋遢", r"垃圾(?:满|没人|很多|到处|成堆|溢出|桶满)",
            r"满地(?:垃圾|纸)", "污渍", "污迹", "油污", "油腻", "灰尘", "积灰", "蜘蛛网", "恶臭", "臭", "异味", "难闻", "臭味",
            "尿骚", "尿味", "骚味", "霉味", r"(?:味道|气味)(?:很|好|太)?(?:大|难闻|重|怪)",
            r"没(?:有)?(?:厕纸|卫生纸|手纸|纸巾|洗手液|肥皂|擦手纸|香皂)", r"(?:厕所|马桶|洗手盆).{0,6}(?:堵|满|溢|没冲|冲不了)",
            r"地上.{0,6}(?:尿|呕吐物|吐的|口香糖|痰|纸巾|垃圾|脏)", r"尿(?!布)", r"(?<!鼠)屎", "恶心",
            "dirty", "filthy", "grimy", "grubby", r"smell(?:s|y|ed)?", r"stink(?:s|y)?", "stank", "stench", r"odou?r",
            "disgusting", "rubbish", "trash", "litter", "garbage", "unclean", "unhygienic",
            r"no (?:toilet (?:paper|roll)|soap|paper towels|hand towels)", r"sticky (?:floor|trolley)", "overflowing",
            "vomit on", "urine", "blocked toilet"),
        own=PLACE, rivals=FOOD,
    ),
    Situation(
        "temperature", "environment", "temperature", "minor", "溫度",
        alt(r"(?:冷|热|闷|冻)得(?:要命|要死|受不了|不行|发抖|很|难受)", "太冷", "好冷", "很冷", "冷死", "冻死", "太凉", r"(?:太|好|很)热(?!情|心|闹|门|卖|销|烈|爱|乎|点|线|水)", "热死", "闷热", "好闷", "很闷", "太闷",
            "不通风", r"通风(?:差|不好|不良)", r"空气(?:差|不好|不流通|浑浊|很差)", r"空调.{0,8}(?:太|不|没|坏|冷|热|小|大|低|高|开得|关|凉)",
            r"温度.{0,6}(?:太|不|低|高|调)", "freezing", r"too (?:cold|hot|warm|stuffy|chilly)", r"(?:it's|it is|bit|rather) (?:cold|hot|warm|chilly|stuffy)",
            r"(?:so|very|really|quite) (?:cold|hot|warm|stuffy|chilly)", "stuffy", r"air[- ]?con(?:ditioning)?", "heating",
            "ventilation", "sweltering", "boiling in", "no air"),
    ),
    Situation(
        "noise", "environment", "noise", "minor", "噪音",
        alt(r"(?<!大|争)吵(?!架|闹)", "嘈", "噪音", "噪声", "太大声", r"(?:声音|音量)(?:太|很|好|非常|超)?(?:大|响)", r"音乐.{0,6}(?:大|吵|响|难听)",
            r"广播.{0,6}(?:大|吵|响|频繁|一直)", "喇叭", "嘈杂", "noisy", "noise", r"(?:too |so |very |really )loud", "music",
            r"announcements?", "blaring", "racket"),
    ),
    Situation(
        "lighting", "environment", "lighting", "minor", "照明",
        alt(r"(?<![台吊壁])灯(?:光)?.{0,6}(?:暗|太亮|刺眼|闪|不亮|坏|灭)", r"光线.{0,4}(?:暗|差|不足|不好)", "太暗", "很暗", "好暗", "昏暗",
            "黑漆漆", "黑乎乎", "看不清路", r"\bdim\b", r"(?:too |very |really )dark", "lighting",
            r"lights? (?:are |is )?(?:out|off|flicker|broken|not working)", r"flicker(?:ing|s)?", "too bright", "glare"),
    ),
    Situation(
        "crowding", "environment", "crowding", "minor", "擁擠",
        alt("太挤", "好挤", "很挤", "挤死", r"没(?:有)?地方坐", r"座位(?:太)?少", r"(?:厕所|洗手间)(?:太)?少", r"(?:购物车|篮子|推车)(?:太少|不够)",
            "停车难", r"没有?车位", r"nowhere to sit", r"not enough (?:trolleys|baskets|seats|parking)", "拥挤", "挤得", "人太多", "人很多", "人好多", "人山人海", r"过道(?:太)?窄",
            r"通道(?:太)?窄", "走不动", "转不了身", "crowded", r"\bpacked\b", "rammed", "too narrow", "cramped",
            "overcrowded", "no room to"),
    ),
    Situation(
        "facility_broken", "environment", "facility", "minor", "設施",
        alt("坏", "故障", "死机", "不能用", "用不了", "停了", "停用", "停运", "不动", "卡住", "卡死", "不转", "失灵", "维修", "修理", "没修",
            "打不开", "锁不上", "关不上", "一直响", "响个不停", "异响", "怪声", "没水", "不出水", "没热水", "断了", "松了", "掉了", "缺了", "不够用", "太少", "太旧",
            "破旧", "生锈", "out of order", "broken", "not working", r"(?:doesn't|don't|won't) (?:work|open|close|move|lock)",
            "stuck", r"jamm(?:ed|ing)", "wobbly", "squeak", "out of service", "stopped", "no hot water", "not enough",
            "too few", r"\bold\b", "missing", r"什么时候(?:能|才能|可以)?修", "何时修", "还没修", "没修好",
            r"when will .{0,25}(?:be )?(?:fixed|repaired|working)"),
        own=FACILITY, needs_own=True, rivals=alt(GOODS, APP), raise_if=_BLOCKING_SHOPPING, raise_to="general",
    ),
    Situation(
        "parking", "environment", "parking", "minor", "停車",
        alt(r"(?:停车场|车位|停车).{0,8}(?:少|难|满|没有|不够|乱|收费.{0,3}(?:贵|高|乱|不合理)|贵|指示|标识|窄|小|难找)",
            r"(?:parking|car park).{0,20}(?:full|too few|not enough|expensive|hard|difficult|narrow|small|confusing|no spaces)"),
    ),
    # --- other (其他類)
    Situation(
        "app_failure", "other", "app", "general", "APP",
        alt("用不了", "不能用", "无法使用", "无法", "核销不了", "不能用券", "积分不见", r"积分(?:少了|清零|没了)", r"(?:券|积分|优惠)(?:不能|没法|无法)(?:用|使用|兑换)",
            "系统故障", "系统坏", "系统崩", "网络不好", r"(?:app|小程序).{0,6}(?:很卡|好卡|太卡|很慢)", "扫不了", "扫不出", "失败", "闪退", "崩溃", "卡死", "卡顿", "打不开", "登录不了",
            "登入不到", "登入不了", "登不进", "登录不上", "进不去", "报错", "出错", "错误", "没到账", "不到账", "没有到账", "还没到",
            "还没有", "没有显示", "不显示", "没显示", "不见了", "消失", "扣错", "少了", "没加", "没有加", "没提醒", "过期", "没收到",
            "收不到", "不能兑换", "兑换失败", "用不到", "领不了", "领不到", "不能领", "兑换不了", "扫不到", "无效", "登不上", r"crash(?:es|ed|ing)?", r"won't (?:load|open|let|work|scan)",
            r"not (?:working|loading|showing|accepted|valid)", r"doesn't (?:work|load|show)", r"didn't (?:work|show|arrive|get)",
            r"wasn't (?:accepted|applied|valid|added)", r"(?:was|were|got) rejected", "missing", "disappeared", "error",
            r"fail(?:s|ed)?", r"can't (?:log ?in|sign in|use|redeem)", r"couldn't (?:log ?in|use|redeem)",
            r"keeps? (?:crashing|freezing)", "frozen", r"\bbug\b"),
        own=APP, needs_own=True,
    ),
    Situation(
        "app_feature", "other", "app", "minor", "APP",
        alt(r"(?:app|小程序|网站|公众号|官网)[^,，。!?！？]{0,10}(?:增加|加一个|加个|添加|开通|上线|推出|功能|可以有|能有)",
            r"(?:希望|建议|能不能|可不可以|最好)[^,，。!?！？]{0,8}(?:app|小程序|网站|公众号|线上|网上|电子)[^,，。!?！？]{0,10}"
            r"(?:增加|加|添加|开通|提供|推出|功能|通知|预约|显示|下单)", "电子小票", "购物清单",
            r"(?:add|introduce|build|launch) (?:a |an )?(?:feature|app|option|function)",
            r"(?:app|website) (?:should|could) (?:have|let|allow|show)", r"would be (?:nice|great|good|helpful) if (?:the )?(?:app|website)",
            r"e-?receipts?"),
        kind="suggestion", problem=False,
    ),
    Situation(
        "promotion", "other", "promotion", "minor", "促銷", PROMOTION, problem=False, decides=False,
    ),
    Situation(
        "opening_hours", "other", "opening_hours", "minor", "營業時間",
        alt("营业时间", r"几点(?:开门|关门|营业|打烊|开|关|下班|结束)", r"开(?:到|门)几点", "营业到几点", r"关门(?:太早|早)",
            r"早(?:点|些)?开门", r"晚(?:点|些)?关门", "延长营业", r"延长.{0,4}时间", "24小时", "通宵", "提早开门", r"开门(?:太晚|晚)",
            r"opening (?:hours|times)", r"open (?:earlier|later|until|till|at|on|longer)", r"close(?:s)? (?:earlier|later|at|on|so early)",
            "closing time", r"what time (?:do|does|are|is) .{0,30}(?:open|close)", "hours on"),
        problem=False,
    ),
    Situation(
        "new_service", "other", "new_service", "minor", "新服務",
        alt(r"(?:希望|建议|能不能|能否|可不可以|可否|可以|如果能|要是(?:能|有)|最好|请|麻烦|应该)[^,，。!?！？]{0,12}"
            r"(?:增加|(?<!增|参|更|附|外)加|设置|(?<!设|建)设(?!备|施)|提供|开通|安排|推出|开设|(?<!包|安|假)装|配备|多放|放几|弄个|做个|有个|有一个|开个|搞个|添|设立|准备|多开|可以有|能有|挂|摆|放个|放一些|出一个|出个|推出|做一个)",
            "增设", "加装", "新增", "添置",
            r"(?:please|could you|can you|would you|it would be (?:great|nice|good|helpful)|i wish|you should|why not|how about|would love|it'd be (?:great|nice))"
            r"(?: please)? (?:to )?(?:add|install|provide|have|offer|introduce|open|start|set up|put|get|consider|do more|bring back)",
            r"\bsuggest(?:ion)?", "recommend", r"maybe (?:you could |offer|add|provide|have|put|install)", r"a (?:kids'?|children's) (?:play|corner|area)", r"more (?:seats|benches|charging)",
            r"(?:would|'d) be (?:\w+ )?(?:great|nice|good|helpful|lovely|wonderful|useful|better) (?:to|if)"),
        kind="suggestion", problem=False,
    ),
    Situation(
        "question", "other", "question", "minor", "諮詢",
        alt("请问", "想问", "问一下", "问下", "咨询", "是否", "有没有", "能不能", "可不可以", r"可以.{0,10}吗", "在哪", "哪里",
            "怎么", "如何", "什么时候", "几点", "多久", "能否", r"吗\s*[?？]?$", r"\?", "？", "do you", "is there", "are there",
            "can i", "could i", r"where (?:is|are|can|do)", r"when (?:is|are|do|does|will)", r"how (?:do|can|long|much)",
            r"what (?:time|is|are)", r"does (?:the|your)", "do you accept"),
        kind="inquiry", problem=False, decides=False,
    ),
)

BY_NAME = {s.name: s for s in SITUATIONS}
