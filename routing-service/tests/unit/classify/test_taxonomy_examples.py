"""Every example row of taxonomy.md gets the labels the taxonomy gives it."""

import pytest

from routing.classify import classify

TAXONOMY_ROWS = [
    ("買的鮮奶打開已經發臭,日期還沒過期,孩子喝了一口就吐了", "safety", "urgent", "complaint"),
    ("收银员态度很差,找零还扔在台面上", "service", "general", "complaint"),
    ("貨架標價 12.9 元,結賬收了 15.9 元,已經第二次了", "product", "important", "complaint"),
    ("冷藏區太冷了,建議提供一些購物車毛毯", "environment", "minor", "suggestion"),
    ("三樓安全出口被紙箱堵住了", "safety", "urgent", "complaint"),
    ("The trolley wheels keep jamming, please fix them", "environment", "minor", "complaint"),
    ("希望會員日活動可以提前在 APP 通知", "other", "minor", "suggestion"),
    ("謝謝生鮮區的王師傅幫我挑魚", "service", "minor", "praise"),
]


@pytest.mark.parametrize(("text", "category", "urgency", "kind"), TAXONOMY_ROWS)
def test_taxonomy_example_row_gets_its_labels(text: str, category: str, urgency: str, kind: str) -> None:
    result = classify(text)

    assert (result.category, result.urgency, result.kind) == (category, urgency, kind)


# The "Conventions for common cases" table and the settled cases below it, one sentence each.
CONVENTIONS = [
    ("洗手間的地上很髒,還有很大的臭味", "environment", "general", "complaint"),
    ("背景音乐太吵了", "environment", "minor", "complaint"),
    ("唯一能坐輪椅上去的電梯壞了", "environment", "general", "complaint"),
    ("面包架上有蟑螂在爬", "safety", "urgent", "complaint"),
    ("停车场有老鼠", "environment", "important", "complaint"),
    ("收银员多收了我五块钱", "product", "important", "complaint"),
    ("你们的牛肉太贵了", "product", "general", "complaint"),
    ("豆奶又卖完了", "product", "general", "complaint"),
    ("希望可以引进一些日本零食", "product", "minor", "suggestion"),
    ("零食区的价签都不见了", "product", "minor", "complaint"),
    ("新买的电饭煲用了两天就坏了", "product", "general", "complaint"),
    ("买的名牌包是假货", "product", "important", "complaint"),
    ("买的充电宝充电时冒火花", "safety", "urgent", "complaint"),
    ("排了半小时的队,只开了一个收银台", "service", "general", "complaint"),
    ("保安当众骂我是小偷", "service", "important", "complaint"),
    ("有两个人在停车场打架,快派保安来", "safety", "urgent", "complaint"),
    ("我的钱包昨天在超市被偷了", "safety", "important", "complaint"),
    ("APP 一直闪退,优惠券用不了", "other", "general", "complaint"),
    ("请问你们几点关门?", "other", "minor", "inquiry"),
    ("为什么我买的猪肉有臭味?", "safety", "urgent", "complaint"),
    ("扶梯什么时候修好?", "environment", "minor", "complaint"),
    ("上星期我在門口滑倒扭傷了腳,想申請查看當時的監控錄像", "safety", "important", "inquiry"),
    ("保安抓住了抢我手机的小偷,太感谢了", "safety", "important", "praise"),
    ("这家店的草莓很新鲜,很好吃", "product", "minor", "praise"),
    ("上次投诉的价格问题已经解决了,谢谢你们", "service", "minor", "praise"),
    ("买的罐头凹了一块", "product", "general", "complaint"),
    ("称重的时候缺斤少两", "product", "important", "complaint"),
    ("会员卡的优惠券在收银台用不了", "other", "general", "complaint"),
    ("能不能在门口放几张椅子给老人休息", "other", "minor", "suggestion"),
]


@pytest.mark.parametrize(("text", "category", "urgency", "kind"), CONVENTIONS)
def test_convention_row_gets_its_labels(text: str, category: str, urgency: str, kind: str) -> None:
    result = classify(text)

    assert (result.category, result.urgency, result.kind) == (category, urgency, kind)
