"""The staff work group (顧客反饋處理工作群): every new case announced, the supervisor alerted to urgent ones,
and a daily progress-and-figures digest, all without personal data."""
