import CampaignStorage

extension StoreError {
    /// The parts of a `.damaged` error, nil for any other: `try #require(error?.damage, …)`.
    package var damage: (file: String, line: Int, offset: Int, reason: String)? {
        guard case let .damaged(file, line, offset, reason) = self else { return nil }
        return (file, line, offset, reason)
    }
}
