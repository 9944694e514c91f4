"""Case reports: the emergency report (緊急反饋處理報告) and the important report (重要反饋處理報告), drafted from
the case's timeline, submitted, reviewed by the supervisor and approved or returned by the manager."""
