"""Outbound messages (SMS, WeChat, app push, e-mail): written with the change that causes them, sent by a
worker through a channel adapter, so a send never holds a case transaction open and nothing is sent twice."""
