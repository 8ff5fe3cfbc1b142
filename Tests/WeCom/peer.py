#!/usr/bin/env python3
"""Independent WeCom callback peer built on wechatpy (1.8.x), for cross-checking CallbackCipher.

Reads one JSON request on stdin and prints one JSON response on stdout:

  request:  {"token", "aes_key", "corp_id", "cases": [case, ...]}
  cases:    {"kind": "echo",    "echostr_plain", "timestamp", "nonce"}
            {"kind": "message", "xml", "timestamp", "nonce", "agent_id"?}
            {"kind": "decrypt", "encrypt", "msg_signature", "timestamp", "nonce"}
  response: {"results": [result, ...]}, one per case, in order:
            echo    -> {"echostr", "msg_signature"}          (what WeCom sends to verify the URL)
            message -> {"encrypt", "msg_signature", "body"}  (body: the outer callback XML WeCom POSTs)
            decrypt -> {"ok": true, "plaintext"} or {"ok": false, "error": exception class name}

Notes on wechatpy's API (read from its source, 1.8.18):
  * signature = sha1 of the four byte strings (token, timestamp, nonce, encrypt) sorted and joined.
  * encrypt_message(msg, nonce, timestamp) appends corp_id after the message, pads PKCS#7 to 32 bytes,
    and returns the *passive reply* XML (Encrypt, MsgSignature, TimeStamp, Nonce), not the inbound
    callback body (ToUserName, AgentID, Encrypt); this script builds the latter itself.
  * check_signature(signature, timestamp, nonce, echo_str) verifies and returns the decrypted echostr.
  * decrypt_message(msg, signature, timestamp, nonce) takes the XML (or a dict) holding Encrypt.
  * its decryption does not validate the padding bytes or the length field.

Only the standard library besides wechatpy (which needs `cryptography` or `pycryptodome`).
"""
import json
import sys
import xml.etree.ElementTree as ET

from wechatpy.enterprise.crypto import WeChatCrypto


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def seal(crypto, plaintext, timestamp, nonce):
    """Encrypt and sign with wechatpy; returns (encrypt, msg_signature)."""
    reply = ET.fromstring(crypto.encrypt_message(plaintext, nonce, timestamp))
    return reply.findtext("Encrypt"), reply.findtext("MsgSignature")


def run_case(crypto, corp_id, case):
    kind = case["kind"]
    timestamp, nonce = str(case["timestamp"]), str(case["nonce"])
    if kind == "echo":
        echostr, signature = seal(crypto, case["echostr_plain"], timestamp, nonce)
        return {"echostr": echostr, "msg_signature": signature}
    if kind == "message":
        encrypt, signature = seal(crypto, case["xml"], timestamp, nonce)
        body = "<xml><ToUserName>%s</ToUserName><AgentID>%s</AgentID><Encrypt>%s</Encrypt></xml>" % (
            cdata(corp_id), cdata(str(case.get("agent_id", ""))), cdata(encrypt))
        return {"encrypt": encrypt, "msg_signature": signature, "body": body}
    if kind == "decrypt":
        try:
            plaintext = crypto.decrypt_message(
                {"Encrypt": case["encrypt"]}, case["msg_signature"], timestamp, nonce)
        except Exception as error:  # wechatpy raises InvalidSignatureException, InvalidCorpIdException, ...
            return {"ok": False, "error": type(error).__name__}
        if isinstance(plaintext, bytes):
            plaintext = plaintext.decode("utf-8")
        return {"ok": True, "plaintext": plaintext}
    raise ValueError("unknown case kind: %r" % kind)


def main():
    request = json.load(sys.stdin)
    crypto = WeChatCrypto(request["token"], request["aes_key"], request["corp_id"])
    results = [run_case(crypto, request["corp_id"], case) for case in request["cases"]]
    json.dump({"results": results}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
