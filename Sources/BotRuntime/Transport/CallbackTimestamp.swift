package import Foundation

/// A signed callback's timestamp, judged against this machine's real clock (never the campaign's clock, which may be
/// set to another day). A file of its own, with Foundation only, so the fuzz targets compile it as it is.
package enum CallbackTimestamp {
    /// The timestamp (`unitsPerSecond` units since 1970, as text: seconds or milliseconds, as the platform sends it)
    /// in seconds, when it is a number within `window` of `now`; nil otherwise.
    package static func seconds(
        _ timestamp: String, now: Date, window: TimeInterval, unitsPerSecond: Double = 1
    ) -> Double? {
        guard timestamp.utf8.count <= 20, let units = Double(timestamp), units.isFinite else { return nil }
        let seconds = units / unitsPerSecond
        guard abs(now.timeIntervalSince1970 - seconds) <= window else { return nil }
        return seconds
    }
}
