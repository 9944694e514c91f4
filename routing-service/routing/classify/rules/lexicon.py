"""The store's vocabulary as word classes: what is food, a facility, the app, staff, a place.

Every entry is a regular-expression fragment over *normalised* text (Simplified
Chinese, Mandarin forms, lower-case English; see `routing.classify.text`). The classes
let one rule say "a defect near food" instead of listing every food with every defect.
Written from the taxonomy and retail experience, never from the development set.
"""

from __future__ import annotations


def _bounded(fragment: str) -> str:
    # English words must not match inside others ("tea" in "instead", "app" in "happy"); \b cannot
    # be used because Chinese characters count as word characters ("希望APP能").
    if fragment[:1].isascii() and fragment[:1].isalpha():
        fragment = r"(?<![a-z])" + fragment
    if fragment[-1:].isascii() and fragment[-1:].isalpha():
        fragment += r"(?:e?s)?(?![a-z])"  # plurals and third person: "journalists", "stinks"
    return fragment


def alt(*fragments: str) -> str:
    """One alternation, longest fragment first so the widest term is the one reported.

    Duplicates go by `dict.fromkeys`, not `set`: a set's order changes with each process's string
    hashing, which made equal-length fragments (and so RULES_VERSION) differ from run to run.
    """
    return "(?:" + "|".join(_bounded(f) for f in sorted(dict.fromkeys(fragments), key=len, reverse=True)) + ")"


def gap(n: int) -> str:
    """Up to n characters of the same clause, none of them a negation ("地面沒有濕" is not a wet floor)."""
    return rf"(?:(?!没|不|无|未|(?<![a-z])(?:not|no|never)(?![a-z]))[^,，。!?！？;；]){{0,{n}}}"


FOOD = alt(
    # Chinese
    "食品", "食物", "吃的", "零食", "熟食", "面包", "吐司", "蛋糕", "蛋挞", "月饼", "饼干", "曲奇", "包子", "馒头",
    "饺子", "水饺", "汤圆", "粽子", "寿司", "便当", "盒饭", "饭盒", "饭团", "三明治", "汉堡", "沙拉", "色拉", "披萨",
    "面条", "方便面", "泡面", "米粉", "米饭", "大米", "米", "饭", "粥", "肉", "猪扒", "牛扒", "排骨", "香肠", "火腿",
    "腊肠", "午餐肉", "培根", "肉丸", "鱼丸", "鱼", "三文鱼", "虾", "蟹", "贝", "蚝", "鱿鱼", "海鲜", "鸡", "鸭", "鹅",
    "烧鸭", "烧鹅", "叉烧", "卤味", "烧味", "凉菜", r"菜(?!刀|单|板|篮|市场|场)", "蔬菜", "青菜", "生菜", "白菜", "西兰花", "番茄", "西红柿",
    "土豆", "薯仔", "黄瓜", "萝卜", "蘑菇", "豆腐", "豆浆", "豆奶", "水果", "苹果", "香蕉", "橙", "橘", "柑", "梨",
    "葡萄", "提子", "草莓", "瓜", "芒果", "榴莲", "火龙果", "桃", "樱桃", "车厘子", "蓝莓", "猕猴桃", "奇异果", "菠萝",
    "凤梨", "柠檬", "牛奶", "鲜奶", "奶", "酸奶", "乳酪", "奶酪", "芝士", "黄油", "奶油", "冰淇淋", "雪糕", "奶粉",
    "米糊", "蛋", "饮料", "饮品", "果汁", "汽水", "可乐", "矿泉水", "饮用水", "咖啡", "茶", "啤酒", "红酒", "罐头",
    "果冻", "布丁", "巧克力", "糖果", "薯片", "坚果", "花生", "食用油", "花生油", "酱油", "醋", "调料", "酱", "果酱",
    "蜂蜜", "猫粮", "狗粮", "宠物粮", "宠物食品", "婴儿食品", "点心", "糕点", "泡菜", "冻肉", "水产", "刺身", "鸡腿",
    "鸡翅", "鸡胸", "猪肉", "牛肉", "羊肉", "豆干", "腐竹", "粉丝", "麦片", "燕麦", "果仁", "试吃", "面粉", "淀粉", "糖",
    "盐", "奶茶", "豆", "粮油", "杂粮", "面食", "肉松", "鱼干", "干货", "冻品", "速冻", "外卖", "饭菜", "菜肴", "汤",
    # English
    "food", "milk", "bread", "loaf", "cake", "meat", "beef", "pork", "chicken", "lamb", "mince", "fish", "salmon",
    "tuna", "prawns?", "shrimps?", "seafood", "sushi", "salad", "sandwich(?:es)?", "yog(?:h)?urts?", "cheese",
    "butter", "cream", "ham", "sausages?", "bacon", "eggs?", "fruit", "apples?", "bananas?", "oranges?", "grapes",
    "strawberr(?:y|ies)", "berries", "melon", "vegetables?", "veg", "lettuce", "tomato(?:es)?", "potato(?:es)?",
    "rice", "noodles?", "dumplings?", "juice", "drinks?", "soda", "coffee", "tea", "beer", "wine", "biscuits?",
    "cookies?", "crisps", "chips", "chocolate", "candy", "sweets", "cereal", "formula", "baby food", "cat food",
    "dog food", "pet food", "snacks?", "pies?", "pastr(?:y|ies)", "meals?", "soup", "tins?", "tinned", "canned",
    "can of", "jar", "cooking oil", "sauce", "jam", "honey", "tofu", "mooncakes?", "pot of", "pudding", "burger",
)

FOOD_AREA = alt(
    "熟食区", "熟食柜", "熟食档", "生鲜区", "生鲜", "面包房", "面包区", "面包架", "面包柜", "蔬菜区", "蔬果区", "水果区",
    "肉类区", "肉档", "鱼档", "海鲜区", "海鲜柜", "冷柜", "冰柜", "冷藏柜", "冷冻柜", "冷藏区", "食品区", "零食区",
    "食品货架", "饮料区", "厨房", "试吃台", "餐饮区", "美食广场",
    "deli", "bakery", "produce", "food (?:counter|shelf|shelves|aisle|section|court)", "fish counter",
    "meat counter", "salad bar", "hot food", "kitchen", "fridges?", "freezers?", "chiller",
)

PLACE = alt(
    "厕所", "洗手间", "卫生间", "厕格", "马桶", "男厕", "女厕", "地上", "地面", "地板", "门口", "入口", "出口", "走廊",
    "过道", "走道", "楼梯", "电梯", "停车场", "车库", "仓库", "休息室", "垃圾桶", "垃圾", "角落", "墙", "天花板", "店里",
    "商场", "收银台", "服务台", "试衣间", "母婴室", "员工", "门外",
    "toilets?", "restrooms?", "bathrooms?", "loo", "washrooms?", "floor", "entrance", "car ?park", "parking",
    "corridor", "stairs", "lifts?", "elevators?", "bins?", "storeroom", "changing rooms?", "walls?",
)

FOOD = f"{FOOD}(?!区|档|部|柜|架|房|摊|货架| ?section| ?aisle| ?counter)"
"""A food name followed by 区/档/柜 ("零食区") names a place in the store, not the food."""

GOODS = alt(
    "衣服", "衬衫", "裤子", "裙子", "外套", "鞋", "拖鞋", "袜子", "手袋", "背包", "书包", "雨伞", "伞", "玩具", "电器", "电视",
    "冰箱", "洗衣机", "微波炉", "电饭煲", "电水壶", "热水壶", "水壶", "吹风机", "风扇", "取暖器", "电暖器", "吸尘器", "耳机",
    "手机", "电脑", "平板", "充电器", "充电宝", "数据线", "电池", "灯泡", "插线板", "拖把", "锅", "碗", "杯", "盘子",
    "剪刀", "菜刀", "台灯", "床头灯", "手电筒", "毛巾", "被子", "枕头", "床单", "洗发水", "沐浴露", "洗衣液", "洗衣粉", "牙膏", "牙刷", "化妆品", "面霜",
    "护肤品", "文具", "行李箱", "家具", "拉链", "商品", "产品", "货品", "东西", "包装", "盒子", "袋子", "名牌包", "包包",
    "kettle", "toaster", "tv", "television", "phone", "headphones", "earphones", "charger", "batter(?:y|ies)",
    "power bank", "shirt", "jacket", "trousers", "jeans", "dress", "shoes?", "handbag", "umbrella", "toys?",
    "appliance", "vacuum", "blender", "microwave", "heater", "iron", "pan", "towels?", "shampoo", "detergent",
    "products?", "items?", "goods", "packaging", "box", "zip", "lamp",
)

FACILITY = alt(
    "购物车", "手推车", "推车", "篮子", "购物篮", "扶梯", "扶手电梯", "电梯", "升降机", "自动门", "大门", "门锁", "厕所门",
    "干手机", "烘手机", "水龙头", "冲水", "马桶", "洗手盆", "储物柜", "寄存柜", "存包柜", "座椅", "椅子", "长椅", "饮水机",
    "空调", "刷卡机", "收银机", "pos机", "自助收银机", "自助收银", "广播", "栏杆", "道闸", "闸", "车位", "充电桩",
    "尿布台", "换尿布台", "轮椅", "按钮", "试衣间", "灯", "厕所", "洗手间", "卫生间", "店门", "侧门", "后门", "玻璃门",
    "卷闸门", "旋转门",
    "trolleys?", "carts?", "baskets?", "escalators?", "lifts?", "elevators?", "doors?", "hand dryers?", "dryers?",
    "taps?", "toilets?", "flush", "lockers?", "benches", "bench", "seats?", "water fountain", "air ?con",
    "card (?:reader|machine)s?", "tills?", "self[- ]?checkouts?", "barrier", "ramp", "changing table",
    "lights?", "lock", "wheelchair", "hand rail", "changing rooms?", "baby room", "冰柜", "冷柜", "冷藏柜", "停车场",
    "收费系统", "闸机", "trolley park", "car park",
)

APP = alt(
    "app", "应用程序", "小程序", "网站", "官网", "公众号", "网店", "商城", "系统", "二维码", "会员卡", "会员码", "积分",
    "优惠券", "优惠卷", "电子券", "代金券", "礼券", "礼品卡", "储值卡", "券", "扫码", "支付", "付款码",
    "e-?coupons?", "coupons?", "vouchers?", "e-?vouchers?", "points", "loyalty", "membership card", "website",
    "online shop", "account", "log ?in", "qr code",
)

STAFF = alt(
    "员工", "店员", "职员", "收银员", r"收银(?![台机处区])", "售货员", "导购", "促销员", "服务员", "保安", "保洁", "清洁工", "阿姨", "师傅",
    "经理", "店长", "主管", "客服", "工作人员", "送货员", "配送员", "快递员", "司机", "阿姐", "姐姐", "小姐", "小哥",
    "大哥", "先生", "小妹", "同事", "服务",
    "staff", "cashiers?", "employees?", "assistants?", "guards?", "security", "managers?", "workers?", "cleaners?",
    "drivers?", "team", "service", "colleague", "lady", "gentleman", "guy", "he", "she",
)

PROMOTION = alt(
    "活动", r"促销(?!员)", "优惠活动", "广告", "宣传单", "传单", "海报", "宣传", "会员日", "抽奖", "赠品", "满减", "打折", "推广",
    "直播", "特价", "折扣", "买一送一", "买二送一", "第二件半价", "八折", "九折", "五折", "半价", "优惠",
    "promotions?", "promos?", "adverts?", "advertising", "ads", "flyers?", "leaflets?", "campaign", "deals?",
    "offers?", "discounts?", "sale", "tasting event", "event",
)
