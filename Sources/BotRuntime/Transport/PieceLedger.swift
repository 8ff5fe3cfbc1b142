/// The pieces of long messages already sent, per outbox id, so a retry after a failed piece resumes at that piece
/// instead of repeating the first ones.
actor PieceLedger {
    private var sent: [Int: Int] = [:]

    /// Sends the pieces of message `id` not sent yet, in order.
    func send<Piece: Sendable>(
        _ pieces: [Piece], of id: Int, _ body: @Sendable (Int, Piece) async throws -> Void
    ) async throws {
        let done = sent[id] ?? 0
        for i in done..<pieces.count {
            try await body(i, pieces[i])
            if pieces.count > 1 { sent[id] = i + 1 }
        }
        sent[id] = nil
    }
}
