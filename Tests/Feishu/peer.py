#!/usr/bin/env python3
"""Feishu's official SDK (lark-oapi, PyPI) as an independent reader of the event callbacks the tests build, to
cross-check them with the documented algorithm.

Reads one JSON request on stdin and prints one JSON response on stdout:

  request:  {"encrypt_key", "verification_token", "cases": [{"body", "headers"}, ...]}
  response: {"results": [result, ...]}, one per case, in order:
            {"status": HTTP status lark-oapi's dispatcher answers, "body": its answer,
             "plaintext": the body decrypted with lark-oapi's AESCipher (or null),
             "message": {"event_id", "open_id", "chat_type", "text"} when an im.message.receive_v1 reached the handler}

Notes from lark-oapi's source (1.x): AESCipher uses key = SHA-256(encrypt_key), IV = the first 16 bytes of the
decoded payload, PKCS#7; EventDispatcherHandler verifies the token (constant time), answers url_verification with
its challenge without a signature check, and otherwise checks X-Lark-Signature = hex SHA-256(timestamp + nonce +
encrypt_key + body) when an encrypt key is set; failures are answered 500 with {"msg": reason}.
"""
import json
import sys

import lark_oapi as lark
from lark_oapi.core.model import RawRequest
from lark_oapi.core.utils.decryptor import AESCipher


def main():
    request = json.load(sys.stdin)
    received = []

    def on_message(data):
        event = data.event
        received.append({
            "event_id": data.header.event_id,
            "open_id": event.sender.sender_id.open_id,
            "chat_type": event.message.chat_type,
            "text": json.loads(event.message.content).get("text"),
        })

    handler = (lark.EventDispatcherHandler
               .builder(request["encrypt_key"], request["verification_token"], lark.LogLevel.CRITICAL)
               .register_p2_im_message_receive_v1(on_message)
               .build())
    results = []
    for case in request["cases"]:
        received.clear()
        raw = RawRequest()
        raw.uri = "/feishu/events"
        raw.body = case["body"].encode("utf-8")
        raw.headers = dict(case.get("headers", {}))
        response = handler.do(raw)
        plaintext = None
        try:
            encrypted = json.loads(case["body"]).get("encrypt")
            if encrypted:
                plaintext = AESCipher(request["encrypt_key"]).decrypt_str(encrypted)
        except Exception:
            plaintext = None
        results.append({"status": response.status_code, "body": response.content.decode("utf-8"),
                        "plaintext": plaintext, "message": received[0] if received else None})
    json.dump({"results": results}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
