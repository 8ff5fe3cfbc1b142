#!/usr/bin/env python3
"""DingTalk's official Stream SDK (dingtalk-stream, PyPI) as a client of the fake DingTalk, to check that the fake
speaks the real protocol.

    sdk_client.py BASE CLIENT_ID CLIENT_SECRET

BASE is the fake's open API (http://127.0.0.1:PORT). The SDK fetches an access token, opens a connection
(`/v1.0/gateway/connections/open`), connects to the WebSocket it names, and hands each robot message to the handler
below, which prints it as one JSON line and acknowledges it (the SDK builds the ACK frame). Nothing leaves loopback:
`get_host_ip` (a UDP connect to a public address) is replaced. The SDK's `start()` loop swallows cancellation, so
the test ends this process instead of cancelling anything.

Notes from the SDK's source (0.24.x): frames are JSON `{"specVersion", "type", "headers", "data"}` with `data` a JSON
text; the ACK is `{"code", "headers": {"contentType", "messageId"}, "message", "data"}` with `data` a JSON text; a
SYSTEM `disconnect` makes the SDK close the socket and open a new connection with a new ticket.
"""
import asyncio
import json
import os
import sys

BASE, CLIENT_ID, CLIENT_SECRET = sys.argv[1], sys.argv[2], sys.argv[3]
os.environ["DINGTALK_OPENAPI_ENDPOINT"] = BASE

import dingtalk_stream  # noqa: E402  (reads DINGTALK_OPENAPI_ENDPOINT when imported)
from dingtalk_stream import AckMessage, ChatbotMessage  # noqa: E402


def emit(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


class Handler(dingtalk_stream.ChatbotHandler):
    async def process(self, callback):
        message = ChatbotMessage.from_dict(callback.data)
        emit({"kind": "message", "topic": callback.headers.topic, "msgId": message.message_id,
              "text": message.text.content if message.text else None, "staff": message.sender_staff_id,
              "conversationType": message.conversation_type, "inAtList": message.is_in_at_list})
        return AckMessage.STATUS_OK, "OK"


def main():
    client = dingtalk_stream.DingTalkStreamClient(dingtalk_stream.Credential(CLIENT_ID, CLIENT_SECRET))
    client.OPEN_CONNECTION_API = BASE + "/v1.0/gateway/connections/open"
    client.get_host_ip = lambda: "127.0.0.1"
    client.register_callback_handler(ChatbotMessage.TOPIC, Handler())
    emit({"kind": "token", "token": client.get_access_token()})
    asyncio.run(client.start())


if __name__ == "__main__":
    main()
