extension DingTalkTransport {
    package static let setupHint = "钉钉: CXZY_DINGTALK_CLIENT_ID/CXZY_DINGTALK_CLIENT_SECRET"
}
