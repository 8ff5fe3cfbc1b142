extension FeishuTransport {
    package static let setupHint = "飞书: CXZY_FEISHU_APP_ID with the other CXZY_FEISHU_… settings"
}
