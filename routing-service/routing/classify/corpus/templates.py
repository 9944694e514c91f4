"""Sentence templates of the built-in corpus, each with the labels taxonomy.md gives it.

One `Family` per row of the conventions table (and the settled cases below it), in
Mandarin, Cantonese and English. Slots in braces are filled from `vocabulary.SLOTS`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    """Templates that share labels: category, subcategory, urgency, kind."""

    category: str
    subcategory: str
    urgency: str
    kind: str
    templates: tuple[str, ...]
    raisable: bool = True
    """Whether the raising rules may be added to its sentences (not to praise)."""


FAMILIES: tuple[Family, ...] = (
    # ---------------------------------------------------------------- safety / urgent: rule F
    Family("safety", "food_safety", "urgent", "complaint", (
        "买的{food}已经过期了", "{food}过期{n}天了还在卖", "刚买的{food}回家发现过了保质期", "货架上的{food}好多都过期了",
        "{past}买的{food},打开发现{spoiled}", "{food}{spoiled}", "在你们店买的{food}{spoiled},还能吃吗?",
        "在{food}里吃到了{foreign}", "{food}里面有{foreign}", "吃了你们的{food}以后{illness}", "孩子吃了{food}之后{illness}",
        "我们一家吃了你们的{food},晚上都{illness}", "{food}的包装胀起来了,是不是坏了?", "{food}罐头鼓起来了还在卖",
        "{food_area}有{pest}在爬", "{food}上面有{pest}", "{food_area}的货架上看到{pest}", "熟食没有煮熟,里面还是生的",
        "为什么我买的{food}有臭味?", "{food}保质期还没到就{spoiled}", "日期没过期,可是{food}{spoiled}",
        "试吃的{food}吃完{illness}", "{food}打开一股馊味", "{food}颜色都发黑了还在卖",
        "買咗啲{food}返屋企,打開先發現{spoiled}", "食咗你哋嘅{food}之後肚痾", "啲{food}過咗期都仲擺喺度賣",
        "{food}入面有{foreign}", "我個仔食完{food}成晚嘔",
        "The {efood} I bought {espoiled}", "There was {eforeign} in my {efood}", "Found {eforeign} in the {efood}",
        "My {eperson} got {eillness} after eating your {efood}", "I saw a cockroach on the {efood} shelf",
        "The {efood} was expired but still on the shelf", "Is the bloated tin of {efood} safe to eat?",
        "There are mice droppings near the bread", "The {efood} is mouldy and the date is next week",
        "买的{efood}发霉了", "我在 {efood} 里发现{foreign}",
        "今天去买菜,看到{food_area}的{food}都{spoiled},这样也敢卖?", "{past}在你们这里买的{food},回家一打开就闻到一股怪味",
        "小孩吃了几口{food}就说味道不对,我一看已经过期两天了", "你们卖的{food}里面吃出了{foreign},太恶心了",
        "我老婆吃了你们熟食区的{food},现在还在医院", "为什么{food}过期了还摆在货架上?", "{food}明明还在保质期内,打开却{spoiled}",
        "Bought {efood} this morning and it {espoiled}", "Why are you still selling {efood} that {espoiled}?",
    )),
    # ---------------------------------------------------------------- safety / urgent: present danger
    Family("safety", "fire", "urgent", "complaint", (
        "{exit}被{blocker}堵住了", "{exit}锁起来了,出不去", "{area}的{exit}堆满了{blocker}", "{firekit}{firefault}",
        "{area}的{firekit}{firefault},太危险了", "{area}有电线裸露在外面", "{area}的插座在冒火花", "{area}有一股烧焦味,好像着火了",
        "仓库那边在冒烟", "天花板的灯在冒烟", "{exit}被锁了,万一着火怎么办", "{exit}成日都畀{blocker}塞住",
        "The {earea} fire exit is blocked by boxes", "The emergency exit was locked with a chain",
        "你们{area}的{exit}常年堆着{blocker},真出事了谁负责?", "我刚才看到{area}有电线在冒火花,赶快派人来看看",
        "There's smoke coming from the {earea}", "The fire extinguisher near the {earea} is missing",
        "Sparks are coming out of a socket by the tills", "I can smell burning near the {earea}",
    )),
    Family("safety", "hazard", "urgent", "complaint", (
        "{area}地上有{liquid},也没有放警示牌", "{area}地面很滑,{person}差点滑倒", "{area}的货架一直在摇晃,上面堆了很多东西",
        "{area}货架上的箱子快掉下来了", "{area}地上有碎玻璃没人清理", "{area}的地砖翘起来了,很容易绊倒人",
        "扶梯突然倒转,好危险", "自动门关得太快,会夹到小孩", "买的{electric}{danger}", "新买的{electric}{danger}",
        "{area}天花板好像要掉下来了", "{area}嘅地好滑,冇人理", "{area}啲貨堆到好高,隨時跌落嚟",
        "The floor in the {earea} is wet and there's no warning sign", "A shelf in the {earea} is wobbling and about to fall",
        "{area}地上一大滩水,已经有人差点摔倒了,都没人来拖", "{area}货架上的东西堆得老高,随时会砸下来",
        "There is broken glass all over the {earea} floor", "The {egoods} I bought gives electric shocks",
        "My new phone charger started sparking", "The escalator suddenly reversed",
    )),
    Family("safety", "injury", "urgent", "complaint", (
        "刚才{person}在{area}滑倒了,{injury}", "{person}刚刚在{area}被掉下来的东西砸到了", "{person}在扶梯上被夹到手,在流血",
        "有人在{area}摔倒了,快叫救护车", "{person}被购物车撞倒了,{injury}", "我{person}在你们门口摔倒了,现在还起不来",
        "{person}喺{area}跌親,而家行唔到", "我阿媽頭先喺扶梯跌親", "{person}剛剛被自動門夾親手",
        "{eperson} just slipped in the {earea} and is bleeding", "Someone fell on the wet floor, please send help now",
        "A box fell on {eperson}'s head in the {earea}", "My son got his fingers caught in the escalator",
    )),
    Family("safety", "personal_safety", "urgent", "complaint", (
        "有两个人在{area}打架,快派保安来", "有个男的一直跟着{person},现在还在{area}", "有人在{area}偷拍女顾客",
        "有个醉汉在{area}骚扰顾客", "孩子在{area}走失了,请帮忙广播", "有人被困在电梯里了", "有人拿着刀在{area}吵",
        "有個男人喺{area}不停跟住我", "有人喺{area}打交,快啲嚟",
        "Two men are fighting in the {earea}", "A man keeps following women around the {earea}",
        "Someone is filming women in the changing rooms", "My daughter is lost in the store, please help",
        "People are trapped in the lift",
    )),
    Family("safety", "theft", "urgent", "complaint", (
        "我的{valuable}刚刚在{area}被偷了,小偷还在店里", "有人正在{area}偷东西", "刚才有人抢了我的{valuable},往{area}跑了",
        "Someone just snatched my {valuable} in the {earea}", "A shoplifter is still in the store right now",
    )),
    # ---------------------------------------------------------------- safety / important: afterwards
    Family("safety", "theft", "important", "complaint", (
        "我的{valuable}{past}在{area}被偷了", "{past}我在你们停车场被偷了{valuable}", "{past}晚上有人在{area}被抢了包",
        "{past}我的{valuable}喺{area}俾人偷咗", "My {valuable} was stolen from the {earea} {epast}",
        "Someone stole my bag while I was shopping {epast}",
    )),
    Family("safety", "injury", "important", "complaint", (
        "{past}我在{area}滑倒扭伤了脚,到现在都没人联系我", "{past}货架上掉下东西差点砸到我孩子,现在已经收拾好了",
        "{past}在{area}摔了一跤,地面现在已经修好了", "{past}在这里看到有人打架,保安都不管", "{past}在{area}被购物车撞伤了腿",
        "{past}喺{area}跌親,到而家都未有人覆我", "I slipped in the {earea} {epast} and hurt my back",
        "{epast} a box fell near my kid, it has been cleaned up now",
    )),
    Family("safety", "injury", "important", "inquiry", (
        "{past}我在{area}滑倒了,想申请查看当时的监控", "{past}在你们店摔伤了,想知道医药费谁负责",
        "我的{valuable}{past}被偷了,可以帮我调一下监控吗", "{past}喺{area}跌親,想問醫藥費點賠",
        "I fell in the {earea} {epast}, could I request the CCTV footage?",
        "My {valuable} was stolen {epast}, how do I get the CCTV footage?",
    ), raisable=False),
    Family("safety", "theft", "important", "praise", (
        "谢谢保安{past}帮我抓住了偷{valuable}的小偷", "感谢保安及时把摔倒的老人扶起来叫了救护车", "保安很尽责,帮我追回了被偷的{valuable}",
        "多謝保安大哥幫我捉到偷{valuable}嘅賊", "Thanks to the guard who caught the thief who took my {valuable}",
    ), raisable=False),
    # ---------------------------------------------------------------- product
    Family("product", "overcharge", "important", "complaint", (
        "{food}标价{p1}元,结账收了{p2}元", "价签写着{p1},收银台收了我{p2}",
        "回家看小票才发现{food}按原价收了,会员价没有算", "小票上{goods}的价格跟货架上的不一样,多收了我{n}块",
        "打折的{food}结账时没打折", "I checked my receipt and the {efood} was charged at full price", "{promo}的{food},结账的时候没有优惠",
        "收银员多收了我{n}块钱", "同一件商品扣了两次钱", "称重的时候缺斤少两,差了一百多克", "海报上写{promo},结账还是原价",
        "货架上的价格和结账的价格不一样", "称{food}的时候连袋子的重量也算进去了", "{goods}明明写{p1},收银收我{p2}",
        "價錢牌寫{p1},埋單收咗{p2}", "話{promo},點知埋單冇減",
        "The shelf said {p1} but I was charged {p2}", "I was overcharged for the {efood}", "The {epromo} offer wasn't applied at the till",
        "I was charged twice for the same item", "The scales at the deli are giving short weight",
    )),
    Family("product", "counterfeit", "important", "complaint", (
        "买的{brand}是假货", "你们卖的{brand}是冒牌的", "{brand}不是正品", "买的手机是翻新机当新机卖",
        "The {egoods} you sold me is a fake", "These headphones are counterfeit",
    )),
    Family("product", "quality", "important", "complaint", (
        "{goods}坏了,损失了好几千块", "买的电视机屏幕是裂的,花了我五千多", "整批{goods}都有严重质量问题",
        "The TV I bought for £900 is broken", "The whole batch of {egoods}s is faulty",
    )),
    Family("product", "quality", "general", "complaint", (
        "买的{goods}{defect}", "新买的{goods}{defect},要求退换",
        "{goods}做工太粗糙了,用了一次就坏", "买回来的{goods}跟描述不符", "{goods}包装破损,里面也坏了", "The {egoods} is cheaply made and already broken", "{goods}质量太差了", "{goods}用了不到一个星期就坏了",
        "买的罐头凹了一块", "鸡蛋壳裂了好几个", "{food}包装破了", "买的{food}一点都不甜", "{food}太咸了", "青菜都蔫了", "面包硬得咬不动",
        "買嘅{goods}用兩日就壞咗", "{goods}質素好差",
        "The {egoods} I bought {edefect}", "My new {egoods} is defective", "The strawberries were all bruised",
        "The tin was dented", "The bread is stale",
    )),
    Family("product", "price", "general", "complaint", (
        "{food}太贵了", "{goods}比别家贵很多",
        "{food}比网上贵了一倍,太离谱了", "为什么你们的{food}越来越贵?", "这个价格根本不值", "Why is the {efood} so much dearer than online?", "最近{food}涨价太多了", "你们的价格比隔壁超市高", "{food}卖这么贵,太坑人了",
        "火锅底料怎么这么贵", "火腿肠又涨价了", "火龙果价钱太高了", "{food}賣得咁貴", "啲嘢越嚟越貴",
        "{efood} is way too expensive here", "Your prices are higher than the shop next door", "Why is everything so expensive?",
    )),
    Family("product", "price", "general", "inquiry", (
        "请问{food}多少钱?", "{goods}现在什么价?", "这个{food}怎么卖?", "{food}幾多錢?", "How much is the {efood}?",
        "What's the price of the {egoods}?",
    ), raisable=False),
    Family("product", "stock", "general", "complaint", (
        "{food}又缺货了", "{food}一直没货",
        "为什么{food}总是没有货?", "每次来{food}都卖完了,补货也太不及时了", "货架上经常没有{food}", "The {efood} shelf is always empty, why?", "想买{food},可是卖完了", "货架上的{food}都空了", "{food}断货好几天了", "冇货", "冇{food}賣",
        "{food}又冇晒", "找了好久都没有{food}", "网上显示有货,到店里却没有", "你们什么时候补{food}?", "火腿缺货了",
        "最近促销很火爆,可是{food}经常卖光", "{food}都卖完了,也不补货",
        "The {efood} is always out of stock", "The {efood} shelf is empty again", "You've run out of {efood}",
        "Why did you stop selling my favourite {efood}?", "out of stock", "没货",
    )),
    Family("product", "stock", "minor", "suggestion", (
        "希望能引进一些{new_product}", "建议多卖一些{new_product}", "可以进一些{new_product}吗", "希望有{new_product}卖",
        "希望可以賣{new_product}", "Please stock {enew_product}", "Could you sell {enew_product}?",
        "It would be great if you carried {enew_product}",
    ), raisable=False),
    Family("product", "display", "minor", "complaint", (
        "{area}的价签都不见了", "{food}没有标价", "货架好乱,东西都放错位置", "价签和商品对不上", "标价看不清楚", "零食区乱七八糟",
        "价钱牌全部乱晒", "{area}嘅貨亂放", "Price tags are missing in the {earea}", "The shelves in the {earea} are a mess",
        "Items are on the wrong shelf",
    )),
    Family("product", "praise", "minor", "praise", (
        "{food}很新鲜,很好吃", "你们的{food}品质很好", "店里卖的火龙果好甜", "这里的{food}又新鲜又便宜", "今日啲{food}好新鮮,讚",
        "Your {efood} is always fresh", "Loved the {efood} from your bakery",
    ), raisable=False),
    # ---------------------------------------------------------------- service
    Family("service", "attitude", "general", "complaint", (
        "{staff}{rude}", "{area}的{staff}{rude}",
        "今天在{area}问{staff}东西在哪,{staff}{rude}", "{staff}服务态度太差了,问什么都一问三不知", "{staff}说话语气很冲,也不道歉",
        "投诉了好几天都没有人回复", "为什么你们的{staff}总是这么没礼貌?", "{staff}跟我吵起来了,太过分了",
        "The {estaff} was so rude when I asked for help, never apologised", "Why are your staff always so unhelpful?", "找零的时候{staff}把钱扔在台面上", "我问路,{staff}{rude}", "{staff}一直在聊天不理顾客",
        "我要投诉你们的{staff}", "导购一直跟着推销,很烦", "店长发火骂员工,顾客都看到了", "啲{staff}好冇禮貌", "{staff}黑口黑面",
        "The {estaff} {erude}", "The {estaff} at the {earea} {erude}", "The staff were really unfriendly today",
    )),
    Family("service", "attitude", "important", "complaint", (
        "{staff}{insult}", "{area}的{staff}{insult}", "{staff}歧视老人,不让他进来", "{staff}喺{area}當眾話我係賊",
        "The {estaff} insulted me in front of everyone", "The {estaff} accused me of stealing and searched my bag",
        "A guard called me a thief in front of other customers",
    )),
    Family("service", "waiting", "general", "complaint", (
        "排队排了{wait}分钟", "只开了一个收银台,排了很久",
        "周末人这么多,收银台就开两个,人手明显不够", "在{area}等了半天都找不到一个员工", "为什么每次来结账都要排这么久?",
        "The queues are ridiculous, you're clearly understaffed", "收银台排长队,也不多开几个", "等了{wait}分钟都没人来称菜",
        "叫了好几次店员都没人理", "客服电话一直打不通", "结账太慢了", "找不到员工帮忙", "火速处理一下,排队排到门口了",
        "排隊排到頭都暈", "等咗成個鐘都未到我", "I queued for {wait} minutes at the checkout", "Only one till was open and the queue was huge",
        "Nobody came to help at the {earea} counter", "Service was so slow",
    )),
    Family("service", "procedure", "general", "complaint", (
        "退货手续太麻烦了", "退款{n}天了还没到账", "开发票要等半个小时", "办会员卡要填好多表", "不给退货,说要经理签字",
        "换货流程太复杂", "退錢要等成個月", "The refund process took weeks", "They refused to exchange the {egoods}",
        "Returning an item needs far too much paperwork",
    )),
    Family("service", "staff_error", "general", "complaint", (
        "{staff}找错钱了", "收银员少找了我{n}十块", "{staff}把我的东西装错了", "打包的时候漏装了一袋", "{staff}拿错了我的寄存包",
        "店员把鸡蛋和洗衣粉放在一起,鸡蛋都压碎了", "收銀員找錯錢", "The {estaff} gave me the wrong change",
        "The cashier packed someone else's shopping into my bag", "They forgot to put the {efood} in my bag",
    )),
    Family("service", "delivery", "general", "complaint", (
        "送货晚了{n}个小时", "网购的东西送货迟了两天", "网上订的{food}少送了一样", "配送员把{food}摔坏了还不承认",
        "外卖送到的时候已经冷了,晚了一个多小时", "送貨遲咗兩日", "My delivery was {n} hours late", "The delivery driver left my order at the wrong door",
    )),
    Family("service", "praise", "minor", "praise", (
        "谢谢{staff}{help}", "{staff}很热情,服务很周到",
        "{staff}服务态度很好,给你们点赞", "今天{staff}特别细心,帮我{help}", "你们的{staff}真的很棒,辛苦了", "店里很干净,购物很舒服",
        "{area}的{staff}态度非常好,值得表扬", "The {estaff} was really nice and efficient, good job", "表扬{area}的{staff},很有耐心", "感谢{staff}{help},非常贴心",
        "上次反映的问题已经解决了,谢谢", "投诉的事情处理得很好,谢谢你们", "多謝{staff}{help}", "收銀姐姐好好人",
        "Thanks to the {estaff} who helped me", "The {estaff} was so kind and patient, thank you", "Great service at the {earea} today!",
        "Thank you for fixing the problem so quickly",
    ), raisable=False),
    # ---------------------------------------------------------------- environment
    Family("environment", "hygiene", "general", "complaint", (
        "{place}很脏", "{place}有很大的臭味",
        "你们店的{place}很久没人打扫了吧,又脏又臭", "{place}环境太差了,到处都是垃圾", "为什么{place}总是这么脏?", "{place}没有厕纸", "{place}没有洗手液", "{place}地上都是垃圾", "{place}好臭,好久没人打扫",
        "垃圾桶满了也没人清理", "厕所堵了", "{place}好污糟", "The {eplace} are filthy", "The {eplace} smell awful",
        "There's no toilet paper in the {eplace}", "The bins are overflowing",
    )),
    Family("environment", "facility", "general", "complaint", (
        "唯一的无障碍电梯坏了,轮椅上不去", "所有刷卡机都用不了,没法付款", "全部收银机都死机了,结不了账",
        "停车场出口的栏杆坏了,车都出不去", "The only lift for wheelchairs is broken", "All the card readers are down, nobody can pay",
    )),
    Family("environment", "temperature", "minor", "complaint", (
        "{area}太冷了", "空调开得太大了", "{area}好闷热", "店里空气不流通", "冷冻区那边冷得受不了", "{area}好熱,冷氣好似壞咗",
        "It's freezing in the {earea}", "It's too hot in the store", "The air conditioning is far too cold",
    )),
    Family("environment", "noise", "minor", "complaint", (
        "背景音乐太吵了", "广播声音太大", "促销喇叭一直在叫,很吵", "{area}好嘈", "The music is too loud", "The announcements are so noisy",
    )),
    Family("environment", "lighting", "minor", "complaint", (
        "{area}灯光太暗", "停车场的灯坏了,晚上很黑", "门口的灯一闪一闪的", "The lighting in the car park is poor", "The lights in the {earea} keep flickering",
    )),
    Family("environment", "crowding", "minor", "complaint", (
        "{area}太挤了", "过道太窄,推车过不去", "周末人太多了,挤得走不动", "Aisles are too narrow", "The store is so crowded",
    )),
    Family("environment", "facility", "minor", "complaint", (
        "{facility}{fdefect}", "{area}的{facility}{fdefect}", "{facility}什么时候修好?", "扶梯停了一个星期都没修",
        "购物车轮子卡住推不动", "{facility}壞咗", "扶梯停咗", "The {efacility} {efdefect}", "The trolley wheels keep jamming, please fix them",
        "When will the escalator be fixed?", "我没有受伤,就是{facility}{fdefect}",
    )),
    Family("environment", "parking", "minor", "complaint", (
        "停车位太少了", "停车场指示牌不清楚", "停车收费太贵", "There are never enough parking spaces",
    )),
    Family("environment", "pests", "important", "complaint", (
        "{nonfood_place}有{pest}", "{nonfood_place}看到好几只{pest}", "{nonfood_place}有老鼠跑来跑去", "{nonfood_place}有曱甴",
        "I saw a rat in the car park", "There are cockroaches in the toilets",
    )),
    Family("environment", "temperature", "minor", "suggestion", (
        "冷藏区太冷了,建议提供一些毯子", "{area}太热了,希望多放几台风扇", "It's cold in the freezer aisle, maybe offer blankets for trolleys",
    ), raisable=False),
    # ---------------------------------------------------------------- other
    Family("other", "app", "general", "complaint", (
        "{app}{appfail}", "会员积分上个月就该到账了,现在还没有",
        "为什么我的积分清零了?", "优惠券在收银台核销不了,收银员也不懂", "小程序很卡,付款老是失败", "优惠券在收银台用不了", "会员卡的优惠券过期了都没提醒",
        "小程序付款一直失败", "电子券扫不出来", "{app}成日用唔到", "The {eapp} {eappfail}", "My e-coupon wasn't accepted at checkout",
        "The app won't let me log in", "My loyalty points are missing",
    )),
    Family("other", "app", "minor", "suggestion", (
        "希望APP能加一个购物清单功能", "建议小程序增加电子小票", "希望可以在网上预约取货", "It would be nice if the app showed stock levels",
        "Please add a shopping list feature to the app",
    ), raisable=False),
    Family("other", "new_service", "minor", "suggestion", (
        "希望{new_service}", "建议{new_service}", "能不能{new_service}?", "可不可以{new_service}", "希望可以{new_service}",
        "建议周末延长营业时间", "希望早上早点开门", "It would be nice to have {enew_service}", "Please consider {enew_service}",
        "Could you add {enew_service}?",
    ), raisable=False),
    Family("other", "question", "minor", "inquiry", (
        "请问{question}?", "{question}?", "想问一下{question}", "你好,请问{question}", "請問{question}?", "{equestion}?",
        "Hi, {equestion}?", "幾點開門呀?",
    ), raisable=False),
    Family("other", "promotion", "minor", "complaint", (
        "你们的广告太多了", "会员日的活动规则太复杂", "宣传单印得太花了看不懂", "门口一直有人派传单,很烦", "促销活动太少了",
        "Your adverts are misleading", "The loyalty scheme rules are too complicated",
    )),
    Family("other", "promotion", "minor", "praise", (
        "这周火爆的促销活动很划算,赞", "{promo}活动很实惠", "新广告很有创意", "会员日活动很划算,下次还来",
        "Loved the tasting event last weekend", "Great deals this week!",
    ), raisable=False),
)

RAISERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # rule: (Chinese phrases, English phrases); all raise minor/general to important
    "threat": (("再不处理我就投诉到消协", "我要打12315投诉", "我会发到小红书曝光", "我要找律师", "我要叫记者来", "我已经发到网上了",
                "再唔處理我就去消委會投訴"),
               ("I'll report this to trading standards", "I'm going to post this on Facebook", "My lawyer will hear about this",
                "I'll contact the local newspaper")),
    "group": (("我们好几个顾客都遇到这个问题", "我们几个人一起来投诉", "很多顾客都在抱怨", "我们小区的街坊联名反映"),
              ("Several of us have complained about this", "Many customers have had the same problem")),
    "repeat": (("这已经是我第三次投诉了", "我已经反映过两次了", "上周已经投诉过一次了", "第二次來投訴"),
               ("This is the third time I have reported this", "I've complained about this before")),
}
AGITATION: tuple[tuple[str, ...], tuple[str, ...]] = (
    ("我现在就在服务台,再不处理我就报警了!", "顾客在服务台情绪非常激动,说要砸店", "你们经理再不出来我就报警!"),
    ("I'm at the service desk right now and I'm calling the police!", "The customer is screaming at staff and threatening to smash the till"),
)
NEGATED_SAFETY: tuple[str, ...] = ("幸好没有人受伤,", "我没有受伤,不过", "地面没有湿,", "东西没过期,但是", "Nobody was hurt, but ")
POLITE_OPENERS: tuple[str, ...] = ("你好,", "您好,", "麻烦一下,", "想反映一下,", "Hi, ", "Hello, ", "")
POLITE_CLOSERS: tuple[str, ...] = ("请尽快处理,谢谢", "谢谢", "希望改善", "麻烦跟进一下", " Please look into it.", " Thanks.", "")
