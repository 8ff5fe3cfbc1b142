package import Logging
import Synchronization

/// Refused requests, logged at most once per kind per interval: the first refusal of a kind is logged at once, the
/// following ones within `interval` are counted and the count goes with the next line of that kind. A flood of
/// unsigned requests costs a line every ten seconds, not one per request. Lines carry the kind, the client's address
/// and the count; never a body, a signature or a secret.
package final class RefusalLog: Sendable {
    package let interval: Duration
    private struct Entry {
        var last: ContinuousClock.Instant
        var suppressed: Int
        var clients: Set<String>
    }
    private let entries = Mutex<[String: Entry]>([:])

    package init(interval: Duration = .seconds(10)) { self.interval = interval }

    /// Records one refusal of `kind` (a short constant phrase) from `client`; logs it when the kind was quiet for
    /// `interval`, with how many were refused since the last line and from how many addresses.
    package func refuse(
        _ kind: String, client: String, logger: Logger, metadata: Logger.Metadata = [:], level: Logger.Level = .warning
    ) {
        let now = ContinuousClock.now
        let line: (suppressed: Int, clients: Int)? = entries.withLock { entries in
            if var entry = entries[kind], now < entry.last.advanced(by: interval) {
                entry.suppressed += 1
                if entry.clients.count < 64 { entry.clients.insert(client) }
                entries[kind] = entry
                return nil
            }
            let previous = entries[kind]
            entries[kind] = Entry(last: now, suppressed: 0, clients: [])
            return (previous?.suppressed ?? 0, previous?.clients.count ?? 0)
        }
        guard let line else { return }
        var metadata = metadata
        metadata["client"] = "\(client)"
        if line.suppressed > 0 {
            metadata["refused_since_last_line"] = "\(line.suppressed)"
            metadata["from_addresses"] = "\(line.clients)"
        }
        logger.log(level: level, "\(kind)", metadata: metadata)
    }
}
