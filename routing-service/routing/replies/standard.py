"""The chain's standard wording, seeded as data; staff with ``case:admin`` edit it through the API.

Customer replies are built from a greeting line, the body for the purpose, and a closing line. Placeholders
are ``{name}``; each purpose accepts only the names in ``PLACEHOLDERS`` (checked when a template is saved).
Staff notices (the supervisor alert, the work group's announcements and digest) never carry personal data:
their placeholders are labels and figures only.
"""

from __future__ import annotations

LANGUAGES = ("zh-Hant", "zh-Hans", "en")
CUSTOMER = ("greeting", "closing", "acknowledgement", "progress", "result", "auto_reply")
STAFF = ("supervisor_alert", "announcement", "digest")

_CASE = ("feedback_number", "case_number", "expected_completion", "staff_name", "store_name")
_NOTICE = ("case_number", "urgency", "category", "summary", "store_name", "department")
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    **{purpose: _CASE for purpose in CUSTOMER},
    "supervisor_alert": _NOTICE,
    "announcement": _NOTICE,
    "digest": ("store_name", "day", "opened", "resolved", "closed", "open_cases", "urgent_open", "important_open",
               "breached_open"),
}

STANDARD_TEMPLATES: dict[str, dict[str, str]] = {
    "greeting": {
        "zh-Hant": "您好，這裡是{store_name}顧客服務部。",
        "zh-Hans": "您好，这里是{store_name}顾客服务部。",
        "en": "Hello, this is the customer service team of {store_name}.",
    },
    "closing": {
        "zh-Hant": "如有任何疑問，請引用反饋編號 {feedback_number} 與我們聯絡。{staff_name} 敬上",
        "zh-Hans": "如有任何疑问，请引用反馈编号 {feedback_number} 与我们联系。{staff_name} 敬上",
        "en": "If you have any questions, please quote feedback number {feedback_number}. Kind regards, {staff_name}",
    },
    "acknowledgement": {
        "zh-Hant": "我們已收到您的反饋（編號 {feedback_number}），將按流程盡快處理，預計於 {expected_completion} 前給您答覆。",
        "zh-Hans": "我们已收到您的反馈（编号 {feedback_number}），将按流程尽快处理，预计于 {expected_completion} 前给您答复。",
        "en": "We have received your feedback (number {feedback_number}) and are handling it; you can expect our "
              "answer by {expected_completion}.",
    },
    "progress": {
        "zh-Hant": "您的反饋（編號 {feedback_number}）正在處理中，預計於 {expected_completion} 前完成，我們會繼續向您通報進展。",
        "zh-Hans": "您的反馈（编号 {feedback_number}）正在处理中，预计于 {expected_completion} 前完成，我们会继续向您通报进展。",
        "en": "Your feedback (number {feedback_number}) is being handled; we expect to finish by {expected_completion} "
              "and will keep you informed.",
    },
    "result": {
        "zh-Hant": "您的反饋（編號 {feedback_number}）已處理完畢，感謝您的耐心。稍後我們會回訪了解您是否滿意。",
        "zh-Hans": "您的反馈（编号 {feedback_number}）已处理完毕，感谢您的耐心。稍后我们会回访了解您是否满意。",
        "en": "Your feedback (number {feedback_number}) has been dealt with; thank you for your patience. We will call "
              "you back to hear whether you are satisfied.",
    },
    "auto_reply": {
        "zh-Hant": "我們已收到您的緊急反饋（編號 {feedback_number}），門店正在立即處理，工作人員會盡快與您聯絡。",
        "zh-Hans": "我们已收到您的紧急反馈（编号 {feedback_number}），门店正在立即处理，工作人员会尽快与您联系。",
        "en": "We have received your urgent feedback (number {feedback_number}). The store is handling it now and "
              "a member of staff will contact you shortly.",
    },
    "supervisor_alert": {
        "zh-Hant": "【緊急工單】{case_number}｜{store_name}｜{category}｜負責部門：{department}。請立即啟動緊急處理預案。{summary}",
        "zh-Hans": "【紧急工单】{case_number}｜{store_name}｜{category}｜负责部门：{department}。请立即启动紧急处理预案。{summary}",
        "en": "[URGENT case] {case_number} | {store_name} | {category} | owner: {department}. Start the emergency plan "
              "now. {summary}",
    },
    "announcement": {
        "zh-Hant": "【新工單】{case_number}｜{urgency}｜{category}｜{store_name}｜負責部門：{department}｜{summary}",
        "zh-Hans": "【新工单】{case_number}｜{urgency}｜{category}｜{store_name}｜负责部门：{department}｜{summary}",
        "en": "[New case] {case_number} | {urgency} | {category} | {store_name} | owner: {department} | {summary}",
    },
    "digest": {
        "zh-Hant": "【每日進度】{store_name} {day}：新工單 {opened}，已解決 {resolved}，已結案 {closed}；處理中 {open_cases}"
                   "（緊急 {urgent_open}，重要 {important_open}），逾時 {breached_open}。",
        "zh-Hans": "【每日进度】{store_name} {day}：新工单 {opened}，已解决 {resolved}，已结案 {closed}；处理中 {open_cases}"
                   "（紧急 {urgent_open}，重要 {important_open}），逾时 {breached_open}。",
        "en": "[Daily progress] {store_name} {day}: {opened} new cases, {resolved} resolved, {closed} closed; "
              "{open_cases} open ({urgent_open} urgent, {important_open} important), {breached_open} past a deadline.",
    },
}

LABELS: dict[str, dict[str, str]] = {
    # urgency, category, subcategory, kind and department names as staff read them
    "zh-Hant": {
        "urgent": "緊急", "important": "重要", "general": "一般", "minor": "輕微",
        "service": "服務類", "product": "商品類", "environment": "環境類", "safety": "安全類", "other": "其他類",
        "complaint": "投訴", "suggestion": "建議", "praise": "表揚", "inquiry": "諮詢",
        "customer_service": "客服部", "sales": "銷售部/門店營運", "purchasing": "採購部", "facilities": "後勤保障部",
        "food_safety": "食品安全部", "security": "安保部", "themes": "主題詞",
    },
    "zh-Hans": {
        "urgent": "紧急", "important": "重要", "general": "一般", "minor": "轻微",
        "service": "服务类", "product": "商品类", "environment": "环境类", "safety": "安全类", "other": "其他类",
        "complaint": "投诉", "suggestion": "建议", "praise": "表扬", "inquiry": "咨询",
        "customer_service": "客服部", "sales": "销售部/门店营运", "purchasing": "采购部", "facilities": "后勤保障部",
        "food_safety": "食品安全部", "security": "安保部", "themes": "主题词",
    },
    "en": {
        "urgent": "urgent", "important": "important", "general": "general", "minor": "minor",
        "service": "service", "product": "product", "environment": "environment", "safety": "safety",
        "other": "other", "complaint": "complaint", "suggestion": "suggestion", "praise": "praise",
        "inquiry": "inquiry", "customer_service": "customer service", "sales": "sales and store operations",
        "purchasing": "purchasing", "facilities": "facilities", "food_safety": "food safety", "security": "security",
        "themes": "themes",
    },
}
