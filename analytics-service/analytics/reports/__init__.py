"""Reports: the monthly feedback analysis report (客戶反饋分析報告), the dashboard page, and their charts."""
