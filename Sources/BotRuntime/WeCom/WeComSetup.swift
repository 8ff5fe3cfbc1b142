extension WeComTransport {
    package static let setupHint = "企业微信: CXZY_WECOM_CORP_ID with the other CXZY_WECOM_… settings"
}
