#!/usr/bin/env python3
"""Feishu's picture and file messages sent by lark-oapi, Feishu's own Python SDK, to the fake Feishu open API.

It shows that the fake reads `im/v1/images` and `im/v1/files` uploads (multipart, as the SDK encodes them) and image
and file messages as the vendor writes them; the bot's own client is checked against the same fake.

Reads one JSON request on stdin, prints {"results": [...]} on stdout:
  request: {"base", "app_id", "app_secret", "open_id",
            "files": [{"kind": "image"|"file", "path", "file_type"?}, ...]}
  result:  {"code", "key", "send_code"} per file, in order.
"""
import json
import os
import sys

import lark_oapi as lark
from lark_oapi.api.im.v1 import (
    CreateFileRequest,
    CreateFileRequestBody,
    CreateImageRequest,
    CreateImageRequestBody,
    CreateMessageRequest,
    CreateMessageRequestBody,
)


def main():
    request = json.load(sys.stdin)
    client = (
        lark.Client.builder()
        .app_id(request["app_id"])
        .app_secret(request["app_secret"])
        .domain(request["base"].rstrip("/"))
        .log_level(lark.LogLevel.ERROR)
        .build()
    )
    results = []
    for i, f in enumerate(request["files"]):
        with open(f["path"], "rb") as handle:
            if f["kind"] == "image":
                body = CreateImageRequestBody.builder().image_type("message").image(handle).build()
                upload = client.im.v1.image.create(CreateImageRequest.builder().request_body(body).build())
                key = upload.data.image_key if upload.success() else None
                content = {"image_key": key}
            else:
                body = (
                    CreateFileRequestBody.builder()
                    .file_type(f["file_type"])
                    .file_name(os.path.basename(f["path"]))
                    .file(handle)
                    .build()
                )
                upload = client.im.v1.file.create(CreateFileRequest.builder().request_body(body).build())
                key = upload.data.file_key if upload.success() else None
                content = {"file_key": key}
        send_code = None
        if key:
            message = (
                CreateMessageRequestBody.builder()
                .receive_id(request["open_id"])
                .msg_type(f["kind"])
                .content(json.dumps(content))
                .uuid("peer-%d" % i)
                .build()
            )
            sent = client.im.v1.message.create(
                CreateMessageRequest.builder().receive_id_type("open_id").request_body(message).build())
            send_code = sent.code
        results.append({"code": upload.code, "key": key, "send_code": send_code})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
