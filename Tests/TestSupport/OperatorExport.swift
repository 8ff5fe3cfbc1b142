package import CampaignCore

/// The tests read exports as the server's operator does (`cxzy export`).
extension Export {
    package static func csv(state: BotState, what: What, codes: Bool = false) -> String {
        PrivateReader.forServerOperator { csv(state: state, what: what, codes: codes, reader: $0) }
    }

    package static func jsonLines(state: BotState, what: What) -> String {
        PrivateReader.forServerOperator { jsonLines(state: state, what: what, reader: $0) }
    }
}
