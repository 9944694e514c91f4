"""Contacts with the customer (溝通記錄): every call, message or visit, recorded on the case."""
