"""Time (now or afterwards), what the customer is doing, and the raising rules of taxonomy.md."""

import pytest

from routing.classify import classify


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("刚才有位老人在生鲜区滑倒了,头在流血", "urgent"),
        ("上星期我在生鲜区滑倒了,扭伤了脚", "important"),
        ("昨天货架上掉下一箱饮料差点砸到我孩子,现在已经收拾好了", "important"),
        ("我的手机刚刚被偷了,小偷还在店里", "urgent"),
        ("我的钱包昨天在超市被偷了", "important"),
        ("A man is following women around the store right now", "urgent"),
    ],
)
def test_incident_happening_now_is_urgent_and_afterwards_important(text: str, urgency: str) -> None:
    result = classify(text)

    assert (result.category, result.urgency) == ("safety", urgency)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("为什么我买的猪肉有臭味?", "complaint"),
        ("请问你们几点关门?", "inquiry"),
        ("The trolley wheels keep jamming, please fix them", "complaint"),
        ("建议在母婴室加一个热水机", "suggestion"),
        ("你们能不能增加自助收银机?每次排队都要很久", "suggestion"),
        ("上次反映的手推车问题已经修好了,谢谢", "praise"),
        ("我的自行车上个月在门口被偷了,想调监控看看", "inquiry"),
    ],
)
def test_kind_follows_the_settled_cases(text: str, kind: str) -> None:
    assert classify(text).kind == kind


def test_suggestion_that_reports_a_problem_takes_its_urgency() -> None:
    result = classify("你们能不能增加自助收银机?每次排队都要很久")

    assert (result.category, result.urgency) == ("service", "general")


def test_thanks_for_catching_a_thief_keep_the_incident_labels() -> None:
    result = classify("谢谢保安大哥帮我抓住了偷钱包的小偷")

    assert (result.category, result.urgency, result.kind) == ("safety", "important", "praise")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("背景音乐太吵了,再不处理我就投诉到消协", "raise.threat_to_go_public"),
        ("我们好几个顾客都觉得背景音乐太吵了", "raise.group_complaint"),
        ("这已经是我第三次投诉了,背景音乐太吵了", "raise.repeat_complaint"),
        ("I've complained about this before: the music is far too loud", "raise.repeat_complaint"),
    ],
)
def test_raising_rules_lift_minor_to_important(text: str, rule: str) -> None:
    result = classify(text)

    assert (result.category, result.urgency) == ("environment", "important")
    assert rule in [r.rule for r in result.explanation]


def test_a_problem_that_merely_recurs_is_not_raised() -> None:
    assert classify("豆奶又卖完了").urgency == "general"


def test_agitated_customer_on_the_spot_is_urgent_and_keeps_the_category() -> None:
    result = classify("我现在就在服务台,你们经理再不出来我就报警了!收银员多收了我钱")

    assert (result.category, result.urgency) == ("product", "urgent")


def test_priority_customer_raises_one_step() -> None:
    ordinary = classify("收银员态度很差")
    vip = classify("收银员态度很差", customer_tier="VIP")

    assert (ordinary.urgency, vip.urgency) == ("general", "important")


def test_praise_is_not_raised_by_a_priority_customer() -> None:
    assert classify("谢谢收银员帮我找回钱包", customer_tier="vip").urgency == "minor"


def test_kind_given_by_the_channel_is_kept() -> None:
    assert classify("收银台的队伍太长了", kind_hint="suggestion").kind == "suggestion"
