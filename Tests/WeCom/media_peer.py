#!/usr/bin/env python3
"""WeCom's picture and file messages sent by wechatpy (1.8.x), WeCom's own Python SDK, to the fake WeCom API.

It shows that the fake reads an upload (multipart, part "media") and an image/file message as the vendor's SDK
writes them; the bot's own client is checked against the same fake.

Reads one JSON request on stdin, prints {"results": [...]} on stdout:
  request: {"base", "corp_id", "secret", "agent_id", "user", "files": [{"type", "name", "path"}, ...]}
  result:  {"media_id", "upload": <wechatpy's JSON answer>, "send": <its JSON answer>} per file, in order.
"""
import json
import sys

from wechatpy.enterprise import WeChatClient


def client_for(base, corp_id, secret):
    api = base.rstrip("/") + "/cgi-bin/"

    class LocalClient(WeChatClient):
        API_BASE_URL = api

        def fetch_access_token(self):
            return self._fetch_access_token(
                url=api + "gettoken", params={"corpid": self.corp_id, "corpsecret": self.secret})

    return LocalClient(corp_id, secret)


def main():
    request = json.load(sys.stdin)
    client = client_for(request["base"], request["corp_id"], request["secret"])
    results = []
    for f in request["files"]:
        with open(f["path"], "rb") as handle:
            upload = client.media.upload(f["type"], (f["name"], handle))
        media_id = upload["media_id"]
        if f["type"] == "image":
            send = client.message.send_image(request["agent_id"], request["user"], media_id)
        else:
            send = client.message.send_file(request["agent_id"], request["user"], media_id)
        results.append({"media_id": media_id, "upload": upload, "send": send})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
