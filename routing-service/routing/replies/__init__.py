"""Message templates (回覆範本): what staff and the system say to customers and to the work group, in
Traditional Chinese, Simplified Chinese and English, with placeholders filled from the case."""
