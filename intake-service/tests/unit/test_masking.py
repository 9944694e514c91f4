"""Masking: what personal data looks like to callers without pii:read, in logs and in events."""

from intake.privacy.masking import erase_masked, mask_email, mask_name, mask_phone, scrub_text


def test_mobile_number_keeps_three_and_four_digits():
    assert mask_phone("+8613812345678") == "138****5678"


def test_landline_keeps_less():
    assert mask_phone("+861012345678") == "10****78"


def test_email_keeps_first_letter_and_domain():
    assert mask_email("zhang.san@example.com") == "z***@example.com"


def test_chinese_name_keeps_the_family_name():
    assert mask_name("张三丰") == "张**"


def test_latin_name_keeps_initials():
    assert mask_name("Jane Smith") == "J*** S***"


def test_phones_in_free_text_are_masked_in_any_common_format():
    text = "电话13812345678或138-1234-5679，也可以打+86 139 1234 5670"

    scrubbed = scrub_text(text)

    assert "13812345678" not in scrubbed and "1234-5679" not in scrubbed and "1234 5670" not in scrubbed
    assert "138****5678" in scrubbed and "138****5679" in scrubbed and "139****5670" in scrubbed


def test_full_width_digits_are_found_too():
    scrubbed = scrub_text("我的手机：１３８１２３４５６７８")

    assert scrubbed == "我的手机：138****5678"


def test_emails_in_free_text_are_masked():
    assert scrub_text("请发到 wang.wu@example.cn 谢谢") == "请发到 w***@example.cn 谢谢"


def test_text_without_personal_data_is_unchanged():
    text = "订单号20261122123456的豆浆过期了，批次L2026"

    assert scrub_text(text) == text


def test_erasure_removes_masked_traces():
    assert erase_masked("电话138****5678 邮箱 w***@example.cn") == "电话*********** 邮箱 ***@***"
